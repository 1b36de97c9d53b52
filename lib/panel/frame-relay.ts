/**
 * The background's side of `framed-api.ts`: answers a panel that sits in a page without the tabs, permissions and
 * commands APIs (Firefox's in-page drawer). `handleMessages` has already checked that the sender is one of our pages;
 * here a relayed request may only reach the sender's own tab, and only web pages or our settings page open.
 */
import { browser } from 'wxt/browser';
import { AppError } from '../errors';
import { type Handlers, protocol, type Sender, sendToTab } from '../messaging';
import { hasHostPermission, toggleShortcut } from './framed-api';

/** Whether a panel may open `url` in a tab: http(s) pages (an email draft, a created ticket) and our settings page. */
export function isOpenableUrl(url: string, settingsPage = browser.runtime.getURL('/options.html')): boolean {
  if (url === settingsPage || url.startsWith(`${settingsPage}#`)) return true;
  try {
    const { protocol: scheme } = new URL(url);
    return scheme === 'https:' || scheme === 'http:';
  } catch {
    return false;
  }
}

export const frameRelayHandlers = {
  getFrameTab(_payload, sender: Sender) {
    const tab = sender.tab;
    return { tabId: tab?.id ?? null, title: tab?.title ?? '', url: tab?.url ?? '' };
  },
  async relayToTab({ tabId, type, payload }, sender: Sender) {
    if (sender.tab?.id !== tabId) {
      throw new AppError('messaging/bad-sender', 'A panel in a page may only reach the content script of its own tab.');
    }
    if (type === 'toggleDrawer') return sendToTab(tabId, type, {});
    const parsed = protocol[type].payload.safeParse(payload);
    if (!parsed.success) throw new AppError('messaging/bad-payload', `"${type}" payload is invalid.`);
    return sendToTab(tabId, type, parsed.data);
  },
  async openTab({ url }, sender: Sender) {
    if (!isOpenableUrl(url)) throw new AppError('messaging/bad-payload', 'Only web pages and the settings page open.');
    const windowId = sender.tab?.windowId;
    await browser.tabs.create({ url, active: true, ...(windowId === undefined ? {} : { windowId }) });
    return undefined;
  },
  // The background has these APIs, so the panel-side helpers answer directly.
  getToggleShortcut: () => toggleShortcut(),
  hasHostPermission: ({ origin }) => hasHostPermission(origin),
} satisfies Handlers;
