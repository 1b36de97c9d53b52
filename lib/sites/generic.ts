/**
 * Any other helpdesk or webmail page (Zammad, Help Scout, Roundcube, Znuny/OTRS, Request Tracker, Front, …): the
 * conversation is found by structure — sibling blocks that each carry a sender cue (mailto link, author element,
 * "From:" label) and a date cue — or taken from the area the agent picked, or from the text the agent selected.
 */
import { AppError } from '../errors';
import { anchorMissing, attr, dedupeIds, guardRead, isHtmlElement, lineText } from './dom';
import { focusedEditable, insertPlainText, isEditableField } from './insert';
import { customerOf, decideRole, isAgentBySettings, isSignedInAgent } from './roles';
import { cleanMessageText, elementText, findEmail, hashId, looksLikeTime, parseAddress, parseTime } from './text';
import type { Conversation, ConversationMessage, InsertResult, Person, ReadContext, Role, SiteAdapter } from './types';

/**
 * A pattern matching any of `words` as a whole class/id word or a dash/underscore part of one: "message-body" matches
 * "message-body", "message" and "body"; "embody" matches none.
 */
function wordPattern(words: string): RegExp {
  return new RegExp(`(?:^|[\\s_-])(?:${words})(?=$|[\\s_-])`, 'i');
}

/**
 * Single-message views (webmail, a helpdesk ticket with only the customer's first message) mark their body with one
 * of these words, run together or joined by dashes or underscores: `messagebody`, `message-body`, BEM's
 * `message__body`.
 */
const SINGLE_BODY = wordPattern('(?:message|mail|article)[-_]*body|message[-_]*part');

/**
 * Structural cues, matched against class/id words. Generic by nature: each names the conventions it covers.
 */
const CUES = {
  /** Landmarks that hold navigation and lists, never the open conversation (not `form`: some helpdesks wrap whole pages in one). */
  excluded:
    'nav, header, footer, aside, script, style, template, noscript, [role="navigation"], [role="complementary"], [role="banner"], [role="contentinfo"], [role="grid"], [role="listbox"], [role="menu"], [role="tree"], [data-rapport-ui]',
  /** Author elements: microdata, and class/id words used by Zammad, Help Scout, RT, Front, Discourse-style UIs. */
  authorWords: wordPattern(
    'author|sender|from|creator|poster|user|username|fullname|displayname|byline|user-name|display-name|sender-name|author-name|from-name',
  ),
  /** Date elements by class/id word. */
  timeWords: wordPattern('date|time|timestamp|datetime|created|sent|ago|posted|when'),
  /** Message body containers by class/id word. */
  bodyWords: wordPattern(
    'body|content|text|bubble|richtext|markdown|messagebody|articlebody|mailbody|plaintext|message-body|article-body|mail-body|textbody',
  ),
  /** Parts of a block that are chrome, not message text. */
  chromeWords: wordPattern(
    'header|meta|actions|toolbar|avatar|badge|attachments?|files|buttons|controls|menu|footer|head',
  ),
  /** Attachment areas by class/id word. */
  attachmentWords: wordPattern('attachment|attachments|file|files|download|downloads|anhang|anhänge'),
  /** Header labels in table-based UIs (Znuny/OTRS, RT) and webmail header blocks, German and English. */
  fromLabel: /^(from|von|absender|sender|author|autor|verfasser|erstellt von|created by)\s*:?$/i,
  timeLabel: /^(date|datum|created|erstellt|sent|gesendet|zeit|time|received|empfangen)\s*:?$/i,
  /** Role words on a block's own class/data attributes. */
  internalRole: /(^|[\s_-])(internal|private|note|notiz|is-internal|internal-note)($|[\s_-])/i,
  customerRole: /(^|[\s_-])(customer|end-?user|requester|inbound|incoming|client|kunde|contact)($|[\s_-])/i,
  agentRole: /(^|[\s_-])(agent|staff|operator|outbound|outgoing|mitarbeiter|support-agent)($|[\s_-])/i,
  /** Badge texts shown on a message. */
  internalBadge: /^(internal( note)?|interne notiz|private( note)?|privat|notiz|note)$/i,
} as const;

/** Per-read caches: structure detection asks the same questions of the same elements many times. */
let wordCache = new WeakMap<Element, string>();
let cueCache = new WeakMap<Element, BlockCues>();
let indexCache = new WeakMap<Element, BlockIndex>();

function resetCaches(): void {
  wordCache = new WeakMap();
  cueCache = new WeakMap();
  indexCache = new WeakMap();
}

/** The element's text when it is short (a label, a name, a date); undefined for big subtrees, without reading them. */
function shortText(el: Element, max: number): string | undefined {
  const raw = el.textContent ?? '';
  if (raw.length > max * 3) return undefined;
  const text = lineText(el);
  return text.length <= max ? text : undefined;
}

/** The class, id and itemprop words of an element, as one lower-case string ("ticket-article-item customer"). */
function wordsOf(el: Element): string {
  const cached = wordCache.get(el);
  if (cached !== undefined) return cached;
  const raw = `${el.getAttribute('class') ?? ''} ${el.id} ${el.getAttribute('itemprop') ?? ''}`.toLowerCase();
  wordCache.set(el, raw);
  return raw;
}

/** Whether one of the element's class/id words, or a dash/underscore part of one, is in `pattern`. */
function hasWord(el: Element, pattern: RegExp): boolean {
  return pattern.test(wordsOf(el));
}

interface BlockCues {
  authorEl: Element | null;
  labelAuthorText?: string;
  mailto: Element | null;
  timeEl: Element | null;
  timeValue?: string;
  timeText?: string;
}

/**
 * One pass over a block's elements, sorting them into the candidates each cue looks at. Reading a 100-message
 * thread asks these questions of every block, so the DOM is walked once per block, not once per question.
 */
interface BlockIndex {
  all: Element[];
  author: Element[];
  time: Element[];
  timeTags: Element[];
  body: Element[];
  attachmentAreas: Element[];
  badges: Element[];
  links: Element[];
  mailto: Element | null;
  downloads: Element[];
  profileLinks: Element[];
}

const PROFILE_LINK = /\/(users?|contacts?|people|profiles?|customers?)(\/|\.|\?|$)|[?&;](user|contact|customer)_?id=/i;

function indexOf(block: Element): BlockIndex {
  const cached = indexCache.get(block);
  if (cached) return cached;
  const index: BlockIndex = {
    all: Array.from(block.getElementsByTagName('*')),
    author: [],
    time: [],
    timeTags: [],
    body: [],
    attachmentAreas: [],
    badges: [],
    links: [],
    mailto: null,
    downloads: [],
    profileLinks: [],
  };
  for (const el of index.all) {
    const tag = el.tagName;
    if (tag === 'TIME') index.timeTags.push(el);
    if (tag === 'A') {
      const href = el.getAttribute('href');
      if (href !== null) index.links.push(el);
      if (href && /^mailto:/i.test(href)) index.mailto ??= el;
      // A link to a person's profile page names the author (RT, Zammad, Freshdesk-style contact links).
      else if (href && PROFILE_LINK.test(href)) index.profileLinks.push(el);
      if (el.hasAttribute('download')) index.downloads.push(el);
    }
    if (tag === 'PRE') index.body.push(el);
    if (!el.hasAttribute('class') && !el.id && !el.hasAttribute('itemprop')) continue;
    const itemprop = el.getAttribute('itemprop');
    if (itemprop === 'author' || itemprop === 'sender') index.author.unshift(el);
    else if (hasWord(el, CUES.authorWords)) index.author.push(el);
    if (hasWord(el, CUES.timeWords)) index.time.push(el);
    if ((hasWord(el, CUES.bodyWords) || itemprop === 'text' || itemprop === 'articleBody') && tag !== 'PRE') {
      index.body.push(el);
    }
    if (hasWord(el, CUES.attachmentWords)) index.attachmentAreas.push(el);
    if (/badge|label|tag/i.test(el.getAttribute('class') ?? '')) index.badges.push(el);
  }
  indexCache.set(block, index);
  return index;
}

const LABEL_TAGS = new Set(['TH', 'TD', 'DT', 'DD', 'LABEL', 'STRONG', 'B', 'SPAN', 'DIV']);
const LEAF_TIME_TAGS = new Set(['SPAN', 'SMALL', 'DIV', 'TD', 'P', 'A']);

/** The value cell/element next to a "From:" style label. */
function labelledValue(index: BlockIndex, label: RegExp): Element | null {
  for (const el of index.all) {
    if (!LABEL_TAGS.has(el.tagName) || el.children.length > 1) continue;
    const text = shortText(el, 40);
    if (text === undefined || !label.test(text)) continue;
    const next = el.nextElementSibling ?? el.parentElement?.nextElementSibling ?? null;
    if (next && lineText(next) !== '') return next;
  }
  return null;
}

function findTimeEl(index: BlockIndex): Element | null {
  const timeEl = index.timeTags[0];
  if (timeEl) return timeEl;
  for (const el of index.time) {
    if (el.children.length > 2) continue;
    const text = shortText(el, 80);
    if (text !== undefined && (looksLikeTime(text) || looksLikeTime(attr(el, 'title') ?? ''))) return el;
  }
  const labelled = labelledValue(index, CUES.timeLabel);
  if (labelled && looksLikeTime(lineText(labelled))) return labelled;
  // Last resort: a short leaf that reads as a date ("12.03.2025 14:02", "Mar 12, 2:02 PM").
  for (const el of index.all) {
    if (el.children.length > 0 || !LEAF_TIME_TAGS.has(el.tagName)) continue;
    const text = shortText(el, 40);
    if (text !== undefined && text.length >= 4 && looksLikeTime(text)) return el;
  }
  return null;
}

function findAuthorEl(index: BlockIndex): Element | null {
  for (const el of [...index.author, ...index.profileLinks]) {
    if (el.children.length > 3 && !el.hasAttribute('itemprop')) continue;
    if (shortText(el, 100)) return el;
  }
  return null;
}

function cuesOf(block: Element): BlockCues {
  const cached = cueCache.get(block);
  if (cached) return cached;
  const cues = computeCues(indexOf(block));
  cueCache.set(block, cues);
  return cues;
}

function computeCues(index: BlockIndex): BlockCues {
  const authorEl = findAuthorEl(index);
  const labelValue = authorEl ? null : labelledValue(index, CUES.fromLabel);
  const timeEl = findTimeEl(index);
  const timeValue = attr(timeEl, 'datetime') ?? attr(timeEl, 'title');
  const timeText = lineText(timeEl) || timeValue;
  return {
    authorEl: authorEl ?? labelValue,
    ...(labelValue ? { labelAuthorText: lineText(labelValue) } : {}),
    mailto: index.mailto,
    timeEl,
    ...(timeValue ? { timeValue } : {}),
    ...(timeText ? { timeText } : {}),
  };
}

/** Characters of text without whitespace: a cheap measure of how much an element says. */
function visibleLength(el: Element): number {
  return (el.textContent ?? '').replace(/\s+/g, '').length;
}

function linkTextRatio(el: Element, total: number): number {
  if (total === 0) return 1;
  let inLinks = 0;
  for (const a of indexOf(el).links) {
    if (!a.getAttribute('href')?.startsWith('mailto:')) inLinks += visibleLength(a);
  }
  return inLinks / total;
}

/** Whether a block reads as one message: a sender and a date, and text that is not just links (an inbox row). */
function isMessageBlock(el: Element): boolean {
  if (el.closest(CUES.excluded)) return false;
  const length = visibleLength(el);
  if (length < 8 || linkTextRatio(el, length) > 0.5) return false;
  const cues = cuesOf(el);
  return (cues.authorEl !== null || cues.mailto !== null) && cues.timeEl !== null;
}

/**
 * The largest set of same-tag siblings that each read as a message (two or more). Nested wrappers lose to the level
 * with the most messages; ties go to the outer level, which holds each message whole.
 */
function findRepeatedBlocks(root: Element): Element[] {
  let best: Element[] = [];
  // Parents with the most children first: once a level with N messages is found, no parent with N or fewer children
  // can beat it, so most of the page is never examined. The sort is stable, so the outer of two equal levels wins.
  const parents = [root, ...Array.from(root.querySelectorAll('*'))]
    .filter((el) => el.children.length >= 2)
    .sort((a, b) => b.children.length - a.children.length);
  for (const parent of parents) {
    if (parent.children.length <= best.length) break;
    if (parent.matches(CUES.excluded)) continue;
    const byTag = new Map<string, Element[]>();
    for (const child of Array.from(parent.children)) {
      const list = byTag.get(child.tagName) ?? [];
      list.push(child);
      byTag.set(child.tagName, list);
    }
    for (const siblings of byTag.values()) {
      if (siblings.length < 2 || siblings.length <= best.length) continue;
      const blocks = siblings.filter(isMessageBlock);
      if (blocks.length >= 2 && blocks.length > best.length) best = blocks;
    }
  }
  return best;
}

/** A page showing one message (webmail message view): the body element and the header block before it. */
function findSingleMessage(root: Element): Element | null {
  const bodies = Array.from(root.querySelectorAll('[id], [class], [itemprop]')).filter(
    (el) => !el.closest(CUES.excluded) && hasWord(el, SINGLE_BODY),
  );
  for (const body of bodies) {
    // Walk up until the ancestor also holds a sender cue: that ancestor is the message.
    for (let cur = body.parentElement, depth = 0; cur && depth < 5; cur = cur.parentElement, depth++) {
      if (isMessageBlock(cur)) return outermostWrapper(cur);
    }
  }
  return null;
}

/**
 * The wrapper of a message that carries its own id or role (`<article id="c1" class="message message--customer">`)
 * while adding no more than chrome (an avatar's initials, a day divider), so a ticket with one message reads with the
 * same id and role as it will once replies make it a thread. The message itself when no wrapper does.
 */
function outermostWrapper(block: Element): Element {
  let best = block;
  const length = visibleLength(block);
  for (let cur = block.parentElement, depth = 0; cur && depth < 3; cur = cur.parentElement, depth++) {
    if (visibleLength(cur) - length > 40 || !isMessageBlock(cur)) break;
    if (ownIdOf(cur) !== undefined || pageRoleOf(cur) !== undefined) best = cur;
  }
  return best;
}

function isChrome(el: Element): boolean {
  return hasWord(el, CUES.chromeWords) || hasWord(el, CUES.attachmentWords);
}

function findBody(block: Element, cues: BlockCues): Element | null {
  const candidates = indexOf(block).body.filter(
    (el) =>
      !isChrome(el) &&
      !(cues.authorEl && (el.contains(cues.authorEl) || cues.authorEl.contains(el))) &&
      !(cues.timeEl && (el.contains(cues.timeEl) || cues.timeEl.contains(el))),
  );
  let best: Element | null = null;
  let bestLength = -1;
  for (const el of candidates) {
    if (best?.contains(el)) continue;
    const length = lineText(el).length;
    if (length > bestLength) {
      best = el;
      bestLength = length;
    }
  }
  return best;
}

/** File names shown with a message: download links and file-name leaves inside an attachment area. */
function attachmentsOf(block: Element): string[] {
  const index = indexOf(block);
  const names: string[] = [];
  const leaves = [
    ...index.downloads,
    ...index.attachmentAreas.flatMap((area) => [area, ...Array.from(area.getElementsByTagName('*'))]),
  ].filter((el) => el.children.length === 0 || index.downloads.includes(el));
  for (const el of leaves) {
    // "rechnung.pdf (120 KB)" → "rechnung.pdf"
    const text = lineText(el).replace(/\s*\([^)]*\)$/, '');
    const name = FILE_NAME.test(text) ? text : (attr(el, 'download') ?? attr(el, 'title'));
    if (name && FILE_NAME.test(name)) names.push(name);
  }
  return [...new Set(names)];
}

const FILE_NAME = /^[^\n]{1,120}\.[a-z0-9]{2,5}$/i;

function pageRoleOf(block: Element): Role | undefined {
  const own = `${block.getAttribute('class') ?? ''} ${Array.from(block.attributes)
    .filter((a) => a.name.startsWith('data-'))
    .map((a) => a.value)
    .join(' ')}`;
  if (CUES.internalRole.test(own)) return 'internal-note';
  for (const badge of indexOf(block).badges) {
    if (CUES.internalBadge.test(lineText(badge))) return 'internal-note';
  }
  if (CUES.customerRole.test(own)) return 'customer';
  if (CUES.agentRole.test(own)) return 'agent';
  return undefined;
}

interface RawMessage {
  block: Element;
  author: Person;
  pageRole: Role | undefined;
  time?: string;
  timeText?: string;
  text: string;
  attachments: string[];
}

function readBlock(block: Element, siteLabel: string, index: number): RawMessage {
  const cues = cuesOf(block);
  const mailtoEmail = findEmail(attr(cues.mailto, 'href'));
  const authorText = cues.labelAuthorText ?? (cues.authorEl ? lineText(cues.authorEl) : lineText(cues.mailto));
  // Webmail header blocks put the label in the same element: "Von Frank Ludwig".
  const parsed = parseAddress(authorText.replace(/^(von|from|absender|sender|author|autor)\s*:?\s+/i, ''));
  const email = parsed.email ?? mailtoEmail ?? findEmail(attr(cues.authorEl, 'title'));
  // Helpdesks show agents as "Max Krüger via Shop Example Support": the person is before "via".
  const name = parsed.name?.replace(/\s+via\s+.+$/i, '');
  const author: Person = { ...(name ? { name } : {}), ...(email ? { email } : {}) };
  if (!author.name && !author.email) throw anchorMissing(siteLabel, `sender of message ${index + 1}`);
  const body = findBody(block, cues);
  const chrome = new Set([cues.authorEl, cues.timeEl, cues.mailto].filter((el): el is Element => el !== null));
  const skip = (el: Element): boolean => {
    if (chrome.has(el) || isChrome(el)) return true;
    const label = el.children.length === 0 ? shortText(el, 40) : undefined;
    return label !== undefined && (CUES.fromLabel.test(label) || CUES.timeLabel.test(label));
  };
  const text = cleanMessageText(elementText(body ?? block, { skip }));
  return {
    block,
    author,
    pageRole: pageRoleOf(block),
    ...((parseTime(cues.timeValue) ?? parseTime(cues.timeText))
      ? { time: parseTime(cues.timeValue) ?? parseTime(cues.timeText) }
      : {}),
    ...(cues.timeText ? { timeText: cues.timeText } : {}),
    text,
    attachments: attachmentsOf(block),
  };
}

/** The page's own id for a message block: a `data-…-id` attribute, else an `id` carrying a number. */
function ownIdOf(block: Element): string | undefined {
  for (const { name, value } of Array.from(block.attributes)) {
    if (/^data-([\w-]+-)?id$/.test(name) && /\d/.test(value)) return value;
  }
  const id = attr(block, 'id');
  return id && /\d/.test(id) ? id : undefined;
}

function personKey(p: Person): string {
  return (p.email ?? p.name ?? '').toLowerCase();
}

/** "Logged in as …" lines of helpdesks and webmails (Request Tracker, Horde, OTRS-likes, many admin UIs). */
const SIGNED_IN =
  /^(?:you are )?(?:logged in as|signed in as|angemeldet als|eingeloggt als|sie sind angemeldet als)\s*:?\s*/i;
const SIGNED_IN_ANYWHERE = /logged in as|signed in as|angemeldet als|eingeloggt als/i;
/** Where such a line lives: page chrome, never the conversation. */
const SIGNED_IN_SCOPES =
  'header, nav, [role="banner"], [role="navigation"], #header, #topbar, .header, .topbar, #quickbar';

/**
 * The signed-in agent from a "Logged in as …" line in the page's chrome (the name may sit in its own element right
 * after the words), or undefined when the page shows none.
 */
export function readSignedInUser(doc: Document): Person | undefined {
  // One native pass over the page's text decides whether there is such a line at all (most pages have none).
  if (!SIGNED_IN_ANYWHERE.test(doc.body?.textContent ?? '')) return undefined;
  const scopes = [...Array.from(doc.querySelectorAll(SIGNED_IN_SCOPES)), ...(doc.body ? [doc.body] : [])];
  for (const scope of scopes) {
    const walker = doc.createTreeWalker(scope, 4);
    let checked = 0;
    for (let node = walker.nextNode(); node && checked < 5000; node = walker.nextNode(), checked++) {
      const own = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (!SIGNED_IN.test(own)) continue;
      const parent = node.parentElement;
      if (!parent || parent.closest('[data-rapport-ui]')) continue;
      const line = lineText(parent).replace(SIGNED_IN, '').trim();
      const candidate = (line || lineText(parent.nextElementSibling)).split(/\s[|·•]\s|\s{2,}/)[0]?.trim() ?? '';
      if (candidate === '' || candidate.length > 80) continue;
      const parsed = parseAddress(candidate);
      const person: Person = {
        ...(parsed.name ? { name: parsed.name } : {}),
        ...(parsed.email ? { email: parsed.email } : {}),
      };
      if (person.name || person.email) return person;
    }
  }
  return undefined;
}

/**
 * Roles: page cues, then the signed-in agent and settings, then "whoever opened the thread (and is not the agent) is
 * the customer".
 */
function toMessages(raw: RawMessage[], ctx: ReadContext, signedIn: Person | undefined): ConversationMessage[] {
  const isAgent = (author: Person) => isAgentBySettings(author, ctx) || isSignedInAgent(author, signedIn);
  const opener = raw.find((m) => m.pageRole === 'customer') ?? raw.find((m) => !m.pageRole && !isAgent(m.author));
  const customerKey = opener ? personKey(opener.author) : '';
  return dedupeIds(
    raw.map((m) => {
      const fallback: Role = personKey(m.author) === customerKey ? 'customer' : 'agent';
      const { role, roleSource } = decideRole(m.author, ctx, m.pageRole, fallback, signedIn);
      const ownId = ownIdOf(m.block);
      return {
        id: ownId ?? hashId(personKey(m.author), m.timeText, m.text.slice(0, 64)),
        author: m.author,
        role,
        roleSource,
        ...(m.time ? { time: m.time } : {}),
        ...(m.timeText ? { timeText: m.timeText } : {}),
        text: m.text,
        bodyLoaded: true,
        attachments: m.attachments,
      };
    }),
  );
}

/** Subject candidates, most telling first: an element named "subject", then the page's headings. */
const SUBJECT_SELECTORS = ['[class*="subject" i], [id*="subject" i]', 'h1', 'h2'];
/** Where a subject is never found (a ticket header is fine: subjects live there). */
const SUBJECT_EXCLUDED = 'nav, aside, footer, [role="navigation"], [role="complementary"], [data-rapport-ui]';

function readSubject(doc: Document, root: Element): string {
  const scopes = [root, ...(root.parentElement ? [root.parentElement] : []), doc.body ?? root];
  for (const selector of SUBJECT_SELECTORS) {
    for (const scope of scopes) {
      const subject = Array.from(scope.querySelectorAll(selector)).find(
        (el) => !el.closest(SUBJECT_EXCLUDED) && lineText(el) !== '' && lineText(el).length <= 200,
      );
      if (subject) return (attr(subject, 'title') ?? lineText(subject)).replace(/^(subject|betreff)\s*:?\s*/i, '');
    }
  }
  return doc.title.trim();
}

/** A stable id for a page we know nothing about: its address, with the fragment when it routes (`#ticket/zoom/12`). */
function conversationIdOf(url: URL): string {
  const route = url.hash.includes('/') ? url.hash : '';
  return hashId(url.origin + url.pathname + url.search + route);
}

function siteLabelOf(url: URL): string {
  return url.hostname || 'this page';
}

function safeQuery(doc: Document, selector: string): Element | null {
  try {
    return doc.querySelector(selector);
  } catch {
    // A picked selector that no longer parses is as good as missing: the caller reports the picked area as missing.
    return null;
  }
}

/** The blocks of the conversation under `root`: repeated message blocks, else a single message view. */
/**
 * Where the last read found the message blocks, per document. The content script re-reads on every change; while
 * that container is still on the page, its children are re-checked instead of searching the whole page again.
 */
const lastContainer = new WeakMap<Document, { parent: Element; tag: string }>();

function findBlocks(root: Element): Element[] {
  const doc = root.ownerDocument;
  const last = lastContainer.get(doc);
  if (last?.parent.isConnected && root.contains(last.parent)) {
    const blocks = Array.from(last.parent.children).filter((el) => el.tagName === last.tag && isMessageBlock(el));
    if (blocks.length >= 2) return blocks;
  }
  const repeated = findRepeatedBlocks(root);
  const parent = repeated[0]?.parentElement;
  if (parent && repeated[0]) {
    lastContainer.set(doc, { parent, tag: repeated[0].tagName });
    return repeated;
  }
  lastContainer.delete(doc);
  const single = findSingleMessage(root);
  return single ? [single] : [];
}

function read(doc: Document, ctx: ReadContext): Conversation {
  resetCaches();
  const label = siteLabelOf(ctx.url);
  let root: Element | null = doc.body;
  let blocks: Element[];
  if (ctx.pickedSelector) {
    root = safeQuery(doc, ctx.pickedSelector);
    if (!root) throw anchorMissing(label, 'the picked conversation area');
    blocks = findBlocks(root);
    // The agent picked one message (or a plain text area): it is the whole conversation.
    if (blocks.length === 0) blocks = isMessageBlock(root) ? [root] : [];
    if (blocks.length === 0) {
      const text = cleanMessageText(elementText(root));
      if (text === '') throw anchorMissing(label, 'text in the picked conversation area');
      return fromText(text, ctx, doc.title.trim());
    }
  } else {
    if (!root) throw anchorMissing(label, 'page body');
    blocks = findBlocks(root);
    if (blocks.length === 0) throw anchorMissing(label, 'message blocks');
  }
  const raw = blocks.map((block, index) => readBlock(block, label, index));
  const signedIn = readSignedInUser(doc);
  const messages = toMessages(raw, ctx, signedIn);
  const container = blocks.length > 1 ? (blocks[0]?.parentElement ?? root) : root;
  return {
    site: 'generic',
    id: conversationIdOf(ctx.url),
    subject: readSubject(doc, container ?? root),
    url: ctx.url.href,
    customer: customerOf(messages),
    ...(signedIn ? { agent: signedIn } : {}),
    messages,
  };
}

function fromText(text: string, ctx: ReadContext, subject: string): Conversation {
  const message: ConversationMessage = {
    id: hashId('selection', text.slice(0, 64)),
    author: {},
    role: 'customer',
    roleSource: 'heuristic',
    text,
    bodyLoaded: true,
    attachments: [],
  };
  return {
    site: 'generic',
    id: conversationIdOf(ctx.url),
    subject,
    url: ctx.url.href,
    customer: {},
    messages: [message],
  };
}

/**
 * "Use the selected text": the agent's selection read as one customer message, quoted history and signature removed.
 * Throws `adapter/no-conversation` when the selection holds no text.
 */
export function readSelection(text: string, ctx: ReadContext, subject = ''): Conversation {
  const cleaned = cleanMessageText(text);
  if (cleaned === '') {
    throw new AppError(
      'adapter/no-conversation',
      'Nothing is selected — select the customer’s message, then try again',
    );
  }
  return fromText(cleaned, ctx, subject);
}

/** The element holding the detected conversation (the blocks' parent), for observing changes. */
function observeTarget(doc: Document): Element | null {
  if (!doc.body) return null;
  resetCaches();
  const blocks = findBlocks(doc.body);
  if (blocks.length > 1) return blocks[0]?.parentElement ?? null;
  return blocks[0] ?? null;
}

/** Reply field candidates on pages we do not know: textareas and editors that look like a reply box. */
function findReplyCandidate(doc: Document): HTMLElement | null {
  const fields = Array.from(
    doc.querySelectorAll(
      'textarea, [contenteditable="true"], [contenteditable=""], [contenteditable="plaintext-only"]',
    ),
  ).filter((el): el is HTMLElement => isHtmlElement(el) && isEditableField(el) && !el.closest('[data-rapport-ui]'));
  const score = (el: HTMLElement): number => {
    const hint = `${el.getAttribute('name') ?? ''} ${el.id} ${el.getAttribute('class') ?? ''} ${el.getAttribute('aria-label') ?? ''} ${el.getAttribute('placeholder') ?? ''}`;
    let s = 0;
    if (/reply|answer|antwort|respon|comment|message|nachricht|body|compose/i.test(hint)) s += 2;
    if (/search|suche|subject|betreff|filter/i.test(hint)) s -= 3;
    if (el.tagName !== 'TEXTAREA') s += 1;
    return s;
  };
  return (
    fields
      .map((el) => ({ el, s: score(el) }))
      .sort((a, b) => b.s - a.s)
      .find((c) => c.s >= 0)?.el ?? null
  );
}

async function insert(doc: Document, text: string): Promise<InsertResult> {
  const focused = focusedEditable(doc);
  if (focused) {
    insertPlainText(focused, text);
    return { ok: true, target: 'focused-field' };
  }
  const candidate = findReplyCandidate(doc);
  if (candidate) {
    insertPlainText(candidate, text);
    return { ok: true, target: 'reply-box' };
  }
  return { ok: false, reason: 'No reply field found on this page — click into the reply field, then try again' };
}

/** Generic adapter: matches every page and is tried last. */
export const genericAdapter: SiteAdapter = {
  id: 'generic',
  label: 'this page',
  matches: () => true,
  read: (doc, ctx) => guardRead(siteLabelOf(ctx.url), () => read(doc, ctx)),
  observeTarget,
  insert,
};
