/**
 * Any other helpdesk or webmail page (Zammad, Help Scout, Roundcube, Znuny/OTRS, Request Tracker, Front, …): the
 * conversation is found by structure — sibling blocks that each carry a sender cue (mailto link, author element,
 * "From:" label) and a date cue — or taken from the area the agent picked, or from the text the agent selected.
 */
import { AppError } from '../errors';
import { readQuotedReply } from './compose';
import { anchorMissing, attr, dedupeIds, guardRead, isHtmlElement, lineText } from './dom';
import { focusedEditable, insertIntoEditor, isEditableField } from './insert';
import { customerOf, decideRole, isAgentBySettings, isPlaceholderName, isSignedInAgent } from './roles';
import { cleanMessageText, elementText, findEmail, hashId, looksLikeTime, parseAddress, parseTime } from './text';
import {
  type Conversation,
  type ConversationMessage,
  type InsertResult,
  type Person,
  type ReadContext,
  type Role,
  type SiteAdapter,
  unnamedSiteLabel,
} from './types';

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
const SINGLE_BODY = wordPattern('(?:message|mail|article)[-_]*body|message[-_]*(?:html)?part');

/**
 * Structural cues, matched against class/id words. Generic by nature: each names the conventions it covers.
 */
const CUES = {
  /** Landmarks that hold navigation and lists, never the open conversation (not `form`: some helpdesks wrap whole pages in one). */
  excluded:
    'nav, header, footer, aside, script, style, template, noscript, [role="navigation"], [role="complementary"], [role="banner"], [role="contentinfo"], [role="grid"], [role="listbox"], [role="menu"], [role="tree"], [role="form"], [role="search"], [role="toolbar"], [data-rapport-ui]',
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
    'header|headers|meta|metadata|actions|toolbar|avatar|badge|attachments?|files|buttons|controls|menu|footer|head',
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
  /** Role words on a history entry's own class (Zammad-style system articles). */
  systemRole: /(^|[\s_-])(system|is-system|system-note)($|[\s_-])/i,
  /** Authors that are the helpdesk itself (RT's "RT_System", Zammad's "System"). */
  systemAuthor: /^(rt_system|the rt system itself|system|systembenutzer|system user|automation|automatisierung)$/i,
  /**
   * History entries the helpdesk writes itself, English and German (RT, Znuny, Zammad, osTicket wording): a mail it
   * sent, a status, owner, queue or priority change. Read as `system`, never as an agent's empty message.
   */
  systemEvent: new RegExp(
    `^(?:${[
      'outgoing email( about a comment)? recorded',
      'ausgehende e-?mail( (zu|über) einem kommentar)? (aufgezeichnet|protokolliert)',
      '(status|owner|queue|priority|subject|due|starts|started|told)( date)? changed from .{0,60} to .{0,60}',
      '(status|owner|queue|priority|subject) (set|changed) to .{0,60}',
      '(status|besitzer|eigentümer|bearbeiter|queue|warteschlange|priorität|betreff)( geändert)? von .{0,60} (auf|nach|zu) .{0,60}',
      '(status|besitzer|eigentümer|bearbeiter|queue|warteschlange|priorität|betreff) (geändert|gesetzt)( auf .{0,60})?',
      'ticket (created|taken|stolen|resolved|closed|reopened|merged into .{0,60})',
      'ticket (erstellt|angelegt|übernommen|gelöst|geschlossen|wiedereröffnet|zusammengeführt.{0,60})',
      'taken|untaken|stolen( from .{0,60})?|given to .{0,60}|owner forcibly changed from .{0,60} to .{0,60}',
      'übernommen|genommen|gestohlen( von .{0,60})?|übergeben an .{0,60}',
      '.{1,60} (added|deleted|removed) as (a )?(requestor|cc|admincc|watcher)',
      '.{1,60} als (anfragende?r?|cc|admincc|beobachter) (hinzugefügt|entfernt|gelöscht)',
      // Action lines of FreeScout ("You marked as Pending", "Anna assigned to Max") and osTicket's thread events
      // ("Jonas assigned this to Max 3 days ago", "Max changed the status to Resolved", "Created by Tom").
      '.{1,60} (marked as|changed the status to|changed the customer to|transferred this to) .{1,80}',
      '.{1,60} (assigned|reassigned)( this| it| the (ticket|conversation))? to .{1,80}',
      '.{1,60} (claimed|released|edited|reopened|closed) this( .{0,60})?',
      '(created|closed|reopened) by .{1,60}',
    ].join('|')})\\s*\\.?$`,
    'i',
  ),
  /** Labels of the field naming the customer of a ticket (RT "Requestors:", Znuny "Kunde:", Zammad "Customer"). */
  requestorLabel:
    /^(requestors?|requestor\(s\)|requester|anfragende?r?|anfragender\(n\)|antragsteller(in)?|kunde|kundin|customer|kundenbenutzer)\s*:?$/i,
} as const;

/** Per-read caches: structure detection asks the same questions of the same elements many times. */
let wordCache = new WeakMap<Element, string>();
let cueCache = new WeakMap<Element, BlockCues>();
let indexCache = new WeakMap<Element, BlockIndex>();
let messageBlockCache = new WeakMap<Element, boolean>();
let lengthCache = new WeakMap<Element, number>();
let excludedCache = new WeakMap<Element, boolean>();

function resetCaches(): void {
  wordCache = new WeakMap();
  cueCache = new WeakMap();
  indexCache = new WeakMap();
  messageBlockCache = new WeakMap();
  lengthCache = new WeakMap();
  excludedCache = new WeakMap();
}

/** A leaf's text when it is short enough to be a field label ("Von", "Datum:"), read without a regex when it can be. */
function labelText(el: Element): string | undefined {
  const raw = el.textContent ?? '';
  if (raw.length > 60) return undefined;
  const text = raw.trim();
  return text.length <= 40 && !/\s\s|[\n\t\u00a0]/.test(text) ? text : shortText(el, 40);
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

/** What an element's class/id words say, as bits: one lookup answers every cue question about it. */
const WORD = { author: 1, time: 2, body: 4, attachment: 8, singleBody: 16, badge: 32, chrome: 64 } as const;

/**
 * The cue bits of a words string. A thread repeats the same few class strings on every message, so each string is
 * tested once, not once per element per read; the bits depend on the string alone, so they outlive a read.
 */
const flagsByWords = new Map<string, number>();
const MAX_REMEMBERED_WORDS = 4000;

function wordFlags(el: Element): number {
  const words = wordsOf(el);
  const known = flagsByWords.get(words);
  if (known !== undefined) return known;
  if (flagsByWords.size >= MAX_REMEMBERED_WORDS) flagsByWords.clear();
  const flags =
    (CUES.authorWords.test(words) ? WORD.author : 0) |
    (CUES.timeWords.test(words) ? WORD.time : 0) |
    (CUES.bodyWords.test(words) ? WORD.body : 0) |
    (CUES.attachmentWords.test(words) ? WORD.attachment : 0) |
    (SINGLE_BODY.test(words) ? WORD.singleBody : 0) |
    (BADGE_WORDS.test(words) ? WORD.badge : 0) |
    (CUES.chromeWords.test(words) ? WORD.chrome : 0);
  flagsByWords.set(words, flags);
  return flags;
}

/** Whether the element's class/id words carry one of the cues in `mask` (`WORD.author | WORD.time`, …). */
function hasWord(el: Element, mask: number): boolean {
  return (wordFlags(el) & mask) !== 0;
}

interface BlockCues {
  authorEl: Element | null;
  /** The wording of a history entry the helpdesk wrote itself ("Outgoing email recorded", "Status changed …"). */
  systemText?: string;
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
  /** Elements named like a single message's body (`messagebody`, `message-body`, `ArticleBody`, `message-part`). */
  singleBodies: Element[];
  /** Form fields a person types into or chooses from: a block holding one is a form, not a message. */
  controls: number;
}

/** Badge and label elements, where helpdesks print "Internal note" and the like. */
const BADGE_WORDS = /badge|label|tag/;

/** Inputs a person types into (no type is text); hidden fields, checkboxes and buttons are no sign of a form view. */
const TYPED_INPUT = /^(|text|search|email|url|tel|number|date|datetime-local|time|password)$/i;

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
    singleBodies: [],
    controls: 0,
  };
  for (const el of index.all) {
    const tag = el.tagName;
    if (tag === 'TIME') index.timeTags.push(el);
    if (
      tag === 'SELECT' ||
      tag === 'TEXTAREA' ||
      (tag === 'INPUT' && TYPED_INPUT.test(el.getAttribute('type') ?? ''))
    ) {
      index.controls++;
    }
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
    const flags = wordFlags(el);
    if (itemprop === 'author' || itemprop === 'sender') index.author.unshift(el);
    else if (flags & WORD.author) index.author.push(el);
    if (flags & WORD.time) index.time.push(el);
    if ((flags & WORD.body || itemprop === 'text' || itemprop === 'articleBody') && tag !== 'PRE') {
      index.body.push(el);
    }
    if (flags & WORD.attachment) index.attachmentAreas.push(el);
    if (flags & WORD.singleBody) index.singleBodies.push(el);
    if (flags & WORD.badge) index.badges.push(el);
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
  // A time without a date ("Wed 10:15") is kept only until one with a date turns up (Roundcube shows the full date in
  // its summary line and the short one in its "Date" row).
  let partial: Element | null = null;
  for (const el of index.time) {
    if (el.children.length > 2) continue;
    const text = shortText(el, 80);
    if (text === undefined) continue;
    const title = attr(el, 'title') ?? '';
    if (parseTime(text) ?? parseTime(title)) return el;
    if (!partial && (looksLikeTime(text) || looksLikeTime(title))) partial = el;
  }
  const labelled = labelledValue(index, CUES.timeLabel);
  if (labelled && parseTime(lineText(labelled))) return labelled;
  if (!partial && labelled && looksLikeTime(lineText(labelled))) partial = labelled;
  // Last resort: a short leaf that reads as a date ("12.03.2025 14:02", "Mar 12, 2:02 PM"), outside the message body.
  for (const el of index.all) {
    if (el.children.length > 0 || !LEAF_TIME_TAGS.has(el.tagName)) continue;
    const text = shortText(el, 40);
    if (text === undefined || text.length < 4 || !looksLikeTime(text)) continue;
    if (!partial) return el;
    if (parseTime(text) && !index.singleBodies.some((body) => body.contains(el))) return el;
  }
  return partial;
}

function findAuthorEl(index: BlockIndex): Element | null {
  for (const el of [...index.author, ...index.profileLinks]) {
    if (el.children.length > 3 && !el.hasAttribute('itemprop')) continue;
    const text = shortText(el, 100);
    if (text && !isPlaceholderName(text)) return el;
  }
  return findBylineAuthor(index);
}

/** The words after a bold name that make it a byline: "<b>Tom Hansen</b> posted …" (osTicket), "… wrote", "… schrieb". */
const BYLINE_VERB =
  /^\s*(posted|wrote|replied|commented|said|responded|added a note|schrieb|hat geschrieben|antwortete|kommentierte)\b/i;
const BYLINE_TAGS = new Set(['B', 'STRONG']);

/**
 * A name in bold followed by a byline verb, for entries that name their author in plain markup (osTicket's thread
 * entries: "<b>Tom Hansen</b> posted <time>…</time>"). Only looked for when no element is named like an author.
 */
function findBylineAuthor(index: BlockIndex): Element | null {
  for (const el of index.all) {
    if (!BYLINE_TAGS.has(el.tagName) || el.children.length > 1) continue;
    const next = el.nextSibling;
    if (next?.nodeType !== 3 || !BYLINE_VERB.test(next.nodeValue ?? '')) continue;
    const text = shortText(el, 80);
    if (text && !isPlaceholderName(text)) return el;
  }
  return null;
}

/** The text directly inside an element, not its children's (RT: "<span class="user">…</span> - Status changed"). */
function ownText(el: Element): string {
  let text = '';
  for (let child = el.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 3) text += child.nodeValue ?? '';
  }
  return text.replace(/\s+/g, ' ').trim();
}

/** The history-entry wording of a block ("Outgoing email recorded", "Status geändert …"), if it has one. */
function findSystemText(index: BlockIndex): string | undefined {
  for (const el of index.all) {
    // RT puts the wording after the author: "<span class="user">…</span> - Outgoing email recorded".
    const own = withoutLeadingDash(ownText(el));
    if (own.length < 5 || own.length > 160) continue;
    if (CUES.systemEvent.test(own)) return own;
    // The whole short line, when the wording spans child elements ("Status changed from <b>new</b> to <b>open</b>").
    if (el.children.length > 0 && el.children.length <= 4) {
      const line = withoutLeadingDash(shortText(el, 160) ?? '');
      if (CUES.systemEvent.test(line)) return line;
    }
  }
  return undefined;
}

/** History wording without the date printed at its end ("… assigned this to Max 3 days ago", osTicket's events). */
function withoutTimeText(text: string, timeText: string | undefined): string {
  if (!timeText || !text.endsWith(timeText) || text.length <= timeText.length) return text;
  return text.slice(0, -timeText.length).trim();
}

function withoutLeadingDash(text: string): string {
  return text.replace(/^[-–—:]\s*/, '');
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
  const labelled = authorEl ? null : labelledValue(index, CUES.fromLabel);
  const labelValue = labelled && !isPlaceholderName(lineText(labelled)) ? labelled : null;
  const timeEl = findTimeEl(index);
  const timeValue = attr(timeEl, 'datetime') ?? attr(timeEl, 'title');
  const timeText = lineText(timeEl) || timeValue;
  const author = authorEl ?? labelValue;
  // A block with no author counts when it is a history entry; readBlock asks the others once their text is known.
  const systemText = !author && !index.mailto ? findSystemText(index) : undefined;
  return {
    ...(systemText ? { systemText } : {}),
    authorEl: author,
    ...(labelValue ? { labelAuthorText: lineText(labelValue) } : {}),
    mailto: index.mailto,
    timeEl,
    ...(timeValue ? { timeValue } : {}),
    ...(timeText ? { timeText } : {}),
  };
}

/** Whether a UTF-16 code unit is whitespace as `\s` defines it. */
function isWhitespaceCode(c: number): boolean {
  if (c > 32 && c < 160) return false;
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 160 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Characters of text without whitespace: a cheap measure of how much an element says. */
function visibleLength(el: Element): number {
  const cached = lengthCache.get(el);
  if (cached !== undefined) return cached;
  const text = el.textContent ?? '';
  // Counted, not replaced: a regex replace would copy every message's text once more per read.
  let length = 0;
  for (let i = 0; i < text.length; i++) if (!isWhitespaceCode(text.charCodeAt(i))) length++;
  lengthCache.set(el, length);
  return length;
}

function linkTextRatio(el: Element, total: number): number {
  if (total === 0) return 1;
  let inLinks = 0;
  for (const a of indexOf(el).links) {
    if (!a.getAttribute('href')?.startsWith('mailto:')) inLinks += visibleLength(a);
  }
  return inLinks / total;
}

/**
 * Whether a block reads as one message: a sender (or the helpdesk's own history wording) and a date, and text that is
 * not just links (an inbox row), not a form (a links/relations editor, a search box) and not a table of properties.
 */
function isMessageBlock(el: Element): boolean {
  const cached = messageBlockCache.get(el);
  if (cached !== undefined) return cached;
  const result = computeIsMessageBlock(el);
  messageBlockCache.set(el, result);
  return result;
}

function computeIsMessageBlock(el: Element): boolean {
  if (isExcluded(el)) return false;
  const length = visibleLength(el);
  if (length < 8) return false;
  const index = indexOf(el);
  if (index.controls > 0) return false;
  const cues = cuesOf(el);
  // Mostly links: an inbox row, unless it is a history entry whose author and actions are all links (RT's
  // "RT_System - Outgoing email recorded").
  if (linkTextRatio(el, length) > 0.5 && (cues.timeEl === null || findSystemText(index) === undefined)) return false;
  if (!((cues.authorEl !== null || cues.mailto !== null || cues.systemText !== undefined) && cues.timeEl !== null)) {
    return false;
  }
  return !isPropertyList(el, index, length);
}

/** `el.closest(CUES.excluded)`, remembered per element for the read: sibling blocks share all their ancestors. */
function isExcluded(el: Element | null): boolean {
  if (!el) return false;
  const cached = excludedCache.get(el);
  if (cached !== undefined) return cached;
  const excluded = el.matches(CUES.excluded) || isExcluded(el.parentElement);
  excludedCache.set(el, excluded);
  return excluded;
}

const PROPERTY_LABEL_TAGS = new Set(['TH', 'TD', 'DT', 'LABEL', 'STRONG', 'B', 'SPAN', 'DIV', 'LI']);
/** "Owner:", "Depends on:", "Referred to by:" — a field label, short and ending in a colon. */
const PROPERTY_LABEL = /^[^\n:]{1,40}:$/;
const LABEL_COLON = /\D:(?=\s|$)/g;

/**
 * Whether a block is a list of labelled values (RT's "The Basics", "People", "Links" boxes: "Owner: Nobody",
 * "Depends on:", "Referred to by:"; a webmail's header table) rather than a message: three labels or more, no element
 * named like a message body, and most of its text in the labels and the values beside them.
 */
function isPropertyList(block: Element, index: BlockIndex, length: number): boolean {
  if (index.singleBodies.some((el) => visibleLength(el) > 0)) return false;
  // Three labels need three colons ending a word: most messages are ruled out without looking at their elements.
  let colons = 0;
  for (const match of (block.textContent ?? '').matchAll(LABEL_COLON)) {
    if (match && ++colons >= 3) break;
  }
  if (colons < 3) return false;
  let labels = 0;
  let inRows = 0;
  for (const el of index.all) {
    if (!PROPERTY_LABEL_TAGS.has(el.tagName) && el.tagName !== 'DT') continue;
    if (el.children.length > 1) continue;
    const raw = el.textContent ?? '';
    if (raw.length > 80) continue;
    const text = raw.replace(/\s+/g, ' ').trim();
    if (el.tagName !== 'DT' && !PROPERTY_LABEL.test(text)) continue;
    // A label wrapping a label ("<div class="label"><span>Owner:</span></div>") is one label.
    if (el.parentElement && el.parentElement !== block && el.parentElement.children.length === 1) {
      const parentText = (el.parentElement.textContent ?? '').trim();
      if (parentText === raw.trim()) continue;
    }
    labels++;
    const value =
      el.nextElementSibling ?? (el.parentElement?.children.length === 1 ? el.parentElement.nextElementSibling : null);
    inRows += text.replace(/\s/g, '').length + (value ? visibleLength(value) : 0);
  }
  return labels >= 3 && inRows >= length * 0.6;
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
    (el) => !el.closest(CUES.excluded) && hasWord(el, WORD.singleBody),
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
  return hasWord(el, WORD.chrome | WORD.attachment);
}

function findBody(block: Element, cues: BlockCues): Element | null {
  const index = indexOf(block);
  // An element named like a message body ("messagebody", "message-body") wins over wrappers that also hold chrome
  // (Roundcube's "message-content" holds the attachment list and hidden headings beside "#messagebody").
  const named = index.singleBodies.filter((el) => index.body.includes(el));
  const candidates = (named.length > 0 ? named : index.body).filter(
    (el) =>
      !isChrome(el) &&
      !(cues.authorEl && (el.contains(cues.authorEl) || cues.authorEl.contains(el))) &&
      !(cues.timeEl && (el.contains(cues.timeEl) || cues.timeEl.contains(el))),
  );
  let best: Element | null = null;
  let bestLength = -1;
  for (const el of candidates) {
    if (best?.contains(el)) continue;
    const length = visibleLength(el);
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
  // Areas nest ("attachments" > "attachment" > "attachment-name"): the outermost ones hold all the others.
  const outermost = index.attachmentAreas.filter(
    (area, i) => !index.attachmentAreas.slice(0, i).some((a) => a.contains(area)),
  );
  const downloads = new Set(index.downloads);
  const leaves = [
    ...index.downloads,
    ...outermost.flatMap((area) => [area, ...Array.from(area.getElementsByTagName('*'))]),
  ].filter((el) => el.children.length === 0 || downloads.has(el));
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
  let own = block.getAttribute('class') ?? '';
  // Attribute names, not `attributes`: Blink builds an Attr object for each entry of that map.
  for (const name of block.getAttributeNames()) if (name.startsWith('data-')) own += ` ${block.getAttribute(name)}`;
  if (CUES.internalRole.test(own)) return 'internal-note';
  for (const badge of indexOf(block).badges) {
    const text = shortText(badge, 30);
    if (text !== undefined && CUES.internalBadge.test(text)) return 'internal-note';
  }
  if (CUES.customerRole.test(own)) return 'customer';
  if (CUES.agentRole.test(own)) return 'agent';
  return undefined;
}

interface RawMessage {
  block: Element;
  author: Person;
  /** The author's login where the page shows one beside the name (RT's "sam (Sam Berger)"). */
  login?: string;
  pageRole: Role | undefined;
  time?: string;
  timeText?: string;
  text: string;
  attachments: string[];
}

/** "sam (Sam Berger)": a one-word login and the real name in brackets. */
const RT_USER = /^([\w.@+-]+)\s+\(([^()]*\s[^()]*)\)$/;

/** Parts of a message area that are controls, never text: forms, navigation, toolbars and menus. */
const CHROME_TAGS = new Set(['FORM', 'NAV']);
const CHROME_ROLES = new Set(['form', 'toolbar', 'navigation', 'menu', 'menubar', 'search']);

/** Whether `el` is a control area (checked by tag and attributes: this runs for every element of every message). */
function isTextChrome(el: Element): boolean {
  if (CHROME_TAGS.has(el.tagName)) return true;
  const role = el.getAttribute('role');
  if (role !== null && CHROME_ROLES.has(role)) return true;
  // RT's folded quoted history, shown by its "Show quoted text" toggle.
  const words = wordsOf(el);
  return words.includes('message-stanza') && /(^|\s)closed(\s|$)/.test(words);
}

function readBlock(block: Element, siteLabel: string, index: number): RawMessage {
  const cues = cuesOf(block);
  const mailtoEmail = findEmail(attr(cues.mailto, 'href'));
  const authorText = cues.labelAuthorText ?? (cues.authorEl ? lineText(cues.authorEl) : lineText(cues.mailto));
  // Webmail header blocks put the label in the same element: "Von Frank Ludwig".
  const parsed = parseAddress(authorText.replace(/^(von|from|absender|sender|author|autor)\s*:?\s+/i, ''));
  const email = parsed.email ?? mailtoEmail ?? findEmail(attr(cues.authorEl, 'title'));
  // Helpdesks show agents as "Max Krüger via Shop Example Support": the person is before "via".
  const vialess = parsed.name?.replace(/\s+via\s+.+$/i, '');
  // Request Tracker shows people as "login (Real Name)": the person is the real name, the login is how RT's
  // "Logged in as" names them.
  const rtUser = vialess ? RT_USER.exec(vialess) : null;
  const rawName = rtUser?.[2] ?? vialess;
  const name = rawName && !isPlaceholderName(rawName) ? rawName : undefined;
  const author: Person = { ...(name ? { name } : {}), ...(email ? { email } : {}) };
  const body = findBody(block, cues);
  const chrome = new Set([cues.authorEl, cues.timeEl, cues.mailto].filter((el): el is Element => el !== null));
  const skip = (el: Element): boolean => {
    if (chrome.has(el)) return true;
    if (el.hasAttributes() ? isChrome(el) || isTextChrome(el) : CHROME_TAGS.has(el.tagName)) return true;
    // "From:"/"Sent:" labels are the block's own metadata; inside the message body they belong to quoted history
    // (Outlook's "From: … Sent: …" header), which must stay for the quote stripper to recognise it.
    if (body) return false;
    const label = el.children.length === 0 ? labelText(el) : undefined;
    return label !== undefined && (CUES.fromLabel.test(label) || CUES.timeLabel.test(label));
  };
  let text = cleanMessageText(elementText(body ?? block, { skip }));
  const systemAuthor = name !== undefined && CUES.systemAuthor.test(name);
  const ownClass = block.getAttribute('class') ?? '';
  // A history entry: the helpdesk wrote it, or it says what changed and carries no text of its own. Its wording is
  // kept as the text (what happened matters for the thread), but it is nobody's message.
  const systemText =
    cues.systemText ?? (systemAuthor || text === '' || !body ? findSystemText(indexOf(block)) : undefined);
  // A person's entry is theirs unless all it says is the history wording (a message that mentions a status change,
  // or starts like one, stays a message).
  const isSystem =
    systemAuthor ||
    CUES.systemRole.test(ownClass) ||
    (systemText !== undefined && (text === '' || withoutLeadingDash(text) === systemText)) ||
    (!author.name && !author.email && systemText !== undefined);
  if (!isSystem && !author.name && !author.email) throw anchorMissing(siteLabel, `sender of message ${index + 1}`);
  if (isSystem && (text === '' || !body)) text = withoutTimeText(systemText ?? text, cues.timeText);
  return {
    block,
    author,
    ...(rtUser?.[1] ? { login: rtUser[1] } : {}),
    pageRole: isSystem ? 'system' : pageRoleOf(block),
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
  for (const name of block.getAttributeNames()) {
    const value = /^data-([\w-]+-)?id$/.test(name) ? block.getAttribute(name) : null;
    if (value && /\d/.test(value)) return value;
  }
  const id = attr(block, 'id');
  // "article-118231", "c10481-1", "ArticleView3" number a message; "history-container-7f3a" (RT's random container
  // id) does not.
  return id && /^[a-z]*\d+$/i.test(id.split(/[-_:.]/).pop() ?? '') ? id : undefined;
}

function personKey(p: Person): string {
  return (p.email ?? p.name ?? '').toLowerCase();
}

/** Same address, else same name (the requestor field may show only one of them). */
function isSamePerson(a: Person, b: Person): boolean {
  if (a.email && b.email) return a.email.toLowerCase() === b.email.toLowerCase();
  const name = (p: Person) => (p.name ?? '').toLowerCase().replace(/\s+/g, ' ').trim();
  return name(a) !== '' && (name(a) === name(b) || (b.email !== undefined && name(a) === b.email.toLowerCase()));
}

/** Words that may label the ticket's customer; one native pass over the page decides whether to look further. */
const REQUESTOR_ANYWHERE = /requestor|requester|anfragende|antragsteller|kunde|kundin|customer/i;
const PERSON_IN_VALUE = '.user, [class*="user" i], [class*="customer" i], a[href^="mailto:" i], a[href*="/user" i], a';

/**
 * The ticket's customer as its own field names it ("Requestors: Greta Nilsson", "Kunde: …", "Customer …"), outside
 * the messages: the person a single-message ticket is from, whoever else the page shows (an owner "Nobody").
 */
export function readRequestor(doc: Document): Person | undefined {
  const body = doc.body;
  if (!body || !REQUESTOR_ANYWHERE.test(body.textContent ?? '')) return undefined;
  const walker = doc.createTreeWalker(body, 4);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const own = (node.nodeValue ?? '').trim();
    if (own.length < 5 || own.length > 30 || !CUES.requestorLabel.test(own)) continue;
    let label = node.parentElement;
    if (!label || label.closest('[data-rapport-ui], script, style, template')) continue;
    // The label may sit in a wrapper of its own ("<div class="label"><span>Requestors:</span></div>").
    while (label.parentElement && !label.nextElementSibling && lineText(label.parentElement) === lineText(label)) {
      label = label.parentElement;
    }
    const value = label.nextElementSibling;
    if (!value || (value.textContent ?? '').length > 300) continue;
    const personEl = value.querySelector(PERSON_IN_VALUE) ?? value;
    // The first person of the field ("Schulz, Petra" is one person; several are separated by ";" or own elements).
    const parsed = parseAddress(lineText(personEl).split(/\s*;\s*/)[0] ?? '');
    const email = parsed.email ?? findEmail(attr(personEl, 'href')) ?? findEmail(attr(personEl, 'title'));
    const name = parsed.name && !isPlaceholderName(parsed.name) ? parsed.name : undefined;
    if (name || email) return { ...(name ? { name } : {}), ...(email ? { email } : {}) };
  }
  return undefined;
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
function toMessages(
  raw: RawMessage[],
  ctx: ReadContext,
  signedIn: Person | undefined,
  requestor: Person | undefined,
): ConversationMessage[] {
  // RT names the signed-in agent by login ("Logged in as sam") and messages by real name ("Sam Berger").
  const identityOf = (m: RawMessage): Person | undefined =>
    signedIn?.name && m.login && !signedIn.email && m.login.toLowerCase() === signedIn.name.trim().toLowerCase()
      ? m.author
      : signedIn;
  const isAgent = (m: RawMessage) => isAgentBySettings(m.author, ctx) || isSignedInAgent(m.author, identityOf(m));
  const isPerson = (m: RawMessage) => m.pageRole !== 'system' && personKey(m.author) !== '';
  const opener =
    raw.find((m) => m.pageRole === 'customer') ??
    (requestor ? raw.find((m) => isPerson(m) && isSamePerson(m.author, requestor)) : undefined) ??
    raw.find((m) => !m.pageRole && isPerson(m) && !isAgent(m));
  const customerKey = opener ? personKey(opener.author) : '';
  return dedupeIds(
    raw.map((m) => {
      const fallback: Role = personKey(m.author) === customerKey ? 'customer' : 'agent';
      const { role, roleSource } = decideRole(m.author, ctx, m.pageRole, fallback, identityOf(m));
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
const SUBJECT_SELECTORS = ['[class*="subject" i], [id*="subject" i]', 'h1', 'h2', 'h3'];
/** Where a subject is never found (a ticket header is fine: subjects live there). */
const SUBJECT_EXCLUDED = 'nav, aside, footer, [role="navigation"], [role="complementary"], [data-rapport-ui]';
const SUBJECT_CONTROLS = 'a[role="button"], button, [role="button"]';
/** A ticket number on its own: "#2087", "# 2087", "Nr. 2087". */
const TICKET_NUMBER = /^(#|nr\.?|no\.?)\s*\d+$/i;
const TICKET_HEADING = /^(ticket|case|conversation|anfrage|vorgang)\s*(#|nr\.?|no\.?)?\s*\d+$/i;

function readSubject(doc: Document, root: Element): string {
  const scopes = [root, ...(root.parentElement ? [root.parentElement] : []), doc.body ?? root];
  const outer = scopes[scopes.length - 1] ?? root;
  for (const selector of SUBJECT_SELECTORS) {
    // One query over the outermost scope, then the inner scopes first: the scopes nest, so this finds what querying
    // each scope in turn would, without matching the page three times.
    const found = Array.from(outer.querySelectorAll(selector));
    for (const scope of scopes) {
      for (const el of scope === outer ? found : found.filter((candidate) => scope.contains(candidate))) {
        if (el.closest(SUBJECT_EXCLUDED) || lineText(el).length > 200) continue;
        // A "Subject:" label beside an input (RT's inline edit form) names no subject: try the next candidate. Buttons
        // in the heading (Roundcube's "Open in new window") are no part of it.
        // Nor is a ticket number shown beside it ("# 2087" in FreeScout's subject bar).
        const skip = (child: Element) => child.matches(SUBJECT_CONTROLS) || TICKET_NUMBER.test(lineText(child));
        const shown = elementText(el, { skip }).replace(/\s+/g, ' ');
        const subject = (attr(el, 'title') ?? shown).replace(/^(subject|betreff)\s*:?\s*/i, '').trim();
        // A heading that only names the ticket ("Ticket #604215", osTicket) is not its subject.
        if (subject !== '' && !TICKET_HEADING.test(subject)) return subject;
      }
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
  return url.hostname || unnamedSiteLabel;
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
    if (blocks.length === 0) {
      // A reply or compose page shows no thread, only the message being answered, quoted in the reply editor.
      const quoted = readQuotedReply(doc, ctx);
      if (quoted) return quoted;
      throw anchorMissing(label, 'message blocks');
    }
  }
  const raw = oldestFirst(blocks.map((block, index) => readBlock(block, label, index)));
  const signedIn = readSignedInUser(doc);
  // Only asked when the page marks no message as the customer's (Zammad, Help Scout do): it reads the whole page.
  const requestor = raw.some((m) => m.pageRole === 'customer') ? undefined : readRequestor(doc);
  const messages = toMessages(raw, ctx, signedIn, requestor);
  const container = blocks.length > 1 ? (blocks[0]?.parentElement ?? root) : root;
  return {
    site: 'generic',
    id: conversationIdOf(ctx.url),
    subject: readSubject(doc, container ?? root),
    url: ctx.url.href,
    customer: customerOrRequestor(messages, requestor),
    ...(signedIn ? { agent: signedIn } : {}),
    messages,
  };
}

/**
 * The messages oldest first. Some helpdesks list the newest on top (FreeScout, osTicket and Zammad as an agent
 * setting): when every dated message is no later than the one above it, and at least one is earlier, the page is
 * read bottom up. Mixed orders are left as the page shows them.
 */
function oldestFirst(raw: RawMessage[]): RawMessage[] {
  const times = raw.map((m) => (m.time ? Date.parse(m.time) : Number.NaN)).filter((t) => !Number.isNaN(t));
  if (times.length < 2) return raw;
  let earlier = false;
  for (let i = 1; i < times.length; i++) {
    const [before, after] = [times[i - 1] ?? 0, times[i] ?? 0];
    if (after > before) return raw;
    if (after < before) earlier = true;
  }
  return earlier ? [...raw].reverse() : raw;
}

/** The author of the first customer message; the requestor field when no message is the customer's. */
function customerOrRequestor(messages: ConversationMessage[], requestor: Person | undefined): Person {
  const customer = customerOf(messages);
  return customer.name || customer.email || !requestor ? customer : { ...requestor };
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
  // "Inserted" only when the text shows in the visible editor (read back after the editor redrew).
  const focused = focusedEditable(doc);
  if (focused) {
    const done = await insertIntoEditor(focused, text);
    return done.ok ? { ok: true, target: 'focused-field' } : done;
  }
  const candidate = findReplyCandidate(doc);
  if (candidate) {
    const done = await insertIntoEditor(candidate, text);
    return done.ok ? { ok: true, target: 'reply-box' } : done;
  }
  return {
    ok: false,
    code: 'adapter/reply-field-missing',
    reason: 'No reply field found on this page — click into the reply field, then try again',
  };
}

/** Generic adapter: matches every page and is tried last. */
export const genericAdapter: SiteAdapter = {
  id: 'generic',
  label: unnamedSiteLabel,
  matches: () => true,
  read: (doc, ctx) => guardRead(siteLabelOf(ctx.url), () => read(doc, ctx)),
  observeTarget,
  insert,
};
