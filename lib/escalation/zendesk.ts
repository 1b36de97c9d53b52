// zod/mini: this runs in the content script, which has a size budget; the classic API is not tree-shakable.
import { z } from 'zod/mini';
import { createTranslatorFor } from '../i18n';
import * as escalationZendesk from '../strings/escalation-zendesk';
import { type Attempt, attemptFetch, isRetryableStatus, readErrorText, readJson } from './http';
import { hasNoteRef } from './note-ref';
import type { ActionResult, EscalationLanguage, FetchLike } from './types';

/**
 * The Zendesk action runs in the content script on the ticket's page: same-origin REST calls ride on the agent's own
 * session, so no API token is configured anywhere. Zendesk checks the `X-CSRF-Token` header on session-authenticated
 * writes, and `safe_update` + `updated_stamp` make it answer 409 instead of overwriting a ticket someone else changed.
 */

export interface ZendeskActionInput {
  ticketId: string;
  /** Priority to raise to; a ticket already at a higher priority keeps it. */
  priority: 'high' | 'urgent';
  /** Tags to add; the ticket's existing tags are kept. */
  tags: string[];
  /** Group to assign, '' to leave the assignment alone. */
  groupId: string;
  /** Body of the internal note, '' for none. */
  note: string;
  /**
   * The escalation's reference (`noteRefOf`), written into `note`: a note already carrying it on the ticket (an
   * earlier attempt that timed out after Zendesk stored it) is not posted again. '' skips the check.
   */
  noteRef: string;
  lang: EscalationLanguage;
}

export interface ZendeskActionDeps {
  /** The page's fetch (in Firefox content scripts `content.fetch`, which sends the page's cookies and origin). */
  fetch: FetchLike;
  /** The Zendesk page, where the CSRF token is read from. */
  document: Document;
  /** Origin of the Zendesk instance; defaults to the page's. */
  baseUrl?: string;
  timeoutMs?: number;
}

const priorityRank: Record<string, number> = { low: 0, normal: 1, high: 2, urgent: 3 };

const ticketResponse = z.object({
  ticket: z.object({
    tags: z._default(z.array(z.string()), []),
    updated_at: z.string(),
    priority: z.optional(z.nullable(z.string())),
    group_id: z.optional(z.nullable(z.union([z.number(), z.string()]))),
  }),
});

/** "List Comments" (`GET /api/v2/tickets/{id}/comments`), only what the duplicate check reads. */
const commentsResponse = z.object({
  comments: z.array(
    z.object({ body: z.optional(z.nullable(z.string())), plain_body: z.optional(z.nullable(z.string())) }),
  ),
});

/** Newest comments read when looking for an earlier attempt's note: it is one of the last ones written. */
const RECENT_COMMENTS = 100;

const currentUserResponse = z.object({ user: z.object({ authenticity_token: z.string().check(z.minLength(1)) }) });

/** The Zendesk ticket id in an agent-workspace URL (`/agent/tickets/123`), or undefined. */
export function findZendeskTicketId(url: string): string | undefined {
  return /\/agent\/tickets\/(\d+)/.exec(url)?.[1];
}

/** Zendesk splits tags on whitespace and stores them lowercase; normalising first keeps "already has it" honest. */
export function normaliseZendeskTag(tag: string): string {
  return tag.trim().toLowerCase().replace(/\s+/g, '_');
}

/** The Zendesk action's result texts in one language, from the catalogue (lib/strings/escalation-zendesk.ts). */
function zendeskText(lang: EscalationLanguage) {
  // Its own strings only: the action runs in the content script, which carries neither the whole catalogue nor the
  // other escalation actions' texts.
  const t = createTranslatorFor([escalationZendesk], lang);
  return {
    noToken: t('escalationActions.zendesk.noToken'),
    timeout: t('escalationActions.zendesk.timeout'),
    network: (message: string) => t('escalationActions.zendesk.network', { message }),
    signIn: t('escalationActions.zendesk.signIn'),
    notFound: (id: string) => t('escalationActions.zendesk.notFound', { id }),
    conflict: t('escalationActions.zendesk.conflict'),
    rejected: (status: number, body: string) =>
      body
        ? t('escalationActions.zendesk.rejectedWithBody', { status, body })
        : t('escalationActions.zendesk.rejected', { status }),
    unavailable: (status: number) => t('escalationActions.zendesk.unavailable', { status }),
    malformed: t('escalationActions.zendesk.malformed'),
    done: (id: string, parts: string[]) => t('escalationActions.zendesk.done', { id, parts: parts.join(', ') }),
    priority: (value: string) => t('escalationActions.zendesk.priority', { value }),
    priorityKept: (value: string) => t('escalationActions.zendesk.priorityKept', { value }),
    tags: (tags: string[]) => t('escalationActions.zendesk.tags', { tags: tags.join(', ') }),
    tagsPresent: t('escalationActions.zendesk.tagsPresent'),
    group: (id: string) => t('escalationActions.zendesk.group', { id }),
    note: t('escalationActions.zendesk.note'),
    noteExists: t('escalationActions.zendesk.noteExists'),
  };
}

type Texts = ReturnType<typeof zendeskText>;

function fail(detail: string, retryable: boolean): ActionResult {
  return { action: 'zendesk', ok: false, detail, retryable };
}

/** Turns anything but a 2xx answer into the failure the agent sees. */
async function failureOf(attempt: Attempt, t: Texts, ticketId: string): Promise<ActionResult | undefined> {
  if (attempt.kind === 'timeout') return fail(t.timeout, true);
  if (attempt.kind === 'network') return fail(t.network(attempt.message), true);
  const { status } = attempt.response;
  if (attempt.response.ok) return undefined;
  if (status === 401 || status === 403) return fail(t.signIn, false);
  if (status === 404) return fail(t.notFound(ticketId), false);
  if (status === 409) return fail(t.conflict, true);
  if (isRetryableStatus(status)) return fail(t.unavailable(status), true);
  return fail(t.rejected(status, await readErrorText(attempt.response)), false);
}

async function readCsrfToken(deps: ZendeskActionDeps, baseUrl: string, timeoutMs: number): Promise<string | undefined> {
  const meta = deps.document.querySelector('meta[name="csrf-token"]')?.getAttribute('content')?.trim();
  if (meta) return meta;
  // Some Zendesk pages (the newer agent workspace shell) omit the meta tag; the session user carries the same token.
  const attempt = await attemptFetch(
    deps.fetch,
    `${baseUrl}/api/v2/users/me.json`,
    { method: 'GET', credentials: 'same-origin', headers: { Accept: 'application/json' } },
    timeoutMs,
  );
  if (attempt.kind !== 'response' || !attempt.response.ok) return undefined;
  const parsed = currentUserResponse.safeParse(await readJson(attempt.response));
  return parsed.success ? parsed.data.user.authenticity_token : undefined;
}

/**
 * Whether the ticket already has the note marked `ref` (newest comments first), or the failure that kept us from
 * knowing: then nothing is posted, since a second note is worse than a retry.
 */
async function findNoteRef(
  deps: ZendeskActionDeps,
  ticketUrl: string,
  ref: string,
  t: Texts,
  ticketId: string,
  timeoutMs: number | undefined,
): Promise<boolean | ActionResult> {
  const attempt = await attemptFetch(
    deps.fetch,
    `${ticketUrl.replace(/\.json$/, '')}/comments.json?sort_order=desc&per_page=${RECENT_COMMENTS}`,
    { method: 'GET', credentials: 'same-origin', headers: { Accept: 'application/json' } },
    timeoutMs,
  );
  const failure = await failureOf(attempt, t, ticketId);
  if (failure || attempt.kind !== 'response') return failure ?? fail(t.malformed, true);
  const parsed = commentsResponse.safeParse(await readJson(attempt.response));
  if (!parsed.success) return fail(t.malformed, true);
  return parsed.data.comments.some((comment) => hasNoteRef(comment.plain_body, ref) || hasNoteRef(comment.body, ref));
}

/**
 * Escalates a Zendesk ticket through the agent's session: raises its priority, adds tags (keeping the existing ones),
 * optionally assigns a group, and adds the handoff summary as an internal note — in one safe update, so a ticket that
 * changed since it was read is reported as a conflict, never overwritten. The note is posted only when no comment
 * carries its `noteRef` yet, so retrying after a timeout never adds it twice; priority and tags are idempotent anyway.
 * Never throws.
 */
export async function runZendeskAction(input: ZendeskActionInput, deps: ZendeskActionDeps): Promise<ActionResult> {
  const t = zendeskText(input.lang);
  const timeoutMs = deps.timeoutMs;
  const baseUrl = (deps.baseUrl ?? deps.document.location.origin).replace(/\/+$/, '');
  const ticketUrl = `${baseUrl}/api/v2/tickets/${encodeURIComponent(input.ticketId)}.json`;
  try {
    const token = await readCsrfToken(deps, baseUrl, timeoutMs ?? 15_000);
    if (!token) return fail(t.noToken, true);

    const read = await attemptFetch(
      deps.fetch,
      ticketUrl,
      { method: 'GET', credentials: 'same-origin', headers: { Accept: 'application/json' } },
      timeoutMs,
    );
    const readFailure = await failureOf(read, t, input.ticketId);
    if (readFailure || read.kind !== 'response') return readFailure ?? fail(t.malformed, true);
    const parsed = ticketResponse.safeParse(await readJson(read.response));
    if (!parsed.success) return fail(t.malformed, true);
    const current = parsed.data.ticket;

    const existing = current.tags;
    const added = [...new Set(input.tags.map(normaliseZendeskTag).filter(Boolean))].filter(
      (tag) => !existing.includes(tag),
    );
    const currentRank = priorityRank[current.priority ?? ''] ?? -1;
    const raise = (priorityRank[input.priority] ?? 0) > currentRank;
    const ticket: Record<string, unknown> = {
      safe_update: true,
      updated_stamp: current.updated_at,
    };
    const parts: string[] = [];
    if (raise) {
      ticket.priority = input.priority;
      parts.push(t.priority(input.priority));
    } else {
      parts.push(t.priorityKept(current.priority ?? input.priority));
    }
    // The full merged list (not `additional_tags` alone) so the test of "existing tags survive" is the request itself;
    // safe_update guarantees nobody's tags were changed between our read and this write.
    ticket.tags = [...existing, ...added];
    parts.push(added.length > 0 ? t.tags(added) : t.tagsPresent);
    const groupId = input.groupId.trim();
    if (groupId) {
      ticket.group_id = /^\d+$/.test(groupId) ? Number(groupId) : groupId;
      parts.push(t.group(groupId));
    }
    if (input.note.trim()) {
      const found = input.noteRef
        ? await findNoteRef(deps, ticketUrl, input.noteRef, t, input.ticketId, timeoutMs)
        : false;
      if (typeof found !== 'boolean') return found;
      if (found) {
        parts.push(t.noteExists);
      } else {
        ticket.comment = { body: input.note, public: false };
        parts.push(t.note);
      }
    }

    const write = await attemptFetch(
      deps.fetch,
      ticketUrl,
      {
        method: 'PUT',
        credentials: 'same-origin',
        headers: {
          Accept: 'application/json',
          'Content-Type': 'application/json',
          'X-CSRF-Token': token,
          'X-Requested-With': 'XMLHttpRequest',
        },
        body: JSON.stringify({ ticket }),
      },
      timeoutMs,
    );
    const writeFailure = await failureOf(write, t, input.ticketId);
    if (writeFailure) return writeFailure;
    return { action: 'zendesk', ok: true, detail: t.done(input.ticketId, parts), retryable: false };
  } catch (error) {
    // Defensive: an action never throws into the escalation; whatever broke is reported as a retryable failure.
    return fail(t.network(error instanceof Error ? error.message : String(error)), true);
  }
}
