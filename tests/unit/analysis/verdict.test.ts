// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { StateCue, StateCueKind } from '../../../lib/analysis/state-cues';
import type { ConversationMood, Emotion, MessageMood, UrgencyReasonKind } from '../../../lib/analysis/types';
import {
  applyMoodCorrection,
  deriveConversationState,
  deriveState,
  isUpsetState,
  type StateInputs,
} from '../../../lib/analysis/verdict';
import { toBadgeMood } from '../../../lib/panel/tab-states';

function emotions(values: Partial<Record<Emotion, number>>): Record<Emotion, number> {
  return {
    angry: 0,
    frustrated: 0,
    sad: 0,
    anxious: 0,
    confused: 0,
    grateful: 0,
    happy: 0,
    neutral: 0,
    ...values,
  };
}

function cue(kind: StateCueKind): StateCue {
  return { kind, phrase: kind, start: 0, end: kind.length };
}

function inputs(
  values: Partial<Record<Emotion, number>>,
  sentiment: Partial<StateInputs['sentiment']> = {},
  extra: { cues?: StateCueKind[]; kinds?: UrgencyReasonKind[]; offensive?: boolean } = {},
): StateInputs {
  return {
    emotions: emotions(values),
    sentiment: { negative: 0.1, neutral: 0.8, positive: 0.1, ...sentiment },
    offensive: extra.offensive ?? false,
    urgencyKinds: extra.kinds ?? [],
    cues: (extra.cues ?? []).map(cue),
  };
}

describe('deriveState: the customer state as a careful agent names it', () => {
  it('a stronger neutral wins over a weak emotion', () => {
    expect(deriveState(inputs({ neutral: 0.6, frustrated: 0.4 }))).toBe('calm');
    expect(deriveState(inputs({ neutral: 0.3, frustrated: 0.55 }))).toBe('frustrated');
  });

  it('negative wording alone does not make a polite question upset', () => {
    const state = deriveState(inputs({ neutral: 0.55, sad: 0.2 }, { negative: 0.55, neutral: 0.4, positive: 0.05 }));
    expect(state).toBe('calm');
    expect(isUpsetState(state)).toBe(false);
  });

  it('a plainly negative complaint with no emotion named reads frustrated', () => {
    expect(deriveState(inputs({ neutral: 0.5 }, { negative: 0.8, neutral: 0.15, positive: 0.05 }))).toBe('frustrated');
  });

  it('worry about a deadline or a gift reads anxious even when the model says confused or grateful', () => {
    expect(deriveState(inputs({ confused: 0.45, grateful: 0.4 }, {}, { cues: ['anxiety'] }))).toBe('anxious');
  });

  it('sarcasm after a failure reads frustrated, or angry when the model reads anger clearly', () => {
    expect(deriveState(inputs({ happy: 0.8 }, { positive: 0.8 }, { cues: ['sarcasm'] }))).toBe('frustrated');
    expect(deriveState(inputs({ angry: 0.7, frustrated: 0.4 }, {}, { cues: ['sarcasm'] }))).toBe('angry');
  });

  it('legal and payment threats and abuse are anger; threats to leave and counted attempts frustration', () => {
    expect(deriveState(inputs({ neutral: 0.7 }, {}, { kinds: ['legal-threat'] }))).toBe('angry');
    expect(deriveState(inputs({ neutral: 0.7 }, {}, { kinds: ['chargeback-threat'] }))).toBe('angry');
    expect(deriveState(inputs({ neutral: 0.7 }, {}, { offensive: true }))).toBe('angry');
    expect(deriveState(inputs({ neutral: 0.7 }, {}, { kinds: ['cancellation-threat'] }))).toBe('frustrated');
    expect(deriveState(inputs({ neutral: 0.7 }, {}, { kinds: ['public-review'] }))).toBe('frustrated');
    expect(deriveState(inputs({ neutral: 0.7 }, {}, { cues: ['failed-attempts'] }))).toBe('frustrated');
  });

  it('a calm acceptance is calm unless the model is sure of a feeling', () => {
    expect(deriveState(inputs({ frustrated: 0.45, neutral: 0.3 }, {}, { cues: ['calm-acceptance'] }))).toBe('calm');
    expect(deriveState(inputs({ angry: 0.8 }, {}, { cues: ['calm-acceptance'] }))).toBe('angry');
  });

  it('a confused question is confused, not upset', () => {
    expect(deriveState(inputs({ confused: 0.5, neutral: 0.3 }))).toBe('confused');
    expect(deriveState(inputs({ neutral: 0.7 }, {}, { cues: ['confusion'] }))).toBe('confused');
  });
  it('a confused question beats a worry the model is unsure of, not one it is sure of or one the words state', () => {
    expect(deriveState(inputs({ anxious: 0.5, neutral: 0.44 }, {}, { cues: ['confusion'] }))).toBe('confused');
    expect(deriveState(inputs({ anxious: 0.8, neutral: 0.1 }, {}, { cues: ['confusion'] }))).toBe('anxious');
    expect(deriveState(inputs({ anxious: 0.4 }, {}, { cues: ['confusion', 'anxiety'] }))).toBe('anxious');
  });

  it('thanks for something done reads grateful even when the model misses it, unless it is a complaint', () => {
    expect(deriveState(inputs({ neutral: 0.75, confused: 0.4 }, {}, { cues: ['gratitude'] }))).toBe('grateful');
    expect(deriveState(inputs({ neutral: 0.3, happy: 0.7 }, {}, { cues: ['gratitude'] }))).toBe('happy');
    expect(deriveState(inputs({ frustrated: 0.7 }, { negative: 0.8, neutral: 0.1 }, { cues: ['gratitude'] }))).toBe(
      'frustrated',
    );
  });

  it('a request signed off with thanks is calm, not grateful', () => {
    expect(deriveState(inputs({ grateful: 0.53, neutral: 0.52 }, {}, { cues: ['request'] }))).toBe('calm');
    expect(deriveState(inputs({ grateful: 0.53, neutral: 0.52 }, {}, { cues: ['request', 'gratitude'] }))).toBe(
      'grateful',
    );
  });
});

function messageMood(id: string, state: MessageMood['state'], extra: Partial<MessageMood> = {}): MessageMood {
  return {
    messageId: id,
    role: 'customer',
    language: 'en',
    sentiment: { label: 'neutral', probs: { negative: 0.2, neutral: 0.6, positive: 0.2 }, score: 0 },
    emotions: [],
    offensive: { isOffensive: false, p: 0 },
    urgency: { level: 'normal', reasons: [] },
    evidence: [],
    confidence: 0.8,
    truncated: false,
    state,
    stateSource: 'engine',
    ...extra,
  };
}

describe('deriveConversationState', () => {
  it('weighs the latest customer message most', () => {
    const state = deriveConversationState([
      { mood: messageMood('1', 'calm'), calmAcceptance: false },
      { mood: messageMood('2', 'frustrated'), calmAcceptance: false },
      { mood: messageMood('3', 'angry'), calmAcceptance: false },
    ]);
    expect(state).toBe('angry');
  });

  it('a calm acceptance after an angry thread closes it calm', () => {
    const state = deriveConversationState([
      { mood: messageMood('1', 'angry'), calmAcceptance: false },
      { mood: messageMood('2', 'frustrated'), calmAcceptance: false },
      { mood: messageMood('3', 'calm'), calmAcceptance: true },
    ]);
    expect(state).toBe('calm');
  });

  it('one calm line does not wash out an angry thread', () => {
    const state = deriveConversationState([
      { mood: messageMood('1', 'angry'), calmAcceptance: false },
      { mood: messageMood('2', 'angry'), calmAcceptance: false },
      { mood: messageMood('3', 'calm', { confidence: 0.3 }), calmAcceptance: false },
    ]);
    expect(state).toBe('angry');
  });
});

function conversationMood(state: MessageMood['state']): ConversationMood {
  const messages = { m1: messageMood('m1', 'angry'), m2: messageMood('m2', state) };
  return {
    current: {
      sentiment: { label: 'negative', probs: { negative: 0.7, neutral: 0.2, positive: 0.1 }, score: -0.6 },
      dominantEmotion: 'frustrated',
      emotions: [],
      state,
      stateSource: 'engine',
      upset: isUpsetState(state),
    },
    trajectory: 'steady',
    series: [-0.6, -0.6],
    confidence: 0.8,
    urgency: { level: 'normal', reasons: [] },
    offensive: false,
    language: 'en',
    messages,
  };
}

describe('one verdict everywhere', () => {
  it('the badge names the headline state; orange "upset" only for frustrated or sad', () => {
    const cases: [MessageMood['state'], string][] = [
      ['angry', 'angry'],
      ['frustrated', 'upset'],
      ['sad', 'upset'],
      ['anxious', 'anxious'],
      ['confused', 'neutral'],
      ['calm', 'neutral'],
      ['grateful', 'positive'],
      ['happy', 'positive'],
    ];
    for (const [state, label] of cases) {
      const badge = toBadgeMood(conversationMood(state));
      expect(badge?.label).toBe(label);
      expect(badge?.state).toBe(state);
    }
  });

  it("the agent's correction becomes the verdict the badge shows", () => {
    const corrected = applyMoodCorrection(conversationMood('frustrated'), { conversation: 'anxious', messages: {} });
    expect(corrected.current.state).toBe('anxious');
    expect(corrected.current.stateSource).toBe('agent');
    expect(corrected.current.upset).toBe(true);
    expect(toBadgeMood(corrected)?.label).toBe('anxious');
  });

  it('a corrected latest message carries the headline when the conversation itself was not corrected', () => {
    const corrected = applyMoodCorrection(conversationMood('frustrated'), { messages: { m2: 'confused' } });
    expect(corrected.messages.m2?.state).toBe('confused');
    expect(corrected.messages.m1?.stateSource).toBe('engine');
    expect(corrected.current.state).toBe('confused');
    expect(corrected.current.upset).toBe(false);
  });
});
