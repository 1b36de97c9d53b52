// Stemmer choice (issue 18): @orama/stemmers. Apache-2.0, maintained (Orama ships it with its search engine), one
// ES module per language with `sideEffects: false`, so the bundle carries only German (Snowball, ~6 kB) and English
// (Porter, the algorithm Snowball's English descends from, ~2 kB) and no Node built-ins. Passed over:
// snowball-stemmers (every language in one 860 kB UMD file, not tree-shakeable, unmaintained), @nlpjs/lang-de and
// -en (two packages plus @nlpjs/core, tokenizers and sentiment data we do not use), natural (Node-only, database
// drivers as dependencies), stemmer (English only).
import { stemmer as stemEnglishWord } from '@orama/stemmers/english';
import { stemmer as stemGermanWord } from '@orama/stemmers/german';

/**
 * One word of a text as the cue engine reads it: where it is, its normalised forms and stems, and the clause and
 * sentence it belongs to. Offsets index the analysed text.
 */
export interface CueToken {
  start: number;
  end: number;
  /** Lower case with typographic apostrophes as `'`. */
  lower: string;
  /**
   * `lower` folded for German: umlauts and ß folded (ä → a, ß → ss), the typed-out spellings ae/oe/ue read as
   * umlauts, hyphens dropped ("x-ten" → "xten").
   */
  fold: string;
  /** Snowball German stem (umlaut-free). Function words and short words are their own stem. */
  de: string;
  /** Porter English stem. */
  en: string;
  /** Written with a capital first letter. */
  cap: boolean;
  /** Digits only. */
  num: boolean;
  /** Joined to the previous word by a hyphen ("PayPal-Konflikt"). */
  joined: boolean;
  sentence: number;
  clause: number;
  /** Part of an address, a company name, a signature or quoted text: never a cue. */
  masked: boolean;
}

// Words that are never stemmed: stems of function words only add false matches ("was" → "wa") and cost time.
const functionWords = new Set(
  (
    'der die das den dem des ein eine einen einem einer eines und oder aber doch ich du er sie es wir ihr mich dich ' +
    'mir dir uns euch ihnen ihm ihn sich mein meine meinen meinem meiner dein deine euer eure unser unsere ist bin ' +
    'bist sind seid war waren hat habe hast haben habt hatte hatten wird werde wirst werden will wollen kann können ' +
    'muss müssen soll sollte möchte mit von zu zum zur bei nach vor für auf aus an am im in um bis seit über unter ' +
    'nicht kein keine keinen nie noch schon auch so wie was wer wo wann warum dass wenn falls dann sonst als ob weil ' +
    'the a an and or but i you he she it we they me him her us them my your our their this that these those is am ' +
    'are was were be been being have has had do does did will would can could should shall must may might to of in ' +
    'on at by for from with about as into than then if not no never again still yet so just very'
  ).split(' '),
);

const maxCachedStems = 20_000;
const maxStemmedLength = 40;
const germanStems = new Map<string, string>();
const englishStems = new Map<string, string>();

function cachedStem(cache: Map<string, string>, word: string, stem: (word: string) => string): string {
  const known = cache.get(word);
  if (known !== undefined) return known;
  // A plain clear keeps the cache bounded without bookkeeping; customer vocabulary refills it within a few messages.
  if (cache.size >= maxCachedStems) cache.clear();
  const result = stem(word);
  cache.set(word, result);
  return result;
}

const typedUmlaut = /(^|[bcdfghjklmnprstvwxz])([aou])e/g;
const umlautOf: Record<string, string> = { a: 'ä', o: 'ö', u: 'ü' };

/** German spelling of a lower-case word: "kuendigen" → "kündigen" (only where no real umlaut is written). */
function germanSpelling(lower: string): string {
  if (lower.length < 5 || /[äöüß]/.test(lower) || !/[aou]e/.test(lower)) return lower;
  return lower.replace(typedUmlaut, (_m, before: string, vowel: string) => before + (umlautOf[vowel] ?? vowel));
}

function foldUmlauts(word: string): string {
  if (!/[äöüß-]/.test(word)) return word;
  return word.replace(/ä/g, 'a').replace(/ö/g, 'o').replace(/ü/g, 'u').replace(/ß/g, 'ss').replace(/-/g, '');
}

interface WordForms {
  fold: string;
  de: string;
  en: string;
}

const knownWords = new Map<string, WordForms>();

/** The normalised forms of one word (lower case), as `CueToken` carries them. */
export function normaliseWord(lower: string): WordForms {
  const known = knownWords.get(lower);
  if (known !== undefined) return known;
  if (knownWords.size >= maxCachedStems) knownWords.clear();
  const forms = readWord(lower);
  knownWords.set(lower, forms);
  return forms;
}

function readWord(lower: string): WordForms {
  const german = germanSpelling(lower);
  const fold = foldUmlauts(german);
  // Longer "words" are pasted codes or junk; the stemmers' suffix rules are quadratic on them.
  if (lower.length <= 3 || lower.length > maxStemmedLength || functionWords.has(lower) || /[\d']/.test(lower)) {
    // Possessives stem as their noun ("lawyer's" → "lawyer"); other apostrophe words are contractions ("i'll").
    const possessive = /^(\p{L}{3,})'s?$/u.exec(lower);
    const en = possessive?.[1] ? cachedStem(englishStems, possessive[1], stemEnglishWord) : fold;
    return { fold, de: fold, en };
  }
  const de = cachedStem(germanStems, german, stemGermanWord);
  // The English stemmer only knows ASCII letters; a word with umlauts is German.
  const en = /^[a-z-]+$/.test(lower) ? cachedStem(englishStems, lower, stemEnglishWord) : fold;
  return { fold, de, en };
}

// A word: letters and digits with inner apostrophes ("don't", "Lawyer's"); a one- or two-character or numeric part
// joined by a hyphen stays with it ("E-Mail", "x-ten", "1-star"), longer parts are words of their own.
const wordPattern = /(?:[\p{L}\p{N}]{1,2}-(?=[\p{L}\p{N}]))?[\p{L}\p{N}]+(?:['’]\p{L}+)*(?:-\d+(?![\p{L}\p{N}]))?/gu;
const upperFirst = /^\p{Lu}/u;
const digitsOnly = /^\d+$/;

/** Splits text into cue tokens (sentence, clause and mask are filled in by the context analysis). */
export function tokenizeCueWords(text: string): CueToken[] {
  const tokens: CueToken[] = [];
  let previousEnd = -1;
  for (const match of text.matchAll(wordPattern)) {
    const word = match[0];
    const start = match.index;
    const lower = word.toLowerCase().replace(/’/g, "'");
    const { fold, de, en } = normaliseWord(lower);
    tokens.push({
      start,
      end: start + word.length,
      lower,
      fold,
      de,
      en,
      cap: upperFirst.test(word),
      num: digitsOnly.test(word),
      joined: previousEnd === start - 1 && text.charCodeAt(start - 1) === 0x2d /* - */,
      sentence: 0,
      clause: 0,
      masked: false,
    });
    previousEnd = start + word.length;
  }
  return tokens;
}
