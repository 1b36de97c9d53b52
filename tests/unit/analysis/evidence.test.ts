// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../lib/analysis/analyzer';
import {
  type EvidenceSpan,
  mergeEvidence,
  planOcclusion,
  refineEvidence,
  scoreOcclusion,
} from '../../../lib/analysis/evidence';
import { findCues } from '../../../lib/analysis/lexicon';
import { chunkText } from '../../../lib/analysis/text';
import type { Language } from '../../../lib/analysis/types';
import { conversation, message } from './conversation-fixtures';
import { FakeMoodModel, fakeMood } from './fake-mood-model';

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

/** A span for `label` over the first occurrence of `phrase` in `text` (after `from`, when given). */
function spanOf(text: string, label: string, phrase: string, weight = 0.8, from = 0): EvidenceSpan {
  const start = text.indexOf(phrase, from);
  if (start < 0) throw new Error(`"${phrase}" is not in the text`);
  return { label, start, end: start + phrase.length, weight };
}

/** What `refineEvidence` keeps of spans over `phrases` (label defaults to "negative"), as `label: text` strings. */
function refine(text: string, phrases: (string | [string, string])[], language: Language, names?: string[]) {
  const spans = phrases.map((p) => (typeof p === 'string' ? spanOf(text, 'negative', p) : spanOf(text, p[0], p[1])));
  return refineEvidence(spans, { text, language, ...(names ? { names } : {}) }).map(
    (s) => `${s.label}: ${text.slice(s.start, s.end)}`,
  );
}

describe('refineEvidence: never names, codes, numbers, addresses or formulas', () => {
  it('drops greeting and sign-off names, in English and German', () => {
    const en = 'Hi Tom,\n\nthe parcel is late and I am furious.\n\nBest, Oliver';
    expect(refine(en, ['Tom', 'furious', 'Oliver'], 'en')).toEqual(['negative: furious']);
    const de = 'Hallo Maria,\n\ndas ist eine Frechheit.\n\nViele Grüße\nKlaus Bergmann';
    expect(refine(de, ['Maria', 'Frechheit', 'Klaus Bergmann', 'Viele Grüße'], 'de')).toEqual(['negative: Frechheit']);
  });

  it('drops a name alone on the first or last line, after a title, and the author’s name anywhere', () => {
    const text = 'Tom,\n\nich habe Frau Demir geschrieben und Rachel hat angerufen. Unverschämt!\n\nOliver';
    expect(refine(text, ['Tom', 'Frau Demir', 'Rachel', 'Unverschämt', 'Oliver'], 'de', ['Rachel Nguyen'])).toEqual([
      'negative: Unverschämt',
    ]);
  });

  it('drops codes, order numbers, amounts and abbreviations, and cuts them out of phrases', () => {
    const text =
      'Der Code HAPPY15 ist ungültig! Bestellung #A-55812, Rechnung RE-2026-004512, 649,00 € weg, DHL 00340434161094011223.';
    const spans = ['HAPPY15', '#A-55812', 'RE-2026-004512', '649,00', 'DHL', '00340434161094011223'];
    expect(refine(text, spans, 'de')).toEqual([]);
    expect(refine(text, ['HAPPY15 ist ungültig'], 'de')).toEqual(['negative: ungültig']);
  });

  it('drops e-mail addresses and links', () => {
    const text = 'Write to lea.maier@example.com or see https://nordwind-shop.example/orders/1 — awful.';
    expect(refine(text, ['lea.maier@example.com', 'https://nordwind-shop.example/orders/1'], 'en')).toEqual([]);
  });

  it('drops greeting lines, pleasantries and sign-offs', () => {
    const text = 'Good morning,\n\nI hope you are well. My sofa is late.\n\nMany thanks in advance,\nOliver Bennett';
    expect(
      refine(
        text,
        [
          ['happy', 'Good morning'],
          ['happy', 'hope you are well'],
          ['grateful', 'thanks'],
        ],
        'en',
      ),
    ).toEqual([]);
  });
});

describe('refineEvidence: the customer’s own words only', () => {
  it('drops everything inside quoted reply history and ">" lines', () => {
    const text =
      'Das hilft mir nicht.\n\nAm 01.12.2026 um 13:20 schrieb Nordwind Kundenservice <kundenservice@nordwind-shop.example>:\n> Wir sind begeistert und entschuldigen uns.';
    expect(refine(text, [['happy', 'begeistert'], 'entschuldigen'], 'de')).toEqual([]);
    const lines = '> We are so sorry.\nThis is ridiculous.';
    expect(refine(lines, [['sad', 'so sorry'], 'ridiculous'], 'en')).toEqual(['negative: ridiculous']);
  });

  it('drops the agent’s words quoted inline, and keeps one quoted feeling word as the customer’s emphasis', () => {
    const text = 'You wrote "we are so sorry, it arrives tomorrow" and nothing happened. This is "unacceptable".';
    expect(refine(text, [['sad', 'so sorry'], 'unacceptable'], 'en')).toEqual(['negative: unacceptable']);
    const de = 'Sie schrieben: „Wir bedauern das sehr.“ Passiert ist nichts.';
    expect(refine(de, [['sad', 'bedauern']], 'de')).toEqual([]);
  });
});

describe('refineEvidence: phrases, not stop words', () => {
  it('drops spans of function words and negators that stand alone', () => {
    const text = 'Das ist so. Nein, nicht. I am here. Not.';
    expect(refine(text, ['Das ist', 'nicht', 'I am', 'Not'], 'de')).toEqual([]);
  });

  it('extends English weak words to the phrase they belong to', () => {
    const text = 'The app is not working. You sent me the wrong size again. I am still waiting for my refund.';
    expect(refine(text, ['not', ['frustrated', 'again'], ['frustrated', 'still']], 'en')).toEqual([
      'negative: not working',
      'frustrated: wrong size again',
      'frustrated: still waiting',
    ]);
  });

  it('extends German negators backward after the verb and forward before their word', () => {
    const text = 'Die App funktioniert nicht. Ich bin nicht zufrieden. Ich warte immer noch. Schon wieder kaputt!';
    expect(refine(text, ['nicht', ['frustrated', 'immer noch']], 'de')).toEqual([
      'negative: funktioniert nicht',
      'frustrated: warte immer noch',
    ]);
    const spans = [
      spanOf(text, 'negative', 'nicht', 0.8, text.indexOf('Ich bin')),
      spanOf(text, 'frustrated', 'wieder'),
    ];
    expect(refineEvidence(spans, { text, language: 'de' }).map((s) => text.slice(s.start, s.end))).toEqual([
      'nicht zufrieden',
      'wieder kaputt',
    ]);
  });

  it('keeps an intensifier only beside a feeling word', () => {
    const text = 'This is really frustrating. So the repair has not even started.';
    expect(refine(text, ['really frustrating', ['confused', 'So the repair has not even started']], 'en')).toEqual([
      'negative: really frustrating',
      'confused: not even started',
    ]);
  });

  it('drops neutral nouns the model leaned on unless a feeling word is in the phrase', () => {
    const de = 'Das Paket ist angekommen, die Vase ist zerbrochen. Ein Desaster.';
    expect(refine(de, ['Paket', 'Paket ist angekommen'], 'de')).toEqual([]);
    const en = 'My parcel arrived in the evening. The parcel is a disaster.';
    expect(refine(en, ['parcel', 'evening', 'parcel is a disaster'], 'en')).toEqual(['negative: parcel is a disaster']);
  });

  it('keeps spans within one sentence and merges same-label spans that only function words separate', () => {
    const text = 'This is ridiculous. The parcel arrived. This is unacceptable and I am fed up.';
    expect(
      refine(text, ['ridiculous. The parcel arrived', ['angry', 'unacceptable'], ['angry', 'fed up']], 'en'),
    ).toEqual(['negative: ridiculous', 'angry: unacceptable and I am fed up']);
  });
});

describe('mergeEvidence with a context', () => {
  it('refines cue hits and model spans before choosing the strongest', () => {
    const text = 'Hallo Lea,\n\nder Gutschein HAPPY15 funktioniert schon wieder nicht. Das ist ärgerlich.\n\nLG Tom';
    const model: EvidenceSpan[] = [spanOf(text, 'frustrated', 'HAPPY15', 0.9), spanOf(text, 'frustrated', 'Tom', 0.9)];
    const merged = mergeEvidence(model, findCues(text, 'de'), ['frustrated'], 3, { text, language: 'de' });
    expect(merged.map((e) => text.slice(e.start, e.end))).toEqual(['funktioniert schon wieder nicht', 'ärgerlich']);
  });
});

describe('the analyzer’s evidence', () => {
  it('gives agent messages none, and a customer none from the agent’s words quoted back', async () => {
    const analyzer = createAnalyzer(new FakeMoodModel());
    const agentText = 'Das ist unverschämt von DHL, ich warte immer noch auf deren Antwort. Bis Freitag sofort!';
    const customerText =
      'Ich warte immer noch, das ist unverschämt.\n\nAm 01.12.2026 um 13:20 schrieb Nordwind <support@nordwind.example>:\n> Wir melden uns bis Freitag, entschuldigen Sie die Frechheit.';
    const mood = await analyzer.analyze(
      conversation([message('agent', agentText, 'q1'), message('customer', customerText, 'q2')]),
    );
    expect(mood.messages.q1?.evidence).toEqual([]);
    const customer = mood.messages.q2;
    const history = customerText.indexOf('Am 01.12.2026');
    expect(customer?.evidence.length).toBeGreaterThan(0);
    for (const e of customer?.evidence ?? [])
      expect(e.end, customerText.slice(e.start, e.end)).toBeLessThanOrEqual(history);
    // The agent's deadline, quoted back, is not the customer's urgency.
    expect(customer?.urgency.reasons.map((r) => r.phrase)).not.toContain('bis Freitag');
  });
});
