/**
 * Turning a message body into the plain text the mood engine reads: DOM to text with line breaks kept, then quoted
 * history, signatures and legal disclaimers cut off. German and English mail clients' conventions are covered because
 * our agents answer in both.
 */
import { parseTime } from '../dates';
import { emailAddressPattern, findEmailAddress } from '../email-address';
import { replyHistoryStart } from '../reply-history';

// Dates are read in one place for sites and reply templates; adapters keep importing parseTime from here.
export { parseTime };

/** Elements whose content is quoted history or a client-marked signature, whatever the site. */
const QUOTE_SELECTORS = [
  // Gmail web and Gmail-sent mail: quoted history and the collapsed "…" trim
  '.gmail_quote',
  '.gmail_extra',
  // Gmail signature block
  '.gmail_signature',
  '[data-smartmail="gmail_signature"]',
  // Thunderbird: "On … wrote:" line, signature
  '.moz-cite-prefix',
  '.moz-signature',
  // Apple Mail / Thunderbird quoting, and any other blockquote (quoted history by convention)
  'blockquote',
  // Yahoo Mail quoted history
  '.yahoo_quoted',
  // Outlook: the reply/forward header block and the "quoted history starts here" marker
  '#divRplyFwdMsg',
  '#appendonsend',
  // Zendesk: quoted mail kept in a collapsed trimmed section
  '.zd-comment-quote',
  // Freshdesk: quoted text behind "Show quoted text"
  '.freshdesk_quote',
  // Zammad: signature and quoted parts it detected itself
  '.js-signatureMarker',
].join(', ');

/** Elements after which everything in the same body is quoted history (Outlook appends the old mail as siblings). */
const QUOTE_START_SELECTORS = '#divRplyFwdMsg, #appendonsend, hr#stopSpelling, .js-signatureMarker';

/** Elements that start a new line of text (as a browser lays them out). */
export const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'DD',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'TABLE',
  'TBODY',
  'TD',
  'TH',
  'THEAD',
  'TR',
  'UL',
]);

/** Never message text: scripts and media, and form controls (a select's options, an input's label, a button). */
const SKIPPED_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'TEMPLATE',
  'NOSCRIPT',
  'svg',
  'SVG',
  'BUTTON',
  'IMG',
  'VIDEO',
  'AUDIO',
  'INPUT',
  'SELECT',
  'TEXTAREA',
  'OPTION',
  'DATALIST',
]);

/**
 * Classes that keep text for screen readers only: Bootstrap `sr-only`/`visually-hidden`, WordPress
 * `screen-reader-text`, Roundcube's `voice` (its "Attachments" and "Message body" headings). A sighted reader never
 * sees these, so they are no part of a message.
 */
const SCREEN_READER_ONLY =
  /(?:^|\s)(?:sr-only|visually-?hidden|screen-?reader-(?:text|only)|a11y-hidden|voice)(?:\s|$)/i;
/** Utility classes that hide an element (Bootstrap 3/RT `hidden`, Bootstrap 4+ `d-none`, Tailwind `hidden`)… */
const HIDDEN_CLASS = /(?:^|\s)(?:hidden|d-none)(?:\s|$)/;
/** …unless a responsive class shows it again on wider screens (`hidden md:block`, `d-none d-md-block`). */
const RESPONSIVE_SHOW =
  /(?:^|\s)(?:\S+:(?:block|flex|grid|inline|inline-block|inline-flex|inline-grid|table|table-cell|table-row|contents)|d-(?:sm|md|lg|xl|xxl)-\S+)(?:\s|$)/;

/** Whether the page hides this element itself (so a reader would not see its text). */
export function isHiddenElement(el: Element): boolean {
  // Most elements of a message body carry no attributes at all.
  if (!el.hasAttributes()) return false;
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const style = el.getAttribute('style');
  if (style !== null && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
  const classes = el.getAttribute('class');
  if (classes === null || classes === '') return false;
  return SCREEN_READER_ONLY.test(classes) || (HIDDEN_CLASS.test(classes) && !RESPONSIVE_SHOW.test(classes));
}

export interface ElementTextOptions {
  /** Drop client-marked quoted history and signatures (`.gmail_quote`, `blockquote`, `#divRplyFwdMsg` …). Default true. */
  stripQuotes?: boolean;
  /** Further elements to leave out (an adapter's header or toolbar inside the body). */
  skip?: (el: Element) => boolean;
}

/**
 * The visible text of `root` as a reader sees it: block elements and `<br>` become line breaks, hidden elements and
 * (by default) client-marked quoted history are left out. Works the same in every DOM (no `innerText`, which
 * happy-dom and linkedom do not lay out).
 */
export function elementText(root: Element, options: ElementTextOptions = {}): string {
  const stripQuotes = options.stripQuotes ?? true;
  const parts: string[] = [];
  let quoteStarted = false;

  const walk = (node: Node): void => {
    if (quoteStarted) return;
    if (node.nodeType === 3) {
      parts.push(node.nodeValue ?? '');
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    if (SKIPPED_TAGS.has(el.tagName) || isHiddenElement(el)) return;
    if (options.skip?.(el)) return;
    if (stripQuotes && el !== root) {
      // Every quote selector but `blockquote` needs a class or id: most body elements have neither.
      if (el.hasAttributes()) {
        // Outlook appends the old mail as siblings after its header block: stop reading at the marker.
        if (el.matches(QUOTE_START_SELECTORS)) {
          quoteStarted = true;
          return;
        }
        if (el.matches(QUOTE_SELECTORS)) return;
      } else if (el.tagName === 'BLOCKQUOTE') return;
    }
    if (el.tagName === 'BR') {
      parts.push('\n');
      return;
    }
    const isBlock = BLOCK_TAGS.has(el.tagName);
    if (isBlock) parts.push('\n');
    for (let child = el.firstChild; child; child = child.nextSibling) walk(child);
    if (el.tagName === 'TD' || el.tagName === 'TH') parts.push(' ');
    if (isBlock) parts.push('\n');
  };

  walk(root);
  return normalizeWhitespace(parts.join(''));
}

/**
 * Normalises whitespace while keeping line breaks: no-break and other wide spaces become spaces, runs of spaces
 * collapse, lines are trimmed, at most one empty line in a row. Zero-width spaces and BOMs go; joiners stay (emoji
 * sequences and Persian text need them), and so do right-to-left marks.
 */
export function normalizeWhitespace(text: string): string {
  // One regex pass per step instead of splitting into lines: this runs several times for every message of a thread.
  // Every horizontal space (no-break, en/em, ideographic …) collapses to one ' ', so lines trim with a plain ' ?'.
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u200b\ufeff]/g, '')
    .replace(/[\t\f\v \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Cuts quoted history off plain text: everything from the first reply header (German and English client styles, see
 * lib/reply-history.ts) and every `>`-quoted line.
 */
export function stripQuotedHistory(text: string): string {
  const lines = text.split('\n');
  const start = replyHistoryStart(lines.map((l) => l.trim()));
  const end = start >= 0 ? start : lines.length;
  const kept = lines.slice(0, end).filter((line) => !/^\s*>/.test(line));
  return kept.length === lines.length ? text : kept.join('\n');
}

/** Mobile clients' one-line signatures. */
const MOBILE_SIGNATURE =
  /^(sent from my .{2,40}|sent from (outlook|mail|yahoo mail).{0,40}|get outlook for (ios|android).{0,20}|von meinem .{2,40} gesendet|gesendet von meinem .{2,40}|gesendet (von|mit) (mail|outlook) für .{2,30}|sent with proton mail.{0,30})$/i;
/** Sign-offs after which only name, role and contact lines follow. */
const CLOSING =
  /^(mit (den )?(freundlichen|besten|herzlichen|lieben) grüßen|mit freundlichem gruß|freundliche grüße|viele grüße|beste grüße|liebe grüße|herzliche grüße|schöne grüße|grüße|gruß|lg|mfg|vg|best regards|kind regards|warm regards|regards|best wishes|best|cheers|sincerely|yours sincerely|thanks and regards|many thanks|thanks in advance|thanks (a lot|so much|again)|thank you (so|very) much|thanks|thank you|(vielen|besten|herzlichen) dank|danke( schön| sehr| im voraus)?|dankeschön|(vielen )?dank(e)?( dir| ihnen| euch)? (&|und) (viele |beste |liebe )?(grüße|gruß)|thanks (&|and) (best |kind )?regards)[\s,.!]*$/i;
/** How many non-empty lines may follow a sign-off for it to count as a signature rather than text. */
const MAX_SIGNATURE_LINES = 8;

/**
 * Cuts signatures: the "-- " delimiter, mobile clients' "Sent from my iPhone"/"Von meinem iPhone gesendet", and a
 * sign-off ("Mit freundlichen Grüßen", "Best regards") followed only by a few short lines.
 */
export function stripSignature(text: string): string {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '-- ' || line.trim() === '--' || MOBILE_SIGNATURE.test(line.trim())) {
      lines.length = i;
      break;
    }
  }
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = (lines[i] ?? '').trim();
    if (!CLOSING.test(line)) continue;
    const rest = lines.slice(i + 1).filter((l) => l.trim() !== '');
    if (rest.length <= MAX_SIGNATURE_LINES && rest.every((l) => l.length <= 80)) return lines.slice(0, i).join('\n');
  }
  return lines.join('\n');
}

/** Openings of legal disclaimers; from such a paragraph on, the rest is boilerplate. */
const DISCLAIMER =
  /^(this (e-?mail|message)( and any (files|attachments).{0,40})? (is|are|may be|contains?) .{0,40}(confidential|privileged)|confidentiality notice|disclaimer:|the information (contained )?in this (e-?mail|message)|diese (e-?mail|nachricht) (enthält|ist|kann) .{0,40}(vertraulich|rechtlich)|vertraulichkeitshinweis|please consider the environment before printing|bitte denken sie an die umwelt|sitz der gesellschaft|registergericht|geschäftsführer(in)?:|amtsgericht )/i;

/** A company register footer line (German imprint duty), wherever it starts. */
const COMPANY_REGISTER = /(sitz der gesellschaft|registergericht|handelsregister|amtsgericht \S+,? hrb|\bhrb \d{3,})/i;

/** Cuts a trailing legal disclaimer or company register footer (German "Sitz der Gesellschaft …", English notices). */
export function stripDisclaimer(text: string): string {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    const isParagraphStart = i === 0 || (lines[i - 1] ?? '').trim() === '';
    if ((isParagraphStart && DISCLAIMER.test(line)) || COMPANY_REGISTER.test(line)) return lines.slice(0, i).join('\n');
  }
  return text;
}

/**
 * The links and buttons that fold quoted history in and out, on a line of their own: RT's "Show quoted text", Horde's
 * "[Show Quoted Text - 12 lines]", Gmail's "Show trimmed content", Roundcube/SOGo-style German "Zitierten Text
 * anzeigen"/"… ausblenden". Controls, never words the customer wrote.
 */
const QUOTE_TOGGLE =
  /^\[?\s*(?:(?:show|hide|view)\s+(?:all\s+)?(?:quoted|trimmed)\s+(?:text|content|message)|(?:zitierten|zitierter|gekürzten)\s+(?:text|inhalt)\s+(?:anzeigen|ausblenden|einblenden|verbergen)|zitate?\s+(?:anzeigen|ausblenden|einblenden|verbergen))(?:\s*[-–(]\s*\d+\s*(?:lines?|zeilen)\s*\)?)?\s*\]?\s*(?:\.{3}|…)?$/i;

/** Drops lines that are only a quoted-text toggle (see `QUOTE_TOGGLE`). */
export function stripQuoteToggles(text: string): string {
  if (!/quoted|trimmed|zitat|zitiert|gekürzt/i.test(text)) return text;
  return text
    .split('\n')
    .filter((line) => !QUOTE_TOGGLE.test(line.trim()))
    .join('\n');
}

/**
 * The message text the mood engine reads: quoted history, signature and disclaimer removed, whitespace normalised.
 * When stripping would leave nothing of a non-empty message (one made only of a sign-off), the unstripped text is kept:
 * what the customer wrote is never silently dropped.
 */
export function cleanMessageText(raw: string): string {
  const text = normalizeWhitespace(stripQuoteToggles(raw));
  if (text === '') return '';
  // Normalising is idempotent: a step that changed nothing needs no second pass (most messages have no quote).
  const quoteless = stripQuotedHistory(text);
  const withoutQuotes = quoteless === text ? text : normalizeWhitespace(quoteless);
  const signatureless = stripSignature(stripDisclaimer(withoutQuotes));
  const cleaned = signatureless === withoutQuotes ? withoutQuotes : normalizeWhitespace(signatureless);
  if (cleaned !== '') return cleaned;
  return withoutQuotes !== '' ? withoutQuotes : text;
}

/** The cleaned plain text of a message body element. */
export function messageTextOf(body: Element, skip?: (el: Element) => boolean): string {
  return cleanMessageText(elementText(body, { skip }));
}

/** Whether a short text looks like a date or time line (a header cue in pages we have never seen). */
export function looksLikeTime(text: string): boolean {
  return (
    parseTime(text) !== undefined ||
    /\b\d{1,2}:\d{2}\s*([ap]\.?m\.?|uhr)?\b/i.test(text) ||
    /\b(vor|ago)\b.{0,20}\b(min|minute|stunde|hour|tag|day)/i.test(text)
  );
}

/** A short stable hash (FNV-1a, two seeds) for ids of things the page gives no id for. */
export function hashId(...parts: (string | undefined)[]): string {
  const input = parts.map((p) => p ?? '').join('\u241f');
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return (h1 >>> 0).toString(36).padStart(7, '0') + (h2 >>> 0).toString(36).padStart(7, '0');
}

/** The first e-mail address in a text or `mailto:` link. */
export function findEmail(text: string | null | undefined): string | undefined {
  if (!text) return undefined;
  return findEmailAddress(text.replace(/^mailto:/i, ''))?.toLowerCase();
}

/** "Jane Doe <jane@example.com>" → name and address; either may be missing. */
export function parseAddress(text: string): { name?: string; email?: string } {
  const email = findEmail(text);
  const name = text
    .replace(/<[^>]*>/g, '')
    .replace(emailAddressPattern, '')
    .replace(/\(\s*\)|\[\s*\]|"/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^'(.*)'$/, '$1')
    .replace(/[,:;<>]+$/, '')
    .trim();
  return { ...(name ? { name } : {}), ...(email ? { email } : {}) };
}
