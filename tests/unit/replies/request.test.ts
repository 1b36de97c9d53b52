// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  blendRequestIntents,
  extractRequests,
  latestCustomerText,
  type RequestMessage,
  suggestionIntents,
} from '../../../lib/replies/request';

const customer = (text: string): RequestMessage => ({ role: 'customer', text });
const agent = (text: string): RequestMessage => ({ role: 'agent', text });
const mainOf = (...messages: RequestMessage[]) => extractRequests(messages)[0]?.intent;
const weightOf = (requests: ReturnType<typeof extractRequests>, intent: string) =>
  requests.find((request) => request.intent === intent)?.weight ?? 0;

describe('extractRequests', () => {
  it('reads a conditional cancellation threat as pressure: the request is the delivery', () => {
    for (const text of [
      "My order was supposed to arrive on Tuesday and it's still not here. If it doesn't come by Friday I'll cancel.",
      "I'll cancel the order if it isn't here by Friday. Where is my parcel?",
      'Meine Bestellung ist immer noch nicht angekommen. Wenn sie bis Freitag nicht da ist, storniere ich.',
    ]) {
      const requests = extractRequests([customer(text)]);
      expect(requests[0]?.intent, text).not.toBe('cancellation');
      expect(['delivery-delay', 'tracking'], text).toContain(requests[0]?.intent);
      expect(weightOf(requests, 'cancellation'), text).toBeLessThan(0.25);
    }
  });

  it('counts a fallback ("…or refund me") less than the main ask, and keeps both ranked', () => {
    const requests = extractRequests([
      customer(
        "My parcel seems to be lost, the tracking hasn't moved in 8 days. Can you find out where it is? Or just refund me.",
      ),
    ]);
    expect(requests[0]?.intent).toBe('tracking');
    expect(weightOf(requests, 'refund')).toBeGreaterThan(0);
    expect(weightOf(requests, 'refund')).toBeLessThan(weightOf(requests, 'tracking'));
    const replacement = extractRequests([
      customer(
        'The mug arrived smashed, the box was crushed. Can you send a new one? Otherwise I would like a refund.',
      ),
    ]);
    expect(replacement[0]?.intent).toBe('damaged-or-wrong-item');
    expect(weightOf(replacement, 'refund')).toBeGreaterThan(0);
  });

  it('does not take a chargeback, legal or review threat for a payment question or a complaint', () => {
    expect(
      mainOf(
        customer(
          'I want my €349 back today. If the refund is not on my card by Friday I will file a chargeback with my bank and leave a review everywhere.',
        ),
      ),
    ).toBe('refund');
    expect(
      mainOf(
        customer(
          'Ich fordere Sie auf, den Betrag von 649,00 € bis zum 24. November auf mein Konto zu erstatten. Andernfalls schalte ich die Verbraucherzentrale ein.',
        ),
      ),
    ).toBe('refund');
  });

  it('reads a payment provider named in passing as the refund it is about', () => {
    expect(
      mainOf(
        customer(
          "I opened a PayPal dispute because you still haven't refunded the €89 for the jacket I sent back. I just want my money.",
        ),
      ),
    ).toBe('refund');
    expect(mainOf(customer('My card was charged twice for order #5531. Please fix this.'))).toBe('payment');
  });

  it('weighs the ask over background facts', () => {
    expect(
      mainOf(
        customer('I returned the headphones two weeks ago and your warehouse confirmed it. When do I get my refund?'),
      ),
    ).toBe('refund');
    expect(mainOf(customer('You cancelled my order because it was out of stock, fine, but where is my money?'))).toBe(
      'refund',
    );
  });

  it('ranks several asks by weight, adding up to 1', () => {
    const requests = extractRequests([
      customer('Could you send me the invoice for order 4471? And please change the delivery address to 3 Mill Road.'),
    ]);
    expect(requests.map((request) => request.intent)).toEqual(expect.arrayContaining(['invoice', 'shipping-address']));
    expect(requests.reduce((sum, request) => sum + request.weight, 0)).toBeCloseTo(1, 6);
    expect(requests[0]?.phrase).not.toBe('');
  });

  it('reads the latest customer messages, not only the last one, and the last side word does not win', () => {
    const messages = [
      customer('Hi, my order 5512 has still not arrived. Where is my parcel?'),
      agent('Sorry, we are checking with the carrier.'),
      customer('Still nothing. Could you check again where it is?'),
      customer('Thanks.'),
    ];
    expect(mainOf(...messages)).toBe('tracking');
  });

  it('takes thanks as the request only when nothing else is asked, and a sign-off never', () => {
    expect(mainOf(customer('The replacement arrived this morning – thank you so much for sorting this out!'))).toBe(
      'thank-you',
    );
    expect(mainOf(customer('Juhu, hat geklappt! Danke dir und liebe Grüße, Lea'))).toBe('thank-you');
    const signOff = extractRequests([customer('Could you please cancel order 77812?\n\nThanks a lot,\nTomás')]);
    expect(signOff[0]?.intent).toBe('cancellation');
    expect(weightOf(signOff, 'thank-you')).toBeLessThan(0.1);
  });

  it('finds nothing in text that asks for nothing the taxonomy knows, and ignores agents and notes', () => {
    expect(extractRequests([customer('Hello, how are you?')])).toEqual([]);
    expect(extractRequests([agent('I have issued your refund.'), { role: 'internal-note', text: 'refund!' }])).toEqual(
      [],
    );
  });
});

describe('suggestionIntents', () => {
  const model = [
    { intent: 'cancellation' as const, p: 0.7 },
    { intent: 'delivery-delay' as const, p: 0.3 },
  ];

  it('puts the request first and keeps the model’s other intents', () => {
    const messages = [customer("It's still not here. If it doesn't come by Friday I'll cancel.")];
    const blended = suggestionIntents(model, messages);
    expect(blended[0]?.intent).toBe('delivery-delay');
    expect(blended.map((entry) => entry.intent)).toContain('cancellation');
    expect(blended.reduce((sum, entry) => sum + entry.p, 0)).toBeCloseTo(1, 6);
  });

  it('leaves the model to decide when no request is found', () => {
    expect(suggestionIntents(model, [customer('Hello there.')])).toEqual(model);
    expect(blendRequestIntents(model, [])).toEqual(model);
  });

  it('gives the model the last two customer messages', () => {
    expect(latestCustomerText([customer('a'), agent('b'), customer('c'), customer(' '), customer('d')])).toBe('c\nd');
  });
});
