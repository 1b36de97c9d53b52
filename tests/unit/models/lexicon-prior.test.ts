// @vitest-environment node
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BagModel,
  bagFeatures,
  type Example,
  languageHint,
  lexiconFeatures,
  wideWords,
} from '../../../scripts/train/bag-model';
import {
  buildLexiconPrior,
  buildLexiconTable,
  priorDims,
  readSenticon,
  senticonValence,
} from '../../../scripts/train/lexicon-prior';
import { lexiconColumns } from '../../../scripts/train/onnx';

/** A few lexicon entries (tests/unit/models/fixtures/data), so these tests do not need ../shared/data. */
const fixtureData = join(import.meta.dirname, 'fixtures', 'data');

const vocab = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', 'great', 'terrible', 'table', 'perfekt', 'enttäuschend', '##great'];

describe('lexicon prior', () => {
  it('gives English words their VADER valence and German words their senticon polarity', () => {
    const prior = buildLexiconPrior(vocab, vocab.length + 4, 2, fixtureData);
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
    const senticon = readSenticon(fixtureData);
    expect(senticonValence(senticon, 'perfekten')).toBeGreaterThan(0.5);
    expect(senticonValence(senticon, 'xyzq')).toBeUndefined();
  });

  it('keeps the prior dimensions fixed while training the rest and lets the prior head use them', () => {
    const rows = vocab.length + 4;
    const prior = buildLexiconPrior(vocab, rows, 2, fixtureData);
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

describe('lexicon path', () => {
  const words = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', 'great', 'not', 'the', 'nicht', 'gut', 't', "'", '##ig', 'ä', 'x'];
  const table = buildLexiconTable(words, fixtureData);
  const col = (t: string, c: number) => table[words.indexOf(t) * lexiconColumns + c] ?? Number.NaN;
  const lexicon = { table, negatedFactor: -0.74, saturation: 1 };
  const ids = (...tokens: string[]) => tokens.map((t) => words.indexOf(t));

  it('tables valence, negators, language hints and the wide model words', () => {
    expect(col('great', 0)).toBeGreaterThan(0.5);
    expect(col('not', 2)).toBe(1);
    expect(col('not', 0)).toBe(0);
    // A contraction's bare "t" (didn ' t) negates too.
    expect(col('t', 2)).toBe(1);
    expect(col('nicht', 2)).toBe(1);
    expect(col('nicht', 3)).toBe(1);
    expect(col('the', 3)).toBe(-1);
    expect(col('ä', 3)).toBe(1);
    expect(col('great', 4)).toBe(1);
    // Single characters, pieces and special tokens are not words for the wide model.
    expect(col('x', 4)).toBe(0);
    expect(col('##ig', 4)).toBe(0);
    expect(col('[CLS]', 4)).toBe(0);
  });

  it('sums valence instead of averaging it, and flips it after a negator within three tokens', () => {
    const short = lexiconFeatures(ids('[CLS]', 'great', '[SEP]'), lexicon);
    const long = lexiconFeatures(ids('[CLS]', 'the', 'the', 'the', 'the', 'the', 'great', '[SEP]'), lexicon);
    expect(long[0]).toBeCloseTo(short[0] ?? 0, 6);
    expect(short[0]).toBeGreaterThan(0.5);
    const negated = lexiconFeatures(ids('[CLS]', 'not', 'the', 'great', '[SEP]'), lexicon);
    expect(negated[0]).toBeLessThan(0);
    // The negative mass (index 4) carries the flipped word; the positive mass (index 2) is empty.
    expect(negated[4]).toBeLessThan(0);
    expect(negated[2]).toBe(0);
    const far = lexiconFeatures(ids('[CLS]', 'not', 'the', 'the', 'the', 'great', '[SEP]'), lexicon);
    expect(far[0]).toBeGreaterThan(0);
  });

  it('keeps only word tokens for the wide model and reads the language from the hints', () => {
    expect(Array.from(wideWords(ids('[CLS]', 'great', 'x', '##ig', 'the', '[SEP]'), lexicon))).toEqual(
      ids('great', 'the'),
    );
    expect(languageHint(ids('the', 'the', 'nicht'), lexicon)).toBe(-1);
    expect(languageHint(ids('gut', 'nicht', 'ä'), lexicon)).toBe(2);
  });
});
