import type { HubDevicePlan } from './hub-device';

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

/** Whether two selections name the same model from the same place (mirror URLs compared without spaces). */
export function isSameSelection(a: MoodModelSelection, b: MoodModelSelection): boolean {
  return a.modelId === b.modelId && a.mirrorUrl.trim() === b.mirrorUrl.trim();
}

/** Whether `id` is a Hub-style model id (`org/name`): the only form a mirror can serve. */
export function isHubModelId(id: string): boolean {
  return /^[\w.-]+\/[\w.-]+$/.test(id) && !id.includes('..');
}
