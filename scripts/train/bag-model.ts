/**
 * The trainer side of the bag-of-embeddings classifier (fastText-style): features, forward pass, SGD training with
 * several heads on one shared embedding, int8 quantisation. `forwardQuantized` is the reference the exported ONNX
 * graph must reproduce.
 */
import {
  type BagFeatureSpec,
  type BagModelWeights,
  type CharPathWeights,
  charStages,
  type LexiconPathWeights,
  lexiconColumns,
  lexiconFeatureCount,
  negationWindow,
  quantizeRows,
  type WidePathWeights,
} from './onnx';

/** Seeded PRNG (mulberry32): training must give the same bytes on every run. */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffleInPlace<T>(items: T[], rng: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = items[i] as T;
    items[i] = items[j] as T;
    items[j] = tmp;
  }
}

/** Unigram ids followed by hashed bigram rows, exactly as the ONNX graph computes them (no padding here). */
export function bagFeatures(ids: readonly number[], spec: BagFeatureSpec): Int32Array {
  const n = ids.length;
  const out = new Int32Array(n + Math.max(0, n - 1));
  for (let i = 0; i < n; i++) out[i] = ids[i] as number;
  for (let i = 0; i + 1 < n; i++) {
    const pair = (ids[i] as number) * spec.prime + (ids[i + 1] as number);
    out[n + i] = spec.vocabSize + (pair % spec.buckets);
  }
  return out;
}

/**
 * The lexicon path's features for one text, exactly as the graph computes them (see LexiconPathWeights): total,
 * positive and negative valence mass for English then German, each tanh(sum / saturation).
 */
export function lexiconFeatures(ids: readonly number[], lexicon: LexiconPathWeights): Float32Array {
  const sums = new Float64Array(lexiconFeatureCount);
  const half = lexiconFeatureCount / 3;
  ids.forEach((id, t) => {
    let negated = false;
    for (let k = 1; k <= negationWindow && t - k >= 0; k++) {
      if ((lexicon.table[(ids[t - k] as number) * lexiconColumns + 2] as number) > 0) negated = true;
    }
    const factor = negated ? lexicon.negatedFactor : 1;
    for (let lang = 0; lang < half; lang++) {
      const v = (lexicon.table[id * lexiconColumns + lang] as number) * factor;
      sums[lang] = (sums[lang] as number) + v;
      if (v > 0) sums[half + lang] = (sums[half + lang] as number) + v;
      else sums[2 * half + lang] = (sums[2 * half + lang] as number) + v;
    }
  });
  return Float32Array.from(sums, (s) => Math.tanh(s / lexicon.saturation));
}

export type HeadKind = 'softmax' | 'sigmoid';

export interface Head {
  name: string;
  kind: HeadKind;
  /** First output column of this head in `logits`. */
  offset: number;
  /** With `skip`, whether this head also reads the pooled embedding (default true); false keeps those weights 0. */
  readsPooled?: boolean;
  /** Whether this head reads the lexicon path's features (TrainOptions.lexicon); false keeps those weights 0. */
  readsLexicon?: boolean;
  labels: readonly string[];
}

export interface Example {
  features: Int32Array;
  head: number;
  /** softmax: the class index; sigmoid: 0/1 per label, NaN where the source does not annotate that label. */
  target: number | Float32Array;
  /** Loss weight (class balancing, source weighting). */
  weight: number;
  /** The lexicon path's features of this text (lexiconFeatures), when the model has that path. */
  lexicon?: Float32Array;
}

export interface TrainOptions {
  dim: number;
  hidden: number;
  /**
   * Split the hidden layer into one equal block per head: each head reads only its own block, so tasks share the
   * embedding but not the hidden units (one shared block made emotion and offensive worse). The exported graph is
   * unchanged: the head weights outside a block stay exactly zero.
   */
  hiddenPerHead?: boolean;
  /** Heads read the pooled embedding too (next to the hidden units): a linear path plus a non-linear one. */
  skip?: boolean;
  rows: number;
  /**
   * A fixed prior in the first `dims` embedding dimensions (`values` is rows × dims): those dimensions start from
   * the prior and are never updated, and head `head` reads them from the pooled vector even when it does not read
   * the rest of it. Needs `hidden > 0` and `skip`.
   */
  prior?: { values: Float32Array; dims: number; head: number };
  /** A fixed summed-lexicon path whose features are appended to the head input (see LexiconPathWeights). */
  lexicon?: LexiconPathWeights;
  epochs: number;
  lr: number;
  /**
   * Fraction of the first epoch over which the learning rate ramps up linearly from 0 (0: none). Plain SGD at the
   * full rate from the first step diverges for some seeds and data mixes (a first-epoch loss near 2 instead of 1.3).
   */
  warmup?: number;
  /**
   * Stop with a DivergedError when training derails: a tenth of an epoch whose mean loss is 20 % above the lowest
   * earlier tenth of that epoch, or an epoch whose mean loss is above the previous one's. Healthy runs fall
   * steadily; derailed ones climb to twice their loss within a tenth or two.
   */
  stopOnDivergence?: boolean;
  seed: number;
}

/** Thrown by BagModel.train (with stopOnDivergence) when the loss climbs instead of falling. */
export class DivergedError extends Error {
  constructor(
    readonly epoch: number,
    readonly loss: number,
  ) {
    super(`training diverged in epoch ${epoch} (mean loss ${loss.toFixed(3)})`);
  }
}

/** A float model under training. */
export class BagModel {
  readonly emb: Float32Array;
  readonly hidW: Float32Array;
  readonly hidB: Float32Array;
  readonly outW: Float32Array;
  readonly outB: Float32Array;
  readonly outputs: number;
  private readonly pooled: Float32Array;
  private readonly hid: Float32Array;
  private readonly logits: Float32Array;
  private readonly gradOut: Float32Array;
  private readonly headIn: Float32Array;
  private readonly gradHeadIn: Float32Array;
  private readonly gradPooled: Float32Array;
  private readonly inSize: number;
  /** Head-input width before the lexicon features. */
  private readonly baseIn: number;

  constructor(
    readonly opts: TrainOptions,
    readonly heads: readonly Head[],
  ) {
    const rng = createRng(opts.seed);
    const last = heads[heads.length - 1];
    this.outputs = last ? last.offset + last.labels.length : 0;
    const { dim, hidden, rows } = opts;
    this.emb = new Float32Array(rows * dim);
    for (let i = 0; i < this.emb.length; i++) this.emb[i] = (rng() * 2 - 1) / dim;
    const prior = opts.prior;
    if (prior) {
      for (let r = 0; r < rows; r++)
        for (let d = 0; d < prior.dims; d++) this.emb[r * dim + d] = prior.values[r * prior.dims + d] ?? 0;
    }
    this.hidW = new Float32Array(dim * hidden);
    for (let i = 0; i < this.hidW.length; i++) this.hidW[i] = (rng() * 2 - 1) * Math.sqrt(3 / dim);
    this.hidB = new Float32Array(hidden);
    this.baseIn = hidden > 0 ? hidden + (opts.skip ? dim : 0) : dim;
    this.inSize = this.baseIn + (opts.lexicon ? lexiconFeatureCount : 0);
    this.outW = new Float32Array(this.inSize * this.outputs);
    this.outB = new Float32Array(this.outputs);
    this.pooled = new Float32Array(dim);
    this.hid = new Float32Array(hidden);
    this.logits = new Float32Array(this.outputs);
    this.gradOut = new Float32Array(this.outputs);
    this.headIn = new Float32Array(this.inSize);
    this.gradHeadIn = new Float32Array(this.inSize);
    this.gradPooled = new Float32Array(dim);
  }

  /** Forward pass; returns a view that the next call overwrites. */
  forward(features: Int32Array, lexicon?: Float32Array): Float32Array {
    const { dim, hidden } = this.opts;
    this.pooled.fill(0);
    const n = features.length;
    for (let f = 0; f < n; f++) {
      const base = (features[f] as number) * dim;
      for (let d = 0; d < dim; d++) this.pooled[d] = (this.pooled[d] as number) + (this.emb[base + d] as number);
    }
    const inv = 1 / Math.max(1, n);
    for (let d = 0; d < dim; d++) this.pooled[d] = (this.pooled[d] as number) * inv;
    if (hidden > 0) {
      for (let h = 0; h < hidden; h++) {
        let s = this.hidB[h] as number;
        for (let d = 0; d < dim; d++) s += (this.pooled[d] as number) * (this.hidW[d * hidden + h] as number);
        this.hid[h] = Math.tanh(s);
      }
      this.headIn.set(this.hid, 0);
      if (this.opts.skip) this.headIn.set(this.pooled, hidden);
    } else {
      this.headIn.set(this.pooled, 0);
    }
    if (this.opts.lexicon) {
      if (!lexicon) throw new Error('this model has a lexicon path: every example needs its lexicon features');
      this.headIn.set(lexicon, this.baseIn);
    }
    const k = this.outputs;
    const input = this.headIn;
    for (let o = 0; o < k; o++) {
      let s = this.outB[o] as number;
      for (let i = 0; i < this.inSize; i++) s += (input[i] as number) * (this.outW[i * k + o] as number);
      this.logits[o] = s;
    }
    return this.logits;
  }

  /** The range of head inputs (hidden units, or pooled dims without a hidden layer) head `index` reads. */
  private blockOf(index: number): [number, number] {
    const { dim, hidden, hiddenPerHead } = this.opts;
    if (hidden <= 0) return [0, dim];
    if (!hiddenPerHead) return [0, hidden];
    const size = Math.floor(hidden / this.heads.length);
    return [index * size, (index + 1) * size];
  }

  /** One SGD step on one example; returns its loss. */
  step(ex: Example, lr: number): number {
    const { dim, hidden } = this.opts;
    const head = this.heads[ex.head];
    if (!head) throw new Error(`unknown head ${ex.head}`);
    const logits = this.forward(ex.features, ex.lexicon);
    const k = this.outputs;
    this.gradOut.fill(0);
    let loss = 0;
    const size = head.labels.length;
    if (head.kind === 'softmax') {
      let max = -Infinity;
      for (let j = 0; j < size; j++) max = Math.max(max, logits[head.offset + j] as number);
      let z = 0;
      for (let j = 0; j < size; j++) z += Math.exp((logits[head.offset + j] as number) - max);
      for (let j = 0; j < size; j++) {
        const p = Math.exp((logits[head.offset + j] as number) - max) / z;
        const y = j === ex.target ? 1 : 0;
        this.gradOut[head.offset + j] = (p - y) * ex.weight;
        if (y) loss -= Math.log(Math.max(p, 1e-12)) * ex.weight;
      }
    } else {
      const target = ex.target as Float32Array;
      for (let j = 0; j < size; j++) {
        const y = target[j] as number;
        if (Number.isNaN(y)) continue;
        const p = 1 / (1 + Math.exp(-(logits[head.offset + j] as number)));
        this.gradOut[head.offset + j] = (p - y) * ex.weight;
        loss -= (y ? Math.log(Math.max(p, 1e-12)) : Math.log(Math.max(1 - p, 1e-12))) * ex.weight;
      }
    }
    const input = this.headIn;
    const [lo, hi] = this.blockOf(ex.head);
    const ranges: [number, number][] = [[lo, hi]];
    const prior = this.opts.prior;
    if (hidden > 0 && this.opts.skip && head.readsPooled !== false) ranges.push([hidden, hidden + dim]);
    else if (hidden > 0 && this.opts.skip && prior && prior.head === ex.head)
      ranges.push([hidden, hidden + prior.dims]);
    if (this.opts.lexicon && head.readsLexicon) ranges.push([this.baseIn, this.inSize]);
    // Gradient wrt the head input, then update the head (only this head's columns are non-zero).
    const gradIn = this.gradHeadIn;
    gradIn.fill(0);
    for (const [from, to] of ranges) {
      for (let i = from; i < to; i++) {
        let g = 0;
        const xi = input[i] as number;
        for (let j = 0; j < size; j++) {
          const o = head.offset + j;
          const go = this.gradOut[o] as number;
          if (go === 0) continue;
          g += go * (this.outW[i * k + o] as number);
          this.outW[i * k + o] = (this.outW[i * k + o] as number) - lr * go * xi;
        }
        gradIn[i] = g;
      }
    }
    for (let j = 0; j < size; j++)
      this.outB[head.offset + j] =
        (this.outB[head.offset + j] as number) - lr * (this.gradOut[head.offset + j] as number);
    this.gradPooled.fill(0);
    if (hidden <= 0) {
      this.gradPooled.set(gradIn.subarray(0, dim));
    } else {
      if (this.opts.skip) this.gradPooled.set(gradIn.subarray(hidden, hidden + dim));
      for (let h = lo; h < hi; h++) {
        const hv = this.hid[h] as number;
        const gPre = (gradIn[h] as number) * (1 - hv * hv);
        if (gPre === 0) continue;
        for (let d = 0; d < dim; d++) {
          this.gradPooled[d] = (this.gradPooled[d] as number) + gPre * (this.hidW[d * hidden + h] as number);
          this.hidW[d * hidden + h] = (this.hidW[d * hidden + h] as number) - lr * gPre * (this.pooled[d] as number);
        }
        this.hidB[h] = (this.hidB[h] as number) - lr * gPre;
      }
    }
    const n = ex.features.length;
    const scale = lr / Math.max(1, n);
    const fixed = prior ? prior.dims : 0;
    for (let f = 0; f < n; f++) {
      const base = (ex.features[f] as number) * dim;
      for (let d = fixed; d < dim; d++)
        this.emb[base + d] = (this.emb[base + d] as number) - scale * (this.gradPooled[d] as number);
    }
    return loss;
  }

  /**
   * Trains for `opts.epochs` with a linearly decaying learning rate (after the optional warm-up), shuffling with the
   * seeded PRNG. Returns each epoch's mean loss.
   */
  train(examples: Example[], log: (line: string) => void): number[] {
    const rng = createRng(this.opts.seed + 1);
    const order = examples.slice();
    const total = this.opts.epochs * order.length;
    const warmupSteps = Math.round((this.opts.warmup ?? 0) * order.length);
    let seen = 0;
    const losses: number[] = [];
    for (let epoch = 0; epoch < this.opts.epochs; epoch++) {
      shuffleInPlace(order, rng);
      let loss = 0;
      // Per head and per tenth of the epoch, so a run that derails shows where and when.
      const byHead = this.heads.map(() => ({ loss: 0, n: 0 }));
      const tenths: number[] = [];
      const tenthSize = Math.ceil(order.length / 10);
      let tenth = 0;
      order.forEach((ex, i) => {
        const ramp = seen < warmupSteps ? (seen + 1) / warmupSteps : 1;
        const lr = this.opts.lr * ramp * (1 - seen / total);
        const l = this.step(ex, lr);
        loss += l;
        tenth += l;
        const h = byHead[ex.head];
        if (h) {
          h.loss += l;
          h.n++;
        }
        seen++;
        if ((i + 1) % tenthSize === 0) {
          const mean = tenth / tenthSize;
          if (this.opts.stopOnDivergence && tenths.length && mean > 1.2 * Math.min(...tenths)) {
            log(
              `  epoch ${epoch + 1}: loss ${mean.toFixed(3)} in tenth ${tenths.length + 1} (by tenth ${tenths.map((t) => t.toFixed(2)).join(' ')})`,
            );
            throw new DivergedError(epoch + 1, mean);
          }
          tenths.push(mean);
          tenth = 0;
        }
      });
      const mean = loss / order.length;
      if (this.opts.stopOnDivergence && mean > (losses[losses.length - 1] ?? Number.POSITIVE_INFINITY)) {
        throw new DivergedError(epoch + 1, mean);
      }
      losses.push(mean);
      const heads = this.heads.map(
        (h, j) => `${h.name} ${((byHead[j]?.loss ?? 0) / Math.max(1, byHead[j]?.n ?? 0)).toFixed(3)}`,
      );
      log(
        `  epoch ${epoch + 1}/${this.opts.epochs}: mean loss ${mean.toFixed(4)} (${heads.join(', ')}; by tenth ${tenths.map((t) => t.toFixed(2)).join(' ')})`,
      );
    }
    return losses;
  }

  /** The float parameters (the trainer's experiment cache stores them). */
  parameters(): Record<'emb' | 'hidW' | 'hidB' | 'outW' | 'outB', Float32Array> {
    return { emb: this.emb, hidW: this.hidW, hidB: this.hidB, outW: this.outW, outB: this.outB };
  }

  /** Replaces the float parameters with stored ones of the same shapes. */
  load(p: Record<'emb' | 'hidW' | 'hidB' | 'outW' | 'outB', Float32Array>): void {
    for (const [mine, theirs] of [
      [this.emb, p.emb],
      [this.hidW, p.hidW],
      [this.hidB, p.hidB],
      [this.outW, p.outW],
      [this.outB, p.outB],
    ] as const) {
      if (mine.length !== theirs.length) throw new Error('stored parameters do not match the model shape');
      if (mine !== theirs) mine.set(theirs);
    }
  }

  /** Symmetric int8 quantisation, one scale per embedding row; the head stays float. */
  quantize(): BagModelWeights {
    const { dim, hidden, rows } = this.opts;
    const { q, scale } = quantizeRows(this.emb, rows, dim);
    return {
      embeddingQ: q,
      embeddingScale: scale,
      rows,
      dim,
      hidden:
        hidden > 0
          ? { weight: this.hidW.slice(), bias: this.hidB.slice(), size: hidden, skip: this.opts.skip === true }
          : undefined,
      outWeight: this.outW.slice(),
      outBias: this.outB.slice(),
      outputs: this.outputs,
      lexicon: this.opts.lexicon,
    };
  }
}

/**
 * The forward pass of quantised weights, in float64 like a careful reference; the ONNX graph must match it. `ids`
 * (the token ids the features came from) is needed when the model has a lexicon path.
 */
export function forwardQuantized(w: BagModelWeights, features: Int32Array, ids?: readonly number[]): Float64Array {
  const pooled = new Float64Array(w.dim);
  for (const f of features) {
    const s = w.embeddingScale[f] as number;
    for (let d = 0; d < w.dim; d++) pooled[d] = (pooled[d] as number) + (w.embeddingQ[f * w.dim + d] as number) * s;
  }
  const inv = 1 / Math.max(1, features.length);
  for (let d = 0; d < w.dim; d++) pooled[d] = (pooled[d] as number) * inv;
  let input: Float64Array = pooled;
  if (w.hidden) {
    const { weight, bias, size, skip } = w.hidden;
    input = new Float64Array(size + (skip ? w.dim : 0));
    for (let h = 0; h < size; h++) {
      let s = bias[h] as number;
      for (let d = 0; d < w.dim; d++) s += (pooled[d] as number) * (weight[d * size + h] as number);
      input[h] = Math.tanh(s);
    }
    if (skip) input.set(pooled, size);
  }
  let lexicon: Float32Array | undefined;
  if (w.lexicon) {
    if (!ids) throw new Error('forwardQuantized: a model with a lexicon path needs the token ids');
    lexicon = lexiconFeatures(ids, w.lexicon);
    const widened = new Float64Array(input.length + lexiconFeatureCount);
    widened.set(input, 0);
    widened.set(lexicon, input.length);
    input = widened;
  }
  const out = new Float64Array(w.outputs);
  for (let o = 0; o < w.outputs; o++) {
    let s = w.outBias[o] as number;
    for (let i = 0; i < input.length; i++) s += (input[i] as number) * (w.outWeight[i * w.outputs + o] as number);
    out[o] = s;
  }
  const { early, late } = charStages(w);
  const addChars = (chars: CharPathWeights[]) => {
    for (const char of chars) {
      if (!ids) throw new Error('forwardQuantized: a model with a character n-gram path needs the token ids');
      mixChar(out, char, ids, w.lexicon);
    }
  };
  addChars(early);
  if (w.wide && w.lexicon && lexicon && ids) mixWide(out, w.wide, w.lexicon, lexicon, ids, features);
  addChars(late);
  return out;
}

function logSoftmax(values: readonly number[]): number[] {
  const max = Math.max(...values);
  const z = values.reduce((s, v) => s + Math.exp(v - max), 0);
  return values.map((v) => v - max - Math.log(z));
}

/** The tokens the wide model reads: ids whose lexicon-table word flag (column 4) is set, in order. */
export function wideWords(ids: readonly number[], lexicon: LexiconPathWeights): Int32Array {
  return Int32Array.from(ids.filter((id) => (lexicon.table[id * lexiconColumns + 4] as number) > 0));
}

/**
 * The rows the wide model reads: the word tokens (wideWords), then, with `bigrams`, every hashed bigram row of the
 * bag features (`features` as bagFeatures returns them for `ids`: the ids first, the bigram rows after them).
 */
export function wideFeatures(
  ids: readonly number[],
  features: Int32Array,
  lexicon: LexiconPathWeights,
  bigrams: boolean,
): Int32Array {
  const words = wideWords(ids, lexicon);
  if (!bigrams) return words;
  const pairs = features.subarray(ids.length);
  const out = new Int32Array(words.length + pairs.length);
  out.set(words, 0);
  out.set(pairs, words.length);
  return out;
}

/** The language hint sum of a text (lexicon table column 3): > 0 German, < 0 English. */
export function languageHint(ids: readonly number[], lexicon: LexiconPathWeights): number {
  let h = 0;
  for (const id of ids) h += lexicon.table[id * lexiconColumns + 3] as number;
  return h;
}

/** How English a text looks to the wide path's gate: sigmoid(−slope · language hints), 0.5 without hints. */
export function englishGate(ids: readonly number[], lexicon: LexiconPathWeights, wide: WidePathWeights): number {
  return 1 / (1 + Math.exp(wide.gateSlope * languageHint(ids, lexicon)));
}

/** Replaces logits 0–2 with the language-gated mix of the network's and the wide model's sentiment. */
function mixWide(
  out: Float64Array,
  wide: WidePathWeights,
  lexicon: LexiconPathWeights,
  lexFeatures: Float32Array,
  ids: readonly number[],
  bagRows: Int32Array,
): void {
  const features = wideFeatures(ids, bagRows, lexicon, wide.bigrams);
  const inv = 1 / Math.sqrt(Math.max(1, features.length));
  const scores = [0, 1, 2].map((c) => {
    let s = 0;
    for (const f of features) s += (wide.weightQ[f * 3 + c] as number) * (wide.rowScale[f] as number);
    s *= inv;
    for (let j = 0; j < lexiconFeatureCount; j++)
      s += (lexFeatures[j] as number) * (wide.lexWeight[j * 3 + c] as number);
    return s + (wide.bias[c] as number);
  });
  const wideLs = logSoftmax(scores);
  const netLs = logSoftmax([out[0] as number, out[1] as number, out[2] as number]);
  const gate = englishGate(ids, lexicon, wide);
  const alpha = gate * wide.mix;
  for (let c = 0; c < 3; c++) {
    const de = wide.shiftDe[c] as number;
    const shift = de + gate * ((wide.shiftEn[c] as number) - de);
    out[c] = (netLs[c] as number) + alpha * ((wideLs[c] as number) - (netLs[c] as number)) + shift;
  }
}

/** The character n-gram path's raw scores for a text (quantised table, as the graph computes them). */
export function charPathScores(char: CharPathWeights, ids: readonly number[]): number[] {
  let count = 0;
  for (const id of ids) count += char.counts[id] as number;
  const inv = 1 / Math.sqrt(Math.max(1, count));
  return Array.from({ length: char.classes }, (_, c) => {
    let s = 0;
    for (const id of ids) s += (char.tableQ[id * char.classes + c] as number) * (char.rowScale[id] as number);
    return s * inv + (char.bias[c] as number);
  });
}

/** Replaces one head's logits with its mix of the network's and the character n-gram model's log-probabilities. */
function mixChar(out: Float64Array, char: CharPathWeights, ids: readonly number[], lexicon?: LexiconPathWeights): void {
  const charLs = logSoftmax(charPathScores(char, ids));
  const netLs = logSoftmax(Array.from(out.subarray(char.offset, char.offset + char.classes)));
  let mix = char.mix;
  if (char.germanGateSlope !== undefined) {
    if (!lexicon) throw new Error('a language-gated character path needs the lexicon path');
    mix *= 1 / (1 + Math.exp(-char.germanGateSlope * languageHint(ids, lexicon)));
  }
  for (let c = 0; c < char.classes; c++) {
    const net = netLs[c] as number;
    out[char.offset + c] = net + mix * ((charLs[c] as number) - net) + (char.shift[c] as number);
  }
}
