// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  defaultSettings,
  getSettings,
  isSiteEnabled,
  isSnippetsEnabled,
  mergeSettings,
  type Settings,
  settingsItem,
  updateSettings,
} from '../../lib/settings';

/**
 * lib/settings.ts: what every context reads as the agent's settings. The secrets' move out of `storage.local` has its
 * own tests (escalation/secrets.test.ts); here: defaults, merging, and what a read and a write give back.
 */

/** What `storage.local` holds under the settings key, as a content script would see it. */
async function storedRaw(): Promise<unknown> {
  return (await fakeBrowser.storage.local.get('settings')).settings;
}

describe('defaults', () => {
  it('reads the defaults on a fresh install, without writing anything', async () => {
    expect(await getSettings()).toEqual(defaultSettings);
    expect(await storedRaw()).toBeUndefined();
  });

  it('are private and quiet until the agent decides otherwise', () => {
    // Nothing leaves the browser and nothing is typed into a page unless switched on.
    expect(defaultSettings.escalation.autoEscalate).toBe(false);
    expect(defaultSettings.escalation.webhook).toMatchObject({ url: '', maskPersonalData: true });
    expect(defaultSettings.escalation.freshdesk.apiKey).toBe('');
    expect(defaultSettings.replies.llmDownloadApproved).toBe(false);
    expect(defaultSettings.snippetSites).toEqual({});
    expect(defaultSettings.mood.modelId).toBe('bundled');
    expect(defaultSettings.language).toBe('auto');
    expect(defaultSettings.escalation.recordRetentionDays).toBe(90);
  });

  it('give back a fresh copy each read: changing a result changes neither the defaults nor the next read', async () => {
    const first = await getSettings();
    first.agent.emails.push('me@shop.example');
    first.escalation.zendesk.tags.push('mutated');
    const second = await getSettings();
    expect(second.agent.emails).toEqual([]);
    expect(second.escalation.zendesk.tags).toEqual(['rapport-escalated']);
    expect(defaultSettings.agent.emails).toEqual([]);
  });
});

describe('mergeSettings', () => {
  it('merges objects key by key and leaves the base untouched', () => {
    const base = { a: { x: 1, y: 2 }, b: 'keep' };
    const merged = mergeSettings(base, { a: { y: 3 } });
    expect(merged).toEqual({ a: { x: 1, y: 3 }, b: 'keep' });
    expect(base).toEqual({ a: { x: 1, y: 2 }, b: 'keep' });
  });

  it('replaces arrays and primitives instead of merging them', () => {
    const merged = mergeSettings(defaultSettings, {
      packUrls: ['https://packs.example.com/b.json'],
      escalation: { zendesk: { tags: ['vip'] }, freshdesk: { priority: 2 } },
    });
    expect(merged.packUrls).toEqual(['https://packs.example.com/b.json']);
    expect(merged.escalation.zendesk).toEqual({ ...defaultSettings.escalation.zendesk, tags: ['vip'] });
    expect(merged.escalation.freshdesk.priority).toBe(2);
    const emptied = mergeSettings(merged, { packUrls: [] });
    expect(emptied.packUrls).toEqual([]);
  });

  it('skips undefined values, so an absent field never erases a stored one', () => {
    const merged = mergeSettings(defaultSettings, { agent: { name: undefined, emails: ['a@shop.example'] } });
    expect(merged.agent).toEqual({ name: '', emails: ['a@shop.example'], names: [] });
  });
});

describe('getSettings', () => {
  it('fills fields added since the settings were stored from the defaults, keeping what was stored', async () => {
    // Settings saved by an older version: no `mood`, no `germanFormalityMode`, no retention.
    await fakeBrowser.storage.local.set({
      settings: {
        language: 'de',
        agent: { name: 'Jonas', emails: ['jonas@shop.example'], names: [] },
        sites: { gmail: false },
        replies: { engine: 'templates', germanFormality: 'du' },
        escalation: { teamLeadEmail: 'lead@shop.example', rules: { angerThreshold: 0.8 } },
      },
    });
    const settings = await getSettings();
    expect(settings.language).toBe('de');
    expect(settings.agent.name).toBe('Jonas');
    expect(settings.replies).toEqual({ ...defaultSettings.replies, engine: 'templates', germanFormality: 'du' });
    expect(settings.replies.germanFormalityMode).toBe('conversation');
    expect(settings.escalation.rules).toEqual({ ...defaultSettings.escalation.rules, angerThreshold: 0.8 });
    expect(settings.escalation.teamLeadEmail).toBe('lead@shop.example');
    expect(settings.escalation.recordRetentionDays).toBe(90);
    expect(settings.mood).toEqual(defaultSettings.mood);
    expect(isSiteEnabled(settings, 'gmail')).toBe(false);
  });

  it('reads secrets found in storage.local as empty: whatever put them there is not trusted', async () => {
    await settingsItem.setValue(
      mergeSettings(defaultSettings, {
        escalation: { webhook: { url: 'https://attacker.example/hook' }, freshdesk: { apiKey: 'planted' } },
      }),
    );
    const settings = await getSettings();
    expect(settings.escalation.webhook.url).toBe('');
    expect(settings.escalation.freshdesk.apiKey).toBe('');
  });
});

describe('updateSettings', () => {
  it('applies a partial change over what is stored, returns the result and stores it for every context', async () => {
    await updateSettings({ agent: { name: 'Jonas' }, sites: { zendesk: false } });
    const next = await updateSettings({ agent: { emails: ['jonas@shop.example'] }, replies: { brandVoice: 'Warm' } });
    expect(next.agent).toEqual({ name: 'Jonas', emails: ['jonas@shop.example'], names: [] });
    expect(next.sites).toEqual({ zendesk: false });
    expect(next.replies.brandVoice).toBe('Warm');
    expect(next.replies.engine).toBe(defaultSettings.replies.engine);
    expect(await getSettings()).toEqual(next);
    expect(await storedRaw()).toEqual(next);
  });

  it('switches one site without touching the others', async () => {
    await updateSettings({ sites: { gmail: false, 'https://help.shop.example': false } });
    const next = await updateSettings({ sites: { gmail: true } });
    expect(next.sites).toEqual({ gmail: true, 'https://help.shop.example': false });
    expect(isSiteEnabled(next, 'gmail')).toBe(true);
    expect(isSiteEnabled(next, 'https://help.shop.example')).toBe(false);
    // A site never switched is on.
    expect(isSiteEnabled(next, 'outlook')).toBe(true);
  });

  it('drops secrets carried by a patch: they are saved in IndexedDB, never in storage.local', async () => {
    const next = await updateSettings({
      escalation: { teamLeadEmail: 'lead@shop.example', webhook: { url: 'https://hooks.example.com/x' } },
    });
    expect(next.escalation.teamLeadEmail).toBe('lead@shop.example');
    expect(next.escalation.webhook.url).toBe('');
    expect(JSON.stringify(await storedRaw())).not.toContain('hooks.example.com');
  });
});

describe('isSnippetsEnabled', () => {
  const settings = (snippetSites: Settings['snippetSites']): Settings =>
    mergeSettings(defaultSettings, { snippetSites });

  it('is off wherever the agent did not switch it on', () => {
    expect(isSnippetsEnabled(defaultSettings, 'zendesk')).toBe(false);
    expect(isSnippetsEnabled(defaultSettings, 'https://help.shop.example', true)).toBe(false);
  });

  it('follows the per-site switch for known sites', () => {
    const on = settings({ zendesk: true });
    expect(isSnippetsEnabled(on, 'zendesk')).toBe(true);
    expect(isSnippetsEnabled(on, 'gmail')).toBe(false);
  });

  it('lets the "other pages" switch cover every generic origin except one switched off', () => {
    const on = settings({ generic: true, 'https://legacy.shop.example': false });
    expect(isSnippetsEnabled(on, 'https://help.shop.example', true)).toBe(true);
    expect(isSnippetsEnabled(on, 'https://legacy.shop.example', true)).toBe(false);
    // The generic switch says nothing about known sites.
    expect(isSnippetsEnabled(on, 'gmail')).toBe(false);
  });
});
