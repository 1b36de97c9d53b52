/**
 * Freshdesk agent ticket view (<sub>.freshdesk.com/a/tickets/<id>): the ticket description and its conversation —
 * customer replies, agent replies and private notes.
 */
import {
  anchorMissing,
  attr,
  dedupeIds,
  guardRead,
  isHtmlElement,
  isMarkedHidden,
  lineText,
  noConversation,
  queryAllAny,
  queryAny,
} from './dom';
import { insertIntoReplyBox } from './insert';
import { customerOf, decideRole } from './roles';
import { findEmail, hashId, messageTextOf, parseAddress, parseTime } from './text';
import type { Conversation, ConversationMessage, Person, ReadContext, Role, SiteAdapter } from './types';

const SELECTORS = {
  /** Ticket details page: 2022+ agent UI test ids, then the older Ember `#ticket-details` wrapper. */
  ticket: ['[data-test-id="ticket-details"]', '#ticket-details', '.ticket-details-container'],
  /** Subject heading (both UIs). */
  subject: ['[data-test-id="ticket-subject"]', 'h2.ticket-subject-heading', '.subject'],
  /** Description (the customer's first message) and conversation entries, in page order. */
  items: [
    '[data-test-id="ticket-description"], [data-test-id="conversation-item"]',
    '.ticket-description, .conversation',
  ],
  /** Author link: contacts for customers, agents for agents (both UIs). */
  author: ['[data-test-id="conversation-user-name"]', 'a.user-name', '.user-name'],
  /** Author address shown next to the name. */
  authorEmail: ['[data-test-id="conversation-user-email"]', '.user-email'],
  /** Timestamp: full date in its title attribute (both UIs). */
  time: ['[data-test-id="conversation-timestamp"]', 'time', '.time'],
  /** Message body (Froala-rendered HTML). */
  body: ['[data-test-id="conversation-body"]', '.thread-body', '.ticket-description-body'],
  /** Attachment names. */
  attachments: ['[data-test-id="attachment-name"]', '.attachment-name'],
  /** Private note marker: label or item class. */
  privateNote: ['[data-test-id="private-note-label"]'],
  /** Reply editor: Froala in the reply/forward/note box. */
  replyBox: [
    '[data-test-id="reply-editor"] .fr-element[contenteditable="true"]',
    '.reply-editor .fr-element[contenteditable="true"]',
    '.fr-element.fr-view[contenteditable="true"]',
  ],
  /** "Reply" button under the conversation (both UIs). */
  replyButton: ['button[data-test-id="ticket-reply"]', 'button[data-test-id="reply-button"]', '#ticket-reply-btn'],
  /** Signed-in agent in the profile menu. */
  currentAgent: ['[data-test-id="profile-menu-name"]', '.current-agent-name'],
} as const;

const LABEL = 'Freshdesk';

function ticketIdFromUrl(url: URL): string | undefined {
  return /\/a\/tickets\/(\d+)/.exec(url.pathname)?.[1];
}

function pageRoleOf(item: Element, authorEl: Element | null): Role | undefined {
  if (queryAny(item, SELECTORS.privateNote) || item.classList.contains('private-note')) return 'internal-note';
  if (item.classList.contains('system-event')) return 'system';
  if (item.classList.contains('agent-reply') || item.classList.contains('outgoing')) return 'agent';
  if (item.classList.contains('customer-reply') || item.classList.contains('incoming')) return 'customer';
  const href = attr(authorEl, 'href') ?? '';
  if (/\/a\/(admin\/)?agents\//.test(href)) return 'agent';
  if (/\/a\/contacts\//.test(href)) return 'customer';
  return undefined;
}

function readItem(item: Element, index: number, ctx: ReadContext): ConversationMessage {
  const authorEl = queryAny(item, SELECTORS.author);
  const parsed = parseAddress(lineText(authorEl));
  const email = findEmail(lineText(queryAny(item, SELECTORS.authorEmail))) ?? parsed.email;
  const author: Person = { ...(parsed.name ? { name: parsed.name } : {}), ...(email ? { email } : {}) };
  if (!author.name && !author.email) throw anchorMissing(LABEL, `author of message ${index + 1}`);
  const bodyEl = queryAny(item, SELECTORS.body);
  if (!bodyEl) throw anchorMissing(LABEL, `text of message ${index + 1}`);
  const timeEl = queryAny(item, SELECTORS.time);
  const timeText = attr(timeEl, 'title') ?? (lineText(timeEl) || undefined);
  const time = parseTime(attr(timeEl, 'datetime')) ?? parseTime(timeText);
  const attachments = Array.from(item.querySelectorAll(SELECTORS.attachments.join(', ')))
    .map((el) => lineText(el))
    .filter((name) => name !== '');
  const { role, roleSource } = decideRole(author, ctx, pageRoleOf(item, authorEl), 'customer');
  const text = messageTextOf(bodyEl);
  return {
    id:
      attr(item, 'data-conversation-id') ??
      attr(item, 'data-id') ??
      hashId(author.email ?? author.name, timeText, text.slice(0, 64)),
    author,
    role,
    roleSource,
    ...(time ? { time } : {}),
    ...(timeText ? { timeText } : {}),
    text,
    bodyLoaded: true,
    attachments: [...new Set(attachments)],
  };
}

function read(doc: Document, ctx: ReadContext): Conversation {
  const ticketId = ticketIdFromUrl(ctx.url);
  if (!ticketId) throw noConversation(LABEL);
  const ticket = queryAny(doc, SELECTORS.ticket);
  if (!ticket) throw anchorMissing(LABEL, 'ticket details');
  const subjectEl = queryAny(ticket, SELECTORS.subject);
  if (!subjectEl) throw anchorMissing(LABEL, 'subject heading');
  const items = queryAllAny(ticket, SELECTORS.items);
  if (items.length === 0) throw anchorMissing(LABEL, 'conversation');
  const messages = dedupeIds(items.map((item, index) => readItem(item, index, ctx)));
  const agentName = lineText(queryAny(doc, SELECTORS.currentAgent));
  return {
    site: 'freshdesk',
    id: ticketId,
    subject: lineText(subjectEl),
    url: ctx.url.href,
    customer: customerOf(messages),
    ...(agentName ? { agent: { name: agentName } } : {}),
    messages,
  };
}

function findReplyBox(doc: Document): HTMLElement | null {
  const box = queryAny(doc, SELECTORS.replyBox);
  return isHtmlElement(box) && !isMarkedHidden(box) ? box : null;
}

/** Freshdesk agent ticket view adapter. */
export const freshdeskAdapter: SiteAdapter = {
  id: 'freshdesk',
  label: LABEL,
  matches: (url) => url.hostname.endsWith('.freshdesk.com') && url.pathname.startsWith('/a/'),
  read: (doc, ctx) => guardRead(LABEL, () => read(doc, ctx)),
  observeTarget: (doc) => queryAny(doc, SELECTORS.ticket),
  insert: (doc, text) =>
    insertIntoReplyBox(doc, text, { label: LABEL, findBox: findReplyBox, openSelectors: SELECTORS.replyButton }),
};
