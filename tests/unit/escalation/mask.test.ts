// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  findPersonalData,
  isCardNumber,
  isIbanValid,
  isLuhnValid,
  isPersonalReference,
  maskPersonalData,
} from '../../../lib/escalation/mask';

// Numbers below are the documented example and test numbers of their issuers: Ofcom's drama ranges (UK), the NANP
// 555-01xx fiction range (US), the card networks' published test cards and the IBAN registry's examples.

describe('phone numbers', () => {
  const phones: Record<string, string[]> = {
    German: [
      '+49 171 2345678',
      '+49 (0) 171 2345678',
      '+49(0)171-2345678',
      '+49-30-1234567',
      '+49 30 12345-67',
      '0049 171 2345678',
      '0049 (0)30 1234567',
      '0171 2345678',
      '0171/2345678',
      '0171-2345678',
      '0171 - 234 56 78',
      '01712345678',
      '0151 23456789',
      '030 / 123 456 78',
      '030/1234567',
      '(030) 123 4567',
      '030-123 456-78',
      '0 30 / 12 34 56 78',
      '089 1234567',
      '0221 123456',
    ],
    Austrian: [
      '+43 1 234 56 78',
      '+43 664 1234567',
      '+43 (0) 664 123 45 67',
      '0043 664 1234567',
      '0664 1234567',
      '0664/123 45 67',
      '01 234 56 78',
      '0316 123456',
    ],
    Swiss: [
      '+41 44 668 18 00',
      '+41 (0)79 123 45 67',
      '0041 79 123 45 67',
      '044 668 18 00',
      '079 123 45 67',
      '031 123 45 67',
    ],
    UK: [
      '+44 20 7946 0958',
      '+44 (0)20 7946 0958',
      '+44 7700 900123',
      '+44 (0)7700 900123',
      '020 7946 0958',
      '(020) 7946 0958',
      '07700 900123',
      '07911 123456',
      '0161 496 0000',
      '0044 20 7946 0958',
    ],
    US: [
      '(415) 555-0132',
      '415-555-0132',
      '415.555.0132',
      '415 555 0132',
      '+1 415 555 0132',
      '+1 (415) 555-0132',
      '+1-415-555-0132',
      '1-415-555-0132',
      '1 (212) 555-0198',
      '+14155550132',
    ],
  };

  for (const [country, numbers] of Object.entries(phones)) {
    it.each(numbers)(`masks the ${country} number %s in German and English sentences`, (phone) => {
      expect(maskPersonalData(`Bitte rufen Sie mich unter ${phone} zurück.`)).toBe(
        'Bitte rufen Sie mich unter [phone] zurück.',
      );
      expect(maskPersonalData(`Reach me at ${phone}, thanks`)).toBe('Reach me at [phone], thanks');
      // Without any phone word around it: the number's own format must be enough.
      expect(maskPersonalData(`Anna Weber\n${phone}\nBerlin`)).toBe('Anna Weber\n[phone]\nBerlin');
    });
  }

  it('masks numbers a phone word announces, even in odd local formats', () => {
    expect(maskPersonalData('Tel.: 12 34 56')).toBe('Tel.: [phone]');
    expect(maskPersonalData('Handy 1761234567 (ohne Null)')).toBe('Handy [phone] (ohne Null)');
    expect(maskPersonalData('call me at 4155550132 tomorrow')).toBe('call me at [phone] tomorrow');
    expect(maskPersonalData('WhatsApp: 0049 176 12345678')).toBe('WhatsApp: [phone]');
    expect(maskPersonalData('meine Nummer ist 0176 1234 5678')).toBe('meine Nummer ist [phone]');
  });

  it('masks several numbers in one line, however they are separated', () => {
    expect(maskPersonalData('Tel 030 1234567 / 0171 2345678; Fax +49 30 1234568')).toBe(
      'Tel [phone] / [phone]; Fax [phone]',
    );
    expect(maskPersonalData('Tel 030 1234567 0171 2345678')).toBe('Tel [phone] [phone]');
    expect(maskPersonalData('tel:+4930123456')).toBe('tel:[phone]');
    expect(maskPersonalData('Lieferung am 05.12. 0171 2345678')).toBe('Lieferung am 05.12. [phone]');
  });
});

describe('email addresses', () => {
  it.each([
    'anna.weber+shop@mail.example.de',
    'ANNA.WEBER@EXAMPLE.COM',
    'jürgen.müller@bücher.de',
    'josé.garcía@correo.es',
    '用户@例子.广告',
    'почта@пример.рф',
    'Ελληνικά@παράδειγμα.ελ',
    'info@xn--bcher-kva.de',
    "o'brien@example.ie",
    'anna.weber(at)web.de',
    'anna.weber (at) web.de',
    'anna.weber [at] web [dot] de',
    'max_mustermann-1980@t-online.de',
  ])('masks %s', (email) => {
    expect(maskPersonalData(`Schreiben Sie an ${email}.`)).toBe('Schreiben Sie an [email].');
    expect(maskPersonalData(`<${email}>`)).toBe('<[email]>');
  });

  it('keeps what is not an address', () => {
    const text = 'Wir treffen uns @ 10 Uhr, Preis 5 € @ Stück, @anna, user@localhost';
    expect(maskPersonalData(text)).toBe(text);
  });
});

describe('IBANs', () => {
  const ibans: Record<string, string> = {
    DE: 'DE89370400440532013000',
    AT: 'AT611904300234573201',
    CH: 'CH9300762011623852957',
    GB: 'GB29NWBK60161331926819',
    FR: 'FR1420041010050500013M02606',
    NL: 'NL91ABNA0417164300',
  };

  function grouped(iban: string, sizes: readonly number[], separator = ' '): string {
    const parts: string[] = [];
    let position = 0;
    for (let index = 0; position < iban.length; index++) {
      const size = sizes[index % sizes.length] ?? 4;
      parts.push(iban.slice(position, position + size));
      position += size;
    }
    return parts.join(separator);
  }

  for (const [country, iban] of Object.entries(ibans)) {
    const lower = iban.toLowerCase();
    const variants = [
      iban,
      lower,
      grouped(iban, [4]),
      grouped(lower, [4]),
      grouped(iban, [6, 3, 5, 2]),
      grouped(lower, [2, 2, 8, 4]),
      grouped(iban, [4], '-'),
      grouped(iban, [4], '.'),
      `${iban.slice(0, 2)} ${iban.slice(2, 4)} ${grouped(iban.slice(4), [4])}`,
      grouped(iban, [4], '\u00A0'),
    ];
    it.each(variants)(`masks the ${country} IBAN written %s, keeping its last four`, (written) => {
      expect(maskPersonalData(`IBAN: ${written}, danke`)).toBe(`IBAN: [IBAN …${iban.slice(-4)}], danke`);
      expect(maskPersonalData(`bitte auf ${written} überweisen`)).toBe(
        `bitte auf [IBAN …${iban.slice(-4)}] überweisen`,
      );
    });
  }

  it('masks a mistyped IBAN that is still the customer account, not random words', () => {
    // One digit wrong: the checksum fails, the account is the customer's all the same.
    expect(maskPersonalData('DE89 3704 0044 0532 0130 01')).toBe('[IBAN …3001]');
    expect(maskPersonalData('IBAN de89 3704 0044 0532 0130 01')).toBe('IBAN [IBAN …3001]');
    // One group short, but announced as an IBAN.
    expect(maskPersonalData('IBAN DE89 3704 0044 0532 0130')).toBe('IBAN [IBAN …0130]');
    expect(maskPersonalData('IBAN DE89370400440532013000bitte')).toBe('IBAN [IBAN …3000]bitte');
    const words = 'am 12 Uhr, de 12 3456 und BIC COBADEFFXXX';
    expect(maskPersonalData(words)).toBe(words);
  });

  it('is never half-masked as a phone number', () => {
    const masked = maskPersonalData('de89 3704 0044 0532 0130 00 oder 0171 2345678');
    expect(masked).toBe('[IBAN …3000] oder [phone]');
  });
});

describe('payment cards', () => {
  const cards: Record<string, [string, number[]]> = {
    Visa: ['4111111111111111', [4, 4, 4, 4]],
    'Visa (second test card)': ['4012888888881881', [4, 4, 4, 4]],
    Mastercard: ['5555555555554444', [4, 4, 4, 4]],
    'Mastercard 2-series': ['2223003122003222', [4, 4, 4, 4]],
    'American Express (15 digits)': ['378282246310005', [4, 6, 5]],
    'American Express Corporate': ['371449635398431', [4, 6, 5]],
    Discover: ['6011111111111117', [4, 4, 4, 4]],
    JCB: ['3530111333300000', [4, 4, 4, 4]],
    'Diners Club (14 digits)': ['30569309025904', [4, 6, 4]],
  };

  function group(digits: string, sizes: number[], separator: string): string {
    const parts: string[] = [];
    let position = 0;
    for (const size of sizes) {
      parts.push(digits.slice(position, position + size));
      position += size;
    }
    return parts.join(separator);
  }

  for (const [brand, [digits, sizes]] of Object.entries(cards)) {
    const variants = [digits, group(digits, sizes, ' '), group(digits, sizes, '-'), group(digits, sizes, '.')];
    it.each(variants)(`masks the ${brand} card %s`, (written) => {
      expect(maskPersonalData(`Karte ${written} wurde belastet`)).toBe(
        `Karte [card …${digits.slice(-4)}] wurde belastet`,
      );
    });
  }

  it('keeps the expiry and what fails the checks', () => {
    expect(maskPersonalData('Karte 4111 1111 1111 1111 12/27')).toBe('Karte [card …1111] 12/27');
    expect(maskPersonalData('Karte 4111 1111 1111 1112')).toBe('Karte 4111 1111 1111 1112');
    // Luhn-valid but no card issuer starts with 1.
    expect(isLuhnValid('1234567812345670')).toBe(true);
    expect(maskPersonalData('Sendungsnummer 1234 5678 1234 5670')).toBe('Sendungsnummer 1234 5678 1234 5670');
  });
});

describe('PII written where an order number belongs', () => {
  it.each([
    ['Bestellung 0171 2345678', 'Bestellung [phone]'],
    ['Bestellnummer: 0171/2345678', 'Bestellnummer: [phone]'],
    ['Bestell-Nr. +49 171 2345678', 'Bestell-Nr. [phone]'],
    ['order #(415) 555-0132', 'order #[phone]'],
    ['order 415-555-0132', 'order [phone]'],
    ['#0171 2345678', '#[phone]'],
    ['Auftrag 07700 900123', 'Auftrag [phone]'],
    ['Bestellung #4111 1111 1111 1111', 'Bestellung #[card …1111]'],
    ['order no. 4111-1111-1111-1111', 'order no. [card …1111]'],
    ['Bestellung 4111.1111.1111.1111', 'Bestellung [card …1111]'],
    ['Bestellnummer: DE89370400440532013000', 'Bestellnummer: [IBAN …3000]'],
    ['order no. gb29 nwbk 6016 1331 9268 19', 'order no. [IBAN …6819]'],
    ['Bestellung anna.weber@example.de', 'Bestellung [email]'],
  ])('masks %s', (input, expected) => {
    expect(maskPersonalData(input)).toBe(expected);
  });

  it.each([
    '#100245',
    'Bestellung #100245',
    'Bestellung 4711-2233',
    'Bestellnummer A-2024-11-3',
    'Bestellnummer 12345678',
    'order #1001',
    'Order #1001 placed on 11/05/2024 for $49.99',
    'Auftrag 0012345678',
    'Bestellung 4155550132',
    'Onlinebestellung 100234567',
    'Rechnung RE-2024-00123 vom 2024-11-30',
    'Kundennummer 0012345678, Ticket #4711',
    'Vertragsnummer 1234567890',
  ])('keeps the genuine order number in %s', (text) => {
    expect(maskPersonalData(text)).toBe(text);
  });

  it('masks the PII next to an order number and keeps the order number', () => {
    expect(maskPersonalData('Auftrag 4711-2233, Tel. 0171 2345678')).toBe('Auftrag 4711-2233, Tel. [phone]');
    expect(
      maskPersonalData('Bestellung #100245: bitte an jürgen.müller@bücher.de, IBAN DE89 3704 0044 0532 0130 00'),
    ).toBe('Bestellung #100245: bitte an [email], IBAN [IBAN …3000]');
  });

  it('reads known order numbers as order numbers without letting them bypass masking', () => {
    // Possible but not an assigned range: masked as a phone in running text, kept where it is a known order number.
    expect(maskPersonalData('Bitte 0999123456 angeben')).toBe('Bitte [phone] angeben');
    expect(maskPersonalData('Bitte 0999123456 angeben', { keep: ['0999123456'] })).toBe('Bitte 0999123456 angeben');
    // A listed "order number" that is a valid phone number is masked all the same.
    expect(maskPersonalData('Bitte 0171 2345678 angeben', { keep: ['0171 2345678'] })).toBe('Bitte [phone] angeben');
    expect(maskPersonalData('4111111111111111', { keep: ['4111111111111111'] })).toBe('[card …1111]');
  });

  it('tells references from personal data', () => {
    expect(isPersonalReference('0171-2345678')).toBe(true);
    expect(isPersonalReference('4111111111111111')).toBe(true);
    expect(isPersonalReference('DE89370400440532013000')).toBe(true);
    expect(isPersonalReference('4711-2233')).toBe(false);
    expect(isPersonalReference('100245')).toBe(false);
    expect(isPersonalReference('A-2024-11-3')).toBe(false);
  });
});

describe('what must stay', () => {
  it.each([
    'Bestellt am 05.12.2026 bzw. 05/12/2026 oder 2026-12-05, geliefert am 5.12.26',
    'um 14:30 Uhr, Öffnungszeiten 9-17 Uhr, 14.30 Uhr',
    'für 1.299,00 €, $1,299.00, 1 299,00 €, EUR 12.345.678,90, 20 % Rabatt, 3x 12,99 €',
    'PLZ 10115 Berlin, 01067 Dresden, A-1010 Wien, CH-8001 Zürich, 80331 München',
    'Sendungsnummer 00340434161094042557, UPS 1Z999AA10123456784, DHL JJD000390007830517453, DHL 340434161094',
    'Hermes 03421234567890, DPD 01234567890123',
    'ISBN 978-3-16-148410-0, Version 1.2.3, IP 192.168.178.1, Zimmer 0815, Menge 12 Stück',
    'Ich bin am 12.03.2025 umgezogen, neue Adresse Hauptstr. 12',
    'https://acme.zendesk.com/agent/tickets/01712345678',
    '2023-2024, Kalenderwoche 49, Artikel 123456789',
    // Product barcodes: 13 digits, and one in ten passes Luhn (4222222222222 does).
    'EAN 4006381333931, Barcode 4222222222222',
  ])('%s', (text) => {
    expect(maskPersonalData(text)).toBe(text);
  });
});

describe('findPersonalData', () => {
  it('reports each kind once, in text order, without overlaps', () => {
    const text = 'anna@example.de 0171 2345678 DE89370400440532013000 4111111111111111';
    expect(findPersonalData(text).map((span) => [span.kind, text.slice(span.start, span.end)])).toEqual([
      ['email', 'anna@example.de'],
      ['phone', '0171 2345678'],
      ['iban', 'DE89370400440532013000'],
      ['card', '4111111111111111'],
    ]);
  });

  it('handles long and hostile input', () => {
    const text = `${'a.'.repeat(20_000)} ${'1 '.repeat(20_000)} ${'DE00 '.repeat(5_000)} ${'a@'.repeat(10_000)} 0171 2345678`;
    expect(maskPersonalData(text).endsWith(' [phone]')).toBe(true);
  });
});

describe('checksums', () => {
  it('checks Luhn, issuers and IBAN mod-97', () => {
    expect(isLuhnValid('4111111111111111')).toBe(true);
    expect(isLuhnValid('4111111111111112')).toBe(false);
    expect(isCardNumber('4111111111111111')).toBe(true);
    expect(isCardNumber('378282246310005')).toBe(true);
    expect(isCardNumber('1234567812345670')).toBe(false);
    expect(isIbanValid('DE89 3704 0044 0532 0130 00')).toBe(true);
    expect(isIbanValid('de89-3704-0044-0532-0130-00')).toBe(true);
    expect(isIbanValid('DE89 3704 0044 0532 0130 01')).toBe(false);
  });
});
