// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  extractConversationFacts,
  extractFromText,
  parseCustomerName,
  parseLocaleNumber,
} from '../../../../lib/replies/templates/extract';
import { makeConversation } from './conversation';

describe('order and invoice numbers', () => {
  it.each([
    ['Meine Bestellnummer 10023456 ist nicht angekommen.', '10023456'],
    ['Bestellung Nr. 10023456 vom 12.03.2024', '10023456'],
    ['Bestell-Nr.: 10023456', '10023456'],
    ['Ihre Bestellung mit der Nummer 7788990', '7788990'],
    ['Auftragsnummer 55-2024-0001', '55-2024-0001'],
    ['my order #A-55812 never arrived', 'A-55812'],
    ['Order number: 998877', '998877'],
    ['order no. 4711-22', '4711-22'],
    ['Re: #100234 where is it?', '100234'],
  ])('finds the order number in %j', (text, expected) => {
    expect(extractFromText(text).orderNumbers).toEqual([expected]);
  });

  it.each([
    ['Rechnung RE-2024-00123 ist falsch', 'RE-2024-00123'],
    ['Rechnungsnummer: 4711/2024', '4711/2024'],
    ['invoice INV-88123 shows the wrong address', 'INV-88123'],
    ['see RE-2024-0042 attached', 'RE-2024-0042'],
  ])('finds the invoice number in %j', (text, expected) => {
    expect(extractFromText(text).invoiceNumbers).toEqual([expected]);
  });

  it('does not take dates, amounts or quantities for order numbers', () => {
    const facts = extractFromText('Meine Bestellung vom 12.03.2024 über 49,90 € mit 2 Artikeln, order from 2023');
    expect(facts.orderNumbers).toEqual([]);
    expect(facts.invoiceNumbers).toEqual([]);
  });
});

describe('tracking numbers', () => {
  it.each([
    ['UPS: 1Z999AA10123456784', '1Z999AA10123456784', 'UPS'],
    ['Die DHL Sendungsnummer lautet 00340434161094012345', '00340434161094012345', 'DHL'],
    ['Sendungsnummer 00340434161094012345', '00340434161094012345', 'DHL'],
    ['Paket RR123456789DE kam nie an', 'RR123456789DE', 'DHL'],
    ['Hermes Sendungsnummer: 12345678901234', '12345678901234', 'Hermes'],
    ['Hermes H1002340011234560123', 'H1002340011234560123', 'Hermes'],
    ['DPD Paketnummer 01234567890123', '01234567890123', 'DPD'],
    ['GLS tracking number 123456789012', '123456789012', 'GLS'],
  ])('finds %j', (text, value, carrier) => {
    expect(extractFromText(text).trackingNumbers).toEqual([{ value, carrier }]);
  });

  it('needs a keyword for plain digit runs, and never reuses an order number', () => {
    expect(extractFromText('Rufen Sie mich an: 01701234567890').trackingNumbers).toEqual([]);
    const facts = extractFromText('Bestellung 10023456, Tracking: 10023456');
    expect(facts.orderNumbers).toEqual(['10023456']);
    expect(facts.trackingNumbers).toEqual([]);
  });

  it('assigns each number the carrier named closest to it', () => {
    expect(extractFromText('DPD Paketnummer 01234567890123, GLS 123456789012').trackingNumbers).toEqual([
      { value: '01234567890123', carrier: 'DPD' },
      { value: '123456789012', carrier: 'GLS' },
    ]);
  });
});

describe('amounts and dates', () => {
  it.each([
    ['1.234,56', 1234.56],
    ['1,234.56', 1234.56],
    ['49,90', 49.9],
    ['5.99', 5.99],
    ['1.234', 1234],
    ['1 234,50', 1234.5],
    ['20,-', 20],
  ])('reads %s as %d', (text, value) => {
    expect(parseLocaleNumber(text)).toBe(value);
  });

  it('finds money in German and English notation with its currency', () => {
    const facts = extractFromText(
      'Ich habe 1.234,56 € bezahlt, dazu €1,234.56, $12.50, 49,90€, CHF 20.- und 5.99 EUR.',
    );
    expect(facts.amounts.map(({ value, currency }) => [value, currency])).toEqual([
      [1234.56, 'EUR'],
      [1234.56, 'EUR'],
      [12.5, 'USD'],
      [49.9, 'EUR'],
      [20, 'CHF'],
      [5.99, 'EUR'],
    ]);
  });

  it('finds dates and tells order dates apart', () => {
    const facts = extractFromText('Bestellt am 12.03.2024, geliefert werden sollte es am 3. April. ISO: 2024-05-01');
    expect(facts.dates.map(({ day, month, year, isOrderDate }) => [day, month, year, isOrderDate])).toEqual([
      [12, 3, 2024, true],
      [3, 4, undefined, false],
      [1, 5, 2024, false],
    ]);
    const english = extractFromText('I placed the order on March 3rd, 2024; it was due 12 March.');
    expect(english.dates.map(({ day, month, year, isOrderDate }) => [day, month, year, isOrderDate])).toEqual([
      [3, 3, 2024, true],
      [12, 3, undefined, false],
    ]);
  });

  it('leaves slash dates alone because their reading depends on the country', () => {
    expect(extractFromText('delivered 03/04/2024').dates).toEqual([]);
  });
});

describe('customer names', () => {
  it.each([
    [{ name: 'Müller, Anna' }, { firstName: 'Anna', lastName: 'Müller', fullName: 'Anna Müller' }],
    [
      { name: 'Frau Dr. Anna Müller' },
      { firstName: 'Anna', lastName: 'Müller', fullName: 'Anna Müller', title: 'Frau Dr.' },
    ],
    [{ name: 'Herr Prof. Dr. Schmidt' }, { lastName: 'Schmidt', fullName: 'Schmidt', title: 'Herr Prof. Dr.' }],
    [
      { name: 'ANNA-LENA VON DER HEIDE' },
      { firstName: 'Anna-Lena', lastName: 'von der Heide', fullName: 'Anna-Lena von der Heide' },
    ],
    [{ name: '"Anna Müller" (Kundin)' }, { firstName: 'Anna', lastName: 'Müller', fullName: 'Anna Müller' }],
    [{ name: 'A. Müller' }, { lastName: 'Müller', fullName: 'A. Müller' }],
    [{ name: 'Anna Müller, Acme GmbH' }, { firstName: 'Anna', lastName: 'Müller', fullName: 'Anna Müller' }],
    [{ email: 'anna.mueller@example.com' }, { firstName: 'Anna', lastName: 'Mueller', fullName: 'Anna Mueller' }],
    [{ name: 'anna.mueller@example.com' }, {}],
    [
      { name: 'anna.mueller@example.com', email: 'anna.mueller@example.com' },
      { firstName: 'Anna', lastName: 'Mueller', fullName: 'Anna Mueller' },
    ],
    [{ email: 'info@shop.de' }, {}],
    [{ email: 'jsmith@example.com' }, {}],
    [{ name: 'Kunde', email: 'kontakt@example.de' }, {}],
    [{ name: 'Customer 48213' }, {}],
  ])('reads %j', (person, expected) => {
    expect(parseCustomerName(person)).toEqual(expected);
  });
});

describe('extractConversationFacts', () => {
  it('reads customer messages newest first, then the subject, and never agent replies', () => {
    const conversation = makeConversation(
      [
        { text: 'Meine Bestellung 11111111 ist nicht da.' },
        { role: 'agent', text: 'Ist es Bestellung 22222222? Rechnung RE-2024-99999?', author: { name: 'Jonas' } },
        { text: 'Sorry, die richtige Bestellnummer ist 33333333.' },
        { role: 'internal-note', text: 'Tracking 1Z999AA10123456784 gehört zu einem anderen Kunden' },
      ],
      { subject: 'Bestellung 44444444' },
    );
    const facts = extractConversationFacts(conversation);
    expect(facts.orderNumbers.map((found) => found.value)).toEqual(['33333333', '11111111', '44444444']);
    expect(facts.orderNumbers[0]?.messageId).toBe('m3');
    expect(facts.invoiceNumbers).toEqual([]);
    expect(facts.trackingNumbers).toEqual([]);
    expect(facts.customer.firstName).toBe('Anna');
  });

  it('falls back to the customer message author when the adapter has no customer name', () => {
    const conversation = makeConversation([{ text: 'Hallo', author: { name: 'Dr. Jan Berger' } }], {
      customer: {},
    });
    expect(extractConversationFacts(conversation).customer).toMatchObject({ firstName: 'Jan', lastName: 'Berger' });
  });
});
