/**
 * The mood engine as panels and the settings page reach it: through the background, which routes each request to
 * the engine it chose for this browser (lib/models/mood-engine.ts).
 */
import type { MessageMood } from '../analysis/types';
import { sendToExtension } from '../messaging';
import type { MoodModelState } from './analysis-protocol';
import type { MoodModelSelection } from './hub-catalogue';

/** Mood of a draft (tone check), asked from a panel or options page. */
export function analyzeDraftText(text: string): Promise<MessageMood> {
  return sendToExtension('analyzeDraft', { text });
}

/** Switches every tab's mood model (settings page); the download goes on in the analysis host. */
export function selectMoodModel(selection: MoodModelSelection): Promise<MoodModelState> {
  return sendToExtension('selectMoodModel', selection);
}

/** The mood model's download, load and fallback state, from the analysis host. */
export function getMoodModelState(): Promise<MoodModelState> {
  return sendToExtension('getMoodModelState', {});
}
