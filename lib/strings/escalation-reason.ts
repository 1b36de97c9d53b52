/**
 * Why the escalation rules recommend a handoff (lib/escalation/rules.ts): one sentence per reason, shown in the panel
 * and stored with the escalation record in the language the rules ran in.
 */
export const en = {
  'escalationReason.quoted': '"{phrase}"',
  'escalationReason.emotion.anger': 'Anger',
  'escalationReason.emotion.frustration': 'Frustration',
  'escalationReason.emotionHigh': '{emotion} is high: {p} (threshold {threshold}).',
  'escalationReason.emotionHighLatest': '{emotion} is high in the latest message: {p} (threshold {threshold}).',
  'escalationReason.worsening': 'The mood worsened over the last {count} customer messages ({from} → {to}).',
  'escalationReason.abusive': 'Abusive language: {phrase}.',
  'escalationReason.abusiveNoPhrase': 'The customer used abusive language.',
  'escalationReason.threat.legal-threat': 'Legal action threatened',
  'escalationReason.threat.chargeback-threat': 'Chargeback threatened',
  'escalationReason.threat.cancellation-threat': 'Cancellation threatened',
  'escalationReason.threat.public-review': 'Public review or social media post threatened',
  'escalationReason.withPhrase': '{head}: {phrase}.',
  'escalationReason.plain': '{head}.',
  'escalationReason.critical': 'Urgency is critical.',
  'escalationReason.criticalBecause': 'Urgency is critical ({kinds}).',
  'escalationReason.unanswered': '{count} customer messages in a row without an answer.',
  'escalationReason.inTouchBefore': 'The customer has been in touch before: {phrase}.',
  'escalationReason.vip': 'VIP customer with a negative mood.',
  'escalationReason.vipNamed': 'VIP customer ({who}) with a negative mood.',
} as const satisfies Record<string, string>;

export const de: { [K in keyof typeof en]: string } = {
  'escalationReason.quoted': '„{phrase}“',
  'escalationReason.emotion.anger': 'Verärgerung',
  'escalationReason.emotion.frustration': 'Frustration',
  'escalationReason.emotionHigh': '{emotion} ist hoch: {p} (Schwelle {threshold}).',
  'escalationReason.emotionHighLatest': '{emotion} ist hoch in der letzten Nachricht: {p} (Schwelle {threshold}).',
  'escalationReason.worsening':
    'Die Stimmung hat sich über die letzten {count} Kundennachrichten verschlechtert ({from} → {to}).',
  'escalationReason.abusive': 'Beleidigende Sprache: {phrase}.',
  'escalationReason.abusiveNoPhrase': 'Die Nachrichten enthalten beleidigende Sprache.',
  'escalationReason.threat.legal-threat': 'Rechtliche Schritte angedroht',
  'escalationReason.threat.chargeback-threat': 'Rückbuchung angedroht',
  'escalationReason.threat.cancellation-threat': 'Kündigung angedroht',
  'escalationReason.threat.public-review': 'Öffentliche Bewertung oder Social-Media-Beitrag angedroht',
  'escalationReason.withPhrase': '{head}: {phrase}.',
  'escalationReason.plain': '{head}.',
  'escalationReason.critical': 'Die Dringlichkeit ist kritisch.',
  'escalationReason.criticalBecause': 'Die Dringlichkeit ist kritisch ({kinds}).',
  'escalationReason.unanswered': '{count} Kundennachrichten in Folge ohne Antwort.',
  'escalationReason.inTouchBefore': 'Der Kunde hat sich schon mehrfach gemeldet: {phrase}.',
  'escalationReason.vip': 'VIP-Kunde mit negativer Stimmung.',
  'escalationReason.vipNamed': 'VIP-Kunde ({who}) mit negativer Stimmung.',
};
