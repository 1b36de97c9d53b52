/**
 * Firefox's mood engine: the background page owns the inference worker itself (Firefox has no offscreen documents).
 * Only `createMoodEngine` imports this module, on demand, so Chrome builds carry no second copy of the worker.
 */
import { type AnalysisHost, createExtensionAnalysisHost } from './analysis-host';
import type { MoodModelSelection } from './hub-catalogue';
import type { MoodEngine } from './mood-engine';
import { warmUpConversation } from './warm-up';

/**
 * The engine on a host this context owns, created on first use (the background's start-up warm-up, or a first
 * request) and told the stored model choice before it answers anything.
 */
export function createLocalMoodEngine(
  readSelection: () => Promise<MoodModelSelection>,
  createHost: () => AnalysisHost = createExtensionAnalysisHost,
): MoodEngine {
  let host: Promise<AnalysisHost> | null = null;
  let warm: Promise<void> | null = null;
  const getHost = (): Promise<AnalysisHost> => {
    host ??= (async () => {
      // The worker starts loading while the choice is read from storage.
      const created = createHost();
      created.selectMoodModel(await readSelection(), { restore: true });
      return created;
    })();
    return host;
  };
  const engine: MoodEngine = {
    analyze: async (conversation, onPartial) => (await getHost()).analyze(conversation, onPartial),
    analyzeText: async (text) => (await getHost()).analyzeText(text),
    selectMoodModel: async (selection) => (await getHost()).selectMoodModel(selection),
    moodModelState: async () => (await getHost()).moodModelState(),
    /**
     * Starts the worker and runs the whole path once, so the agent's first conversation does not wait for the model
     * to load (headless Firefox: the first mood took 2.2–2.6 s when the model loaded for it). The worker lives as
     * long as this background page, so once is enough.
     */
    warmUp() {
      warm ??= engine
        .analyze(warmUpConversation)
        .then(() => undefined)
        .catch((error: unknown) => {
          // Tried again by the next warm-up; the first analysis reports the error to the panel.
          warm = null;
          throw error;
        });
      return warm;
    },
  };
  return engine;
}
