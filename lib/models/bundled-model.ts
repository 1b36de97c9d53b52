import {
  AutoModelForSequenceClassification,
  AutoTokenizer,
  type PreTrainedModel,
  type PreTrainedTokenizer,
  type Tensor,
} from '@huggingface/transformers';
import type { Emotion, SentimentLabel } from '../analysis/types';
import { emotions, sentimentLabels } from '../analysis/types';
import { AppError, toAppError } from '../errors';
import { createJobQueue } from './job-queue';
import { type BundledRuntimeOptions, configureTransformersForBundled, type InferenceDevice } from './transformers-env';
import type { MoodModel, RawMood } from './types';

/** Folder name of the bundled mood model under the model base (public/models/ in the repo). */
export const bundledMoodModelId = 'rapport-mood';

/** Tokens one text is read with; the model was trained with the same limit (`model_max_length`). */
export const bundledMaxTokens = 128;

/**
 * Characters kept before tokenising. Tokenising a 1 MB string would block for seconds only to be cut to 128 tokens;
 * 128 tokens of even long German words fit well inside this many characters.
 */
export const bundledMaxChars = bundledMaxTokens * 24;

export interface BundledModelOptions extends BundledRuntimeOptions {
  /** Folder name under the model base; defaults to the bundled model. */
  modelId?: string;
  /** Texts per inference call. */
  batchSize?: number;
}

/** A model that loads lazily on first use and reports which backend it runs on. */
export interface LoadableModel {
  readonly id: string;
  /** Loads (once) and resolves with the backend in use; rejects with `model/load-failed`. */
  load(): Promise<InferenceDevice>;
  dispose(): Promise<void>;
}

export interface BundledMoodModel extends MoodModel, LoadableModel {}

/** Where each label sits in the mood model's `logits`, read from config.json's `id2label` ("head:label"). */
export interface MoodLayout {
  sentiment: Record<SentimentLabel, number>;
  emotions: Record<Emotion, number>;
  offensive: { other: number; offensive: number };
  outputs: number;
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value as Record<string, unknown>).every((v) => typeof v === 'string')
  );
}

/** Reads the head layout from a config's `id2label`; throws `model/bad-config` when a label is missing. */
export function readMoodLayout(id2label: unknown): MoodLayout {
  if (!isStringRecord(id2label)) throw new AppError('model/bad-config', 'The mood model config has no id2label map.');
  const index = new Map<string, number>();
  for (const [k, v] of Object.entries(id2label)) index.set(v, Number(k));
  const at = (name: string): number => {
    const i = index.get(name);
    if (i === undefined) throw new AppError('model/bad-config', `The mood model config lacks the label "${name}".`);
    return i;
  };
  const sentiment = {} as Record<SentimentLabel, number>;
  for (const l of sentimentLabels) sentiment[l] = at(`sentiment:${l}`);
  const emotion = {} as Record<Emotion, number>;
  for (const l of emotions) emotion[l] = at(`emotion:${l}`);
  return {
    sentiment,
    emotions: emotion,
    offensive: { other: at('offensive:other'), offensive: at('offensive:offensive') },
    outputs: index.size,
  };
}

/** Turns one row of logits into probabilities: softmax for sentiment and offensive, sigmoid per emotion. */
export function decodeMood(logits: ArrayLike<number>, row: number, layout: MoodLayout): RawMood {
  const base = row * layout.outputs;
  const value = (i: number) => {
    const v = logits[base + i];
    return typeof v === 'number' && Number.isFinite(v) ? v : 0;
  };
  const s = sentimentLabels.map((l) => value(layout.sentiment[l]));
  const max = Math.max(...s);
  const exps = s.map((v) => Math.exp(v - max));
  const z = exps.reduce((a, b) => a + b, 0);
  const sentiment = {} as Record<SentimentLabel, number>;
  sentimentLabels.forEach((l, i) => {
    sentiment[l] = (exps[i] ?? 0) / z;
  });
  const emotion = {} as Record<Emotion, number>;
  for (const l of emotions) emotion[l] = 1 / (1 + Math.exp(-value(layout.emotions[l])));
  const off = value(layout.offensive.offensive) - value(layout.offensive.other);
  return { sentiment, emotions: emotion, offensive: 1 / (1 + Math.exp(-off)) };
}

/** Prepares text for the tokenizer: capped in length so huge messages cannot freeze the worker. */
export function clipText(text: string, maxChars = bundledMaxChars): string {
  if (text.length <= maxChars) return text;
  // Do not split a surrogate pair: a lone half would become an unknown token.
  const cut =
    text.charCodeAt(maxChars - 1) >= 0xd800 && text.charCodeAt(maxChars - 1) <= 0xdbff ? maxChars - 1 : maxChars;
  return text.slice(0, cut);
}

/** Indices of `texts` grouped into batches of similar length, so padding stays small. */
export function planBatches(texts: readonly string[], batchSize: number): number[][] {
  const order = texts.map((t, i) => ({ i, n: t.length })).sort((a, b) => a.n - b.n || a.i - b.i);
  const batches: number[][] = [];
  for (let k = 0; k < order.length; k += batchSize) batches.push(order.slice(k, k + batchSize).map((o) => o.i));
  return batches;
}

/** Runs tokenizer + model on one batch and returns the flat logits. */
export async function runLogits(
  tokenizer: PreTrainedTokenizer,
  model: PreTrainedModel,
  texts: string[],
  maxTokens: number,
): Promise<Float32Array> {
  const inputs = tokenizer(texts, { padding: true, truncation: true, max_length: maxTokens });
  const output: unknown = await model(inputs);
  const logits = typeof output === 'object' && output !== null ? (output as { logits?: Tensor }).logits : undefined;
  if (!logits || !(logits.data instanceof Float32Array)) {
    throw new AppError('model/bad-output', 'The model returned no float logits.');
  }
  return logits.data;
}

interface Loaded {
  tokenizer: PreTrainedTokenizer;
  model: PreTrainedModel;
  layout: MoodLayout;
  device: InferenceDevice;
}

/**
 * The bundled mood model (sentiment, emotions, offensive language in one small ONNX graph), loaded through
 * transformers.js exactly like a Hub model: from public/models on disk in Node, from the extension's /models/ in a
 * page or worker. Loads lazily on first use; calls are queued; any text (empty, emoji-only, 1 MB) gives a result.
 */
export function createBundledMoodModel(opts: BundledModelOptions = {}): BundledMoodModel {
  const modelId = opts.modelId ?? bundledMoodModelId;
  const batchSize = Math.max(1, opts.batchSize ?? 16);
  // One ONNX session must not run two inferences at once.
  const queue = createJobQueue();
  let loading: Promise<Loaded> | undefined;

  const ensureLoaded = (): Promise<Loaded> => {
    loading ??= (async () => {
      const { device } = await configureTransformersForBundled(opts);
      try {
        const tokenizer = await AutoTokenizer.from_pretrained(modelId, { local_files_only: true });
        const model = await AutoModelForSequenceClassification.from_pretrained(modelId, {
          local_files_only: true,
          dtype: 'fp32',
          device,
        });
        const layout = readMoodLayout((model.config as { id2label?: unknown }).id2label);
        return { tokenizer, model, layout, device };
      } catch (error) {
        throw toAppError(error, 'model/load-failed');
      }
    })();
    // A failed load may be retried by the next call (a transient fetch error in the extension, say).
    loading.catch(() => {
      loading = undefined;
    });
    return loading;
  };

  return {
    id: modelId,
    maxTokens: bundledMaxTokens,
    async load() {
      return (await ensureLoaded()).device;
    },
    classify(texts, signal) {
      return queue.run(
        async (jobSignal) => {
          const { tokenizer, model, layout } = await ensureLoaded();
          const results = new Array<RawMood>(texts.length);
          for (const batch of planBatches(texts, batchSize)) {
            jobSignal.throwIfAborted();
            const logits = await runLogits(
              tokenizer,
              model,
              batch.map((i) => clipText(texts[i] ?? '')),
              bundledMaxTokens,
            );
            batch.forEach((textIndex, row) => {
              results[textIndex] = decodeMood(logits, row, layout);
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
      if (current) await (await current).model.dispose();
    },
  };
}
