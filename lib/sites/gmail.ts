/**
 * Gmail (mail.google.com): the open thread, conversation view on or off, expanded, collapsed and "N older messages"
 * rows together; replies go into the in-thread reply or the popped-out compose window. Checked against markup captured
 * from Gmail in public repositories (see docs/gmail-reading.md and the headers of tests/fixtures/sites/gmail/*.html).
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
import { findEmail, hashId, messageTextOf, parseTime } from './text';
import type { Conversation, ConversationMessage, Person, ReadContext, SiteAdapter } from './types';

const SELECTORS = {
  /** The thread pane; every Gmail layout since 2018 keeps the open thread under the main landmark. */
  main: ['div[role="main"]'],
  /** Subject heading: all 2019–2025 layouts. */
  subject: ['h2.hP', 'h2[data-thread-perm-id]', 'h2[data-legacy-thread-id]'],
  /** Thread id attributes on the subject heading: perm id (2020+), legacy hex id (older and still present). */
  threadIdAttrs: ['data-thread-perm-id', 'data-legacy-thread-id'],
  /**
   * Message rows, all states at once (the outermost match is the message; inner matches are its parts):
   * captured 2020–2023 conversation view wraps each message in a listitem `.h7` (expanded), `.kv`/`.ky` (collapsed) or
   * `.kQ`/`.kx` (stacked behind "N older messages"); `.adn` (expanded) and `.adf` (collapsed header) are the inner
   * containers, and the only ones in conversation-view-off pages and simplified saves.
   */
  messages: ['div.h7, div.kv, div.ky, div.kQ, div.kx, div.adn, div.adf'],
  /** Row state classes (InboxSDK gmail-message-view.ts reads the same): expanded, collapsed, stacked. */
  expandedClass: ['h7', 'adn'],
  collapsedClass: ['kv', 'ky', 'adf'],
  stackedClass: ['kQ', 'kx'],
  /** Message id carriers: the row itself (simplified saves) or the `.adn` inside an `.h7` row (captured 2023). */
  messageIdEl: ['[data-legacy-message-id]', '[data-message-id]'],
  /** Expanded message body (2019+ `.a3s.aiL`; older `.a3s`); its `.ii.gt` wrapper is display:none while loading. */
  body: ['div.a3s'],
  /**
   * Sender: `.gD` in expanded headers and in captured collapsed rows (2020); the first address in the header cell
   * `td.gF` (InboxSDK's choice); `.zF` in compact rows; any element carrying the address (2024 compact density).
   */
  sender: ['span.gD[email]', 'td.gF span[email]', 'span.zF[email]', 'h3.iw span[email]', 'span[email]'],
  /** Date: `.g3` with the full date in its title (captured 2020 collapsed rows and 2023 expanded headers). */
  date: ['span.g3[title]', 'span.g3'],
  /** Attachment cards: file name in `.aV3` (2019+ chips). */
  attachmentNames: ['span.aV3', 'div.aQA span[title]'],
  /** "N older messages" bar: `.adx` is its button (captured 2020); the count is the number in it. */
  olderBar: ['.adx'],
  /** Signed-in account button: English "Google Account: …" (captured), German "Google-Konto: …". */
  account: [
    'a[aria-label^="Google Account:"]',
    'a[aria-label^="Google-Konto:"]',
    'a[aria-label*="@"][href*="accounts.google.com"]',
  ],
  /** Gmail's own label for the signed-in sender: English "me", German "ich". */
  selfNames: ['me', 'ich'],
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

type RowState = 'expanded' | 'collapsed' | 'stacked';

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

function hasAnyClass(el: Element, names: readonly string[]): boolean {
  return names.some((name) => el.classList.contains(name));
}

/** A row's state by its own classes; stacked and collapsed win because Gmail keeps inner `.adn` parts around. */
function rowStateOf(row: Element): RowState {
  if (hasAnyClass(row, SELECTORS.stackedClass)) return 'stacked';
  if (row.classList.contains('kv') || row.classList.contains('ky')) return 'collapsed';
  if (hasAnyClass(row, SELECTORS.expandedClass)) return 'expanded';
  return hasAnyClass(row, SELECTORS.collapsedClass) ? 'collapsed' : 'expanded';
}

/** The message rows in thread order: the outermost match of each message, never its inner parts. */
function messageRowsOf(container: ParentNode): Element[] {
  const selector = SELECTORS.messages.join(', ');
  return queryAllAny(container, SELECTORS.messages).filter((row) => {
    const outer = row.parentElement?.closest(selector);
    return !outer || !container.contains(outer);
  });
}

/** The number in the "N older messages" bar, when the page shows one. */
function readOlderCount(container: ParentNode): number | undefined {
  const bar = queryAny(container, SELECTORS.olderBar);
  if (!bar) return undefined;
  const digits = /\d+/.exec(`${lineText(bar)} ${attr(bar, 'aria-label') ?? ''} ${attr(bar, 'title') ?? ''}`);
  return digits ? Number(digits[0]) : undefined;
}

interface ReadRow {
  message?: ConversationMessage;
  state: RowState;
}

function readRow(row: Element, index: number, ctx: ReadContext, account: Person | undefined): ReadRow {
  const state = rowStateOf(row);
  const senderEl = queryAny(row, SELECTORS.sender);
  const rawName = attr(senderEl, 'name') ?? lineText(senderEl);
  const email = findEmail(attr(senderEl, 'email'));
  const isSelf = (SELECTORS.selfNames as readonly string[]).includes(rawName.toLowerCase());
  const author: Person = {
    ...(rawName && !isSelf ? { name: rawName } : isSelf && account?.name ? { name: account.name } : {}),
    ...(email ? { email } : isSelf && account?.email ? { email: account.email } : {}),
  };
  if (!author.name && !author.email) {
    // A stacked row ("N older messages") may show no sender at all: it is counted, not read.
    if (state === 'stacked') return { state };
    throw anchorMissing(LABEL, `sender of message ${index + 1}`);
  }

  const dateEl = queryAny(row, SELECTORS.date);
  const timeText = attr(dateEl, 'title') ?? (lineText(dateEl) || undefined);
  const time = parseTime(timeText);

  let text = '';
  let attachments: string[] = [];
  let bodyLoaded = false;
  if (state === 'expanded') {
    const bodies = Array.from(row.querySelectorAll(SELECTORS.body.join(', ')));
    if (bodies.length === 0) throw anchorMissing(LABEL, `body of message ${index + 1}`);
    // Gmail keeps a display:none `.ii.gt` with an empty `.a3s` next to (or instead of) the shown body while loading.
    const shown = bodies.find((body) => !isMarkedHidden(body));
    if (shown) {
      text = messageTextOf(shown);
      attachments = Array.from(row.querySelectorAll(SELECTORS.attachmentNames.join(', ')))
        .map((el) => attr(el, 'title') ?? lineText(el))
        .filter((name) => name !== '');
      // An empty body is a body still loading, unless the message is only its attachments.
      bodyLoaded = text !== '' || attachments.length > 0;
    }
    if (!bodyLoaded) {
      text = '';
      attachments = [];
    }
  }

  // "me"/"ich" is Gmail saying the author is the signed-in account, whichever of its addresses it sent from.
  const { role, roleSource } = decideRole(author, ctx, undefined, 'customer', isSelf ? author : account);
  const idEl = queryAny(row, SELECTORS.messageIdEl);
  const siteId =
    attr(row, 'data-legacy-message-id') ??
    attr(row, 'data-message-id')?.replace(/^#/, '') ??
    attr(idEl, 'data-legacy-message-id') ??
    attr(idEl, 'data-message-id')?.replace(/^#/, '');
  return {
    state,
    message: {
      // Collapsed rows carry no id in captured pages; author and time stay the same when older rows are revealed.
      id: siteId ?? hashId(author.email ?? author.name, timeText),
      author,
      role,
      roleSource,
      ...(time ? { time } : {}),
      ...(timeText ? { timeText } : {}),
      text,
      bodyLoaded,
      attachments: [...new Set(attachments)],
    },
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
  const rows = messageRowsOf(container);
  if (rows.length === 0) throw anchorMissing(LABEL, 'messages');

  const account = readAccount(doc);
  const read = rows.map((row, index) => readRow(row, index, ctx, account));
  const messages = dedupeIds(read.flatMap((r) => (r.message ? [r.message] : [])));
  const listedStacked = read.filter((r) => r.state === 'stacked' && r.message).length;
  const unreadStacked = read.filter((r) => r.state === 'stacked' && !r.message).length;
  const olderCount = readOlderCount(container);
  const hiddenMessageCount = olderCount !== undefined ? Math.max(0, olderCount - listedStacked) : unreadStacked;
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
    ...(hiddenMessageCount > 0 ? { hiddenMessageCount } : {}),
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
  anchors: SELECTORS,
  matches: (url) => url.hostname === 'mail.google.com',
  read: (doc, ctx) => guardRead(LABEL, () => read(doc, ctx)),
  observeTarget: (doc) => queryAny(doc, SELECTORS.main),
  insert: (doc, text) =>
    insertIntoReplyBox(doc, text, { label: LABEL, findBox: findReplyBox, openSelectors: SELECTORS.replyButton }),
};
