import type { ConversationMood } from '../analysis/types';
import { conversationKey, getDb, type RapportDb } from '../db';
import { AppError } from '../errors';
import { createTranslator, type MessageKey } from '../i18n';
import type { Intent } from '../models/types';
import { createLocalPanelData, type EscalationRecordStore } from '../panel/panel-data';
import type { EscalationSettings } from '../settings';
import type { Conversation, SiteId } from '../sites/types';
import { type ActionDeps, actionRegistry, plannedActions, type SetupProblem, setupProblem } from './actions';
import { findFreshdeskTicketId } from './freshdesk';
import { isActionName, type RetryContext, type StoredAction, type StoredEscalation } from './records';
import { buildHandoffSummary, type HandoffSummary } from './summary';
import type { ActionName, ActionResult, EscalationAdvice, EscalationLanguage, EscalationReason } from './types';
import { findZendeskTicketId } from './zendesk';

export { plannedActions } from './actions';
export { formatEscalatedAgo } from './format';
export { getEscalations } from './records';

/** What the agent escalates: the conversation as read, its mood, the rules' reasons and an optional note. */
export interface EscalationRequest {
  conversation: Conversation;
  mood: ConversationMood;
  reasons: EscalationReason[];
  /** The agent's note to the team lead ('' for none). */
  note: string;
  lang: EscalationLanguage;
  intent?: Intent;
  /** Order numbers known beyond the text (a helpdesk field). */
  orderNumbers?: string[];
}

export interface EscalateDeps extends ActionDeps {
  settings: EscalationSettings;
  now?: () => number;
  /**
   * Where records are kept: the panel passes its data layer (lib/panel/panel-data.ts), which is the background's
   * database in the in-page drawer. Without it, `db` (tests) or this page's own database.
   */
  records?: EscalationRecordStore;
  db?: RapportDb;
}

export type EscalationStatus = 'done' | 'partial' | 'failed';

export type EscalateOutcome =
  | { status: 'not-configured'; missing: MissingConfiguration }
  | {
      status: EscalationStatus;
      record: StoredEscalation;
      /** This run's results, with what the panel must finish (open the email draft, copy the text). */
      results: ActionResult[];
      summary: HandoffSummary;
      /** Set when only the clipboard ran: the escalation reached nobody yet. */
      missing?: MissingConfiguration;
    };

export type RetryOutcome =
  | { status: 'not-found' }
  | { status: 'nothing-to-retry'; record: StoredEscalation }
  | { status: EscalationStatus; record: StoredEscalation; results: ActionResult[] };

/** What to set before escalating can reach a team lead. */
export interface MissingConfiguration {
  code: 'escalation/not-configured';
  message: string;
  /** Settings fields (paths under `settings.escalation`) that would fix it, for the options page to highlight. */
  fields: string[];
}

/** A second click within this time after an escalation finished returns that escalation instead of a new one. */
const doubleClickWindowMs = 3_000;

const running = new Map<string, Promise<EscalateOutcome>>();
const finished = new Map<string, { at: number; outcome: EscalateOutcome }>();
const retrying = new Map<number, Promise<RetryOutcome>>();

/** The catalogue text of each setup problem (a missing destination is covered by "set an email or a webhook"). */
const setupMessageKeys = {
  'not-configured': 'escalationActions.notConfigured',
  'not-configured-freshdesk': 'escalationActions.notConfigured.freshdesk',
  'webhook-url-missing': 'escalationActions.notConfigured',
  'webhook-url-invalid': 'escalationActions.problem.webhook-url-invalid',
  'webhook-url-credentials': 'escalationActions.problem.webhook-url-credentials',
  'email-missing': 'escalationActions.notConfigured',
  'email-invalid': 'escalationActions.problem.email-invalid',
  'freshdesk-domain-missing': 'escalationActions.notConfigured.freshdesk',
  'freshdesk-api-key-missing': 'escalationActions.notConfigured.freshdesk',
  'clipboard-off': 'escalationActions.notConfigured',
} as const satisfies Record<SetupProblem['code'], MessageKey>;

/**
 * What the agent must set before escalating reaches a team lead on this site, or null when something is configured:
 * the Escalate button shows the message instead of pretending. Zendesk needs nothing (it uses the agent's session).
 * The action registry decides (`setupProblem`); the message is its catalogue text in `lang`.
 */
export function missingConfiguration(
  site: SiteId,
  settings: EscalationSettings,
  lang: EscalationLanguage = 'en',
): MissingConfiguration | null {
  const problem = setupProblem(site, settings);
  if (!problem) return null;
  const message = createTranslator(lang)(setupMessageKeys[problem.code]);
  return { code: 'escalation/not-configured', message, fields: problem.fields };
}

/**
 * Whether to escalate without a click: only when a team lead turned `autoEscalate` on, the rules recommend it, and
 * this conversation was not escalated before (a standing escalation is not repeated on every new message).
 */
export function shouldAutoEscalate(
  advice: EscalationAdvice,
  settings: EscalationSettings,
  previous: readonly { at: number }[],
): boolean {
  return settings.autoEscalate && advice.recommend && previous.length === 0;
}

function recordsOf(deps: EscalateDeps): EscalationRecordStore {
  return deps.records ?? createLocalPanelData(deps.db ?? getDb());
}

function statusOf(results: readonly { ok: boolean }[]): EscalationStatus {
  const ok = results.filter((result) => result.ok).length;
  if (ok === results.length) return 'done';
  return ok === 0 ? 'failed' : 'partial';
}

function newIdempotencyKey(): string {
  return `rapport-${crypto.randomUUID()}`;
}

/** Runs one action with what the record keeps and the current settings. Never throws. */
async function runAction(name: ActionName, context: RetryContext, deps: EscalateDeps): Promise<ActionResult> {
  try {
    return await actionRegistry[name].run({ retry: context, settings: deps.settings, deps });
  } catch (error) {
    // Actions never throw by contract; this guards an injected runZendesk (a message to a tab that went away).
    return {
      action: name,
      ok: false,
      detail: createTranslator(context.lang)('escalationActions.result.crashed', {
        message: error instanceof Error ? error.message : String(error),
      }),
      retryable: true,
    };
  }
}

function toStored(result: ActionResult): StoredAction {
  return { action: result.action, ok: result.ok, detail: result.detail, retryable: result.retryable };
}

async function runEscalation(request: EscalationRequest, deps: EscalateDeps): Promise<EscalateOutcome> {
  const { conversation, lang } = request;
  const t = createTranslator(lang);
  const actions = plannedActions(conversation.site, deps.settings);
  const missing = missingConfiguration(conversation.site, deps.settings, lang);
  if (actions.length === 0 && missing) return { status: 'not-configured', missing };

  const records = recordsOf(deps);
  const at = (deps.now ?? Date.now)();
  const summaryInput: Parameters<typeof buildHandoffSummary>[0] = {
    conversation,
    mood: request.mood,
    reasons: request.reasons,
    lang,
    note: request.note,
    now: at,
  };
  if (request.intent) summaryInput.intent = request.intent;
  if (request.orderNumbers) summaryInput.orderNumbers = request.orderNumbers;
  const summary = buildHandoffSummary(summaryInput);

  const retry: RetryContext = { lang, summary, idempotencyKey: newIdempotencyKey() };
  const zendeskTicketId =
    findZendeskTicketId(conversation.url) ?? (/^\d+$/.test(conversation.id) ? conversation.id : undefined);
  const freshdeskTicketId =
    findFreshdeskTicketId(conversation.url) ?? (/^\d+$/.test(conversation.id) ? conversation.id : undefined);
  if (conversation.site === 'zendesk' && zendeskTicketId) retry.zendeskTicketId = zendeskTicketId;
  if (conversation.site === 'freshdesk' && freshdeskTicketId) retry.freshdeskTicketId = freshdeskTicketId;

  // Stored before anything runs, each action marked unfinished: if the panel closes mid-way, the record says so and
  // a retry finishes the job (the webhook's idempotency key makes a repeated delivery harmless).
  const draft: Omit<StoredEscalation, 'id'> = {
    conversationKey: conversationKey(conversation),
    site: conversation.site,
    url: conversation.url,
    at,
    reasons: request.reasons.map((reason) => reason.text),
    note: request.note.trim(),
    actions: actions.map((action) => ({
      action,
      ok: false,
      detail: t('escalationActions.result.pending'),
      retryable: true,
    })),
    retry,
  };
  const id = await records.addEscalation(draft);
  if (id === undefined) throw new AppError('storage/escalation-not-saved', t('escalationActions.result.notSaved'));
  const results = await Promise.all(actions.map((action) => runAction(action, retry, deps)));
  const record: StoredEscalation = { ...draft, id, actions: results.map(toStored) };
  await records.putEscalation(record);

  const outcome: EscalateOutcome = { status: statusOf(results), record, results, summary };
  if (missing) outcome.missing = missing;
  return outcome;
}

/**
 * Escalates a conversation: builds the handoff summary, runs the actions configured for its site, and records the
 * escalation with each action's result. Concurrent calls for the same conversation (a double click) share one run,
 * and a call within a few seconds after it finished gets the same outcome. Returns `not-configured` (and records
 * nothing) when no action is set up. Rejects only when the database cannot be written.
 */
export function escalate(request: EscalationRequest, deps: EscalateDeps): Promise<EscalateOutcome> {
  const key = conversationKey(request.conversation);
  const active = running.get(key);
  if (active) return active;
  const now = (deps.now ?? Date.now)();
  const recent = finished.get(key);
  if (recent && now - recent.at < doubleClickWindowMs) return Promise.resolve(recent.outcome);

  const promise = runEscalation(request, deps).then(
    (outcome) => {
      finished.set(key, { at: (deps.now ?? Date.now)(), outcome });
      return outcome;
    },
    (error: unknown) => {
      finished.delete(key);
      throw error;
    },
  );
  const tracked = promise.finally(() => running.delete(key));
  running.set(key, tracked);
  return tracked;
}

async function runRetry(recordId: number, deps: EscalateDeps): Promise<RetryOutcome> {
  const records = recordsOf(deps);
  const record = await records.getEscalation(recordId);
  if (!record) return { status: 'not-found' };
  const context = record.retry;
  const pending = record.actions.flatMap((action, index) =>
    !action.ok && action.retryable && isActionName(action.action) ? [{ index, name: action.action }] : [],
  );
  if (!context || pending.length === 0) return { status: 'nothing-to-retry', record };

  const results = await Promise.all(pending.map(({ name }) => runAction(name, context, deps)));
  const actions = [...record.actions];
  pending.forEach(({ index }, position) => {
    const result = results[position];
    if (result) actions[index] = toStored(result);
  });
  const updated: StoredEscalation = { ...record, actions };
  await records.putEscalation(updated);
  return { status: statusOf(actions), record: updated, results };
}

/**
 * Runs again the actions of a recorded escalation that failed and may succeed on another try (network, 5xx,
 * conflict), leaving the ones that succeeded alone, and updates the record. Concurrent retries of one record share
 * one run.
 */
export function retryFailed(recordId: number, deps: EscalateDeps): Promise<RetryOutcome> {
  const active = retrying.get(recordId);
  if (active) return active;
  const promise = runRetry(recordId, deps).finally(() => retrying.delete(recordId));
  retrying.set(recordId, promise);
  return promise;
}
