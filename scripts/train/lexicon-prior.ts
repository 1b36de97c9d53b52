/**
 * A fixed lexicon prior for the mood model: per-token valence from VADER (English, MIT) and the NLP.js German
 * senticon (MIT), written into reserved embedding dimensions that training never updates. Mean pooling then turns
 * them into an average valence of the text that the sentiment head reads directly, so words the labelled data
 * rarely shows (tweets' vocabulary is wider than Reddit's or SB10k's) still carry their dictionary polarity.
 * AFINN is left out on purpose: its ODbL share-alike terms would attach to the shipped weights.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from './data';
import { englishHints, germanHints } from './lexicon-baseline';
import { lexiconColumns } from './onnx';

/** Number of reserved prior dimensions: 0 = English valence, 1 = German valence. */
export const priorDims = 2;

/** VADER single-word entries (lowercase letters only; emoticons cannot survive BERT pre-tokenisation), mean in [-1, 1]. */
export function readVader(dir = dataDir): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of readFileSync(join(dir, 'lexicons', 'vader_lexicon.txt'), 'utf8').split(/\r?\n/)) {
    const [word, mean] = line.split('\t');
    if (!word || mean === undefined || !/^[a-z]+$/.test(word)) continue;
    const v = Number(mean);
    if (Number.isFinite(v)) out.set(word, Math.max(-1, Math.min(1, v / 4)));
  }
  return out;
}

/** German senticon stems (umlauts folded, as NLP.js stores them), polarity in [-1, 1]. */
export function readSenticon(dir = dataDir): Map<string, number> {
  const raw: unknown = JSON.parse(readFileSync(join(dir, 'lexicons', 'nlpjs-senticon_de.json'), 'utf8'));
  const out = new Map<string, number>();
  if (typeof raw !== 'object' || raw === null) return out;
  for (const [k, v] of Object.entries(raw)) {
    // Near-zero stems are noise (most of the list sits at ±0.004); they would only dilute the average.
    if (typeof v === 'number' && Math.abs(v) >= 0.05) out.set(k.toLowerCase(), Math.max(-1, Math.min(1, v)));
  }
  return out;
}

function foldUmlauts(word: string): string {
  return word.replace(/ä/g, 'a').replace(/ö/g, 'o').replace(/ü/g, 'u').replace(/ß/g, 'ss');
}

/** The senticon polarity of a German word: its longest stem prefix (≥ 4 letters, at most 5 letters of ending). */
export function senticonValence(senticon: Map<string, number>, word: string): number | undefined {
  const folded = foldUmlauts(word);
  for (let n = folded.length; n >= 4 && folded.length - n <= 5; n--) {
    const v = senticon.get(folded.slice(0, n));
    if (v !== undefined) return v;
  }
  return undefined;
}

/**
 * A whole-word token's dictionary valence, both in −1…1 (0 where a lexicon lacks it): English from VADER, German
 * from the senticon stem of words of four or more letters. Pieces and special tokens are the caller's to skip.
 */
function wordValence(
  token: string,
  vader: Map<string, number>,
  senticon: Map<string, number>,
): { en: number; de: number } {
  const de = /^\p{L}{4,}$/u.test(token) ? senticonValence(senticon, token) : undefined;
  return { en: vader.get(token) ?? 0, de: de ?? 0 };
}

/**
 * Prior values for every embedding row (`rows × priorDims`, row-major): vocabulary tokens get their valence times
 * `scale`; continuation pieces, special tokens and hashed bigram rows get 0.
 */
export function buildLexiconPrior(vocab: readonly string[], rows: number, scale: number, dir = dataDir): Float32Array {
  const vader = readVader(dir);
  const senticon = readSenticon(dir);
  const prior = new Float32Array(rows * priorDims);
  vocab.forEach((token, i) => {
    if (token.startsWith('##') || token.startsWith('[')) return;
    const { en, de } = wordValence(token, vader, senticon);
    prior[i * priorDims] = en * scale;
    prior[i * priorDims + 1] = de * scale;
  });
  return prior;
}

/**
 * Negators for the lexicon path. Contractions reach it in pieces ("didn't" → didn ' t), so the bare `t` counts, as
 * do the apostrophe-less spellings tweets use ("dont", "cant").
 */
const negators = [
  ...'not no never nothing nobody none neither nor without hardly t dont cant wont isnt wasnt arent didnt doesnt couldnt wouldnt shouldnt aint'.split(
    ' ',
  ),
  ...'nicht kein keine keinen keinem keiner keines nie niemals nichts ohne weder'.split(' '),
];

/**
 * The lexicon path's table (`vocab.length × lexiconColumns`): English VADER valence, German senticon polarity (both
 * in −1…1) and a negator flag, for whole-word vocabulary tokens. Pieces and special tokens get zeros.
 */
export function buildLexiconTable(vocab: readonly string[], dir = dataDir): Float32Array {
  const vader = readVader(dir);
  const senticon = readSenticon(dir);
  const negatorSet = new Set(negators);
  const table = new Float32Array(vocab.length * lexiconColumns);
  vocab.forEach((token, i) => {
    if (token.startsWith('[')) return;
    if (token.startsWith('##')) {
      // Umlauts in a word piece still say German.
      if (/[äöüß]/.test(token)) table[i * lexiconColumns + 3] = 1;
      return;
    }
    // Whole words of two or more characters (letters first) feed the wide model; single letters, digits and
    // punctuation only dilute its √n normalisation.
    if (/^\p{L}[\p{L}\p{N}]+$/u.test(token)) table[i * lexiconColumns + 4] = 1;
    const { en, de } = wordValence(token, vader, senticon);
    table[i * lexiconColumns] = en;
    table[i * lexiconColumns + 1] = de;
    if (germanHints.has(token) || /[äöüß]/.test(token)) table[i * lexiconColumns + 3] = 1;
    else if (englishHints.has(token)) table[i * lexiconColumns + 3] = -1;
    if (negatorSet.has(token)) {
      table[i * lexiconColumns] = 0;
      table[i * lexiconColumns + 1] = 0;
      table[i * lexiconColumns + 2] = 1;
    }
  });
  return table;
}
