/**
 * Zendesk Agent Workspace (<sub>.zendesk.com/agent/tickets/<id>): the active ticket's conversation log — end-user and
 * agent comments and internal notes — with side conversations and the other open ticket tabs left out.
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
import { elementText, findEmail, hashId, messageTextOf, parseAddress, parseTime } from './text';
import type { Conversation, ConversationMessage, Person, ReadContext, Role, SiteAdapter } from './types';

const SELECTORS = {
  /** One workspace per open ticket tab; Agent Workspace (2021+) tags it with the ticket id, classic uses `.workspace`. */
  workspaceForTicket: (id: string) => [`[data-ticket-id="${id}"]`, `.workspace[data-ticket-id="${id}"]`],
  /** Any ticket workspace: Agent Workspace, then classic agent interface. */
  workspaces: ['[data-ticket-id]', 'div.workspace'],
  /** The conversation log: Agent Workspace omnilog, classic `.audits` event list. */
  log: ['[data-test-id="omni-log-container"]', 'div.audits'],
  /** Log entries: Agent Workspace comment items (incl. internal notes, system events), classic `.event`. */
  items: [
    '[data-test-id="omni-log-comment-item"], [data-test-id="omni-log-system-message"]',
    'div.event[data-comment-id], div.event.is-public, div.event.is-private',
  ],
  /** Side conversations render their own log inside the ticket: never read as the ticket's conversation. */
  sideConversation:
    '[data-test-id="side-conversations-panel"], [data-test-id="side-conversation-log"], .side-conversations',
  /** Comment body: Agent Workspace message content, classic `.zd-comment`. */
  body: ['[data-test-id="omni-log-message-content"]', '.zd-comment'],
  /** Sender name: Agent Workspace header, classic `.actor .name`. */
  sender: ['[data-test-id="omni-log-item-sender"]', '.actor .name', '.actor'],
  /** Sender address when shown (Agent Workspace email channel header). */
  senderEmail: ['[data-test-id="omni-log-item-sender-email"]', 'a[href^="mailto:"]'],
  /** Internal note marker: Agent Workspace tag, classic private event. */
  internalNote: ['[data-test-id="omni-log-internal-note-tag"]'],
  /** Avatars carry the author's role: Agent Workspace `data-user-role`, classic `.user_photo.agent|.end-user`. */
  avatar: ['[data-test-id="omni-log-avatar"][data-user-role]', '.user_photo'],
  /** Timestamp: `<time datetime>` in both interfaces. */
  time: ['time[datetime]', 'time'],
  /** Attachment names: Agent Workspace attachment chips, classic attachment list. */
  attachments: ['[data-test-id="attachment-name"]', '.attachment a.name', '.attachments a'],
  /** Subject: Agent Workspace header input, classic subject field. */
  subject: [
    'input[data-test-id="omni-header-subject"]',
    '[data-test-id="ticket-pane-subject"]',
    'input[name="subject"]',
  ],
  /** Requester field (the customer) in the ticket properties. */
  requester: ['[data-test-id="ticket-system-field-requester-select"]', '.ticket_requester .name'],
  /** The signed-in agent's avatar in the top bar. */
  currentUser: ['[data-test-id="header-profile-menu-button"] img[alt]', '#user-menu img[alt]'],
  /** Composer: Agent Workspace CKEditor 5, its plain-text fallback, classic comment box. */
  replyBox: [
    '[data-test-id="omnicomposer-rich-text-ckeditor"][contenteditable="true"]',
    '.ck-editor__editable[contenteditable="true"]',
    'textarea[data-test-id="omnicomposer-plain-text"]',
    '.comment_input textarea',
  ],
  /** Collapsed composer opener (Agent Workspace shows a "Public reply" button when the composer is folded). */
  replyButton: ['[data-test-id="omnicomposer-expand-button"]', 'button[data-test-id="public-reply-button"]'],
} as const;

const LABEL = 'Zendesk';

/** Ticket id from `/agent/tickets/<id>`. */
function ticketIdFromUrl(url: URL): string | undefined {
  return /\/agent\/tickets\/(\d+)/.exec(url.pathname)?.[1];
}

/** The active ticket's workspace: the one for the URL's ticket, else the only visible one. */
function activeWorkspace(doc: Document, ticketId: string): Element | null {
  const byId = queryAny(doc, SELECTORS.workspaceForTicket(ticketId));
  if (byId) return byId;
  const visible = queryAllAny(doc, SELECTORS.workspaces).filter((ws) => !isMarkedHidden(ws));
  return visible.length === 1 ? (visible[0] ?? null) : null;
}

function pageRoleOf(item: Element): Role | undefined {
  if (item.matches('[data-test-id="omni-log-system-message"]')) return 'system';
  if (queryAny(item, SELECTORS.internalNote) || item.classList.contains('is-private')) return 'internal-note';
  const avatar = queryAny(item, SELECTORS.avatar);
  const userRole = attr(avatar, 'data-user-role');
  if (userRole === 'agent' || userRole === 'admin' || avatar?.classList.contains('agent')) return 'agent';
  if (userRole === 'end-user' || avatar?.classList.contains('end-user')) return 'customer';
  return undefined;
}

function readItem(item: Element, index: number, ctx: ReadContext): ConversationMessage {
  const pageRole = pageRoleOf(item);
  const senderText = lineText(queryAny(item, SELECTORS.sender));
  const emailEl = queryAny(item, SELECTORS.senderEmail);
  const email = findEmail(attr(emailEl, 'href') ?? lineText(emailEl));
  const parsed = parseAddress(senderText);
  const author: Person = {
    ...(parsed.name ? { name: parsed.name } : {}),
    ...((email ?? parsed.email) ? { email: email ?? parsed.email } : {}),
  };
  const bodyEl = queryAny(item, SELECTORS.body);
  if (pageRole !== 'system') {
    if (!author.name && !author.email) throw anchorMissing(LABEL, `author of log entry ${index + 1}`);
    if (!bodyEl) throw anchorMissing(LABEL, `text of log entry ${index + 1}`);
  }
  const timeEl = queryAny(item, SELECTORS.time);
  const timeText = lineText(timeEl) || undefined;
  const time = parseTime(attr(timeEl, 'datetime')) ?? parseTime(timeText);
  const attachments = Array.from(item.querySelectorAll(SELECTORS.attachments.join(', ')))
    .map((el) => lineText(el))
    .filter((name) => name !== '');
  const { role, roleSource } = decideRole(author, ctx, pageRole, 'customer');
  // System events carry their text inline, next to the timestamp.
  const text = bodyEl ? messageTextOf(bodyEl) : elementText(item, { skip: (el) => el.tagName === 'TIME' });
  const siteId = attr(item, 'data-comment-id') ?? attr(item, 'data-event-id');
  return {
    id: siteId ?? hashId(author.email ?? author.name, timeText, text.slice(0, 64)),
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

function readSubject(workspace: Element): string {
  const el = queryAny(workspace, SELECTORS.subject);
  if (!el) return '';
  return el.tagName === 'INPUT' ? (el as HTMLInputElement).value || attr(el, 'value') || '' : lineText(el);
}

function read(doc: Document, ctx: ReadContext): Conversation {
  const ticketId = ticketIdFromUrl(ctx.url);
  if (!ticketId) throw noConversation(LABEL);
  const workspace = activeWorkspace(doc, ticketId);
  if (!workspace) throw anchorMissing(LABEL, 'active ticket');
  const log = queryAny(workspace, SELECTORS.log);
  if (!log) throw anchorMissing(LABEL, 'conversation log');
  const items = queryAllAny(log, SELECTORS.items).filter((item) => !item.closest(SELECTORS.sideConversation));
  if (items.length === 0) throw anchorMissing(LABEL, 'conversation log entries');
  const messages = dedupeIds(items.map((item, index) => readItem(item, index, ctx)));

  const requesterText = lineText(queryAny(workspace, SELECTORS.requester));
  const requester = parseAddress(requesterText);
  const fromLog = customerOf(messages);
  const customer: Person = { ...requester, ...fromLog };
  const agentName = attr(queryAny(doc, SELECTORS.currentUser), 'alt');
  return {
    site: 'zendesk',
    id: ticketId,
    subject: readSubject(workspace),
    url: ctx.url.href,
    customer,
    ...(agentName ? { agent: { name: agentName } } : {}),
    messages,
  };
}

function findReplyBox(doc: Document): HTMLElement | null {
  const url = doc.defaultView?.location ? new URL(doc.defaultView.location.href) : null;
  const ticketId = url ? ticketIdFromUrl(url) : undefined;
  const scope = (ticketId ? activeWorkspace(doc, ticketId) : null) ?? doc;
  const box = queryAny(scope, SELECTORS.replyBox);
  return isHtmlElement(box) && !isMarkedHidden(box) ? box : null;
}

/** Zendesk Agent Workspace adapter. */
export const zendeskAdapter: SiteAdapter = {
  id: 'zendesk',
  label: LABEL,
  matches: (url) => url.hostname.endsWith('.zendesk.com') && url.pathname.startsWith('/agent'),
  read: (doc, ctx) => guardRead(LABEL, () => read(doc, ctx)),
  observeTarget: (doc) => {
    const ticketId = doc.defaultView ? ticketIdFromUrl(new URL(doc.defaultView.location.href)) : undefined;
    const workspace = ticketId ? activeWorkspace(doc, ticketId) : null;
    return workspace ? queryAny(workspace, SELECTORS.log) : null;
  },
  insert: (doc, text) =>
    insertIntoReplyBox(doc, text, { label: LABEL, findBox: findReplyBox, openSelectors: SELECTORS.replyButton }),
};
