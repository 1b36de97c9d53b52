// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { lexiconFeatureCount } from '../../../scripts/train/onnx';
import { quantizeWide, trainWide, type WideExample, wideScores } from '../../../scripts/train/wide-model';

// Rows 0–1 are "negative" words, 2–3 "positive", 4 neutral filler; lexicon feature 0 leans the same way.
function example(words: number[], target: number, lexicon0 = 0): WideExample {
  const lexicon = new Float32Array(lexiconFeatureCount);
  lexicon[0] = lexicon0;
  return { features: Int32Array.from(words), lexicon, target, weight: 1 };
}

const data: WideExample[] = [
  example([0, 4], 0, -0.5),
  example([1, 4, 4], 0),
  example([0, 1], 0, -0.8),
  example([4], 1),
  example([4, 4], 1),
  example([2, 4], 2, 0.5),
  example([3], 2),
  example([2, 3, 4], 2, 0.7),
];
const opts = { rows: 5, classes: 3, l2: 1e-3, iterations: 150, lr: 0.1 };
const argmax = (v: ArrayLike<number>) => [0, 1, 2].reduce((b, i) => ((v[i] ?? 0) > (v[b] ?? 0) ? i : b), 0);

describe('wide sentiment model', () => {
  it('learns a separable toy problem and puts the signs on the right words', () => {
    const w = trainWide(data, opts, () => undefined);
    for (const ex of data) expect(argmax(wideScores(w, 3, ex.features, ex.lexicon))).toBe(ex.target);
    // Word 0 votes negative over positive, word 3 the other way; the lexicon feature learns its sign too.
    expect(w.weight[0 * 3 + 0]).toBeGreaterThan(w.weight[0 * 3 + 2] ?? 0);
    expect(w.weight[3 * 3 + 2]).toBeGreaterThan(w.weight[3 * 3 + 0] ?? 0);
    expect(w.lexWeight[2]).toBeGreaterThan(w.lexWeight[0] ?? 0);
  });

  it('is deterministic and regularised: a larger L2 penalty gives smaller weights', () => {
    const a = trainWide(data, opts, () => undefined);
    const b = trainWide(data, opts, () => undefined);
    expect(Array.from(a.weight)).toEqual(Array.from(b.weight));
    const strong = trainWide(data, { ...opts, l2: 0.1 }, () => undefined);
    const norm = (x: Float32Array) => Math.hypot(...x);
    expect(norm(strong.weight)).toBeLessThan(norm(a.weight));
  });

  it('quantises to int8 with one scale per row that restores every weight closely', () => {
    const w = trainWide(data, opts, () => undefined);
    const q = quantizeWide(w, { weight: 0.5, gateSlope: 2 }, true);
    expect(q.rowScale).toHaveLength(opts.rows);
    for (let r = 0; r < opts.rows; r++) {
      const row = Array.from(q.weightQ.subarray(r * 3, r * 3 + 3), Math.abs);
      // Each row uses the full int8 range, so small rows keep their precision next to large ones.
      expect(Math.max(...row)).toBe(127);
      const scale = q.rowScale[r] ?? 0;
      for (let c = 0; c < 3; c++) {
        const v = w.weight[r * 3 + c] ?? 0;
        expect(Math.abs((q.weightQ[r * 3 + c] ?? 0) * scale - v)).toBeLessThanOrEqual(scale / 2 + 1e-7);
      }
    }
    expect(q.mix).toBe(0.5);
    expect(q.bigrams).toBe(true);
  });
});
