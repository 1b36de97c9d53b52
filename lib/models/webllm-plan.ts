import type { AppConfig, ModelRecord } from '@mlc-ai/web-llm';
import { AppError } from '../errors';
import type { ReplySettings } from '../settings';
import {
  chooseModel,
  type MemoryHint,
  type ModelChoice,
  type ModelSelection,
  selectModels,
  smallestMemoryShortfall,
  type WebGpuCapabilities,
} from './webgpu';
import { applyHosts, type DownloadEstimate, estimateDownloadSize } from './webllm-download';
import type { ResolvedLibrary, WebLlmLibManifest } from './webllm-libs';
import type { WebLlmRuntime } from './webllm-runtime';

/** What the panel shows before the agent agrees to a download, and what the engine loads. */
export interface WebLlmPlan {
  model: ModelChoice;
  /** The model record with the team's hosts applied and the library pinned (URL and `integrity.model_lib`). */
  record: ModelRecord;
  /** The model's library: where it is fetched from and the SHA-256 it must have. */
  library: ResolvedLibrary;
  appConfig: AppConfig;
  selection: ModelSelection;
  /** Already in the browser's cache from an earlier session: loads offline, no download. */
  cached: boolean;
  download: DownloadEstimate;
}

/**
 * Picks the model for this machine and settings, applies the team's hosts, pins the library, checks the cache and
 * estimates the download. Throws `model/webgpu-unavailable` (params: the `reason` code) or `model/out-of-memory`
 * (params: the MiB `needed` and `budget`, when memory is the cause) when no model can run, `LibraryRefusedError` when
 * this build has no hash for the model's library.
 */
export async function planWebLlm(options: {
  replies: Pick<ReplySettings, 'llmModelId' | 'llmWeightsHost' | 'llmLibHost'>;
  caps: WebGpuCapabilities;
  memory?: MemoryHint;
  runtime: WebLlmRuntime;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** The pinned libraries (the shipped `webllm-libs.json` unless a test passes its own). */
  manifest?: WebLlmLibManifest;
}): Promise<WebLlmPlan> {
  const { caps, runtime, replies } = options;
  // The messages are English details for logs; the agent reads the catalogue's text for the code and params
  // (`describeError`, `lib/models/writing-model-reasons.ts`).
  if (!caps.available) {
    const reason = caps.reasonCode ?? 'no-webgpu';
    throw new AppError(
      'model/webgpu-unavailable',
      caps.reasonDetail ? `WebGPU unavailable (${reason}): ${caps.reasonDetail}` : `WebGPU unavailable (${reason}).`,
      { params: caps.reasonDetail ? { reason, detail: caps.reasonDetail } : { reason } },
    );
  }
  const selection = selectModels(runtime.prebuiltAppConfig.model_list, caps, options.memory ?? {});
  const model = chooseModel(selection, replies.llmModelId);
  if (!model) {
    const memory = smallestMemoryShortfall(selection);
    throw memory
      ? new AppError(
          'model/out-of-memory',
          `No writing model fits in memory (${memory.modelId} needs about ${Math.round(memory.neededMB)} MiB; about ${Math.round(memory.budgetMB)} MiB can be spared).`,
          { params: { needed: Math.round(memory.neededMB), budget: Math.round(memory.budgetMB) } },
        )
      : new AppError('model/out-of-memory', 'No writing model can run on this GPU.');
  }
  const original = runtime.prebuiltAppConfig.model_list.find((r) => r.model_id === model.modelId);
  if (!original) throw new AppError('model/not-found', `Model ${model.modelId} is not in web-llm's list.`);
  const { record, library } = applyHosts(
    original,
    { weightsHost: replies.llmWeightsHost, libHost: replies.llmLibHost },
    options.manifest,
  );
  // Cache API: works in extension pages and workers, and is web-llm's best-tested backend; survives restarts.
  const appConfig: AppConfig = { model_list: [record], cacheBackend: 'cache' };
  let cached = false;
  try {
    cached = await runtime.hasModelInCache(record.model_id, appConfig);
  } catch {
    // No cache access (private window): treat as not cached, which only means the size is shown again.
    cached = false;
  }
  const estimateOptions: { fetch?: typeof fetch; signal?: AbortSignal } = {};
  if (options.fetch) estimateOptions.fetch = options.fetch;
  if (options.signal) estimateOptions.signal = options.signal;
  const download = cached
    ? { bytes: 0, source: 'manifest' as const }
    : await estimateDownloadSize(record, estimateOptions);
  return { model, record, library, appConfig, selection, cached, download };
}
