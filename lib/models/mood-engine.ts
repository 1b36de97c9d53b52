/**
 * Where the mood comes from: one `MoodEngine` interface wherever the inference worker runs (as web-llm has one engine
 * interface for every place its engine runs), and the one place that picks the implementation for this browser.
 *
 * - Chrome: the service worker cannot own a long-lived worker, so an offscreen document owns it and the background
 *   talks to it over a named port (`mood-engine-offscreen.ts`, `mood-engine-port.ts`).
 * - Firefox has no offscreen documents: its background page owns the worker itself (`mood-engine-local.ts`).
 *
 * Both sit on the same `AnalysisHost` (`analysis-host.ts`), which owns the worker and keeps the agent's explicit
 * model choice from being undone by the stored choice replayed to a fresh host.
 */
import type { MessageMood } from '../analysis/types';
import { getSettings } from '../settings';
import type { Conversation } from '../sites/types';
import type { AnalysisResult, MoodModelState } from './analysis-protocol';
import type { MoodModelSelection } from './hub-catalogue';
import { createOffscreenMoodEngine } from './mood-engine-offscreen';

/** The mood engine as the background uses it: every call answers from the one worker that serves every tab. */
export interface MoodEngine {
  /**
   * Analyses a conversation. `onPartial` gets the moods as soon as every message is classified, before the slower
   * occlusion evidence (at most once; not at all when nothing is left to compute). A newer analysis of the same
   * conversation cancels the older one.
   */
  analyze(conversation: Conversation, onPartial?: (result: AnalysisResult) => void): Promise<AnalysisResult>;
  /** Mood of a piece of text (the agent's draft, for the tone check); no evidence. */
  analyzeText(text: string): Promise<MessageMood>;
  /** Switches every tab's mood model; answers at once, the download and load go on in the worker. */
  selectMoodModel(selection: MoodModelSelection): Promise<MoodModelState>;
  /** The mood model's download, load and fallback state. */
  moodModelState(): Promise<MoodModelState>;
  /**
   * Starts the worker and sends one small conversation through the whole path, so the agent's first conversation
   * does not pay for a cold start. Cheap when the path is already warm.
   */
  warmUp(): Promise<void>;
}

/** The mood model chosen in settings, replayed to every fresh analysis host. */
export async function readMoodSelection(): Promise<MoodModelSelection> {
  const { mood } = await getSettings();
  return { modelId: mood.modelId, mirrorUrl: mood.mirrorUrl };
}

/** An engine whose implementation is loaded on first use; every call waits for it. */
export function deferMoodEngine(load: () => Promise<MoodEngine>): MoodEngine {
  let loading: Promise<MoodEngine> | null = null;
  const engine = (): Promise<MoodEngine> => {
    loading ??= load().catch((error: unknown) => {
      // A failed load (a chunk that could not be read) is tried again by the next call.
      loading = null;
      throw error;
    });
    return loading;
  };
  return {
    analyze: async (conversation, onPartial) => (await engine()).analyze(conversation, onPartial),
    analyzeText: async (text) => (await engine()).analyzeText(text),
    selectMoodModel: async (selection) => (await engine()).selectMoodModel(selection),
    moodModelState: async () => (await engine()).moodModelState(),
    warmUp: async () => (await engine()).warmUp(),
  };
}

/**
 * The mood engine for this browser, chosen once (call it once, in the background). Firefox's local engine is
 * imported on demand: Chrome builds drop that branch, so the Chrome background carries no second copy of the worker.
 */
export function createMoodEngine(): MoodEngine {
  if (import.meta.env.FIREFOX) {
    return deferMoodEngine(async () => (await import('./mood-engine-local')).createLocalMoodEngine(readMoodSelection));
  }
  return createOffscreenMoodEngine(readMoodSelection);
}
