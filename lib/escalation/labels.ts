import type { Emotion, SentimentLabel, Trajectory, UrgencyLevel, UrgencyReasonKind } from '../analysis/types';
import type { Intent } from '../models/types';
import type { EscalationLanguage } from './types';

type Labels<K extends string> = Record<K, Record<EscalationLanguage, string>>;

const emotionLabels: Labels<Emotion> = {
  angry: { en: 'angry', de: 'verärgert' },
  frustrated: { en: 'frustrated', de: 'frustriert' },
  sad: { en: 'sad', de: 'traurig' },
  anxious: { en: 'anxious', de: 'besorgt' },
  confused: { en: 'confused', de: 'verwirrt' },
  grateful: { en: 'grateful', de: 'dankbar' },
  happy: { en: 'happy', de: 'zufrieden' },
  neutral: { en: 'neutral', de: 'neutral' },
};

const sentimentLabels: Labels<SentimentLabel> = {
  negative: { en: 'negative', de: 'negativ' },
  neutral: { en: 'neutral', de: 'neutral' },
  positive: { en: 'positive', de: 'positiv' },
};

const trajectoryLabels: Labels<Trajectory> = {
  improving: { en: 'improving', de: 'bessert sich' },
  steady: { en: 'steady', de: 'gleichbleibend' },
  worsening: { en: 'worsening', de: 'verschlechtert sich' },
};

const urgencyLabels: Labels<UrgencyLevel> = {
  low: { en: 'low', de: 'niedrig' },
  normal: { en: 'normal', de: 'normal' },
  high: { en: 'high', de: 'hoch' },
  critical: { en: 'critical', de: 'kritisch' },
};

const urgencyReasonLabels: Labels<UrgencyReasonKind> = {
  deadline: { en: 'deadline', de: 'Frist' },
  immediacy: { en: 'wants it now', de: 'will es sofort' },
  'legal-threat': { en: 'legal threat', de: 'rechtliche Schritte angedroht' },
  'chargeback-threat': { en: 'chargeback threat', de: 'Rückbuchung angedroht' },
  'cancellation-threat': { en: 'cancellation threat', de: 'Kündigung angedroht' },
  'repeated-contact': { en: 'repeated contact', de: 'wiederholter Kontakt' },
  'public-review': { en: 'public review threat', de: 'öffentliche Bewertung angedroht' },
  safety: { en: 'safety issue', de: 'Sicherheitsproblem' },
};

const intentLabels: Labels<Intent> = {
  refund: { en: 'a refund', de: 'eine Erstattung' },
  'delivery-delay': { en: 'their delayed delivery', de: 'die verspätete Lieferung' },
  tracking: { en: 'tracking information', de: 'die Sendungsverfolgung' },
  invoice: { en: 'an invoice', de: 'eine Rechnung' },
  cancellation: { en: 'to cancel', de: 'eine Stornierung' },
  complaint: { en: 'to complain', de: 'sich beschweren' },
  'damaged-or-wrong-item': {
    en: 'a fix for a damaged or wrong item',
    de: 'eine Lösung für einen beschädigten oder falschen Artikel',
  },
  return: { en: 'to return an item', de: 'eine Rücksendung' },
  payment: { en: 'help with a payment', de: 'Hilfe bei einer Zahlung' },
  account: { en: 'help with their account', de: 'Hilfe beim Kundenkonto' },
  'order-change': { en: 'to change an order', de: 'eine Bestelländerung' },
  'shipping-address': { en: 'to change the shipping address', de: 'eine andere Lieferadresse' },
  contact: { en: 'to get in touch', de: 'Kontakt' },
  'thank-you': { en: 'to say thanks', de: 'sich bedanken' },
  other: { en: 'something else', de: 'etwas anderes' },
};

/** The emotion's name in the given language ("angry", "verärgert"). */
export function labelEmotion(emotion: Emotion, lang: EscalationLanguage): string {
  return emotionLabels[emotion][lang];
}

/** The sentiment's name in the given language. */
export function labelSentiment(sentiment: SentimentLabel, lang: EscalationLanguage): string {
  return sentimentLabels[sentiment][lang];
}

/** The trajectory's name in the given language ("worsening", "verschlechtert sich"). */
export function labelTrajectory(trajectory: Trajectory, lang: EscalationLanguage): string {
  return trajectoryLabels[trajectory][lang];
}

/** The urgency level's name in the given language. */
export function labelUrgency(level: UrgencyLevel, lang: EscalationLanguage): string {
  return urgencyLabels[level][lang];
}

/** The urgency reason's name in the given language ("legal threat"). */
export function labelUrgencyReason(kind: UrgencyReasonKind, lang: EscalationLanguage): string {
  return urgencyReasonLabels[kind][lang];
}

/** What the customer wants, as the object of "wants …" / "möchte …". */
export function labelIntent(intent: Intent, lang: EscalationLanguage): string {
  return intentLabels[intent][lang];
}
