// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { AppError } from '../../../lib/errors';
import { lacksTabsApi, sendToTab } from '../../../lib/messaging';
import { createDrawerGate, frameRelayHandlers, isOpenableUrl } from '../../../lib/panel/frame-relay';
import { currentTabId, tabInfo } from '../../../lib/panel/framed-api';

type Sender = Parameters<typeof frameRelayHandlers.getFrameTab>[1];

const settingsPage = 'chrome-extension://test-extension-id/options.html';
const drawerUrl = 'chrome-extension://test-extension-id/sidepanel.html?tabId=current&drawer=1';
/** What the background sees when the drawer framed in tab 7 sends a message. */
const drawerSender = {
  id: fakeBrowser.runtime.id,
  url: drawerUrl,
  tab: { id: 7, windowId: 2, title: 'Refund for order #A-55812', url: 'https://shop.zendesk.com/agent/tickets/1' },
} as Sender;

const savedTabs = fakeBrowser.tabs;

/** Makes this context look like Firefox's in-page drawer: an extension frame without the tabs API. */
function withoutTabsApi(): void {
  Reflect.set(fakeBrowser, 'tabs', undefined);
}

/**
 * Answers requests as the background would for the drawer: runs the relay handlers with the drawer's sender (the
 * fake browser passes an empty one) and records what reached them.
 */
function fakeBackground(): { requests: { type: string; payload: unknown }[] } {
  const requests: { type: string; payload: unknown }[] = [];
  fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
    const { type, payload } = message as { type: keyof typeof frameRelayHandlers; payload: never };
    requests.push({ type, payload });
    const handler = frameRelayHandlers[type] as (payload: unknown, sender: Sender) => unknown;
    // The background has the tabs API: lend it back while the handler starts (it reaches for it synchronously).
    Reflect.set(fakeBrowser, 'tabs', savedTabs);
    let answer: Promise<unknown>;
    try {
      answer = Promise.resolve(handler(payload, drawerSender));
    } finally {
      withoutTabsApi();
    }
    return answer.then(
      (value) => ({ ok: true, value }),
      (error: AppError) => ({ ok: false, error: { code: error.code, message: error.message } }),
    );
  });
  return { requests };
}

afterEach(() => {
  Reflect.set(fakeBrowser, 'tabs', savedTabs);
  vi.restoreAllMocks();
});

describe('a panel framed in a page without the tabs API (Firefox in-page drawer)', () => {
  it('is told apart from pages that have the API', () => {
    expect(lacksTabsApi()).toBe(false);
    withoutTabsApi();
    expect(lacksTabsApi()).toBe(true);
  });

  it('learns its tab, and that tab’s title, from the background', async () => {
    withoutTabsApi();
    const { requests } = fakeBackground();
    await expect(currentTabId()).resolves.toBe(7);
    await expect(tabInfo(7)).resolves.toEqual({
      title: 'Refund for order #A-55812',
      url: 'https://shop.zendesk.com/agent/tickets/1',
    });
    // Another tab's details are not the drawer's to know.
    await expect(tabInfo(8)).resolves.toEqual({ title: '', url: '' });
    expect(requests.map((r) => r.type)).toEqual(['getFrameTab', 'getFrameTab', 'getFrameTab']);
  });

  it('has the background relay what it may send to its own tab, and nothing else', async () => {
    const tabsSend = vi.spyOn(savedTabs, 'sendMessage').mockResolvedValue({ ok: true, value: { open: false } });
    withoutTabsApi();
    const { requests } = fakeBackground();
    await expect(sendToTab(7, 'toggleDrawer', {})).resolves.toEqual({ open: false });
    expect(requests).toEqual([{ type: 'relayToTab', payload: { tabId: 7, type: 'toggleDrawer', payload: {} } }]);
    expect(tabsSend).toHaveBeenCalledWith(7, { rapport: 1, type: 'toggleDrawer', payload: {} }, { frameId: 0 });
    await expect(sendToTab(7, 'readPage', {})).rejects.toMatchObject({ code: 'messaging/unsupported' });
    expect(requests).toHaveLength(1);
  });
});

describe('the background’s relay for framed panels', () => {
  it('passes a drawer’s request on to the content script of the drawer’s own tab', async () => {
    const tabsSend = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ ok: true, value: { open: false } });
    await expect(
      frameRelayHandlers.relayToTab({ tabId: 7, type: 'toggleDrawer', payload: {} }, drawerSender),
    ).resolves.toEqual({ open: false });
    expect(tabsSend).toHaveBeenCalledWith(7, { rapport: 1, type: 'toggleDrawer', payload: {} }, { frameId: 0 });
  });

  it('refuses to reach another tab, and refuses a malformed payload', async () => {
    const tabsSend = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ ok: true, value: undefined });
    await expect(
      frameRelayHandlers.relayToTab({ tabId: 8, type: 'toggleDrawer', payload: {} }, drawerSender),
    ).rejects.toMatchObject({ code: 'messaging/bad-sender' });
    await expect(
      frameRelayHandlers.relayToTab(
        { tabId: 7, type: 'runZendeskEscalation', payload: { ticketId: 1, priority: 'whenever' } },
        drawerSender,
      ),
    ).rejects.toMatchObject({ code: 'messaging/bad-payload' });
    expect(tabsSend).not.toHaveBeenCalled();
  });

  it('opens only web pages and the settings page, in the drawer’s window', async () => {
    expect(isOpenableUrl('https://mail.google.com/mail/?view=cm&to=lead%40shop.example', settingsPage)).toBe(true);
    expect(isOpenableUrl(`${settingsPage}#escalation=webhook.url`, settingsPage)).toBe(true);
    expect(isOpenableUrl(settingsPage, settingsPage)).toBe(true);
    for (const url of [
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'chrome-extension://test-extension-id/sidepanel.html',
      `${settingsPage}.evil`,
      'not a url',
    ]) {
      expect(isOpenableUrl(url, settingsPage), url).toBe(false);
    }
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    await frameRelayHandlers.openTab({ url: 'https://shop.zendesk.com/agent/tickets/1' }, drawerSender);
    expect(create).toHaveBeenCalledWith({ url: 'https://shop.zendesk.com/agent/tickets/1', active: true, windowId: 2 });
    await expect(frameRelayHandlers.openTab({ url: 'javascript:alert(1)' }, drawerSender)).rejects.toBeInstanceOf(
      AppError,
    );
  });
});

describe('createDrawerGate().admitsPort: who may watch a tab through a panel port', () => {
  const gate = createDrawerGate();
  const base = { id: fakeBrowser.runtime.id };

  it('admits the side panel (no tab) and our page opened as a tab of its own', async () => {
    expect(await gate.admitsPort({ ...base, url: 'chrome-extension://test-extension-id/sidepanel.html' }, 7)).toBe(
      true,
    );
    const ownTab = { ...base, url: 'chrome-extension://test-extension-id/sidepanel.html?tabId=7', frameId: 0 };
    expect(await gate.admitsPort({ ...ownTab, tab: { id: 3 } } as Sender, 7)).toBe(true);
  });

  it('refuses our own content script, another extension, and a framed page that redeemed no ticket', async () => {
    const contentScript = { ...base, url: 'https://shop.zendesk.com/agent/tickets/1', tab: { id: 7 }, frameId: 0 };
    expect(await gate.admitsPort(contentScript as Sender, 7)).toBe(false);
    expect(await gate.admitsPort(contentScript as Sender, 9)).toBe(false);
    const otherExtension = { id: 'other-extension', url: 'chrome-extension://other-extension/page.html' };
    expect(await gate.admitsPort(otherExtension, 7)).toBe(false);
    const framed = { ...base, url: 'chrome-extension://test-extension-id/drawer.html', tab: { id: 7 }, frameId: 4 };
    expect(await gate.admitsPort(framed as Sender, 7)).toBe(false);
    // No frame id on a tab sender counts as framed, never as a page of its own.
    const noFrameId = { ...base, url: 'chrome-extension://test-extension-id/drawer.html', tab: { id: 7 } };
    expect(await gate.admitsPort(noFrameId as Sender, 7)).toBe(false);
  });
});
