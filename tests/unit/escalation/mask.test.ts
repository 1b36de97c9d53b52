import { describe, expect, it } from 'vitest';
import { isIbanValid, isLuhnValid, maskPersonalData } from '../../../lib/escalation/mask';

describe('maskPersonalData', () => {
  it('masks email addresses', () => {
    expect(maskPersonalData('Schreiben Sie an anna.weber+shop@mail.example.de oder info@shop.com.')).toBe(
      'Schreiben Sie an [email] oder [email].',
    );
  });

  it.each([
    ['Call me on +49 171 2345678 please', 'Call me on [phone] please'],
    ['Tel. 0171 2345678', 'Tel. [phone]'],
    ['Festnetz 030/1234567.', 'Festnetz [phone].'],
    ['Büro (030) 123 4567', 'Büro [phone]'],
    ['+49 (0) 30 12345-67 ab 9 Uhr', '[phone] ab 9 Uhr'],
    ['0049 89 1234567', '[phone]'],
    ['UK: +44 20 7946 0958', 'UK: [phone]'],
  ])('masks the phone number in %s', (input, expected) => {
    expect(maskPersonalData(input)).toBe(expected);
  });

  it('masks IBANs with or without spaces, and mistyped German ones, keeping the last four', () => {
    expect(maskPersonalData('IBAN: DE89 3704 0044 0532 0130 00, BIC COBADEFFXXX')).toBe(
      'IBAN: [IBAN …3000], BIC COBADEFFXXX',
    );
    expect(maskPersonalData('auf DE89370400440532013000 bitte')).toBe('auf [IBAN …3000] bitte');
    expect(maskPersonalData('GB29 NWBK 6016 1331 9268 19')).toBe('[IBAN …6819]');
    // One digit wrong: the checksum fails, but it is still this customer's account.
    expect(maskPersonalData('DE89 3704 0044 0532 0130 01')).toBe('[IBAN …3001]');
  });

  it('masks card numbers only when the Luhn check passes', () => {
    expect(maskPersonalData('Karte 4111 1111 1111 1111 wurde belastet')).toBe('Karte [card …1111] wurde belastet');
    expect(maskPersonalData('card 5500-0000-0000-0004')).toBe('card [card …0004]');
    expect(maskPersonalData('Sendungsnummer 1234 5678 9012 3456')).toBe('Sendungsnummer 1234 5678 9012 3456');
  });

  it('leaves dates, prices, times and order numbers alone', () => {
    const text = 'Bestellt am 05.11.2024 bzw. 05/11/2024 um 14:30 für 1.299,00 €, Bestellung #100234567.';
    expect(maskPersonalData(text)).toBe(text);
    expect(maskPersonalData('Auftrag 0012345678 und Tel. 0171 2345678', { keep: ['0012345678'] })).toBe(
      'Auftrag 0012345678 und Tel. [phone]',
    );
  });
});

describe('checksums', () => {
  it('checks Luhn and IBAN mod-97', () => {
    expect(isLuhnValid('4111111111111111')).toBe(true);
    expect(isLuhnValid('4111111111111112')).toBe(false);
    expect(isIbanValid('DE89 3704 0044 0532 0130 00')).toBe(true);
    expect(isIbanValid('DE89 3704 0044 0532 0130 01')).toBe(false);
  });
});
