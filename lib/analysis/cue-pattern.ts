import { type CueText, isNegator } from './cue-context';
import { type CueToken, normaliseWord } from './cue-words';

/**
 * Builds a global, case-insensitive pattern for a cue phrase whose ends must sit on word boundaries. Unicode-aware
 * on purpose: JavaScript's `\b` only knows ASCII letters and would split "Rückbuchung" or "süß". A space in `source`
 * matches any run of whitespace or a hyphen ("PayPal-Käuferschutz", "charge back"); ` ?` makes that gap optional.
 */
export function cuePattern(source: string): RegExp {
  const spaced = source.replace(/ \?/g, '[\\s\\-]*').replace(/ /g, '[\\s\\-]+');
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${spaced})(?![\\p{L}\\p{N}])`, 'giu');
}

/** The language whose stems a word pattern compares. */
export type CueLanguage = 'de' | 'en';

/** A named word class a pattern can use as `{name}`. */
export type WordClass = (token: CueToken) => boolean;

type Alternative =
  /** The word itself or any word with its stem ("kündigen" matches "kündige", "Kündigung"). */
  | { type: 'word'; fold: string; stem: string }
  /** Exactly this form (`=word`). */
  | { type: 'exact'; lower: string }
  /** Any word starting with it (`word*`). */
  | { type: 'prefix'; fold: string }
  /**
   * A German compound ending in it (`*word`: "Rechtsanwalt"), or also starting with it (`*word*`:
   * "Anwaltskanzlei", "Rückbuchungsantrag").
   */
  | { type: 'compound'; fold: string; stem: string; modifier: boolean }
  | { type: 'class'; name: string; test: WordClass };

interface Slot {
  alternatives: Alternative[];
  optional: boolean;
  /** How many words may stand between the previous slot and this one (`~N`). */
  gap: number;
  focus: boolean;
}

/**
 * A cue as a sequence of word slots, written as a string: `rechtliche|juristische ~1 schritte`. Each slot lists
 * alternatives separated by `|`: a plain word matches its stem in the pattern's language (inflections: "Schritte",
 * "Schritten"), `=word` only that form, `word*` any word that starts with it, `*word` a compound ending in it,
 * `*word*` a compound ending or starting with it, `{class}` a named word class. `slot?` is optional, `~N` lets up to
 * N words stand before the next slot, and `[` … `]` mark the words reported as the cue's phrase. A match never
 * crosses a sentence and never uses a masked word (addresses, names, quoted text).
 */
export interface TokenPattern<T> {
  source: string;
  language: CueLanguage;
  slots: Slot[];
  data: T;
}

/** Where a pattern matched: its tokens and the ones reported as its phrase. */
export interface TokenMatch<T> {
  pattern: TokenPattern<T>;
  first: number;
  last: number;
  focusFirst: number;
  focusLast: number;
  /** True when a word skipped by a gap negates ("I will not wait", "ich will keine Bewertung schreiben"). */
  negatedInside: boolean;
}

const minCompoundPart = 3;
const maxCachedOpeners = 20_000;

function stemIn(language: CueLanguage, word: string): { fold: string; stem: string } {
  const forms = normaliseWord(word.toLowerCase());
  return { fold: forms.fold, stem: language === 'de' ? forms.de : forms.en };
}

function parseAlternative(source: string, language: CueLanguage, classes: Record<string, WordClass>): Alternative {
  if (source.startsWith('{') && source.endsWith('}')) {
    const name = source.slice(1, -1);
    const test = classes[name];
    if (!test) throw new Error(`cue pattern: unknown word class {${name}}`);
    return { type: 'class', name, test };
  }
  if (source.startsWith('=')) return { type: 'exact', lower: source.slice(1).toLowerCase() };
  const head = source.startsWith('*');
  const tail = source.endsWith('*');
  const word = source.slice(head ? 1 : 0, tail ? -1 : undefined);
  if (word === '') throw new Error(`cue pattern: empty word in "${source}"`);
  if (head) return { type: 'compound', ...stemIn(language, word), modifier: tail };
  if (tail) return { type: 'prefix', fold: stemIn(language, word).fold };
  return { type: 'word', ...stemIn(language, word) };
}

/** Compiles a pattern string (see `TokenPattern`); throws on a malformed pattern, so a typo fails at load time. */
export function compileTokenPattern<T>(
  source: string,
  language: CueLanguage,
  data: T,
  classes: Record<string, WordClass> = {},
): TokenPattern<T> {
  const slots: Slot[] = [];
  let gap = 0;
  let focus = false;
  for (const part of source.trim().split(/\s+/)) {
    if (part === '[') {
      focus = true;
      continue;
    }
    if (part === ']') {
      focus = false;
      continue;
    }
    const gapMatch = /^~(\d)$/.exec(part);
    if (gapMatch) {
      gap = Number(gapMatch[1]);
      continue;
    }
    const optional = part.endsWith('?') && part.length > 1;
    const body = optional ? part.slice(0, -1) : part;
    slots.push({
      alternatives: body.split('|').map((alt) => parseAlternative(alt, language, classes)),
      optional,
      gap,
      focus,
    });
    gap = 0;
  }
  const first = slots[0];
  if (!first || first.optional || first.gap > 0) throw new Error(`cue pattern: "${source}" must start with a word`);
  if (!slots.some((slot) => slot.focus)) for (const slot of slots) slot.focus = true;
  return { source, language, slots, data };
}

function stemOf(token: CueToken, language: CueLanguage): string {
  return language === 'de' ? token.de : token.en;
}

function matchesAlternative(token: CueToken, alt: Alternative, language: CueLanguage): boolean {
  switch (alt.type) {
    case 'word':
      return token.fold === alt.fold || stemOf(token, language) === alt.stem;
    case 'exact':
      return token.lower === alt.lower;
    case 'prefix':
      return token.fold.startsWith(alt.fold);
    case 'class':
      return alt.test(token);
    case 'compound':
      return isCompoundOf(token, alt);
  }
}

function isCompoundOf(token: CueToken, alt: { fold: string; stem: string; modifier: boolean }): boolean {
  const stem = token.de;
  if (stem === alt.stem || token.fold === alt.fold) return true;
  if (stem.length >= alt.stem.length + minCompoundPart && stem.endsWith(alt.stem)) return true;
  return alt.modifier && token.fold.length >= alt.fold.length + minCompoundPart && token.fold.startsWith(alt.fold);
}

function matchesSlot(token: CueToken, slot: Slot, language: CueLanguage): boolean {
  for (const alt of slot.alternatives) if (matchesAlternative(token, alt, language)) return true;
  return false;
}

interface Placed {
  first: number;
  last: number;
  focusFirst: number;
  focusLast: number;
  negatedInside: boolean;
}

function matchFrom<T>(
  tokens: CueToken[],
  pattern: TokenPattern<T>,
  slotIndex: number,
  from: number,
  sentence: number,
  placed: Placed,
): Placed | undefined {
  const slot = pattern.slots[slotIndex];
  if (!slot) return placed;
  for (let at = from; at <= from + slot.gap && at < tokens.length; at++) {
    const token = tokens[at]!;
    if (token.sentence !== sentence) break;
    if (!token.masked && matchesSlot(token, slot, pattern.language)) {
      let negatedInside = placed.negatedInside;
      for (let skipped = from; skipped < at; skipped++) if (isNegator(tokens[skipped]!.lower)) negatedInside = true;
      const next: Placed = {
        first: placed.first,
        last: at,
        focusFirst: slot.focus && placed.focusFirst < 0 ? at : placed.focusFirst,
        focusLast: slot.focus ? at : placed.focusLast,
        negatedInside,
      };
      const done = matchFrom(tokens, pattern, slotIndex + 1, at + 1, sentence, next);
      if (done) return done;
    }
  }
  if (slot.optional) return matchFrom(tokens, pattern, slotIndex + 1, from, sentence, placed);
  return undefined;
}

/**
 * Patterns indexed by their first slot, so a text is matched with a few map look-ups per word instead of trying
 * every pattern at every word.
 */
export class TokenPatternSet<T> {
  private readonly patterns: TokenPattern<T>[] = [];
  private readonly byFold = new Map<string, number[]>();
  private readonly byGermanStem = new Map<string, number[]>();
  private readonly byEnglishStem = new Map<string, number[]>();
  private readonly byExact = new Map<string, number[]>();
  private readonly byPrefix = new Map<string, number[]>();
  private readonly prefixLengths = new Set<number>();
  private readonly byHead = new Map<string, number[]>();
  /** The longest compound head: no suffix of a word longer than this can be one. */
  private headLength = 0;
  private readonly byModifier = new Map<string, number[]>();
  private readonly modifierLengths = new Set<number>();
  /** First three letters of every prefix and modifier, and last three of every head: most words have none. */
  private readonly starts = new Set<string>();
  private readonly ends = new Set<string>();
  /** Patterns that open with a word class, by class: each class is tested once per word. */
  private readonly byClass = new Map<WordClass, number[]>();
  private readonly openerCache = new Map<string, readonly number[]>();

  constructor(private readonly classes: Record<string, WordClass> = {}) {}

  /** Adds the pattern `source` in `language` carrying `data`. */
  add(source: string, language: CueLanguage, data: T): void {
    const pattern = compileTokenPattern(source, language, data, this.classes);
    const id = this.patterns.length;
    this.openerCache.clear();
    this.patterns.push(pattern);
    const put = (map: Map<string, number[]>, key: string): void => {
      const list = map.get(key);
      if (list) {
        if (list[list.length - 1] !== id) list.push(id);
      } else map.set(key, [id]);
    };
    for (const alt of pattern.slots[0]!.alternatives) {
      switch (alt.type) {
        case 'word':
          put(this.byFold, alt.fold);
          put(language === 'de' ? this.byGermanStem : this.byEnglishStem, alt.stem);
          break;
        case 'exact':
          put(this.byExact, alt.lower);
          break;
        case 'prefix':
          put(this.byPrefix, alt.fold);
          this.prefixLengths.add(alt.fold.length);
          this.starts.add(alt.fold.slice(0, minCompoundPart));
          break;
        case 'compound':
          put(this.byFold, alt.fold);
          put(this.byGermanStem, alt.stem);
          put(this.byHead, alt.stem);
          this.headLength = Math.max(this.headLength, alt.stem.length);
          this.ends.add(alt.stem.slice(-minCompoundPart));
          if (alt.modifier) {
            put(this.byModifier, alt.fold);
            this.modifierLengths.add(alt.fold.length);
            this.starts.add(alt.fold.slice(0, minCompoundPart));
          }
          break;
        case 'class': {
          const list = this.byClass.get(alt.test);
          if (list) list.push(id);
          else this.byClass.set(alt.test, [id]);
          break;
        }
      }
    }
  }

  /**
   * The patterns whose first slot matches `token`. A word's forms and classes follow from how it is written, so the
   * answer is remembered per spelling: function words and a customer's vocabulary recur in every message.
   */
  private openers(token: CueToken): readonly number[] {
    const key = token.cap ? `^${token.lower}` : token.lower;
    const known = this.openerCache.get(key);
    if (known) return known;
    const ids = new Set<number>();
    const collect = (list: number[] | undefined): void => {
      if (list) for (const id of list) ids.add(id);
    };
    collect(this.byFold.get(token.fold));
    collect(this.byGermanStem.get(token.de));
    collect(this.byEnglishStem.get(token.en));
    collect(this.byExact.get(token.lower));
    const hasStart = this.starts.has(token.fold.slice(0, minCompoundPart));
    if (hasStart) {
      for (const length of this.prefixLengths) {
        if (token.fold.length >= length) collect(this.byPrefix.get(token.fold.slice(0, length)));
      }
      for (const length of this.modifierLengths) {
        if (token.fold.length >= length + minCompoundPart) collect(this.byModifier.get(token.fold.slice(0, length)));
      }
    }
    const stem = token.de;
    if (stem.length >= 2 * minCompoundPart && this.ends.has(stem.slice(-minCompoundPart))) {
      const from = Math.max(minCompoundPart, stem.length - this.headLength);
      for (let cut = from; cut <= stem.length - minCompoundPart; cut++) collect(this.byHead.get(stem.slice(cut)));
    }
    for (const [test, list] of this.byClass) if (test(token)) collect(list);
    const openers = [...ids].filter((id) => {
      const pattern = this.patterns[id]!;
      return matchesSlot(token, pattern.slots[0]!, pattern.language);
    });
    if (this.openerCache.size >= maxCachedOpeners) this.openerCache.clear();
    this.openerCache.set(key, openers);
    return openers;
  }

  /** Every match in `cue`, in text order; overlapping matches of different patterns are all reported. */
  match(cue: CueText): TokenMatch<T>[] {
    const { tokens } = cue;
    const matches: TokenMatch<T>[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.masked) continue;
      for (const id of this.openers(token)) {
        const pattern = this.patterns[id]!;
        const placed = matchFrom(tokens, pattern, 0, i, token.sentence, {
          first: i,
          last: i,
          focusFirst: -1,
          focusLast: -1,
          negatedInside: false,
        });
        if (placed) matches.push({ pattern, ...placed });
      }
    }
    return matches;
  }
}

/** A span of text found for a kind of cue. */
export interface KindSpan<K extends string> {
  kind: K;
  start: number;
  end: number;
}

/**
 * Collects spans per kind: of overlapping spans of one kind the longest stands ("PayPal-Käuferschutz" over
 * "Käuferschutz"), and at most `limit` per kind are kept, the earliest, so a pasted wall of text costs no more than
 * a message.
 */
export class SpanCollector<K extends string> {
  private readonly byKind = new Map<K, KindSpan<K>[]>();

  constructor(private readonly limit: number) {}

  add(kind: K, start: number, end: number): void {
    let list = this.byKind.get(kind);
    if (!list) {
      list = [];
      this.byKind.set(kind, list);
    }
    for (let k = 0; k < list.length; k++) {
      const other = list[k]!;
      if (other.end <= start || end <= other.start) continue;
      if (end - start > other.end - other.start) list[k] = { kind, start, end };
      return;
    }
    let at = list.length;
    while (at > 0 && list[at - 1]!.start > start) at--;
    if (at >= this.limit) return;
    list.splice(at, 0, { kind, start, end });
    if (list.length > this.limit) list.pop();
  }

  /** Every kept span, in text order. */
  spans(): KindSpan<K>[] {
    const all: KindSpan<K>[] = [];
    for (const list of this.byKind.values()) all.push(...list);
    return all.sort((a, b) => a.start - b.start);
  }
}
