// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createTranslator, isMessageKey } from '../../../../lib/i18n';
import {
  fillTemplate,
  findMalformedPlaceholders,
  formatAmount,
  formatDate,
  listPlaceholders,
  placeholderCatalog,
} from '../../../../lib/replies/templates/placeholders';
import { makeConversation } from './conversation';

const germanRefund = makeConversation([
  {
    text: 'Guten Tag, meine Bestellung Nr. 10023456 vom 12.03.2024 ist kaputt angekommen. Ich habe 1.234,56 € bezahlt und will mein Geld zurück!',
  },
]);

describe('fillTemplate', () => {
  it('fills names, numbers and the agent from conversation and settings', () => {
    const result = fillTemplate(
      'Hi {{customer.firstName}}, your order {{order.number}} ({{subject}}) is ticket {{ticket.id}}. – {{agent.name}}',
      { language: 'en', conversation: germanRefund, agentName: 'Jonas Weber' },
    );
    expect(result.missing).toEqual([]);
    expect(result.text).toBe('Hi Anna, your order 10023456 (Where is my order?) is ticket 48213. – Jonas Weber');
  });

  it('uses the fallback when nothing is known, and the real value when it is', () => {
    const body = 'Hi {{customer.firstName | "there"}},';
    expect(fillTemplate(body, { language: 'en' }).text).toBe('Hi there,');
    expect(fillTemplate(body, { language: 'en', conversation: germanRefund }).text).toBe('Hi Anna,');
    // Typographic German quotes as word processors write them.
    expect(fillTemplate('Hallo {{customer.firstName | „Kundin“}}', { language: 'de' }).text).toBe('Hallo Kundin');
  });

  it('leaves no stray space when an empty fallback is used', () => {
    const result = fillTemplate('Guten Tag {{customer.name | ""}},\nDanke!', { language: 'de' });
    expect(result.text).toBe('Guten Tag,\nDanke!');
    expect(result.missing).toEqual([]);
  });

  it('lists each missing value once and never returns an unfilled placeholder', () => {
    const body = 'Order {{order.number}}, again {{order.number}}, tracking {{tracking.number}}. {{voucherCode}}';
    const result = fillTemplate(body, { language: 'en' });
    expect(result.missing.map((spec) => spec.key)).toEqual(['order.number', 'tracking.number', 'voucherCode']);
    expect(result.missing[0]?.label.de).toBe('Bestellnummer');
    expect(result.missing[2]).toMatchObject({ kind: 'custom', label: { en: 'Voucher code' } });
    expect(result.text).not.toMatch(/\{\{|\}\}/);
  });

  it('fills missing values from the form’s overrides on the second call', () => {
    const body = 'Order {{order.number}}, code {{custom.voucherCode}}';
    const first = fillTemplate(body, { language: 'en' });
    const overrides = Object.fromEntries(
      first.missing.map((spec) => [spec.key, spec.key === 'order.number' ? 'A-1' : 'SORRY10']),
    );
    const second = fillTemplate(body, { language: 'en', overrides });
    expect(second.missing).toEqual([]);
    expect(second.text).toBe('Order A-1, code SORRY10');
  });

  it('lets overrides win and reads custom fields with or without the custom. prefix', () => {
    const result = fillTemplate('{{order.number}} {{custom.voucherCode}} {{voucherCode}}', {
      language: 'en',
      conversation: germanRefund,
      custom: { voucherCode: 'THANKS5' },
      overrides: { 'order.number': '999' },
    });
    expect(result.text).toBe('999 THANKS5 THANKS5');
  });

  it('asks for a malformed placeholder instead of inserting it', () => {
    const result = fillTemplate('Dear {{first name}}', { language: 'en' });
    expect(result.text).toBe('Dear');
    expect(result.missing.map((spec) => spec.key)).toEqual(['first name']);
    expect(fillTemplate('Dear {{first name}}', { language: 'en', overrides: { 'first name': 'Anna' } }).text).toBe(
      'Dear Anna',
    );
  });

  it('formats amounts and dates for the template’s language, whatever the customer wrote', () => {
    const body = '{{amount}} / {{order.date}}';
    expect(fillTemplate(body, { language: 'de', conversation: germanRefund }).text).toBe('1.234,56 € / 12.03.2024');
    expect(fillTemplate(body, { language: 'en', conversation: germanRefund }).text).toBe('€1,234.56 / 12 March 2024');

    const english = makeConversation([{ text: 'I ordered on March 3, 2024 and paid €1,234.56 for order #A-55812.' }]);
    expect(fillTemplate(body, { language: 'de', conversation: english }).text).toBe('1.234,56 € / 03.03.2024');
  });

  it('writes today in the template’s language', () => {
    const now = new Date(2024, 2, 5, 12);
    expect(fillTemplate('{{today}}', { language: 'de', now }).text).toBe('05.03.2024');
    expect(fillTemplate('{{today}}', { language: 'en', now }).text).toBe('5 March 2024');
  });

  it('does not invent ticket numbers on sites without them', () => {
    const gmail = makeConversation([{ text: 'Hallo' }], { site: 'gmail', id: 'FMfcgzQXJWDsKcTn' });
    expect(fillTemplate('{{ticket.id}}', { language: 'de', conversation: gmail }).missing[0]?.key).toBe('ticket.id');
  });

  it('keys are case-insensitive for known placeholders', () => {
    expect(fillTemplate('{{Customer.FirstName}}', { language: 'en', conversation: germanRefund }).text).toBe('Anna');
  });

  it('returns segments that mark values, fallbacks and gaps for the live preview', () => {
    const { segments } = fillTemplate('Hi {{customer.firstName | "there"}}, {{order.number}}', { language: 'en' });
    expect(segments.map((segment) => segment.type)).toEqual(['text', 'value', 'text', 'missing']);
    expect(segments[1]).toMatchObject({ type: 'value', text: 'there', source: 'fallback' });
  });
});

describe('template text is only text', () => {
  it('keeps HTML in a body literal', () => {
    const body = 'Hi <img src=x onerror="alert(1)"> {{customer.firstName | "<b>there</b>"}} &amp;';
    const result = fillTemplate(body, { language: 'en' });
    expect(result.text).toBe('Hi <img src=x onerror="alert(1)"> <b>there</b> &amp;');
  });

  it('inserts values once: a value that looks like a placeholder or markup stays literal', () => {
    const conversation = makeConversation([{ text: 'Hallo' }], {
      customer: { name: '{{agent.name}} <script>x</script>' },
    });
    const result = fillTemplate('{{customer.name}} / {{subject}}', {
      language: 'en',
      conversation: { ...conversation, subject: '<img onerror=alert(1)>' },
      agentName: 'Secret Agent',
    });
    expect(result.text).not.toContain('Secret Agent');
    expect(result.text).toContain('<img onerror=alert(1)>');
  });
});

describe('placeholder syntax', () => {
  it('finds malformed placeholders and unclosed braces', () => {
    expect(findMalformedPlaceholders('Hi {{customer.firstName}} {{ | "x"}} {{order number}}')).toEqual([
      '{{ | "x"}}',
      '{{order number}}',
    ]);
    expect(findMalformedPlaceholders('Hi {{customer.firstName')).toEqual(['{{customer.firstName']);
    expect(findMalformedPlaceholders('Hi {{customer.firstName | there}}')).toEqual([]);
  });

  it('lists the placeholders a body uses, once each', () => {
    const specs = listPlaceholders('{{order.number}} {{customer.firstName | "there"}} {{order.number}}');
    expect(specs.map((spec) => [spec.key, spec.fallback])).toEqual([
      ['order.number', undefined],
      ['customer.firstName', 'there'],
    ]);
  });
});

describe('number and date formats', () => {
  it('writes money the German and the English way', () => {
    expect(formatAmount(1234.56, 'EUR', 'de')).toBe('1.234,56 €');
    expect(formatAmount(1234.56, 'EUR', 'en')).toBe('€1,234.56');
    expect(formatAmount(49.9, 'EUR', 'de')).toBe('49,90 €');
    expect(formatAmount(12.5, 'USD', 'en')).toBe('$12.50');
  });

  it('writes dates unambiguously', () => {
    expect(formatDate({ year: 2024, month: 3, day: 12 }, 'de')).toBe('12.03.2024');
    expect(formatDate({ year: 2024, month: 3, day: 12 }, 'en')).toBe('12 March 2024');
    expect(formatDate({ month: 3, day: 12 }, 'de')).toBe('12.03.');
  });
});

describe('salutations (issue 19)', () => {
  const signed = (text: string, name: string) => makeConversation([{ text }], { customer: { name } });
  const sieBody = 'Guten Tag {{customer.name | ""}},\n\nDanke.';

  it('greets with the title the customer signs with, in a Sie template', () => {
    const bergmann = signed('Bitte erstatten.\n\nMit freundlichen Grüßen\nDr. Klaus Bergmann', 'Klaus Bergmann');
    const result = fillTemplate(sieBody, { language: 'de', formality: 'sie', conversation: bergmann });
    expect(result.text).toBe('Guten Tag Dr. Bergmann,\n\nDanke.');
    expect(result.segments[1]).toMatchObject({ type: 'value', text: 'Dr. Bergmann', source: 'conversation' });
  });

  it('uses Herr/Frau only when the customer gives it', () => {
    const yilmaz = signed('Wo ist mein Paket?', 'Frau Yılmaz');
    expect(fillTemplate(sieBody, { language: 'de', formality: 'sie', conversation: yilmaz }).text).toMatch(
      /^Guten Tag Frau Yılmaz,/,
    );
    expect(
      fillTemplate('Sehr geehrte/r {{customer.name}},', { language: 'de', formality: 'sie', conversation: yilmaz })
        .text,
    ).toBe('Sehr geehrte Frau Yılmaz,');
    const plain = signed('Wo ist mein Paket?\n\nVielen Dank\nMehmet Yılmaz', 'Mehmet Yılmaz');
    expect(fillTemplate(sieBody, { language: 'de', formality: 'sie', conversation: plain }).text).toMatch(
      /^Guten Tag Mehmet Yılmaz,/,
    );
  });

  it('leaves du templates greeting by first name', () => {
    const laura = signed('Hi, kannst du mir helfen?\nLG Laura', 'Dr. Laura Becker');
    expect(
      fillTemplate('Hallo {{customer.firstName | ""}},', { language: 'de', formality: 'du', conversation: laura }).text,
    ).toBe('Hallo Laura,');
  });

  it('greets English customers "Dear Dr. Chen" with a title and "Hi Priya" without', () => {
    const body = 'Hi {{customer.firstName | "there"}},\n\nThanks.';
    const chen = signed('Any update?\n\nBest regards,\nDr. Sarah Chen', 'Sarah Chen');
    expect(fillTemplate(body, { language: 'en', conversation: chen }).text).toBe('Dear Dr. Chen,\n\nThanks.');
    const priya = signed('Any update?\n\nThanks, Priya', 'Priya Raman');
    expect(fillTemplate(body, { language: 'en', conversation: priya }).text).toBe('Hi Priya,\n\nThanks.');
  });

  it('fills {{customer.salutation}} always, with a plain greeting when no name is known', () => {
    const body = '{{customer.salutation}},';
    const yilmaz = signed('Hallo', 'Frau Dr. Ayşe Yılmaz');
    expect(fillTemplate(body, { language: 'de', formality: 'sie', conversation: yilmaz }).text).toBe(
      'Sehr geehrte Frau Dr. Yılmaz,',
    );
    expect(fillTemplate(body, { language: 'de', formality: 'du', conversation: yilmaz }).text).toBe('Hallo Ayşe,');
    expect(fillTemplate(body, { language: 'de' }).text).toBe('Guten Tag,');
    expect(fillTemplate(body, { language: 'en' }).missing).toEqual([]);
  });
});

describe('placeholder labels', () => {
  it('come from the catalogue, in both languages, for every placeholder Rapport fills', () => {
    const en = createTranslator('en');
    const de = createTranslator('de');
    for (const info of placeholderCatalog) {
      const key = `placeholders.${info.key}`;
      if (!isMessageKey(key)) throw new Error(`${key} is not in the catalogue`);
      expect(info.label).toEqual({ en: en(key), de: de(key) });
      expect(info.label.de).not.toBe(info.label.en);
    }
    expect(listPlaceholders('{{order.number}}')[0]?.label).toEqual({ en: 'Order number', de: 'Bestellnummer' });
  });

  it('call a custom field by its name, made readable, in either language', () => {
    expect(listPlaceholders('{{custom.voucherCode}} {{return_label}}').map((spec) => spec.label)).toEqual([
      { en: 'Voucher code', de: 'Voucher code' },
      { en: 'Return label', de: 'Return label' },
    ]);
  });
});
