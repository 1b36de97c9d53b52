/**
 * The "wide" half of the sentiment head: a regularised logistic regression over the same sparse features as the
 * bag model (unigram and hashed bigram rows, scaled by 1/√n) plus the lexicon path's features, trained to
 * convergence with full-batch Adam. A linear model like this transfers to unseen registers (tweets) better than the
 * small network, which in turn is better on German; the graph mixes the two by language (see WidePathWeights).
 */
import { lexiconFeatureCount, type WidePathWeights } from './onnx';

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
  const m = groups.map((g) => new Float64Array(g.length));
  const v = groups.map((g) => new Float64Array(g.length));
  const totalWeight = examples.reduce((s, e) => s + e.weight, 0);
  const scores = new Float64Array(k);
  const [gW, gL, gB] = grads as [Float64Array, Float64Array, Float64Array];
  const beta1 = 0.9;
  const beta2 = 0.999;
  for (let it = 1; it <= opts.iterations; it++) {
    for (const g of grads) g.fill(0);
    let loss = 0;
    for (const ex of examples) {
      wideScores(params, k, ex.features, ex.lexicon, scores);
      let max = -Infinity;
      for (let c = 0; c < k; c++) max = Math.max(max, scores[c] as number);
      let z = 0;
      for (let c = 0; c < k; c++) z += Math.exp((scores[c] as number) - max);
      const scale = ex.weight / totalWeight;
      const inv = 1 / Math.sqrt(Math.max(1, ex.features.length));
      for (let c = 0; c < k; c++) {
        const p = Math.exp((scores[c] as number) - max) / z;
        const d = (p - (c === ex.target ? 1 : 0)) * scale;
        if (c === ex.target) loss -= Math.log(Math.max(p, 1e-12)) * scale;
        gB[c] = (gB[c] as number) + d;
        for (const f of ex.features) gW[f * k + c] = (gW[f * k + c] as number) + d * inv;
        for (let j = 0; j < lexiconFeatureCount; j++)
          gL[j * k + c] = (gL[j * k + c] as number) + d * (ex.lexicon[j] as number);
      }
    }
    let penalty = 0;
    groups.forEach((p, gi) => {
      const g = grads[gi] as Float64Array;
      const mi = m[gi] as Float64Array;
      const vi = v[gi] as Float64Array;
      const regularise = p !== params.bias;
      for (let i = 0; i < p.length; i++) {
        const w = p[i] as number;
        let gi2 = g[i] as number;
        if (regularise) {
          gi2 += opts.l2 * w;
          penalty += 0.5 * opts.l2 * w * w;
        }
        mi[i] = beta1 * (mi[i] as number) + (1 - beta1) * gi2;
        vi[i] = beta2 * (vi[i] as number) + (1 - beta2) * gi2 * gi2;
        const mHat = (mi[i] as number) / (1 - beta1 ** it);
        const vHat = (vi[i] as number) / (1 - beta2 ** it);
        p[i] = w - (opts.lr * mHat) / (Math.sqrt(vHat) + 1e-8);
      }
    });
    if (it === 1 || it % 50 === 0 || it === opts.iterations)
      log(`  wide iteration ${it}/${opts.iterations}: loss ${(loss + penalty).toFixed(4)}`);
  }
  return params;
}

/** Quantises the sparse table to int8 with one scale (its rows are many and its weights small). */
export function quantizeWide(w: WideFloat, mix: { weight: number; gateSlope: number }): WidePathWeights {
  let max = 0;
  for (const x of w.weight) max = Math.max(max, Math.abs(x));
  const scale = max > 0 ? max / 127 : 1;
  return {
    weightQ: Int8Array.from(w.weight, (x) => Math.round(x / scale)),
    scale,
    lexWeight: w.lexWeight.slice(),
    bias: w.bias.slice(),
    mix: mix.weight,
    gateSlope: mix.gateSlope,
    shiftEn: new Float32Array(3),
    shiftDe: new Float32Array(3),
  };
}
