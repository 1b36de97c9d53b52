// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SentimentLabel } from '../../../lib/analysis/types';
import { checkTone, createToneChecker, hasEmpathyCue, type ToneAnalysis } from '../../../lib/replies/tone-check';
import { mood } from './draft-fixtures';

function analysis(label: SentimentLabel): ToneAnalysis {
  const score = label === 'negative' ? -0.6 : label === 'positive' ? 0.6 : 0;
  return { sentiment: { label, score, probs: { negative: 0.2, neutral: 0.6, positive: 0.2 } } };
}

const upset = mood('negative', 'angry');
const happy = mood('positive', 'grateful');

describe('checkTone', () => {
  it('warns about a curt, cold reply to an upset customer', async () => {
    const result = await checkTone('Order ships Monday.', upset, () => analysis('neutral'));
    expect(result.level).toBe('warn');
    expect(result.label).toBe('curt-and-cold');
    expect(result.reasons.map((r) => r.code)).toEqual(['too-short', 'no-greeting', 'no-acknowledgement', 'no-empathy']);
  });

  it('warns about a long but cold German reply', async () => {
    const text =
      'Guten Tag Frau Schmidt, Ihre Bestellung wurde am Montag versendet und sollte innerhalb von drei bis fünf Werktagen bei Ihnen eintreffen, die Sendungsnummer folgt per E-Mail.';
    const result = await checkTone(text, upset, () => analysis('neutral'));
    expect(result.level).toBe('warn');
    expect(result.label).toBe('cold');
    expect(result.reasons.map((r) => r.code)).toEqual(['no-empathy']);
  });

  it('accepts an empathetic reply in German and English', async () => {
    const de =
      'Hallo Frau Schmidt, es tut mir sehr leid, dass Sie so lange warten mussten. Ich verstehe Ihren Ärger und kümmere mich heute persönlich darum.';
    const en =
      'Hi John, I am really sorry the jar arrived cracked, that is frustrating. Thank you for the photo, I will send a replacement today.';
    for (const text of [de, en]) {
      const result = await checkTone(text, upset, () => analysis('neutral'));
      expect(result).toMatchObject({ level: 'ok', label: 'warm', reasons: [] });
    }
  });

  it('does not warn when the customer is not upset', async () => {
    const result = await checkTone('Ships Monday.', happy, () => analysis('neutral'));
    expect(result.level).toBe('ok');
    expect(result.label).toBe('curt-and-cold');
  });

  it('flags negative sentiment from the mood model', async () => {
    const text =
      'Hello John, this problem is caused by the carrier and there is nothing we can do about it before next week, you will have to wait.';
    const result = await checkTone(text, upset, () => analysis('negative'));
    expect(result.reasons.map((r) => r.code)).toContain('negative-sentiment');
    expect(result.sentiment?.label).toBe('negative');
  });

  it('answers from the cue lists when the analyzer is slower than the budget', async () => {
    let analyzed = false;
    const slow = () =>
      new Promise<ToneAnalysis>((resolve) =>
        setTimeout(() => {
          analyzed = true;
          resolve(analysis('positive'));
        }, 500),
      );
    const result = await checkTone('Sure.', upset, slow, { budgetMs: 20 });
    // Answered before the analyzer was done, not after waiting for it.
    expect(analyzed).toBe(false);
    expect(result.sentiment).toBeUndefined();
    expect(result.reasons.map((r) => r.code)).toContain('analysis-skipped');
    expect(result.level).toBe('warn');
  });

  it('survives an analyzer that throws', async () => {
    const result = await checkTone(
      'Hi John, thanks for waiting and sorry about the delay. Your replacement leaves our warehouse today.',
      upset,
      () => {
        throw new Error('model not loaded');
      },
    );
    expect(result.level).toBe('ok');
    expect(result.reasons.map((r) => r.code)).toEqual(['analysis-skipped']);
  });

  it('knows empathy cues in both languages', () => {
    expect(hasEmpathyCue('Das ist wirklich ärgerlich.')).toBe(true);
    expect(hasEmpathyCue('I apologise for the delay.')).toBe(true);
    expect(hasEmpathyCue('Your order shipped.')).toBe(false);
  });
});

describe('createToneChecker', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('debounces typing and reports only the latest text', async () => {
    vi.useFakeTimers();
    const analyze = vi.fn((_text: string) => analysis('neutral'));
    const results: string[] = [];
    const checker = createToneChecker({
      analyzeText: analyze,
      onResult: (_r, text) => results.push(text),
      delayMs: 200,
    });
    checker.update('H', upset);
    await vi.advanceTimersByTimeAsync(50);
    checker.update('Hi', upset);
    await vi.advanceTimersByTimeAsync(50);
    checker.update('Hi John', upset);
    await vi.advanceTimersByTimeAsync(250);
    expect(analyze).toHaveBeenCalledTimes(1);
    expect(analyze.mock.calls[0]?.[0]).toBe('Hi John');
    expect(results).toEqual(['Hi John']);
  });

  it('drops a result that arrives after a newer keystroke', async () => {
    vi.useFakeTimers();
    const results: string[] = [];
    const analyze = (text: string) =>
      new Promise<ToneAnalysis>((resolve) => setTimeout(() => resolve(analysis('neutral')), text === 'first' ? 30 : 1));
    const checker = createToneChecker({
      analyzeText: analyze,
      onResult: (_r, text) => results.push(text),
      delayMs: 10,
      budgetMs: 1000,
    });
    checker.update('first', upset);
    await vi.advanceTimersByTimeAsync(15);
    checker.update('second', upset);
    await vi.advanceTimersByTimeAsync(100);
    expect(results).toEqual(['second']);
    checker.cancel();
  });
});
