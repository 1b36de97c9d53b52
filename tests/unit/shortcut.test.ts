// @vitest-environment node
import { describe, expect, it } from 'vitest';
import config from '../../wxt.config';

/** Shortcuts agents already use: the sites we sit beside and the browsers themselves (Windows/Linux notation). */
const taken = [
  // Gmail (with keyboard shortcuts on) and its compose window
  'Ctrl+Enter',
  'Ctrl+Shift+C',
  'Ctrl+Shift+B',
  'Ctrl+Shift+F',
  'Ctrl+K',
  'Ctrl+Shift+7',
  'Ctrl+Shift+8',
  'Ctrl+.',
  'Ctrl+,',
  // Zendesk Agent Workspace (Ctrl+Alt combinations) and Freshdesk
  'Ctrl+Alt+O',
  'Ctrl+Alt+N',
  'Ctrl+Alt+S',
  'Ctrl+Alt+M',
  'Ctrl+Alt+Z',
  'Alt+Shift+N',
  // Outlook on the web
  'Ctrl+Shift+R',
  'Ctrl+Shift+F',
  'Ctrl+Shift+M',
  'Ctrl+Shift+I',
  'Alt+S',
  // Chrome (Alt+Shift+R is refused by Chromium itself: measured in headless Chromium 156)
  'Alt+Shift+I',
  'Alt+Shift+T',
  'Alt+Shift+A',
  'Alt+Shift+R',
  'Ctrl+Shift+T',
  'Ctrl+Shift+N',
  'Ctrl+Shift+B',
  'Ctrl+Shift+O',
  'Ctrl+Shift+J',
  'Ctrl+Shift+Delete',
  'Ctrl+Shift+W',
  'Ctrl+Shift+Q',
  'Alt+F',
  'Alt+E',
  // Firefox
  'Ctrl+Shift+K',
  'Ctrl+Shift+E',
  'Ctrl+Shift+S',
  'Ctrl+Shift+Y',
  'Ctrl+Shift+H',
  'Ctrl+Shift+P',
  'Ctrl+Shift+A',
  'Alt+Shift+Z',
];

async function manifestFor(browser: 'chrome' | 'firefox') {
  const manifest = config.manifest;
  if (typeof manifest !== 'function') throw new Error('expected a manifest function');
  return manifest({ browser, manifestVersion: 3, mode: 'production', command: 'build' });
}

describe('toggle shortcut', () => {
  it.each(['chrome', 'firefox'] as const)('defaults to a key no site or browser uses (%s)', async (browser) => {
    const manifest = await manifestFor(browser);
    const key = manifest.commands?.['toggle-panel']?.suggested_key;
    expect(key?.default).toBe('Alt+Shift+K');
    expect(taken).not.toContain(key?.default);
    expect(key?.mac).toBe('MacCtrl+Shift+K');
  });
});
