import {
  AutoModelForSequenceClassification,
  AutoTokenizer,
  TextClassificationPipeline,
} from '@huggingface/transformers';
import { toAppError } from '../errors';
import { type BundledModelOptions, bundledMoodModelId, clipText, type LoadableModel } from './bundled-model';
import { createJobQueue } from './job-queue';
import { configureTransformersForBundled, type InferenceDevice } from './transformers-env';
import type { Intent, IntentModel } from './types';

/** Folder name of the bundled intent model under the model base. */
export const bundledIntentModelId = 'rapport-intent';

/**
 * The labels the intent model predicts — Bitext's 27 e-commerce intents plus three authored ones Bitext lacks —
 * mapped to the `Intent` union templates are tagged with.
 */
export const intentByModelLabel = {
  cancel_order: 'cancellation',
  change_order: 'order-change',
  change_shipping_address: 'shipping-address',
  check_cancellation_fee: 'cancellation',
  check_invoice: 'invoice',
  check_payment_methods: 'payment',
  check_refund_policy: 'refund',
  complaint: 'complaint',
  contact_customer_service: 'contact',
  contact_human_agent: 'contact',
  create_account: 'account',
  delete_account: 'account',
  delivery_options: 'other',
  delivery_period: 'delivery-delay',
  edit_account: 'account',
  get_invoice: 'invoice',
  get_refund: 'refund',
  newsletter_subscription: 'other',
  payment_issue: 'payment',
  place_order: 'other',
  recover_password: 'account',
  registration_problems: 'account',
  review: 'other',
  set_up_shipping_address: 'shipping-address',
  switch_account: 'account',
  track_order: 'tracking',
  track_refund: 'refund',
  damaged_or_wrong_item: 'damaged-or-wrong-item',
  return_item: 'return',
  thank_you: 'thank-you',
} as const satisfies Record<string, Intent>;

export type ModelIntentLabel = keyof typeof intentByModelLabel;

/** The 27 Bitext labels (what `npm run eval -- --task intent` scores against). */
export const bitextIntentLabels = Object.keys(intentByModelLabel).filter(
  (l) => !['damaged_or_wrong_item', 'return_item', 'thank_you'].includes(l),
) as ModelIntentLabel[];

function isModelIntentLabel(label: string): label is ModelIntentLabel {
  return Object.hasOwn(intentByModelLabel, label);
}

/** Sums raw label probabilities into `Intent` probabilities, highest first. */
export function toIntentScores(raw: Record<string, number>): { intent: Intent; p: number }[] {
  const sums = new Map<Intent, number>();
  for (const [label, p] of Object.entries(raw)) {
    const intent: Intent = isModelIntentLabel(label) ? intentByModelLabel[label] : 'other';
    sums.set(intent, (sums.get(intent) ?? 0) + p);
  }
  return [...sums.entries()].map(([intent, p]) => ({ intent, p })).sort((a, b) => b.p - a.p);
}

export interface BundledIntentModel extends IntentModel, LoadableModel {
  /** Probabilities over the model's own labels (Bitext names), one record per text; for evaluation. */
  classifyRaw(texts: string[], signal?: AbortSignal): Promise<Record<string, number>[]>;
}

function readScores(output: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (!Array.isArray(output)) return out;
  for (const item of output) {
    if (typeof item !== 'object' || item === null) continue;
    const { label, score } = item as { label?: unknown; score?: unknown };
    if (typeof label === 'string' && typeof score === 'number') out[label] = score;
  }
  return out;
}

/**
 * The bundled intent classifier, run through transformers.js's `text-classification` pipeline like any Hub model.
 * Loads lazily, queues calls, accepts any string.
 */
export function createBundledIntentModel(opts: BundledModelOptions = {}): BundledIntentModel {
  const modelId = opts.modelId ?? bundledIntentModelId;
  // One ONNX session must not run two inferences at once.
  const queue = createJobQueue();
  let loading: Promise<{ classifier: TextClassificationPipeline; device: InferenceDevice }> | undefined;

  const ensureLoaded = () => {
    loading ??= (async () => {
      const { device } = await configureTransformersForBundled(opts);
      try {
        // The intent model is trained on the mood model's vocabulary (scripts/train): one tokenizer ships, in the
        // mood model's folder, instead of the same 0.5 MB twice. The pipeline is assembled as `pipeline()` would.
        const [tokenizer, model] = await Promise.all([
          AutoTokenizer.from_pretrained(bundledMoodModelId, { local_files_only: true }),
          AutoModelForSequenceClassification.from_pretrained(modelId, {
            local_files_only: true,
            dtype: 'fp32',
            device,
          }),
        ]);
        const classifier = new TextClassificationPipeline({ task: 'text-classification', model, tokenizer });
        return { classifier, device };
      } catch (error) {
        throw toAppError(error, 'model/load-failed');
      }
    })();
    loading.catch(() => {
      loading = undefined;
    });
    return loading;
  };

  const classifyRaw = (texts: string[], signal?: AbortSignal) =>
    queue.run(
      async (jobSignal) => {
        const { classifier } = await ensureLoaded();
        const results: Record<string, number>[] = [];
        for (const text of texts) {
          jobSignal.throwIfAborted();
          // top_k null: every label with its probability, not just the best one.
          const output: unknown = await classifier(clipText(text), { top_k: null });
          results.push(readScores(output));
        }
        return results;
      },
      signal ? { signal } : {},
    );

  return {
    id: modelId,
    async load() {
      return (await ensureLoaded()).device;
    },
    classifyRaw,
    async classify(text, signal) {
      const [raw] = await classifyRaw([text], signal);
      return toIntentScores(raw ?? {});
    },
    async dispose() {
      const current = loading;
      loading = undefined;
      if (current) await (await current).classifier.dispose();
    },
  };
}
