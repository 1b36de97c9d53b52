/**
 * Freshdesk agent ticket view (<sub>.freshdesk.com/a/tickets/<id>): the ticket description and its conversation —
 * customer replies, agent replies and private notes. `readFromApi` reads the same ticket from Freshdesk's REST API
 * (freshdesk-api.ts); this DOM reader is the fallback.
 *
 * None of these selectors has been checked against a saved Freshdesk page: no public capture of the agent ticket view
 * was found. Freshdesk's own Ember test code uses `data-test-id` attributes (freshworks/ember-freshdesk-codemods),
 * the Mint UI marks each conversation entry with `data-album` (roelvanduijnhoven/freshdesk-mint-navigator), and
 * Freshdesk's editor is Froala (`.fr-element`, `.fr-view`); the rest are our best reading of the UI and must be
 * confirmed on a real ticket before they are trusted.
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
import { freshdeskTicketIdFromUrl, readFreshdeskFromApi } from './freshdesk-api';
import { insertIntoReplyBox } from './insert';
import { customerOf, decideRole } from './roles';
import { findEmail, hashId, messageTextOf, parseAddress, parseTime } from './text';
import type { Conversation, ConversationMessage, Person, ReadContext, Role, SiteAdapter } from './types';

const SELECTORS = {
  /** Ticket details page: `data-test-id` (2022+ agent UI, unverified value), then older `#ticket-details` wrappers. */
  ticket: ['[data-test-id="ticket-details"]', '#ticket-details', '.ticket-details-container'],
  /** Subject heading: `data-test-id` (2022+ agent UI), then the older heading classes. */
  subject: ['[data-test-id="ticket-subject"]', 'h2.ticket-subject-heading', '.subject'],
  /** Description (the customer's first message) and conversation entries, in page order. */
  items: [
    // 2022+ agent UI test ids
    '[data-test-id="ticket-description"], [data-test-id="conversation-item"]',
    // older class names
    '.ticket-description, .conversation',
    // Mint UI: each conversation entry carries `data-album` (seen in freshdesk-mint-navigator); inner markup unverified
    '[data-album]',
  ],
  /** Author link (2022+ test id, then class): contacts link to /a/contacts/, agents to /a/agents/. */
  author: ['[data-test-id="conversation-user-name"]', 'a.user-name', '.user-name'],
  /** Author address shown next to the name (2022+ test id, then class). */
  authorEmail: ['[data-test-id="conversation-user-email"]', '.user-email'],
  /** Timestamp (2022+ test id, then `<time>`, then class): the full date in its title attribute. */
  time: ['[data-test-id="conversation-timestamp"]', 'time', '.time'],
  /** Message body: 2022+ test id, older `.thread-body`, then Froala's rendered view (every UI). */
  body: ['[data-test-id="conversation-body"]', '.thread-body', '.ticket-description-body', '.fr-view'],
  /** Attachment names (2022+ test id, then class). */
  attachments: ['[data-test-id="attachment-name"]', '.attachment-name'],
  /** Private note marker: 2022+ label test id (the older UI marks the item with `.private-note`). */
  privateNote: ['[data-test-id="private-note-label"]'],
  /** Reply editor: Froala in the reply/forward/note box (2022+ test id, older class, any Froala editor). */
  replyBox: [
    '[data-test-id="reply-editor"] .fr-element[contenteditable="true"]',
    '.reply-editor .fr-element[contenteditable="true"]',
    '.fr-element.fr-view[contenteditable="true"]',
  ],
  /** "Reply" button under the conversation (2022+ test ids, older id). */
  replyButton: ['button[data-test-id="ticket-reply"]', 'button[data-test-id="reply-button"]', '#ticket-reply-btn'],
  /** Signed-in agent in the profile menu (2022+ test id, older class). */
  currentAgent: ['[data-test-id="profile-menu-name"]', '.current-agent-name'],
  /** Signed-in agent's address in the profile menu, when shown (2022+ test id). */
  currentAgentEmail: ['[data-test-id="profile-menu-email"]'],
} as const;

const LABEL = 'Freshdesk';

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

function readItem(item: Element, index: number, ctx: ReadContext, signedIn: Person | undefined): ConversationMessage {
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
  const { role, roleSource } = decideRole(author, ctx, pageRoleOf(item, authorEl), 'customer', signedIn);
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

/** The signed-in agent from the profile menu, or undefined when the page does not show it. */
function readSignedInAgent(doc: Document): Person | undefined {
  const name = lineText(queryAny(doc, SELECTORS.currentAgent));
  const email = findEmail(lineText(queryAny(doc, SELECTORS.currentAgentEmail)));
  if (!name && !email) return undefined;
  return { ...(name ? { name } : {}), ...(email ? { email } : {}) };
}

function read(doc: Document, ctx: ReadContext): Conversation {
  const ticketId = freshdeskTicketIdFromUrl(ctx.url);
  if (!ticketId) throw noConversation(LABEL);
  const ticket = queryAny(doc, SELECTORS.ticket);
  if (!ticket) throw anchorMissing(LABEL, 'ticket details');
  const subjectEl = queryAny(ticket, SELECTORS.subject);
  if (!subjectEl) throw anchorMissing(LABEL, 'subject heading');
  const items = queryAllAny(ticket, SELECTORS.items);
  if (items.length === 0) throw anchorMissing(LABEL, 'conversation');
  const agent = readSignedInAgent(doc);
  const messages = dedupeIds(items.map((item, index) => readItem(item, index, ctx, agent)));
  return {
    site: 'freshdesk',
    id: ticketId,
    subject: lineText(subjectEl),
    url: ctx.url.href,
    customer: customerOf(messages),
    ...(agent ? { agent } : {}),
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
  readFromApi: (ctx) => readFreshdeskFromApi(ctx),
  anchors: SELECTORS,
  observeTarget: (doc) => queryAny(doc, SELECTORS.ticket),
  insert: (doc, text) =>
    insertIntoReplyBox(doc, text, { label: LABEL, findBox: findReplyBox, openSelectors: SELECTORS.replyButton }),
};
