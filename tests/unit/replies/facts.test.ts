// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { conversationDraftFacts, extractFacts, hasNoFacts } from '../../../lib/replies/facts';
import { germanConversation, message } from './draft-fixtures';

describe('extractFacts', () => {
  it('reads English order numbers, amounts, dates and deadlines', () => {
    const facts = extractFacts(
      'I returned the machine from order #A-55812 on 2 November. I still have not seen the refund of €349.00. I want my €349 back; if it is not on my card by Friday I will file a chargeback. It was €129.95 with shipping.',
    );
    expect(facts.orderNumbers).toEqual(['#A-55812']);
    expect(facts.amounts).toEqual(['€349.00', '€129.95']);
    expect(facts.dates).toEqual(['2 November']);
    expect(facts.deadlines).toEqual(['by Friday']);
  });

  it('reads German order numbers, amounts, dates and deadlines', () => {
    const facts = extractFacts(
      'Zur Bestellung 10019877 (649,00 €) fordere ich die Erstattung der 649,00 € bis spätestens 24. November. Bis heute ist nichts passiert. Das Paket brauche ich bis Freitag.',
    );
    expect(facts.orderNumbers).toEqual(['10019877']);
    expect(facts.amounts).toEqual(['649,00 €']);
    expect(facts.dates).toEqual(['24. November']);
    expect(facts.deadlines).toEqual(['bis spätestens 24. November', 'bis Freitag']);
  });

  it('finds a bare lettered order number, invoices and tracking numbers', () => {
    const facts = extractFacts('Re #A-56230: Rechnung RE-2026-004512, UPS 1Z999AA10123456784, within 48 hours please');
    expect(facts.orderNumbers).toEqual(['#A-56230']);
    expect(facts.invoiceNumbers).toEqual(['RE-2026-004512']);
    expect(facts.trackingNumbers).toEqual(['1Z999AA10123456784']);
    expect(facts.deadlines).toEqual(['within 48 hours']);
  });

  it('finds nothing in small talk', () => {
    expect(hasNoFacts(extractFacts('Juhu, hat geklappt! Danke euch.'))).toBe(true);
  });
});

describe('conversationDraftFacts', () => {
  it("reads the customer's messages and the subject, never agent replies or notes", () => {
    const facts = conversationDraftFacts({
      ...germanConversation,
      messages: [
        ...germanConversation.messages,
        message('a2', 'agent', 'Ihre Sendung 00340434161094099999 kostet 12,00 €.'),
        message('n2', 'internal-note', 'Bestellung 999999 gehört einem anderen Kunden.'),
      ],
    });
    expect(facts.orderNumbers).toEqual(['100234']);
    expect(facts.dates).toEqual(['2. März']);
    expect(facts.deadlines).toEqual(['bis Freitag']);
    expect(facts.amounts).toEqual([]);
    expect(facts.trackingNumbers).toEqual([]);
  });
});
