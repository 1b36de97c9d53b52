// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { BagModel, bagFeatures, type Example } from '../../../scripts/train/bag-model';
import { buildLexiconPrior, priorDims, readSenticon, senticonValence } from '../../../scripts/train/lexicon-prior';

const vocab = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', 'great', 'terrible', 'table', 'perfekt', 'enttäuschend', '##great'];

describe('lexicon prior', () => {
  it('gives English words their VADER valence and German words their senticon polarity', () => {
    const prior = buildLexiconPrior(vocab, vocab.length + 4, 2);
    const en = (t: string) => prior[vocab.indexOf(t) * priorDims] ?? Number.NaN;
    const de = (t: string) => prior[vocab.indexOf(t) * priorDims + 1] ?? Number.NaN;
    expect(en('great')).toBeGreaterThan(0.5);
    expect(en('terrible')).toBeLessThan(-0.5);
    expect(en('table')).toBe(0);
    expect(de('perfekt')).toBeGreaterThan(0.5);
    // Continuation pieces, special tokens and bigram rows carry no prior.
    expect(en('##great')).toBe(0);
    expect(en('[CLS]')).toBe(0);
    expect(Array.from(prior.subarray(vocab.length * priorDims))).toEqual(new Array(4 * priorDims).fill(0));
  });

  it('matches German words to their longest senticon stem, folding umlauts', () => {
    const senticon = readSenticon();
    expect(senticonValence(senticon, 'perfekten')).toBeGreaterThan(0.5);
    expect(senticonValence(senticon, 'xyzq')).toBeUndefined();
  });

  it('keeps the prior dimensions fixed while training the rest and lets the prior head use them', () => {
    const rows = vocab.length + 4;
    const prior = buildLexiconPrior(vocab, rows, 2);
    const spec = { vocabSize: vocab.length, buckets: 4, prime: 1000003 };
    const model = new BagModel(
      {
        dim: 6,
        hidden: 4,
        hiddenPerHead: true,
        skip: true,
        rows,
        epochs: 5,
        lr: 0.2,
        seed: 7,
        prior: { values: prior, dims: priorDims, head: 0 },
      },
      [{ name: 'sentiment', kind: 'softmax', offset: 0, labels: ['negative', 'positive'], readsPooled: false }],
    );
    const ex = (ids: number[], target: number): Example => ({
      features: bagFeatures(ids, spec),
      head: 0,
      target,
      weight: 1,
    });
    const before = model.emb.slice();
    model.train([ex([2, 4, 3], 1), ex([2, 5, 3], 0), ex([2, 6, 4, 3], 1)], () => undefined);
    for (let r = 0; r < rows; r++) {
      for (let d = 0; d < priorDims; d++) expect(model.emb[r * 6 + d]).toBe(prior[r * priorDims + d]);
    }
    expect(model.emb.some((v, i) => i % 6 >= priorDims && v !== before[i])).toBe(true);
    // The head's weights on the prior dims (pooled block after the 4 hidden units) were learned, the rest stay 0.
    const k = model.outputs;
    expect(Math.abs(model.outW[4 * k] ?? 0) + Math.abs(model.outW[4 * k + 1] ?? 0)).toBeGreaterThan(0);
    expect(model.outW[(4 + priorDims) * k]).toBe(0);
  });
});
