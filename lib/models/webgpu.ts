import type { ModelRecord } from '@mlc-ai/web-llm';

/**
 * Why WebGPU cannot run the writing model (the UI words it, `writingModel.webgpu.<code>`): `no-webgpu`, the browser
 * has no WebGPU API; `refused`, requestAdapter threw (`reasonDetail` holds its error); `no-adapter`, it gave none;
 * `limits-too-small`, the adapter's limits (`maxBufferSize`, `maxStorageBufferBindingSize`) are below web-llm's
 * minimums.
 */
export type WebGpuUnavailableCode = 'no-webgpu' | 'refused' | 'no-adapter' | 'limits-too-small';

/** What this browser's GPU can do, as far as the drafting model cares. */
export interface WebGpuCapabilities {
  available: boolean;
  /** Why WebGPU cannot be used (only when `available` is false); a code, so the UI says it in the agent's language. */
  reasonCode?: WebGpuUnavailableCode;
  /** requestAdapter's own error text (only with `refused`): the browser's words, shown as they are. */
  reasonDetail?: string;
  hasShaderF16: boolean;
  /** Adapter limits in bytes (0 when unavailable). */
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
  vendor?: string;
  architecture?: string;
  /** The only adapter is software-rendered (SwiftShader, `isFallbackAdapter`): models start but draft very slowly. */
  isSoftware?: boolean;
}

/** The parts of `navigator` the probe reads; a structural type so tests can pass stubbed adapters. */
export interface NavigatorLike {
  gpu?: unknown;
  /** Approximate RAM in GiB (Chromium only, capped at 8). */
  deviceMemory?: unknown;
  userAgent?: string;
}

/** web-llm's own minimums (see `detectGPUDevice` in @mlc-ai/web-llm): below them it refuses to start. */
const minBufferSize = 256 * 2 ** 20;
const minStorageBufferBindingSize = 128 * 2 ** 20;
const minWorkgroupStorageSize = 32 * 2 ** 10;
const minStorageBuffersPerShaderStage = 10;
/** Below these limits web-llm runs in its reduced mode, where only models marked low-resource fit. */
const fullBufferSize = 2 ** 30;

function read(target: unknown, key: string): unknown {
  return typeof target === 'object' && target !== null ? Reflect.get(target, key) : undefined;
}

function readNumber(target: unknown, key: string): number | undefined {
  const value = read(target, key);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function readString(target: unknown, key: string): string | undefined {
  const value = read(target, key);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function unavailable(reasonCode: WebGpuUnavailableCode, reasonDetail?: string): WebGpuCapabilities {
  const caps: WebGpuCapabilities = {
    available: false,
    reasonCode,
    hasShaderF16: false,
    maxBufferSize: 0,
    maxStorageBufferBindingSize: 0,
  };
  if (reasonDetail !== undefined) caps.reasonDetail = reasonDetail;
  return caps;
}

/**
 * What the one WebGPU probe learnt about the adapter, before any model's needs are applied: the drafting model reads
 * it through `probeWebGpu`, the Hub mood models through `planHubDevice`.
 */
export interface GpuAdapterReport {
  /** `none`: no WebGPU API; `refused`: requestAdapter threw; `no-adapter`: it gave none; `found`: an adapter. */
  state: 'none' | 'refused' | 'no-adapter' | 'found';
  /** requestAdapter's error (only when `refused`). */
  detail?: string;
  hasShaderF16: boolean;
  /** A software adapter (SwiftShader, `isFallbackAdapter`): slower than WASM. */
  isSoftware: boolean;
  /** The adapter's `limits` object (read with `readNumber`). */
  limits?: unknown;
  vendor?: string;
  architecture?: string;
}

async function probeAdapter(gpu: unknown): Promise<GpuAdapterReport> {
  const none = { hasShaderF16: false, isSoftware: false };
  const requestAdapter = read(gpu, 'requestAdapter');
  if (typeof requestAdapter !== 'function') return { state: 'none', ...none };
  let adapter: unknown;
  try {
    adapter = await Reflect.apply(requestAdapter, gpu, [{ powerPreference: 'high-performance' }]);
  } catch (error) {
    return { state: 'refused', detail: error instanceof Error ? error.message : String(error), ...none };
  }
  if (typeof adapter !== 'object' || adapter === null) return { state: 'no-adapter', ...none };
  const features = read(adapter, 'features');
  const has = read(features, 'has');
  const info = read(adapter, 'info');
  const vendor = readString(info, 'vendor');
  const architecture = readString(info, 'architecture');
  const report: GpuAdapterReport = {
    state: 'found',
    hasShaderF16: typeof has === 'function' && Reflect.apply(has, features, ['shader-f16']) === true,
    isSoftware:
      read(adapter, 'isFallbackAdapter') === true ||
      read(info, 'isFallbackAdapter') === true ||
      (architecture ?? '').toLowerCase().includes('swiftshader') ||
      (vendor ?? '').toLowerCase().includes('swiftshader'),
    limits: read(adapter, 'limits'),
  };
  if (vendor) report.vendor = vendor;
  if (architecture) report.architecture = architecture;
  return report;
}

/** The drafting model's view of the adapter: web-llm's minimum limits applied. */
function toCapabilities(report: GpuAdapterReport): WebGpuCapabilities {
  if (report.state === 'none') return unavailable('no-webgpu');
  if (report.state === 'refused') return unavailable('refused', report.detail ?? '');
  if (report.state === 'no-adapter') return unavailable('no-adapter');
  const { limits, hasShaderF16 } = report;
  const maxBufferSize = readNumber(limits, 'maxBufferSize') ?? 0;
  const maxStorageBufferBindingSize = readNumber(limits, 'maxStorageBufferBindingSize') ?? 0;
  const caps: WebGpuCapabilities = { available: true, hasShaderF16, maxBufferSize, maxStorageBufferBindingSize };
  if (report.vendor) caps.vendor = report.vendor;
  if (report.architecture) caps.architecture = report.architecture;
  if (report.isSoftware) caps.isSoftware = true;

  const workgroupStorage = readNumber(limits, 'maxComputeWorkgroupStorageSize') ?? minWorkgroupStorageSize;
  const storageBuffers = readNumber(limits, 'maxStorageBuffersPerShaderStage') ?? minStorageBuffersPerShaderStage;
  const tooSmall =
    maxBufferSize < minBufferSize ||
    maxStorageBufferBindingSize < minStorageBufferBindingSize ||
    workgroupStorage < minWorkgroupStorageSize ||
    storageBuffers < minStorageBuffersPerShaderStage;
  if (tooSmall) {
    // The limits stay in the answer: the reason names them.
    return { ...caps, available: false, reasonCode: 'limits-too-small' };
  }
  return caps;
}

const probes = new WeakMap<object, Promise<GpuAdapterReport>>();
let probeWithoutGpu: Promise<GpuAdapterReport> | undefined;

/**
 * The one WebGPU probe: asks `gpu` (a `navigator.gpu`) for an adapter once, and later calls share the first answer.
 * Never throws.
 */
export function probeGpuAdapter(gpu: unknown): Promise<GpuAdapterReport> {
  if (typeof gpu !== 'object' || gpu === null) {
    probeWithoutGpu ??= probeAdapter(undefined);
    return probeWithoutGpu;
  }
  let cached = probes.get(gpu);
  if (!cached) {
    cached = probeAdapter(gpu);
    probes.set(gpu, cached);
  }
  return cached;
}

/**
 * Probes WebGPU once per navigator (later calls share the first answer): whether an adapter exists, shader-f16,
 * and the buffer limits that decide which models can run. Never throws.
 */
export async function probeWebGpu(
  nav: NavigatorLike | undefined = typeof navigator === 'undefined' ? undefined : navigator,
): Promise<WebGpuCapabilities> {
  return toCapabilities(await probeGpuAdapter(nav?.gpu));
}

/** How much memory the model may take. */
export interface MemoryHint {
  /** `navigator.deviceMemory` in GiB (Chromium caps it at 8). */
  deviceMemoryGB?: number;
  /** An explicit budget in MiB; wins over `deviceMemoryGB`. */
  budgetMB?: number;
}

/** Reads `navigator.deviceMemory` when the browser exposes it. */
export function readMemoryHint(
  nav: NavigatorLike | undefined = typeof navigator === 'undefined' ? undefined : navigator,
): MemoryHint {
  const value = nav?.deviceMemory;
  return typeof value === 'number' && value > 0 ? { deviceMemoryGB: value } : {};
}

/**
 * Memory the model may use, in MiB. WebGPU does not tell how much graphics memory is free, and laptops share it with
 * the system, so the model gets half of the reported RAM (4 GiB when the browser does not say).
 */
export function memoryBudgetMB(hint: MemoryHint): number {
  if (hint.budgetMB !== undefined) return hint.budgetMB;
  if (hint.deviceMemoryGB !== undefined) return hint.deviceMemoryGB * 1024 * 0.5;
  return 4096;
}

/**
 * Models we recommend, best first. The first that runs is the default.
 *
 * Default: Llama-3.2-3B-Instruct. German is one of its eight officially supported languages and it writes natural,
 * polite German and English at 3B parameters; q4f16 needs about 2.3 GB of GPU memory (1.8 GB download), q4f32 about
 * 3 GB, and web-llm marks it low-resource. Licence: Llama 3.2 Community License (commercial use allowed; the EU
 * restriction covers only the multimodal models, not this text model; "Built with Llama" attribution).
 * Qwen2.5-3B would write similar German but is under the non-commercial Qwen Research License, so it is not listed.
 * Smaller fallbacks: Qwen2.5-1.5B-Instruct (Apache-2.0, multilingual, 1.6 GB), Llama-3.2-1B-Instruct (0.9 GB),
 * Qwen2.5-0.5B-Instruct (Apache-2.0, 0.9 GB; weak German, last resort).
 *
 * These are the only models Rapport offers: each one's q4f16_1 and q4f32_1 build has its model library pinned with a
 * SHA-256 in `lib/models/webllm-libs.json` (issue 20); web-llm's other models would run unchecked code.
 */
export const preferredModels: readonly { family: string; licence: string }[] = [
  { family: 'Llama-3.2-3B-Instruct', licence: 'Llama 3.2 Community License' },
  { family: 'Qwen2.5-1.5B-Instruct', licence: 'Apache-2.0' },
  { family: 'Llama-3.2-1B-Instruct', licence: 'Llama 3.2 Community License' },
  { family: 'Qwen2.5-0.5B-Instruct', licence: 'Apache-2.0' },
];

export type Quantization = 'q4f16' | 'q4f32';

/** A model this machine can run. */
export interface ModelChoice {
  modelId: string;
  /** The model name without quantization and web-llm suffixes, e.g. `Llama-3.2-3B-Instruct`. */
  family: string;
  quantization: Quantization;
  /** web-llm's estimate of GPU memory in MiB (weights, KV cache, activations). */
  vramMB: number;
  contextWindowTokens: number;
  lowResource: boolean;
  /** Known licence for the recommended models. */
  licence?: string;
  recommended: boolean;
  /**
   * Why this machine cannot run the model well although it starts (issue 22): such a model is not recommended and
   * the smallest one is offered first, with this reason shown.
   */
  runsPoorly?: 'software-adapter';
}

/**
 * A model this machine does not run, and why: a code with the numbers the reason names (the UI words it,
 * `writingModel.excluded.<code>`). `webgpu-unavailable` takes its reason from `WebGpuCapabilities.reasonCode`.
 */
export type ExcludedModel = { modelId: string } & (
  | { code: 'webgpu-unavailable' | 'not-a-chat-model' | 'needs-shader-f16' | 'not-offered' }
  /** Only the `wanted` build runs on this adapter (q4f16 with shader-f16, q4f32 without). */
  | { code: 'quantization'; wanted: Quantization; hasShaderF16: boolean }
  /**
   * The model's buffers exceed the adapter's storage binding (`neededBytes` and `allowedBytes`), or, without
   * `neededBytes`, the adapter runs in web-llm's reduced mode and the model is not built for it.
   */
  | { code: 'buffer-size'; neededBytes?: number; allowedBytes: number }
  /** web-llm's estimate (`neededMB`) exceeds what may be spared here (`budgetMB`), both in MiB. */
  | { code: 'memory'; neededMB: number; budgetMB: number }
);

export type ExclusionCode = ExcludedModel['code'];

export interface ModelSelection {
  /** Runnable models, recommended ones first (in `preferredModels` order), then the rest by memory. */
  runnable: ModelChoice[];
  excluded: ExcludedModel[];
  /**
   * The model to recommend: the first runnable preferred one; undefined when none runs, or none runs well here (a
   * software adapter — then the smallest is first in `runnable` and each says why in `runsPoorly`).
   */
  recommended?: string;
  budgetMB: number;
}

/** web-llm models that are not general instruction-following chat models, or are tuned for something else. */
const notChatPattern =
  /(Coder|Math|WizardMath|-Base-|Reasoning|DeepSeek-R1|jpn|vision|embed|RedPajama|phi-1_5|phi-2)/iu;

function quantizationOf(modelId: string): string | undefined {
  return /-(q\df\d+)(?:_\d)?-MLC/iu.exec(modelId)?.[1]?.toLowerCase();
}

/** `Llama-3.2-3B-Instruct-q4f16_1-MLC` → `Llama-3.2-3B-Instruct`. */
export function modelFamily(modelId: string): string {
  return modelId.replace(/-q\df\d+(?:_\d)?-MLC.*$/iu, '');
}

/** Whether Rapport offers a web-llm build: a `preferredModels` family in q4f16_1 or q4f32_1, the standard context. */
export function isOfferedModel(modelId: string): boolean {
  return /-q4f(?:16|32)_1-MLC$/u.test(modelId) && preferredModels.some((p) => p.family === modelFamily(modelId));
}

/**
 * Filters web-llm's prebuilt model list (`prebuiltAppConfig.model_list`) to what this machine can run: chat models
 * only; q4f16 variants when the adapter has shader-f16, q4f32 otherwise; the model's buffer needs within the adapter's
 * limits; its memory estimate within the budget; and only models Rapport offers (`isOfferedModel`). Every excluded
 * model comes with the reason.
 */
export function selectModels(
  prebuiltList: readonly ModelRecord[],
  caps: WebGpuCapabilities,
  memoryHint: MemoryHint = {},
): ModelSelection {
  const budgetMB = memoryBudgetMB(memoryHint);
  const runnable: ModelChoice[] = [];
  const excluded: ExcludedModel[] = [];
  const reducedLimits = caps.maxBufferSize < fullBufferSize || caps.maxStorageBufferBindingSize < fullBufferSize;
  const wanted: Quantization = caps.hasShaderF16 ? 'q4f16' : 'q4f32';

  for (const record of prebuiltList) {
    const modelId = record.model_id;
    // ModelType.LLM is 0; embedding (1) and vision (2) models cannot write replies.
    if ((record.model_type !== undefined && record.model_type !== 0) || notChatPattern.test(modelId)) {
      excluded.push({ modelId, code: 'not-a-chat-model' });
      continue;
    }
    if (!caps.available) {
      excluded.push({ modelId, code: 'webgpu-unavailable' });
      continue;
    }
    const quantization = quantizationOf(modelId);
    if (quantization !== wanted) {
      excluded.push({ modelId, code: 'quantization', wanted, hasShaderF16: caps.hasShaderF16 });
      continue;
    }
    if (record.required_features?.includes('shader-f16') && !caps.hasShaderF16) {
      excluded.push({ modelId, code: 'needs-shader-f16' });
      continue;
    }
    if (
      record.buffer_size_required_bytes !== undefined &&
      record.buffer_size_required_bytes > caps.maxStorageBufferBindingSize
    ) {
      excluded.push({
        modelId,
        code: 'buffer-size',
        neededBytes: record.buffer_size_required_bytes,
        allowedBytes: caps.maxStorageBufferBindingSize,
      });
      continue;
    }
    if (reducedLimits && record.low_resource_required !== true) {
      excluded.push({ modelId, code: 'buffer-size', allowedBytes: caps.maxStorageBufferBindingSize });
      continue;
    }
    const vramMB = record.vram_required_MB ?? Number.POSITIVE_INFINITY;
    if (vramMB > budgetMB) {
      excluded.push({ modelId, code: 'memory', neededMB: vramMB, budgetMB });
      continue;
    }
    const family = modelFamily(modelId);
    const preferred = isOfferedModel(modelId) ? preferredModels.find((p) => p.family === family) : undefined;
    if (!preferred) {
      excluded.push({ modelId, code: 'not-offered' });
      continue;
    }
    const choice: ModelChoice = {
      modelId,
      family,
      quantization: wanted,
      vramMB,
      contextWindowTokens: record.overrides?.context_window_size ?? 4096,
      lowResource: record.low_resource_required === true,
      licence: preferred.licence,
      recommended: !caps.isSoftware,
    };
    if (caps.isSoftware) choice.runsPoorly = 'software-adapter';
    runnable.push(choice);
  }

  const rank = (choice: ModelChoice): number => {
    if (!choice.recommended) return preferredModels.length;
    return preferredModels.findIndex((p) => p.family === choice.family);
  };
  // On a software adapter every model runs far slower than on a GPU; the smallest one is the least bad, so it comes
  // first (the default) and none is called recommended.
  runnable.sort((a, b) => rank(a) - rank(b) || a.vramMB - b.vramMB || a.modelId.localeCompare(b.modelId));
  const selection: ModelSelection = { runnable, excluded, budgetMB };
  const first = runnable[0];
  if (first?.recommended) selection.recommended = first.modelId;
  return selection;
}

/** The model to load: the agent's choice from settings when it runs here, else the recommended one. */
export function chooseModel(selection: ModelSelection, settingsModelId: string): ModelChoice | undefined {
  const chosen = settingsModelId ? selection.runnable.find((m) => m.modelId === settingsModelId) : undefined;
  return chosen ?? selection.runnable[0];
}

/** A model left out because it needs more memory than may be spared here. */
export type MemoryExclusion = Extract<ExcludedModel, { code: 'memory' }>;

/**
 * Why no model runs when memory is what stops it: of the models Rapport offers, the one that needs the least memory
 * (a model web-llm lists but Rapport never offers would name a need that no choice of ours could meet). Undefined when
 * memory stops none of them.
 */
export function smallestMemoryShortfall(selection: ModelSelection): MemoryExclusion | undefined {
  let smallest: MemoryExclusion | undefined;
  for (const item of selection.excluded) {
    if (item.code !== 'memory' || !isOfferedModel(item.modelId)) continue;
    if (!smallest || item.neededMB < smallest.neededMB) smallest = item;
  }
  return smallest;
}
