/**
 * Gmail (mail.google.com): the open thread, conversation view on or off, collapsed and expanded messages; replies go
 * into the in-thread reply or the popped-out compose window.
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
import { findEmail, hashId, messageTextOf, parseTime } from './text';
import type { Conversation, ConversationMessage, Person, ReadContext, Role, SiteAdapter } from './types';

const SELECTORS = {
  /** The thread pane; every Gmail layout since 2018 keeps the open thread under the main landmark. */
  main: ['div[role="main"]'],
  /** Subject heading: all 2023–2025 layouts. */
  subject: ['h2.hP', 'h2[data-thread-perm-id]', 'h2[data-legacy-thread-id]'],
  /** Thread id attributes on the subject heading: perm id (2020+), legacy hex id (older and still present). */
  threadIdAttrs: ['data-thread-perm-id', 'data-legacy-thread-id'],
  /** Messages in thread order: expanded (.adn) and collapsed (.kv, .kQ) in both conversation-view modes. */
  messages: ['div.adn[data-message-id], div.kv[data-message-id], div.kQ[data-message-id]', 'div.adn, div.kv, div.kQ'],
  /** Expanded message body (2019+ `.a3s.aiL`; older `.a3s`). */
  body: ['div.a3s'],
  /** Sender: expanded header `.gD`; collapsed row `.zF`; any element carrying the address (2024 compact density). */
  sender: ['span.gD[email]', 'span.zF[email]', 'span[email]'],
  /** Date: `.g3` with the full date in its title (all layouts). */
  date: ['span.g3[title]', 'span.g3'],
  /** Attachment cards: file name in `.aV3` (2019+ chips). */
  attachmentNames: ['span.aV3', 'div.aQA span[title]'],
  /** Signed-in account button: English "Google Account: …", German "Google-Konto: …". */
  account: [
    'a[aria-label^="Google Account:"]',
    'a[aria-label^="Google-Konto:"]',
    'a[aria-label*="@"][href*="accounts.google.com"]',
  ],
  /** Reply editors: in-thread reply and pop-out compose (role/aria first, then the long-lived `editable` classes). */
  replyBox: [
    'div[role="textbox"][aria-label="Message Body"][contenteditable="true"]',
    'div[role="textbox"][aria-label="Nachrichtentext"][contenteditable="true"]',
    'div.Am.editable[contenteditable="true"]',
  ],
  /** Reply buttons: bottom-of-thread "Reply"/"Antworten" link, then the header icon button. */
  replyButton: [
    'span.ams.bkH',
    'div[role="button"][aria-label="Reply"]',
    'div[role="button"][aria-label="Antworten"]',
    'div[role="button"][data-tooltip="Reply"]',
  ],
} as const;

const LABEL = 'Gmail';

/** The signed-in account from the account button's label ("Google Account: Lena Vogel (lena@…)"). */
function readAccount(doc: Document): Person | undefined {
  const label = attr(queryAny(doc, SELECTORS.account), 'aria-label');
  if (!label) return undefined;
  const email = findEmail(label);
  const name = label
    .replace(/^[^:]*:/, '')
    .replace(/\([^)]*\)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!email && !name) return undefined;
  return { ...(name ? { name } : {}), ...(email ? { email } : {}) };
}

/** Thread id from the URL: `#inbox/FMfcgz…`, `#label/Support/FMfcgz…`, `#search/x/FMfcgz…`. */
function threadIdFromUrl(url: URL): string | undefined {
  const segments = url.hash.replace(/^#/, '').split('/').filter(Boolean);
  const last = segments.at(-1);
  return segments.length >= 2 && last && /^[A-Za-z0-9_-]{12,}$/.test(last) ? last : undefined;
}

function readMessage(item: Element, index: number, ctx: ReadContext, account: Person | undefined): ConversationMessage {
  const senderEl = queryAny(item, SELECTORS.sender);
  const rawName = attr(senderEl, 'name') ?? lineText(senderEl);
  const email = findEmail(attr(senderEl, 'email'));
  const isMe = /^(me|ich)$/i.test(rawName);
  const author: Person = {
    ...(rawName && !isMe ? { name: rawName } : isMe && account?.name ? { name: account.name } : {}),
    ...(email ? { email } : isMe && account?.email ? { email: account.email } : {}),
  };
  if (!author.name && !author.email) throw anchorMissing(LABEL, `sender of message ${index + 1}`);

  const dateEl = queryAny(item, SELECTORS.date);
  const timeText = attr(dateEl, 'title') ?? (lineText(dateEl) || undefined);
  const time = parseTime(timeText);

  const isExpanded = item.classList.contains('adn');
  const bodyEl = queryAny(item, SELECTORS.body);
  if (isExpanded && !bodyEl) throw anchorMissing(LABEL, `body of message ${index + 1}`);
  const text = bodyEl ? messageTextOf(bodyEl) : '';
  const attachments = bodyEl
    ? Array.from(item.querySelectorAll(SELECTORS.attachmentNames.join(', ')))
        .map((el) => attr(el, 'title') ?? lineText(el))
        .filter((name) => name !== '')
    : [];

  const pageRole: Role | undefined =
    isMe || (account?.email !== undefined && author.email === account.email) ? 'agent' : undefined;
  const { role, roleSource } = decideRole(author, ctx, pageRole, 'customer');
  const siteId = attr(item, 'data-legacy-message-id') ?? attr(item, 'data-message-id')?.replace(/^#/, '');
  return {
    id: siteId ?? hashId(author.email ?? author.name, timeText, String(index)),
    author,
    role,
    roleSource,
    ...(time ? { time } : {}),
    ...(timeText ? { timeText } : {}),
    text,
    bodyLoaded: bodyEl !== null,
    attachments: [...new Set(attachments)],
  };
}

function read(doc: Document, ctx: ReadContext): Conversation {
  const urlThreadId = threadIdFromUrl(ctx.url);
  const main = queryAny(doc, SELECTORS.main);
  const subjectEl = main ? queryAny(main, SELECTORS.subject) : null;
  if (!subjectEl) {
    // An inbox or label list has no thread id in the URL and no subject heading: nothing is open.
    if (!urlThreadId) throw noConversation(LABEL);
    throw anchorMissing(LABEL, main ? 'subject heading' : 'thread view');
  }
  const container = main ?? doc;
  const items = queryAllAny(container, SELECTORS.messages);
  if (items.length === 0) throw anchorMissing(LABEL, 'messages');

  const account = readAccount(doc);
  const messages = dedupeIds(items.map((item, index) => readMessage(item, index, ctx, account)));
  const threadId =
    SELECTORS.threadIdAttrs.map((name) => attr(subjectEl, name)).find((v) => v !== undefined) ??
    urlThreadId ??
    hashId(ctx.url.href);
  return {
    site: 'gmail',
    id: threadId,
    subject: lineText(subjectEl),
    url: ctx.url.href,
    customer: customerOf(messages),
    ...(account ? { agent: account } : {}),
    messages,
  };
}

/** The reply editor: the one holding focus, else the in-thread reply, else the last pop-out compose window. */
function findReplyBox(doc: Document): HTMLElement | null {
  const boxes = queryAllAny(doc, SELECTORS.replyBox).filter(isHtmlElement);
  const active = doc.activeElement;
  const focused = boxes.find((box) => active && box.contains(active));
  if (focused) return focused;
  const main = queryAny(doc, SELECTORS.main);
  const inThread = boxes.find((box) => main?.contains(box));
  return inThread ?? boxes.at(-1) ?? null;
}

/** Gmail adapter. */
export const gmailAdapter: SiteAdapter = {
  id: 'gmail',
  label: LABEL,
  matches: (url) => url.hostname === 'mail.google.com',
  read: (doc, ctx) => guardRead(LABEL, () => read(doc, ctx)),
  observeTarget: (doc) => queryAny(doc, SELECTORS.main),
  insert: (doc, text) =>
    insertIntoReplyBox(doc, text, { label: LABEL, findBox: findReplyBox, openSelectors: SELECTORS.replyButton }),
};
