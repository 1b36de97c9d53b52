import { replyHistoryStart } from '../reply-history';
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
  const start = replyHistoryStart(lines.map((l) => l.trimmed));
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
