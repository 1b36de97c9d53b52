import { readdirSync, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { formatBytes } from '../../lib/i18n';
import { hubModelFiles } from '../fixtures/model-hub';
import { expect, extensionPath, test } from './fixtures';
import { createModelHub, type ModelHub } from './model-mirror';

let hub: ModelHub;
let mirror: string;

test.beforeAll(async () => {
  hub = await createModelHub();
});

// Each test gets its own mirror: the first one takes its mirror offline on purpose.
test.beforeEach(async () => {
  mirror = await hub.start();
});

test.afterEach(async () => {
  await hub.stop();
});

test.afterAll(async () => {
  await hub.remove();
});

async function chooseCustomModel(options: Page, modelId: string): Promise<void> {
  const card = options.getByTestId('model-settings');
  await card.scrollIntoViewIfNeeded();
  await options.getByTestId('model-option-custom').check();
  await options.getByTestId('model-custom-id').fill(modelId);
  await options.getByTestId('model-mirror').fill(mirror);
}

test('downloads a Hub model through the mirror with size and progress, then loads it from the cache offline', async ({
  context,
  extensionId,
}) => {
  const options = await context.newPage();
  await options.setViewportSize({ width: 900, height: 1000 });
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByRole('heading', { name: 'Mood model' })).toBeVisible();
  await expect(options.getByTestId('model-backend')).toContainText(/WASM/);

  await chooseCustomModel(options, 'test-org/tiny-sentiment');
  let expected = 0;
  for (const file of hubModelFiles) expected += (await stat(join(hub.root, 'test-org/tiny-sentiment', file))).size;
  await expect(options.getByTestId('model-size')).toHaveText(`Download size: ${formatBytes('en', expected)}`);
  expect(hub.requests.filter((r) => r.startsWith('HEAD')).length).toBe(4);
  expect(hub.requests.some((r) => r.startsWith('GET'))).toBe(false);

  await options.getByTestId('model-apply').click();
  await expect(options.getByTestId('model-progress')).toBeVisible();
  await options.getByTestId('model-settings').screenshot({ path: 'test-results/models-downloading.png' });
  await expect(options.getByTestId('model-status')).toHaveText('In use: test-org/tiny-sentiment on WASM.', {
    timeout: 30_000,
  });
  await expect(options.getByTestId('model-size')).toHaveText(/works offline/);
  await options.getByTestId('model-settings').screenshot({ path: 'test-results/models-ready.png' });
  const downloads = hub.requests.filter((r) => r.startsWith('GET')).length;
  expect(downloads).toBeGreaterThanOrEqual(4);

  // A new session: the analysis host is gone, the mirror is offline; the model comes from the browser cache.
  await hub.stop();
  // From the options page, not the service worker: Chrome may have idled the worker during the download.
  await options.evaluate(() => chrome.offscreen.closeDocument());
  await options.reload();
  await expect(options.getByTestId('model-status')).toHaveText('In use: test-org/tiny-sentiment on WASM.', {
    timeout: 30_000,
  });
  expect(hub.requests.filter((r) => r.startsWith('GET')).length).toBe(downloads);
});

test('falls back to the bundled model and says why when the download fails', async ({ context, extensionId }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);

  // Missing on the mirror: the size check already says so, and nothing can be applied.
  await chooseCustomModel(options, 'test-org/missing');
  await expect(options.getByTestId('model-size')).toContainText('Cannot download this model');
  // The HTTP status is support's detail, kept on the line; the sentence itself is in the agent's language.
  await expect(options.getByTestId('model-size')).toHaveAttribute('data-detail', /HTTP 404/);
  await expect(options.getByTestId('model-apply')).toBeDisabled();

  // Present but malformed: it downloads, fails to load, and the bundled model stays in use.
  await options.getByTestId('model-custom-id').fill('test-org/broken');
  await expect(options.getByTestId('model-size')).toContainText('Download size');
  await options.getByTestId('model-apply').click();
  const status = options.getByTestId('model-status');
  await expect(status).toContainText('Using the bundled model instead', { timeout: 30_000 });
  await expect(status).toContainText('The model could not be loaded.');
  await expect(status).toHaveAttribute('data-detail', /test-org\/broken could not be loaded/);
  await options.getByTestId('model-settings').screenshot({ path: 'test-results/models-fallback.png' });
});

test('the Chrome build carries one inference worker, used by the offscreen document', () => {
  const assets = readdirSync(join(extensionPath, 'assets')).filter((name) => name.startsWith('analysis-worker'));
  expect(assets).toHaveLength(1);
  const offscreenChunks = readdirSync(join(extensionPath, 'chunks')).filter((name) => name.startsWith('offscreen'));
  const offscreen = offscreenChunks.map((name) => readFileSync(join(extensionPath, 'chunks', name), 'utf8')).join('');
  expect(offscreen).toContain(assets[0]);
});
