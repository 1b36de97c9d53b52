/** Training pieces shared by the linear models (the wide and character n-gram paths), both fitted full-batch. */

const beta1 = 0.9;
const beta2 = 0.999;

/**
 * The softmax cross-entropy of one example: writes `(p_c − y_c) · scale` for every class into `deltas` (the gradient
 * wrt the scores) and returns the example's loss times `scale`.
 */
export function softmaxDeltas(scores: Float64Array, target: number, scale: number, deltas: Float64Array): number {
  const k = scores.length;
  let max = -Infinity;
  for (let c = 0; c < k; c++) max = Math.max(max, scores[c] as number);
  let z = 0;
  for (let c = 0; c < k; c++) z += Math.exp((scores[c] as number) - max);
  let loss = 0;
  for (let c = 0; c < k; c++) {
    const p = Math.exp((scores[c] as number) - max) / z;
    deltas[c] = (p - (c === target ? 1 : 0)) * scale;
    if (c === target) loss -= Math.log(Math.max(p, 1e-12)) * scale;
  }
  return loss;
}

/** Full-batch Adam with an L2 penalty. */
export class Adam {
  private readonly m: Float64Array;
  private readonly v: Float64Array;

  constructor(
    size: number,
    private readonly lr: number,
    private readonly l2: number,
  ) {
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
  }

  /**
   * One step on `params` from `grad` (iteration `it`, counted from 1); with `regularise`, `l2 · w` joins the gradient.
   * Returns the penalty `½ · l2 · Σ w²` of the weights before the step (0 without `regularise`).
   */
  step(params: Float32Array | Float64Array, grad: Float64Array, it: number, regularise = true): number {
    let penalty = 0;
    for (let i = 0; i < params.length; i++) {
      const w = params[i] as number;
      let g = grad[i] as number;
      if (regularise) {
        g += this.l2 * w;
        penalty += 0.5 * this.l2 * w * w;
      }
      this.m[i] = beta1 * (this.m[i] as number) + (1 - beta1) * g;
      this.v[i] = beta2 * (this.v[i] as number) + (1 - beta2) * g * g;
      const mHat = (this.m[i] as number) / (1 - beta1 ** it);
      const vHat = (this.v[i] as number) / (1 - beta2 ** it);
      params[i] = w - (this.lr * mHat) / (Math.sqrt(vHat) + 1e-8);
    }
    return penalty;
  }
}
