// @vitest-environment node
// Node's own fetch, as in the extension's background page: host permissions, no page CORS in the way.
import { afterEach, describe, expect, it } from 'vitest';
import { missingConfiguration } from '../../../lib/escalation/escalate';
import { evaluateEscalation } from '../../../lib/escalation/rules';
import { buildHandoffSummary, type HandoffSummary } from '../../../lib/escalation/summary';
import {
  defaultWebhookPayload,
  renderWebhookPayload,
  runWebhookAction,
  WEBHOOK_MAX_REDIRECTS,
  type WebhookActionInput,
  webhookUrlProblem,
} from '../../../lib/escalation/webhook';
import { defaultSettings, mergeSettings } from '../../../lib/settings';
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
    let abandoned = 0;
    server = await startServer((_request, response) => {
      // Never answers: the action must give up on its own.
      response.on('close', () => {
        abandoned += 1;
      });
    });
    const result = await runWebhookAction(input(`${server.url}/hook`), { ...fastDeps(), timeoutMs: 150, retries: 1 });
    expect(result).toMatchObject({ ok: false, retryable: true });
    expect(result.detail).toContain('after 2 attempts (timed out)');
    expect(server.requests).toHaveLength(2);
    // The action hung up on each unanswered request itself (the server never ends one).
    await expect.poll(() => abandoned).toBe(2);
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

describe('webhook redirects and credentials (issue 20: nothing followed blindly)', () => {
  let other: TestServer | undefined;
  afterEach(async () => {
    await other?.close();
    other = undefined;
  });

  it('follows a redirect on the configured host, posting the same body with the same key', async () => {
    server = await startServer((request, response) => {
      if (request.url === '/hook') {
        response.writeHead(308, { Location: '/hook/v2' }).end();
        return;
      }
      sendJson(response, 200, { ok: true });
    });
    const request = input(`${server.url}/hook`);
    const result = await runWebhookAction(request, fastDeps());
    expect(result.ok).toBe(true);
    expect(server.requests.map((r) => [r.method, r.url])).toEqual([
      ['POST', '/hook'],
      ['POST', '/hook/v2'],
    ]);
    expect(server.requests[1]?.body).toBe(server.requests[0]?.body);
    expect(server.requests[1]?.headers['idempotency-key']).toBe(request.idempotencyKey);
  });

  it('sends nothing to a redirect target on another host', async () => {
    other = await startServer((_request, response) => sendJson(response, 200, { ok: true }));
    const elsewhere = `${other.url}/collect`;
    server = await startServer((_request, response) => {
      response.writeHead(302, { Location: elsewhere }).end();
    });
    const result = await runWebhookAction(input(`${server.url}/hook`), fastDeps());
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(result.detail).toContain(`redirected the escalation to http://${new URL(elsewhere).host}`);
    expect(result.detail).toContain('nothing was sent there');
    expect(other.requests).toHaveLength(0);
    expect(server.requests).toHaveLength(1);
  });

  it('sends nothing to a redirect target with credentials, or over http from https', async () => {
    const calls: string[] = [];
    const targets: Record<string, string> = {
      'https://hooks.example.com/creds': 'https://user:secret@hooks.example.com/in',
      'https://hooks.example.com/downgrade': 'http://hooks.example.com/in',
    };
    const fakeFetch = async (url: string) => {
      calls.push(url);
      const location = targets[url];
      return location
        ? new Response(null, { status: 307, headers: { Location: location } })
        : new Response('{}', { status: 200 });
    };
    for (const url of Object.keys(targets)) {
      const result = await runWebhookAction(input(url), { ...fastDeps(), fetch: fakeFetch });
      expect(result).toMatchObject({ ok: false, retryable: false });
      expect(result.detail).toContain('nothing was sent there');
    }
    expect(calls).toEqual(Object.keys(targets));
  });

  it('stops after a bounded number of redirects', async () => {
    let hop = 0;
    server = await startServer((_request, response) => {
      hop += 1;
      response.writeHead(307, { Location: `/hop-${hop}` }).end();
    });
    const result = await runWebhookAction(input(`${server.url}/hook`), fastDeps());
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(result.detail).toContain(`redirected more than ${WEBHOOK_MAX_REDIRECTS} times`);
    expect(server.requests).toHaveLength(WEBHOOK_MAX_REDIRECTS + 1);
  });

  it('reports a redirect the browser hides (opaque) and sends nothing on', async () => {
    const calls: { url: string; redirect: RequestRedirect | undefined }[] = [];
    const browserLikeFetch = async (url: string, init?: RequestInit) => {
      calls.push({ url, redirect: init?.redirect });
      // What a browser returns for `redirect: 'manual'`: status 0, no headers, type "opaqueredirect".
      const opaque = new Response(null, { status: 200 });
      Object.defineProperty(opaque, 'type', { value: 'opaqueredirect' });
      return opaque;
    };
    const result = await runWebhookAction(input('https://hooks.example.com/x'), {
      ...fastDeps(),
      fetch: browserLikeFetch,
    });
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(result.detail).toContain('redirect whose target cannot be checked');
    expect(calls).toEqual([{ url: 'https://hooks.example.com/x', redirect: 'manual' }]);
  });

  it('refuses a webhook URL with a user name or password, at send time and in the settings check', async () => {
    const calls: string[] = [];
    const url = 'https://team:s3cret@hooks.example.com/x';
    const result = await runWebhookAction(input(url), {
      ...fastDeps(),
      fetch: async (target: string) => {
        calls.push(target);
        return new Response('{}');
      },
    });
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(result.detail).toContain('Remove the user name and password');
    expect(calls).toEqual([]);
    expect(webhookUrlProblem(url)).toBe('credentials');
    expect(webhookUrlProblem('https://hooks.example.com/x')).toBeNull();
    expect(webhookUrlProblem('http://hooks.example.com/x')).toBe('insecure');
    expect(webhookUrlProblem('javascript:alert(1)')).toBe('invalid');

    const settings = mergeSettings(defaultSettings.escalation, { webhook: { url } });
    expect(missingConfiguration('generic', settings, 'de')?.message).toContain('Benutzername und Passwort');
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
    expect(body.text).toBe('{{moood}} wütend');
  });
});
