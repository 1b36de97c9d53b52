import type { Emotion } from '../../../lib/analysis/types';
import type { MoodModel, RawMood } from '../../../lib/models/types';

// A deterministic, keyword-driven stand-in for the trained model: each keyword raises its emotion and the sentiment
// pole that emotion belongs to, so tests know exactly which words drive which label.
const keywords: Record<Exclude<Emotion, 'neutral'>, string[]> = {
  angry: ['unverschämt', 'frechheit', 'furious', 'unacceptable', 'wütend', 'ridiculous', 'scam'],
  frustrated: ['still', 'again', 'immer noch', 'schon wieder', 'nobody', 'waiting', 'warte'],
  sad: ['disappointed', 'enttäuscht'],
  anxious: ['worried', 'sorge'],
  confused: ['confused', 'verstehe nicht'],
  grateful: ['thank', 'danke'],
  happy: ['great', 'super', 'perfect', 'perfekt', 'toll', 'love'],
};
const offensiveWords = ['idiot', 'scheiß'];
const negativeEmotions = new Set<Emotion>(['angry', 'frustrated', 'sad', 'anxious']);

function count(text: string, word: string): number {
  return text.split(word).length - 1;
}

/** Scores one text the way the fake model does. */
export function fakeMood(text: string): RawMood {
  const lower = text.toLowerCase();
  const emotionHits = {} as Record<Emotion, number>;
  let negative = 0;
  let positive = 0;
  for (const [emotion, words] of Object.entries(keywords) as [Exclude<Emotion, 'neutral'>, string[]][]) {
    const hits = words.reduce((acc, w) => acc + count(lower, w), 0);
    emotionHits[emotion] = hits;
    if (negativeEmotions.has(emotion)) negative += hits;
    else if (emotion !== 'confused') positive += hits;
  }
  const offensiveHits = offensiveWords.reduce((acc, w) => acc + count(lower, w), 0);
  negative += offensiveHits;
  const logits = { negative: 1.5 * negative, neutral: 1, positive: 1.5 * positive };
  const sum = Math.exp(logits.negative) + Math.exp(logits.neutral) + Math.exp(logits.positive);
  const anyEmotion = Object.values(emotionHits).some((h) => h > 0);
  const emotions = {
    angry: 0,
    frustrated: 0,
    sad: 0,
    anxious: 0,
    confused: 0,
    grateful: 0,
    happy: 0,
    neutral: anyEmotion ? 0.1 : 0.9,
  } satisfies Record<Emotion, number>;
  for (const [emotion, hits] of Object.entries(emotionHits) as [Emotion, number][]) {
    emotions[emotion] = hits > 0 ? 1 - 0.35 ** hits : 0.02;
  }
  return {
    sentiment: {
      negative: Math.exp(logits.negative) / sum,
      neutral: Math.exp(logits.neutral) / sum,
      positive: Math.exp(logits.positive) / sum,
    },
    emotions,
    offensive: offensiveHits > 0 ? 0.9 : 0.05,
  };
}

/** A fake `MoodModel` that records every call, can be slowed down, and honours the abort signal. */
export class FakeMoodModel implements MoodModel {
  readonly id = 'fake-keywords';
  readonly maxTokens: number;
  readonly calls: string[][] = [];
  delayMs = 0;
  failWith: Error | undefined;

  constructor(maxTokens = 128) {
    this.maxTokens = maxTokens;
  }

  get textsClassified(): number {
    return this.calls.reduce((acc, c) => acc + c.length, 0);
  }

  async classify(texts: string[], signal?: AbortSignal): Promise<RawMood[]> {
    this.calls.push([...texts]);
    if (this.delayMs > 0) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, this.delayMs);
        signal?.addEventListener(
          'abort',
          () => {
            clearTimeout(timer);
            reject(signal.reason);
          },
          { once: true },
        );
      });
    }
    if (this.failWith) throw this.failWith;
    return texts.map(fakeMood);
  }
}
