// @vitest-environment node
// transformers.js must resolve to its Node build (onnxruntime-node), as in `npm run eval`.
import { afterAll, describe, expect, it } from 'vitest';
import { emotions, sentimentLabels } from '../../../lib/analysis/types';
import {
  clipText,
  createBundledMoodModel,
  decodeMood,
  planBatches,
  readMoodLayout,
} from '../../../lib/models/bundled-model';
import type { RawMood } from '../../../lib/models/types';

const model = createBundledMoodModel();

afterAll(async () => {
  await model.dispose();
});

function expectWellFormed(mood: RawMood | undefined): void {
  expect(mood).toBeDefined();
  if (!mood) return;
  const sum = sentimentLabels.reduce((s, l) => s + mood.sentiment[l], 0);
  expect(sum).toBeCloseTo(1, 5);
  for (const e of emotions) {
    expect(mood.emotions[e]).toBeGreaterThanOrEqual(0);
    expect(mood.emotions[e]).toBeLessThanOrEqual(1);
  }
  expect(Number.isFinite(mood.offensive)).toBe(true);
}

const top = (mood: RawMood | undefined) =>
  mood ? sentimentLabels.reduce((a, b) => (mood.sentiment[b] > mood.sentiment[a] ? b : a)) : undefined;

describe('bundled mood model (public/models/rapport-mood)', () => {
  it('loads from disk through transformers.js on the CPU backend', async () => {
    expect(await model.load()).toBe('cpu');
    expect(model.id).toBe('rapport-mood');
    expect(model.maxTokens).toBe(128);
  });

  it('reads obvious German and English messages sensibly', async () => {
    const [deAngry, dePos, enAngry, enPos, deNeutral] = await model.classify([
      'Das ist eine Frechheit! Ich warte seit drei Wochen und will sofort mein Geld zurück!',
      'Vielen Dank für die schnelle Hilfe, super Service!',
      'This is outrageous, I have been waiting for weeks and I want my money back now!',
      'Thank you so much, the parcel arrived and everything is perfect!',
      'Können Sie mir bitte die Rechnung zu meiner Bestellung schicken?',
    ]);
    expect(top(deAngry)).toBe('negative');
    expect(top(enAngry)).toBe('negative');
    expect(top(dePos)).toBe('positive');
    expect(top(enPos)).toBe('positive');
    expect(top(deNeutral)).toBe('neutral');
    expect(enPos?.emotions.grateful).toBeGreaterThan(0.5);
    expect(dePos?.emotions.grateful ?? 0).toBeGreaterThan(deAngry?.emotions.grateful ?? 1);
    expect(enAngry?.emotions.angry ?? 0).toBeGreaterThan(enPos?.emotions.angry ?? 1);
  });

  it('flags abuse in both languages but not civil anger', async () => {
    const [enAbuse, deAbuse, civil] = await model.classify([
      'you stupid idiot, shut up',
      'Ihr seid doch alle Vollidioten, halt die Fresse',
      'I am very disappointed with the late delivery.',
    ]);
    expect(enAbuse?.offensive).toBeGreaterThan(0.5);
    expect(deAbuse?.offensive).toBeGreaterThan(0.5);
    expect(civil?.offensive).toBeLessThan(0.5);
  });

  it('gives defined results for bad input, in input order', async () => {
    const huge = 'Das ist schlecht. '.repeat(60_000); // ~1 MB
    const texts = ['', '   ', '😡😡😡', '🙂', 'dan\u200bke\u200d', huge, '&lt;b&gt;Danke&lt;/b&gt; &amp; thanks', 'ok'];
    const moods = await model.classify(texts);
    expect(moods).toHaveLength(texts.length);
    for (const m of moods) expectWellFormed(m);
    expect(top(moods[5])).toBe('negative');
    // The same text alone and inside a batch gives the same result (batching and padding do not leak).
    const [alone] = await model.classify(['ok']);
    expect(alone?.sentiment.positive).toBeCloseTo(moods[7]?.sentiment.positive ?? -1, 5);
  });

  it('returns an empty list for no texts and honours an aborted signal', async () => {
    expect(await model.classify([])).toEqual([]);
    const controller = new AbortController();
    controller.abort();
    await expect(model.classify(['hallo'], controller.signal)).rejects.toThrow();
  });

  it('reports a missing model as model/load-failed', async () => {
    const missing = createBundledMoodModel({ modelId: 'no-such-model' });
    await expect(missing.load()).rejects.toMatchObject({ code: 'model/load-failed' });
  });
});

describe('mood decoding helpers', () => {
  const id2label = {
    '0': 'sentiment:negative',
    '1': 'sentiment:neutral',
    '2': 'sentiment:positive',
    ...Object.fromEntries(emotions.map((e, i) => [String(3 + i), `emotion:${e}`])),
    '11': 'offensive:other',
    '12': 'offensive:offensive',
  };

  it('maps logits to softmax sentiment, sigmoid emotions and offensive probability', () => {
    const layout = readMoodLayout(id2label);
    const logits = new Float32Array(26);
    logits[13 + 2] = 2; // row 1: positive
    logits[13 + 12] = Number.NaN; // a broken value reads as 0, not NaN
    const mood = decodeMood(logits, 1, layout);
    expect(mood.sentiment.positive).toBeGreaterThan(mood.sentiment.negative);
    expect(mood.emotions.happy).toBeCloseTo(0.5, 5);
    expect(mood.offensive).toBeCloseTo(0.5, 5);
  });

  it('rejects a config without the expected labels', () => {
    expect(() => readMoodLayout({ '0': 'LABEL_0' })).toThrow(/sentiment:negative/);
    expect(() => readMoodLayout(undefined)).toThrow();
  });

  it('clips huge text without splitting a surrogate pair and batches by length', () => {
    const text = `${'a'.repeat(9)}😀`;
    expect(clipText(text, 10)).toBe('a'.repeat(9));
    expect(planBatches(['aaaa', 'a', 'aaa', 'aa'], 2)).toEqual([
      [1, 3],
      [2, 0],
    ]);
  });
});
