import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../lib/analysis/sentences';

describe('splitSentences on German dates', () => {
  it('keeps day-and-month dates inside their sentence, also inside parentheses', () => {
    const text =
      'nach meiner Kündigung zum 30.06. (Bestätigung vom 12.05. liegt mir vor) wurde am 01.07. trotzdem noch der Beitrag abgebucht. Könnten Sie ihn zurücküberweisen?';
    expect(splitSentences(text, 'de').map((sentence) => sentence.text)).toEqual([
      'nach meiner Kündigung zum 30.06. (Bestätigung vom 12.05. liegt mir vor) wurde am 01.07. trotzdem noch der Beitrag abgebucht.',
      'Könnten Sie ihn zurücküberweisen?',
    ]);
  });

  it('still ends a sentence at a date followed by a new sentence', () => {
    const text = 'Das Paket kam am 12.05. Danach habe ich nichts mehr gehört.';
    expect(splitSentences(text, 'de').map((sentence) => sentence.text)).toEqual([
      'Das Paket kam am 12.05.',
      'Danach habe ich nichts mehr gehört.',
    ]);
  });
});
