import type { ConversationMood, MessageMood } from '../analysis/types';
import type { SerializedError } from '../errors';
import type { Conversation } from '../sites/types';
import type { MoodModelSelection } from './hub-catalogue';
import type { HubDevicePlan } from './hub-device';
import type { Intent, ModelStatus } from './types';

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

/**
 * The mood model the analysis host serves, as the settings page renders it: what was chosen, how far its download
 * or load is, where a Hub model runs here and why, and why the bundled model is used instead when it fell back.
 */
export interface MoodModelState {
  selection: MoodModelSelection;
  status: ModelStatus;
  /** Where a Hub model runs in this browser (decided once per worker). */
  plan: HubDevicePlan;
  /** Set when the chosen Hub model failed and the bundled model answers instead. */
  fallbackReason?: string;
}

/** Requests from the page that owns the worker to the inference worker. */
export type WorkerRequest =
  | { type: 'init'; options: InitOptions }
  | { type: 'analyze'; id: number; conversation: Conversation }
  | { type: 'analyze-text'; id: number; text: string }
  | { type: 'cancel'; id: number }
  /** Switches the mood model (bundled or a Hub model); answered by `model-state` messages as it downloads and loads. */
  | { type: 'select-model'; selection: MoodModelSelection };

/** Answers from the inference worker. */
export type WorkerResponse =
  | { type: 'analyzed'; id: number; result: AnalysisResult }
  /**
   * The mood of every message before the slower occlusion evidence (word cues only): sent once per analysis, when
   * there is evidence left to compute, so the panel shows a mood at once. `analyzed` follows with the full result.
   */
  | { type: 'partial'; id: number; result: AnalysisResult }
  | { type: 'analyzed-text'; id: number; mood: MessageMood }
  | { type: 'failed'; id: number; error: SerializedError }
  | { type: 'model-state'; state: MoodModelState };
