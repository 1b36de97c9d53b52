/**
 * Browser APIs the panel needs that Firefox withholds from an extension page framed in a web page (the in-page
 * drawer gets only what content scripts get: no tabs, permissions or commands; w3c/webextensions#787). Each helper
 * uses the API where the page has it (Chrome's side panel and drawer, Firefox's sidebar) and otherwise asks the
 * background, which checks that the request comes from our own page.
 */
import { browser } from 'wxt/browser';
import { lacksTabsApi, sendToExtension } from '../messaging';

/** The tab this panel page sits in (the drawer's host tab); null where it sits in none. */
export async function currentTabId(): Promise<number | null> {
  if (!lacksTabsApi()) return (await browser.tabs.getCurrent())?.id ?? null;
  return (await sendToExtension('getFrameTab', {})).tabId;
}

/** The title and URL of tab `tabId`; the drawer knows them for its own tab only. */
export async function tabInfo(tabId: number): Promise<{ title: string; url: string }> {
  if (!lacksTabsApi()) {
    const tab = await browser.tabs.get(tabId);
    return { title: tab.title ?? '', url: tab.url ?? '' };
  }
  const own = await sendToExtension('getFrameTab', {});
  return own.tabId === tabId ? { title: own.title, url: own.url } : { title: '', url: '' };
}

/** Opens `url` (a web page or one of our pages) in a new, active tab. */
export async function openTab(url: string): Promise<void> {
  if (!lacksTabsApi()) {
    await browser.tabs.create({ url, active: true });
    return;
  }
  await sendToExtension('openTab', { url });
}

/**
 * Opens the settings page, at `hash` when given (`#escalation=webhook.url`). Without a hash the browser's own call
 * reuses an open settings tab; Firefox's drawer has that call only as a stub, so it opens a tab.
 */
export async function openSettings(hash = ''): Promise<void> {
  if (!hash && !lacksTabsApi()) {
    await browser.runtime.openOptionsPage();
    return;
  }
  await openTab(`${browser.runtime.getURL('/options.html')}${hash}`);
}

/** The toggle-panel shortcut as the browser has it now ('' when unset). */
export async function toggleShortcut(): Promise<string> {
  if (typeof browser.commands?.getAll !== 'function') return sendToExtension('getToggleShortcut', {});
  const commands = await browser.commands.getAll();
  return commands.find((command) => command.name === 'toggle-panel')?.shortcut ?? '';
}

/** Whether the extension may reach the origin pattern (`https://host/*`). */
export async function hasHostPermission(origin: string): Promise<boolean> {
  if (typeof browser.permissions?.contains !== 'function') return sendToExtension('hasHostPermission', { origin });
  return browser.permissions.contains({ origins: [origin] });
}

/**
 * Whether this page can show the browser's permission prompt itself. The drawer cannot (and the background cannot
 * borrow the agent's click), so there the settings page asks instead.
 */
export function canRequestPermissions(): boolean {
  return typeof browser.permissions?.request === 'function';
}
