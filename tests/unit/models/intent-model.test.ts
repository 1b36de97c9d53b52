// @vitest-environment node
// transformers.js must resolve to its Node build (onnxruntime-node), as in `npm run eval`.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  bitextIntentLabels,
  createBundledIntentModel,
  intentByModelLabel,
  toIntentScores,
} from '../../../lib/models/intent-model';

const model = createBundledIntentModel();

afterAll(async () => {
  await model.dispose();
});

describe('bundled intent model (public/models/rapport-intent)', () => {
  it('has a mapping for every label the shipped model predicts, and 27 Bitext labels', () => {
    const config: unknown = JSON.parse(readFileSync('public/models/rapport-intent/config.json', 'utf8'));
    const id2label = (config as { id2label: Record<string, string> }).id2label;
    expect(Object.values(id2label).sort()).toEqual(Object.keys(intentByModelLabel).sort());
    expect(bitextIntentLabels).toHaveLength(27);
  });

  it.each([
    ['Wo ist mein Paket? Ich warte seit einer Woche.', 'tracking'],
    ['Ich möchte meine Bestellung stornieren', 'cancellation'],
    ['Ich will mein Geld zurück!', 'refund'],
    ['Bitte schicken Sie mir die Rechnung als PDF', 'invoice'],
    ['Der Artikel kam beschädigt an', 'damaged-or-wrong-item'],
    ['I want a refund for my order', 'refund'],
    ['how can I track my order?', 'tracking'],
    ['I forgot my password', 'account'],
    ['Thank you so much for the quick help!', 'thank-you'],
  ])('%s → %s', async (text, intent) => {
    const scores = await model.classify(text);
    expect(scores[0]?.intent).toBe(intent);
    const total = scores.reduce((s, x) => s + x.p, 0);
    expect(total).toBeCloseTo(1, 4);
  });

  it('returns raw Bitext-label probabilities and copes with bad input', async () => {
    const raw = await model.classifyRaw(['', '📦📦', 'x'.repeat(1_000_000)]);
    expect(raw).toHaveLength(3);
    for (const r of raw) {
      expect(Object.keys(r)).toHaveLength(Object.keys(intentByModelLabel).length);
      expect(Object.values(r).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    }
  });

  it('sums labels that share an intent and sorts highest first', () => {
    expect(toIntentScores({ get_refund: 0.3, track_refund: 0.2, track_order: 0.4, mystery: 0.1 })).toEqual([
      { intent: 'refund', p: 0.5 },
      { intent: 'tracking', p: 0.4 },
      { intent: 'other', p: 0.1 },
    ]);
  });
});
