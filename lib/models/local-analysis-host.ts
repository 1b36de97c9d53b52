/**
 * Firefox: the background page owns the inference worker itself (there is no offscreen document). Only the background
 * imports this module; Chrome builds resolve it to `local-analysis-host.chrome.ts` (see wxt.config.ts), so neither the
 * Chrome background nor any panel bundles a second copy of the worker.
 */
import type { MessageMood } from '../analysis/types';
import type { Conversation } from '../sites/types';
import type { AnalysisHost } from './analysis-host';
import { readMoodSelection } from './analysis-host-client';
import type { AnalysisResult, MoodModelState } from './analysis-protocol';
import type { MoodModelSelection } from './hub-models';
import { warmUpConversation } from './warm-up';

let localHost: Promise<AnalysisHost> | null = null;

/** The host, created on first use: the background's start-up warm-up (`warmUpLocally`), or a first request. */
function getLocalHost(): Promise<AnalysisHost> {
  localHost ??= import('./analysis-host').then(async (module) => {
    const host = module.createExtensionAnalysisHost();
    host.selectMoodModel(await readMoodSelection());
    return host;
  });
  return localHost;
}

/** Analyses a conversation in the background's own worker; `onPartial` as in `analyzeConversation`. */
export async function analyzeConversationLocally(
  conversation: Conversation,
  onPartial?: (result: AnalysisResult) => void,
): Promise<AnalysisResult> {
  return (await getLocalHost()).analyze(conversation, onPartial);
}

/**
 * Starts the worker and runs the whole path once, so the agent's first conversation does not wait for the model to
 * load (headless Firefox: the first mood took 2.2–2.6 s when the model loaded for it).
 */
export async function warmUpLocally(): Promise<void> {
  await analyzeConversationLocally(warmUpConversation);
}

/** Mood of a draft (tone check), asked by a panel. */
export async function analyzeDraftLocally(text: string): Promise<MessageMood> {
  return (await getLocalHost()).analyzeText(text);
}

/** The mood-model requests of the settings page, answered by the host the background owns. */
export const localMoodModelHandlers = {
  selectMoodModel: async (selection: MoodModelSelection): Promise<MoodModelState> =>
    (await getLocalHost()).selectMoodModel(selection),
  getMoodModelState: async (_payload: Record<string, never>): Promise<MoodModelState> =>
    (await getLocalHost()).moodModelState(),
};
