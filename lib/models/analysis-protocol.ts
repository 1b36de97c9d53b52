import type { ConversationMood, MessageMood } from '../analysis/types';
import type { SerializedError } from '../errors';
import type { Conversation } from '../sites/types';
import type { Intent } from './types';

/** Which model and backend produced a result, for the panel to say so. */
export interface ModelInfo {
  id: string;
  backend: 'webgpu' | 'wasm' | 'cpu';
  /** Why the bundled model is used instead of the one chosen in settings, when it fell back. */
  fallbackReason?: string;
}

/** What the analysis host returns for a conversation. */
export interface AnalysisResult {
  mood: ConversationMood;
  /** What the customer wants, from their latest messages, highest first. */
  intents: { intent: Intent; p: number }[];
  model: ModelInfo;
}

export interface InitOptions {
  /** URL of the folder holding the bundled model folders (`…/models/`). */
  modelBase: string;
  /** ONNX Runtime's wasm files inside the extension (never a CDN). */
  wasm: { mjs: string; wasm: string };
}

/** Requests from the page that owns the worker to the inference worker. */
export type WorkerRequest =
  | { type: 'init'; options: InitOptions }
  | { type: 'analyze'; id: number; conversation: Conversation }
  | { type: 'analyze-text'; id: number; text: string }
  | { type: 'cancel'; id: number };

/** Answers from the inference worker. */
export type WorkerResponse =
  | { type: 'analyzed'; id: number; result: AnalysisResult }
  | { type: 'analyzed-text'; id: number; mood: MessageMood }
  | { type: 'failed'; id: number; error: SerializedError };
