// @vitest-environment node
// Node's own fetch, as in the extension's background page: host permissions, no page CORS in the way.
import { afterEach, describe, expect, it } from 'vitest';
import { evaluateEscalation } from '../../../lib/escalation/rules';
import { buildHandoffSummary, type HandoffSummary } from '../../../lib/escalation/summary';
import {
  defaultWebhookPayload,
  renderWebhookPayload,
  runWebhookAction,
  type WebhookActionInput,
} from '../../../lib/escalation/webhook';
import { defaultSettings } from '../../../lib/settings';
import { angryGermanConversation, sendJson, startServer, type TestServer } from './fixtures';

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

function summary(lang: 'en' | 'de' = 'en'): HandoffSummary {
  const { conversation, mood } = angryGermanConversation();
  const { reasons } = evaluateEscalation(conversation, mood, defaultSettings.escalation.rules, { lang });
  return buildHandoffSummary({ conversation, mood, reasons, lang, intent: 'refund', note: 'Bitte "heute" klären\n!' });
}

let keyCounter = 0;
function input(url: string, overrides: Partial<WebhookActionInput> = {}): WebhookActionInput {
  keyCounter += 1;
  return {
    url,
    payloadTemplate: '',
    summary: summary(),
    maskPersonalData: true,
    idempotencyKey: `test-key-${Date.now()}-${keyCounter}`,
    lang: 'en',
    ...overrides,
  };
}

/** Deps with short waits, recording each backoff asked for. */
function fastDeps(waits: number[] = []) {
  return {
    fetch,
    timeoutMs: 1_000,
    retries: 3,
    backoffMs: 20,
    maxBackoffMs: 1_000,
    sleep: (ms: number) => {
      waits.push(ms);
      return new Promise<void>((resolve) => setTimeout(resolve, ms));
    },
  };
}

describe('runWebhookAction', () => {
  it('posts the masked summary as JSON with an idempotency key', async () => {
    server = await startServer((_request, response) => sendJson(response, 200, { ok: true }));
    const request = input(`${server.url}/hook`);
    const result = await runWebhookAction(request, fastDeps());

    expect(result).toEqual({
      action: 'webhook',
      ok: true,
      retryable: false,
      detail: `Sent to ${new URL(server.url).host} (200).`,
    });
    expect(server.requests).toHaveLength(1);
    const sent = server.requests[0];
    expect(sent?.headers['content-type']).toBe('application/json');
    expect(sent?.headers['idempotency-key']).toBe(request.idempotencyKey);
    const body = JSON.parse(sent?.body ?? '{}');
    expect(body.text).toContain('Escalation: Bestellung nicht angekommen — Anna Weber');
    expect(body.escalation.orderNumbers).toEqual(['4711-2023']);
    expect(body.escalation.mood.emotion).toBe('angry');
    // Personal data is masked by default; the order number survives.
    expect(sent?.body).not.toContain('anna.weber@example.de');
    expect(sent?.body).not.toContain('0171 2345678');
    expect(sent?.body).not.toContain('DE89');
    expect(sent?.body).toContain('[phone]');
  });

  it('sends personal data unmasked only when the team turned masking off', async () => {
    server = await startServer((_request, response) => sendJson(response, 200, {}));
    await runWebhookAction(input(`${server.url}/hook`, { maskPersonalData: false }), fastDeps());
    expect(server.requests[0]?.body).toContain('anna.weber@example.de');
  });

  it('renders a payload template with JSON-safe values', async () => {
    server = await startServer((_request, response) => sendJson(response, 200, {}));
    const template = '{"text": "{{title}}: {{mood}} ({{urgency}}) {{link}}", "note": "{{note}}", "data": {{json}}}';
    const result = await runWebhookAction(input(`${server.url}/hook`, { payloadTemplate: template }), fastDeps());
    expect(result.ok).toBe(true);
    const body = JSON.parse(server.requests[0]?.body ?? '{}');
    expect(body.text).toBe(
      'Escalation: Bestellung nicht angekommen — Anna Weber: angry (critical) https://support.example.com/tickets/angry-1',
    );
    expect(body.note).toBe('Bitte "heute" klären\n!');
    expect(body.data.customer).toEqual({ name: 'Anna Weber', email: '[email]' });
  });

  it('refuses a template that is not JSON without sending anything', async () => {
    server = await startServer((_request, response) => sendJson(response, 200, {}));
    const result = await runWebhookAction(
      input(`${server.url}/hook`, { payloadTemplate: '{"text": {{summary}}}' }),
      fastDeps(),
    );
    expect(result.ok).toBe(false);
    expect(result.retryable).toBe(false);
    expect(result.detail).toMatch(/^The webhook payload template is not valid JSON/);
    expect(server.requests).toHaveLength(0);
  });

  it('does not retry a 4xx answer', async () => {
    server = await startServer((_request, response) => sendJson(response, 404, { error: 'no_such_hook' }));
    const waits: number[] = [];
    const result = await runWebhookAction(input(`${server.url}/hook`), fastDeps(waits));
    expect(result.ok).toBe(false);
    expect(result.retryable).toBe(false);
    expect(result.detail).toContain('rejected the escalation (404: {"error":"no_such_hook"})');
    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('retries 5xx answers with exponential backoff, keeping the idempotency key', async () => {
    let calls = 0;
    server = await startServer((_request, response) => {
      calls += 1;
      if (calls <= 2) sendJson(response, 503, { error: 'busy' });
      else sendJson(response, 200, {});
    });
    const waits: number[] = [];
    const request = input(`${server.url}/hook`);
    const result = await runWebhookAction(request, fastDeps(waits));
    expect(result.ok).toBe(true);
    expect(result.detail).toContain('after 3 attempts');
    expect(waits).toEqual([20, 40]);
    expect(server.requests.map((sent) => sent.headers['idempotency-key'])).toEqual([
      request.idempotencyKey,
      request.idempotencyKey,
      request.idempotencyKey,
    ]);
    const [first, second, third] = server.requests.map((sent) => sent.at);
    expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(15);
    expect((third ?? 0) - (second ?? 0)).toBeGreaterThanOrEqual(35);
  });

  it('gives up after a bounded number of attempts and offers a retry', async () => {
    server = await startServer((_request, response) => sendJson(response, 500, {}));
    const waits: number[] = [];
    const result = await runWebhookAction(input(`${server.url}/hook`), { ...fastDeps(waits), retries: 2 });
    expect(result).toMatchObject({ ok: false, retryable: true });
    expect(result.detail).toContain('after 3 attempts (HTTP 500) — retry.');
    expect(server.requests).toHaveLength(3);
    expect(waits).toEqual([20, 40]);
  });

  it('times out a receiver that never answers', async () => {
    server = await startServer(() => {
      // Never answers: the action must give up on its own.
    });
    const started = Date.now();
    const result = await runWebhookAction(input(`${server.url}/hook`), { ...fastDeps(), timeoutMs: 150, retries: 1 });
    expect(result).toMatchObject({ ok: false, retryable: true });
    expect(result.detail).toContain('after 2 attempts (timed out)');
    expect(server.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('sends once on a double click and not again after delivery', async () => {
    server = await startServer((_request, response) => {
      setTimeout(() => sendJson(response, 200, {}), 100);
    });
    const request = input(`${server.url}/hook`);
    const [first, second] = await Promise.all([
      runWebhookAction(request, fastDeps()),
      runWebhookAction(request, fastDeps()),
    ]);
    expect(first.ok).toBe(true);
    expect(second).toBe(first);
    const third = await runWebhookAction(request, fastDeps());
    expect(third.ok).toBe(true);
    expect(third.detail).toBe(`Already sent to ${new URL(server.url).host}.`);
    expect(server.requests).toHaveLength(1);
  });

  it('refuses plain http to other hosts', async () => {
    const result = await runWebhookAction(input('http://hooks.example.com/x'), fastDeps());
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(result.detail).toBe('The webhook URL is not valid — set an https URL in Settings → Escalation.');
  });
});

describe('webhook payloads', () => {
  it('uses the shape Slack expects, escaping its markup characters', () => {
    const payload = JSON.parse(defaultWebhookPayload('https://hooks.slack.com/services/T/B/X', summary()));
    expect(Object.keys(payload)).toEqual(['text']);
    expect(payload.text).toContain('Customer: Anna Weber &lt;anna.weber@example.de&gt;');
  });

  it('leaves unknown placeholders visible', () => {
    const body = JSON.parse(renderWebhookPayload('{"text": "{{moood}} {{mood}}"}', summary('de')));
    expect(body.text).toBe('{{moood}} verärgert');
  });
});
