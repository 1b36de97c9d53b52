/**
 * Reading a Freshdesk ticket from Freshdesk's REST API v2 in the agent's session: the ticket with its requester, its
 * conversations (replies and notes, paged), and the signed-in agent. Response shapes follow developers.freshdesk.com/api
 * ("View a Ticket" with `include=requester`, "List All Conversations of a Ticket", "View Me").
 */
// zod/mini: this runs in the content script, which has a size budget; the classic API is not tree-shakable.
import { z } from 'zod/mini';
import { freshdeskBasicAuth } from '../escalation/freshdesk-account';
import { ApiError, getJson, parseApiResponse, throwIfAborted } from './api';
import { cleanMessageText, messageTextOf, parseAddress } from './text';
import type { ApiReadContext, Conversation, ConversationMessage, Person, Role } from './types';

const LABEL = 'Freshdesk';

/** Freshdesk's largest page size for list endpoints. */
const PAGE_SIZE = 100;
/** At most this many conversation pages (10 000 entries); a longer thread is read up to here. */
const MAX_PAGES = 100;

const nullableText = z.optional(z.nullable(z.string()));
const attachmentsSchema = z._default(z.array(z.object({ name: z.string() })), []);

/** `GET /api/v2/tickets/{id}?include=requester` (the fields read here). */
const ticketSchema = z.object({
  id: z.number(),
  subject: z.string(),
  description: nullableText,
  description_text: nullableText,
  created_at: z.string(),
  attachments: attachmentsSchema,
  requester: z.object({ id: z.number(), name: nullableText, email: nullableText }),
});

/** One entry of `GET /api/v2/tickets/{id}/conversations`: a reply, a forward or a note. */
const conversationSchema = z.object({
  id: z.number(),
  body: nullableText,
  body_text: nullableText,
  incoming: z.boolean(),
  private: z.boolean(),
  user_id: z.number(),
  from_email: nullableText,
  created_at: z.string(),
  attachments: attachmentsSchema,
});
const conversationPageSchema = z.array(conversationSchema);

/** `GET /api/v2/agents/me`: the agent whose session (or API key) makes the requests. */
const meSchema = z.object({ id: z.number(), contact: z.object({ name: nullableText, email: nullableText }) });

type FreshdeskConversation = z.infer<typeof conversationSchema>;

/** The ticket id of a Freshdesk agent ticket URL (`/a/tickets/<id>`), or undefined. */
export function freshdeskTicketIdFromUrl(url: URL): string | undefined {
  return /\/a\/tickets\/(\d+)/.exec(url.pathname)?.[1];
}

async function getValid<T>(
  ctx: ApiReadContext,
  path: string,
  schema: z.ZodMiniType<T>,
  what: string,
  headers: Record<string, string>,
): Promise<T> {
  return parseApiResponse(schema, await getJson(ctx, path, LABEL, headers), LABEL, what);
}

async function getConversations(
  ctx: ApiReadContext,
  ticketId: string,
  headers: Record<string, string>,
): Promise<FreshdeskConversation[]> {
  const all: FreshdeskConversation[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    throwIfAborted(ctx.signal, LABEL);
    const entries = await getValid(
      ctx,
      `/api/v2/tickets/${ticketId}/conversations?per_page=${PAGE_SIZE}&page=${page}`,
      conversationPageSchema,
      'list of ticket conversations',
      headers,
    );
    all.push(...entries);
    // A short page is the last one (Freshdesk also sends a `Link: rel="next"` header, which a same-origin read
    // through getJson does not see).
    if (entries.length < PAGE_SIZE) break;
  }
  return all;
}

function person(name: string | null | undefined, email: string | null | undefined): Person {
  const cleanName = name?.trim();
  const cleanEmail = email?.trim().toLowerCase();
  return { ...(cleanName ? { name: cleanName } : {}), ...(cleanEmail ? { email: cleanEmail } : {}) };
}

/** The message text: the API's plain text, else its HTML read as the page would show it; then cleaned alike. */
function textOf(doc: Document, plain: string | null | undefined, html: string | null | undefined): string {
  if (plain?.trim()) return cleanMessageText(plain);
  if (!html?.trim()) return '';
  // A parsed document is inert: no scripts run and no images load.
  const parsed = new (doc.defaultView?.DOMParser ?? DOMParser)().parseFromString(html, 'text/html');
  return messageTextOf(parsed.body);
}

function roleOf(entry: FreshdeskConversation): Role {
  if (entry.private) return 'internal-note';
  return entry.incoming ? 'customer' : 'agent';
}

/**
 * Reads the open Freshdesk ticket from the REST API v2: the description as the requester's first message, then every
 * reply and note in the API's order (oldest first), roles from the API's `private` and `incoming` flags. Requests are
 * same-origin with the agent's session cookies; `ctx.apiKey`, when set, is sent as Basic credentials (`key:X`).
 * Throws `ApiError` (`api/unauthorized`, `api/forbidden`, `api/not-found`, `api/rate-limited`, `api/timeout`,
 * `api/bad-response`, `api/failed`).
 */
export async function readFreshdeskFromApi(ctx: ApiReadContext): Promise<Conversation> {
  const ticketId = freshdeskTicketIdFromUrl(ctx.url);
  if (!ticketId) throw new ApiError('api/not-found', `No ${LABEL} ticket is open at this address`);
  throwIfAborted(ctx.signal, LABEL);
  const headers: Record<string, string> = ctx.apiKey ? { Authorization: freshdeskBasicAuth(ctx.apiKey) } : {};

  const [ticket, entries, me] = await Promise.all([
    getValid(ctx, `/api/v2/tickets/${ticketId}?include=requester`, ticketSchema, 'ticket', headers),
    getConversations(ctx, ticketId, headers),
    getValid(ctx, '/api/v2/agents/me', meSchema, 'signed-in agent', headers),
  ]);

  const customer = person(ticket.requester.name, ticket.requester.email);
  const agent = person(me.contact.name, me.contact.email);
  const description: ConversationMessage = {
    id: `description-${ticket.id}`,
    author: customer,
    role: 'customer',
    roleSource: 'api',
    time: ticket.created_at,
    text: textOf(ctx.doc, ticket.description_text, ticket.description),
    bodyLoaded: true,
    attachments: ticket.attachments.map((a) => a.name),
  };
  const replies = entries.map((entry): ConversationMessage => {
    const role = roleOf(entry);
    let author: Person;
    if (entry.user_id === me.id) author = agent;
    else if (entry.user_id === ticket.requester.id) author = customer;
    // Agents' replies carry the support address in `from_email`, not the agent's own: it names nobody.
    else if (role === 'customer') author = parseAddress(entry.from_email ?? '');
    else author = {};
    return {
      id: String(entry.id),
      author: { ...author },
      role,
      roleSource: 'api',
      time: entry.created_at,
      text: textOf(ctx.doc, entry.body_text, entry.body),
      bodyLoaded: true,
      attachments: entry.attachments.map((a) => a.name),
    };
  });

  return {
    site: 'freshdesk',
    id: ticketId,
    subject: ticket.subject,
    url: ctx.url.href,
    customer: { ...customer },
    ...(agent.name || agent.email ? { agent } : {}),
    messages: [description, ...replies],
    source: 'api',
  };
}
