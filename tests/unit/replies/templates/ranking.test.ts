// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { Emotion } from '../../../../lib/analysis/types';
import { isUpsetState, stateFromEmotion } from '../../../../lib/analysis/verdict';
import type { TemplateRecord } from '../../../../lib/db';
import { type SuggestionContext, suggestTemplates } from '../../../../lib/replies/templates/ranking';
import { packRecordId, STARTER_OWNER } from '../../../../lib/replies/templates/schema';
import { starterTemplates } from '../../../../lib/replies/templates/starter-pack';

function record(partial: Partial<TemplateRecord> & Pick<TemplateRecord, 'id'>): TemplateRecord {
  return {
    title: partial.id,
    body: 'Text',
    language: 'en',
    intents: ['refund'],
    tone: 'neutral',
    owner: 'personal',
    version: 1,
    updatedAt: 0,
    usageCount: 0,
    ...partial,
  };
}

function mood(
  emotion: Emotion,
  label: 'negative' | 'neutral' | 'positive',
  confidence = 0.9,
): SuggestionContext['mood'] {
  const state = stateFromEmotion(emotion);
  return { current: { sentiment: { label }, dominantEmotion: emotion, state, upset: isUpsetState(state) }, confidence };
}

const library = [
  record({ id: 'refund-neutral', intents: ['refund'], tone: 'neutral', usageCount: 40 }),
  record({ id: 'refund-apologetic', intents: ['refund'], tone: 'apologetic' }),
  record({ id: 'refund-warm', intents: ['refund'], tone: 'warm' }),
  record({ id: 'tracking', intents: ['tracking'], tone: 'neutral' }),
  record({ id: 'thanks', intents: ['thank-you'], tone: 'warm' }),
  record({ id: 'refund-de-sie', language: 'de', formality: 'sie', tone: 'apologetic' }),
  record({ id: 'refund-de-du', language: 'de', formality: 'du', tone: 'apologetic' }),
  record({ id: 'deleted', intents: ['refund'], tone: 'apologetic', deletedAt: 5 }),
];

const refundIntent = [
  { intent: 'refund' as const, p: 0.82 },
  { intent: 'complaint' as const, p: 0.1 },
];

describe('suggestTemplates', () => {
  it('puts the apologetic variant first for an angry customer, and says why', () => {
    const [first, ...rest] = suggestTemplates(library, {
      intents: refundIntent,
      mood: mood('angry', 'negative'),
      language: 'en',
      formality: 'sie',
    });
    expect(first?.template.id).toBe('refund-apologetic');
    expect(first?.reasons).toEqual(['matches: refund', 'apologetic tone for an angry customer', 'English']);
    expect(rest.map((s) => s.template.id)).toEqual(['refund-neutral', 'refund-warm']);
  });

  it('puts the warm variant first for a happy customer', () => {
    const suggestions = suggestTemplates(library, {
      intents: refundIntent,
      mood: mood('happy', 'positive'),
      language: 'en',
      formality: 'sie',
    });
    expect(suggestions[0]?.template.id).toBe('refund-warm');
    expect(suggestions[0]?.reasons).toContain('warm tone for a happy customer');
  });

  it('weights intents by probability', () => {
    const suggestions = suggestTemplates(library, {
      intents: [
        { intent: 'tracking', p: 0.7 },
        { intent: 'refund', p: 0.2 },
      ],
      mood: null,
      language: 'en',
      formality: 'sie',
    });
    expect(suggestions.map((s) => s.template.id)).toEqual(['tracking', 'refund-neutral', 'refund-apologetic']);
    expect(suggestions[0]?.reasons).toEqual(['matches: tracking', 'English']);
    expect(suggestions[1]?.reasons).toContain('used 40 times');
  });

  it('uses usage only as a tiebreaker', () => {
    const suggestions = suggestTemplates(library, {
      intents: refundIntent,
      mood: null,
      language: 'en',
      formality: 'sie',
    });
    expect(suggestions[0]?.template.id).toBe('refund-neutral');
    const angry = suggestTemplates(library, {
      intents: refundIntent,
      mood: mood('frustrated', 'negative', 0.3),
      language: 'en',
      formality: 'sie',
    });
    expect(angry[0]?.template.id).toBe('refund-apologetic');
  });

  it('offers German templates for German conversations, only in the conversation’s form of address', () => {
    const sie = suggestTemplates(library, {
      intents: refundIntent,
      mood: mood('angry', 'negative'),
      language: 'de',
      formality: 'sie',
    });
    // The du variant of the same reply is not offered to a Sie customer while the Sie one fits.
    expect(sie.map((s) => s.template.id)).toEqual(['refund-de-sie']);
    expect(sie[0]?.reasons).toContain('German, Sie');
    const du = suggestTemplates(library, { intents: refundIntent, mood: null, language: 'de', formality: 'du' });
    expect(du[0]?.template.id).toBe('refund-de-du');
    expect(du[0]?.reasons).toContain('German, du');
    expect(du.map((s) => s.template.id)).not.toContain('refund-de-sie');
  });

  it('falls back to other languages only when none in the conversation’s language exist', () => {
    const englishOnly = library.filter((t) => t.language === 'en');
    expect(
      suggestTemplates(englishOnly, { intents: refundIntent, mood: null, language: 'de', formality: 'sie' }),
    ).toHaveLength(3);
  });

  it('never suggests deleted templates, and suggests something before the intent model is ready', () => {
    const suggestions = suggestTemplates(library, {
      intents: [],
      mood: mood('grateful', 'positive'),
      language: 'en',
      formality: 'sie',
    });
    expect(suggestions.map((s) => s.template.id)).not.toContain('deleted');
    expect(suggestions[0]?.template.tone).toBe('warm');
    expect(suggestions[0]?.reasons).toContain('warm tone for a grateful customer');
  });

  it('follows the verdict: a complaint read frustrated gets an apology even when no single emotion dominates', () => {
    const complaint: SuggestionContext['mood'] = {
      current: { sentiment: { label: 'negative' }, dominantEmotion: 'neutral', state: 'frustrated', upset: true },
      confidence: 0.9,
    };
    const suggestions = suggestTemplates(library, {
      intents: refundIntent,
      mood: complaint,
      language: 'en',
      formality: 'sie',
    });
    expect(suggestions[0]?.template.id).toBe('refund-apologetic');
    expect(suggestions[0]?.reasons).toContain('apologetic tone for a frustrated customer');
  });

  it('a polite question with negative wording that the verdict reads calm gets no apology', () => {
    const suggestions = suggestTemplates(library, {
      intents: refundIntent,
      mood: mood('neutral', 'negative'),
      language: 'en',
      formality: 'sie',
    });
    expect(suggestions[0]?.template.id).not.toBe('refund-apologetic');
  });

  it('suggests the starter refund template for an angry German refund demand', () => {
    const starter = starterTemplates.map((t) =>
      record({ ...t, id: packRecordId(STARTER_OWNER, t.id), owner: STARTER_OWNER }),
    );
    const [first] = suggestTemplates(starter, {
      intents: [{ intent: 'refund', p: 0.9 }],
      mood: mood('angry', 'negative'),
      language: 'de',
      formality: 'sie',
    });
    expect(first?.template.id).toBe('rapport-starter#refund-apologetic-de');
  });
});

describe('the same reply from two sources', () => {
  it('is suggested once: the team pack’s copy over a personal import of it', () => {
    const imported = record({
      id: 'imported',
      title: 'Refund – sorry',
      body: 'We are sorry.  Your refund…',
      tone: 'apologetic',
    });
    const fromPack = record({
      id: 'from-pack',
      title: 'Refund – sorry',
      body: 'We are sorry. Your refund…',
      tone: 'apologetic',
      owner: 'https://packs.example.org/team.json',
    });
    const suggestions = suggestTemplates([imported, fromPack, ...library], {
      intents: refundIntent,
      mood: mood('angry', 'negative'),
      language: 'en',
      formality: 'sie',
      limit: 10,
    });
    const ids = suggestions.map((s) => s.template.id);
    expect(ids).toContain('from-pack');
    expect(ids).not.toContain('imported');
  });
});

describe('ranking by the request (issue 19)', () => {
  const requestLibrary = [
    record({ id: 'delivery', intents: ['delivery-delay', 'tracking'], tone: 'neutral' }),
    record({ id: 'tracking', intents: ['tracking', 'delivery-delay'], tone: 'neutral' }),
    record({ id: 'cancelled', intents: ['cancellation'], tone: 'apologetic', usageCount: 50 }),
    record({ id: 'damaged', intents: ['damaged-or-wrong-item', 'return', 'complaint'], tone: 'apologetic' }),
    record({ id: 'complaint', intents: ['complaint'], tone: 'apologetic' }),
    record({ id: 'general', intents: ['other'], tone: 'apologetic' }),
    record({ id: 'thanks', intents: ['thank-you'], tone: 'warm' }),
  ];
  const delivery = [
    { intent: 'delivery-delay' as const, p: 0.55 },
    { intent: 'complaint' as const, p: 0.2 },
    { intent: 'other' as const, p: 0.12 },
    { intent: 'cancellation' as const, p: 0.06 },
    { intent: 'thank-you' as const, p: 0.05 },
  ];

  it('puts the main request first even when tone and usage favour another template', () => {
    const [first] = suggestTemplates(requestLibrary, {
      intents: delivery,
      mood: mood('angry', 'negative'),
      language: 'en',
      formality: 'sie',
    });
    expect(first?.template.id).toBe('delivery');
  });

  it('never fills the top three with off-topic templates while on-topic ones exist', () => {
    const ids = suggestTemplates(requestLibrary, {
      intents: delivery,
      mood: mood('angry', 'negative'),
      language: 'en',
      formality: 'sie',
    }).map((s) => s.template.id);
    expect(ids).toEqual(['delivery', 'complaint']);
  });

  it('counts a match on a later intent only when nothing matches on a first one', () => {
    const ids = suggestTemplates(requestLibrary, {
      intents: [{ intent: 'return', p: 0.9 }],
      mood: null,
      language: 'en',
      formality: 'sie',
    }).map((s) => s.template.id);
    expect(ids).toEqual(['damaged']);
  });

  it('offers every template by tone when no intent is known yet', () => {
    const suggestions = suggestTemplates(requestLibrary, {
      intents: [],
      mood: mood('happy', 'positive'),
      language: 'en',
      formality: 'sie',
      limit: 10,
    });
    expect(suggestions).toHaveLength(requestLibrary.length);
    expect(suggestions[0]?.template.id).toBe('thanks');
  });
});
