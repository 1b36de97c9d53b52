// @vitest-environment node
import { type ModelRecord, prebuiltAppConfig } from '@mlc-ai/web-llm';
import { describe, expect, it, vi } from 'vitest';
import { createTranslator } from '../../../lib/i18n';
import { planHubDevice, readNavigatorGpu } from '../../../lib/models/hub-device';
import {
  chooseModel,
  isOfferedModel,
  memoryBudgetMB,
  modelFamily,
  probeWebGpu,
  readMemoryHint,
  selectModels,
  type WebGpuCapabilities,
} from '../../../lib/models/webgpu';
import { describeExclusion, describeWebGpuUnavailable } from '../../../lib/models/writing-model-reasons';

const en = createTranslator('en');
/** The reason as the English settings page says it. */
const sayUnavailable = (caps: WebGpuCapabilities) => describeWebGpuUnavailable(caps, en, 'en');

const GiB = 2 ** 30;

function stubNavigator(adapter: object | null, extra: object = {}) {
  const requestAdapter = vi.fn(async () => adapter);
  return { nav: { gpu: { requestAdapter }, userAgent: 'test', ...extra }, requestAdapter };
}

function adapter(options: { f16?: boolean; maxBufferSize?: number; maxStorage?: number; vendor?: string } = {}) {
  const features = new Set(options.f16 === false ? [] : ['shader-f16', 'subgroups']);
  return {
    features,
    limits: {
      maxBufferSize: options.maxBufferSize ?? 4 * GiB,
      maxStorageBufferBindingSize: options.maxStorage ?? 2 * GiB,
      maxComputeWorkgroupStorageSize: 32768,
      maxStorageBuffersPerShaderStage: 10,
    },
    info: { vendor: options.vendor ?? 'nvidia', architecture: 'hopper' },
  };
}

describe('probeWebGpu', () => {
  it('reports no WebGPU when navigator.gpu is missing', async () => {
    const caps = await probeWebGpu({ userAgent: 'Firefox' });
    expect(caps).toMatchObject({ available: false, reasonCode: 'no-webgpu' });
    expect(sayUnavailable(caps)).toMatch(/no WebGPU/);
    expect(caps.hasShaderF16).toBe(false);
  });

  it('reports no adapter when requestAdapter resolves null', async () => {
    const { nav } = stubNavigator(null);
    const caps = await probeWebGpu(nav);
    expect(caps).toMatchObject({ available: false, maxBufferSize: 0, reasonCode: 'no-adapter' });
    expect(sayUnavailable(caps)).toMatch(/no usable graphics adapter/);
  });

  it('reports a refusal when requestAdapter throws', async () => {
    const nav = { gpu: { requestAdapter: () => Promise.reject(new Error('blocked by policy')) } };
    const caps = await probeWebGpu(nav);
    expect(caps).toMatchObject({ available: false, reasonCode: 'refused', reasonDetail: 'blocked by policy' });
    expect(sayUnavailable(caps)).toBe('WebGPU refused to start: blocked by policy');
  });

  it('reads shader-f16, limits and vendor from a capable adapter', async () => {
    const { nav } = stubNavigator(adapter());
    expect(await probeWebGpu(nav)).toEqual({
      available: true,
      hasShaderF16: true,
      maxBufferSize: 4 * GiB,
      maxStorageBufferBindingSize: 2 * GiB,
      vendor: 'nvidia',
      architecture: 'hopper',
    });
  });

  it('sees an adapter without shader-f16', async () => {
    const { nav } = stubNavigator(adapter({ f16: false }));
    expect(await probeWebGpu(nav)).toMatchObject({ available: true, hasShaderF16: false });
  });

  it('refuses adapters below web-llm minimum limits', async () => {
    const { nav } = stubNavigator(adapter({ maxStorage: 64 * 2 ** 20 }));
    const caps = await probeWebGpu(nav);
    expect(caps).toMatchObject({ available: false, reasonCode: 'limits-too-small' });
    expect(sayUnavailable(caps)).toBe(
      "The graphics adapter's limits are too small for the writing model (buffer 4096 MiB, storage binding 64 MiB).",
    );
  });

  it('probes once per navigator', async () => {
    const { nav, requestAdapter } = stubNavigator(adapter());
    await probeWebGpu(nav);
    await probeWebGpu(nav);
    expect(requestAdapter).toHaveBeenCalledTimes(1);
  });

  it('shares one probe between the drafting model and the Hub mood models', async () => {
    const { nav, requestAdapter } = stubNavigator(adapter({ vendor: 'intel' }));
    const caps = await probeWebGpu(nav);
    const plan = await planHubDevice(readNavigatorGpu(nav));
    expect(caps).toMatchObject({ available: true, hasShaderF16: true, vendor: 'intel' });
    expect(plan).toEqual({ device: 'webgpu', dtype: 'fp16', reason: 'webgpu-gpu' });
    expect(requestAdapter).toHaveBeenCalledTimes(1);
  });

  it('keeps Hub models off a software adapter that the drafting model would accept', async () => {
    const { nav } = stubNavigator({ ...adapter(), isFallbackAdapter: true });
    expect(await probeWebGpu(nav)).toMatchObject({ available: true });
    expect(await planHubDevice(readNavigatorGpu(nav))).toEqual({ device: 'wasm', dtype: 'q8', reason: 'software-gpu' });
  });

  it('marks a software adapter, so the drafting model on it is not offered first (issue 22)', async () => {
    const { nav } = stubNavigator({ ...adapter(), isFallbackAdapter: true });
    const caps = await probeWebGpu(nav);
    expect(caps).toMatchObject({ available: true, isSoftware: true });
    const selection = selectModels(prebuiltAppConfig.model_list, caps, { deviceMemoryGB: 8 });
    // The 1.8 GB Llama-3.2-3B is still there for an agent who wants it, but last of all and never "recommended".
    expect(selection.recommended).toBeUndefined();
    expect(selection.runnable.length).toBeGreaterThan(1);
    expect(selection.runnable[0]?.family).not.toBe('Llama-3.2-3B-Instruct');
    expect(selection.runnable.at(-1)?.family).toBe('Llama-3.2-3B-Instruct');
    const vram = selection.runnable.map((m) => m.vramMB);
    expect(vram).toEqual([...vram].sort((a, b) => a - b));
    expect(selection.runnable.every((m) => m.runsPoorly === 'software-adapter' && !m.recommended)).toBe(true);
  });

  it('reads the memory hint', () => {
    expect(readMemoryHint({ deviceMemory: 8 })).toEqual({ deviceMemoryGB: 8 });
    expect(readMemoryHint({})).toEqual({});
    expect(memoryBudgetMB({ deviceMemoryGB: 8 })).toBe(4096);
    expect(memoryBudgetMB({ budgetMB: 1000, deviceMemoryGB: 8 })).toBe(1000);
  });
});

const list = prebuiltAppConfig.model_list;
const capable: WebGpuCapabilities = {
  available: true,
  hasShaderF16: true,
  maxBufferSize: 4 * GiB,
  maxStorageBufferBindingSize: 2 * GiB,
};

describe('selectModels on web-llm 0.2.86 prebuilt list', () => {
  it('recommends Llama-3.2-3B-Instruct q4f16 on a capable GPU with shader-f16', () => {
    const selection = selectModels(list, capable, { deviceMemoryGB: 8 });
    expect(selection.recommended).toBe('Llama-3.2-3B-Instruct-q4f16_1-MLC');
    expect(selection.runnable[0]?.licence).toBe('Llama 3.2 Community License');
    expect(selection.runnable.every((m) => m.quantization === 'q4f16')).toBe(true);
    expect(selection.runnable.map((m) => m.modelId)).not.toContain('Llama-3.2-3B-Instruct-q4f32_1-MLC');
    expect(selection.runnable.slice(0, 4).map((m) => m.family)).toEqual([
      'Llama-3.2-3B-Instruct',
      'Qwen2.5-1.5B-Instruct',
      'Llama-3.2-1B-Instruct',
      'Qwen2.5-0.5B-Instruct',
    ]);
  });

  it('uses q4f32 builds when the adapter lacks shader-f16', () => {
    const selection = selectModels(list, { ...capable, hasShaderF16: false }, { deviceMemoryGB: 8 });
    expect(selection.recommended).toBe('Llama-3.2-3B-Instruct-q4f32_1-MLC');
    expect(selection.runnable.every((m) => m.modelId.includes('q4f32'))).toBe(true);
    const f16 = selection.excluded.find((e) => e.modelId === 'Llama-3.2-3B-Instruct-q4f16_1-MLC');
    expect(f16?.code).toBe('quantization');
  });

  it('drops models that exceed the memory budget and says why', () => {
    const selection = selectModels(list, capable, { budgetMB: 1500 });
    expect(selection.recommended).toBe('Llama-3.2-1B-Instruct-q4f16_1-MLC');
    expect(selection.runnable.every((m) => m.vramMB <= 1500)).toBe(true);
    const big = selection.excluded.find((e) => e.modelId === 'Llama-3.2-3B-Instruct-q4f16_1-MLC');
    expect(big).toMatchObject({ code: 'memory', budgetMB: 1500 });
    if (!big) throw new Error('Llama-3.2-3B not excluded');
    expect(describeExclusion(big, capable, en, 'en')).toBe(
      'Needs about 2264 MiB of GPU memory; about 1500 MiB can be spared here.',
    );
  });

  it('keeps only low-resource models on adapters with small buffer limits', () => {
    const small = { ...capable, maxBufferSize: 512 * 2 ** 20, maxStorageBufferBindingSize: 256 * 2 ** 20 };
    const selection = selectModels(list, small, { deviceMemoryGB: 8 });
    expect(selection.runnable.length).toBeGreaterThan(0);
    expect(selection.runnable.every((m) => m.lowResource)).toBe(true);
    expect(selection.excluded.find((e) => e.modelId === 'Phi-3.5-mini-instruct-q4f16_1-MLC')?.code).toBe('buffer-size');
  });

  it('excludes everything, with the reason, when WebGPU is unavailable', () => {
    const none: WebGpuCapabilities = {
      available: false,
      reasonCode: 'no-webgpu',
      hasShaderF16: false,
      maxBufferSize: 0,
      maxStorageBufferBindingSize: 0,
    };
    const selection = selectModels(list, none, {});
    expect(selection.runnable).toEqual([]);
    expect(selection.recommended).toBeUndefined();
    const llama = selection.excluded.find((e) => e.modelId === 'Llama-3.2-3B-Instruct-q4f16_1-MLC');
    expect(llama?.code).toBe('webgpu-unavailable');
    if (!llama) throw new Error('Llama-3.2-3B not excluded');
    expect(describeExclusion(llama, none, en, 'en')).toMatch(/^This browser has no WebGPU/);
  });

  it('never offers embedding, vision, coder or math models', () => {
    const ids = selectModels(list, capable, { budgetMB: 100_000 }).runnable.map((m) => m.modelId);
    expect(ids.some((id) => /embed|vision|Coder|Math|DeepSeek-R1/i.test(id))).toBe(false);
  });

  it('honours required_features and buffer_size_required_bytes', () => {
    const records: ModelRecord[] = [
      {
        model: 'https://huggingface.co/mlc-ai/X-1B-Instruct-q4f32_1-MLC',
        model_id: 'X-1B-Instruct-q4f32_1-MLC',
        model_lib: 'x.wasm',
        vram_required_MB: 500,
        required_features: ['shader-f16'],
      },
      {
        model: 'https://huggingface.co/mlc-ai/Y-1B-Instruct-q4f32_1-MLC',
        model_id: 'Y-1B-Instruct-q4f32_1-MLC',
        model_lib: 'y.wasm',
        vram_required_MB: 500,
        buffer_size_required_bytes: 4 * GiB,
      },
    ];
    const selection = selectModels(records, { ...capable, hasShaderF16: false }, {});
    expect(selection.excluded.map((e) => e.code)).toEqual(['needs-shader-f16', 'buffer-size']);
  });

  it("prefers the agent's chosen model when it runs here", () => {
    const selection = selectModels(list, capable, { deviceMemoryGB: 8 });
    expect(chooseModel(selection, 'Qwen2.5-1.5B-Instruct-q4f16_1-MLC')?.modelId).toBe(
      'Qwen2.5-1.5B-Instruct-q4f16_1-MLC',
    );
    expect(chooseModel(selection, 'Llama-3.1-8B-Instruct-q4f16_1-MLC')?.modelId).toBe(selection.recommended);
  });

  it('names model families', () => {
    expect(modelFamily('Llama-3.2-3B-Instruct-q4f16_1-MLC')).toBe('Llama-3.2-3B-Instruct');
    expect(modelFamily('gemma-2-2b-it-q4f32_1-MLC-1k')).toBe('gemma-2-2b-it');
  });

  it('offers only the catalogue: the recommended families in q4f16_1 and q4f32_1, each with a pinned library', () => {
    const selection = selectModels(list, capable, { budgetMB: 100_000 });
    expect(selection.runnable.map((m) => m.modelId).sort()).toEqual([
      'Llama-3.2-1B-Instruct-q4f16_1-MLC',
      'Llama-3.2-3B-Instruct-q4f16_1-MLC',
      'Qwen2.5-0.5B-Instruct-q4f16_1-MLC',
      'Qwen2.5-1.5B-Instruct-q4f16_1-MLC',
    ]);
    // A model web-llm lists but Rapport ships no checked library for is never offered, whatever the memory.
    const phi = selection.excluded.find((e) => e.modelId === 'Phi-3.5-mini-instruct-q4f16_1-MLC');
    expect(phi).toMatchObject({ code: 'not-offered' });
    expect(isOfferedModel('Llama-3.2-3B-Instruct-q4f32_1-MLC')).toBe(true);
    expect(isOfferedModel('Llama-3.2-3B-Instruct-q4f16_1-MLC-1k')).toBe(false);
    expect(isOfferedModel('Llama-3.1-8B-Instruct-q4f16_1-MLC')).toBe(false);
  });
});
