/**
 * Sentences of a message with their offsets, for extracts that must point back at the words they came from.
 *
 * `Intl.Segmenter` (the platform's ICU sentence rules) does the splitting; ICU ends a sentence at every period it does
 * not know as an abbreviation, and it knows few German ones: "am 3. Dez. bestellt, z.B. Nr. 12345" comes back as four
 * sentences. Segments are joined again after a known abbreviation and after a day number ("3.", "30.06.") that a month,
 * a lowercase word or a digit follows.
 */

/** A sentence of a text; `text` is `source.slice(start, end)` with the trailing space trimmed. */
export interface Sentence {
  text: string;
  start: number;
  end: number;
}

/** Abbreviations customers and agents write with a period, German and English, lowercased. */
const abbreviations = new Set([
  'z.b.',
  'zb.',
  'nr.',
  'no.',
  'ca.',
  'bzw.',
  'usw.',
  'etc.',
  'evtl.',
  'ggf.',
  'inkl.',
  'zzgl.',
  'bzgl.',
  'u.a.',
  'd.h.',
  'z.t.',
  'str.',
  'tel.',
  'hr.',
  'fr.',
  'dr.',
  'st.',
  'mr.',
  'mrs.',
  'ms.',
  'e.g.',
  'i.e.',
  'approx.',
  'vs.',
  'jan.',
  'feb.',
  'mär.',
  'apr.',
  'jun.',
  'jul.',
  'aug.',
  'sep.',
  'sept.',
  'okt.',
  'oct.',
  'nov.',
  'dez.',
  'dec.',
]);

/** What may follow a day number inside a sentence: a month name, a lowercase word, a digit or an opening bracket. */
const monthStart = /^(?:jan|feb|mär|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|dez|dec)[a-zäöü]*\.?(?:\s|$)/i;
const continuesSentence = /^[\p{Ll}0-9(]/u;

function endsWithAbbreviation(segment: string): boolean {
  const last = segment.trimEnd().split(/\s+/).pop()?.toLowerCase() ?? '';
  return abbreviations.has(last);
}

/** A day number ("3.") or a German day and month ("30.06.", as in "zum 30.06. gekündigt"), also after "(". */
function endsWithDayNumber(segment: string): boolean {
  return /(?:^|[\s(])\d{1,2}\.(?:\d{1,2}\.)?$/.test(segment.trimEnd());
}

/**
 * ICU never ends a sentence before a lowercase word, but customers write in lowercase ("danke. aber die rechnung …"):
 * a period, "!" or "?" and a space before a lowercase letter ends a sentence unless the word before is an abbreviation
 * or a day number.
 */
function splitBeforeLowercase(line: string, piece: { start: number; end: number }): { start: number; end: number }[] {
  const parts: { start: number; end: number }[] = [];
  let start = piece.start;
  const boundary = /[.!?]+\s+(?=\p{Ll})/gu;
  const text = line.slice(piece.start, piece.end);
  for (const match of text.matchAll(boundary)) {
    const end = piece.start + match.index + match[0].trimEnd().length;
    const before = line.slice(start, end);
    if (endsWithAbbreviation(before) || endsWithDayNumber(before)) continue;
    parts.push({ start, end });
    start = piece.start + match.index + match[0].length;
  }
  parts.push({ start, end: piece.end });
  return parts;
}

const segmenters = new Map<string, Intl.Segmenter>();

function segmenterFor(locale: string): Intl.Segmenter {
  let segmenter = segmenters.get(locale);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(locale, { granularity: 'sentence' });
    segmenters.set(locale, segmenter);
  }
  return segmenter;
}

/**
 * Splits `text` into sentences with offsets. Line breaks end a sentence too (a greeting line, a signature line, a list
 * item have no period). Empty and whitespace-only pieces are dropped.
 */
export function splitSentences(text: string, locale: 'de' | 'en' = 'en'): Sentence[] {
  const sentences: Sentence[] = [];
  const segmenter = segmenterFor(locale);
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const pieces: { start: number; end: number }[] = [];
    for (const { segment, index } of segmenter.segment(line)) {
      const previous = pieces[pieces.length - 1];
      const previousText = previous ? line.slice(previous.start, previous.end) : '';
      const rest = segment.trimStart();
      if (
        previous &&
        (endsWithAbbreviation(previousText) ||
          (endsWithDayNumber(previousText) && (monthStart.test(rest) || continuesSentence.test(rest))))
      ) {
        previous.end = index + segment.length;
      } else {
        pieces.push({ start: index, end: index + segment.length });
      }
    }
    for (const piece of pieces.flatMap((piece) => splitBeforeLowercase(line, piece))) {
      const raw = line.slice(piece.start, piece.end);
      const leading = raw.length - raw.trimStart().length;
      const trimmed = raw.trim();
      if (trimmed === '') continue;
      const start = lineStart + piece.start + leading;
      sentences.push({ text: trimmed, start, end: start + trimmed.length });
    }
    lineStart += line.length + 1;
  }
  return sentences;
}
