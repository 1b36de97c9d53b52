/**
 * Outlook on the web (outlook.office.com, outlook.office365.com, outlook.live.com): the reading pane's conversation
 * and the compose body. Outlook's class names are hashed per build, so only ids, roles, aria labels, `data-testid` and
 * `data-app-section` values seen in real captures are used; language-neutral ids come before localized labels.
 * Sources: sgnoohc/monet gmailify/CLAUDE.md and gmailify/inspect.js (hooks read from saved Outlook pages), the German
 * reading pane in mailvelope/mailvelope test/integration/__mocks__/outlook-dom-templates.js (trimmed from
 * outlook.office.com, 2025), and the captures named at the top of each fixture under tests/fixtures/sites/outlook.
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
import { findEmail, hashId, isHiddenElement, messageTextOf, parseAddress, parseTime } from './text';
import type { Conversation, ConversationMessage, Person, ReadContext, SiteAdapter } from './types';

const SELECTORS = {
  readingPane: [
    // Every "new Outlook" build (2022–2025), any UI language: the reading pane's own id.
    '#ReadingPaneContainerId',
    // English UI where the main landmark itself is the reading pane (role=main + label on one element).
    '[role="main"][aria-label="Reading Pane"]',
    // German UI, same landmark.
    '[role="main"][aria-label="Lesebereich"]',
    // The label on a region or plain div, inside or outside the main landmark (English, then German).
    '[aria-label="Reading Pane"]',
    '[aria-label="Lesebereich"]',
    // Builds without the pane id: the conversation container (conversation view), then the single-item pane.
    '#ConversationReadingPaneContainer',
    '[data-app-section="ConversationContainer"]',
    '#ItemReadingPaneContainer',
  ],
  conversation: [
    // Conversation view: the container that carries the conversation id (`data-convid`).
    '#ConversationReadingPaneContainer',
    '[data-app-section="ConversationContainer"]',
    // Message view / deep-link read view: the single item's pane.
    '#ItemReadingPaneContainer',
  ],
  subject: [
    // All builds with metadata ids: `CONV_<id>_SUBJECT` / `MSG_<id>_SUBJECT`.
    '[id$="_SUBJECT"]:not(input)',
    // Older builds: the subject is the pane's level-2 heading (message metadata are level-3 headings).
    '[role="heading"][aria-level="2"]',
  ],
  items: [
    // English UI: one labelled container per message of the conversation, expanded or collapsed.
    '[aria-label="Email message"]',
    // German UI.
    '[aria-label="E-Mail-Nachricht"]',
  ],
  /** Language-neutral fallback for items: each message's "From" heading id, `MSG_<item id>_FROM`. */
  itemFromHeading: ['[id^="MSG_"][id$="_FROM"]'],
  /** Last fallback for items, builds without item labels and metadata ids: the labelled sender persona. */
  itemSenderLabel: [
    // English UI.
    '[aria-label^="From:"]',
    // German UI (mailvelope's outlook.office.com reading pane, 2025: `<span aria-label="Von: …">`).
    '[aria-label^="Von:"]',
  ],
  /** Message id carriers inside an item: every metadata heading is `MSG_<item id>_<FIELD>`. */
  itemIdCarrier: ['[id^="MSG_"]'],
  sender: [
    // All builds with metadata ids: the From heading.
    '[id^="MSG_"][id$="_FROM"]',
    // English UI: the sender persona labelled "From: Name".
    '[aria-label^="From:"]',
    // German UI: "Von: Name".
    '[aria-label^="Von:"]',
  ],
  time: [
    // All builds 2022–2025: the date heading's test id (also `MSG_<id>_DATETIME`).
    '[data-testid="SentReceivedSavedTime"]',
    '[id^="MSG_"][id$="_DATETIME"]',
    // Pages that render a machine-readable time.
    'time[datetime]',
  ],
  body: [
    // All builds: the rendered body's id, `UniqueMessageBody` or `UniqueMessageBody_<n>`.
    '[id^="UniqueMessageBody"]',
    // English UI: the body document's label.
    '[role="document"][aria-label="Message body"]',
    '[aria-label="Message body"]',
    // German UI.
    '[aria-label="Nachrichtentext"]',
    // Older builds: only the document role.
    '[role="document"]',
  ],
  attachments: [
    // All builds with metadata ids: the attachment well's heading id, each file an option.
    '[id^="MSG_"][id$="_ATTACHMENTS"] [role="option"]',
    // English UI: the attachment listbox label.
    '[role="listbox"][aria-label="file attachments"] [role="option"]',
    // German UI.
    '[role="listbox"][aria-label="Dateianlagen"] [role="option"]',
  ],
  /** Microsoft account header ("me control"), all tenants: name and address of the signed-in account. */
  accountName: ['#mectrl_currentAccount_primary'],
  accountEmail: ['#mectrl_currentAccount_secondary'],
  /** The folder pane's primary mailbox root, any UI language: the address in `data-folder-name`, else `title`. */
  mailboxRoot: ['[id^="primaryMailboxRoot"][data-folder-name]', '[id^="primaryMailboxRoot"][title]'],
  accountButton: [
    // The me-control trigger in the header (older and current builds), labelled "Account manager for <name or address>".
    '#mectrl_main_trigger[aria-label]',
    // Current builds: the header's initials button, same label (English UI).
    'button[aria-label^="Account manager for "]',
    // German UI.
    'button[aria-label^="Konto-Manager für "]',
  ],
  replyBox: [
    // English UI: the compose body, inline reply and pop-out alike.
    'div[role="textbox"][aria-label="Message body"][contenteditable="true"]',
    // German UI.
    'div[role="textbox"][aria-label="Nachrichtentext"][contenteditable="true"]',
    // Any UI language: the compose editor's host id, then any multi-line editor.
    '[id^="editorParent"] [contenteditable="true"]',
    'div[role="textbox"][contenteditable="true"][aria-multiline="true"]',
  ],
  replyButton: [
    // English UI: Reply in the reading pane (by id, then as the main landmark).
    '#ReadingPaneContainerId button[aria-label="Reply"]',
    '[role="main"] button[aria-label="Reply"]',
    // German UI.
    '#ReadingPaneContainerId button[aria-label="Antworten"]',
    '[role="main"] button[aria-label="Antworten"]',
  ],
} as const;

const LABEL = 'Outlook';
const HOSTS = new Set(['outlook.office.com', 'outlook.office365.com', 'outlook.live.com']);
const FROM_PREFIX = /^(From|Von):\s*/i;
const ACCOUNT_PREFIX = /^(Account manager for|Konto-Manager für)\s+/i;

/** Item id from `/mail/inbox/id/<id>`, `/mail/0/inbox/id/<id>` or `/mail/deeplink/read/<id>` (URL-encoded ids). */
function itemIdFromUrl(url: URL): string | undefined {
  const match = /\/(?:id|read)\/([^/?#]+)/.exec(url.pathname);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    // A malformed escape: the raw segment is still the id Outlook routed on.
    return match[1];
  }
}

function personOf(name: string | undefined, email: string | undefined): Person | undefined {
  if (!name && !email) return undefined;
  return { ...(name ? { name } : {}), ...(email ? { email } : {}) };
}

/** The signed-in account: the me-control's name and address, else the account button's label. */
function readAccount(doc: Document): Person | undefined {
  let name = lineText(queryAny(doc, SELECTORS.accountName)) || undefined;
  let email = findEmail(lineText(queryAny(doc, SELECTORS.accountEmail)));
  const mailbox = queryAny(doc, SELECTORS.mailboxRoot);
  email ??= findEmail(attr(mailbox, 'data-folder-name')) ?? findEmail(attr(mailbox, 'title'));
  const label = attr(queryAny(doc, SELECTORS.accountButton), 'aria-label');
  if (label && ACCOUNT_PREFIX.test(label)) {
    const parsed = parseAddress(label.replace(ACCOUNT_PREFIX, ''));
    name ??= parsed.name;
    email ??= parsed.email;
  }
  return personOf(name, email);
}

/** Whether `el` sits in a compose editor (an inline reply is rendered inside the conversation). */
function isInEditor(el: Element): boolean {
  return el.closest('[contenteditable="true"], [contenteditable=""]') !== null;
}

/** Drops elements nested in another element of the list (a labelled wrapper around a labelled item). */
function outermost(elements: Element[]): Element[] {
  return elements.filter((el) => !elements.some((other) => other !== el && other.contains(el)));
}

/** The largest ancestor of `heading` inside `pane` that holds no other message's sender anchor (`anchor`). */
function itemAround(heading: Element, pane: Element, anchor: string): Element {
  let item = heading;
  for (let cur = heading.parentElement; cur && cur !== pane && pane.contains(cur); cur = cur.parentElement) {
    if (cur.querySelectorAll(anchor).length > 1) break;
    item = cur;
  }
  return item;
}

function findItems(pane: Element): Element[] {
  const labelled = queryAllAny(pane, SELECTORS.items).filter((el) => !isInEditor(el));
  if (labelled.length > 0) return outermost(labelled);
  // One kind of sender anchor at a time: a From heading id and a "From:" persona inside it are one message, not two.
  for (const anchors of [SELECTORS.itemFromHeading, SELECTORS.itemSenderLabel]) {
    const anchor = anchors.find((selector) => pane.querySelector(selector) !== null);
    if (!anchor) continue;
    const headings = Array.from(pane.querySelectorAll(anchor)).filter((el) => !isInEditor(el));
    if (headings.length > 0) return outermost(headings.map((heading) => itemAround(heading, pane, anchor)));
  }
  return [];
}

/** Outlook's own message id, from the `MSG_<id>_<FIELD>` ids of the item's metadata headings. */
function messageIdOf(item: Element): string | undefined {
  for (const el of queryAllAny(item, SELECTORS.itemIdCarrier)) {
    const match = /^MSG_(.+)_[A-Z]+$/.exec(el.id);
    if (match?.[1]) return match[1];
  }
  return undefined;
}

function readAuthor(senderEl: Element): Person {
  const label = attr(senderEl, 'aria-label');
  const shown = label && FROM_PREFIX.test(label) ? label.replace(FROM_PREFIX, '') : lineText(senderEl);
  // The address shows in a title (on the persona or a child) where Outlook shows it at all; else only in a hover card.
  const titled = [senderEl, ...Array.from(senderEl.querySelectorAll('[title]'))]
    .map((el) => attr(el, 'title'))
    .find((title) => findEmail(title) !== undefined);
  const parsed = parseAddress(shown);
  return personOf(parsed.name, parsed.email ?? findEmail(titled)) ?? {};
}

function findBody(item: Element): Element | null {
  for (const selector of SELECTORS.body) {
    const found = Array.from(item.querySelectorAll(selector)).find((el) => !isInEditor(el));
    if (found) return found;
  }
  return null;
}

/** A body the page shows with text in it; an empty or hidden body is a collapsed or still-loading item. */
function isBodyLoaded(body: Element | null): body is Element {
  if (!body) return false;
  if (isMarkedHidden(body) || isHiddenElement(body)) return false;
  return lineText(body) !== '';
}

function readItem(item: Element, index: number, ctx: ReadContext, account: Person | undefined): ConversationMessage {
  const senderEl = queryAny(item, SELECTORS.sender);
  if (!senderEl) throw anchorMissing(LABEL, `sender of message ${index + 1}`);
  const author = readAuthor(senderEl);
  const timeEl = queryAny(item, SELECTORS.time);
  const timeText = attr(timeEl, 'title') ?? (lineText(timeEl) || undefined);
  const time = parseTime(attr(timeEl, 'datetime')) ?? parseTime(timeText);
  const body = findBody(item);
  const loaded = isBodyLoaded(body);
  const attachments = Array.from(item.querySelectorAll(SELECTORS.attachments.join(', ')))
    .map((el) => attr(el, 'title') ?? lineText(el))
    .filter((name) => name !== '');
  // Outlook marks no message as the mailbox owner's; the signed-in account read from the header decides.
  const { role, roleSource } = decideRole(author, ctx, undefined, 'customer', account);
  return {
    id: messageIdOf(item) ?? hashId(author.email ?? author.name, timeText, String(index)),
    author,
    role,
    roleSource,
    ...(time ? { time } : {}),
    ...(timeText ? { timeText } : {}),
    text: loaded ? messageTextOf(body) : '',
    bodyLoaded: loaded,
    attachments: [...new Set(attachments)],
  };
}

function read(doc: Document, ctx: ReadContext): Conversation {
  const urlId = itemIdFromUrl(ctx.url);
  const pane = queryAny(doc, SELECTORS.readingPane);
  if (!pane) {
    if (!urlId) throw noConversation(LABEL);
    throw anchorMissing(LABEL, 'reading pane');
  }
  const subjectEl = queryAny(pane, SELECTORS.subject);
  const items = findItems(pane);
  if (!subjectEl && items.length === 0) {
    // The reading pane shows "Select an item to read" when nothing is open.
    if (!urlId) throw noConversation(LABEL);
    throw anchorMissing(LABEL, 'messages');
  }
  if (items.length === 0) throw anchorMissing(LABEL, 'messages');
  const account = readAccount(doc);
  const messages = dedupeIds(items.map((item, index) => readItem(item, index, ctx, account)));
  // The messages are what is read; a pane whose subject header is missing (as in mailvelope's German reading pane)
  // still shows them, so an empty subject beats refusing the conversation.
  const subject = subjectEl ? (attr(subjectEl, 'title') ?? lineText(subjectEl)) : '';
  const first = messages[0];
  const convId = attr(queryAny(doc, SELECTORS.conversation), 'data-convid');
  return {
    site: 'outlook',
    id: urlId ?? convId ?? hashId(subject, first?.author.email, first?.timeText),
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
  anchors: SELECTORS,
  matches: (url) => HOSTS.has(url.hostname),
  read: (doc, ctx) => guardRead(LABEL, () => read(doc, ctx)),
  observeTarget: (doc) => queryAny(doc, SELECTORS.readingPane),
  insert: (doc, text) =>
    insertIntoReplyBox(doc, text, { label: LABEL, findBox: findReplyBox, openSelectors: SELECTORS.replyButton }),
};
