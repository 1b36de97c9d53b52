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
import { readZendeskFromApi, zendeskTicketIdFromUrl } from './zendesk-api';

// Agent Workspace selectors as seen in public Zendesk userscripts and extensions (no public saved page exists):
// holatuwol/liferay-zendesk-userscript (src/internal.ts, user_script.ts), BagToad/remove-blue-background-on-zendesk-
// user-comments (remove-blue-bg.user.js), and further userscripts in the code index whose repositories it does not name.
// Selectors marked "unconfirmed" were never seen in public code; they stay as late alternatives only.
const SELECTORS = {
  /** One workspace per open ticket tab; Agent Workspace tags it with the ticket id, classic uses `.workspace`. */
  workspaceForTicket: (id: string) => [`[data-ticket-id="${id}"]`, `.workspace[data-ticket-id="${id}"]`],
  /** Any ticket workspace: Agent Workspace, then classic agent interface. */
  workspaces: ['[data-ticket-id]', 'div.workspace'],
  /** The conversation log: Agent Workspace omnilog, classic `.audits` event list. */
  log: ['[data-test-id="omni-log-container"]', 'div.audits'],
  /** Log entries: Agent Workspace `<article>` comment items (system events unconfirmed), classic `.event`. */
  items: [
    '[data-test-id="omni-log-comment-item"], [data-test-id="omni-log-system-message"]',
    'div.event[data-comment-id], div.event.is-public, div.event.is-private',
  ],
  /** Side conversations render their own log inside the ticket: never read as the ticket's conversation. */
  sideConversation:
    '[data-test-id="side-conversations-panel"], [data-test-id="side-conversation-log"], .side-conversations',
  /** Agent Workspace message bubble; its `type` attribute is the author's kind: `end-user`, `agent` or `internal`. */
  message: '[data-test-id="omni-log-item-message"][type]',
  /** Agent Workspace: the badge Zendesk puts on the avatar of agent-written entries (absent on end-user ones). */
  agentBadge: '[data-test-id="omni-log-avatar-badge-AgentBadge"]',
  /** Comment body: Agent Workspace message content, classic `.zd-comment`. */
  body: ['[data-test-id="omni-log-message-content"]', '.zd-comment'],
  /** Sender name: Agent Workspace user link, its older header span, classic `.actor .name`. */
  sender: [
    '[data-test-id="omni-log-comment-user-link"]',
    '[data-test-id="omni-log-item-sender"]',
    '.actor .name',
    '.actor',
  ],
  /** Sender address when shown (unconfirmed for Agent Workspace), classic mailto link. */
  senderEmail: ['[data-test-id="omni-log-item-sender-email"]', 'a[href^="mailto:"]'],
  /** Internal note marker: Agent Workspace tag (classic marks the event `.is-private`). */
  internalNote: ['[data-test-id="omni-log-internal-note-tag"]'],
  /** Avatar role attribute: Agent Workspace `data-user-role` (unconfirmed), classic `.user_photo.agent|.end-user`. */
  avatar: ['[data-test-id="omni-log-avatar"][data-user-role]', '.user_photo'],
  /** Timestamp: Agent Workspace `time[data-test-id="timestamp-relative"]`, any `<time datetime>` elsewhere. */
  time: ['time[data-test-id="timestamp-relative"][datetime]', 'time[datetime]', 'time'],
  /** Attachment names (unconfirmed for Agent Workspace), classic attachment list. */
  attachments: ['[data-test-id="attachment-name"]', '.attachment a.name', '.attachments a'],
  /** Subject: Agent Workspace header input, ticket pane heading, classic subject field. */
  subject: [
    'input[data-test-id="omni-header-subject"]',
    '[data-test-id="ticket-pane-subject"]',
    'input[name="subject"]',
  ],
  /** Requester (the customer): Agent Workspace requester tooltip, requester field (unconfirmed), classic. */
  requester: [
    '[data-test-id="tooltip-requester-name"]',
    '[data-test-id="ticket-system-field-requester-select"]',
    '.ticket_requester .name',
  ],
  /** The signed-in agent's name in the top bar's profile menu button (Agent Workspace). */
  currentUserName: ['button[data-test-id="header-profile-menu-button"] [data-garden-id="typography.ellipsis"]'],
  /** The signed-in agent's avatar: Agent Workspace profile button image (unconfirmed), classic user menu. */
  currentUserAvatar: ['[data-test-id="header-profile-menu-button"] img[alt]', '#user-menu img[alt]'],
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

/** The active ticket's workspace: the one for the URL's ticket, else the only visible one. */
function activeWorkspace(doc: Document, ticketId: string): Element | null {
  const byId = queryAny(doc, SELECTORS.workspaceForTicket(ticketId));
  if (byId) return byId;
  const visible = queryAllAny(doc, SELECTORS.workspaces).filter((ws) => !isMarkedHidden(ws));
  return visible.length === 1 ? (visible[0] ?? null) : null;
}

function pageRoleOf(item: Element): Role | undefined {
  if (item.matches('[data-test-id="omni-log-system-message"]')) return 'system';
  const messageType = attr(item.querySelector(SELECTORS.message), 'type');
  if (messageType === 'internal' || queryAny(item, SELECTORS.internalNote) || item.classList.contains('is-private')) {
    return 'internal-note';
  }
  if (messageType === 'agent') return 'agent';
  if (messageType === 'end-user') return 'customer';
  if (item.querySelector(SELECTORS.agentBadge)) return 'agent';
  const avatar = queryAny(item, SELECTORS.avatar);
  const userRole = attr(avatar, 'data-user-role');
  if (userRole === 'agent' || userRole === 'admin' || avatar?.classList.contains('agent')) return 'agent';
  if (userRole === 'end-user' || avatar?.classList.contains('end-user')) return 'customer';
  return undefined;
}

/** The signed-in agent: the name in the profile menu button, else the avatar's alt text. */
function readSignedInAgent(doc: Document): Person | undefined {
  const text =
    lineText(queryAny(doc, SELECTORS.currentUserName)) || attr(queryAny(doc, SELECTORS.currentUserAvatar), 'alt');
  if (!text) return undefined;
  const parsed = parseAddress(text);
  return parsed.name || parsed.email ? parsed : undefined;
}

function readItem(item: Element, index: number, ctx: ReadContext, signedIn: Person | undefined): ConversationMessage {
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
  // Without a page cue: the signed-in agent (or a name from settings) is the agent, anyone else most likely the customer.
  const { role, roleSource } = decideRole(author, ctx, pageRole, 'customer', signedIn);
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

/** The requester (the ticket's customer), its address filled in from their own log entries; else the first customer. */
function readCustomer(workspace: Element, messages: readonly ConversationMessage[]): Person {
  const requester = parseAddress(lineText(queryAny(workspace, SELECTORS.requester)));
  if (!requester.name && !requester.email) return customerOf(messages);
  if (requester.email || !requester.name) return requester;
  const name = requester.name.toLowerCase();
  const own = messages.find((m) => m.author.email && m.author.name?.toLowerCase() === name);
  return own?.author.email ? { ...requester, email: own.author.email } : requester;
}

function read(doc: Document, ctx: ReadContext): Conversation {
  const ticketId = zendeskTicketIdFromUrl(ctx.url);
  if (!ticketId) throw noConversation(LABEL);
  const workspace = activeWorkspace(doc, ticketId);
  if (!workspace) throw anchorMissing(LABEL, 'active ticket');
  const log = queryAny(workspace, SELECTORS.log);
  if (!log) throw anchorMissing(LABEL, 'conversation log');
  const items = queryAllAny(log, SELECTORS.items).filter((item) => !item.closest(SELECTORS.sideConversation));
  if (items.length === 0) throw anchorMissing(LABEL, 'conversation log entries');
  const signedIn = readSignedInAgent(doc);
  const messages = dedupeIds(items.map((item, index) => readItem(item, index, ctx, signedIn)));
  return {
    site: 'zendesk',
    id: ticketId,
    subject: readSubject(workspace),
    url: ctx.url.href,
    customer: readCustomer(workspace, messages),
    ...(signedIn ? { agent: signedIn } : {}),
    messages,
  };
}

function findReplyBox(doc: Document): HTMLElement | null {
  const url = doc.defaultView?.location ? new URL(doc.defaultView.location.href) : null;
  const ticketId = url ? zendeskTicketIdFromUrl(url) : undefined;
  const scope = (ticketId ? activeWorkspace(doc, ticketId) : null) ?? doc;
  const box = queryAny(scope, SELECTORS.replyBox);
  return isHtmlElement(box) && !isMarkedHidden(box) ? box : null;
}

/** Zendesk Agent Workspace adapter. */
export const zendeskAdapter: SiteAdapter = {
  id: 'zendesk',
  label: LABEL,
  anchors: SELECTORS,
  matches: (url) => url.hostname.endsWith('.zendesk.com') && url.pathname.startsWith('/agent'),
  read: (doc, ctx) => guardRead(LABEL, () => read(doc, ctx)),
  readFromApi: readZendeskFromApi,
  observeTarget: (doc) => {
    const ticketId = doc.defaultView ? zendeskTicketIdFromUrl(new URL(doc.defaultView.location.href)) : undefined;
    const workspace = ticketId ? activeWorkspace(doc, ticketId) : null;
    return workspace ? queryAny(workspace, SELECTORS.log) : null;
  },
  insert: (doc, text) =>
    insertIntoReplyBox(doc, text, { label: LABEL, findBox: findReplyBox, openSelectors: SELECTORS.replyButton }),
};
