// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  applyThreatPrior,
  buildMessageMood,
  combineChunkMoods,
  computeConfidence,
  labelsToExplain,
  neutralRawMood,
  sanitizeRawMood,
} from '../../../lib/analysis/message-mood';
import { prepareText } from '../../../lib/analysis/text';
import { detectUrgency } from '../../../lib/analysis/urgency';
import type { RawMood } from '../../../lib/models/types';
import { fakeMood } from './fake-mood-model';

function build(text: string, raw: RawMood = fakeMood(text)) {
  const prepared = prepareText(text);
  return buildMessageMood({
    messageId: 'm1',
    role: 'customer',
    prepared,
    raw,
    language: 'de',
    urgency: detectUrgency(prepared.text),
    evidence: [],
  });
}

describe('computeConfidence', () => {
  const sure: RawMood = { ...neutralRawMood(), sentiment: { negative: 0.96, neutral: 0.02, positive: 0.02 } };

  it('keeps a two-word message low however sure the model is', () => {
    expect(computeConfidence(sure, 2, 'de')).toBeLessThan(0.5);
    expect(computeConfidence(sure, 20, 'de')).toBeGreaterThan(0.8);
  });

  it('is lower for a flat distribution, for other languages, and zero without words', () => {
    const flat: RawMood = { ...neutralRawMood(), sentiment: { negative: 0.34, neutral: 0.33, positive: 0.33 } };
    expect(computeConfidence(flat, 20, 'en')).toBeLessThan(computeConfidence(sure, 20, 'en'));
    expect(computeConfidence(sure, 20, 'other')).toBeLessThan(computeConfidence(sure, 20, 'en'));
    expect(computeConfidence(sure, 0, 'en')).toBe(0);
  });
});

describe('sanitizeRawMood', () => {
  it('turns broken model numbers into a usable result', () => {
    const broken = {
      sentiment: { negative: Number.NaN, neutral: 2, positive: -1 },
      emotions: { ...neutralRawMood().emotions, angry: Number.POSITIVE_INFINITY },
      offensive: Number.NaN,
    } as RawMood;
    const clean = sanitizeRawMood(broken);
    expect(clean.sentiment).toEqual({ negative: 0, neutral: 1, positive: 0 });
    expect(clean.emotions.angry).toBe(0);
    expect(clean.offensive).toBe(0);
  });
});

describe('combineChunkMoods', () => {
  it('lets one furious chunk of a long mail count', () => {
    const calm = fakeMood('Hier ist meine Bestellnummer und die Adresse.');
    const angry = fakeMood('Das ist unverschämt, unverschämt!');
    const combined = combineChunkMoods(
      [
        { text: 'x'.repeat(300), start: 0, end: 300 },
        { text: 'x'.repeat(100), start: 300, end: 400 },
      ],
      [calm, angry],
    );
    expect(combined.emotions.angry).toBeGreaterThan(0.4);
    expect(combined.sentiment.negative).toBeGreaterThan(calm.sentiment.negative);
    expect(combined.sentiment.negative).toBeLessThan(angry.sentiment.negative);
  });
});

describe('combineChunkMoods with sentence peaks', () => {
  it('keeps one anxious sentence visible that a longer chunk around it dilutes', () => {
    const chunk = fakeMood('the parcel, the tracking, the birthday, the order number and the address');
    const anxious = fakeMood('I am worried, so worried, really worried');
    const single = [
      { text: 'x'.repeat(200), start: 0, end: 200 },
      { text: 'x'.repeat(100), start: 200, end: 300 },
    ];
    const without = combineChunkMoods(single, [chunk, chunk]);
    const withPeaks = combineChunkMoods(single, [chunk, chunk], [chunk, anxious, chunk]);
    expect(without.emotions.anxious).toBeLessThan(0.1);
    expect(withPeaks.emotions.anxious).toBeGreaterThan(0.4);
    // Sentiment stays the chunks' reading.
    expect(withPeaks.sentiment).toEqual(without.sentiment);
  });
});

describe('combineChunkMoods around a contrast', () => {
  it('lets what follows "but" outweigh what precedes it', () => {
    const thanks = fakeMood('thank you, thank you');
    const worried = fakeMood('I am worried, really worried');
    const chunks = (contrast: boolean) => [
      { text: 'x'.repeat(40), start: 0, end: 40, ...(contrast ? { contrast: 'before' as const } : {}) },
      { text: 'x'.repeat(40), start: 40, end: 80, ...(contrast ? { contrast: 'after' as const } : {}) },
    ];
    const plain = combineChunkMoods(chunks(false), [thanks, worried]);
    const contrasted = combineChunkMoods(chunks(true), [thanks, worried]);
    expect(plain.sentiment.negative).toBeCloseTo(plain.sentiment.positive, 5);
    expect(contrasted.sentiment.negative).toBeGreaterThan(2 * contrasted.sentiment.positive);
  });
});

describe('buildMessageMood', () => {
  it('scores sentiment −1…1 and lists emotions highest first', () => {
    const mood = build('Das ist unverschämt und ich warte immer noch auf mein Geld, wirklich unverschämt.');
    expect(mood.sentiment.label).toBe('negative');
    expect(mood.sentiment.score).toBeLessThan(-0.5);
    expect(mood.emotions[0]?.label).toBe('angry');
    const ps = mood.emotions.map((e) => e.p);
    expect([...ps].sort((a, b) => b - a)).toEqual(ps);
  });

  it('flags offensive language at the threshold', () => {
    expect(build('Ihr Idioten!').offensive).toEqual({ isOffensive: true, p: 0.9 });
    expect(build('Ihr Lieben!').offensive.isOffensive).toBe(false);
  });

  it('places urgency reasons in the original text and shows them as evidence', () => {
    const text = 'Bitte&nbsp;so\u200bfort &amp; bis Freitag!';
    const mood = build(text);
    expect(mood.urgency.level).toBe('high');
    const phrases = mood.urgency.reasons.map((r) => r.phrase);
    expect(phrases).toEqual(['so\u200bfort', 'bis Freitag']);
    const urgencyEvidence = mood.evidence.filter((e) => e.label.startsWith('urgency:'));
    expect(urgencyEvidence.map((e) => text.slice(e.start, e.end))).toEqual(['so\u200bfort', 'bis Freitag']);
  });

  it('gives empty text a neutral result with no confidence', () => {
    const mood = build('', neutralRawMood());
    expect(mood.sentiment.label).toBe('neutral');
    expect(mood.confidence).toBe(0);
    expect(mood.urgency.level).toBe('low');
    expect(mood.truncated).toBe(false);
  });
});

describe('labelsToExplain', () => {
  it('explains the winning pole, strong emotions and offensive language', () => {
    expect(labelsToExplain(fakeMood('Ihr Idioten, das ist unverschämt'))).toEqual(['negative', 'angry', 'offensive']);
    expect(labelsToExplain(fakeMood('Wo ist mein Paket?'))).toEqual([]);
  });
});

describe('threat prior', () => {
  const calm: RawMood = {
    sentiment: { negative: 0.2, neutral: 0.6, positive: 0.2 },
    emotions: { ...neutralRawMood().emotions, neutral: 0.8, frustrated: 0.2, angry: 0.1 },
    offensive: 0.1,
  };

  it('reads a chargeback or a lawyer as anger and a threat to leave as frustration', () => {
    const chargeback = applyThreatPrior(calm, detectUrgency('Otherwise I will file a chargeback.'), 'customer');
    expect(chargeback.sentiment.negative).toBeCloseTo(0.65);
    expect(chargeback.emotions.angry).toBeCloseTo(0.65);
    expect(chargeback.emotions.frustrated).toBe(0.2);
    expect(chargeback.emotions.neutral).toBeLessThan(0.8);
    const leaving = applyThreatPrior(calm, detectUrgency('I will take my business elsewhere.'), 'customer');
    expect(leaving.emotions.frustrated).toBeCloseTo(0.65);
    expect(leaving.emotions.angry).toBe(0.1);
    const both = applyThreatPrior(
      calm,
      detectUrgency('I will file a chargeback and take my business elsewhere.'),
      'customer',
    );
    expect(both.sentiment.negative).toBeCloseTo(0.8);
    expect([both.emotions.angry, both.emotions.frustrated]).toEqual([0.8, 0.8]);
  });

  it('leaves agents, and customers without threats, as the model read them', () => {
    expect(applyThreatPrior(calm, detectUrgency('I will file a chargeback.'), 'agent')).toBe(calm);
    expect(applyThreatPrior(calm, detectUrgency('Where is my parcel?'), 'customer')).toBe(calm);
  });

  it('keeps a negative reading that is already above the floor', () => {
    const furious: RawMood = { ...calm, sentiment: { negative: 0.9, neutral: 0.05, positive: 0.05 } };
    const out = applyThreatPrior(furious, detectUrgency('I will file a chargeback.'), 'customer');
    expect(out.sentiment).toEqual(furious.sentiment);
    expect(out.emotions.angry).toBeCloseTo(0.65);
  });
});
