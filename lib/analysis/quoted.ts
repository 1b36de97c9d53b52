import { isFeelingWord } from './lexicon';
import { tokenizeWords } from './text';
import type { Language } from './types';

/**
 * Quoted text inside a message: words the customer did not write about their own state. Sites strip most quoted
 * history from the DOM (lib/sites/text.ts), but not all of it reaches the engine stripped (a reader that drops the
 * "From:" labels of an Outlook header, a plain-text client, a paste), and customers quote the agent inline
 * (`you wrote "within 3 working days"`). Evidence and cues must never come from such text: it is somebody else's.
 */

/**
 * How a range came to be quoted: `history` is a reply header and everything after it, `line` a line starting with
 * ">", `reported` words in quotation marks after "you wrote", "Sie schrieben:" and the like, `inline` any other words
 * in quotation marks (a status the customer copies, "label created"; a product name; scare quotes).
 */
export type QuotedKind = 'history' | 'line' | 'reported' | 'inline';

/** A quoted range of a text; `[start, end)` index the text searched. */
export interface QuotedRange {
  start: number;
  end: number;
  kind: QuotedKind;
}

interface Line {
  text: string;
  trimmed: string;
  start: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const part of text.split('\n')) {
    lines.push({ text: part, trimmed: part.trim(), start });
    start += part.length + 1;
  }
  return lines;
}

/** "-----Original Message-----", "-----Ursprüngliche Nachricht-----", forwarded-message markers. */
const separatorLine =
  /^-{2,}\s*(?:original message|ursprüngliche nachricht|originalnachricht|original-nachricht|forwarded message|weitergeleitete nachricht|nachricht weitergeleitet)\s*-{2,}|^(?:begin forwarded message|anfang der weitergeleiteten nachricht)\s*:/i;
/** Attribution lines of Gmail, Apple Mail and Thunderbird, which may wrap over up to three lines. */
const germanAttributionStart = /^Am\s.{4,160}$/i;
const germanAttributionEnd = /(?:schrieb|hat .{0,80}geschrieben)\s*.{0,160}:$/i;
const englishAttributionStart = /^On\s.{4,200}$/i;
const englishAttributionEnd = /wrote\s*:$/i;
/** Outlook's reply header: "Von: … / Gesendet: …" or "From: … / Sent: …". */
const headerFrom = /^\*?(?:von|from)\s*:\*?\s*\S/i;
const headerSent = /^\*?(?:gesendet|sent|date|datum)\s*:\*?\s*\S/i;
/** The header lines a reader keeps when it drops the From/Sent labels (their elements looked like page chrome). */
const headerAddressee = /^\*?(?:to|an|cc|bcc|subject|betreff)\s*:\*?(?:\s|$)/i;
const headerSubject = /^\*?(?:subject|betreff)\s*:/i;
const replySubject = /^\*?(?:subject|betreff)\s*:\*?\s*(?:re|aw|wg|fw|fwd|antw)\s*:/i;
const underscoreRule = /^_{10,}$/;
const emailAddress = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/u;
/** A line of a header block above "To:"/"An:": a sender with an address, or a date. */
const headerish =
  /@|\b\d{1,2}[.:/]\d{1,2}|\b\d{4}\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)\b/i;

/** The start of `window` up to its first ":" at a line's or word's end (a header wraps over at most three lines). */
function upToFirstColon(window: string): string {
  const match = /^.*?:(?=\s|$)/.exec(window);
  return match ? match[0] : window;
}

/** Index of the line where quoted history starts, or -1. */
function historyStart(lines: readonly Line[]): number {
  const nonEmptyAfter = (i: number, count: number) =>
    lines
      .slice(i + 1)
      .map((l) => l.trimmed)
      .filter((l) => l !== '')
      .slice(0, count);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]?.trimmed ?? '';
    if (line === '') continue;
    if (separatorLine.test(line)) return i;
    const window = upToFirstColon(
      lines
        .slice(i, i + 3)
        .map((l) => l.trimmed)
        .join(' '),
    );
    if (germanAttributionStart.test(line) && germanAttributionEnd.test(window)) return i;
    if (englishAttributionStart.test(line) && englishAttributionEnd.test(window)) return i;
    if (headerFrom.test(line) && nonEmptyAfter(i, 5).some((l) => headerSent.test(l))) return i;
    if (underscoreRule.test(line) && nonEmptyAfter(i, 3).some((l) => headerFrom.test(l))) return i;
    // Without its From/Sent labels an Outlook header still has "To:"/"An:" and a reply subject ("Betreff: AW: …"):
    // the block starts at the sender and date lines right above.
    if (headerAddressee.test(line)) {
      const block = [line, ...nonEmptyAfter(i, 3)];
      const isHeader = replySubject.test(line) || block.slice(1).some((l) => headerAddressee.test(l));
      if (!isHeader || !block.some((l) => headerSubject.test(l) || emailAddress.test(l))) continue;
      let first = i;
      for (let k = i - 1; k >= 0 && k >= i - 3; k--) {
        const above = lines[k]?.trimmed ?? '';
        if (above === '' || !headerish.test(above)) break;
        first = k;
      }
      return first;
    }
  }
  return -1;
}

/** Verbs that introduce somebody else's words: "you wrote", "you said", "Sie schrieben", "hieß es". */
const reportingVerb =
  /(?:wrote|write|said|say|says|told me|promised|claimed|stated|replied|answered|quote|schrieben|schreiben|schrieb|schreibt|sagten|sagen|sagte|sagt|versprachen|versprochen|versprach|meinten|meinte|hieß es|heißt es|hieß|behaupteten|antworteten|antwortete|zitiere)\s*[:,]?\s*$/i;

/** Quotation-mark pairs customers use: straight, English curly, German low-high, guillemets both ways. */
const inlineQuote =
  /"([^"\n]{1,200})"|“([^“”\n]{1,200})”|„([^„“”\n]{1,200})[“”]|»([^»«\n]{1,200})«|«([^»«\n]{1,200})»|‚([^‚‘\n]{1,200})‘/gu;

/**
 * The quoted parts of `text` (a message, raw or prepared), in order and not overlapping: reply history (German and
 * English attribution lines "Am … schrieb …:" / "On … wrote:", "-----Original Message-----" and "Ursprüngliche
 * Nachricht" separators, Outlook "Von:/Gesendet:" headers, also without their From/Sent labels) up to the end of
 * the text, lines starting with ">", and words in quotation marks (`reported` after a verb such as "you wrote",
 * else `inline`). Pure; linear in the text's length.
 */
export function quotedRanges(text: string): QuotedRange[] {
  if (text === '') return [];
  const lines = splitLines(text);
  const start = historyStart(lines);
  const historyFrom = start >= 0 ? (lines[start]?.start ?? text.length) : text.length;
  const ranges: QuotedRange[] = [];
  for (const line of lines) {
    if (line.start >= historyFrom) break;
    if (/^\s*>/.test(line.text)) ranges.push({ start: line.start, end: line.start + line.text.length, kind: 'line' });
  }
  let previous: QuotedRange | undefined;
  for (const match of text.matchAll(inlineQuote)) {
    const from = match.index;
    const to = from + match[0].length;
    if (to > historyFrom || ranges.some((r) => r.kind === 'line' && from < r.end && r.start < to)) continue;
    const before = text.slice(Math.max(0, from - 40), from);
    // `you said "tomorrow" and "by Monday"`: a quote joined to a reported one is reported too.
    const joined =
      previous?.kind === 'reported' && /^\s*(?:,|and|or|und|oder|sowie)?\s*$/i.test(text.slice(previous.end, from));
    const range: QuotedRange = {
      start: from,
      end: to,
      kind: joined || reportingVerb.test(before) ? 'reported' : 'inline',
    };
    ranges.push(range);
    previous = range;
  }
  if (start >= 0) ranges.push({ start: historyFrom, end: text.length, kind: 'history' });
  return ranges.sort((a, b) => a.start - b.start);
}

/** True when `[start, end)` overlaps one of `ranges`. */
export function overlapsAny(ranges: readonly { start: number; end: number }[], start: number, end: number): boolean {
  return ranges.some((r) => start < r.end && r.start < end);
}

/**
 * One feeling word in quotation marks is the customer's own emphasis or sarcasm (Das ist "unverschämt", your "great"
 * service), not somebody else's words. Longer quotes ("within 3 working days", „Code ungültig“) are what the agent,
 * the shop or a tracking page said.
 */
function isEmphasis(text: string, range: QuotedRange, language: Language): boolean {
  if (range.kind !== 'inline') return false;
  const words = tokenizeWords(text.slice(range.start, range.end));
  const word = words[0];
  return words.length === 1 && word !== undefined && isFeelingWord(word.text, language);
}

/**
 * The quoted ranges of `text` that are somebody else's words (see `quotedRanges`): all of them but a single feeling
 * word in quotation marks, which is the customer's own emphasis (Das ist "unverschämt"). What these ranges hold is
 * never evidence of the customer's mood and never one of their urgency reasons.
 */
export function quotedByOthers(text: string, language: Language = 'other'): QuotedRange[] {
  return quotedRanges(text).filter((range) => !isEmphasis(text, range, language));
}
