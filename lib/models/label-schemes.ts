import type { Emotion, SentimentLabel } from '../analysis/types';
import { emotions, sentimentLabels } from '../analysis/types';
import { AppError } from '../errors';
import { decodeMood, readMoodLayout } from './bundled-model';
import type { MoodHead } from './hub-catalogue';
import type { RawMood } from './types';

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
