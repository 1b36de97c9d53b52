/**
 * Reading a Zendesk ticket from the Support REST API in the agent's own session: the ticket, its comments with every
 * author side-loaded (each author's Zendesk role decides customer or agent, no page cue needed), and the signed-in
 * agent. Side conversations are a different API and stay out, as they do on the page.
 *
 * Response formats as documented on developer.zendesk.com: Tickets ("Show Ticket"), Ticket Comments ("List Comments",
 * side-load `include=users`), Users ("Show Self", `/users/me`), and the Pagination introduction (cursor `page[size]`
 * with `meta.has_more` / `links.next`, or offset `next_page`).
 */
// zod/mini: this runs in the content script, which has a size budget; the classic API is not tree-shakable.
import { z } from 'zod/mini';
import { ApiError, getJson, parseApiResponse, throwIfAborted } from './api';
import type { RoleDecision } from './roles';
import { cleanMessageText, parseTime } from './text';
import type { ApiReadContext, Conversation, ConversationMessage, Person } from './types';

const LABEL = 'Zendesk';

/** Comments per page (the documented maximum for cursor pagination). */
const PAGE_SIZE = 100;
/** Pages of comments read at most: 1,000 comments; Zendesk caps a ticket at 5,000 and a mood needs far fewer. */
const MAX_PAGES = 10;

// Ids are integers in the documented formats; a string is accepted too so a proxy that stringifies big ids still works.
const id = z.union([z.number(), z.string().check(z.minLength(1))]);
const optionalText = z.optional(z.nullable(z.string()));

const userSchema = z.object({
  id,
  name: optionalText,
  email: optionalText,
  /** `end-user`, `agent` or `admin` (custom agent roles still report `agent`). */
  role: optionalText,
});

const ticketResponse = z.object({
  ticket: z.object({
    id,
    subject: optionalText,
    raw_subject: optionalText,
    requester_id: z.optional(z.nullable(id)),
  }),
  users: z.optional(z.array(userSchema)),
});

const commentSchema = z.object({
  id,
  type: optionalText,
  author_id: z.optional(z.nullable(id)),
  body: optionalText,
  plain_body: optionalText,
  public: z.boolean(),
  attachments: z.optional(z.nullable(z.array(z.object({ file_name: optionalText })))),
  created_at: z.string(),
});

const commentsPageResponse = z.object({
  comments: z.array(commentSchema),
  users: z.optional(z.array(userSchema)),
  // Offset pagination
  next_page: z.optional(z.nullable(z.string())),
  // Cursor pagination
  meta: z.optional(z.object({ has_more: z.boolean() })),
  links: z.optional(z.object({ next: z.optional(z.nullable(z.string())) })),
});

// An anonymous visitor gets 200 with `id: null` from /users/me, so the id may be null here and is checked below.
const selfResponse = z.object({
  user: z.object({ id: z.nullable(id), name: optionalText, email: optionalText, role: optionalText }),
});

type ZendeskUser = z.infer<typeof userSchema>;
type ZendeskComment = z.infer<typeof commentSchema>;

/** The ticket id in an Agent Workspace URL (`/agent/tickets/<id>`), or undefined. */
export function zendeskTicketIdFromUrl(url: URL): string | undefined {
  return /\/agent\/tickets\/(\d+)/.exec(url.pathname)?.[1];
}

function personOf(user: ZendeskUser | { name?: string | null; email?: string | null } | undefined): Person {
  const name = user?.name?.trim();
  const email = user?.email?.trim().toLowerCase();
  return { ...(name ? { name } : {}), ...(email ? { email } : {}) };
}

/**
 * The next comments page to read: the cursor `links.next` while `meta.has_more`, else the offset `next_page`.
 * Only same-origin pages are followed (the session cookies must not travel elsewhere); side-loading is kept.
 */
function nextPagePath(page: z.infer<typeof commentsPageResponse>, origin: string): string | undefined {
  const next = page.meta ? (page.meta.has_more ? page.links?.next : undefined) : page.next_page;
  if (!next) return undefined;
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch (error) {
    throw new ApiError('api/bad-response', `${LABEL}'s API sent a next page that is not a URL`, { cause: error });
  }
  if (url.origin !== origin) {
    throw new ApiError('api/bad-response', `${LABEL}'s API pointed the next page at another site`);
  }
  if (!url.searchParams.has('include')) url.searchParams.set('include', 'users');
  return `${url.pathname}${url.search}`;
}

async function readComments(
  ctx: ApiReadContext,
  ticketId: string,
): Promise<{ comments: ZendeskComment[]; users: ZendeskUser[] }> {
  const comments: ZendeskComment[] = [];
  const users: ZendeskUser[] = [];
  let path: string | undefined = `/api/v2/tickets/${ticketId}/comments.json?include=users&page[size]=${PAGE_SIZE}`;
  for (let pageNo = 0; path && pageNo < MAX_PAGES; pageNo++) {
    throwIfAborted(ctx.signal, LABEL);
    const page = parseApiResponse(commentsPageResponse, await getJson(ctx, path, LABEL), LABEL, 'comment list');
    comments.push(...page.comments);
    users.push(...(page.users ?? []));
    path = nextPagePath(page, ctx.url.origin);
  }
  return { comments, users };
}

function roleOf(
  comment: ZendeskComment,
  author: ZendeskUser | undefined,
  selfId: string,
  requesterId: string | undefined,
): RoleDecision {
  if (!comment.public) return { role: 'internal-note', roleSource: 'api' };
  if (author?.role === 'end-user') return { role: 'customer', roleSource: 'api' };
  if (author?.role === 'agent' || author?.role === 'admin') return { role: 'agent', roleSource: 'api' };
  // The author was not side-loaded (or has a role we do not know): who they are is all that is left.
  const authorId =
    comment.author_id === undefined || comment.author_id === null ? undefined : String(comment.author_id);
  if (authorId === selfId) return { role: 'agent', roleSource: 'identity' };
  if (authorId !== undefined && authorId === requesterId) return { role: 'customer', roleSource: 'heuristic' };
  return { role: 'system', roleSource: 'heuristic' };
}

function toMessage(
  comment: ZendeskComment,
  usersById: ReadonlyMap<string, ZendeskUser>,
  selfId: string,
  requesterId: string | undefined,
): ConversationMessage {
  const author =
    comment.author_id === undefined || comment.author_id === null
      ? undefined
      : usersById.get(String(comment.author_id));
  const { role, roleSource } = roleOf(comment, author, selfId, requesterId);
  const time = parseTime(comment.created_at);
  const attachments = (comment.attachments ?? []).map((a) => a.file_name?.trim() ?? '').filter((name) => name !== '');
  return {
    id: String(comment.id),
    author: personOf(author),
    role,
    roleSource,
    ...(time ? { time } : {}),
    // plain_body is the comment without markup; body is its Markdown-ish source, used where plain_body is missing.
    text: cleanMessageText(comment.plain_body ?? comment.body ?? ''),
    bodyLoaded: true,
    attachments: [...new Set(attachments)],
  };
}

/** Chronological order (ISO 8601 from one server sorts as text), the API's own order kept for equal times. */
function chronological(comments: readonly ZendeskComment[]): ZendeskComment[] {
  const seen = new Set<string>();
  const unique = comments.filter((c) => {
    const key = String(c.id);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique
    .map((comment, index) => ({ comment, index, at: Date.parse(comment.created_at) }))
    .sort((a, b) => (Number.isNaN(a.at) || Number.isNaN(b.at) || a.at === b.at ? a.index - b.index : a.at - b.at))
    .map((entry) => entry.comment);
}

/**
 * Reads the ticket open at `ctx.url` from Zendesk's REST API, same-origin in the agent's session: subject, requester
 * (the customer), every comment with its author's Zendesk role (`end-user` → customer, `agent`/`admin` → agent,
 * private → internal note; `roleSource: 'api'`), and the signed-in agent. Text is `plain_body` with quoted history and
 * signatures cut as on the page. Throws `ApiError` (`api/unauthorized`, `api/forbidden`, `api/not-found`,
 * `api/rate-limited`, `api/timeout`, `api/bad-response`, `api/failed`) so the caller can fall back to the page.
 */
export async function readZendeskFromApi(ctx: ApiReadContext): Promise<Conversation> {
  const ticketId = zendeskTicketIdFromUrl(ctx.url);
  if (!ticketId) throw new ApiError('api/not-found', `No ${LABEL} ticket is open at this address`);
  throwIfAborted(ctx.signal, LABEL);

  const [ticketData, selfData, commentData] = await Promise.all([
    getJson(ctx, `/api/v2/tickets/${ticketId}.json?include=users`, LABEL),
    getJson(ctx, '/api/v2/users/me.json', LABEL),
    readComments(ctx, ticketId),
  ]);
  const { ticket, users: ticketUsers } = parseApiResponse(ticketResponse, ticketData, LABEL, 'ticket');
  const { user: self } = parseApiResponse(selfResponse, selfData, LABEL, 'signed-in user');
  if (self.id === null) throw new ApiError('api/unauthorized', `Not signed in to ${LABEL}`, { status: 200 });
  if (self.role === 'end-user') {
    throw new ApiError('api/forbidden', `The ${LABEL} user signed in here is not an agent`, { status: 200 });
  }

  const usersById = new Map<string, ZendeskUser>();
  for (const user of [...(ticketUsers ?? []), ...commentData.users]) usersById.set(String(user.id), user);
  const selfId = String(self.id);
  const requesterId =
    ticket.requester_id === undefined || ticket.requester_id === null ? undefined : String(ticket.requester_id);

  const messages = chronological(commentData.comments).map((c) => toMessage(c, usersById, selfId, requesterId));
  if (messages.length === 0) throw new ApiError('api/bad-response', `${LABEL}'s API listed no comments on this ticket`);

  const agent = personOf(self);
  return {
    site: 'zendesk',
    id: ticketId,
    subject: (ticket.subject ?? ticket.raw_subject ?? '').trim(),
    url: ctx.url.href,
    customer: personOf(requesterId === undefined ? undefined : usersById.get(requesterId)),
    ...(agent.name || agent.email ? { agent } : {}),
    messages,
    source: 'api',
  };
}
