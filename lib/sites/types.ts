import { z } from 'zod/mini';
import type { ErrorCode, ErrorParams } from '../errors';

// The conversation's shape is written once, as the zod schema a content script's report is validated with on
// receipt (lib/messaging.ts); the TypeScript types are inferred from it, so a field can never exist in the type
// and be silently dropped on the wire. zod/mini, as in lib/messaging.ts: the content script bundles it.

/** A string of at most `max` characters: the wire's limits on what one page may send. */
function text(max: number) {
  return z.string().check(z.maxLength(max));
}

/** Sites with an adapter. `generic` reads any other helpdesk or webmail page by structure. */
/**
 * The label of a page no adapter names (the generic reader on a page without a host name). It travels as data; the UI
 * shows it in the agent's language (`siteNameOf` in lib/i18n.ts).
 */
export const unnamedSiteLabel = 'this page';

export const siteIdSchema = z.enum(['gmail', 'zendesk', 'outlook', 'freshdesk', 'generic']);
export type SiteId = z.infer<typeof siteIdSchema>;

/** Who wrote a message, as far as the page (or the agent's correction) tells. */
export const roleSchema = z.enum(['customer', 'agent', 'internal-note', 'system']);
export type Role = z.infer<typeof roleSchema>;

/**
 * Where a message's role came from: the helpdesk's own API (the author's role there), the page's own cues, the
 * author being the signed-in agent (or one of the agent's names/addresses in settings), a structural guess, or the
 * agent's correction in the panel.
 */
export const roleSourceSchema = z.enum(['api', 'page', 'identity', 'heuristic', 'agent-corrected']);
export type RoleSource = z.infer<typeof roleSourceSchema>;

/** Where a conversation was read from: the helpdesk's API, the page's markup, an area the agent picked, or a selection. */
export const readSourceSchema = z.enum(['api', 'page', 'picked', 'selection']);
export type ReadSource = z.infer<typeof readSourceSchema>;

export const personSchema = z.object({ name: z.optional(z.string()), email: z.optional(z.string()) });
export type Person = z.infer<typeof personSchema>;

export const conversationMessageSchema = z.object({
  /** Stable within the conversation across re-reads (the site's own id, else a hash of author, time and text start). */
  id: text(2000),
  author: personSchema,
  role: roleSchema,
  roleSource: roleSourceSchema,
  /** ISO 8601 when the page shows a parseable time; the page's own text in `timeText` either way. */
  time: z.optional(z.string()),
  timeText: z.optional(z.string()),
  /** Plain text: quoted history, signatures and disclaimers stripped; line breaks kept. Empty when `bodyLoaded` is false. */
  text: z.string(),
  /** False when the page has not loaded the body (a collapsed Gmail message): the text is never invented. */
  bodyLoaded: z.boolean(),
  /** File names of attachments shown with the message. */
  attachments: z.array(z.string()),
});
export type ConversationMessage = z.infer<typeof conversationMessageSchema>;

/** A conversation as an adapter reads it, and as it arrives from a content script (validated on receipt). */
export const conversationSchema = z.object({
  site: siteIdSchema,
  /** Stable id of the conversation on its site (thread id, ticket id, or a hash of the URL for generic pages). */
  id: text(2000),
  subject: text(5000),
  url: text(10_000),
  customer: personSchema,
  /** The signed-in agent when the page shows it (Gmail account, Zendesk user). */
  agent: z.optional(personSchema),
  messages: z.array(conversationMessageSchema).check(z.maxLength(5000)),
  /** Messages the page collapsed out of the DOM entirely (Gmail's "N older messages"): known to exist, not read. */
  hiddenMessageCount: z.optional(z.int().check(z.nonnegative())),
  /** Where it was read from (absent: the page). */
  source: z.optional(readSourceSchema),
  /** Why the helpdesk's API was not used when the adapter has one (`api/unauthorized`, `api/timeout`, …). */
  apiFallback: z.optional(z.object({ code: text(100), status: z.optional(z.int()) })),
});
export type Conversation = z.infer<typeof conversationSchema>;

/** What an adapter may know beyond the DOM. */
export interface ReadContext {
  url: URL;
  /** The agent's own names and addresses from settings, used after the page's own cues. */
  agent: { names: string[]; emails: string[] };
  /** A CSS selector the agent picked as "this is the conversation" on this site (generic adapter). */
  pickedSelector?: string;
}

/** A `fetch` as the content script has it (same-origin, the agent's own session cookies). */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** What an API reader may use beyond the read context. */
export interface ApiReadContext extends ReadContext {
  doc: Document;
  fetch: FetchLike;
  /** Aborted when the read takes too long or the page moved on. */
  signal: AbortSignal;
  /** An API key the team configured (Freshdesk escalation settings), used only where the session alone is refused. */
  apiKey?: string;
}

/**
 * Where an insert went, or why not: `code` (with `params`) is what the panel says in the agent's language
 * (`errors.<code>`), `reason` the English detail for logs.
 */
export type InsertResult =
  | { ok: true; target: 'reply-box' | 'focused-field' }
  | { ok: false; code: ErrorCode; reason: string; params?: ErrorParams };

export interface SiteAdapter {
  id: SiteId;
  /** Human name of the site, used in messages ("can't read this conversation on Zendesk …"). */
  label: string;
  /**
   * The adapter's anchors (name → a selector or its alternatives), probed for the "Report a reading problem" file;
   * entries of any other kind (a selector built from a ticket id) are skipped.
   */
  anchors?: Readonly<Record<string, unknown>>;
  /** Whether this adapter is meant for the page at `url` (generic matches everything, and is tried last). */
  matches(url: URL): boolean;
  /**
   * Reads the open conversation. Pure: the DOM is not changed.
   * Throws `AppError('adapter/anchor-missing')` naming the missing anchor when the layout is not recognised,
   * and `AppError('adapter/no-conversation')` when the page shows no open conversation (an inbox list).
   */
  read(doc: Document, ctx: ReadContext): Conversation;
  /**
   * Reads the open conversation from the helpdesk's own API in the agent's session, where the site offers one.
   * The DOM only tells which ticket is open. Throws `AppError('api/…')` (unauthorized, forbidden, not-found,
   * rate-limited, timeout, bad-response) so the caller falls back to `read` and says why.
   */
  readFromApi?(ctx: ApiReadContext): Promise<Conversation>;
  /** The smallest element whose mutations mean the conversation changed; null when none is open. */
  observeTarget(doc: Document): Element | null;
  /**
   * Puts plain text (line breaks kept) into the site's reply box at the cursor, opening the box first where the site
   * allows, as an undoable edit. Never sends.
   */
  insert(doc: Document, text: string): Promise<InsertResult>;
}
