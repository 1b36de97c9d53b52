// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultSettings, getSettings, parseSettings, updateSettings } from '../../lib/settings';

/**
 * Stored settings are parsed with defaults (lib/settings.ts `settingsSchema`): what `storage.local` holds may come from
 * an older version, a hand-edited profile, or a content script in a compromised page. Valid fields are kept, missing
 * or invalid ones read as their defaults, and a read never throws.
 */

async function store(settings: unknown): Promise<void> {
  await fakeBrowser.storage.local.set({ settings });
}

describe('reading stored settings', () => {
  it('reads settings stored by the first version (no replies, mood or retention yet) with today’s defaults', async () => {
    await store({
      language: 'en',
      agent: { name: 'Mia', emails: ['mia@shop.example'] },
      sites: { zendesk: false },
      escalation: { rules: { angerThreshold: 0.5, vipCustomers: ['@bigcustomer.example'] }, autoEscalate: true },
    });
    const settings = await getSettings();
    expect(settings.language).toBe('en');
    expect(settings.agent).toEqual({ name: 'Mia', emails: ['mia@shop.example'], names: [] });
    expect(settings.sites.zendesk).toBe(false);
    expect(settings.escalation.rules).toEqual({
      ...defaultSettings.escalation.rules,
      angerThreshold: 0.5,
      vipCustomers: ['@bigcustomer.example'],
    });
    expect(settings.escalation.autoEscalate).toBe(true);
    expect(settings.escalation.recordRetentionDays).toBe(90);
    expect(settings.replies).toEqual(defaultSettings.replies);
    expect(settings.mood).toEqual(defaultSettings.mood);
  });

  it('replaces each invalid field with its default and keeps the valid ones beside it', async () => {
    await store({
      language: 'fr',
      agent: { name: 42, emails: 'mia@shop.example', names: ['Mia', 7, null, 'M. Berger'] },
      replies: { engine: 'gpt', germanFormality: 'du', brandVoice: 'Warm', llmDownloadApproved: 'yes' },
      escalation: {
        rules: { angerThreshold: 7, frustrationThreshold: 0.9, worseningWindow: -2, repeatedContactCount: 2.5 },
        recordRetentionDays: '30',
        teamLeadEmail: 'lead@shop.example',
        zendesk: { priority: 'panic', tags: ['vip'] },
        freshdesk: { priority: 1, domain: 'shop.freshdesk.com' },
      },
      mood: { modelId: null, teamLanguages: ['de', 'en'] },
    });
    const settings = await getSettings();
    expect(settings.language).toBe('auto');
    expect(settings.agent).toEqual({ name: '', emails: [], names: ['Mia', 'M. Berger'] });
    expect(settings.replies).toEqual({ ...defaultSettings.replies, germanFormality: 'du', brandVoice: 'Warm' });
    expect(settings.escalation.rules.angerThreshold).toBe(defaultSettings.escalation.rules.angerThreshold);
    expect(settings.escalation.rules.frustrationThreshold).toBe(0.9);
    expect(settings.escalation.rules.worseningWindow).toBe(defaultSettings.escalation.rules.worseningWindow);
    expect(settings.escalation.rules.repeatedContactCount).toBe(defaultSettings.escalation.rules.repeatedContactCount);
    expect(settings.escalation.recordRetentionDays).toBe(90);
    expect(settings.escalation.teamLeadEmail).toBe('lead@shop.example');
    expect(settings.escalation.zendesk).toEqual({ ...defaultSettings.escalation.zendesk, tags: ['vip'] });
    expect(settings.escalation.freshdesk.priority).toBe(defaultSettings.escalation.freshdesk.priority);
    expect(settings.escalation.freshdesk.domain).toBe('shop.freshdesk.com');
    expect(settings.mood).toEqual({ ...defaultSettings.mood, teamLanguages: ['de', 'en'] });
  });

  it('drops site switches that are not on/off, so those sites read as never switched', async () => {
    await store({ sites: { gmail: false, zendesk: 'off', 'https://help.shop.example': false }, snippetSites: [1] });
    const settings = await getSettings();
    expect(settings.sites.gmail).toBe(false);
    expect(settings.sites.zendesk).toBeUndefined();
    expect(settings.sites['https://help.shop.example']).toBe(false);
    expect(settings.snippetSites).toEqual({});
  });

  it.each([
    ['a string', 'corrupt'],
    ['a number', 12],
    ['null', null],
    ['a list', [defaultSettings]],
  ])('reads the defaults when the stored value is %s, without throwing', async (_what, stored) => {
    await store(stored);
    expect(await getSettings()).toEqual(defaultSettings);
  });

  it('reads a whole section that is not an object as that section’s defaults, the rest as stored', async () => {
    await store({ language: 'de', replies: 'broken', escalation: { rules: null, teamLeadEmail: 'lead@shop.example' } });
    const settings = await getSettings();
    expect(settings.language).toBe('de');
    expect(settings.replies).toEqual(defaultSettings.replies);
    expect(settings.escalation.rules).toEqual(defaultSettings.escalation.rules);
    expect(settings.escalation.teamLeadEmail).toBe('lead@shop.example');
  });

  it('drops fields no version of Rapport knows', () => {
    const parsed = parseSettings({ ...defaultSettings, injected: '<script>', agent: { name: 'Mia', admin: true } });
    expect(parsed).not.toHaveProperty('injected');
    expect(parsed.agent).toEqual({ name: 'Mia', emails: [], names: [] });
  });

  it('keeps complete valid settings exactly as stored', () => {
    const complete = structuredClone(defaultSettings);
    complete.language = 'de';
    complete.sites = { gmail: false, 'https://help.shop.example': true };
    complete.replies.engine = 'demo';
    complete.replies.germanFormalityMode = 'fixed';
    complete.escalation.freshdesk.priority = 2;
    complete.escalation.zendesk.priority = 'high';
    complete.escalation.recordRetentionDays = 0;
    complete.mood = { modelId: 'org/model', mirrorUrl: 'https://hub.shop.example', teamLanguages: ['de'] };
    expect(parseSettings(complete)).toEqual(complete);
  });

  it('hands out fresh defaults: changing what one read returned leaves the next read and the defaults alone', () => {
    const first = parseSettings({ agent: 'broken' });
    first.agent.emails.push('me@shop.example');
    first.escalation.zendesk.tags.push('mutated');
    const second = parseSettings(undefined);
    expect(second.agent.emails).toEqual([]);
    expect(second.escalation.zendesk.tags).toEqual(['rapport-escalated']);
    expect(defaultSettings.escalation.zendesk.tags).toEqual(['rapport-escalated']);
  });
});

describe('writing over stored settings that were invalid', () => {
  it('repairs the invalid fields and keeps the valid ones', async () => {
    await store({ language: 'xx', agent: { name: 'Mia', emails: [3] }, packUrls: 'https://packs.example.com' });
    const next = await updateSettings({ replies: { brandVoice: 'Warm' } });
    expect(next.language).toBe('auto');
    expect(next.agent).toEqual({ name: 'Mia', emails: [], names: [] });
    expect(next.packUrls).toEqual([]);
    expect(next.replies.brandVoice).toBe('Warm');
    expect((await fakeBrowser.storage.local.get('settings')).settings).toEqual(next);
  });

  it('reads an invalid stored secret as empty and leaves a valid one in storage.local for the move', async () => {
    // Secrets are moved out of storage.local by lib/escalation/secrets.ts; a settings write must not destroy them first.
    await store({ escalation: { webhook: { url: 'https://hooks.example.com/x' }, freshdesk: { apiKey: 99 } } });
    const next = await updateSettings({ language: 'de' });
    expect(next.escalation.webhook.url).toBe('');
    expect(next.escalation.freshdesk.apiKey).toBe('');
    const stored: unknown = (await fakeBrowser.storage.local.get('settings')).settings;
    expect(stored).toMatchObject({ language: 'de', escalation: { webhook: { url: 'https://hooks.example.com/x' } } });
    expect(stored).toMatchObject({ escalation: { freshdesk: { apiKey: '' } } });
  });
});
