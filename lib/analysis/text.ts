/**
 * Text preparation for the mood engine: what the model reads is a cleaned, capped copy of a message, and every
 * character of that copy maps back to the span of the original it came from, so evidence can be highlighted in the
 * text the agent actually sees.
 */

/** The most characters of one message that are analysed; the rest is marked `truncated` (a 1 MB paste must not freeze the panel). */
export const defaultMaxAnalysedChars = 5000;

/** A message's text prepared for analysis. */
export interface PreparedText {
  /** The message text as the page gave it. */
  original: string;
  /** Entities decoded, zero-width characters removed, whitespace folded (runs with a line break become `\n`), capped. */
  text: string;
  /** `starts[i]` / `ends[i]`: the span of `original` that produced `text[i]`. */
  starts: Uint32Array;
  ends: Uint32Array;
  /** True when `original` holds more content than `text` carries. */
  truncated: boolean;
}

/** A piece of prepared text short enough for the model, with its offsets into that prepared text. */
export interface TextChunk {
  text: string;
  start: number;
  end: number;
  /**
   * Where the chunk stands to a contrast inside its sentence ("thanks, but I'm worried"): `before` the "but", `after`
   * it, or `both` for a clause between two. What follows a "but" is what the writer means (VADER's rule).
   */
  contrast?: 'before' | 'after' | 'both';
}

// Named entities that occur in helpdesk and webmail text; anything else stays as written.
const namedEntities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  shy: '',
  zwj: '',
  zwnj: '',
  auml: 'ä',
  ouml: 'ö',
  uuml: 'ü',
  Auml: 'Ä',
  Ouml: 'Ö',
  Uuml: 'Ü',
  szlig: 'ß',
  eacute: 'é',
  egrave: 'è',
  agrave: 'à',
  euro: '€',
  pound: '£',
  copy: '©',
  reg: '®',
  trade: '™',
  hellip: '…',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  laquo: '«',
  raquo: '»',
  middot: '·',
  bull: '•',
  deg: '°',
  times: '×',
};

const entityPattern = /&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/y;

// Zero-width and invisible formatting characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen, LRM/RLM).
const invisibleChars = new Set([0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x00ad, 0x200e, 0x200f]);
const combiningMark = /^\p{M}$/u;
const contentAfterCap = /[^\s\u200b-\u200f\u2060\ufeff\u00ad]/;

function decodeEntity(body: string): string | undefined {
  if (body.startsWith('#')) {
    const isHex = body[1] === 'x' || body[1] === 'X';
    const code = Number.parseInt(body.slice(isHex ? 2 : 1), isHex ? 16 : 10);
    // Surrogates and values past Unicode are not characters; keep the entity text as written.
    if (!Number.isFinite(code) || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
    return code === 0 ? '' : String.fromCodePoint(code);
  }
  return namedEntities[body];
}

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r' || /\s/.test(ch);
}

/**
 * Prepares a message for analysis: decodes HTML entities, drops zero-width characters, composes decomposed umlauts,
 * folds whitespace, and caps the result at `maxChars` (cutting at a word boundary when one is near).
 * Never throws; any string (empty, emoji-only, 1 MB) gives a defined result.
 */
export function prepareText(original: string, maxChars: number = defaultMaxAnalysedChars): PreparedText {
  const cap = Math.max(1, Math.floor(maxChars));
  const out: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let pendingSpace: ' ' | '\n' | undefined;
  let pendingStart = 0;
  let pendingEnd = 0;
  let i = 0;
  let stoppedAt = original.length;

  const push = (chars: string, start: number, end: number): void => {
    if (pendingSpace !== undefined && out.length > 0) {
      out.push(pendingSpace);
      starts.push(pendingStart);
      ends.push(pendingEnd);
    }
    pendingSpace = undefined;
    for (let k = 0; k < chars.length; k++) {
      out.push(chars.charAt(k));
      starts.push(start);
      ends.push(end);
    }
  };
  const addSpace = (ch: string, start: number, end: number): void => {
    if (pendingSpace === undefined) {
      pendingSpace = ch === '\n' ? '\n' : ' ';
      pendingStart = start;
    } else if (ch === '\n') {
      pendingSpace = '\n';
    }
    pendingEnd = end;
  };

  while (i < original.length) {
    if (out.length >= cap) {
      stoppedAt = i;
      break;
    }
    const code = original.charCodeAt(i);
    if (code === 0x26 /* & */) {
      entityPattern.lastIndex = i;
      const match = entityPattern.exec(original);
      const decoded = match?.[1] === undefined ? undefined : decodeEntity(match[1]);
      if (match && decoded !== undefined) {
        const end = i + match[0].length;
        if (decoded === '' || (decoded.length === 1 && invisibleChars.has(decoded.charCodeAt(0)))) {
          // Invisible entities (&shy;, &zwj;) vanish like their literal characters.
        } else if (isSpace(decoded)) {
          addSpace(decoded, i, end);
        } else {
          push(decoded, i, end);
        }
        i = end;
        continue;
      }
    }
    if (invisibleChars.has(code)) {
      i++;
      continue;
    }
    // Surrogate pairs (emoji) travel together so a cap never splits one.
    const width = code >= 0xd800 && code <= 0xdbff && i + 1 < original.length ? 2 : 1;
    const ch = original.slice(i, i + width);
    if (isSpace(ch)) {
      addSpace(ch, i, i + width);
      i += width;
      continue;
    }
    if (width === 1 && out.length > 0 && pendingSpace === undefined && combiningMark.test(ch)) {
      // macOS and some mail clients send "u" + U+0308 for "ü"; compose it so cues and stopwords match.
      const last = out.length - 1;
      const composed = `${out[last]}${ch}`.normalize('NFC');
      if (composed.length === 1) {
        out[last] = composed;
        ends[last] = i + 1;
        i++;
        continue;
      }
    }
    push(ch, i, i + width);
    i += width;
  }

  let truncated = false;
  if (stoppedAt < original.length && contentAfterCap.test(original.slice(stoppedAt))) {
    truncated = true;
    // Cut back to the last space when it is close, so the analysed text does not end in half a word.
    let cut = out.length;
    for (let k = out.length - 1; k > out.length - 40 && k > 0; k--) {
      if (out[k] === ' ' || out[k] === '\n') {
        cut = k;
        break;
      }
    }
    out.length = cut;
    starts.length = cut;
    ends.length = cut;
  }

  return {
    original,
    text: out.join(''),
    starts: Uint32Array.from(starts),
    ends: Uint32Array.from(ends),
    truncated,
  };
}

/** Maps a span `[start, end)` of `prepared.text` back to the span of `prepared.original` it came from. */
export function toOriginalSpan(prepared: PreparedText, start: number, end: number): { start: number; end: number } {
  const length = prepared.text.length;
  if (length === 0) return { start: 0, end: 0 };
  const s = Math.min(Math.max(0, Math.floor(start)), length - 1);
  const e = Math.min(Math.max(s + 1, Math.floor(end)), length);
  return { start: prepared.starts[s] ?? 0, end: prepared.ends[e - 1] ?? prepared.original.length };
}

const sentenceEnd = /[.!?…\n]/;

/**
 * Splits text into chunks of at most `maxChars`, preferring sentence ends, then spaces, and cutting hard only inside
 * a word longer than a chunk. Chunks are trimmed; an empty or blank text gives no chunks.
 */
export function chunkText(text: string, maxChars: number): TextChunk[] {
  const size = Math.max(16, Math.floor(maxChars));
  const chunks: TextChunk[] = [];
  let start = 0;
  while (start < text.length) {
    while (start < text.length && isSpace(text.charAt(start))) start++;
    if (start >= text.length) break;
    let end = Math.min(text.length, start + size);
    if (end < text.length) {
      let cut = -1;
      for (let k = end - 1; k > start + size / 2; k--) {
        if (sentenceEnd.test(text.charAt(k)) && isSpace(text.charAt(k + 1))) {
          cut = k + 1;
          break;
        }
      }
      if (cut < 0) {
        for (let k = end; k > start + size / 4; k--) {
          if (isSpace(text.charAt(k))) {
            cut = k;
            break;
          }
        }
      }
      // Stay on a whole surrogate pair when the cut is hard.
      if (cut < 0 && /[\ud800-\udbff]/.test(text.charAt(end - 1))) end--;
      if (cut > 0) end = cut;
    }
    let trimmedEnd = end;
    while (trimmedEnd > start && isSpace(text.charAt(trimmedEnd - 1))) trimmedEnd--;
    chunks.push({ text: text.slice(start, trimmedEnd), start, end: trimmedEnd });
    start = end;
  }
  return chunks;
}

/** A word (letters and digits) or a single pictograph, with its offsets. */
export interface WordToken {
  text: string;
  start: number;
  end: number;
}

const wordPattern = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*|\p{Extended_Pictographic}/gu;

/** The words and emoji of `text`, in order. */
export function tokenizeWords(text: string): WordToken[] {
  const tokens: WordToken[] = [];
  for (const match of text.matchAll(wordPattern)) {
    tokens.push({ text: match[0], start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

/** Lower-cases and strips German diacritics (ä→a, ß→ss), the form the German lexicon stems are stored in. */
export function foldGerman(word: string): string {
  return word.toLowerCase().replace(/ä/g, 'a').replace(/ö/g, 'o').replace(/ü/g, 'u').replace(/ß/g, 'ss');
}

/** A short, stable hash of a string (FNV-1a, 32 bit), used to notice that a message's text changed. */
export function hashText(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `${text.length.toString(36)}-${(hash >>> 0).toString(36)}`;
}

/** Sentences of fewer words than this are read together with the next one ("Hello," alone says nothing). */
const minSentenceWords = 3;

/**
 * Contrastive conjunctions that start a new clause: "but", "however", German "aber", "jedoch", "allerdings". Only
 * after a comma or dash for the German ones and "however" ("aber" and "jedoch" also occur mid-clause as particles:
 * "das ist aber schön"); "but" also without one ("Thanks but no").
 */
const contrastPattern = /(?:[,;–—-]\s*|\s)(?=but\s)|[,;–—-]\s*(?=(?:however|aber|jedoch|allerdings)[\s,])/giu;

/** One sentence cut before each contrastive conjunction; offsets are into `sentence`. Clauses without words merge. */
function splitAtContrasts(sentence: string): { text: string; start: number }[] {
  const clauses: { text: string; start: number }[] = [];
  let start = 0;
  for (const match of sentence.matchAll(contrastPattern)) {
    const cut = (match.index ?? 0) + match[0].length;
    if (tokenizeWords(sentence.slice(start, cut)).length === 0) continue;
    clauses.push({ text: sentence.slice(start, cut), start });
    start = cut;
  }
  if (clauses.length > 0 && tokenizeWords(sentence.slice(start)).length === 0) {
    // Nothing after the last "but" (a trailing conjunction): it was not a contrast.
    const last = clauses.pop();
    if (last) start = last.start;
  }
  clauses.push({ text: sentence.slice(start), start });
  return clauses;
}

/**
 * Sentences are packed into chunks of up to this many characters: about a tweet or a short comment, the length of the
 * texts the bundled model learned from. Reading each sentence alone scored lower on every dev set (SB10k 0.598 against
 * 0.648 packed; GoEmotions 0.689 against 0.695; the support challenge set 0.836 against 0.850), and a whole long mail in
 * one piece blurs one furious paragraph among polite ones.
 */
export const packChars = 280;

/** The side of a contrast a chunk made of `first` … `last` is on (see TextChunk.contrast). */
function joinedContrast(first: TextChunk, last: TextChunk): TextChunk['contrast'] {
  const after = first.contrast === 'after' || first.contrast === 'both';
  const before = last.contrast === 'before' || last.contrast === 'both';
  return after && before ? 'both' : after ? 'after' : before ? 'before' : undefined;
}

/**
 * Splits text into chunks of whole sentences (at most `maxChars` each, packed up to `pack` characters) so a small
 * bag-of-words model reads a long mail piece by piece, each about as long as the texts it learned from. A sentence
 * with a "but" is cut there and its halves stay in separate chunks, marked for weighting; a sentence longer than
 * `maxChars` is cut like `chunkText`. `pack` 0 gives one chunk per sentence (a sentence of one or two words joins the
 * next).
 */
export function chunkSentences(text: string, maxChars: number, pack: number = packChars): TextChunk[] {
  const sentences: TextChunk[] = [];
  const boundary = /[.!?…]+(?=\s)|\n+/g;
  let start = 0;
  const push = (end: number) => {
    const clauses = splitAtContrasts(text.slice(start, end));
    clauses.forEach((clause, k) => {
      const before = k < clauses.length - 1;
      const after = k > 0;
      const contrast = before && after ? 'both' : before ? 'before' : after ? 'after' : undefined;
      for (const piece of chunkText(clause.text, maxChars)) {
        const chunk: TextChunk = {
          text: piece.text,
          start: start + clause.start + piece.start,
          end: start + clause.start + piece.end,
        };
        if (contrast) chunk.contrast = contrast;
        sentences.push(chunk);
      }
    });
    start = end;
  };
  for (let match = boundary.exec(text); match; match = boundary.exec(text)) push(match.index + match[0].length);
  push(text.length);
  const merged: TextChunk[] = [];
  const limit = Math.min(pack, maxChars);
  for (const sentence of sentences) {
    const previous = merged[merged.length - 1];
    if (!previous) {
      merged.push(sentence);
      continue;
    }
    const span = sentence.end - previous.start;
    const isShort = tokenizeWords(previous.text).length < minSentenceWords;
    // The two halves of a "but" stay apart: joined, they would read as one mixed sentence.
    const acrossContrast =
      (previous.contrast === 'before' || previous.contrast === 'both') &&
      (sentence.contrast === 'after' || sentence.contrast === 'both');
    if (!acrossContrast && span <= maxChars && (span <= limit || isShort)) {
      const joined: TextChunk = {
        text: text.slice(previous.start, sentence.end),
        start: previous.start,
        end: sentence.end,
      };
      const contrast = joinedContrast(previous, sentence);
      if (contrast) joined.contrast = contrast;
      merged[merged.length - 1] = joined;
    } else merged.push(sentence);
  }
  return merged;
}
