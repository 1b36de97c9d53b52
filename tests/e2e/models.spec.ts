import { readdirSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { formatBytes } from '../../lib/models/hub-models';
import { expect, extensionPath, test } from './fixtures';

// A local "Hub": the bundled model copied into test-org/<name>/resolve/main/…, served by a server this test starts.
const bundledDir = resolve(import.meta.dirname, '../../public/models/rapport-mood');
const files = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'];

let root: string;
let server: Server;
let mirror: string;
const requests: string[] = [];

async function addModel(name: string, change: { id2label?: Record<string, string>; brokenOnnx?: boolean } = {}) {
  const dir = join(root, 'test-org', name);
  await mkdir(join(dir, 'onnx'), { recursive: true });
  for (const file of files) await copyFile(join(bundledDir, file), join(dir, file));
  if (change.id2label) {
    const config = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
    config.id2label = change.id2label;
    await writeFile(join(dir, 'config.json'), JSON.stringify(config));
  }
  if (change.brokenOnnx) await writeFile(join(dir, 'onnx/model.onnx'), 'not an onnx graph');
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Serves like the Hub, the ONNX graph slowly (about 2 s) so the progress bar can be seen. */
function serve(): Promise<Server> {
  const s = createServer((req, res) => {
    res.setHeader('access-control-allow-origin', '*');
    const match = /^\/([\w.-]+\/[\w.-]+)\/resolve\/main\/(.+)$/.exec(req.url ?? '');
    if (!match?.[1] || !match[2]) {
      res.writeHead(404).end();
      return;
    }
    requests.push(`${req.method} ${req.url}`);
    const isOnnx = match[2].startsWith('onnx/');
    const path = normalize(join(root, match[1], isOnnx ? 'onnx/model.onnx' : match[2]));
    readFile(path).then(
      async (body) => {
        res.writeHead(200, { 'content-length': body.length, 'content-type': 'application/octet-stream' });
        if (req.method === 'HEAD') return void res.end();
        if (!isOnnx) return void res.end(body);
        const chunk = Math.ceil(body.length / 40);
        for (let at = 0; at < body.length; at += chunk) {
          res.write(body.subarray(at, at + chunk));
          await sleep(50);
        }
        res.end();
      },
      () => res.writeHead(404).end(),
    );
  });
  return new Promise((done) => s.listen(0, '127.0.0.1', () => done(s)));
}

test.beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'rapport-e2e-hub-'));
  await addModel('tiny-sentiment', { id2label: { 0: 'positive', 1: 'neutral', 2: 'negative' } });
  await addModel('broken', { brokenOnnx: true });
});

// Each test gets its own mirror: the first one takes its mirror offline on purpose.
test.beforeEach(async () => {
  server = await serve();
  mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

/** Takes the mirror offline now: Chromium keeps idle keep-alive connections open, which `close` alone waits for. */
function closeServer(): Promise<void> {
  if (!server.listening) return Promise.resolve();
  const closed = new Promise<void>((done) => server.close(() => done()));
  server.closeAllConnections();
  return closed;
}

test.afterEach(async () => {
  await closeServer();
});

test.afterAll(async () => {
  await rm(root, { recursive: true, force: true });
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
  for (const file of files) expected += (await stat(join(root, 'test-org/tiny-sentiment', file))).size;
  await expect(options.getByTestId('model-size')).toHaveText(`Download size: ${formatBytes(expected)}`);
  expect(requests.filter((r) => r.startsWith('HEAD')).length).toBe(4);
  expect(requests.some((r) => r.startsWith('GET'))).toBe(false);

  await options.getByTestId('model-apply').click();
  await expect(options.getByTestId('model-progress')).toBeVisible();
  await options.getByTestId('model-settings').screenshot({ path: 'test-results/models-downloading.png' });
  await expect(options.getByTestId('model-status')).toHaveText('In use: test-org/tiny-sentiment on WASM.', {
    timeout: 30_000,
  });
  await expect(options.getByTestId('model-size')).toHaveText(/works offline/);
  await options.getByTestId('model-settings').screenshot({ path: 'test-results/models-ready.png' });
  const downloads = requests.filter((r) => r.startsWith('GET')).length;
  expect(downloads).toBeGreaterThanOrEqual(4);

  // A new session: the analysis host is gone, the mirror is offline; the model comes from the browser cache.
  await closeServer();
  // From the options page, not the service worker: Chrome may have idled the worker during the download.
  await options.evaluate(() => chrome.offscreen.closeDocument());
  await options.reload();
  await expect(options.getByTestId('model-status')).toHaveText('In use: test-org/tiny-sentiment on WASM.', {
    timeout: 30_000,
  });
  expect(requests.filter((r) => r.startsWith('GET')).length).toBe(downloads);
});

test('falls back to the bundled model and says why when the download fails', async ({ context, extensionId }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);

  // Missing on the mirror: the size check already says so, and nothing can be applied.
  await chooseCustomModel(options, 'test-org/missing');
  await expect(options.getByTestId('model-size')).toContainText('Cannot download this model');
  await expect(options.getByTestId('model-size')).toContainText('HTTP 404');
  await expect(options.getByTestId('model-apply')).toBeDisabled();

  // Present but malformed: it downloads, fails to load, and the bundled model stays in use.
  await options.getByTestId('model-custom-id').fill('test-org/broken');
  await expect(options.getByTestId('model-size')).toContainText('Download size');
  await options.getByTestId('model-apply').click();
  const status = options.getByTestId('model-status');
  await expect(status).toContainText('Using the bundled model instead', { timeout: 30_000 });
  await expect(status).toContainText('test-org/broken could not be loaded');
  await options.getByTestId('model-settings').screenshot({ path: 'test-results/models-fallback.png' });
});

test('the Chrome build carries one inference worker, used by the offscreen document', () => {
  const assets = readdirSync(join(extensionPath, 'assets')).filter((name) => name.startsWith('analysis-worker'));
  expect(assets).toHaveLength(1);
  const offscreenChunks = readdirSync(join(extensionPath, 'chunks')).filter((name) => name.startsWith('offscreen'));
  const offscreen = offscreenChunks.map((name) => readFileSync(join(extensionPath, 'chunks', name), 'utf8')).join('');
  expect(offscreen).toContain(assets[0]);
});
