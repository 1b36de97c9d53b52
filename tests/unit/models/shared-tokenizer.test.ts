// @vitest-environment node
// The intent model reads the mood model's tokenizer (lib/models/intent-model.ts): one 0.5 MB file ships, not two.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BagModel } from '../../../scripts/train/bag-model';
import { writeModelDir } from '../../../scripts/train/export';

function readJson(path: string): Record<string, unknown> {
  const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (typeof value !== 'object' || value === null) throw new Error(`${path} holds no JSON object.`);
  return Object.fromEntries(Object.entries(value));
}

describe('the bundled models share one tokenizer', () => {
  it('ships the tokenizer in rapport-mood only', () => {
    expect(readdirSync('public/models/rapport-intent').sort()).toEqual(['config.json', 'onnx']);
    expect(existsSync('public/models/rapport-mood/tokenizer.json')).toBe(true);
    expect(existsSync('public/models/rapport-mood/tokenizer_config.json')).toBe(true);
  });

  it('fits the intent model: same vocabulary size and token limit as the model was trained with', () => {
    const tokenizer = readJson('public/models/rapport-mood/tokenizer.json');
    const model = tokenizer.model;
    const vocab = typeof model === 'object' && model !== null && 'vocab' in model ? model.vocab : undefined;
    expect(typeof vocab).toBe('object');
    const vocabSize = Object.keys(vocab ?? {}).length;
    const tokenizerConfig = readJson('public/models/rapport-mood/tokenizer_config.json');
    for (const name of ['rapport-intent', 'rapport-mood']) {
      const config = readJson(`public/models/${name}/config.json`);
      expect(config.vocab_size).toBe(vocabSize);
      expect(config.max_position_embeddings).toBe(tokenizerConfig.model_max_length);
    }
  });
});

describe('writeModelDir with tokenizerFrom (npm run train)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-shared-tokenizer-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the model without a tokenizer of its own, and counts none', () => {
    const weights = new BagModel({ dim: 1, hidden: 0, rows: 1, epochs: 0, lr: 0, seed: 1 }, [
      { name: 'intent', kind: 'softmax', offset: 0, labels: ['a', 'b'] },
    ]).quantize();
    const sizes = writeModelDir({
      dir,
      name: 'tiny',
      docString: 'test',
      vocab: ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]', 'hallo'],
      maxTokens: 16,
      feature: { vocabSize: 6, buckets: 1, prime: 1 },
      weights,
      labels: ['a', 'b'],
      extraConfig: {},
      tokenizerFrom: 'rapport-mood',
    });
    expect(readdirSync(dir).sort()).toEqual(['config.json', 'onnx']);
    expect(Object.keys(sizes).sort()).toEqual(['config.json', 'onnx/model.onnx']);
  });
});
