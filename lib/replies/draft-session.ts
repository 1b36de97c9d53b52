/**
 * The panel's drafting session as plain data: what the agent sees while drafts and rewrites stream in, and how each
 * engine event changes it. Pure, so the whole flow (streaming, cancel, fallback, rewrite and undo) is unit-tested
 * without React; `hooks.ts` drives it with `useReducer`.
 */
import type { ConversationMood, Language } from '../analysis/types';
import type { TemplateRecord } from '../db';
import { type SerializedError, serializeError } from '../errors';
import type { Intent } from '../models/types';
import type { Settings } from '../settings';
import type { Conversation } from '../sites/types';
import { detectAddressForm } from './address-form';
import { conversationFacts } from './claims';
import type { DraftEvent, DraftRequest, DraftSlot } from './engine';
import { checkDraft, type GuardrailWarning } from './guardrails';
import { fillTemplate } from './templates/placeholders';
import { suggestTemplates } from './templates/ranking';

/** One draft in the panel: a variant, or the agent's own reply rewritten (`key` `own`). */
export interface DraftEntry {
  key: string;
  slot: DraftSlot;
  text: string;
  state: 'streaming' | 'done' | 'stopped';
  /** The text before the last rewrite: restored by Undo, or when the rewrite is cancelled or fails. */
  previous?: string;
}

export interface DraftSessionState {
  entries: DraftEntry[];
  activity: 'idle' | 'loading' | 'drafting' | 'rewriting';
  /** The entry a running rewrite writes into. */
  target?: string;
  /** Why the engine switched to templates mid-way (a `fallback` event), in plain words. */
  notice?: string;
  error?: SerializedError;
}

export type DraftSessionAction =
  | { type: 'start-draft' }
  | { type: 'start-rewrite'; key: string }
  | { type: 'loaded' }
  | { type: 'event'; event: DraftEvent }
  | { type: 'failed'; error: SerializedError }
  | { type: 'finished' }
  | { type: 'edit'; key: string; text: string }
  | { type: 'undo'; key: string }
  | { type: 'reset' };

/** The key a rewrite of the agent's own reply (from the site's reply box) is shown under. */
export const ownReplyKey = 'own';

export const initialDraftSession: DraftSessionState = { entries: [], activity: 'idle' };

function updateEntry(entries: DraftEntry[], key: string, change: (entry: DraftEntry) => DraftEntry): DraftEntry[] {
  return entries.map((entry) => (entry.key === key ? change(entry) : entry));
}

/** Puts a rewrite target back as it was before the rewrite started (a new entry for the agent's text goes away). */
function restoreTarget(entries: DraftEntry[], key: string | undefined): DraftEntry[] {
  if (key === undefined) return entries;
  const entry = entries.find((e) => e.key === key);
  if (entry?.state !== 'streaming') return entries;
  if (entry.previous === undefined) return entries.filter((e) => e.key !== key);
  const { previous, ...rest } = entry;
  return updateEntry(entries, key, () => ({ ...rest, text: previous, state: 'done' }));
}

function stopStreaming(entries: DraftEntry[]): DraftEntry[] {
  return entries.map((entry) => (entry.state === 'streaming' ? { ...entry, state: 'stopped' } : entry));
}

function applyEvent(state: DraftSessionState, event: DraftEvent): DraftSessionState {
  const target = state.target;
  switch (event.type) {
    case 'variant-start': {
      if (target !== undefined) {
        const existing = state.entries.find((e) => e.key === target);
        if (!existing) {
          return {
            ...state,
            entries: [...state.entries, { key: target, slot: event.variant, text: '', state: 'streaming' }],
          };
        }
        return {
          ...state,
          entries: updateEntry(state.entries, target, (e) => ({
            ...e,
            previous: e.text,
            text: '',
            state: 'streaming',
          })),
        };
      }
      const fresh: DraftEntry = { key: event.variant, slot: event.variant, text: '', state: 'streaming' };
      return { ...state, entries: [...state.entries.filter((e) => e.key !== event.variant), fresh] };
    }
    case 'token': {
      const key = target ?? event.variant;
      return { ...state, entries: updateEntry(state.entries, key, (e) => ({ ...e, text: e.text + event.text })) };
    }
    case 'variant-end': {
      const key = target ?? event.variant;
      return { ...state, entries: updateEntry(state.entries, key, (e) => ({ ...e, text: event.text, state: 'done' })) };
    }
    case 'fallback':
      // The fallback engine starts the variants again; a rewrite gets its text back and then fails with a reason.
      return {
        ...state,
        notice: event.message,
        entries: target === undefined ? [] : restoreTarget(state.entries, target),
      };
    case 'error': {
      const entries = target === undefined ? stopStreaming(state.entries) : restoreTarget(state.entries, target);
      const next: DraftSessionState = { entries, activity: 'idle' };
      if (state.notice !== undefined) next.notice = state.notice;
      if (event.code !== 'replies/cancelled') next.error = { code: event.code, message: event.message };
      return next;
    }
    case 'done': {
      const next: DraftSessionState = { entries: stopStreaming(state.entries), activity: 'idle' };
      if (state.notice !== undefined) next.notice = state.notice;
      return next;
    }
  }
}

/** The drafting session's reducer: engine events in, what the panel shows out. */
export function reduceDraftSession(state: DraftSessionState, action: DraftSessionAction): DraftSessionState {
  switch (action.type) {
    case 'start-draft':
      return { entries: [], activity: 'loading' };
    case 'start-rewrite': {
      const next: DraftSessionState = { entries: state.entries, activity: 'loading', target: action.key };
      if (state.notice !== undefined) next.notice = state.notice;
      return next;
    }
    case 'loaded':
      return state.activity === 'loading'
        ? { ...state, activity: state.target === undefined ? 'drafting' : 'rewriting' }
        : state;
    case 'event':
      return applyEvent(state, action.event);
    case 'failed': {
      const entries =
        state.target === undefined ? stopStreaming(state.entries) : restoreTarget(state.entries, state.target);
      const next: DraftSessionState = { entries, activity: 'idle' };
      if (state.notice !== undefined) next.notice = state.notice;
      if (action.error.code !== 'replies/cancelled') next.error = action.error;
      return next;
    }
    case 'finished': {
      // A stream that ended without `done` or `error` (the consumer stopped reading) leaves nothing half-written.
      if (state.activity === 'idle') return state;
      const entries =
        state.target === undefined ? stopStreaming(state.entries) : restoreTarget(state.entries, state.target);
      const next: DraftSessionState = { entries, activity: 'idle' };
      if (state.notice !== undefined) next.notice = state.notice;
      return next;
    }
    case 'edit':
      return { ...state, entries: updateEntry(state.entries, action.key, (e) => ({ ...e, text: action.text })) };
    case 'undo':
      return {
        ...state,
        entries: updateEntry(state.entries, action.key, (e) => {
          if (e.previous === undefined) return e;
          const { previous, ...rest } = e;
          return { ...rest, text: previous };
        }),
      };
    case 'reset':
      return initialDraftSession;
  }
}

/** Runs one engine stream into `dispatch`, turning a thrown error into a `failed` action. */
export async function pumpDraftStream(
  events: AsyncIterable<DraftEvent>,
  dispatch: (action: DraftSessionAction) => void,
): Promise<void> {
  try {
    for await (const event of events) dispatch({ type: 'event', event });
  } catch (error) {
    dispatch({ type: 'failed', error: serializeError(error) });
    return;
  }
  dispatch({ type: 'finished' });
}

/** What the panel knows when the agent asks for drafts. */
export interface DraftInputs {
  conversation: Conversation;
  mood: ConversationMood | null;
  intents: readonly { intent: Intent; p: number }[];
  templates: readonly TemplateRecord[];
  settings: Pick<Settings, 'replies' | 'agent'>;
}

/**
 * Builds the engine's request from the panel's state: the five best-ranked team templates for the conversation's
 * intent, mood, language and Sie/Du (claims the conversation does not show ranked down), the top intent, the brand
 * voice, policy, the agent's name, and du/Sie as the conversation shows it unless the team fixed it.
 */
export function buildDraftRequest(inputs: DraftInputs): DraftRequest {
  const { conversation, mood, intents, settings } = inputs;
  const language: Language = mood?.language ?? 'en';
  // Du or Sie as the conversation shows it unless the team fixed it (issue 19), as the suggestions chip says.
  const formality =
    detectAddressForm(conversation, language, {
      germanFormality: settings.replies.germanFormality,
      germanFormalityMode: settings.replies.germanFormalityMode,
    }).form ?? settings.replies.germanFormality;
  const ranked = suggestTemplates(inputs.templates, {
    intents,
    mood,
    language,
    formality,
    facts: conversationFacts(conversation),
    limit: 5,
  }).map((suggestion) => suggestion.template);
  const request: DraftRequest = {
    conversation,
    templates: ranked,
    replies: {
      brandVoice: settings.replies.brandVoice,
      policyText: settings.replies.policyText,
      germanFormality: formality,
    },
    agentName: settings.agent.name,
    language,
  };
  if (mood) request.mood = mood;
  const top = intents[0];
  if (top) request.intent = { intent: top.intent, p: top.p };
  return request;
}

/**
 * Fills a team template for a draft. Facts nothing could fill stay visible as `[Order number]`-style placeholders
 * in the template's language, so the agent sees what to add — never an empty gap, never a raw `{{…}}`.
 */
export function fillTemplateForDraft(template: TemplateRecord, request: DraftRequest): string {
  const filled = fillTemplate(template.body, {
    language: template.language,
    conversation: request.conversation,
    agentName: request.agentName,
  });
  let text = '';
  for (const segment of filled.segments) {
    if (segment.type === 'text') text += segment.text;
    else if (segment.type === 'value') {
      // An empty fallback ("Hi {{name | ""}},") must not leave "Hi ," behind.
      if (segment.text === '' && text.endsWith(' ')) text = text.slice(0, -1);
      text += segment.text;
    } else text += `[${segment.spec.label[template.language]}]`;
  }
  return text.replace(/ +([,.;:!?])/gu, '$1');
}

/** Guardrail findings for a draft as it stands (after the agent's edits too). */
export function draftWarnings(text: string, request: DraftRequest): GuardrailWarning[] {
  return checkDraft(text, {
    conversation: request.conversation,
    policyText: request.replies.policyText,
    knownText: [request.replies.brandVoice, ...request.templates.map((template) => template.body)],
  });
}

/** A draft split into plain text and placeholders still to fill (`[order status]`, `{{…}}`), for highlighting. */
export function splitPlaceholders(text: string): { text: string; placeholder: boolean }[] {
  const parts: { text: string; placeholder: boolean }[] = [];
  let last = 0;
  for (const match of text.matchAll(/\[[^\]\n]{1,60}\]|\{\{[^}\n]{1,60}\}\}/gu)) {
    const index = match.index ?? 0;
    if (index > last) parts.push({ text: text.slice(last, index), placeholder: false });
    parts.push({ text: match[0], placeholder: true });
    last = index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), placeholder: false });
  return parts;
}
