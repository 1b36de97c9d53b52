import { isMessageKey, type Translate } from '../lib/i18n';

/**
 * An evidence label (`angry`, `negative`, `offensive`, `urgency:deadline`) in the UI language: emotions and sentiments
 * share the words of the mood card, urgency kinds those of handoff notes. A label the catalogue does not know yet is
 * shown as it is rather than hidden.
 */
export function evidenceLabel(label: string, t: Translate): string {
  const candidates = label.startsWith('urgency:')
    ? [`urgencyReason.${label.slice('urgency:'.length)}`]
    : [`emotion.${label}`, `sentiment.${label}`, `panel.evidence.${label}`];
  const key = candidates.find(isMessageKey);
  return key ? t(key) : label;
}
