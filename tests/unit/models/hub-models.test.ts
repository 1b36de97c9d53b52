// @vitest-environment node
// transformers.js must resolve to its Node build (onnxruntime-node); the "Hub" is a server this test starts.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { env } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MoodModelState } from '../../../lib/models/analysis-protocol';
import { createBundledMoodModel } from '../../../lib/models/bundled-model';
import { createProgressAggregator } from '../../../lib/models/download-progress';
import { planHubDevice } from '../../../lib/models/hub-device';
import { fetchDownloadSize, hubFileUrl, normaliseMirrorUrl } from '../../../lib/models/hub-files';
import { goEmotionsMap, readLabelScheme } from '../../../lib/models/label-schemes';
import { createMoodModelManager } from '../../../lib/models/mood-model-manager';
import { addHubModel, hubModelFiles } from '../../fixtures/model-hub';

let root: string;
let cacheDir: string;
let server: Server;
let mirror: string;
/** Requests per model folder (`org/name`), to tell a download from a cache hit. */
const requests = new Map<string, number>();

/** Serves `<org>/<name>/resolve/main/<file>` like the Hub; every ONNX variant name maps to `onnx/model.onnx`. */
function serve(): Promise<Server> {
  const s = createServer((req, res) => {
    const match = /^\/([\w.-]+\/[\w.-]+)\/resolve\/main\/(.+)$/.exec(req.url ?? '');
    res.setHeader('access-control-allow-origin', '*');
    if (!match?.[1] || !match[2]) {
      res.writeHead(404).end();
      return;
    }
    requests.set(match[1], (requests.get(match[1]) ?? 0) + 1);
    const file = match[2].startsWith('onnx/') ? 'onnx/model.onnx' : match[2];
    const path = normalize(join(root, match[1], file));
    if (!path.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    readFile(path).then(
      (body) => {
        res.writeHead(200, { 'content-length': body.length, 'content-type': 'application/octet-stream' });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      () => res.writeHead(404).end(),
    );
  });
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(s)));
}

const bundled = createBundledMoodModel();

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'rapport-hub-'));
  cacheDir = await mkdtemp(join(tmpdir(), 'rapport-hub-cache-'));
  env.cacheDir = cacheDir;
  env.useFSCache = true;
  // Sentiment only, with positive and negative swapped, so its answers differ visibly from the bundled model's.
  await addHubModel(root, 'tiny-sentiment', { id2label: { 0: 'positive', 1: 'neutral', 2: 'Negative' } });
  await addHubModel(root, 'tiny-full');
  await addHubModel(root, 'broken', { brokenOnnx: true });
  await addHubModel(root, 'odd-labels', { id2label: { 0: 'spam', 1: 'ham' } });
  server = await serve();
  mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await bundled.dispose();
  await new Promise((resolve) => server.close(resolve));
  await rm(root, { recursive: true, force: true });
  await rm(cacheDir, { recursive: true, force: true });
});

function managerWithStates() {
  const states: MoodModelState[] = [];
  const manager = createMoodModelManager({
    bundled,
    planDevice: () => Promise.resolve({ device: 'cpu', dtype: 'q8', reason: 'node' }),
    onState: (state) => states.push(structuredClone(state)),
    progressIntervalMs: 0,
  });
  return { manager, states };
}

describe('Hub model download through a mirror', () => {
  it('measures the download size with HEAD requests before downloading', async () => {
    const size = await fetchDownloadSize({ modelId: 'test-org/tiny-sentiment', mirrorUrl: mirror }, { dtype: 'q8' });
    let expected = 0;
    for (const file of hubModelFiles) expected += (await stat(join(root, 'test-org/tiny-sentiment', file))).size;
    expect(size.totalBytes).toBe(expected);
    expect(size.files.map((f) => f.file)).toContain('onnx/model_quantized.onnx');
    expect(size.files[0]?.url).toBe(`${mirror}/test-org/tiny-sentiment/resolve/main/config.json`);
  });

  it('names the missing file when the mirror answers 404', async () => {
    await expect(
      fetchDownloadSize({ modelId: 'test-org/missing', mirrorUrl: mirror }, { dtype: 'q8' }),
    ).rejects.toMatchObject({ code: 'model/not-found', message: expect.stringContaining('config.json') });
  });

  it('downloads with progress, then combines Hub sentiment with bundled emotions and offensive language', async () => {
    const { manager, states } = managerWithStates();
    const text = 'This is the third time I write, the parcel never arrived and nobody answers!';
    const [own] = await bundled.classify([text]);
    const state = await manager.select({ modelId: 'test-org/tiny-sentiment', mirrorUrl: mirror });

    expect(state.status).toEqual({ state: 'ready', backend: 'wasm', modelId: 'test-org/tiny-sentiment' });
    const progress = states.flatMap((s) => (s.status.state === 'downloading' ? [s.status] : []));
    expect(progress.length).toBeGreaterThan(1);
    const last = progress.at(-1);
    expect(last?.totalBytes).toBeGreaterThan(400_000);
    expect(progress.some((p) => p.progress > 0 && p.progress < 1)).toBe(true);
    expect(manager.active().id).toBe('test-org/tiny-sentiment');
    expect(manager.info('cpu')).toEqual({ id: 'test-org/tiny-sentiment', backend: 'cpu' });

    const [mood] = await manager.active().classify([text]);
    // Sentiment comes from the Hub model (its labels swap positive and negative) …
    expect(mood?.sentiment.positive).toBeCloseTo(own?.sentiment.negative ?? -1, 4);
    expect(mood?.sentiment.negative).toBeCloseTo(own?.sentiment.positive ?? -1, 4);
    // … emotions and offensive language, which it lacks, from the bundled model.
    expect(mood?.emotions).toEqual(own?.emotions);
    expect(mood?.offensive).toBe(own?.offensive);
  });

  it('loads from the cache on the second load, without asking the mirror', async () => {
    const before = requests.get('test-org/tiny-sentiment') ?? 0;
    expect(before).toBeGreaterThan(0);
    const { manager } = managerWithStates();
    const state = await manager.select({ modelId: 'test-org/tiny-sentiment', mirrorUrl: mirror });
    expect(state.status.state).toBe('ready');
    expect(requests.get('test-org/tiny-sentiment')).toBe(before);
  });

  it('uses a model with every head on its own', async () => {
    const { manager } = managerWithStates();
    const state = await manager.select({ modelId: 'test-org/tiny-full', mirrorUrl: mirror });
    expect(state.status.state).toBe('ready');
    const [mood] = await manager.active().classify(['Vielen Dank, alles bestens!']);
    const [own] = await bundled.classify(['Vielen Dank, alles bestens!']);
    expect(mood?.sentiment.positive).toBeCloseTo(own?.sentiment.positive ?? -1, 5);
  });

  it.each([
    ['a model the mirror does not have (404)', 'test-org/missing', 'model/download-failed', /test-org\/missing/],
    ['a malformed ONNX graph', 'test-org/broken', 'model/load-failed', /test-org\/broken could not be loaded/],
    ['labels that do not map onto the taxonomy', 'test-org/odd-labels', 'model/unsupported-labels', /spam, ham/],
  ])('falls back to the bundled model and says why for %s', async (_name, modelId, code, reason) => {
    const { manager } = managerWithStates();
    const state = await manager.select({ modelId, mirrorUrl: mirror });
    expect(state.status, state.fallbackReason).toMatchObject({ state: 'error', code });
    expect(state.fallbackReason).toMatch(reason);
    expect(manager.active()).toBe(bundled);
    const info = manager.info('cpu');
    expect(info.id).toBe('rapport-mood');
    expect(info.fallbackReason).toMatch(reason);
    const [mood] = await manager.active().classify(['Danke!']);
    expect(mood?.sentiment.positive).toBeGreaterThan(0);
  });

  it('falls back when the mirror cannot be reached at all', async () => {
    const { manager } = managerWithStates();
    const state = await manager.select({ modelId: 'test-org/offline', mirrorUrl: 'http://127.0.0.1:9/' });
    expect(state.status.state).toBe('error');
    expect(state.fallbackReason).toMatch(/Could not download test-org\/offline from http:\/\/127\.0\.0\.1:9\//);
  });

  it('switches back to the bundled model', async () => {
    const { manager } = managerWithStates();
    await manager.select({ modelId: 'test-org/tiny-sentiment', mirrorUrl: mirror });
    const state = await manager.select({ modelId: 'bundled', mirrorUrl: '' });
    expect(state.status).toMatchObject({ state: 'ready', modelId: 'rapport-mood' });
    expect(manager.active()).toBe(bundled);
  });
});

describe('label schemes', () => {
  it('maps review stars onto three-class sentiment', () => {
    const scheme = readLabelScheme({ 0: '1 star', 1: '2 stars', 2: '3 stars', 3: '4 stars', 4: '5 stars' });
    const mood = scheme.decode([0, 0, 0, 0, 10], 0, 5);
    expect(scheme.heads).toEqual(['sentiment']);
    expect(mood.sentiment?.positive).toBeGreaterThan(0.99);
    const sum = (mood.sentiment?.negative ?? 0) + (mood.sentiment?.neutral ?? 0) + (mood.sentiment?.positive ?? 0);
    expect(sum).toBeCloseTo(1, 6);
  });

  it('maps GoEmotions labels onto the support emotions (README mapping)', () => {
    const labels = Object.values(goEmotionsMap).flat();
    const id2label = Object.fromEntries(labels.map((l, i) => [String(i), l]));
    const scheme = readLabelScheme(id2label);
    const logits = labels.map((l) => (l === 'annoyance' ? 4 : l === 'gratitude' ? 2 : -4));
    const mood = scheme.decode(logits, 0, labels.length);
    expect(scheme.heads).toEqual(['emotions']);
    expect(mood.emotions?.frustrated).toBeGreaterThan(0.95);
    expect(mood.emotions?.grateful).toBeGreaterThan(0.85);
    expect(mood.emotions?.angry).toBeLessThan(0.05);
    expect(mood.sentiment).toBeUndefined();
  });

  it('rejects a config without labels', () => {
    expect(() => readLabelScheme(undefined, 'x/y')).toThrow(/x\/y has no id2label/);
  });
});

describe('backend choice and mirror URLs', () => {
  const adapter = (info: object, f16 = false) => ({
    requestAdapter: () => Promise.resolve({ info, features: new Set(f16 ? ['shader-f16'] : []) }),
  });

  it('uses WebGPU only on a hardware adapter', async () => {
    expect(await planHubDevice(undefined)).toEqual({ device: 'wasm', dtype: 'q8', reason: 'no-webgpu' });
    expect(await planHubDevice({ requestAdapter: () => Promise.resolve(null) })).toMatchObject({ reason: 'no-webgpu' });
    expect(await planHubDevice(adapter({ vendor: 'google', architecture: 'swiftshader' }))).toEqual({
      device: 'wasm',
      dtype: 'q8',
      reason: 'software-gpu',
    });
    expect(await planHubDevice(adapter({ vendor: 'nvidia', architecture: 'ampere' }, true))).toEqual({
      device: 'webgpu',
      dtype: 'fp16',
      reason: 'webgpu-gpu',
    });
    expect(await planHubDevice(adapter({ vendor: 'intel', architecture: 'gen-12lp' }))).toMatchObject({
      dtype: 'fp32',
    });
  });

  it('normalises mirror URLs and rejects other schemes', () => {
    expect(normaliseMirrorUrl('')).toBe('https://huggingface.co/');
    expect(normaliseMirrorUrl(' https://models.example.com/hf ')).toBe('https://models.example.com/hf/');
    expect(hubFileUrl('https://m.example/hf/', 'a/b', 'config.json')).toBe(
      'https://m.example/hf/a/b/resolve/main/config.json',
    );
    expect(() => normaliseMirrorUrl('ftp://x')).toThrow(/https:\/\//);
    expect(() => normaliseMirrorUrl('not a url')).toThrow(/not a valid URL/);
  });

  it('refuses a plain-http mirror for any host but this computer, and credentials in the address', () => {
    expect(() => normaliseMirrorUrl('http://models.example.com/hf')).toThrow(
      expect.objectContaining({ code: 'model/bad-mirror', message: expect.stringMatching(/https:\/\//) }),
    );
    expect(() => normaliseMirrorUrl('http://10.0.0.5:8080/')).toThrow(
      expect.objectContaining({ code: 'model/bad-mirror' }),
    );
    expect(() => normaliseMirrorUrl('https://user:pw@models.example.com/')).toThrow(/user name or password/);
    expect(normaliseMirrorUrl('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080/');
    expect(normaliseMirrorUrl('http://localhost:8080/hf')).toBe('http://localhost:8080/hf/');
  });

  it('sums download progress over files', () => {
    const seen: number[] = [];
    const onEvent = createProgressAggregator((p) => seen.push(p.progress));
    onEvent({ status: 'progress', file: 'a', loaded: 50, total: 100 });
    onEvent({ status: 'progress', file: 'b', loaded: 0, total: 300 });
    onEvent({ status: 'done', file: 'a' });
    onEvent({ status: 'progress', file: 'b', loaded: 300, total: 300 });
    expect(seen).toEqual([0.5, 50 / 400, 100 / 400, 1]);
  });
});
