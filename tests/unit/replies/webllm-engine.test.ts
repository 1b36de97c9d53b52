// @vitest-environment node
import type {
  AppConfig,
  ChatCompletionChunk,
  ChatCompletionRequestStreaming,
  MLCEngineConfig,
  ModelRecord,
} from '@mlc-ai/web-llm';
import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { describe, expect, it, vi } from 'vitest';
import { formatBytes } from '../../../lib/i18n';
import type { WebGpuCapabilities } from '../../../lib/models/webgpu';
import {
  applyHosts,
  approximateDownloadBytes,
  estimateDownloadSize,
  modelBaseUrl,
} from '../../../lib/models/webllm-download';
import { planWebLlm } from '../../../lib/models/webllm-plan';
import type { LlmEngineLike, WebLlmRuntime } from '../../../lib/models/webllm-runtime';
import { collectDraft, type DraftEvent, FallbackReplyEngine } from '../../../lib/replies/engine';
import { TemplateReplyEngine } from '../../../lib/replies/template-engine';
import {
  cleanDraft,
  createDraftingEngine,
  mapWebLlmError,
  WebLlmReplyEngine,
} from '../../../lib/replies/webllm-engine';
import { libraryBytes, MemoryCaches, testCommit, testManifest } from '../models/webllm-lib-fixtures';
import { englishRequest, germanRequest } from './draft-fixtures';

const GiB = 2 ** 30;
const caps: WebGpuCapabilities = {
  available: true,
  hasShaderF16: true,
  maxBufferSize: 4 * GiB,
  maxStorageBufferBindingSize: 2 * GiB,
};
const llama = prebuiltAppConfig.model_list.find((r) => r.model_id === 'Llama-3.2-3B-Instruct-q4f16_1-MLC');
if (!llama) throw new Error('web-llm list changed: Llama-3.2-3B-Instruct-q4f16_1-MLC missing');
const noHosts = { llmModelId: '', llmWeightsHost: '', llmLibHost: '' };
/** The shipped manifest's files with hashes of the test libraries (the shipped one may have none yet). */
const manifest = testManifest();

/** Serves the test library for any `.wasm` URL named in the manifest (404 otherwise), recording each URL. */
function libraryFetch(urls: string[] = [], bytes = libraryBytes): typeof fetch {
  const files = new Set(Object.values(manifest.models).map((m) => m.file));
  return async (input) => {
    const url = String(input);
    urls.push(url);
    const file = url.split('/').at(-1) ?? '';
    return files.has(file) ? new Response(bytes(file)) : new Response('not found', { status: 404 });
  };
}

/** What a WebLlmReplyEngine needs to fetch and keep its library in these tests. */
const libraryAccess = () => ({ fetch: libraryFetch(), caches: new MemoryCaches() });

function chunk(text: string): ChatCompletionChunk {
  return {
    id: 'c',
    created: 0,
    model: 'm',
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta: { content: text }, finish_reason: null, logprobs: null }],
  };
}

/** A web-llm stand-in: reports progress like web-llm, streams scripted chunks, stops on interruptGenerate. */
class ScriptedLlm implements LlmEngineLike {
  requests: ChatCompletionRequestStreaming[] = [];
  interrupted = 0;
  unloaded = false;
  #stop = false;
  constructor(
    private readonly reply: (request: ChatCompletionRequestStreaming) => string[],
    private readonly failAt?: { index: number; error: unknown },
  ) {}

  chat = {
    completions: {
      create: async (request: ChatCompletionRequestStreaming): Promise<AsyncIterable<ChatCompletionChunk>> => {
        this.requests.push(request);
        this.#stop = false;
        const parts = this.reply(request);
        const failAt = this.failAt;
        const stopped = () => this.#stop;
        return {
          async *[Symbol.asyncIterator]() {
            for (const [index, part] of parts.entries()) {
              await new Promise((resolve) => setTimeout(resolve, 1));
              if (stopped()) return;
              if (failAt && index === failAt.index) throw failAt.error;
              yield chunk(part);
            }
          },
        };
      },
    },
  };

  interruptGenerate(): void {
    this.interrupted++;
    this.#stop = true;
  }

  async unload(): Promise<void> {
    this.unloaded = true;
  }
}

function runtime(options: {
  llm?: ScriptedLlm;
  cached?: boolean;
  loadError?: unknown;
  hangLoad?: boolean;
  reports?: string[];
}): WebLlmRuntime & { configs: MLCEngineConfig[] } {
  const configs: MLCEngineConfig[] = [];
  return {
    configs,
    prebuiltAppConfig,
    hasModelInCache: async (_id: string, _config: AppConfig) => options.cached ?? false,
    createEngine: async (_worker, _modelId, config) => {
      configs.push(config);
      const reports = options.reports ?? [
        'Fetching param cache[1/3]: 600MB fetched. 33% completed, 5 secs elapsed.',
        'Fetching param cache[3/3]: 1700MB fetched. 100% completed, 12 secs elapsed.',
        'Loading GPU shader modules[10/40]',
      ];
      for (const [i, text] of reports.entries()) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        config.initProgressCallback?.({ progress: (i + 1) / reports.length, timeElapsed: i, text });
      }
      if (options.hangLoad) await new Promise(() => undefined);
      if (options.loadError !== undefined) throw options.loadError;
      return options.llm ?? new ScriptedLlm(() => ['Hi']);
    },
  };
}

function fakeWorker() {
  return { postMessage: vi.fn(), terminate: vi.fn() };
}

async function plan(rt: WebLlmRuntime, replies = noHosts) {
  const fetchFn: typeof fetch = async () => new Response('not found', { status: 404 });
  return planWebLlm({ replies, caps, memory: { deviceMemoryGB: 8 }, runtime: rt, fetch: fetchFn, manifest });
}

describe('hosts and download size', () => {
  it("points weights and libraries at the team's mirror, with the shipped hash", () => {
    const { record, library } = applyHosts(
      llama,
      { weightsHost: 'https://models.example.com/hf/', libHost: 'https://libs.example.com' },
      manifest,
    );
    expect(record.model).toBe('https://models.example.com/hf/mlc-ai/Llama-3.2-3B-Instruct-q4f16_1-MLC');
    expect(record.model_lib).toBe(
      'https://libs.example.com/v0_2_86/base/Llama-3.2-3B-Instruct-q4f16_1_cs1k-webgpu.wasm',
    );
    expect(record.integrity).toEqual({ model_lib: library.integrity, onFailure: 'error' });
    expect(library.sha256).toBe(manifest.models['Llama-3.2-3B-Instruct-q4f16_1-MLC']?.sha256);
  });

  it("pins the library to a commit (never web-llm's branch URL) when no mirror is set", () => {
    const { record } = applyHosts(llama, { weightsHost: '', libHost: '' }, manifest);
    expect(record.model).toBe(llama.model);
    expect(record.model_lib).toBe(
      `https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/${testCommit}/web-llm-models/v0_2_86/base/Llama-3.2-3B-Instruct-q4f16_1_cs1k-webgpu.wasm`,
    );
    expect(llama.model_lib).toContain('/main/');
    expect(record.model_lib).not.toContain('/main/');
  });

  it('refuses mirrors on plain http except on this computer', () => {
    expect(() => applyHosts(llama, { weightsHost: 'http://models.example.com', libHost: '' }, manifest)).toThrow(
      expect.objectContaining({ code: 'model/bad-mirror' }),
    );
    expect(() => applyHosts(llama, { weightsHost: '', libHost: 'http://libs.example.com' }, manifest)).toThrow(
      expect.objectContaining({ code: 'model/bad-mirror' }),
    );
    const local = applyHosts(llama, { weightsHost: 'http://127.0.0.1:8080', libHost: 'http://localhost:9' }, manifest);
    expect(local.record.model).toBe('http://127.0.0.1:8080/mlc-ai/Llama-3.2-3B-Instruct-q4f16_1-MLC');
    expect(local.library.url).toBe('http://localhost:9/v0_2_86/base/Llama-3.2-3B-Instruct-q4f16_1_cs1k-webgpu.wasm');
  });

  it('resolves the model base URL like web-llm', () => {
    expect(modelBaseUrl(llama)).toBe('https://huggingface.co/mlc-ai/Llama-3.2-3B-Instruct-q4f16_1-MLC/resolve/main/');
    const mirrored: ModelRecord = { ...llama, model: 'https://m.example.com/x/resolve/v1/' };
    expect(modelBaseUrl(mirrored)).toBe('https://m.example.com/x/resolve/v1/');
  });

  it('sums the weight manifest and the library size', async () => {
    const urls: string[] = [];
    const fetchFn: typeof fetch = async (input, init) => {
      const url = String(input);
      urls.push(`${init?.method ?? 'GET'} ${url}`);
      if (url.endsWith('/tensor-cache.json')) {
        return Response.json({
          records: [
            { dataPath: 'a.bin', nbytes: 1000 },
            { dataPath: 'b.bin', nbytes: 500 },
          ],
        });
      }
      return new Response(null, { status: 200, headers: { 'content-length': '250' } });
    };
    expect(await estimateDownloadSize(llama, { fetch: fetchFn })).toEqual({ bytes: 1750, source: 'manifest' });
    expect(urls).toEqual([
      'GET https://huggingface.co/mlc-ai/Llama-3.2-3B-Instruct-q4f16_1-MLC/resolve/main/tensor-cache.json',
      `HEAD ${llama.model_lib}`,
    ]);
  });

  it('falls back to the parameter estimate when offline', async () => {
    const offline: typeof fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    const estimate = await estimateDownloadSize(llama, { fetch: offline });
    expect(estimate.source).toBe('parameters');
    // 3.2B × 4.5 bits ≈ 1.9 GB.
    expect(estimate.bytes).toBeGreaterThan(1.7e9);
    expect(estimate.bytes).toBeLessThan(2.1e9);
    expect(approximateDownloadBytes({ ...llama, model_id: 'SmolLM2-360M-Instruct-q0f16-MLC' })).toBe(756_000_000);
  });
});

describe('mapWebLlmError', () => {
  it.each([
    [
      'WebGPUNotAvailableError: WebGPU is not supported in your current environment',
      'load',
      'model/webgpu-unavailable',
    ],
    ['Error: Unable to find a compatible GPU.', 'load', 'model/webgpu-unavailable'],
    ['DeviceLostError: The WebGPU device was lost while loading the model.', 'load', 'model/out-of-memory'],
    ['DeviceLostError: The WebGPU device was lost while loading the model.', 'generate', 'model/device-lost'],
    ['RangeError: Array buffer allocation failed', 'load', 'model/out-of-memory'],
    ['Error: Cannot fetch https://huggingface.co/x/resolve/main/params_shard_0.bin', 'load', 'model/download-failed'],
    ['TypeError: Failed to fetch', 'load', 'model/download-failed'],
    ['QuotaExceededError: storage full', 'load', 'model/download-failed'],
    ['Error: something odd', 'load', 'model/load-failed'],
    ['Error: something odd', 'generate', 'model/generation-failed'],
  ] as const)('%s while %s → %s', (text, phase, code) => {
    expect(mapWebLlmError(text, phase).code).toBe(code);
  });

  it.each([
    'IntegrityError: Integrity verification failed for https://libs.example.com/v0_2_86/base/x.wasm',
    'LibraryRefusedError: model/library-unverified: This build of Rapport has no checksum for …',
  ])('%s → model/library-unverified (never a download error)', (text) => {
    expect(mapWebLlmError(text, 'load').code).toBe('model/library-unverified');
  });

  it('keeps the original error as the cause', () => {
    const original = new Error('Failed to fetch');
    expect(mapWebLlmError(original, 'load').cause).toBe(original);
  });
});

describe('planWebLlm', () => {
  it('refuses without WebGPU', async () => {
    await expect(
      planWebLlm({
        replies: noHosts,
        caps: { ...caps, available: false, reasonCode: 'no-webgpu' },
        runtime: runtime({}),
      }),
    ).rejects.toMatchObject({ code: 'model/webgpu-unavailable', params: { reason: 'no-webgpu' } });
  });

  it('refuses when no model fits in memory', async () => {
    await expect(
      planWebLlm({ replies: noHosts, caps, memory: { budgetMB: 200 }, runtime: runtime({}) }),
    ).rejects.toMatchObject({ code: 'model/out-of-memory', params: { needed: 879, budget: 200 } });
  });

  it('plans the default model with the mirror applied and the cache checked', async () => {
    const result = await plan(runtime({}), {
      llmModelId: '',
      llmWeightsHost: 'https://mirror.example.com',
      llmLibHost: '',
    });
    expect(result.model.modelId).toBe('Llama-3.2-3B-Instruct-q4f16_1-MLC');
    expect(result.appConfig.model_list).toHaveLength(1);
    expect(result.record.model).toBe('https://mirror.example.com/mlc-ai/Llama-3.2-3B-Instruct-q4f16_1-MLC');
    expect(result.cached).toBe(false);
    expect(result.download.source).toBe('parameters');
  });

  it('needs no download for a cached model', async () => {
    const result = await plan(runtime({ cached: true }));
    expect(result).toMatchObject({ cached: true, download: { bytes: 0 } });
  });
});

describe('WebLlmReplyEngine', () => {
  it('reports download progress in bytes, then loading, then ready', async () => {
    const rt = runtime({});
    const engine = new WebLlmReplyEngine({
      plan: await plan(rt),
      createWorker: fakeWorker,
      runtime: rt,
      ...libraryAccess(),
    });
    const states: string[] = [];
    const bytes: number[] = [];
    engine.subscribe((s) => {
      states.push(s.state);
      if (s.state === 'downloading') bytes.push(s.loadedBytes);
    });
    await engine.load();
    expect(states).toEqual(['downloading', 'downloading', 'downloading', 'loading', 'ready']);
    expect(bytes).toEqual([0, 600 * 2 ** 20, 1700 * 2 ** 20]);
    expect(rt.configs[0]?.appConfig?.model_list[0]?.model_id).toBe('Llama-3.2-3B-Instruct-q4f16_1-MLC');
  });

  it('cancels a download by terminating the worker', async () => {
    const rt = runtime({ hangLoad: true });
    const worker = fakeWorker();
    const engine = new WebLlmReplyEngine({
      plan: await plan(rt),
      createWorker: () => worker,
      runtime: rt,
      ...libraryAccess(),
    });
    const controller = new AbortController();
    const loading = engine.load({ signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    await expect(loading).rejects.toMatchObject({ code: 'replies/cancelled' });
    expect(worker.terminate).toHaveBeenCalledTimes(1);
    expect(engine.status).toEqual({ state: 'idle' });
  });

  it('maps a load failure and ends in the error state', async () => {
    const rt = runtime({ loadError: 'DeviceLostError: The WebGPU device was lost while loading the model.' });
    const worker = fakeWorker();
    const engine = new WebLlmReplyEngine({
      plan: await plan(rt),
      createWorker: () => worker,
      runtime: rt,
      ...libraryAccess(),
    });
    await expect(engine.load()).rejects.toMatchObject({ code: 'model/out-of-memory' });
    expect(engine.status).toMatchObject({ state: 'error', code: 'model/out-of-memory' });
    expect(worker.terminate).toHaveBeenCalled();
  });

  it('streams each variant from chat completions built from the prompt', async () => {
    const llm = new ScriptedLlm((request) => {
      const system = String(request.messages[0]?.content ?? '');
      return system.includes('Short:') ? ['Hallo ', 'Frau Schmidt', '.'] : ['"Guten Tag', ' Frau Schmidt."'];
    });
    const rt = runtime({ llm, cached: true });
    const engine = new WebLlmReplyEngine({
      plan: await plan(rt),
      createWorker: fakeWorker,
      runtime: rt,
      ...libraryAccess(),
    });
    await engine.load();
    const { texts, events, error } = await collectDraft(engine.draft(germanRequest()));
    expect(error).toBeUndefined();
    expect(texts.short).toBe('Hallo Frau Schmidt.');
    // Quotes the model added around the reply are dropped from the final text.
    expect(texts['de-escalating']).toBe('Guten Tag Frau Schmidt.');
    expect(events.at(-1)).toEqual({ type: 'done' });
    expect(llm.requests.map((r) => [r.stream, r.max_tokens])).toEqual([
      [true, 400],
      [true, 400],
      [true, 160],
    ]);
  });

  it('interrupts generation when cancelled', async () => {
    const llm = new ScriptedLlm(() => Array.from({ length: 50 }, (_, i) => `w${i} `));
    const rt = runtime({ llm, cached: true });
    const engine = new WebLlmReplyEngine({
      plan: await plan(rt),
      createWorker: fakeWorker,
      runtime: rt,
      ...libraryAccess(),
    });
    await engine.load();
    const controller = new AbortController();
    const events: DraftEvent[] = [];
    for await (const event of engine.draft(englishRequest(), { signal: controller.signal })) {
      events.push(event);
      if (event.type === 'token') controller.abort();
    }
    expect(llm.interrupted).toBeGreaterThanOrEqual(1);
    expect(events.filter((e) => e.type === 'token')).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: 'error', code: 'replies/cancelled' });
  });

  it('queues calls: a second draft waits for the first', async () => {
    const llm = new ScriptedLlm(() => ['a', 'b', 'c']);
    const rt = runtime({ llm, cached: true });
    const engine = new WebLlmReplyEngine({
      plan: await plan(rt),
      createWorker: fakeWorker,
      runtime: rt,
      ...libraryAccess(),
    });
    await engine.load();
    const order: string[] = [];
    const run = async (name: string) => {
      for await (const event of engine.draft(englishRequest({ variants: ['short'] }))) {
        if (event.type === 'variant-start' || event.type === 'done') order.push(`${name}:${event.type}`);
      }
    };
    await Promise.all([run('first'), run('second')]);
    expect(order).toEqual(['first:variant-start', 'first:done', 'second:variant-start', 'second:done']);
  });

  it('falls back to templates when the device is lost mid-draft', async () => {
    const llm = new ScriptedLlm(() => ['Hi ', 'John', ','], {
      index: 2,
      error: 'DeviceLostError: The WebGPU device was lost while loading the model.',
    });
    const rt = runtime({ llm, cached: true });
    const primary = new WebLlmReplyEngine({
      plan: await plan(rt),
      createWorker: fakeWorker,
      runtime: rt,
      ...libraryAccess(),
    });
    const engine = new FallbackReplyEngine(
      primary,
      (reason) => new TemplateReplyEngine({ reason, fill: (t) => t.body }),
    );
    await engine.load();
    const { events, texts } = await collectDraft(engine.draft(englishRequest()));
    expect(events.find((e) => e.type === 'fallback')).toMatchObject({ code: 'model/device-lost' });
    expect(texts['de-escalating']).toContain("I'm sorry your item arrived damaged");
    expect(llm.unloaded).toBe(true);
  });

  it('refuses a library whose downloaded bytes do not match, before web-llm starts', async () => {
    const rt = runtime({});
    const worker = fakeWorker();
    const engine = new WebLlmReplyEngine({
      plan: await plan(rt),
      createWorker: () => worker,
      runtime: rt,
      fetch: libraryFetch([], (file) => libraryBytes(`${file} with a different body`)),
      caches: new MemoryCaches(),
    });
    const failure = engine.load();
    await expect(failure).rejects.toMatchObject({ code: 'model/library-unverified' });
    await expect(failure).rejects.toThrow(
      /Llama-3\.2-3B-Instruct-q4f16_1_cs1k-webgpu\.wasm from raw\.githubusercontent\.com/,
    );
    expect(rt.configs).toEqual([]);
    expect(worker.terminate).toHaveBeenCalled();
    expect(engine.status).toMatchObject({ state: 'error', code: 'model/library-unverified' });
  });

  it('refuses a cached library whose bytes changed, and falls back to templates', async () => {
    const rt = runtime({ cached: true });
    const caches = new MemoryCaches();
    const thePlan = await plan(rt);
    const store = await caches.open('webllm/wasm');
    await store.put(thePlan.library.url, new Response(libraryBytes('something else entirely')));
    const primary = new WebLlmReplyEngine({
      plan: thePlan,
      createWorker: fakeWorker,
      runtime: rt,
      fetch: libraryFetch(),
      caches,
    });
    const engine = new FallbackReplyEngine(
      primary,
      (reason) => new TemplateReplyEngine({ reason, fill: (t) => t.body }),
      'de',
    );
    await engine.load();
    expect(engine.kind).toBe('templates');
    expect(engine.fallbackCode).toBe('model/library-unverified');
    expect(engine.reason).toMatch(/Prüfsumme/);
    expect(rt.configs).toEqual([]);
    // The changed copy is gone, so web-llm cannot read it later either.
    expect(await store.match(thePlan.library.url)).toBeUndefined();
  });

  it('hands web-llm the checked library, pinned and with its hash to check again', async () => {
    const rt = runtime({});
    const caches = new MemoryCaches();
    const urls: string[] = [];
    const thePlan = await plan(rt);
    const engine = new WebLlmReplyEngine({
      plan: thePlan,
      createWorker: fakeWorker,
      runtime: rt,
      fetch: libraryFetch(urls),
      caches,
    });
    await engine.load();
    expect(urls).toEqual([thePlan.library.url]);
    const record = rt.configs[0]?.appConfig?.model_list[0];
    expect(record?.model_lib).toBe(thePlan.library.url);
    expect(record?.integrity).toEqual({ model_lib: thePlan.library.integrity, onFailure: 'error' });
    const stored = await (await caches.open('webllm/wasm')).match(thePlan.library.url);
    expect(new Uint8Array(await (stored ?? new Response()).arrayBuffer())).toEqual(
      libraryBytes('Llama-3.2-3B-Instruct-q4f16_1_cs1k-webgpu.wasm'),
    );
  });

  it('frees the worker on dispose', async () => {
    const rt = runtime({ cached: true });
    const worker = fakeWorker();
    const engine = new WebLlmReplyEngine({
      plan: await plan(rt),
      createWorker: () => worker,
      runtime: rt,
      ...libraryAccess(),
    });
    await engine.load();
    await engine.dispose();
    expect(worker.terminate).toHaveBeenCalled();
    expect(engine.status).toEqual({ state: 'idle' });
  });
});

describe('cleanDraft', () => {
  it('strips labels and wrapping quotes only', () => {
    expect(cleanDraft('Reply: "Hi John, thanks."')).toBe('Hi John, thanks.');
    expect(cleanDraft('„Hallo Anna.“')).toBe('Hallo Anna.');
    expect(cleanDraft('Hi "John", thanks.')).toBe('Hi "John", thanks.');
  });
});

describe('createDraftingEngine', () => {
  const gpuNav = (f16 = true) => ({
    gpu: {
      requestAdapter: async () => ({
        features: new Set(f16 ? ['shader-f16'] : []),
        limits: { maxBufferSize: 4 * GiB, maxStorageBufferBindingSize: 2 * GiB },
      }),
    },
    deviceMemory: 8,
  });
  const base = {
    replies: {
      germanFormality: 'sie' as const,
      brandVoice: '',
      policyText: '',
      llmModelId: '',
      llmWeightsHost: '',
      llmLibHost: '',
      llmDownloadApproved: false,
    },
    createWorker: fakeWorker,
    fill: (t: { body: string }) => t.body,
    fetch: libraryFetch(),
    manifest,
    caches: new MemoryCaches(),
  };

  it('uses templates, saying why, without WebGPU', async () => {
    const choice = await createDraftingEngine({ ...base, nav: {}, uiLanguage: 'de', runtime: runtime({}) });
    expect(choice.engine.kind).toBe('templates');
    expect(choice.engine.reason).toMatch(/kein WebGPU/);
    expect(choice.awaitingApproval).toBe(false);
  });

  it('asks for approval before downloading, showing the size', async () => {
    const choice = await createDraftingEngine({ ...base, nav: gpuNav(), runtime: runtime({}) });
    expect(choice.awaitingApproval).toBe(true);
    expect(choice.engine.kind).toBe('templates');
    expect(choice.engine.reason).toMatch(/Llama-3.2-3B-Instruct \(about 1\.[89] GB\) is not downloaded yet/);
    expect(choice.plan?.model.modelId).toBe('Llama-3.2-3B-Instruct-q4f16_1-MLC');
  });

  it('uses web-llm, with template fallback, once approved or cached', async () => {
    const approved = await createDraftingEngine({
      ...base,
      replies: { ...base.replies, llmDownloadApproved: true },
      nav: gpuNav(false),
      runtime: runtime({}),
    });
    expect(approved.engine).toBeInstanceOf(FallbackReplyEngine);
    expect(approved.engine.kind).toBe('webllm');
    expect(approved.plan?.model.modelId).toBe('Llama-3.2-3B-Instruct-q4f32_1-MLC');
    const cached = await createDraftingEngine({ ...base, nav: gpuNav(), runtime: runtime({ cached: true }) });
    expect(cached.engine.kind).toBe('webllm');
    await cached.engine.load();
    expect(cached.engine.status).toEqual({ state: 'ready', modelId: 'Llama-3.2-3B-Instruct-q4f16_1-MLC' });
  });

  it('names the library, in both languages, when this build has no hash for it', async () => {
    const id = 'Llama-3.2-3B-Instruct-q4f16_1-MLC';
    const entry = manifest.models[id];
    if (!entry) throw new Error('test manifest lost its default model');
    const unpinned = { ...manifest, models: { ...manifest.models, [id]: { ...entry, sha256: '' } } };
    const urls: string[] = [];
    for (const [language, pattern] of [
      ['en', /no checksum for the writing model's program library Llama-3\.2-3B-Instruct-q4f16_1_cs1k-webgpu\.wasm/],
      [
        'de',
        /keine Prüfsumme.*Llama-3\.2-3B-Instruct-q4f16_1_cs1k-webgpu\.wasm|Llama-3\.2-3B-Instruct-q4f16_1_cs1k-webgpu\.wasm.*keine Prüfsumme/,
      ],
    ] as const) {
      const choice = await createDraftingEngine({
        ...base,
        replies: { ...base.replies, llmDownloadApproved: true },
        manifest: unpinned,
        fetch: libraryFetch(urls),
        nav: gpuNav(),
        uiLanguage: language,
        runtime: runtime({}),
      });
      expect(choice.engine.kind).toBe('templates');
      expect(choice.awaitingApproval).toBe(false);
      expect(choice.engine.reason).toMatch(pattern);
    }
    // Nothing was downloaded for a library that could not be checked.
    expect(urls.filter((u) => u.endsWith('.wasm'))).toEqual([]);
  });

  it('refuses a mismatching download once approved, naming the library and where it came from', async () => {
    const rt = runtime({});
    const choice = await createDraftingEngine({
      ...base,
      replies: { ...base.replies, llmDownloadApproved: true, llmLibHost: 'https://libs.example.com/web-llm' },
      fetch: libraryFetch([], () => libraryBytes('tampered')),
      nav: gpuNav(),
      runtime: rt,
    });
    expect(choice.engine.kind).toBe('templates');
    expect(choice.engine.reason).toBe(
      "The writing model's program library Llama-3.2-3B-Instruct-q4f16_1_cs1k-webgpu.wasm from libs.example.com does not match the checksum shipped with Rapport, so it was not run. Drafts come from your team templates.",
    );
    expect(rt.configs).toEqual([]);
  });

  it('checks a cached library before asking for approval, and downloads nothing before it', async () => {
    const urls: string[] = [];
    const waiting = await createDraftingEngine({
      ...base,
      fetch: libraryFetch(urls),
      nav: gpuNav(),
      runtime: runtime({}),
    });
    expect(waiting.awaitingApproval).toBe(true);
    expect(urls.filter((u) => u.endsWith('.wasm'))).toEqual([]);
    const caches = new MemoryCaches();
    const url = waiting.plan?.library.url ?? '';
    await (await caches.open('webllm/wasm')).put(url, new Response(libraryBytes('changed on disk')));
    const refused = await createDraftingEngine({
      ...base,
      caches,
      nav: gpuNav(),
      uiLanguage: 'de',
      runtime: runtime({}),
    });
    expect(refused.awaitingApproval).toBe(false);
    expect(refused.engine.reason).toMatch(/im Browser gespeicherte Programmbibliothek .*hat sich verändert/);
  });

  it('formats sizes', () => {
    expect(formatBytes('en', 1_812_000_000)).toBe('1.8 GB');
    expect(formatBytes('en', 950_000_000)).toBe('950 MB');
  });
});

describe('WebLlmReplyEngine.summarize (issue 22: the summary at the top of the panel)', () => {
  const summaryRequest = () => ({ conversation: englishRequest().conversation, language: 'en' as const });
  const isSummary = (request: ChatCompletionRequestStreaming) =>
    String(request.messages[0]?.content ?? '').startsWith('You summarise');

  async function loadedEngine(llm: ScriptedLlm) {
    const rt = runtime({ llm, cached: true });
    const engine = new WebLlmReplyEngine({
      plan: await plan(rt),
      createWorker: fakeWorker,
      runtime: rt,
      ...libraryAccess(),
    });
    return { engine, rt };
  }

  it('never loads the model for a summary', async () => {
    const llm = new ScriptedLlm(() => ['Request: a new jar']);
    const { engine } = await loadedEngine(llm);
    await expect(engine.summarize(summaryRequest())).rejects.toMatchObject({ code: 'model/not-loaded' });
    expect(engine.status.state).toBe('idle');
    expect(llm.requests).toHaveLength(0);
  });

  it('asks the loaded model with the summary prompt, deterministically, and returns its whole answer', async () => {
    const llm = new ScriptedLlm(() => ['Request: a new jar', ' for order 55512.\n', 'Still open: nothing']);
    const { engine } = await loadedEngine(llm);
    await engine.load();
    await expect(engine.summarize(summaryRequest())).resolves.toBe(
      'Request: a new jar for order 55512.\nStill open: nothing',
    );
    expect(llm.requests).toHaveLength(1);
    expect(isSummary(llm.requests[0] as ChatCompletionRequestStreaming)).toBe(true);
    expect(llm.requests[0]).toMatchObject({ temperature: 0, max_tokens: 160, stream: true });
  });

  it('waits behind a draft and stops for a draft asked for while it writes', async () => {
    const llm = new ScriptedLlm((request) =>
      isSummary(request) ? Array.from({ length: 40 }, (_, i) => `s${i} `) : ['Hi ', 'there'],
    );
    const { engine } = await loadedEngine(llm);
    await engine.load();
    // A draft already streaming goes first: the summary waits for it.
    const first = collectDraft(engine.draft(englishRequest({ variants: ['short'] })));
    const summary = engine.summarize(summaryRequest());
    await first;
    // The agent asks for another draft while the summary writes: the summary gives way at once.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = collectDraft(engine.draft(englishRequest({ variants: ['short'] })));
    await expect(summary).rejects.toMatchObject({ code: 'replies/summary-preempted' });
    expect((await second).texts.short).toBe('Hi there');
    expect(llm.requests.map((request) => (isSummary(request) ? 'summary' : 'draft'))).toEqual([
      'draft',
      'summary',
      'draft',
    ]);
    expect(llm.interrupted).toBeGreaterThanOrEqual(1);
  });

  it('is cancelled with its signal', async () => {
    const llm = new ScriptedLlm(() => Array.from({ length: 40 }, (_, i) => `s${i} `));
    const { engine } = await loadedEngine(llm);
    await engine.load();
    const controller = new AbortController();
    const summary = engine.summarize(summaryRequest(), { signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    await expect(summary).rejects.toMatchObject({ code: 'replies/cancelled' });
    expect(llm.interrupted).toBeGreaterThanOrEqual(1);
  });
});
