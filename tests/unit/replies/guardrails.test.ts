// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { allowedOffers, checkDraft } from '../../../lib/replies/guardrails';
import { englishConversation, germanConversation } from './draft-fixtures';

const offers = (draft: string, policyText = '', conversation = englishConversation) =>
  checkDraft(draft, { conversation, policyText }).filter((w) => w.kind === 'offer-not-in-policy');

describe('checkDraft: offers', () => {
  it('flags a promised refund when the policy says nothing', () => {
    const warnings = offers('Hi John, we will refund the full amount today. Best, Sam');
    expect(warnings).toEqual([{ kind: 'offer-not-in-policy', offer: 'refund', phrase: 'refund' }]);
  });

  it('flags German vouchers and refunds', () => {
    const warnings = offers(
      'Als Entschuldigung erhalten Sie einen Gutschein über 20 €. Wir erstatten Ihnen außerdem die Versandkosten.',
      '',
      germanConversation,
    );
    expect(warnings.map((w) => w.kind === 'offer-not-in-policy' && w.offer).sort()).toEqual(['refund', 'voucher']);
  });

  it('allows what the policy text covers', () => {
    const policy = 'Bei Lieferverzögerungen über 7 Tage dürfen Gutscheine bis 10 € angeboten werden.';
    expect(
      offers('Als kleine Entschädigung erhalten Sie einen Gutschein über 10 €.', policy, germanConversation),
    ).toEqual([{ kind: 'offer-not-in-policy', offer: 'compensation', phrase: 'Entschädigung' }]);
    expect(offers('Sie erhalten einen Gutschein über 10 €.', policy, germanConversation)).toEqual([]);
  });

  it('does not count a policy sentence that forbids the offer', () => {
    expect([...allowedOffers('We never offer vouchers. Refunds are possible within 30 days.')]).toEqual(['refund']);
  });

  it('ignores refusals, conditions and placeholders', () => {
    expect(offers('Unfortunately we cannot refund opened items.')).toEqual([]);
    expect(offers('I will check whether a refund is possible.')).toEqual([]);
    expect(offers('Our decision: [decision on refund]')).toEqual([]);
    expect(offers('Leider können wir keinen Gutschein anbieten.', '', germanConversation)).toEqual([]);
  });
});

describe('checkDraft: numbers', () => {
  it('flags an order or tracking number that is not in the conversation', () => {
    const warnings = checkDraft('Your parcel 1Z999AA10123456784 left our warehouse. Order 55512 is on its way.', {
      conversation: englishConversation,
      policyText: '',
    });
    expect(warnings).toEqual([{ kind: 'unknown-number', value: '1Z999AA10123456784' }]);
  });

  it('accepts numbers from the conversation, its subject and the known text', () => {
    const draft = 'Bestellung #100234 ist unterwegs. Rufen Sie uns an: 0301234567.';
    expect(
      checkDraft(draft, { conversation: germanConversation, policyText: '', knownText: ['Tel. 030 1234567'] }).filter(
        (w) => w.kind !== 'unsupported-claim',
      ),
    ).toEqual([]);
  });

  it('leaves money, dates and short numbers alone', () => {
    const draft = 'We refunded nothing yet; 2 items, 19.99 EUR, due 2024-03-15 or 15/03/2024.';
    expect(
      checkDraft(draft, { conversation: englishConversation, policyText: 'Refunds allowed.' }).filter(
        (w) => w.kind === 'unknown-number',
      ),
    ).toEqual([]);
  });
});

describe('checkDraft: placeholders', () => {
  it('lists every placeholder left to fill, marking the ones the prompt taught', () => {
    const warnings = checkDraft(
      'Status: [order status]. Tracking: [Sendungsnummer]. Ref: [insert ref]. Hi {{ customer.name }}',
      {
        conversation: englishConversation,
        policyText: '',
      },
    );
    expect(warnings).toEqual([
      { kind: 'placeholder', placeholder: '[order status]', known: true },
      { kind: 'placeholder', placeholder: '[Sendungsnummer]', known: true },
      { kind: 'placeholder', placeholder: '[insert ref]', known: false },
      { kind: 'placeholder', placeholder: '{{ customer.name }}', known: false },
    ]);
  });

  it('returns nothing for a clean draft', () => {
    expect(
      checkDraft('Hi John, sorry about the cracked jar. Could you send a photo? Best, Sam', {
        conversation: englishConversation,
        policyText: '',
      }),
    ).toEqual([]);
  });
});

describe('checkDraft: claims', () => {
  const withAgentLine = (text: string) => ({
    ...englishConversation,
    messages: [
      ...englishConversation.messages,
      {
        id: 'agent-1',
        author: { name: 'Sam' },
        role: 'agent' as const,
        roleSource: 'page' as const,
        text,
        bodyLoaded: true,
        attachments: [],
      },
    ],
  });

  it('flags a state the conversation does not show, in the same words for drafts and templates', () => {
    const warnings = checkDraft("Hi John, I've started your refund. It shows up within 5 days.", {
      conversation: englishConversation,
      policyText: 'Refunds are allowed.',
    });
    expect(warnings).toEqual([{ kind: 'unsupported-claim', state: 'refund-started', phrase: "'ve started" }]);
  });

  it('accepts what an agent already said happened, and promises for later', () => {
    const draft = 'Hi John, your refund has been issued and should show within 5 days.';
    const context = {
      conversation: withAgentLine("I've issued the refund today."),
      policyText: 'Refunds are allowed.',
    };
    expect(checkDraft(draft, context)).toEqual([]);
    expect(
      checkDraft('We will start your refund once the return arrives.', {
        conversation: englishConversation,
        policyText: 'Refunds are allowed.',
      }).filter((w) => w.kind === 'unsupported-claim'),
    ).toEqual([]);
  });

  it('flags German claims too', () => {
    const warnings = checkDraft('Die Erstattung wurde veranlasst.', {
      conversation: germanConversation,
      policyText: 'Erstattungen sind möglich.',
    });
    expect(
      warnings.filter((w) => w.kind === 'unsupported-claim').map((w) => w.kind === 'unsupported-claim' && w.state),
    ).toEqual(['refund-started']);
  });
});
