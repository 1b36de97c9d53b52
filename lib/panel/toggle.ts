import { browser } from 'wxt/browser';

/** Firefox's sidebar API; WXT's `browser` is typed after Chrome's, which has no `sidebarAction`. */
interface SidebarAction {
  toggle(): Promise<void>;
  close(): Promise<void>;
  setPanel(details: { tabId?: number; panel: string | null }): Promise<void>;
}

/** Chrome 141+ can close a side panel; older versions ask the panel to close itself. */
interface SidePanelWithClose {
  close?: (options: { tabId: number }) => Promise<void>;
}

function getSidebarAction(): SidebarAction | undefined {
  const candidate: unknown = Reflect.get(browser, 'sidebarAction');
  return typeof candidate === 'object' && candidate !== null && 'toggle' in candidate
    ? (candidate as SidebarAction)
    : undefined;
}

/** The panel page for one tab: the panel belongs to the tab it was opened for. */
export function panelPath(tabId: number): `sidepanel.html?tabId=${number}` {
  return `sidepanel.html?tabId=${tabId}`;
}

export interface ToggleOptions {
  /** True when the request comes from a click in the page (the badge), not from the toolbar or shortcut. */
  fromPage?: boolean;
  /** Asks an open panel to close itself (fallback where the browser cannot close it). */
  closePanel: () => void;
}

/**
 * Opens the panel for `tabId` when it is closed and closes it when it is open. Must be called straight from the
 * user's action (toolbar click, command, badge click): browsers only open panels in response to one, so nothing is
 * awaited before the open call.
 */
export async function togglePanel(
  tabId: number,
  isOpen: boolean,
  options: ToggleOptions,
): Promise<{ open: boolean; via: 'side-panel' | 'drawer' }> {
  const sidebar = getSidebarAction();
  if (sidebar) {
    // Firefox forbids opening the sidebar from a page click relayed by a message: the badge opens an in-page drawer.
    if (options.fromPage) return { open: !isOpen, via: 'drawer' };
    void sidebar.setPanel({ tabId, panel: browser.runtime.getURL(`/${panelPath(tabId)}`) });
    await sidebar.toggle();
    return { open: !isOpen, via: 'side-panel' };
  }
  if (isOpen) {
    const sidePanel: SidePanelWithClose = browser.sidePanel;
    if (sidePanel.close) await sidePanel.close({ tabId });
    else options.closePanel();
    return { open: false, via: 'side-panel' };
  }
  void browser.sidePanel.setOptions({ tabId, path: panelPath(tabId), enabled: true });
  await browser.sidePanel.open({ tabId });
  return { open: true, via: 'side-panel' };
}

/** Chrome: make the panel tab-specific (no global panel following the agent to other tabs). */
export async function configurePanelDefaults(): Promise<void> {
  if (getSidebarAction()) return;
  await browser.sidePanel.setPanelBehavior({ openPanelOnActionClick: false });
  await browser.sidePanel.setOptions({ enabled: false });
}
