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

/**
 * Evaluates `expression` in Rapport's content-script world of the page's top frame (over the DevTools protocol). Our
 * shadow roots are closed, so neither the page nor Playwright's locators see inside them; the content script's world
 * has `chrome.dom.openOrClosedShadowRoot`, as the agent's browser does for us.
 */
export async function evaluateInContentScript<T>(page: Page, expression: string): Promise<T> {
  const session = await page.context().newCDPSession(page);
  try {
    const contexts: { id: number; origin: string; auxData?: { frameId?: string; type?: string } }[] = [];
    session.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
    await session.send('Runtime.enable');
    const { frameTree } = await session.send('Page.getFrameTree');
    // The newest copy: after an update the old content script's world may linger, retired.
    const world = contexts
      .filter((context) => context.auxData?.type === 'isolated' && context.auxData.frameId === frameTree.frame.id)
      .findLast((context) => context.origin.startsWith('chrome-extension://'));
    if (!world) throw new Error('Rapport’s content script is not running in this page');
    const answer = await session.send('Runtime.evaluate', {
      expression,
      contextId: world.id,
      returnByValue: true,
      awaitPromise: true,
    });
    if (answer.exceptionDetails) throw new Error(answer.exceptionDetails.exception?.description ?? 'evaluation failed');
    return answer.result.value as T;
  } finally {
    await session.detach().catch(() => undefined);
  }
}

/** What the badge shows: null while there is none (not mounted or hidden). */
export interface BadgeState {
  mood: string;
  label: string;
  box: { x: number; y: number; width: number; height: number };
}

/** The badge as the agent sees it, read inside its closed shadow root. */
export function badgeState(page: Page): Promise<BadgeState | null> {
  return evaluateInContentScript<BadgeState | null>(
    page,
    `(() => {
      const root = chrome.dom.openOrClosedShadowRoot(document.querySelector('rapport-badge'));
      const badge = root?.querySelector('.badge');
      const open = root?.querySelector('button.open');
      if (!badge || !open || badge.hidden) return null;
      const rect = open.getBoundingClientRect();
      if (rect.width === 0) return null;
      return {
        mood: badge.dataset.mood ?? '',
        label: open.getAttribute('aria-label') ?? '',
        box: { x: rect.x, y: rect.y, width: rect.width, height: rect.height },
      };
    })()`,
  ).catch(() => null);
}

/** The text of the "Hidden on this site — Undo" notice shown in the badge's place, or null while none is shown. */
export function badgeNotice(page: Page): Promise<string | null> {
  return evaluateInContentScript<string | null>(
    page,
    `(() => {
      const root = chrome.dom.openOrClosedShadowRoot(document.querySelector('rapport-badge'));
      const notice = root?.querySelector('.notice');
      if (!notice || notice.hidden || notice.getBoundingClientRect().width === 0) return null;
      return notice.textContent;
    })()`,
  ).catch(() => null);
}

/**
 * Clicks one of the badge's buttons with the mouse (a real click): `open` by default, `dismiss`, or `undo` on the
 * notice that replaces the badge after `dismiss`.
 */
export async function clickBadge(page: Page, button: 'open' | 'dismiss' | 'undo' = 'open'): Promise<void> {
  if (button === 'undo') await expect.poll(() => badgeNotice(page), { timeout: 30_000 }).not.toBeNull();
  else await expect.poll(() => badgeState(page), { timeout: 30_000 }).not.toBeNull();
  const rect = await evaluateInContentScript<{ x: number; y: number; width: number; height: number }>(
    page,
    `(() => {
      const root = chrome.dom.openOrClosedShadowRoot(document.querySelector('rapport-badge'));
      const r = root.querySelector('button.${button}').getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    })()`,
  );
  await page.mouse.click(rect.x + rect.width / 2, rect.y + rect.height / 2);
}

/** The in-page drawer's frame (drawer.html), once our content script has framed it. */
export async function drawerFrame(page: Page) {
  await expect.poll(() => page.frames().some((frame) => new URL(frame.url()).pathname === '/drawer.html')).toBe(true);
  const frame = page.frames().find((candidate) => new URL(candidate.url()).pathname === '/drawer.html');
  if (!frame) throw new Error('no drawer frame');
  return frame;
}

/** Which scheme the badge took and the surface it paints, read inside its closed root; null while none shows. */
export function badgeLook(page: Page): Promise<{ scheme: string; surface: string } | null> {
  return evaluateInContentScript<{ scheme: string; surface: string } | null>(
    page,
    `(() => {
      const root = chrome.dom.openOrClosedShadowRoot(document.querySelector('rapport-badge'));
      const badge = root?.querySelector('.badge');
      if (!badge || badge.hidden) return null;
      return { scheme: badge.parentElement.dataset.scheme ?? '', surface: getComputedStyle(badge).backgroundColor };
    })()`,
  ).catch(() => null);
}
