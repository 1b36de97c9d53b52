// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../lib/analysis/language';

describe('detectLanguage', () => {
  it.each([
    ['Hallo, wo bleibt meine Bestellung? Ich warte seit zwei Wochen.', 'de'],
    ['Hello, where is my order? I have been waiting for two weeks.', 'en'],
    ['Danke!', 'de'],
    ['Thanks!', 'en'],
    ['Paket beschädigt', 'de'],
    ['Größe passt nicht', 'de'],
    ['Package damaged, need a refund', 'en'],
    ['Ich habe die falsche Größe bekommen, please send the right one asap', 'de'],
    ['I got the wrong size, bitte schnell', 'en'],
    ['Bonjour, je voudrais retourner ma commande, merci', 'other'],
    ['Hola, quiero devolver el pedido, gracias', 'other'],
    ['Здравствуйте, где мой заказ?', 'other'],
  ])('%s → %s', (text, expected) => {
    expect(detectLanguage(text).language).toBe(expected);
  });

  it('says other with no confidence for text without letters', () => {
    for (const text of ['', '   ', '😡😡😡', '12345 !!!', '\u200b']) {
      const guess = detectLanguage(text);
      expect(guess.language).toBe('other');
      expect(guess.confidence).toBe(0);
    }
  });

  it('is surer of a long message than of a two-word one', () => {
    const short = detectLanguage('Paket kaputt');
    const long = detectLanguage('Das Paket ist leider kaputt angekommen und ich möchte mein Geld zurück haben.');
    expect(long.language).toBe('de');
    expect(long.confidence).toBeGreaterThan(short.confidence);
  });

  it('stays fast on a huge text', () => {
    const guess = detectLanguage('Das ist nicht in Ordnung. '.repeat(40_000));
    expect(guess.language).toBe('de');
  });
});
