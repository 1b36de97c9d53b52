// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { charPathScores } from '../../../scripts/train/bag-model';
import {
  buildCharNgrams,
  type CharExample,
  charScores,
  quantizeChar,
  trainChar,
} from '../../../scripts/train/char-model';

const vocab = [
  '[PAD]',
  '[UNK]',
  '[CLS]',
  '[SEP]',
  'idiot',
  'idioten',
  'freund',
  'freunde',
  'idiotisch',
  '##isch',
  'hallo',
];
const id = (t: string) => vocab.indexOf(t);
const grams = buildCharNgrams(vocab, { minN: 2, maxN: 4, buckets: 4093 });

const sentence = (...tokens: string[]): number[] => [id('[CLS]'), ...tokens.map(id), id('[SEP]')];
const examples: CharExample[] = [
  { ids: sentence('hallo', 'idiot'), target: 1, weight: 1 },
  { ids: sentence('idioten'), target: 1, weight: 1 },
  { ids: sentence('hallo', 'freund'), target: 0, weight: 1 },
  { ids: sentence('freunde'), target: 0, weight: 1 },
  { ids: sentence('hallo'), target: 0, weight: 1 },
];
const opts = { classes: 2, l2: 1e-4, iterations: 200, lr: 0.1 };

describe('character n-gram path', () => {
  it('reads whole words with boundary marks, pieces without, special tokens not at all', () => {
    expect(grams.counts[id('[CLS]')]).toBe(0);
    // "<idiot>": 7 characters → 6 bigrams + 5 trigrams + 4 four-grams.
    expect(grams.counts[id('idiot')]).toBe(15);
    // "isch" (no marks): 3 + 2 + 1.
    expect(grams.counts[id('##isch')]).toBe(6);
    expect(grams.perToken[id('idiot')]).toHaveLength(15);
  });

  it('carries what it learned to a word the training data never showed, through shared n-grams', () => {
    const model = trainChar(grams, examples, opts, () => undefined);
    for (const ex of examples) {
      const s = charScores(model, 2, ex.ids);
      expect((s[1] ?? 0) > (s[0] ?? 0) ? 1 : 0).toBe(ex.target);
    }
    const unseen = charScores(model, 2, sentence('idiotisch'));
    expect(unseen[1]).toBeGreaterThan(unseen[0] ?? 0);
  });

  it('is deterministic and quantises per token without changing the decision', () => {
    const a = trainChar(grams, examples, opts, () => undefined);
    const b = trainChar(grams, examples, opts, () => undefined);
    expect(Array.from(a.table)).toEqual(Array.from(b.table));
    const q = quantizeChar(a, 2, { offset: 11, mix: 0.5 });
    expect(q.offset).toBe(11);
    expect(Array.from(q.shift)).toEqual([0, 0]);
    for (const ids of [...examples.map((e) => e.ids), sentence('idiotisch')]) {
      const float = charScores(a, 2, ids);
      const quantised = charPathScores(q, ids);
      quantised.forEach((v, c) => {
        expect(v).toBeCloseTo(float[c] ?? 0, 2);
      });
    }
  });
});
