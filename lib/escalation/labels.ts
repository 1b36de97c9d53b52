/**
 * Names of what the mood engine found, for handoff notes and escalation reasons, in the conversation's language. They
 * come from the one catalogue (`lib/strings/`) under the same keys the panel uses, so a note never calls a customer
 * something the panel does not (the note once said "verärgert" where the panel said "wütend").
 */
import type { Emotion, SentimentLabel, Trajectory, UrgencyLevel, UrgencyReasonKind } from '../analysis/types';
import { createTranslator } from '../i18n';
import type { Intent } from '../models/types';
import type { EscalationLanguage } from './types';

/** The emotion's name in the given language ("angry", "wütend"). */
export function labelEmotion(emotion: Emotion, lang: EscalationLanguage): string {
  return createTranslator(lang)(`emotion.${emotion}`);
}

/** The sentiment's name in the given language. */
export function labelSentiment(sentiment: SentimentLabel, lang: EscalationLanguage): string {
  return createTranslator(lang)(`sentiment.${sentiment}`);
}

/** The trajectory's name in the given language ("worsening", "verschlechtert sich"). */
export function labelTrajectory(trajectory: Trajectory, lang: EscalationLanguage): string {
  return createTranslator(lang)(`panel.trajectory.${trajectory}`);
}

/** The urgency level's name in the given language. */
export function labelUrgency(level: UrgencyLevel, lang: EscalationLanguage): string {
  return createTranslator(lang)(`urgency.${level}`);
}

/** The urgency reason's name in the given language ("legal threat"). */
export function labelUrgencyReason(kind: UrgencyReasonKind, lang: EscalationLanguage): string {
  return createTranslator(lang)(`urgencyReason.${kind}`);
}

/** What the customer wants, as the object of "wants …" / "möchte …". */
export function labelIntent(intent: Intent, lang: EscalationLanguage): string {
  return createTranslator(lang)(`intent.${intent}`);
}
