// @vitest-environment node
// The panel runs escalate() in an extension page: Node's fetch stands in for it, fake-indexeddb for IndexedDB.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conversationKey, RapportDb } from '../../../lib/db';
import {
  type EscalateDeps,
  type EscalationRequest,
  escalate,
  formatEscalatedAgo,
  getEscalations,
  missingConfiguration,
  retryFailed,
  shouldAutoEscalate,
} from '../../../lib/escalation/escalate';
import { evaluateEscalation } from '../../../lib/escalation/rules';
import type { ActionResult } from '../../../lib/escalation/types';
import type { ZendeskActionInput } from '../../../lib/escalation/zendesk';
import { defaultSettings, type EscalationSettings, mergeSettings } from '../../../lib/settings';
import type { SiteId } from '../../../lib/sites/types';
import { angryGermanConversation, sendJson, startServer, type TestServer } from './fixtures';

let server: TestServer;
let webhookStatus = 200;
let db: RapportDb;
let conversationCounter = 0;

beforeEach(async () => {
  webhookStatus = 200;
  server = await startServer((_request, response) => {
    setTimeout(() => sendJson(response, webhookStatus, {}), 30);
  });
  db = new RapportDb(`rapport-test-${Date.now()}-${Math.random()}`);
});

afterEach(async () => {
  await server.close();
  db.close();
});

function settings(patch: Parameters<typeof mergeSettings<EscalationSettings>>[1] = {}): EscalationSettings {
  return mergeSettings(
    mergeSettings(defaultSettings.escalation, {
      teamLeadEmail: 'lead@shop.example',
      webhook: { url: `${server.url}/hook` },
    }),
    patch,
  );
}

function request(site: SiteId = 'generic', url?: string, lang: 'en' | 'de' = 'en'): EscalationRequest {
  conversationCounter += 1;
  const { conversation, mood } = angryGermanConversation(`${4200 + conversationCounter}`, site, url);
  const { reasons } = evaluateEscalation(conversation, mood, defaultSettings.escalation.rules, { lang });
  return { conversation, mood, reasons, note: 'Bitte übernehmen.', lang, intent: 'refund' };
}

function deps(escalation: EscalationSettings, extra: Partial<EscalateDeps> = {}): EscalateDeps {
  return { settings: escalation, fetch, db, webhook: { retries: 0, backoffMs: 10, timeoutMs: 2_000 }, ...extra };
}

describe('escalate', () => {
  it('runs the configured actions and records the escalation with each result', async () => {
    const req = request();
    const outcome = await escalate(req, deps(settings(), { now: () => Date.UTC(2025, 2, 14, 9, 0) }));

    if (outcome.status === 'not-configured') throw new Error('expected a run');
    expect(outcome.status).toBe('done');
    expect(outcome.results.map((result) => [result.action, result.ok])).toEqual([
      ['webhook', true],
      ['email', true],
      ['clipboard', true],
    ]);
    expect(outcome.results.find((result) => result.action === 'email')?.followUp?.kind).toBe('open-url');
    expect(outcome.results.find((result) => result.action === 'clipboard')?.followUp?.kind).toBe('copy-text');
    expect(server.requests).toHaveLength(1);

    const records = await getEscalations(conversationKey(req.conversation), db);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      id: outcome.record.id,
      conversationKey: `generic:${req.conversation.id}`,
      site: 'generic',
      url: req.conversation.url,
      at: Date.UTC(2025, 2, 14, 9, 0),
      note: 'Bitte übernehmen.',
      reasons: req.reasons.map((reason) => reason.text),
    });
    expect(records[0]?.actions.map((action) => [action.action, action.ok])).toEqual([
      ['webhook', true],
      ['email', true],
      ['clipboard', true],
    ]);
    expect(records[0]?.reasons).toContain('Legal action threatened: "Anwalt".');
  });

  it('runs once on a double click: one webhook post, one record', async () => {
    const req = request();
    const escalation = settings();
    const [first, second] = await Promise.all([escalate(req, deps(escalation)), escalate(req, deps(escalation))]);
    expect(second).toBe(first);
    // A click right after the first finished is still the same escalation.
    const third = await escalate(req, deps(escalation));
    expect(third).toBe(first);
    expect(server.requests).toHaveLength(1);
    expect(await getEscalations(conversationKey(req.conversation), db)).toHaveLength(1);
  });

  it('keeps a failed webhook in the record and retries only that action', async () => {
    webhookStatus = 503;
    const req = request();
    const outcome = await escalate(req, deps(settings()));
    if (outcome.status === 'not-configured') throw new Error('expected a run');
    expect(outcome.status).toBe('partial');
    const stored = (await getEscalations(conversationKey(req.conversation), db))[0];
    expect(stored?.actions.find((action) => action.action === 'webhook')).toMatchObject({
      ok: false,
      retryable: true,
    });

    webhookStatus = 200;
    const retried = await retryFailed(outcome.record.id, deps(settings()));
    if (retried.status === 'not-found' || retried.status === 'nothing-to-retry') throw new Error('expected a retry');
    expect(retried.status).toBe('done');
    expect(retried.results.map((result) => result.action)).toEqual(['webhook']);
    expect(server.requests).toHaveLength(2);
    // The same idempotency key, so a receiver that saw the first attempt can drop the second.
    expect(server.requests[1]?.headers['idempotency-key']).toBe(server.requests[0]?.headers['idempotency-key']);

    const after = await getEscalations(conversationKey(req.conversation), db);
    expect(after).toHaveLength(1);
    expect(after[0]?.actions.every((action) => action.ok)).toBe(true);
    expect(await retryFailed(outcome.record.id, deps(settings()))).toMatchObject({ status: 'nothing-to-retry' });
    expect(await retryFailed(987654, deps(settings()))).toEqual({ status: 'not-found' });
  });

  it('on Zendesk runs the Zendesk action where the session is, with the ticket from the URL', async () => {
    const seen: ZendeskActionInput[] = [];
    const runZendesk = async (input: ZendeskActionInput): Promise<ActionResult> => {
      seen.push(input);
      return { action: 'zendesk', ok: true, detail: 'Zendesk ticket #4242 updated.', retryable: false };
    };
    const req = request('zendesk', 'https://acme.zendesk.com/agent/tickets/4242');
    const outcome = await escalate(req, deps(settings({ webhook: { url: '' }, teamLeadEmail: '' }), { runZendesk }));
    if (outcome.status === 'not-configured') throw new Error('expected a run');
    expect(outcome.results.map((result) => result.action)).toEqual(['zendesk', 'clipboard']);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ ticketId: '4242', priority: 'urgent', tags: ['rapport-escalated'], groupId: '' });
    expect(seen[0]?.note).toContain('Note from the agent: Bitte übernehmen.');
    expect(outcome.missing).toBeUndefined();
  });

  it('marks the Zendesk note with the escalation’s reference and keeps it on retries (issue 20)', async () => {
    const seen: ZendeskActionInput[] = [];
    const runZendesk = async (input: ZendeskActionInput): Promise<ActionResult> => {
      seen.push(input);
      return seen.length === 1
        ? { action: 'zendesk', ok: false, detail: 'Zendesk did not answer in time — retry.', retryable: true }
        : { action: 'zendesk', ok: true, detail: 'Zendesk ticket #4244 updated.', retryable: false };
    };
    const req = request('zendesk', 'https://acme.zendesk.com/agent/tickets/4244');
    const escalation = settings({ webhook: { url: '' }, teamLeadEmail: '' });
    const outcome = await escalate(req, deps(escalation, { runZendesk }));
    if (outcome.status === 'not-configured') throw new Error('expected a run');
    const retried = await retryFailed(outcome.record.id, deps(escalation, { runZendesk }));
    expect(retried.status).toBe('done');
    expect(seen).toHaveLength(2);
    const [first, second] = seen;
    expect(first?.noteRef).toMatch(/^R-[0-9a-f]{12}$/);
    expect(first?.note.endsWith(`Rapport ref: ${first?.noteRef}`)).toBe(true);
    expect(second?.noteRef).toBe(first?.noteRef);
    expect(second?.note).toBe(first?.note);
  });

  it('turns a Zendesk tab that went away into a retryable failure', async () => {
    const runZendesk = async (): Promise<ActionResult> => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    };
    const req = request('zendesk', 'https://acme.zendesk.com/agent/tickets/4243');
    const outcome = await escalate(req, deps(settings({ webhook: { url: '' } }), { runZendesk }));
    if (outcome.status === 'not-configured') throw new Error('expected a run');
    expect(outcome.status).toBe('partial');
    expect(outcome.results[0]).toMatchObject({ action: 'zendesk', ok: false, retryable: true });
  });

  it('records nothing and says what to set when nothing is configured', async () => {
    const req = request('gmail', 'https://mail.google.com/mail/u/0/#inbox/abc', 'de');
    const escalation = settings({ webhook: { url: '' }, teamLeadEmail: '', copyToClipboard: false });
    const outcome = await escalate(req, deps(escalation));
    expect(outcome).toEqual({
      status: 'not-configured',
      missing: {
        code: 'escalation/not-configured',
        message: 'Unter Einstellungen → Eskalation eine E-Mail-Adresse der Teamleitung oder einen Webhook eintragen.',
        fields: ['teamLeadEmail', 'webhook.url'],
      },
    });
    expect(await getEscalations(conversationKey(req.conversation), db)).toEqual([]);
  });

  it('copies the summary but says it reached nobody when only the clipboard is on', async () => {
    const req = request();
    const outcome = await escalate(req, deps(settings({ webhook: { url: '' }, teamLeadEmail: '' })));
    if (outcome.status === 'not-configured') throw new Error('expected a run');
    expect(outcome.results.map((result) => result.action)).toEqual(['clipboard']);
    expect(outcome.missing?.message).toBe('Set a team lead email or a webhook in Settings → Escalation.');
  });
});

describe('missingConfiguration', () => {
  const none = mergeSettings(defaultSettings.escalation, { copyToClipboard: false });

  it('asks for a team lead email or a webhook on Gmail and other pages', () => {
    expect(missingConfiguration('gmail', none)?.message).toBe(
      'Set a team lead email or a webhook in Settings → Escalation.',
    );
    expect(missingConfiguration('generic', defaultSettings.escalation)?.fields).toEqual([
      'teamLeadEmail',
      'webhook.url',
    ]);
  });

  it('needs nothing on Zendesk and the API key on Freshdesk', () => {
    expect(missingConfiguration('zendesk', none)).toBeNull();
    expect(missingConfiguration('freshdesk', none)?.message).toBe(
      'Set the Freshdesk domain and API key, a team lead email or a webhook in Settings → Escalation.',
    );
    const freshdesk = mergeSettings(none, { freshdesk: { domain: 'acme', apiKey: 'key' } });
    expect(missingConfiguration('freshdesk', freshdesk)).toBeNull();
  });

  it('names a setting that is present but unusable', () => {
    expect(
      missingConfiguration('gmail', mergeSettings(none, { webhook: { url: 'http://hooks.example.com' } })),
    ).toEqual({
      code: 'escalation/not-configured',
      message: 'The webhook URL must start with https:// — fix it in Settings → Escalation.',
      fields: ['webhook.url'],
    });
    expect(missingConfiguration('gmail', mergeSettings(none, { teamLeadEmail: 'lead@shop.example' }))).toBeNull();
  });
});

describe('shouldAutoEscalate', () => {
  it('escalates without a click only when a team lead turned it on, and only once per conversation', () => {
    const advice = { recommend: true, reasons: [] };
    const on = mergeSettings(defaultSettings.escalation, { autoEscalate: true });
    expect(shouldAutoEscalate(advice, defaultSettings.escalation, [])).toBe(false);
    expect(shouldAutoEscalate(advice, on, [])).toBe(true);
    expect(shouldAutoEscalate({ recommend: false, reasons: [] }, on, [])).toBe(false);
    expect(shouldAutoEscalate(advice, on, [{ at: 1 }])).toBe(false);
  });
});

describe('formatEscalatedAgo', () => {
  const at = Date.UTC(2025, 2, 14, 9, 0);
  it.each([
    [20_000, 'escalated just now', 'gerade eskaliert'],
    [5 * 60_000, 'escalated 5 min ago', 'vor 5 Min. eskaliert'],
    [2 * 3_600_000 + 10 * 60_000, 'escalated 2 h ago', 'vor 2 Std. eskaliert'],
    [26 * 3_600_000, 'escalated 1 day ago', 'vor 1 Tag eskaliert'],
    [3 * 86_400_000, 'escalated 3 days ago', 'vor 3 Tagen eskaliert'],
  ])('after %i ms', (elapsed, en, de) => {
    expect(formatEscalatedAgo(at, at + elapsed, 'en')).toBe(en);
    expect(formatEscalatedAgo(at, at + elapsed, 'de')).toBe(de);
  });
});
