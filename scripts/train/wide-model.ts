/**
 * The "wide" half of the sentiment head: a regularised logistic regression over the same sparse features as the
 * bag model (unigram and hashed bigram rows, scaled by 1/√n) plus the lexicon path's features, trained to
 * convergence with full-batch Adam. A linear model like this transfers to unseen registers (tweets) better than the
 * small network, which in turn is better on German; the graph mixes the two by language (see WidePathWeights).
 */

import { lexiconFeatureCount, quantizeRows, type WidePathWeights } from './onnx';
import { Adam, softmaxDeltas } from './optimise';

export interface WideExample {
  features: Int32Array;
  lexicon: Float32Array;
  /** Class index (0 negative, 1 neutral, 2 positive). */
  target: number;
  weight: number;
}

export interface WideOptions {
  rows: number;
  classes: number;
  /** L2 penalty on every weight (not the bias), relative to the weighted mean loss. */
  l2: number;
  iterations: number;
  lr: number;
}

export interface WideFloat {
  weight: Float32Array;
  lexWeight: Float32Array;
  bias: Float32Array;
}

/** Raw scores of one example under float weights (the training-time forward pass). */
export function wideScores(
  w: WideFloat,
  classes: number,
  features: Int32Array,
  lexicon: Float32Array,
  out = new Float64Array(classes),
): Float64Array {
  const inv = 1 / Math.sqrt(Math.max(1, features.length));
  for (let c = 0; c < classes; c++) out[c] = w.bias[c] as number;
  for (const f of features) {
    for (let c = 0; c < classes; c++) out[c] = (out[c] as number) + (w.weight[f * classes + c] as number) * inv;
  }
  for (let j = 0; j < lexiconFeatureCount; j++) {
    const x = lexicon[j] as number;
    for (let c = 0; c < classes; c++) out[c] = (out[c] as number) + x * (w.lexWeight[j * classes + c] as number);
  }
  return out;
}

/** Trains the wide model; deterministic (fixed iteration order, no sampling). */
export function trainWide(examples: readonly WideExample[], opts: WideOptions, log: (line: string) => void): WideFloat {
  const k = opts.classes;
  const params: WideFloat = {
    weight: new Float32Array(opts.rows * k),
    lexWeight: new Float32Array(lexiconFeatureCount * k),
    bias: new Float32Array(k),
  };
  const groups = [params.weight, params.lexWeight, params.bias];
  const grads = groups.map((g) => new Float64Array(g.length));
  const optimisers = groups.map((g) => new Adam(g.length, opts.lr, opts.l2));
  const totalWeight = examples.reduce((s, e) => s + e.weight, 0);
  const scores = new Float64Array(k);
  const deltas = new Float64Array(k);
  const [gW, gL, gB] = grads as [Float64Array, Float64Array, Float64Array];
  for (let it = 1; it <= opts.iterations; it++) {
    for (const g of grads) g.fill(0);
    let loss = 0;
    for (const ex of examples) {
      wideScores(params, k, ex.features, ex.lexicon, scores);
      loss += softmaxDeltas(scores, ex.target, ex.weight / totalWeight, deltas);
      const inv = 1 / Math.sqrt(Math.max(1, ex.features.length));
      for (let c = 0; c < k; c++) {
        const d = deltas[c] as number;
        gB[c] = (gB[c] as number) + d;
        for (const f of ex.features) gW[f * k + c] = (gW[f * k + c] as number) + d * inv;
        for (let j = 0; j < lexiconFeatureCount; j++)
          gL[j * k + c] = (gL[j * k + c] as number) + d * (ex.lexicon[j] as number);
      }
    }
    let penalty = 0;
    groups.forEach((p, gi) => {
      // The bias is not regularised.
      penalty += (optimisers[gi] as Adam).step(p, grads[gi] as Float64Array, it, p !== params.bias);
    });
    if (it === 1 || it % 50 === 0 || it === opts.iterations)
      log(`  wide iteration ${it}/${opts.iterations}: loss ${(loss + penalty).toFixed(4)}`);
  }
  return params;
}

/** Quantises the sparse table to int8 with one scale per row (a row's three class weights share it). */
export function quantizeWide(
  w: WideFloat,
  mix: { weight: number; gateSlope: number },
  bigrams = false,
): WidePathWeights {
  const { q: weightQ, scale: rowScale } = quantizeRows(w.weight, w.weight.length / 3, 3);
  return {
    weightQ,
    rowScale,
    bigrams,
    lexWeight: w.lexWeight.slice(),
    bias: w.bias.slice(),
    mix: mix.weight,
    gateSlope: mix.gateSlope,
    shiftEn: new Float32Array(3),
    shiftDe: new Float32Array(3),
  };
}
