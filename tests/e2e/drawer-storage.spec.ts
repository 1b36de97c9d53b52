import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Frame, Page, Worker } from '@playwright/test';
import { launchWithExtension } from '../../scripts/browser';
import { type DemoServer, startDemoServer } from '../../scripts/demo/server';
import { expect, extensionPath, tabIdOf, test } from './fixtures';
import { type Receiver, startReceiver } from './webhook-receiver';

/**
 * Issue 20: the in-page drawer is an extension page framed in the helpdesk's page, a third-party context. With
 * third-party cookies blocked — Chromium's setting that also blocks third-party storage — it has no IndexedDB, and
 * every stored thing it shows or writes (templates, escalation records, the webhook secret) comes through the
 * background. The same run checks that the webhook secret is out of the content script's reach.
 */

/** A profile whose cookie setting is "Block third-party cookies" (chrome://settings/cookies), as many agents have. */
async function profileBlockingThirdPartyCookies(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rapport-chromium-3pc-'));
  await mkdir(join(dir, 'Default'), { recursive: true });
  const preferences = { profile: { cookie_controls_mode: 1, block_third_party_cookies: true } };
  await writeFile(join(dir, 'Default', 'Preferences'), JSON.stringify(preferences));
  return dir;
}

/** Sets the webhook in the options page, as a team lead would. */
async function configureWebhook(context: BrowserContext, extensionId: string, url: string): Promise<void> {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByTestId('webhook-url').fill(url);
  await options.getByTestId('save-escalation').click();
  await expect(options.getByText('Escalation settings saved')).toBeVisible();
  await options.close();
}

/** Opens the drawer in `page` the way the badge's fallback does (a request to the tab's content script). */
async function openDrawer(serviceWorker: Worker, page: Page): Promise<Frame> {
  const tabId = await tabIdOf(serviceWorker, page);
  await expect
    .poll(
      () =>
        serviceWorker.evaluate(async (id) => {
          const answer: unknown = await chrome.tabs
            .sendMessage(id, { rapport: 1, type: 'toggleDrawer', payload: {} }, { frameId: 0 })
            .catch(() => null);
          return JSON.stringify(answer);
        }, tabId),
      { timeout: 20_000 },
    )
    .toContain('"open":true');
  let drawer: Frame | undefined;
  await expect
    .poll(
      () => {
        drawer = page.frames().find((frame) => frame.url().startsWith('chrome-extension://'));
        return drawer?.url() ?? '';
      },
      { timeout: 20_000 },
    )
    .toMatch(/^chrome-extension:\/\//);
  if (!drawer) throw new Error('no drawer frame');
  return drawer;
}

/** What an IndexedDB open in `frame` gives: 'opened' or the error's name. */
function probeIndexedDb(frame: Frame): Promise<string> {
  return frame.evaluate(
    () =>
      new Promise<string>((resolve) => {
        try {
          const request = indexedDB.open('rapport-probe');
          request.onsuccess = () => {
            request.result.close();
            resolve('opened');
          };
          request.onerror = () => resolve(request.error?.name ?? 'error');
        } catch (error) {
          resolve(error instanceof Error ? error.name : String(error));
        }
      }),
  );
}

test.describe('the in-page drawer with third-party cookies blocked (Chromium)', () => {
  let profile: string;
  let close: () => Promise<void>;
  let context: BrowserContext;
  let extensionId: string;
  let serviceWorker: Worker;
  let demo: DemoServer;
  let receiver: Receiver;

  test.beforeEach(async () => {
    profile = await profileBlockingThirdPartyCookies();
    const launched = await launchWithExtension({ extensionPath, headless: true, userDataDir: profile });
    ({ context, extensionId, close } = launched);
    serviceWorker =
      context.serviceWorkers().find((worker) => worker.url().startsWith(`chrome-extension://${extensionId}/`)) ??
      (await context.waitForEvent('serviceworker'));
    demo = await startDemoServer({ port: 0 });
    receiver = await startReceiver();
  });

  test.afterEach(async () => {
    await receiver.close();
    await demo.close();
    await close();
    await rm(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  });

  test('shows the team’s templates and escalates to the webhook through the background', async () => {
    await configureWebhook(context, extensionId, receiver.url);
    const page = await context.newPage();
    await page.goto(`${demo.url}/tickets/10481`);
    const drawer = await openDrawer(serviceWorker, page);

    // The setting really is in force: the framed extension page has no IndexedDB of its own.
    expect(await probeIndexedDb(drawer)).not.toBe('opened');

    await expect(drawer.getByTestId('suggestion').first()).toBeVisible({ timeout: 30_000 });
    const card = drawer.getByTestId('escalation-card');
    await expect(card).toHaveAttribute('data-recommend', 'true', { timeout: 30_000 });
    // The webhook URL lives in the background's IndexedDB: the drawer learnt it through the background.
    await expect(card.getByTestId('escalation-planned')).toContainText(`webhook to ${new URL(receiver.url).host}`);
    await card.getByTestId('escalate-button').click();

    const record = card.getByTestId('escalation-record');
    await expect(record.locator('[data-action="webhook"]')).toHaveAttribute('data-ok', 'true', { timeout: 20_000 });
    await expect(record).toContainText('escalated just now');
    expect(receiver.posts).toHaveLength(1);
    expect(receiver.posts[0]?.body).toContain('Refund for order #A-55812');
    await page.screenshot({ path: 'test-results/drawer-third-party-blocked.png' });

    // The record is in the extension's database: the side panel's page (first-party) shows it too.
    const panel = await context.newPage();
    await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tabId=${await tabIdOf(serviceWorker, page)}`);
    await expect(panel.getByTestId('escalation-record')).toContainText('escalated just now', { timeout: 20_000 });
  });

  test('the content script’s world holds no webhook secret and no database of ours', async () => {
    await configureWebhook(context, extensionId, receiver.url);
    const page = await context.newPage();
    await page.goto(`${demo.url}/tickets/10481`);
    const tabId = await tabIdOf(serviceWorker, page);
    await expect(page.locator('rapport-badge')).toBeAttached({ timeout: 20_000 });
    // Runs in the content scripts' isolated world, with exactly their storage access.
    const seen = await serviceWorker.evaluate(async (id) => {
      const [result] = await chrome.scripting.executeScript({
        target: { tabId: id },
        func: async () => {
          const [local, sync] = await Promise.all([chrome.storage.local.get(null), chrome.storage.sync.get(null)]);
          const session = await chrome.storage.session.get(null).then(
            (value) => value,
            (error: unknown) => `refused: ${String(error)}`,
          );
          const databases = (await indexedDB.databases()).map((database) => database.name);
          return JSON.stringify({ local, sync, session, databases });
        },
      });
      return String(result?.result ?? '');
    }, tabId);
    expect(seen).toContain('"local"');
    expect(seen).not.toContain(new URL(receiver.url).host);
    expect(seen).not.toContain('/hooks/escalations');
    expect(JSON.parse(seen).databases).not.toContain('rapport');
    // The extension's own pages still have it.
    const stored = await serviceWorker.evaluate(
      () =>
        new Promise<string>((resolve, reject) => {
          const request = indexedDB.open('rapport');
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            const read = request.result.transaction('secrets').objectStore('secrets').get('escalation');
            read.onsuccess = () => resolve(JSON.stringify(read.result));
            read.onerror = () => reject(read.error);
          };
        }),
    );
    expect(stored).toContain(receiver.url);
  });
});
