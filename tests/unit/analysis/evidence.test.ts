import { describe, expect, it } from 'vitest';
import { type EvidenceSpan, mergeEvidence, planOcclusion, scoreOcclusion } from '../../../lib/analysis/evidence';
import { findCues } from '../../../lib/analysis/lexicon';
import { chunkText } from '../../../lib/analysis/text';
import { fakeMood } from './fake-mood-model';

function chunkOf(text: string) {
  const chunk = chunkText(text, 10_000)[0];
  if (!chunk) throw new Error('no chunk');
  return chunk;
}

describe('planOcclusion', () => {
  it('removes one word at a time from a short text', () => {
    const text = 'Das ist unverschämt';
    const variants = planOcclusion(chunkOf(text), 24);
    expect(variants.map((v) => v.text)).toEqual(['ist unverschämt', 'Das unverschämt', 'Das ist']);
    expect(variants.map((v) => text.slice(v.start, v.end))).toEqual(['Das', 'ist', 'unverschämt']);
  });

  it('stays within the budget and still covers every word of a long text', () => {
    const text = Array.from({ length: 200 }, (_, i) => `wort${i}`).join(' ');
    const variants = planOcclusion(chunkOf(text), 16);
    expect(variants.length).toBeLessThanOrEqual(16);
    const covered = new Set<number>();
    for (const v of variants) {
      for (const match of text.slice(v.start, v.end).matchAll(/wort(\d+)/g)) covered.add(Number(match[1]));
    }
    expect(covered.size).toBe(200);
  });

  it('plans nothing for a one-word text or a zero budget', () => {
    expect(planOcclusion(chunkOf('Danke'), 24)).toEqual([]);
    expect(planOcclusion(chunkOf('Das ist unverschämt'), 0)).toEqual([]);
  });
});

describe('scoreOcclusion', () => {
  it('finds the words whose removal lowers the label', () => {
    const text = 'Hallo, die Lieferung ist unverschämt spät und ich warte immer noch.';
    const chunk = chunkOf(text);
    const variants = planOcclusion(chunk, 24);
    const spans = scoreOcclusion(
      text,
      fakeMood(text),
      variants,
      variants.map((v) => fakeMood(v.text)),
      ['angry', 'frustrated'],
    );
    const angry = spans.filter((s) => s.label === 'angry').map((s) => text.slice(s.start, s.end));
    expect(angry.length).toBeGreaterThan(0);
    expect(angry).toEqual(['unverschämt']);
    const frustrated = spans.filter((s) => s.label === 'frustrated').map((s) => text.slice(s.start, s.end));
    expect(frustrated.join(' ')).toMatch(/warte|immer|noch/);
    for (const span of spans) expect(span.weight).toBeGreaterThan(0);
  });
});

describe('scoreOcclusion trimming', () => {
  it('trims windows to content words and drops windows of greetings and pronouns only', () => {
    const text = 'Hallo, ich freue mich sehr';
    const variants = [
      { text: 'freue mich sehr', start: 0, end: 10 },
      { text: 'Hallo, ich sehr', start: 11, end: 21 },
    ];
    const base = fakeMood('');
    const lower = (happy: number) => ({ ...base, emotions: { ...base.emotions, happy } });
    const withHappy = lower(0.9);
    const spans = scoreOcclusion(text, withHappy, variants, [lower(0.5), lower(0.3)], ['happy']);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['freue']);
  });
});

describe('mergeEvidence', () => {
  it('tightens a model span to the cue inside it and drops cues for labels the model did not choose', () => {
    const text = 'Das ist eine Frechheit, vielen Dank auch.';
    const model: EvidenceSpan[] = [{ label: 'angry', start: 8, end: 22, weight: 0.8 }];
    const merged = mergeEvidence(model, findCues(text, 'de'), ['angry']);
    expect(merged.map((e) => [e.label, text.slice(e.start, e.end)])).toEqual([['angry', 'Frechheit']]);
    expect(merged[0]?.weight).toBe(0.8);
  });

  it('keeps unconfirmed cues at reduced weight and limits spans per label', () => {
    const text = 'Skandal! Frechheit! Unverschämt! Lächerlich! Zumutung!';
    const merged = mergeEvidence([], findCues(text, 'de'), ['angry'], 3);
    expect(merged).toHaveLength(3);
    for (const e of merged) expect(e.weight).toBeLessThan(0.7);
  });

  it('lets emotion cues explain their sentiment pole', () => {
    const text = 'Ich bin wütend.';
    const merged = mergeEvidence([], findCues(text, 'de'), ['negative']);
    expect(merged.map((e) => text.slice(e.start, e.end))).toEqual(['wütend']);
  });
});

describe('findCues', () => {
  it('reads negated praise as negative and ignores sign-offs', () => {
    const text = 'Ich bin nicht zufrieden. Mit freundlichen Grüßen';
    const hits = findCues(text, 'de');
    expect(hits.map((h) => [h.label, text.slice(h.start, h.end)])).toEqual([['negative', 'nicht zufrieden']]);
  });

  it('uses the lexicon of the known language only', () => {
    // "die" is negative in English and an article in German.
    expect(findCues('Die Ware ist da', 'de')).toEqual([]);
    expect(findCues('not happy', 'en').map((h) => h.label)).toEqual(['negative']);
  });
});
