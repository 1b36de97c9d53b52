// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  defaultSettings,
  getSettings,
  markShortcutHintSeen,
  parseSettings,
  settingsItem,
  updateSettings,
} from '../../lib/settings';

/**
 * Issue 22: the welcome (`firstRunDone`) and the panel's shortcut hint (`shortcutHintSeen`) in settings: a new agent
 * gets both, an agent updating from a version before the welcome is not greeted as new, and the shortcut hint goes once
 * the shortcut was used.
 */

describe('first run', () => {
  it('is not done on a fresh install, and the shortcut hint not seen', async () => {
    expect(defaultSettings.firstRunDone).toBe(false);
    expect(defaultSettings.shortcutHintSeen).toBe(false);
    const settings = await getSettings();
    expect(settings.firstRunDone).toBe(false);
    expect(settings.shortcutHintSeen).toBe(false);
  });

  it('stays not done after another setting is written first (a badge dismissed before the welcome)', async () => {
    await updateSettings({ badgeDismissed: ['https://shop.example'] });
    const stored = await fakeBrowser.storage.local.get('settings');
    expect(stored.settings).toMatchObject({ firstRunDone: false, badgeDismissed: ['https://shop.example'] });
    expect((await getSettings()).firstRunDone).toBe(false);
  });

  it('reads as done for settings stored by a version before the welcome', async () => {
    // What an earlier version stored: an agent at work, with their name set and no welcome field.
    await fakeBrowser.storage.local.set({
      settings: { language: 'de', agent: { name: 'Jonas', emails: [], names: [] } },
    });
    const settings = await getSettings();
    expect(settings.firstRunDone).toBe(true);
    expect(settings.agent.name).toBe('Jonas');
    // The shortcut hint is new to them too: shown until used.
    expect(settings.shortcutHintSeen).toBe(false);
    // Their next write keeps it done.
    await updateSettings({ language: 'en' });
    expect(await settingsItem.getValue()).toMatchObject({ firstRunDone: true, language: 'en' });
  });

  it('keeps a stored answer, and reads an invalid one as not done', () => {
    expect(parseSettings({ firstRunDone: true }).firstRunDone).toBe(true);
    expect(parseSettings({ firstRunDone: false }).firstRunDone).toBe(false);
    expect(parseSettings({ firstRunDone: 'yes', shortcutHintSeen: 1 })).toMatchObject({
      firstRunDone: false,
      shortcutHintSeen: false,
    });
    expect(parseSettings(undefined).firstRunDone).toBe(false);
  });

  it('is done once "Done" is saved', async () => {
    await updateSettings({ agent: { name: 'Mara' } });
    expect((await getSettings()).firstRunDone).toBe(false);
    await updateSettings({ firstRunDone: true });
    const settings = await getSettings();
    expect(settings.firstRunDone).toBe(true);
    expect(settings.agent.name).toBe('Mara');
  });
});

describe('markShortcutHintSeen', () => {
  it('records the first use of the shortcut and keeps every other setting', async () => {
    await updateSettings({ agent: { name: 'Mara' }, replies: { germanFormality: 'du' } });
    await markShortcutHintSeen();
    const settings = await getSettings();
    expect(settings.shortcutHintSeen).toBe(true);
    expect(settings.agent.name).toBe('Mara');
    expect(settings.replies.germanFormality).toBe('du');
    expect(settings.firstRunDone).toBe(false);
  });

  it('writes only once: later uses of the shortcut leave storage alone', async () => {
    await markShortcutHintSeen();
    let writes = 0;
    const stop = settingsItem.watch(() => {
      writes += 1;
    });
    await markShortcutHintSeen();
    await markShortcutHintSeen();
    stop();
    expect(writes).toBe(0);
    expect((await getSettings()).shortcutHintSeen).toBe(true);
  });
});
