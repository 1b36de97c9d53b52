// @vitest-environment node
// transformers.js must resolve to its Node build (onnxruntime-node), as in `npm run eval`.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AutoModelForSequenceClassification, AutoTokenizer, env, type Tensor } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BagModel, bagFeatures, forwardQuantized } from '../../../scripts/train/bag-model';
import { buildCharNgrams } from '../../../scripts/train/char-model';
import { writeModelDir } from '../../../scripts/train/export';
import { buildLexiconTable } from '../../../scripts/train/lexicon-prior';
import {
  type BagFeatureSpec,
  type BagModelWeights,
  type CharPathWeights,
  lexiconFeatureCount,
} from '../../../scripts/train/onnx';
import { buildVocab, normalizeLikeTokenizer } from '../../../scripts/train/tokenizer';

const corpus = [
  'Ich warte seit drei Wochen auf meine Bestellung 123456, das ist eine Frechheit!!!',
  'Vielen Dank für die schnelle Hilfe 😀',
  'Kundenservice Rückerstattung Lieferadresse',
  'I want my money back right now, this is sooooo bad',
  'Thanks a lot, great service! https://example.com @support',
];

let dir: string;
let weights: BagModelWeights;
const spec: BagFeatureSpec = { vocabSize: 0, buckets: 97, prime: 1000003 };
const labels = ['a', 'b', 'c', 'd', 'e', 'f'];

function exportTiny(
  target: string,
  seed: number,
  withWide = false,
  wideBigrams = false,
  charPaths?: (vocab: string[]) => CharPathWeights[],
): BagModelWeights {
  const vocab = buildVocab(corpus, {
    maxWords: 200,
    minWordCount: 1,
    maxPrefixes: 100,
    maxSuffixes: 100,
    minPieceCount: 1,
    minCharCount: 1,
  });
  spec.vocabSize = vocab.length;
  const lexicon = withWide
    ? {
        table: buildLexiconTable(vocab, join(import.meta.dirname, 'fixtures', 'data')),
        negatedFactor: -0.74,
        saturation: 1,
      }
    : undefined;
  const model = new BagModel(
    {
      dim: 8,
      hidden: 6,
      hiddenPerHead: true,
      skip: true,
      rows: vocab.length + spec.buckets,
      lexicon,
      epochs: 0,
      lr: 0,
      seed,
    },
    [{ name: 'x', kind: 'softmax', offset: 0, labels }],
  );
  const w = model.quantize();
  // Untrained heads are zero; give them values so the comparison means something.
  for (let i = 0; i < w.outWeight.length; i++) w.outWeight[i] = Math.sin(i + seed);
  if (withWide) {
    const wideRows = wideBigrams ? vocab.length + spec.buckets : vocab.length;
    w.wide = {
      weightQ: Int8Array.from({ length: wideRows * 3 }, (_, i) => Math.round(100 * Math.sin(i * 7 + seed))),
      rowScale: Float32Array.from({ length: wideRows }, (_, i) => 0.01 + 0.001 * (i % 7)),
      bigrams: wideBigrams,
      lexWeight: Float32Array.from({ length: lexiconFeatureCount * 3 }, (_, i) => Math.cos(i)),
      bias: Float32Array.from([0.1, -0.2, 0.3]),
      mix: 0.7,
      gateSlope: 2,
      shiftEn: Float32Array.from([0.2, 0, -0.1]),
      shiftDe: Float32Array.from([-0.3, 0, 0.4]),
    };
  }
  if (charPaths) w.char = charPaths(vocab);
  writeModelDir({
    dir: target,
    name: 'tiny',
    docString: 'test',
    vocab,
    maxTokens: 16,
    feature: spec,
    weights: w,
    labels,
    extraConfig: {},
  });
  return w;
}

/** Runs `texts` through the exported model `name` in transformers.js (batched, padded) and through the trainer. */
async function expectParity(name: string, w: BagModelWeights, texts: string[]): Promise<void> {
  const tokenizer = await AutoTokenizer.from_pretrained(name);
  const model = await AutoModelForSequenceClassification.from_pretrained(name, { dtype: 'fp32' });
  const inputs = tokenizer(texts, { padding: true, truncation: true, max_length: 16 });
  const data = ((await model(inputs)) as { logits: Tensor }).logits.data as Float32Array;
  texts.forEach((text, i) => {
    const ids = Array.from(
      (tokenizer(text, { truncation: true, max_length: 16 }).input_ids as Tensor).data as BigInt64Array,
      Number,
    );
    forwardQuantized(w, bagFeatures(ids, spec), ids).forEach((v, j) => {
      expect(data[i * labels.length + j]).toBeCloseTo(v, 4);
    });
  });
  await model.dispose();
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rapport-onnx-'));
  weights = exportTiny(join(dir, 'tiny'), 3);
  env.localModelPath = `${dir}/`;
  env.allowRemoteModels = false;
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('exported bag-of-embeddings graph', () => {
  it('gives the same logits through transformers.js as the trainer forward pass', async () => {
    const tokenizer = await AutoTokenizer.from_pretrained('tiny');
    const model = await AutoModelForSequenceClassification.from_pretrained('tiny', { dtype: 'fp32' });
    const texts = [...corpus, '', '🙂🙂🙂', 'a\u200bb\u200d', 'Unbekanntewörter überall', 'x '.repeat(500)];
    const inputs = tokenizer(texts, { padding: true, truncation: true, max_length: 16 });
    const out = (await model(inputs)) as { logits: Tensor };
    expect(out.logits.dims).toEqual([texts.length, labels.length]);
    const data = out.logits.data as Float32Array;
    texts.forEach((text, i) => {
      const single = tokenizer(text, { truncation: true, max_length: 16 });
      const ids = Array.from((single.input_ids as Tensor).data as BigInt64Array, Number);
      expect(ids.length).toBeLessThanOrEqual(16);
      const ref = forwardQuantized(weights, bagFeatures(ids, spec), ids);
      ref.forEach((v, j) => {
        expect(data[i * labels.length + j]).toBeCloseTo(v, 4);
      });
    });
    await model.dispose();
  });

  it('tokenizes like training expects: normalisation baked into tokenizer.json', async () => {
    const tokenizer = await AutoTokenizer.from_pretrained('tiny');
    expect(tokenizer.tokenize('sooooo 123456 https://example.com/x @support')).toEqual([
      'soo',
      '000',
      'httpurl',
      '@',
      'user',
    ]);
    // Zero-width characters vanish instead of producing unknown tokens.
    expect(tokenizer.tokenize('dan\u200bke')).toEqual(tokenizer.tokenize('danke'));
    // Literal JSON escapes from exports decode to their characters (upper or lower case hex); others become a space.
    expect(tokenizer.tokenize(String.raw`don\u2019t\u002c sch\u00F6n \ud83d\ude00ok`)).toEqual(
      tokenizer.tokenize('don’t, schön ok'),
    );
    expect(normalizeLikeTokenizer(String.raw`I\u2019m gr\u00fcn\u2026`)).toBe('i’m grün…');
  });

  it.each([
    ['words', false],
    ['words and word pairs', true],
  ])('reproduces the lexicon path and the language-gated wide sentiment model (%s)', async (_, bigrams) => {
    const name = bigrams ? 'tiny-wide-pairs' : 'tiny-wide';
    const wideWeights = exportTiny(join(dir, name), 5, true, bigrams);
    await expectParity(name, wideWeights, [...corpus, 'not great, nicht gut', '', 'x '.repeat(500)]);
  });

  /** Character paths with made-up tables over a tiny model's vocabulary. */
  const charPaths =
    (specs: [offset: number, classes: number, mix: number, germanGateSlope?: number][]) =>
    (vocab: string[]): CharPathWeights[] => {
      const grams = buildCharNgrams(vocab, { minN: 2, maxN: 4, buckets: 257 });
      return specs.map(([offset, classes, mix, germanGateSlope]) => ({
        tableQ: Int8Array.from({ length: vocab.length * classes }, (_, i) => Math.round(90 * Math.cos(i * 3 + offset))),
        rowScale: Float32Array.from(vocab, (_, i) => 0.01 + 0.002 * (i % 5)),
        counts: grams.counts,
        bias: Float32Array.from({ length: classes }, (_, c) => 0.1 * c - 0.05),
        classes,
        offset,
        mix,
        shift: Float32Array.from({ length: classes }, (_, c) => 0.2 - 0.1 * c),
        ...(germanGateSlope === undefined ? {} : { germanGateSlope }),
      }));
    };
  const charTexts = [...corpus, 'Vollpfosten! nicht gut', '', 'x '.repeat(500)];

  it('reproduces character n-gram paths before the wide path (sentiment, German-gated) and after it', async () => {
    const paths = charPaths([
      [0, 3, 0.5, 2],
      [3, 2, 0.3],
      [4, 2, 0.8],
    ]);
    await expectParity('tiny-char', exportTiny(join(dir, 'tiny-char'), 9, true, true, paths), charTexts);
  });

  it('reproduces a character n-gram path in a model without the lexicon path', async () => {
    const paths = charPaths([[2, 2, 0.6]]);
    await expectParity('tiny-char-plain', exportTiny(join(dir, 'tiny-char-plain'), 11, false, false, paths), charTexts);
  });

  it('writes the same bytes for the same seed', () => {
    const again = join(dir, 'again');
    exportTiny(again, 3);
    for (const f of ['onnx/model.onnx', 'tokenizer.json', 'config.json']) {
      expect(readFileSync(join(again, f)).equals(readFileSync(join(dir, 'tiny', f)))).toBe(true);
    }
  });
});
