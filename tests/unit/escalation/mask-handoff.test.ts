// @vitest-environment node
// Node's own fetch posting to a local receiver, as the background page posts a webhook.
import { afterEach, describe, expect, it } from 'vitest';
import { evaluateEscalation } from '../../../lib/escalation/rules';
import { buildHandoffSummary, findOrderNumbers, maskHandoffSummary } from '../../../lib/escalation/summary';
import { runWebhookAction, webhookPlaceholders } from '../../../lib/escalation/webhook';
import { defaultSettings } from '../../../lib/settings';
import { conversation, conversationMood, message, sendJson, startServer, type TestServer } from './fixtures';

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const customer = { name: 'Jürgen Müller', email: 'jürgen.müller@bücher.de' };
const agent = { name: 'Jonas Berg', email: 'jonas@shop.example' };

/** Every way the personal data below may leave: as written, and as bare digits once separators are stripped. */
const written = [
  'jürgen.müller@bücher.de',
  '用户@例子.广告',
  'anna.weber(at)web.de',
  '(415) 555-0132',
  '0171 2345678',
  '030 / 123 456 78',
  '+41 79 123 45 67',
  '4111.1111.1111.1111',
  '3782 822463 10005',
  'de89 3704 0044 0532 0130 00',
  'GB29 NWBK 6016 1331 9268 19',
];
const digitRuns = ['4155550132', '1712345678', '3012345678', '41791234567', '4111111111111111', '378282246310005'];
const accountParts = ['370400440532013000', 'NWBK60161331926819'];

/** A conversation where the customer writes PII everywhere, some of it where an order number belongs. */
function leakyHandoff() {
  const messages = [
    message(
      'c1',
      'customer',
      'Hallo, Bestellung 4711-2233 ist nicht da. Bestellung 0171 2345678 bitte auch prüfen, order #4111.1111.1111.1111.',
      customer,
    ),
    message('a1', 'agent', 'Hallo Herr Müller,\nwir rufen Sie unter 030 / 123 456 78 zurück.', agent),
    message(
      'c2',
      'customer',
      'Erstatten Sie auf de89 3704 0044 0532 0130 00 oder Karte 3782 822463 10005. Meine Frau: 用户@例子.广告, anna.weber(at)web.de, +41 79 123 45 67.',
      customer,
    ),
  ];
  const conv = {
    ...conversation('42', messages, 'generic', 'https://support.example.com/tickets/42?from=jürgen.müller@bücher.de'),
    subject: 'Rückruf an (415) 555-0132 wegen Bestellung 4711-2233',
    customer,
    agent,
  };
  const mood = conversationMood(conv, {
    c1: { score: -0.4, frustrated: 0.5 },
    a1: { score: 0.2 },
    c2: {
      score: -0.8,
      angry: 0.8,
      urgency: [{ kind: 'chargeback-threat', phrase: 'Karte 3782 822463 10005' }],
    },
  });
  const { reasons } = evaluateEscalation(conv, mood, defaultSettings.escalation.rules, { lang: 'de' });
  return buildHandoffSummary({
    conversation: conv,
    mood,
    reasons,
    lang: 'de',
    intent: 'refund',
    // A helpdesk order field someone filled with the phone number, and a real one.
    orderNumbers: ['0171-2345678', 'A-2024-11-3'],
    note: 'Rückruf unter GB29 NWBK 6016 1331 9268 19?',
    now: Date.UTC(2026, 11, 5, 9, 30),
  });
}

function expectNoPersonalData(body: string): void {
  for (const value of [...written, ...accountParts]) expect(body).not.toContain(value);
  const digits = body.replace(/[\s.\-/()]/g, '');
  for (const run of digitRuns) expect(digits).not.toContain(run);
}

describe('order numbers and masking', () => {
  it('never takes a phone, card or IBAN after an order word for an order number', () => {
    expect(
      findOrderNumbers([
        'Bestellung 0171 2345678, order #4111111111111111, Bestellnummer DE89370400440532013000, Bestellung 4711-2233',
        'Order #100245 and order no. 0171-2345678',
      ]),
    ).toEqual(['4711-2233', '100245']);
  });

  it('lists the genuine order numbers and masks every text field', () => {
    const summary = leakyHandoff();
    expect(summary.orderNumbers).toEqual(['0171-2345678', 'A-2024-11-3', '4711-2233']);
    const masked = maskHandoffSummary(summary);
    expect(masked.orderNumbers).toEqual(['A-2024-11-3', '4711-2233']);
    expectNoPersonalData(JSON.stringify(masked));
    expect(masked.subject).toBe('Rückruf an [phone] wegen Bestellung 4711-2233');
    expect(masked.link).toBe('https://support.example.com/tickets/42?from=[email]');
    expect(masked.note).toBe('Rückruf unter [IBAN …6819]?');
    expect(masked.tried.map((entry) => entry.sentence)).toEqual(['wir rufen Sie unter [phone] zurück.']);
    expect(masked.urgency.reasons.map((reason) => reason.phrase)).toEqual(['Karte [card …0005]']);
    expect(masked.lastCustomerMessage?.text).toBe(
      'Erstatten Sie auf [IBAN …3000] oder Karte [card …0005]. Meine Frau: [email], [email], [phone].',
    );
  });

  it('posts webhook payloads with no personal data in any placeholder, nor in the default shape', async () => {
    server = await startServer((_request, response) => sendJson(response, 200, { ok: true }));
    const fields = webhookPlaceholders
      .filter((name) => name !== 'json')
      .map((name) => `"${name}": "{{${name}}}"`)
      .join(', ');
    const template = `{${fields}, "data": {{json}}}`;
    const summary = leakyHandoff();
    const base = { summary, maskPersonalData: true, lang: 'de' as const };
    const deps = { fetch, timeoutMs: 2_000, retries: 0 };
    const templated = await runWebhookAction(
      { ...base, url: `${server.url}/templated`, payloadTemplate: template, idempotencyKey: 'mask-templated' },
      deps,
    );
    const plain = await runWebhookAction(
      { ...base, url: `${server.url}/plain`, payloadTemplate: '', idempotencyKey: 'mask-plain' },
      deps,
    );
    expect(templated.ok && plain.ok).toBe(true);
    expect(server.requests).toHaveLength(2);
    for (const request of server.requests) {
      expectNoPersonalData(request.body);
      expect(request.body).toContain('4711-2233');
      expect(request.body).toContain('[phone]');
    }
    const sent: unknown = JSON.parse(server.requests[0]?.body ?? '{}');
    expect(sent).toMatchObject({ orders: 'A-2024-11-3, 4711-2233', customer: 'Jürgen Müller' });
  });
});
