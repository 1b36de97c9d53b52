import {
  AutoConfig,
  AutoModelForSequenceClassification,
  AutoTokenizer,
  env,
  type PreTrainedModel,
  type PreTrainedTokenizer,
  type PretrainedConfig,
} from '@huggingface/transformers';
import { neutralRawMood } from '../analysis/message-mood';
import { AppError, toAppError } from '../errors';
import { type BundledMoodModel, clipText, type LoadableModel, planBatches, runLogits } from './bundled-model';
import { createProgressAggregator, type DownloadProgress } from './download-progress';
import { isHubModelId, type MoodHead, type MoodModelSelection } from './hub-catalogue';
import type { HubDevicePlan } from './hub-device';
import { normaliseMirrorUrl } from './hub-files';
import { createJobQueue } from './job-queue';
import { type LabelScheme, type PartialMood, readLabelScheme } from './label-schemes';
import { whenOrtWasmReady } from './transformers-env';
import type { MoodModel, RawMood } from './types';

/** Tokens a Hub model reads per text: BERT-sized models allow 512, but 256 keeps WASM latency bearable. */
export const hubMaxTokens = 256;

export interface HubMoodModelOptions {
  selection: MoodModelSelection;
  plan: Pick<HubDevicePlan, 'device' | 'dtype'>;
  onProgress?: (progress: DownloadProgress) => void;
  batchSize?: number;
}

/** A Hub model: loads lazily (downloading through the mirror, cached by transformers.js), gives only its own heads. */
export interface HubMoodModel extends LoadableModel {
  readonly maxTokens: number;
  /** The heads this model provides; known after `load()`. */
  heads(): MoodHead[];
  classify(texts: string[], signal?: AbortSignal): Promise<PartialMood[]>;
}

interface LoadedHub {
  tokenizer: PreTrainedTokenizer;
  model: PreTrainedModel;
  scheme: LabelScheme;
}

/**
 * Points transformers.js's global env at the mirror for remote loads. The bundled model loads with
 * `local_files_only`, so turning remote loading on does not make it reach for the network.
 */
export function configureTransformersForHub(mirrorUrl: string): void {
  env.remoteHost = normaliseMirrorUrl(mirrorUrl);
  env.remotePathTemplate = '{model}/resolve/{revision}/';
  env.allowRemoteModels = true;
}

/**
 * A Hugging Face model run through transformers.js, downloaded through the Hub or the configured mirror with
 * progress, cached by transformers.js (Cache API in the browser, `env.cacheDir` in Node) so later loads work offline.
 * Load failures are `model/download-failed`, `model/load-failed` or `model/unsupported-labels`, with the reason.
 */
export function createHubMoodModel(options: HubMoodModelOptions): HubMoodModel {
  const { selection, plan } = options;
  if (!isHubModelId(selection.modelId)) {
    throw new AppError('model/bad-id', `"${selection.modelId}" is not a model id of the form organisation/name.`);
  }
  const batchSize = Math.max(1, options.batchSize ?? 8);
  // One ONNX session must not run two inferences at once.
  const queue = createJobQueue();
  let loading: Promise<LoadedHub> | undefined;
  let heads: MoodHead[] = [];

  const ensureLoaded = (): Promise<LoadedHub> => {
    loading ??= (async () => {
      configureTransformersForHub(selection.mirrorUrl);
      const progress_callback = options.onProgress ? createProgressAggregator(options.onProgress) : undefined;
      let config: PretrainedConfig;
      try {
        config = await AutoConfig.from_pretrained(selection.modelId, { progress_callback });
      } catch (error) {
        throw describeLoadError(error, selection);
      }
      // The labels are checked before the (large) ONNX graph is downloaded.
      const scheme = readLabelScheme((config as { id2label?: unknown }).id2label, selection.modelId);
      heads = scheme.heads;
      try {
        const tokenizer = await AutoTokenizer.from_pretrained(selection.modelId, { progress_callback });
        // ONNX Runtime starts with the first session: the bundled model's inflated binary must reach it first.
        await whenOrtWasmReady();
        const model = await AutoModelForSequenceClassification.from_pretrained(selection.modelId, {
          config,
          dtype: plan.dtype,
          device: plan.device,
          progress_callback,
        });
        return { tokenizer, model, scheme };
      } catch (error) {
        throw describeLoadError(error, selection);
      }
    })();
    loading.catch(() => {
      // A failed load may be retried by a later selection; the error reaches the caller through `load()`.
      loading = undefined;
    });
    return loading;
  };

  return {
    id: selection.modelId,
    maxTokens: hubMaxTokens,
    heads: () => heads,
    async load() {
      await ensureLoaded();
      return plan.device;
    },
    classify(texts, signal) {
      return queue.run(
        async (jobSignal) => {
          const { tokenizer, model, scheme } = await ensureLoaded();
          const results = new Array<PartialMood>(texts.length);
          for (const batch of planBatches(texts, batchSize)) {
            jobSignal.throwIfAborted();
            const logits = await runLogits(
              tokenizer,
              model,
              batch.map((i) => clipText(texts[i] ?? '', hubMaxTokens * 24)),
              hubMaxTokens,
            );
            const outputs = Math.max(1, Math.round(logits.length / batch.length));
            batch.forEach((textIndex, row) => {
              results[textIndex] = scheme.decode(logits, row, outputs);
            });
          }
          return results;
        },
        signal ? { signal } : {},
      );
    },
    async dispose() {
      const current = loading;
      loading = undefined;
      if (current) await (await current.catch(() => null))?.model.dispose();
    },
  };
}

/** Turns a transformers.js or ONNX Runtime load error into a reason a person can act on. */
function describeLoadError(error: unknown, selection: MoodModelSelection): AppError {
  const detail = error instanceof Error ? error.message : String(error);
  const host = normaliseMirrorUrl(selection.mirrorUrl);
  if (/could not locate|not found|404|failed to fetch|networkerror|fetch failed|ECONNREFUSED|HTTP/i.test(detail)) {
    return new AppError('model/download-failed', `Could not download ${selection.modelId} from ${host}: ${detail}`, {
      cause: error,
    });
  }
  return new AppError('model/load-failed', `${selection.modelId} could not be loaded (${detail}).`, { cause: error });
}

/** The Hub model's heads, with the bundled model filling those it lacks; a failing Hub model falls back whole. */
export interface CombinedMoodOptions {
  /** Called once when the Hub model fails at inference; from then on only the bundled model answers. */
  onHubFailure?: (error: AppError) => void;
}

/**
 * Combines a Hub model with the bundled model: each head comes from the Hub model when it has it, else from the
 * bundled one (a sentiment-only Hub model + bundled emotions and offensive language). When the Hub model has every
 * head the bundled model is not run.
 */
export function createCombinedMoodModel(
  hub: HubMoodModel,
  bundled: BundledMoodModel,
  options: CombinedMoodOptions = {},
): MoodModel {
  let failed = false;
  return {
    id: hub.id,
    maxTokens: Math.min(hub.maxTokens, bundled.maxTokens),
    async classify(texts, signal) {
      let fromHub: PartialMood[] | null = null;
      if (!failed) {
        try {
          fromHub = await hub.classify(texts, signal);
        } catch (error) {
          if (signal?.aborted) throw error;
          failed = true;
          options.onHubFailure?.(toAppError(error, 'model/inference-failed'));
        }
      }
      const hubHeads = fromHub ? hub.heads() : [];
      const hasAll = (['sentiment', 'emotions', 'offensive'] as const).every((h) => hubHeads.includes(h));
      // Both models share one WASM thread, so running them one after the other costs nothing over running them together.
      const fallback = hasAll ? [] : await bundled.classify(texts, signal);
      return texts.map((_, i) => mergeMood(fromHub?.[i], fallback[i]));
    },
  };
}

/** Each head from `primary` when it has it, else from `base`. */
export function mergeMood(primary: PartialMood | undefined, base: RawMood | undefined): RawMood {
  const b = base ?? neutralRawMood();
  return {
    sentiment: primary?.sentiment ?? b.sentiment,
    emotions: primary?.emotions ?? b.emotions,
    offensive: primary?.offensive ?? b.offensive,
  };
}
