import {
  AutoConfig,
  AutoModelForSequenceClassification,
  AutoTokenizer,
  env,
  type PreTrainedModel,
  type PreTrainedTokenizer,
  type PretrainedConfig,
} from '@huggingface/transformers';
import type { Emotion, SentimentLabel } from '../analysis/types';
import { emotions, sentimentLabels } from '../analysis/types';
import { AppError, toAppError } from '../errors';
import {
  type BundledMoodModel,
  clipText,
  createSerialQueue,
  decodeMood,
  type LoadableModel,
  planBatches,
  readMoodLayout,
  runLogits,
} from './bundled-model';
import { parseMirrorUrl } from './mirror-url';
import type { InferenceDevice } from './transformers-env';
import type { MoodModel, RawMood } from './types';

/** The setting value that means "the bundled model only". */
export const bundledSelectionId = 'bundled';

/** The Hugging Face Hub, which a self-hosted mirror replaces. */
export const defaultHubHost = 'https://huggingface.co/';

/** Which model the agent chose and where it is downloaded from (mirrors `Settings['mood']`). */
export interface MoodModelSelection {
  /** `bundled`, or a Hugging Face model id (`org/name`). */
  modelId: string;
  /** Self-hosted mirror replacing https://huggingface.co; '' for the Hub. */
  mirrorUrl: string;
}

/** The mood heads a model can provide; the bundled model fills in those a Hub model lacks. */
export type MoodHead = 'sentiment' | 'emotions' | 'offensive';

/** What a published figure measures (the model card's own metric; the UI names it in both languages). */
export type PublishedMetric = 'stars-exact-accuracy' | 'multilabel-f1';

/** The evaluation data a published figure was measured on (named in the UI in both languages). */
export type PublishedBenchmark = 'nlptown-product-reviews' | 'goemotions-test';

/**
 * An accuracy figure as the model's authors published it, on their data — never comparable with our dev figures
 * (other data, other labels, other metric). Values are fractions (0.61 for 61 %).
 */
export interface PublishedFigure {
  metric: PublishedMetric;
  benchmark: PublishedBenchmark;
  value: number;
  /** Set when the authors report the figure per language (ISO 639-1). */
  language?: string;
  /** The weights the figure was measured with, when the card says and it is not the 8-bit file we download. */
  weights?: HubDevicePlan['dtype'];
  /** The page that states the figure. */
  sourceUrl: string;
}

/** A model offered in the settings list, with what its authors and the Hub's file listing say about it. */
export interface HubModelEntry {
  id: string;
  /** Short name shown in the list. */
  name: string;
  heads: MoodHead[];
  /** Languages the model was trained on (ISO 639-1), as its model card lists them. */
  languages: string[];
  /** The model card that lists the languages and states the published figures. */
  cardUrl: string;
  /**
   * Size in bytes of each ONNX weights file transformers.js loads (q8 `model_quantized.onnx`, `model_fp16.onnx`,
   * `model.onnx`) as the Hub's file listing shows it (rounded to MB there). A dtype missing here is missing from that
   * listing: the model has no such file, so a device plan that needs it cannot load the model. The exact download is
   * still measured from the mirror before downloading (`fetchDownloadSize`).
   */
  weightsBytes: Partial<Record<HubDevicePlan['dtype'], number>>;
  /** The file listing the sizes come from. */
  sizesSource: string;
  /** Accuracy as published by the authors; empty when the card publishes none (the UI says "not published"). */
  published: readonly PublishedFigure[];
}

const mb = 1_000_000;

/**
 * Real transformers.js models on the Hub whose labels map onto our taxonomy (see `readLabelScheme`). Any other
 * sequence-classification model with one of those label sets works as a custom id. Every size and figure below is
 * copied from the page named next to it (read through a stored copy of the Hub; this repository never fetches it).
 *
 * Not listed: `oliverguhr/german-sentiment-bert` publishes F1 on several German sets (its eval_results file) and its
 * Hub page is tagged ONNX, but no listing shows an `onnx/model_quantized.onnx` in the layout transformers.js loads,
 * so it cannot be offered as a download that is known to work. A German emotion model with ONNX weights was not found.
 */
export const hubModelCatalogue: readonly HubModelEntry[] = [
  {
    id: 'Xenova/distilbert-base-multilingual-cased-sentiments-student',
    name: 'DistilBERT multilingual sentiment (positive / neutral / negative)',
    heads: ['sentiment'],
    languages: ['de', 'en', 'fr', 'es', 'it', 'pt', 'ja', 'ms', 'id', 'ar', 'hi', 'zh'],
    cardUrl: 'https://huggingface.co/lxyuan/distilbert-base-multilingual-cased-sentiments-student',
    weightsBytes: { q8: 136 * mb, fp16: 271 * mb, fp32: 541 * mb },
    sizesSource: 'https://huggingface.co/Xenova/distilbert-base-multilingual-cased-sentiments-student/tree/main/onnx',
    // The card's model-index has `results: []`: distilled from a zero-shot teacher, no accuracy is published.
    published: [],
  },
  {
    id: 'Xenova/bert-base-multilingual-uncased-sentiment',
    name: 'BERT multilingual review sentiment (1–5 stars)',
    heads: ['sentiment'],
    languages: ['de', 'en', 'fr', 'es', 'it', 'nl'],
    cardUrl: 'https://huggingface.co/nlptown/bert-base-multilingual-uncased-sentiment',
    weightsBytes: { q8: 169 * mb, fp16: 335 * mb, fp32: 670 * mb },
    sizesSource:
      'https://huggingface.co/Xenova/bert-base-multilingual-uncased-sentiment/tree/000b6c8cf8645356ae1806d777c90ac68b6a296d/onnx',
    // "Accuracy (exact)" on 5,000 held-out product reviews per language; we collapse the stars to three classes.
    published: (
      [
        ['en', 0.67],
        ['nl', 0.57],
        ['de', 0.61],
        ['fr', 0.59],
        ['it', 0.59],
        ['es', 0.58],
      ] as const
    ).map(
      ([language, value]): PublishedFigure => ({
        metric: 'stars-exact-accuracy',
        benchmark: 'nlptown-product-reviews',
        value,
        language,
        sourceUrl: 'https://huggingface.co/nlptown/bert-base-multilingual-uncased-sentiment',
      }),
    ),
  },
  {
    id: 'SamLowe/roberta-base-go_emotions-onnx',
    name: 'RoBERTa GoEmotions (28 emotions, English)',
    heads: ['emotions'],
    languages: ['en'],
    cardUrl: 'https://huggingface.co/SamLowe/roberta-base-go_emotions-onnx',
    // The listing has no model_fp16.onnx.
    weightsBytes: { q8: 125 * mb, fp32: 499 * mb },
    sizesSource: 'https://huggingface.co/SamLowe/roberta-base-go_emotions-onnx/tree/main/onnx',
    // Multi-label F1 over the 28 labels at a 0.5 threshold, GoEmotions test split, full-precision ONNX; the card says
    // the 8-bit file "delivers almost all of the accuracy" without a figure of its own here.
    published: [
      {
        metric: 'multilabel-f1',
        benchmark: 'goemotions-test',
        value: 0.45,
        weights: 'fp32',
        sourceUrl: 'https://huggingface.co/SamLowe/roberta-base-go_emotions-onnx',
      },
    ],
  },
];

/** Where a Hub model runs here, with which weights, and why. */
export interface HubDevicePlan {
  device: InferenceDevice;
  /** transformers.js dtype: picks `onnx/model_quantized.onnx` (q8), `model_fp16.onnx` or `model.onnx` (fp32). */
  dtype: 'q8' | 'fp16' | 'fp32';
  /**
   * `webgpu-gpu`: a hardware adapter is there, and large models run faster on it than on WASM.
   * `no-webgpu`: no adapter. `software-gpu`: only a software adapter (SwiftShader), slower than WASM.
   * `node`: scripts and tests (ONNX Runtime's CPU build).
   */
  reason: 'webgpu-gpu' | 'no-webgpu' | 'software-gpu' | 'node';
}

/** Whether `id` is a Hub-style model id (`org/name`): the only form a mirror can serve. */
/** Whether two selections name the same model from the same place (mirror URLs compared without spaces). */
export function isSameSelection(a: MoodModelSelection, b: MoodModelSelection): boolean {
  return a.modelId === b.modelId && a.mirrorUrl.trim() === b.mirrorUrl.trim();
}

export function isHubModelId(id: string): boolean {
  return /^[\w.-]+\/[\w.-]+$/.test(id) && !id.includes('..');
}

/**
 * The mirror's base URL with a trailing slash (the Hub for ''); throws `model/bad-mirror` unless it is https (plain
 * http only for localhost and 127.0.0.1) without credentials.
 */
export function normaliseMirrorUrl(mirrorUrl: string): string {
  const trimmed = mirrorUrl.trim();
  if (!trimmed) return defaultHubHost;
  const url = parseMirrorUrl(trimmed);
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/** The URL of one file of a model on the Hub or mirror (transformers.js's `{model}/resolve/{revision}/` layout). */
export function hubFileUrl(mirrorUrl: string, modelId: string, file: string): string {
  return `${normaliseMirrorUrl(mirrorUrl)}${modelId}/resolve/main/${file}`;
}

/** The ONNX file transformers.js loads for a dtype. */
export function onnxFileFor(dtype: HubDevicePlan['dtype']): string {
  if (dtype === 'q8') return 'onnx/model_quantized.onnx';
  if (dtype === 'fp16') return 'onnx/model_fp16.onnx';
  return 'onnx/model.onnx';
}

/** The files a sequence-classification model downloads: config, tokenizer and the ONNX graph for the plan's dtype. */
export function hubModelFiles(plan: Pick<HubDevicePlan, 'dtype'>): string[] {
  return ['config.json', 'tokenizer.json', 'tokenizer_config.json', onnxFileFor(plan.dtype)];
}

/** The weights a device gets: 8-bit on WASM and CPU (4× smaller, faster there); float on WebGPU, which has no int8 kernels. */
export function dtypeFor(device: InferenceDevice, hasShaderF16: boolean): HubDevicePlan['dtype'] {
  if (device !== 'webgpu') return 'q8';
  return hasShaderF16 ? 'fp16' : 'fp32';
}

/** The parts of a WebGPU adapter the plan reads; structural so tests pass stubs. */
export interface GpuLike {
  requestAdapter(): Promise<unknown>;
}

/** The WebGPU entry point of a `navigator` (window or worker), when it has one. */
export function readNavigatorGpu(nav: unknown): GpuLike | undefined {
  const gpu = readField(nav, 'gpu');
  const requestAdapter = readField(gpu, 'requestAdapter');
  if (typeof requestAdapter !== 'function') return undefined;
  return { requestAdapter: () => Promise.resolve<unknown>(Reflect.apply(requestAdapter, gpu, [])) };
}

function readField(target: unknown, key: string): unknown {
  return typeof target === 'object' && target !== null ? Reflect.get(target, key) : undefined;
}

/**
 * Decides where a Hub model runs. Large Hub models (100 MB+) run faster on a hardware GPU than on single-threaded
 * WASM; a software adapter (SwiftShader, `isFallbackAdapter`) is slower than WASM, so it is not used. Never throws.
 */
export async function planHubDevice(gpu: GpuLike | undefined): Promise<HubDevicePlan> {
  if (!gpu) return { device: 'wasm', dtype: 'q8', reason: 'no-webgpu' };
  let adapter: unknown;
  try {
    adapter = await gpu.requestAdapter();
  } catch {
    // A refused adapter is the same as none for this decision.
    adapter = null;
  }
  if (typeof adapter !== 'object' || adapter === null) return { device: 'wasm', dtype: 'q8', reason: 'no-webgpu' };
  const info = readField(adapter, 'info');
  const architecture = String(readField(info, 'architecture') ?? '').toLowerCase();
  const vendor = String(readField(info, 'vendor') ?? '').toLowerCase();
  const isSoftware =
    readField(adapter, 'isFallbackAdapter') === true ||
    readField(info, 'isFallbackAdapter') === true ||
    architecture.includes('swiftshader') ||
    vendor.includes('swiftshader');
  if (isSoftware) return { device: 'wasm', dtype: 'q8', reason: 'software-gpu' };
  const features = readField(adapter, 'features');
  const has = readField(features, 'has');
  const hasF16 = typeof has === 'function' && Reflect.apply(has, features, ['shader-f16']) === true;
  return { device: 'webgpu', dtype: dtypeFor('webgpu', hasF16), reason: 'webgpu-gpu' };
}

/** Bytes as a person reads them (kB, MB with one decimal below 10 MB). */
export function formatBytes(bytes: number): string {
  if (bytes < 1_000_000) return `${Math.max(1, Math.round(bytes / 1000))} kB`;
  const mb = bytes / 1_000_000;
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/** The download size of a model before downloading, file by file. */
export interface DownloadSize {
  totalBytes: number;
  files: { file: string; url: string; bytes: number }[];
}

/**
 * Measures a model's download with HEAD requests to the mirror (`content-length`; the Hub's `x-linked-size` when a
 * redirect hides it). A missing file is `model/not-found`, any other failure `model/download-failed`, both naming the URL.
 */
export async function fetchDownloadSize(
  selection: MoodModelSelection,
  plan: Pick<HubDevicePlan, 'dtype'>,
  fetchImpl: typeof fetch = fetch,
  signal?: AbortSignal,
): Promise<DownloadSize> {
  if (!isHubModelId(selection.modelId)) {
    throw new AppError('model/bad-id', `"${selection.modelId}" is not a model id of the form organisation/name.`);
  }
  const files = await Promise.all(
    hubModelFiles(plan).map(async (file) => {
      const url = hubFileUrl(selection.mirrorUrl, selection.modelId, file);
      let response: Response;
      try {
        response = await fetchImpl(url, { method: 'HEAD', signal: signal ?? null, cache: 'no-store' });
      } catch (error) {
        throw new AppError(
          'model/download-failed',
          `Could not reach ${url}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      if (response.status === 404) {
        throw new AppError('model/not-found', `${selection.modelId} has no ${file} at ${url} (HTTP 404).`);
      }
      if (!response.ok) {
        throw new AppError('model/download-failed', `${url} answered HTTP ${response.status}.`);
      }
      const size = response.headers.get('x-linked-size') ?? response.headers.get('content-length');
      const bytes = size ? Number.parseInt(size, 10) : 0;
      return { file, url, bytes: Number.isFinite(bytes) ? bytes : 0 };
    }),
  );
  return { totalBytes: files.reduce((sum, f) => sum + f.bytes, 0), files };
}

/** GoEmotions labels grouped onto our support taxonomy (../shared/data/README.md). */
export const goEmotionsMap: Readonly<Record<Emotion, readonly string[]>> = {
  angry: ['anger', 'disgust'],
  frustrated: ['annoyance', 'disapproval'],
  sad: ['sadness', 'disappointment', 'grief', 'remorse', 'embarrassment'],
  anxious: ['fear', 'nervousness'],
  confused: ['confusion'],
  grateful: ['gratitude'],
  happy: ['joy', 'amusement', 'excitement', 'love', 'admiration', 'approval', 'optimism', 'relief', 'pride', 'caring'],
  neutral: ['neutral'],
};

/** What a Hub model says about one text: only the heads it has. */
export type PartialMood = Partial<RawMood>;

/** How a model's labels are read. */
export interface LabelScheme {
  kind: 'rapport' | 'sentiment' | 'stars' | 'goemotions';
  heads: MoodHead[];
  /** Decodes one row of logits (`outputs` values per row). */
  decode(logits: ArrayLike<number>, row: number, outputs: number): PartialMood;
}

function labelIndex(id2label: Record<string, string>): Map<string, number> {
  const index = new Map<string, number>();
  for (const [k, v] of Object.entries(id2label)) index.set(v.trim().toLowerCase(), Number(k));
  return index;
}

function at(logits: ArrayLike<number>, i: number): number {
  const v = logits[i];
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

function softmax(values: number[]): number[] {
  const max = Math.max(...values);
  const exps = values.map((v) => Math.exp(v - max));
  const z = exps.reduce((a, b) => a + b, 0) || 1;
  return exps.map((e) => e / z);
}

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value as Record<string, unknown>).every((v) => typeof v === 'string')
  );
}

/**
 * Recognises a model's label set from its config's `id2label` and maps it onto our taxonomy:
 * Rapport's own `head:label` layout (every head); three-class sentiment (`negative/neutral/positive`, any case);
 * review stars (`1 star` … `5 stars`: 1–2 negative, 3 neutral, 4–5 positive); GoEmotions (28 labels, sigmoid, each
 * support emotion the highest of its GoEmotions labels). Anything else is `model/unsupported-labels`.
 */
export function readLabelScheme(id2label: unknown, modelId = 'The model'): LabelScheme {
  if (!isStringRecord(id2label) || Object.keys(id2label).length === 0) {
    throw new AppError('model/bad-config', `${modelId} has no id2label map in its config.json.`);
  }
  const labels = Object.values(id2label);
  if (labels.every((l) => l.includes(':'))) {
    const layout = readMoodLayout(id2label);
    return {
      kind: 'rapport',
      heads: ['sentiment', 'emotions', 'offensive'],
      decode: (logits, row, outputs) => decodeMood(logits, row, { ...layout, outputs }),
    };
  }
  const index = labelIndex(id2label);
  if (sentimentLabels.every((l) => index.has(l)) && index.size === sentimentLabels.length) {
    return {
      kind: 'sentiment',
      heads: ['sentiment'],
      decode(logits, row, outputs) {
        const p = softmax(sentimentLabels.map((l) => at(logits, row * outputs + (index.get(l) ?? 0))));
        const sentiment = {} as Record<SentimentLabel, number>;
        sentimentLabels.forEach((l, i) => {
          sentiment[l] = p[i] ?? 0;
        });
        return { sentiment };
      },
    };
  }
  const stars = [1, 2, 3, 4, 5].map((n) => index.get(`${n} star`) ?? index.get(`${n} stars`));
  if (stars.every((i) => i !== undefined) && index.size === 5) {
    return {
      kind: 'stars',
      heads: ['sentiment'],
      decode(logits, row, outputs) {
        const p = softmax(stars.map((i) => at(logits, row * outputs + (i ?? 0))));
        const [s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0] = p;
        return { sentiment: { negative: s1 + s2, neutral: s3, positive: s4 + s5 } };
      },
    };
  }
  const goLabels = Object.values(goEmotionsMap).flat();
  if (goLabels.filter((l) => index.has(l)).length >= 20) {
    return {
      kind: 'goemotions',
      heads: ['emotions'],
      decode(logits, row, outputs) {
        const emotion = {} as Record<Emotion, number>;
        for (const e of emotions) {
          const ps = goEmotionsMap[e]
            .map((l) => index.get(l))
            .filter((i): i is number => i !== undefined)
            .map((i) => sigmoid(at(logits, row * outputs + i)));
          emotion[e] = ps.length ? Math.max(...ps) : 0;
        }
        return { emotions: emotion };
      },
    };
  }
  throw new AppError(
    'model/unsupported-labels',
    `${modelId}'s labels (${labels.slice(0, 8).join(', ')}${labels.length > 8 ? ', …' : ''}) do not map onto sentiment or the support emotions. Supported: negative/neutral/positive, 1–5 stars, GoEmotions.`,
  );
}

/** Progress of a download across all of a model's files. */
export interface DownloadProgress {
  loadedBytes: number;
  totalBytes: number;
  /** 0…1 */
  progress: number;
}

/**
 * Sums transformers.js `progress_callback` events (`{ status: 'progress', file, loaded, total }`) over files.
 * Returns the callback to pass and nothing else: the aggregate goes to `onProgress`.
 */
export function createProgressAggregator(onProgress: (progress: DownloadProgress) => void): (event: unknown) => void {
  const files = new Map<string, { loaded: number; total: number }>();
  return (event) => {
    const status = readField(event, 'status');
    const file = readField(event, 'file');
    if (typeof file !== 'string') return;
    if (status === 'progress') {
      const loaded = Number(readField(event, 'loaded'));
      const total = Number(readField(event, 'total'));
      files.set(file, {
        loaded: Number.isFinite(loaded) ? loaded : 0,
        total: Number.isFinite(total) ? total : 0,
      });
    } else if (status === 'done') {
      const current = files.get(file);
      if (current) files.set(file, { loaded: current.total || current.loaded, total: current.total });
    } else {
      return;
    }
    let loadedBytes = 0;
    let totalBytes = 0;
    for (const f of files.values()) {
      loadedBytes += f.loaded;
      totalBytes += Math.max(f.total, f.loaded);
    }
    onProgress({ loadedBytes, totalBytes, progress: totalBytes > 0 ? Math.min(1, loadedBytes / totalBytes) : 0 });
  };
}

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
  const enqueue = createSerialQueue();
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
      return enqueue(async () => {
        signal?.throwIfAborted();
        const { tokenizer, model, scheme } = await ensureLoaded();
        const results = new Array<PartialMood>(texts.length);
        for (const batch of planBatches(texts, batchSize)) {
          signal?.throwIfAborted();
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
      });
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

const neutralMood: RawMood = {
  sentiment: { negative: 0, neutral: 1, positive: 0 },
  emotions: { angry: 0, frustrated: 0, sad: 0, anxious: 0, confused: 0, grateful: 0, happy: 0, neutral: 1 },
  offensive: 0,
};

/** Each head from `primary` when it has it, else from `base`. */
export function mergeMood(primary: PartialMood | undefined, base: RawMood | undefined): RawMood {
  const b = base ?? neutralMood;
  return {
    sentiment: primary?.sentiment ?? b.sentiment,
    emotions: primary?.emotions ?? b.emotions,
    offensive: primary?.offensive ?? b.offensive,
  };
}
