// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { emotionChips, type SentimentResult } from '../../../lib/analysis/types';

const negative: Pick<SentimentResult, 'label' | 'probs'> = {
  label: 'negative',
  probs: { negative: 0.7, neutral: 0.2, positive: 0.1 },
};

describe('emotion chips', () => {
  it('leaves out a weak emotion that contradicts a clearly negative mood', () => {
    const chips = emotionChips(
      [
        { label: 'frustrated', p: 0.57 },
        { label: 'angry', p: 0.44 },
        { label: 'happy', p: 0.37 },
        { label: 'neutral', p: 0.35 },
        { label: 'sad', p: 0.1 },
      ],
      negative,
    );
    expect(chips.map((c) => c.label)).toEqual(['frustrated', 'angry']);
  });

  it('keeps a likely contradicting emotion, and everything when the sentiment is not clear', () => {
    expect(emotionChips([{ label: 'grateful', p: 0.6 }], negative).map((c) => c.label)).toEqual(['grateful']);
    const unsure = { label: 'negative' as const, probs: { negative: 0.45, neutral: 0.3, positive: 0.25 } };
    expect(emotionChips([{ label: 'happy', p: 0.37 }], unsure).map((c) => c.label)).toEqual(['happy']);
    const positive = { label: 'positive' as const, probs: { negative: 0.05, neutral: 0.15, positive: 0.8 } };
    expect(
      emotionChips(
        [
          { label: 'grateful', p: 0.8 },
          { label: 'frustrated', p: 0.35 },
          { label: 'happy', p: 0.4 },
          { label: 'confused', p: 0.31 },
        ],
        positive,
      ).map((c) => c.label),
    ).toEqual(['grateful', 'happy', 'confused']);
  });
});

describe('emotionChips beside the verdict', () => {
  const list = [
    { label: 'confused' as const, p: 0.54 },
    { label: 'grateful' as const, p: 0.38 },
    { label: 'anxious' as const, p: 0.38 },
    { label: 'frustrated' as const, p: 0.31 },
  ];
  const sentiment = { label: 'neutral' as const, probs: { negative: 0.3, neutral: 0.4, positive: 0.3 } };

  it("shows only the state's group, the state's own emotion first", () => {
    expect(emotionChips(list, sentiment, 'anxious').map((c) => c.label)).toEqual(['anxious', 'frustrated']);
    expect(emotionChips(list, sentiment, 'grateful').map((c) => c.label)).toEqual(['grateful']);
    expect(emotionChips(list, sentiment, 'confused').map((c) => c.label)).toEqual(['confused']);
    expect(emotionChips(list, sentiment, 'calm')).toEqual([]);
  });
});
