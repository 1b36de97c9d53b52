// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  type ClaimState,
  conversationFacts,
  detectClaims,
  detectPromises,
  unsupportedClaims,
} from '../../../lib/replies/claims';
import type { Conversation, ConversationMessage, Role } from '../../../lib/sites/types';

const states = (text: string, language = 'other') => detectClaims(text, language).map((claim) => claim.state);

function conversation(...messages: [Role, string][]): Conversation {
  return {
    site: 'generic',
    id: 'c1',
    subject: 'Order',
    url: 'https://example.com/t/1',
    customer: { name: 'Derek' },
    messages: messages.map(
      ([role, text], index): ConversationMessage => ({
        id: `m${index}`,
        author: { name: role },
        role,
        roleSource: 'page',
        text,
        bodyLoaded: true,
        attachments: [],
      }),
    ),
  };
}

describe('detectClaims', () => {
  it.each<[string, string, ClaimState[]]>([
    ["I've started your refund. It goes back to your card.", 'en', ['refund-started']],
    ['Your refund of €349 for order #A-55812 has been issued.', 'en', ['refund-started']],
    ['I have refunded you in full.', 'en', ['refund-started']],
    ['Die Erstattung wurde veranlasst.', 'de', ['refund-started']],
    ['Ich habe die Erstattung soeben veranlasst.', 'de', ['refund-started']],
    ['Die Erstattung über 49 € ist veranlasst.', 'de', ['refund-started']],
    // A decimal comma is not a clause break.
    ['Ich habe die Erstattung über 89,90 € heute veranlasst.', 'de', ['refund-started']],
    ['We refunded the full $1,249.00 at 14:30 today.', 'en', ['refund-started']],
    ['Ihre Bestellung ist bereits unterwegs.', 'de', ['item-shipped']],
    ['Your order 55512 is on its way.', 'en', ['item-shipped']],
    ['Your parcel was dispatched yesterday.', 'en', ['item-shipped']],
    ['Ihre Sendungsnummer lautet 00340.', 'de', ['item-shipped']],
    ["Thanks for letting us know. I've cancelled your order 4711.", 'en', ['cancellation-done']],
    ['Ich habe Ihre Bestellung storniert.', 'de', ['cancellation-done']],
    ['Ihre Rücksendung ist eingegangen.', 'de', ['return-received']],
    ['I can see your return arrived on 5 November.', 'en', ['return-received']],
    ['We have sent your replacement today.', 'en', ['replacement-sent']],
    ['Ich habe Ihnen einen Gutschein über 10 € ausgestellt.', 'de', ['voucher-issued']],
    ["I've updated the delivery address on your order.", 'en', ['address-changed']],
  ])('finds the claim in “%s”', (text, language, expected) => {
    expect(states(text, language)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['Your refund has not been started yet.', 'en'],
    ["The refund hasn't been issued yet, I'm afraid.", 'en'],
    ['Die Erstattung wurde noch nicht veranlasst.', 'de'],
    ['We will start your refund as soon as the return arrives.', 'en'],
    ['I will update you as soon as the refund is issued.', 'en'],
    ['Once your return arrives, we refund you within 5 business days.', 'en'],
    ['Sobald die Rücksendung bei uns eingetroffen ist, erstatten wir den Betrag.', 'de'],
    ['Die Erstattung wird in den nächsten Tagen veranlasst.', 'de'],
    ['Has the refund been issued?', 'en'],
    ['I still have not seen the refund of €349.00.', 'en'],
    ['Ihr Paket ist noch nicht angekommen.', 'de'],
    ['We have received your refund request and are looking into it.', 'en'],
    ['I understand how frustrating it is to wait for your money.', 'en'],
  ])('finds no claim in “%s”', (text, language) => {
    expect(states(text, language)).toEqual([]);
  });

  it('reads a future as a promise, not a claim', () => {
    const text = 'We will start your refund today.';
    expect(states(text, 'en')).toEqual([]);
    expect(detectPromises(text, 'en').map((p) => p.state)).toEqual(['refund-started']);
    expect(detectPromises('Die Erstattung wird veranlasst.', 'de').map((p) => p.state)).toEqual(['refund-started']);
  });

  it('keeps the asserting words as the phrase', () => {
    expect(detectClaims("I've started your refund.", 'en')[0]?.phrase).toMatch(/started/);
  });
});

describe('conversationFacts', () => {
  it('takes what an agent or a system line says as done', () => {
    const facts = conversationFacts(
      conversation(
        ['customer', 'Where is my refund?'],
        ['agent', "I've issued the refund today."],
        ['system', 'Ihre Rücksendung ist eingegangen.'],
      ),
    );
    expect([...facts].sort()).toEqual(['refund-started', 'return-received']);
  });

  it('takes what reached the customer, not what they ask for', () => {
    expect([...conversationFacts(conversation(['customer', 'Thanks, the refund arrived this morning.']))]).toEqual([
      'refund-started',
    ]);
    expect(
      [...conversationFacts(conversation(['customer', 'The parcel arrived today but the mug is cracked.']))].sort(),
    ).toEqual(['item-delivered', 'item-shipped']);
    expect([...conversationFacts(conversation(['customer', 'I have cancelled the order, please confirm.']))]).toEqual(
      [],
    );
  });

  it('shows no refund on the angry refund demand', () => {
    const facts = conversationFacts(
      conversation(
        [
          'customer',
          'I returned the espresso machine on 2 November. Your own tracking shows it arrived at your warehouse on 5 November. I still have not seen the refund of €349.00.',
        ],
        [
          'agent',
          'I can see your return arrived on 5 November. It is currently with our returns team for inspection. I have asked them to prioritise it and will update you as soon as the refund is issued.',
        ],
        [
          'internal-note',
          'Returns team says the unit is still in the inspection queue. Asked Marco to release the refund today if he can.',
        ],
        ['customer', 'I want my €349 back today. If the refund is not on my card by Friday I will file a chargeback.'],
      ),
    );
    expect(facts.has('refund-started')).toBe(false);
    expect(facts.has('return-received')).toBe(true);
  });
});

describe('unsupportedClaims', () => {
  it('lists what a text asserts beyond the facts', () => {
    expect(unsupportedClaims("I've started your refund.", new Set(), 'en')).toEqual([
      { state: 'refund-started', phrase: "'ve started" },
    ]);
    expect(unsupportedClaims("I've started your refund.", new Set(['refund-started']), 'en')).toEqual([]);
  });

  it('adds what a template declares it requires', () => {
    const template = { body: 'Hi, thanks for your patience.', language: 'en' as const, requires: ['item-shipped'] };
    expect(unsupportedClaims(template, new Set())).toEqual([{ state: 'item-shipped', declared: true }]);
    expect(unsupportedClaims(template, new Set(['item-shipped']))).toEqual([]);
  });
});
