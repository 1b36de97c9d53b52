// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { RapportDb } from '../../../lib/db';
import {
  moveSecretsOutOfLocalStorage,
  readEscalationSecrets,
  saveEscalationSecrets,
  withEscalationSecrets,
} from '../../../lib/escalation/secrets';
import { defaultSettings, getSettings, mergeSettings, type Settings, updateSettings } from '../../../lib/settings';

/**
 * Issue 20: the webhook URL (with its secret) and the Freshdesk API key leave `storage.local`, which content scripts
 * can read and write, for the extension's IndexedDB, which they cannot open (they run with the page's origin).
 */

const webhookUrl = 'https://hooks.slack.com/services/T000/B000/XXXXsecretXXXX';
const apiKey = 'fd-api-key-0123456789';

/** Settings as a version before issue 20 stored them: secrets in `storage.local`. */
function legacySettings(): Settings {
  return mergeSettings(defaultSettings, {
    agent: { name: 'Jonas' },
    packUrls: ['https://packs.example.com/team.json'],
    escalation: {
      teamLeadEmail: 'lead@shop.example',
      webhook: { url: webhookUrl, payloadTemplate: '{"text":"{{summary}}"}' },
      freshdesk: { domain: 'shop', apiKey },
    },
  });
}

/** Everything a content script can read with `browser.storage` (local, sync, session as exposed to it, managed). */
async function whatContentScriptsCanRead(): Promise<string> {
  const [local, sync, managed] = await Promise.all([
    fakeBrowser.storage.local.get(null),
    fakeBrowser.storage.sync.get(null),
    fakeBrowser.storage.managed.get(null),
  ]);
  return JSON.stringify({ local, sync, managed });
}

let db: RapportDb;

beforeEach(async () => {
  db = new RapportDb(`secrets-${crypto.randomUUID()}`);
  await db.open();
});

afterEach(async () => {
  db.close();
  await db.delete();
});

describe('moving the escalation secrets out of storage.local', () => {
  it('moves them into IndexedDB, deletes them in storage.local and keeps every other setting', async () => {
    await fakeBrowser.storage.local.set({ settings: legacySettings() });

    expect(await moveSecretsOutOfLocalStorage(db)).toBe(true);

    expect(await readEscalationSecrets(db)).toEqual({ webhookUrl, freshdeskApiKey: apiKey });
    const stored = await whatContentScriptsCanRead();
    expect(stored).not.toContain(webhookUrl);
    expect(stored).not.toContain(apiKey);
    const settings = await getSettings();
    expect(settings.agent.name).toBe('Jonas');
    expect(settings.packUrls).toEqual(['https://packs.example.com/team.json']);
    expect(settings.escalation.teamLeadEmail).toBe('lead@shop.example');
    expect(settings.escalation.webhook.payloadTemplate).toBe('{"text":"{{summary}}"}');
    expect(settings.escalation.freshdesk.domain).toBe('shop');
  });

  it('is harmless to run again, and from several pages at once', async () => {
    await fakeBrowser.storage.local.set({ settings: legacySettings() });
    await Promise.all([moveSecretsOutOfLocalStorage(db), moveSecretsOutOfLocalStorage(db)]);
    expect(await moveSecretsOutOfLocalStorage(db)).toBe(false);
    expect(await readEscalationSecrets(db)).toEqual({ webhookUrl, freshdeskApiKey: apiKey });
    expect(await db.secrets.count()).toBe(1);
  });

  it('never takes over a webhook a content script wrote into storage.local after the move, and deletes it', async () => {
    await fakeBrowser.storage.local.set({ settings: legacySettings() });
    await moveSecretsOutOfLocalStorage(db);
    // A compromised page's renderer runs our content script and can write storage.local: it points the webhook at itself.
    const hijacked = mergeSettings(legacySettings(), {
      escalation: { webhook: { url: 'https://attacker.example/collect' }, freshdesk: { apiKey: 'theirs' } },
    });
    await fakeBrowser.storage.local.set({ settings: hijacked });

    expect((await getSettings()).escalation.webhook.url).toBe('');
    expect(await moveSecretsOutOfLocalStorage(db)).toBe(false);
    expect(await readEscalationSecrets(db)).toEqual({ webhookUrl, freshdeskApiKey: apiKey });
    expect(await whatContentScriptsCanRead()).not.toContain('attacker.example');
  });

  it('loses nothing when a content script saves other settings before the background moved the secrets', async () => {
    await fakeBrowser.storage.local.set({ settings: legacySettings() });
    // The badge's "dismiss" runs updateSettings in the content script, which reads settings without secrets.
    await updateSettings({ badgeDismissed: ['https://shop.zendesk.com'] });
    await moveSecretsOutOfLocalStorage(db);
    expect(await readEscalationSecrets(db)).toEqual({ webhookUrl, freshdeskApiKey: apiKey });
    expect((await getSettings()).badgeDismissed).toEqual(['https://shop.zendesk.com']);
  });

  it('starts empty on a fresh install', async () => {
    expect(await moveSecretsOutOfLocalStorage(db)).toBe(false);
    expect(await readEscalationSecrets(db)).toEqual({ webhookUrl: '', freshdeskApiKey: '' });
  });
});

describe('settings and secrets after the move', () => {
  it('never writes a secret to storage.local, even when a settings patch carries one', async () => {
    await updateSettings({ escalation: { webhook: { url: webhookUrl }, freshdesk: { apiKey } } });
    const stored = await whatContentScriptsCanRead();
    expect(stored).not.toContain(webhookUrl);
    expect(stored).not.toContain(apiKey);
  });

  it('keeps what the settings page saves out of content scripts’ reach and gives it back to extension pages', async () => {
    await saveEscalationSecrets({ webhookUrl: ` ${webhookUrl} `, freshdeskApiKey: apiKey }, db);
    await updateSettings({ escalation: { teamLeadEmail: 'lead@shop.example' } });

    const stored = await whatContentScriptsCanRead();
    expect(stored).not.toContain(webhookUrl);
    expect(stored).not.toContain(apiKey);
    const secrets = await readEscalationSecrets(db);
    expect(secrets).toEqual({ webhookUrl, freshdeskApiKey: apiKey });
    const effective = withEscalationSecrets(await getSettings(), secrets);
    expect(effective.escalation.webhook.url).toBe(webhookUrl);
    expect(effective.escalation.freshdesk.apiKey).toBe(apiKey);
    expect(effective.escalation.teamLeadEmail).toBe('lead@shop.example');
  });
});
