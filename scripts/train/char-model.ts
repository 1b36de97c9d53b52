/**
 * The character n-gram path: a regularised logistic regression over the character n-grams of a text's tokens. German
 * compounds, inflections and creative spellings ("Vollpfosten", "Saftladen", "scheiß") share n-grams with words the
 * training data does show, where whole-word features see nothing. Because every n-gram sits inside one token, the
 * model collapses to a per-token table after training: a token's score is the sum of its n-grams' weights, and the
 * graph only gathers rows, like the wide path (see CharPathWeights).
 */

import { hashString } from './data';
import { type CharPathWeights, quantizeRows } from './onnx';
import { Adam, softmaxDeltas } from './optimise';

export interface CharNgrams {
  /** Per vocabulary token, the n-gram buckets it contains (with repeats); empty for special tokens. */
  perToken: Int32Array[];
  /** Per vocabulary token, how many n-grams it has (the normaliser counts n-grams, not tokens). */
  counts: Float32Array;
  buckets: number;
}

export interface CharNgramOptions {
  minN: number;
  maxN: number;
  buckets: number;
}

/**
 * The character n-grams of every vocabulary token. A whole-word token is read as `<word>` (it may also start a longer
 * word, which its end marker then misreads: a small price for a table per token); a `##` continuation piece has no
 * markers, since it neither starts a word nor necessarily ends one.
 */
export function buildCharNgrams(vocab: readonly string[], opts: CharNgramOptions): CharNgrams {
  const perToken: Int32Array[] = [];
  const counts = new Float32Array(vocab.length);
  vocab.forEach((token, i) => {
    if (/^\[[A-Z]+\]$/.test(token)) {
      perToken.push(new Int32Array(0));
      return;
    }
    const chars = token.startsWith('##') ? [...token.slice(2)] : ['<', ...token, '>'];
    const grams: number[] = [];
    for (let n = opts.minN; n <= opts.maxN; n++) {
      for (let s = 0; s + n <= chars.length; s++) grams.push(hashString(chars.slice(s, s + n).join('')) % opts.buckets);
    }
    perToken.push(Int32Array.from(grams));
    counts[i] = grams.length;
  });
  return { perToken, counts, buckets: opts.buckets };
}

export interface CharExample {
  /** Token ids of the text as the tokenizer gives them (special tokens included; they carry no n-grams). */
  ids: readonly number[];
  target: number;
  weight: number;
}

export interface CharTrainOptions {
  classes: number;
  /** L2 penalty on the n-gram weights, relative to the weighted mean loss. */
  l2: number;
  iterations: number;
  lr: number;
}

/** A trained path in token space: `table` is vocab × classes (sum of each token's n-gram weights). */
export interface CharFloat {
  table: Float32Array;
  counts: Float32Array;
  bias: Float32Array;
}

/** Scores of one text under a token table (the training-time and reference forward pass). */
export function charScores(model: CharFloat, classes: number, ids: readonly number[], out = new Float64Array(classes)) {
  let count = 0;
  for (const id of ids) count += model.counts[id] as number;
  const inv = 1 / Math.sqrt(Math.max(1, count));
  for (let c = 0; c < classes; c++) {
    let s = 0;
    for (const id of ids) s += model.table[id * classes + c] as number;
    out[c] = s * inv + (model.bias[c] as number);
  }
  return out;
}

function tokenTable(ngrams: CharNgrams, weights: Float64Array, classes: number, table: Float32Array): void {
  ngrams.perToken.forEach((grams, t) => {
    for (let c = 0; c < classes; c++) {
      let s = 0;
      for (const g of grams) s += weights[g * classes + c] as number;
      table[t * classes + c] = s;
    }
  });
}

/**
 * Trains the n-gram weights with full-batch Adam; deterministic (fixed order, no sampling). The gradient is taken in
 * token space first (one accumulator per vocabulary token) and spread to the n-grams once per iteration, so an
 * iteration costs one pass over the tokens of the data plus one over the vocabulary.
 */
export function trainChar(
  ngrams: CharNgrams,
  examples: readonly CharExample[],
  opts: CharTrainOptions,
  log: (line: string) => void,
): CharFloat {
  const k = opts.classes;
  const vocabSize = ngrams.perToken.length;
  const weights = new Float64Array(ngrams.buckets * k);
  const bias = new Float64Array(k);
  const table = new Float32Array(vocabSize * k);
  const gTable = new Float64Array(vocabSize * k);
  const gW = new Float64Array(weights.length);
  const gB = new Float64Array(k);
  const optimiseW = new Adam(weights.length, opts.lr, opts.l2);
  const optimiseB = new Adam(k, opts.lr, opts.l2);
  const totalWeight = examples.reduce((s, e) => s + e.weight, 0);
  const invNorm = examples.map((e) => {
    let count = 0;
    for (const id of e.ids) count += ngrams.counts[id] as number;
    return 1 / Math.sqrt(Math.max(1, count));
  });
  const scores = new Float64Array(k);
  const deltas = new Float64Array(k);
  for (let it = 1; it <= opts.iterations; it++) {
    tokenTable(ngrams, weights, k, table);
    gTable.fill(0);
    gB.fill(0);
    let loss = 0;
    examples.forEach((ex, e) => {
      const inv = invNorm[e] as number;
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (const id of ex.ids) s += table[id * k + c] as number;
        scores[c] = s * inv + (bias[c] as number);
      }
      loss += softmaxDeltas(scores, ex.target, ex.weight / totalWeight, deltas);
      for (let c = 0; c < k; c++) {
        const d = deltas[c] as number;
        gB[c] = (gB[c] as number) + d;
        for (const id of ex.ids) gTable[id * k + c] = (gTable[id * k + c] as number) + d * inv;
      }
    });
    gW.fill(0);
    ngrams.perToken.forEach((grams, t) => {
      for (const g of grams) {
        for (let c = 0; c < k; c++) gW[g * k + c] = (gW[g * k + c] as number) + (gTable[t * k + c] as number);
      }
    });
    const penalty = optimiseW.step(weights, gW, it);
    optimiseB.step(bias, gB, it, false);
    if (it === 1 || it % 50 === 0 || it === opts.iterations)
      log(`  char iteration ${it}/${opts.iterations}: loss ${(loss + penalty).toFixed(4)}`);
  }
  tokenTable(ngrams, weights, k, table);
  return { table, counts: ngrams.counts.slice(), bias: Float32Array.from(bias) };
}

/** Quantises the token table to int8, one scale per token; `offset` and `mix` say which head it joins and how much. */
export function quantizeChar(
  model: CharFloat,
  classes: number,
  head: { offset: number; mix: number; germanGateSlope?: number },
): CharPathWeights {
  const { q: tableQ, scale: rowScale } = quantizeRows(model.table, model.counts.length, classes);
  return {
    tableQ,
    rowScale,
    counts: model.counts.slice(),
    bias: model.bias.slice(),
    classes,
    offset: head.offset,
    mix: head.mix,
    ...(head.germanGateSlope === undefined ? {} : { germanGateSlope: head.germanGateSlope }),
    shift: new Float32Array(classes),
  };
}
