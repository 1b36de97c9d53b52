import { resolve } from 'node:path';
import { type BrowserContext, test as base, expect, type Page, type Worker } from '@playwright/test';
import { launchWithExtension } from '../../scripts/browser';
import { type DemoServer, startDemoServer } from '../../scripts/demo/server';

export const extensionPath = resolve(
  import.meta.dirname,
  '../..',
  process.env.RAPPORT_OUT_DIR ?? '.output',
  'chrome-mv3',
);

interface Fixtures {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  demo: DemoServer;
}

/** Playwright fixtures: a Chromium with the built extension loaded, its service worker, and the demo helpdesk. */
export const test = base.extend<Fixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies as a destructured object
  context: async ({}, use) => {
    const { context } = await launchWithExtension({ extensionPath, headless: true });
    await use(context);
    await context.close();
  },
  serviceWorker: async ({ context }, use) => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await use(worker);
  },
  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies as a destructured object
  demo: async ({}, use) => {
    const server = await startDemoServer({ port: 0 });
    await use(server);
    await server.close();
  },
});

export { expect };

/** The browser's id for the tab showing `page`. */
export async function tabIdOf(serviceWorker: Worker, page: Page): Promise<number> {
  const url = page.url();
  const id = await serviceWorker.evaluate(async (target) => {
    const tabs = await chrome.tabs.query({});
    return tabs.find((tab) => tab.url === target)?.id ?? -1;
  }, url);
  expect(id).toBeGreaterThanOrEqual(0);
  return id;
}

/** Number of open side panels (Chrome reports them as extension contexts). */
export async function openSidePanels(serviceWorker: Worker): Promise<{ tabId: number; url: string }[]> {
  return serviceWorker.evaluate(async () => {
    const contexts = await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.SIDE_PANEL] });
    // A panel whose document is still loading has no URL yet; it is not open for the agent either.
    return contexts
      .filter((context) => Boolean(context.documentUrl))
      .map((context) => ({ tabId: context.tabId, url: context.documentUrl ?? '' }));
  });
}

/** Opens the panel page for a tab as an ordinary tab, to look at what the side panel shows. */
export async function openPanelPage(context: BrowserContext, extensionId: string, tabId: number): Promise<Page> {
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tabId=${tabId}`);
  return panel;
}

/** The in-page badge's open button, inside its shadow root. */
export function badgeButton(page: Page) {
  return page.locator('rapport-badge').locator('button.open');
}
