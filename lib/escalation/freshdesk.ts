import { z } from 'zod';
import { createTranslator } from '../i18n';
import { freshdeskBaseUrl, freshdeskBasicAuth } from './freshdesk-account';
import { type Attempt, attemptFetch, isRetryableStatus, readErrorText, readJson } from './http';
import { hasNoteRef } from './note-ref';
import type { ActionResult, EscalationLanguage, FetchLike } from './types';

/**
 * The Freshdesk action uses an API key from settings (Freshdesk's REST API takes `key:X` as Basic auth), so it runs in
 * an extension context with host permission for the helpdesk rather than in the page.
 */

export interface FreshdeskActionInput {
  ticketId: string;
  /** "acme", "acme.freshdesk.com" or a full URL; ignored when `deps.baseUrl` is given. */
  domain: string;
  apiKey: string;
  /** Freshdesk priority to raise to (2 medium, 3 high, 4 urgent); a higher current priority is kept. */
  priority: 2 | 3 | 4;
  /** Group to assign, '' to leave the assignment alone. */
  groupId: string;
  /** Tags to add; the ticket's existing tags are kept. */
  tags: string[];
  /** Body of the private note (plain text), '' for none. */
  note: string;
  /**
   * The escalation's reference (`noteRefOf`), written into `note`: a note already carrying it on the ticket (an
   * earlier attempt that timed out after Freshdesk stored it) is not posted again. '' skips the check.
   */
  noteRef: string;
  lang: EscalationLanguage;
}

export interface FreshdeskActionDeps {
  fetch: FetchLike;
  /** Overrides the URL built from the domain (tests, self-hosted proxies). */
  baseUrl?: string;
  timeoutMs?: number;
}

const ticketResponse = z.object({
  tags: z.array(z.string()).nullable().default([]),
  priority: z.number().nullable().optional(),
});

/** "List All Conversations of a Ticket" (`GET /api/v2/tickets/{id}/conversations`), only what the check reads. */
const conversationsResponse = z.array(
  z.object({ body: z.string().nullable().optional(), body_text: z.string().nullable().optional() }),
);
/** Freshdesk's largest page; conversations come oldest first, so an earlier attempt's note is on the last page. */
const CONVERSATIONS_PAGE_SIZE = 100;
/** Pages read at most (5,000 conversations); a longer ticket is reported instead of risking a second note. */
const CONVERSATIONS_MAX_PAGES = 50;

const priorityNames: Record<number, { en: string; de: string }> = {
  1: { en: 'low', de: 'niedrig' },
  2: { en: 'medium', de: 'mittel' },
  3: { en: 'high', de: 'hoch' },
  4: { en: 'urgent', de: 'dringend' },
};

/** The Freshdesk ticket id in a helpdesk URL (`/a/tickets/123`, `/helpdesk/tickets/123`), or undefined. */
export function findFreshdeskTicketId(url: string): string | undefined {
  return /\/(?:a|helpdesk)\/tickets\/(\d+)/.exec(url)?.[1];
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Freshdesk notes are HTML: the plain summary keeps its line breaks as `<br>`. */
export function toFreshdeskHtml(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>');
}

/** The Freshdesk action's result texts in one language, from the catalogue (lib/strings/escalation-actions.ts). */
function freshdeskText(lang: EscalationLanguage) {
  const t = createTranslator(lang);
  return {
    notConfigured: t('escalationActions.freshdesk.notConfigured'),
    timeout: t('escalationActions.freshdesk.timeout'),
    network: (message: string) => t('escalationActions.freshdesk.network', { message }),
    auth: t('escalationActions.freshdesk.auth'),
    notFound: (id: string) => t('escalationActions.freshdesk.notFound', { id }),
    rejected: (status: number, body: string) =>
      body
        ? t('escalationActions.freshdesk.rejectedWithBody', { status, body })
        : t('escalationActions.freshdesk.rejected', { status }),
    unavailable: (status: number) => t('escalationActions.freshdesk.unavailable', { status }),
    malformed: t('escalationActions.freshdesk.malformed'),
    noteFailed: (detail: string) => t('escalationActions.freshdesk.noteFailed', { detail }),
    done: (id: string, parts: string[]) => t('escalationActions.freshdesk.done', { id, parts: parts.join(', ') }),
    priority: (value: string) => t('escalationActions.freshdesk.priority', { value }),
    priorityKept: (value: string) => t('escalationActions.freshdesk.priorityKept', { value }),
    tags: (tags: string[]) => t('escalationActions.freshdesk.tags', { tags: tags.join(', ') }),
    tagsPresent: t('escalationActions.freshdesk.tagsPresent'),
    group: (id: string) => t('escalationActions.freshdesk.group', { id }),
    note: t('escalationActions.freshdesk.note'),
    noteExists: t('escalationActions.freshdesk.noteExists'),
    tooLong: t('escalationActions.freshdesk.tooLong'),
  };
}

type Texts = ReturnType<typeof freshdeskText>;

function fail(detail: string, retryable: boolean): ActionResult {
  return { action: 'freshdesk', ok: false, detail, retryable };
}

async function failureOf(attempt: Attempt, t: Texts, ticketId: string): Promise<ActionResult | undefined> {
  if (attempt.kind === 'timeout') return fail(t.timeout, true);
  if (attempt.kind === 'network') return fail(t.network(attempt.message), true);
  const { status } = attempt.response;
  if (attempt.response.ok) return undefined;
  if (status === 401 || status === 403) return fail(t.auth, false);
  if (status === 404) return fail(t.notFound(ticketId), false);
  if (isRetryableStatus(status)) return fail(t.unavailable(status), true);
  return fail(t.rejected(status, await readErrorText(attempt.response)), false);
}

/**
 * Whether a conversation of the ticket carries `ref`, or the failure that kept us from knowing (then nothing is
 * posted: a second note is worse than a retry).
 */
async function findNoteRef(
  deps: FreshdeskActionDeps,
  ticketUrl: string,
  headers: Record<string, string>,
  ref: string,
  t: Texts,
  ticketId: string,
): Promise<boolean | ActionResult> {
  for (let page = 1; page <= CONVERSATIONS_MAX_PAGES; page++) {
    const attempt = await attemptFetch(
      deps.fetch,
      `${ticketUrl}/conversations?per_page=${CONVERSATIONS_PAGE_SIZE}&page=${page}`,
      { method: 'GET', headers },
      deps.timeoutMs,
    );
    const failure = await failureOf(attempt, t, ticketId);
    if (failure || attempt.kind !== 'response') return failure ?? fail(t.malformed, true);
    const parsed = conversationsResponse.safeParse(await readJson(attempt.response));
    if (!parsed.success) return fail(t.malformed, true);
    if (parsed.data.some((entry) => hasNoteRef(entry.body_text, ref) || hasNoteRef(entry.body, ref))) return true;
    if (parsed.data.length < CONVERSATIONS_PAGE_SIZE) return false;
  }
  return fail(t.tooLong, false);
}

/**
 * Escalates a Freshdesk ticket: raises its priority, adds tags (merged with the existing ones), optionally assigns a
 * group, then adds the handoff summary as a private note unless one carrying `noteRef` is already there (a retry
 * after a timeout never posts it twice). Freshdesk has no conditional update, so the tags are read
 * right before the write to keep the window for a lost tag small. Never throws.
 */
export async function runFreshdeskAction(
  input: FreshdeskActionInput,
  deps: FreshdeskActionDeps,
): Promise<ActionResult> {
  const t = freshdeskText(input.lang);
  if (!input.apiKey.trim() || (!deps.baseUrl && !input.domain.trim())) return fail(t.notConfigured, false);
  const baseUrl = (deps.baseUrl ?? freshdeskBaseUrl(input.domain)).replace(/\/+$/, '');
  const ticketUrl = `${baseUrl}/api/v2/tickets/${encodeURIComponent(input.ticketId)}`;
  try {
    const headers = {
      Accept: 'application/json',
      'Content-Type': 'application/json',
      Authorization: freshdeskBasicAuth(input.apiKey.trim()),
    };
    const read = await attemptFetch(deps.fetch, ticketUrl, { method: 'GET', headers }, deps.timeoutMs);
    const readFailure = await failureOf(read, t, input.ticketId);
    if (readFailure || read.kind !== 'response') return readFailure ?? fail(t.malformed, true);
    const parsed = ticketResponse.safeParse(await readJson(read.response));
    if (!parsed.success) return fail(t.malformed, true);
    const existing = parsed.data.tags ?? [];
    const existingLower = existing.map((tag) => tag.toLowerCase());
    const added = [...new Set(input.tags.map((tag) => tag.trim()).filter(Boolean))].filter(
      (tag) => !existingLower.includes(tag.toLowerCase()),
    );

    const update: Record<string, unknown> = { tags: [...existing, ...added] };
    const parts: string[] = [];
    const currentPriority = parsed.data.priority ?? 1;
    if (input.priority > currentPriority) {
      update.priority = input.priority;
      parts.push(t.priority(priorityNames[input.priority]?.[input.lang] ?? String(input.priority)));
    } else {
      parts.push(t.priorityKept(priorityNames[currentPriority]?.[input.lang] ?? String(currentPriority)));
    }
    parts.push(added.length > 0 ? t.tags(added) : t.tagsPresent);
    const groupId = input.groupId.trim();
    if (groupId) {
      update.group_id = /^\d+$/.test(groupId) ? Number(groupId) : groupId;
      parts.push(t.group(groupId));
    }

    const write = await attemptFetch(
      deps.fetch,
      ticketUrl,
      { method: 'PUT', headers, body: JSON.stringify(update) },
      deps.timeoutMs,
    );
    const writeFailure = await failureOf(write, t, input.ticketId);
    if (writeFailure) return writeFailure;

    const found =
      input.note.trim() && input.noteRef
        ? await findNoteRef(deps, ticketUrl, headers, input.noteRef, t, input.ticketId)
        : false;
    if (typeof found !== 'boolean') return { ...found, detail: t.noteFailed(found.detail) };
    if (found) parts.push(t.noteExists);
    if (input.note.trim() && !found) {
      const note = await attemptFetch(
        deps.fetch,
        `${ticketUrl}/notes`,
        { method: 'POST', headers, body: JSON.stringify({ body: toFreshdeskHtml(input.note), private: true }) },
        deps.timeoutMs,
      );
      const noteFailure = await failureOf(note, t, input.ticketId);
      // Re-running the whole action is safe: the update is idempotent (merged tags, raise-only priority) and the note
      // is looked for by its reference before it is posted again.
      if (noteFailure) return { ...noteFailure, detail: t.noteFailed(noteFailure.detail) };
      parts.push(t.note);
    }
    return { action: 'freshdesk', ok: true, detail: t.done(input.ticketId, parts), retryable: false };
  } catch (error) {
    // Defensive: an action never throws into the escalation; whatever broke is reported as a retryable failure.
    return fail(t.network(error instanceof Error ? error.message : String(error)), true);
  }
}

export { freshdeskBaseUrl } from './freshdesk-account';
