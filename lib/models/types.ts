import type { Emotion, SentimentLabel } from '../analysis/types';

/** A model's lifecycle as the UI renders it. */
export type ModelStatus =
  | { state: 'idle' }
  | { state: 'downloading'; progress: number; loadedBytes: number; totalBytes: number }
  | { state: 'loading' }
  | { state: 'ready'; backend: 'webgpu' | 'wasm'; modelId: string }
  | { state: 'error'; code: string; reason: string };

/** What the mood model outputs for one text, before the analysis layer adds urgency, evidence and aggregation. */
export interface RawMood {
  sentiment: Record<SentimentLabel, number>;
  /** Independent probabilities (multi-label). */
  emotions: Record<Emotion, number>;
  /** Probability that the text is offensive or abusive. */
  offensive: number;
}

/**
 * The classifier behind the mood engine. The bundled model and opt-in Hub models implement it;
 * tests use fakes. Implementations must accept any string (empty, huge, emoji-only) without throwing.
 */
export interface MoodModel {
  readonly id: string;
  /** Maximum number of tokens one text is read with; longer texts are truncated by the caller's chunking. */
  readonly maxTokens: number;
  classify(texts: string[], signal?: AbortSignal): Promise<RawMood[]>;
}

/** E-commerce intents templates are tagged with and the intent classifier predicts, in the order editors list them. */
export const intents = [
  'refund',
  'delivery-delay',
  'tracking',
  'invoice',
  'cancellation',
  'complaint',
  'damaged-or-wrong-item',
  'return',
  'payment',
  'account',
  'order-change',
  'shipping-address',
  'contact',
  'thank-you',
  'other',
] as const;

export type Intent = (typeof intents)[number];

export interface IntentModel {
  readonly id: string;
  /** Probabilities over intents, highest first. */
  classify(text: string, signal?: AbortSignal): Promise<{ intent: Intent; p: number }[]>;
}
