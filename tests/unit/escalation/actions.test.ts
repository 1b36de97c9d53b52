// @vitest-environment node
// The action registry: every action the records know is registered under its own name, and each says when it runs,
// what it lacks, how the panel names it, and runs through the registry (the clipboard and email actions need no
// network; the webhook, Zendesk and Freshdesk runs are covered end to end in escalate/webhook/zendesk/freshdesk tests).
import { describe, expect, it } from 'vitest';
import { actionRegistry, escalationActions, plannedActions, setupProblem } from '../../../lib/escalation/actions';
import { evaluateEscalation } from '../../../lib/escalation/rules';
import { buildHandoffSummary } from '../../../lib/escalation/summary';
import { actionNames } from '../../../lib/escalation/types';
import { createTranslator, dictionaryKeys } from '../../../lib/i18n';
import { defaultSettings, type EscalationSettings, mergeSettings } from '../../../lib/settings';
import { angryGermanConversation } from './fixtures';

const none = mergeSettings(defaultSettings.escalation, { copyToClipboard: false });

function withSettings(patch: Parameters<typeof mergeSettings<EscalationSettings>>[1]): EscalationSettings {
  return mergeSettings(none, patch);
}

const complete = withSettings({
  teamLeadEmail: 'lead@shop.example',
  webhook: { url: 'https://hooks.example.com/x' },
  copyToClipboard: true,
  freshdesk: { domain: 'acme', apiKey: 'key' },
});

describe('the action registry', () => {
  it('registers every action once, under its own name, in the order escalations run them', () => {
    expect(Object.keys(actionRegistry).sort()).toEqual([...actionNames].sort());
    for (const name of actionNames) expect(actionRegistry[name].name).toBe(name);
    expect(escalationActions.map((action) => action.name)).toEqual([...actionNames]);
  });

  it('plans Zendesk only on Zendesk, with nothing to configure', () => {
    const zendesk = actionRegistry.zendesk;
    expect(zendesk.isPlanned('zendesk', none)).toBe(true);
    expect(zendesk.isPlanned('gmail', complete)).toBe(false);
    expect(zendesk.missing(none)).toEqual([]);
  });

  it('plans Freshdesk on Freshdesk once the domain and API key are set, and names what is missing', () => {
    const freshdesk = actionRegistry.freshdesk;
    expect(freshdesk.isPlanned('freshdesk', complete)).toBe(true);
    expect(freshdesk.isPlanned('gmail', complete)).toBe(false);
    expect(freshdesk.isPlanned('freshdesk', withSettings({ freshdesk: { domain: 'acme' } }))).toBe(false);
    expect(freshdesk.missing(none)).toEqual([
      { code: 'freshdesk-domain-missing', field: 'freshdesk.domain' },
      { code: 'freshdesk-api-key-missing', field: 'freshdesk.apiKey' },
    ]);
    expect(freshdesk.missing(withSettings({ freshdesk: { domain: 'acme', apiKey: ' ' } }))).toEqual([
      { code: 'freshdesk-api-key-missing', field: 'freshdesk.apiKey' },
    ]);
    expect(freshdesk.missing(complete)).toEqual([]);
  });

  it('plans the webhook whenever a URL is set, and says what is wrong with it', () => {
    const webhook = actionRegistry.webhook;
    expect(webhook.isPlanned('gmail', none)).toBe(false);
    expect(webhook.missing(none)).toEqual([{ code: 'webhook-url-missing', field: 'webhook.url' }]);
    const insecure = withSettings({ webhook: { url: 'http://hooks.example.com' } });
    // Planned although unusable: its result then tells the agent what to fix.
    expect(webhook.isPlanned('gmail', insecure)).toBe(true);
    expect(webhook.missing(insecure)).toEqual([{ code: 'webhook-url-invalid', field: 'webhook.url' }]);
    expect(webhook.missing(withSettings({ webhook: { url: 'https://user:pw@hooks.example.com' } }))).toEqual([
      { code: 'webhook-url-credentials', field: 'webhook.url' },
    ]);
    expect(webhook.missing(withSettings({ webhook: { url: 'http://127.0.0.1:8080/hook' } }))).toEqual([]);
    expect(webhook.missing(complete)).toEqual([]);
  });

  it('plans the email draft whenever an address is set, and says when it is not one', () => {
    const email = actionRegistry.email;
    expect(email.isPlanned('outlook', none)).toBe(false);
    expect(email.missing(none)).toEqual([{ code: 'email-missing', field: 'teamLeadEmail' }]);
    const bad = withSettings({ teamLeadEmail: 'lead at shop' });
    expect(email.isPlanned('outlook', bad)).toBe(true);
    expect(email.missing(bad)).toEqual([{ code: 'email-invalid', field: 'teamLeadEmail' }]);
    expect(email.missing(complete)).toEqual([]);
  });

  it('plans the clipboard when it is switched on; it never counts as reaching a team lead', () => {
    const clipboard = actionRegistry.clipboard;
    expect(clipboard.isPlanned('generic', none)).toBe(false);
    expect(clipboard.missing(none)).toEqual([{ code: 'clipboard-off', field: 'copyToClipboard' }]);
    expect(clipboard.isPlanned('generic', complete)).toBe(true);
    expect(clipboard.reachesTeamLead).toBe(false);
    expect(setupProblem('generic', withSettings({ copyToClipboard: true }))?.code).toBe('not-configured');
  });

  it('plans per site in the registry order', () => {
    expect(plannedActions('zendesk', complete)).toEqual(['zendesk', 'webhook', 'email', 'clipboard']);
    expect(plannedActions('freshdesk', complete)).toEqual(['freshdesk', 'webhook', 'email', 'clipboard']);
    expect(plannedActions('gmail', complete)).toEqual(['webhook', 'email', 'clipboard']);
    expect(plannedActions('gmail', none)).toEqual([]);
  });

  it('names each action for the panel with a catalogue key in both languages', () => {
    const en = createTranslator('en');
    const de = createTranslator('de');
    const described = actionNames.map((name) => actionRegistry[name].describe(complete));
    expect(described.map(({ key, params }) => en(key, params))).toEqual([
      'Zendesk ticket (urgent, tags, internal note)',
      'Freshdesk ticket (priority, tags, private note)',
      'webhook to hooks.example.com',
      'email draft to lead@shop.example',
      'copy summary',
    ]);
    expect(de(described[2]?.key ?? 'escalationActions.clipboard', described[2]?.params)).toBe(
      'Webhook an hooks.example.com',
    );
    const germanKeys = dictionaryKeys('de');
    for (const { key } of described) expect(germanKeys).toContain(key);
  });

  it('finds the setup problem: an unusable destination first, else every field that would fix it', () => {
    expect(setupProblem('zendesk', none)).toBeNull();
    expect(setupProblem('gmail', complete)).toBeNull();
    expect(setupProblem('gmail', none)).toEqual({ code: 'not-configured', fields: ['teamLeadEmail', 'webhook.url'] });
    expect(setupProblem('freshdesk', none)).toEqual({
      code: 'not-configured-freshdesk',
      fields: ['freshdesk.domain', 'freshdesk.apiKey', 'teamLeadEmail', 'webhook.url'],
    });
    expect(
      setupProblem('gmail', withSettings({ webhook: { url: 'ftp://x' }, teamLeadEmail: 'not an address' })),
    ).toEqual({ code: 'webhook-url-invalid', fields: ['webhook.url'] });
    // One usable destination is enough, even beside an unusable one.
    expect(
      setupProblem('gmail', withSettings({ webhook: { url: 'http://x.example' }, teamLeadEmail: 'lead@shop.example' })),
    ).toBeNull();
  });

  it('runs the clipboard and email actions through the registry', async () => {
    const { conversation, mood } = angryGermanConversation('reg-1', 'generic');
    const { reasons } = evaluateEscalation(conversation, mood, defaultSettings.escalation.rules, { lang: 'en' });
    const summary = buildHandoffSummary({ conversation, mood, reasons, lang: 'en', note: '', now: 0 });
    const context = {
      retry: { lang: 'en' as const, summary, idempotencyKey: 'rapport-test' },
      settings: complete,
      deps: { fetch },
    };
    const copied = await actionRegistry.clipboard.run(context);
    expect(copied).toMatchObject({ action: 'clipboard', ok: true, followUp: { kind: 'copy-text' } });
    const drafted = await actionRegistry.email.run(context);
    expect(drafted).toMatchObject({ action: 'email', ok: true, followUp: { kind: 'open-url' } });
    // A helpdesk action without its ticket number fails with what to do, and is not worth retrying.
    const zendesk = await actionRegistry.zendesk.run(context);
    expect(zendesk).toMatchObject({ action: 'zendesk', ok: false, retryable: false });
  });
});
