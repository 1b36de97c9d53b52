/**
 * The background's side of `framed-api.ts`: answers a panel that sits in a page without the tabs, permissions and
 * commands APIs (Firefox's in-page drawer). `handleMessages` has already checked that the sender is one of our pages;
 * here a relayed request may only reach the sender's own tab, and only web pages or our settings page open.
 */
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { AppError } from '../errors';
import {
  type AdmitFramed,
  type Handlers,
  isFramedPageSender,
  isOurPageSender,
  protocol,
  type Sender,
  sendToTab,
} from '../messaging';
import { DrawerAdmissions, DrawerTickets } from './frame-guard';
import { hasHostPermission, toggleShortcut } from './framed-api';

/** Admitted drawer frames: session storage outlives a service-worker restart, is gone with the browser session, and
 * is out of content scripts' reach in Chrome. */
const admittedFrames = storage.defineItem<string[]>('session:drawerFrames', { fallback: [] });

/**
 * The background's gate for the in-page drawer (lib/panel/frame-guard.ts): tickets for content scripts, redeemed by
 * the drawer they frame, and the check every framed request and panel port passes.
 */
export function createDrawerGate() {
  const tickets = new DrawerTickets();
  const admissions = new DrawerAdmissions({
    get: () => admittedFrames.getValue(),
    set: (keys) => admittedFrames.setValue(keys),
  });
  const admitFramed: AdmitFramed = (type, sender) => type === 'redeemDrawerTicket' || admissions.isAdmitted(sender);
  return {
    handlers: {
      issueDrawerTicket(_payload, sender: Sender) {
        const tabId = sender.tab?.id;
        if (tabId === undefined) throw new AppError('messaging/bad-sender', 'Only a page in a tab opens a drawer.');
        return { ticket: tickets.issue(tabId) };
      },
      async redeemDrawerTicket({ ticket }, sender: Sender) {
        if (!isFramedPageSender(sender)) {
          throw new AppError('panel/drawer-refused', 'Only the drawer framed in its own tab redeems a ticket.');
        }
        const tabId = tickets.redeem(ticket, sender);
        await admissions.admit(sender);
        return { tabId };
      },
    } satisfies Handlers,
    admitFramed,
    /** Whether a panel port for `tabId` is taken from `sender`: a framed page only when admitted, for its own tab. */
    async admitsPort(sender: Sender | undefined, tabId: number): Promise<boolean> {
      // Only our own pages: a content script (ours, but running in a web page) never gets a panel's view of a tab.
      if (!sender || !isOurPageSender(sender)) return false;
      if (!isFramedPageSender(sender)) return true;
      return sender.tab?.id === tabId && (await admissions.isAdmitted(sender));
    },
    async forgetTab(tabId: number): Promise<void> {
      tickets.forgetTab(tabId);
      await admissions.forgetTab(tabId);
    },
  };
}

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
