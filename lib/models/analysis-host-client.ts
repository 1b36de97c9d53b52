import { browser } from 'wxt/browser';
import type { MessageMood } from '../analysis/types';
import { sendToExtension } from '../messaging';
import { getSettings } from '../settings';
import type { Conversation } from '../sites/types';
import type { AnalysisResult, MoodModelState } from './analysis-protocol';
import type { MoodModelSelection } from './hub-models';
import { warmUpConversation } from './warm-up';

let creating: Promise<void> | null = null;

/**
 * Makes sure the page that owns the inference worker exists. Chrome: an offscreen document (the service worker
 * cannot own a long-lived worker or WebGPU). Firefox: the background page owns it, so nothing is needed.
 * One host serves every tab, so the model is loaded once.
 */
export async function ensureAnalysisHost(): Promise<void> {
  if (import.meta.env.FIREFOX) return;
  const url = browser.runtime.getURL('/offscreen.html');
  const exists = async () =>
    (await browser.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] })).length > 0;
  if (await exists()) return;
  creating ??= browser.offscreen
    .createDocument({
      url: 'offscreen.html',
      reasons: ['WORKERS'],
      justification: 'Runs the on-device mood model in a worker shared by every tab.',
    })
    .finally(() => {
      creating = null;
    });
  try {
    await creating;
  } catch (error) {
    // Another extension page (or the background) created it between our check and our call: that is fine.
    if (await exists()) return;
    throw error;
  }
  // A fresh offscreen document starts on the bundled model; it cannot read storage itself, so it is told the choice.
  await sendToExtension('selectMoodModel', { ...(await readMoodSelection()), restore: true });
}

/** The mood model chosen in settings. */
export async function readMoodSelection(): Promise<MoodModelSelection> {
  const { mood } = await getSettings();
  return { modelId: mood.modelId, mirrorUrl: mood.mirrorUrl };
}

/** Early-result listeners of the analyses this context is waiting for, by progress token. */
const progressListeners = new Map<string, (result: AnalysisResult) => void>();

/**
 * Analyses a conversation in the one shared analysis host. `onPartial` gets the moods as soon as every message is
 * classified, before the slower occlusion evidence (at most once; not at all when nothing is left to compute).
 */
export async function analyzeConversation(
  conversation: Conversation,
  onPartial?: (result: AnalysisResult) => void,
): Promise<AnalysisResult> {
  await ensureAnalysisHost();
  if (!onPartial) return sendToExtension('analyzeConversation', { conversation });
  const progressToken = crypto.randomUUID();
  progressListeners.set(progressToken, onPartial);
  try {
    return await sendToExtension('analyzeConversation', { conversation, progressToken });
  } finally {
    progressListeners.delete(progressToken);
  }
}

/**
 * Chrome background, at start-up: creates the analysis host and sends it one small conversation through the whole
 * path (messaging, worker, early result), so the agent's first conversation finds everything warm. Measured in
 * headless Chromium: the first mood after a cold start took ~0.2 s longer than the next one without this.
 */
export async function warmUpAnalysisHost(): Promise<void> {
  await analyzeConversation(warmUpConversation, () => undefined);
}

/** Chrome background: the offscreen host's early result of an analysis asked for with `analyzeConversation`. */
export function receiveAnalysisProgress(progressToken: string, result: AnalysisResult): void {
  const listener = progressListeners.get(progressToken);
  // Once: a late or repeated report (or one for a request already answered) changes nothing.
  progressListeners.delete(progressToken);
  listener?.(result);
}

/** Mood of a draft (tone check), asked from a panel or options page. */
export async function analyzeDraftText(text: string): Promise<MessageMood> {
  await ensureAnalysisHost();
  return sendToExtension('analyzeDraft', { text });
}

/** Switches every tab's mood model (settings page); the download goes on in the analysis host. */
export async function selectMoodModel(selection: MoodModelSelection): Promise<MoodModelState> {
  await ensureAnalysisHost();
  return sendToExtension('selectMoodModel', selection);
}

/** The mood model's download, load and fallback state, from the analysis host. */
export async function getMoodModelState(): Promise<MoodModelState> {
  await ensureAnalysisHost();
  return sendToExtension('getMoodModelState', {});
}
