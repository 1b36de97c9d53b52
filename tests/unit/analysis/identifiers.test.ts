// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { type IdentifierKind, identifierRanges } from '../../../lib/analysis/identifiers';
import type { Language } from '../../../lib/analysis/types';

/** The ranges of one kind as the text they cover. */
function of(kind: IdentifierKind, text: string, language: Language = 'other', names: string[] = []): string[] {
  return identifierRanges(text, names, language)
    .filter((r) => r.kind === kind)
    .map((r) => text.slice(r.start, r.end));
}

describe('identifierRanges', () => {
  it('finds order numbers, voucher and tracking codes, amounts and times', () => {
    const text =
      'Order #A-55812, Rechnung RE-2026-004512, Gutschein HAPPY15, Seriennummer KP5-2208-113947, UPS 1Z999AA10123456784, 649,00 € um 11:30, a 3-seater.';
    expect(of('code', text)).toEqual([
      '#A-55812',
      'RE-2026-004512',
      'HAPPY15',
      'KP5-2208-113947',
      'UPS',
      '1Z999AA10123456784',
      '3-seater',
    ]);
    expect(of('number', text)).toEqual(['649,00', '11:30']);
  });

  it('takes short capitals for abbreviations but not shouted words', () => {
    expect(of('code', 'DHL says NOTHING, AGAIN. WTF. Not OK.', 'en')).toEqual(['DHL']);
  });

  it('finds e-mail addresses and links', () => {
    const text = 'Mail lea.maier@example.com, see https://nordwind-shop.example/a?b=1 or www.example.de.';
    expect(of('email', text)).toEqual(['lea.maier@example.com']);
    expect(of('url', text)).toContain('https://nordwind-shop.example/a?b=1');
    expect(of('url', text)).toContain('www.example.de');
  });

  it('finds names after greetings, titles and sign-offs, on their own lines, and the names given', () => {
    const en = 'Hi Tom,\n\nmy order is late. I told Rachel already.\n\nBest, Oliver';
    expect(of('name', en, 'en', ['Rachel Nguyen'])).toEqual(['Tom', 'Rachel', 'Oliver']);
    const de =
      'Sehr geehrte Frau Demir,\n\nich bin enttäuscht.\n\nMit freundlichen Grüßen\nKlaus Bergmann\n\nDr. Klaus Bergmann\nLindenstraße 14';
    expect(of('name', de, 'de')).toEqual(expect.arrayContaining(['Demir', 'Klaus', 'Bergmann']));
    expect(of('name', 'Tom,\n\nit is Friday and still nothing.\n\nOliver', 'en')).toEqual(['Tom', 'Oliver']);
    expect(of('name', 'Hallo liebes Nordwind-Team,\nder Code geht nicht.\nLG Lea', 'de')).toEqual([
      'Nordwind',
      'Team',
      'Lea',
    ]);
  });

  it('does not take a feeling word alone on a line for a name', () => {
    expect(of('name', 'Seriously,\n\nthis is the third time.\n\nUnacceptable', 'en')).toEqual([]);
    expect(of('name', 'Unverschämt!\nIch warte seit Wochen.', 'de')).toEqual([]);
  });

  it('marks greeting lines, pleasantries and the sign-off with its signature as formulas', () => {
    const text =
      'Good morning,\n\nI hope you are well. The sofa is late.\n\nMany thanks in advance,\nOliver Bennett\n+49 30 1234567';
    expect(of('formula', text, 'en')).toEqual([
      'Good morning',
      'I hope you are well',
      'Many thanks in advance,',
      'Oliver Bennett',
      '+49 30 1234567',
    ]);
    // A greeting that runs on into the message is a formula only up to the name.
    expect(of('formula', 'Hi Lena, sure – video attached.', 'en')).toEqual(['Hi Lena']);
    expect(of('formula', 'Hey, this is ridiculous and I want a refund now', 'en')).toEqual(['Hey']);
  });
});
