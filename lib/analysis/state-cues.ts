/**
 * Cues for the customer's state that the small model cannot read from words alone (issue 18): worry about money, a
 * deadline or a gift (anxiety), praise that is meant the other way after a failure (sarcasm), counting one's failed
 * attempts (frustration), a calm acceptance ("ok, I'll wait then"), and a question that shows confusion.
 * Offsets index `text`.
 */
export type StateCueKind = 'anxiety' | 'sarcasm' | 'failed-attempts' | 'calm-acceptance' | 'confusion';

export interface StateCue {
  kind: StateCueKind;
  /** The phrase that triggered it. */
  phrase: string;
  start: number;
  end: number;
}

/** Finds state cues in German and English text (placeholder until the cue engine lands). */
export function detectStateCues(_text: string): StateCue[] {
  return [];
}
