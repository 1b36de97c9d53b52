/**
 * Outlook on the web (outlook.office.com, outlook.office365.com, outlook.live.com): the reading pane's conversation
 * and the compose body. Outlook's class names are hashed per build, so only roles, aria labels, ids and `data-*`
 * attributes it keeps stable are used.
 */
import {
  anchorMissing,
  attr,
  dedupeIds,
  guardRead,
  isHtmlElement,
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
  /** Reading pane: English and German UI labels (2023–2025 "new Outlook"), then its app-section marker. */
  readingPane: [
    '[role="main"] [aria-label="Reading Pane"]',
    '[role="main"] [aria-label="Lesebereich"]',
    '[data-app-section="ConversationContainer"]',
  ],
  /** Subject heading inside the reading pane (all variants). */
  subject: ['[role="heading"][aria-level="2"]', '[role="heading"]'],
  /** Conversation items: list items of the conversation list (conversation view), or the single item (message view). */
  items: ['[role="list"] > [role="listitem"]', '[data-app-section="ItemContainer"]'],
  /** Message body of an expanded item: English/German labels; older builds only mark role="document". */
  body: [
    '[aria-label="Message body"]:not([contenteditable])',
    '[aria-label="Nachrichtentext"]:not([contenteditable])',
    '[role="document"]',
  ],
  /** Sender persona: aria label "From: Name" / "Von: Name"; the address shows in its title. */
  sender: ['[aria-label^="From:"]', '[aria-label^="Von:"]'],
  /** Sent/received time (stable test id across 2022–2025 builds). */
  time: ['[data-testid="SentReceivedSavedTime"]', 'time'],
  /** Attachment list: English/German labels; each file an option with the name in its title. */
  attachments: [
    '[role="listbox"][aria-label="file attachments"] [role="option"]',
    '[role="listbox"][aria-label="Dateianlagen"] [role="option"]',
  ],
  /** The signed-in account in the "me" control (Microsoft account header, all tenants). */
  accountName: ['#mectrl_currentAccount_primary'],
  accountEmail: ['#mectrl_currentAccount_secondary'],
  /** Compose body: English/German labels, inline reply and pop-out alike. */
  replyBox: [
    'div[role="textbox"][aria-label="Message body"][contenteditable="true"]',
    'div[role="textbox"][aria-label="Nachrichtentext"][contenteditable="true"]',
    'div[role="textbox"][contenteditable="true"][aria-multiline="true"]',
  ],
  /** Reply buttons in the reading pane: English/German labels. */
  replyButton: ['[role="main"] button[aria-label="Reply"]', '[role="main"] button[aria-label="Antworten"]'],
} as const;

const LABEL = 'Outlook';
const HOSTS = new Set(['outlook.office.com', 'outlook.office365.com', 'outlook.live.com']);

/** Item id from `/mail/inbox/id/<id>` or `/mail/id/<id>` (URL-encoded Exchange ids). */
function itemIdFromUrl(url: URL): string | undefined {
  const match = /\/id\/([^/?#]+)/.exec(url.pathname);
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}

function readAccount(doc: Document): Person | undefined {
  const name = lineText(queryAny(doc, SELECTORS.accountName));
  const email = findEmail(lineText(queryAny(doc, SELECTORS.accountEmail)));
  if (!name && !email) return undefined;
  return { ...(name ? { name } : {}), ...(email ? { email } : {}) };
}

function readItem(item: Element, index: number, ctx: ReadContext, account: Person | undefined): ConversationMessage {
  const senderEl = queryAny(item, SELECTORS.sender);
  if (!senderEl) throw anchorMissing(LABEL, `sender of message ${index + 1}`);
  const label = (attr(senderEl, 'aria-label') ?? '').replace(/^(From|Von):\s*/i, '');
  const parsed = parseAddress(`${label} ${attr(senderEl, 'title') ?? ''}`);
  const author: Person = {
    ...(parsed.name ? { name: parsed.name } : {}),
    ...(parsed.email ? { email: parsed.email } : {}),
  };
  const timeEl = queryAny(item, SELECTORS.time);
  const timeText = attr(timeEl, 'title') ?? (lineText(timeEl) || undefined);
  const time = parseTime(attr(timeEl, 'datetime')) ?? parseTime(timeText);
  const bodyEl = queryAny(item, SELECTORS.body);
  const attachments = Array.from(item.querySelectorAll(SELECTORS.attachments.join(', ')))
    .map((el) => attr(el, 'title') ?? lineText(el))
    .filter((name) => name !== '');
  const pageRole: Role | undefined =
    account?.email && author.email === account.email.toLowerCase() ? 'agent' : undefined;
  const { role, roleSource } = decideRole(author, ctx, pageRole, 'customer');
  return {
    id:
      attr(item, 'data-convid') ??
      attr(item, 'data-item-id') ??
      hashId(author.email ?? author.name, timeText, String(index)),
    author,
    role,
    roleSource,
    ...(time ? { time } : {}),
    ...(timeText ? { timeText } : {}),
    text: bodyEl ? messageTextOf(bodyEl) : '',
    // A collapsed item shows only a preview line; Outlook loads the body when it is expanded.
    bodyLoaded: bodyEl !== null,
    attachments: [...new Set(attachments)],
  };
}

function read(doc: Document, ctx: ReadContext): Conversation {
  const pane = queryAny(doc, SELECTORS.readingPane);
  const urlId = itemIdFromUrl(ctx.url);
  if (!pane) {
    if (!urlId) throw noConversation(LABEL);
    throw anchorMissing(LABEL, 'reading pane');
  }
  const subjectEl = queryAny(pane, SELECTORS.subject);
  const items = queryAllAny(pane, SELECTORS.items);
  if (!subjectEl && items.length === 0) {
    // The reading pane shows "Select an item to read" when nothing is open.
    if (!urlId) throw noConversation(LABEL);
    throw anchorMissing(LABEL, 'subject heading');
  }
  if (!subjectEl) throw anchorMissing(LABEL, 'subject heading');
  if (items.length === 0) throw anchorMissing(LABEL, 'messages');
  const account = readAccount(doc);
  const messages = dedupeIds(items.map((item, index) => readItem(item, index, ctx, account)));
  const subject = attr(subjectEl, 'title') ?? lineText(subjectEl);
  const first = messages[0];
  return {
    site: 'outlook',
    id: urlId ?? hashId(subject, first?.author.email, first?.timeText),
    subject,
    url: ctx.url.href,
    customer: customerOf(messages),
    ...(account ? { agent: account } : {}),
    messages,
  };
}

function findReplyBox(doc: Document): HTMLElement | null {
  const boxes = queryAllAny(doc, SELECTORS.replyBox).filter(isHtmlElement);
  const active = doc.activeElement;
  return boxes.find((box) => active && box.contains(active)) ?? boxes[0] ?? null;
}

/** Outlook on the web adapter. */
export const outlookAdapter: SiteAdapter = {
  id: 'outlook',
  label: LABEL,
  matches: (url) => HOSTS.has(url.hostname),
  read: (doc, ctx) => guardRead(LABEL, () => read(doc, ctx)),
  observeTarget: (doc) => queryAny(doc, SELECTORS.readingPane),
  insert: (doc, text) =>
    insertIntoReplyBox(doc, text, { label: LABEL, findBox: findReplyBox, openSelectors: SELECTORS.replyButton }),
};
