/** What makes a conversation urgent: the kinds of urgency phrase, named the same in the panel and in handoff notes. */
export const en = {
  'urgencyReason.deadline': 'deadline',
  'urgencyReason.immediacy': 'wants it now',
  'urgencyReason.legal-threat': 'legal threat',
  'urgencyReason.chargeback-threat': 'chargeback threat',
  'urgencyReason.cancellation-threat': 'cancellation threat',
  'urgencyReason.repeated-contact': 'repeated contact',
  'urgencyReason.public-review': 'public review threat',
  'urgencyReason.safety': 'safety issue',
} as const satisfies Record<string, string>;

export const de: { [K in keyof typeof en]: string } = {
  'urgencyReason.deadline': 'Frist',
  'urgencyReason.immediacy': 'will es sofort',
  'urgencyReason.legal-threat': 'rechtliche Schritte angedroht',
  'urgencyReason.chargeback-threat': 'Rückbuchung angedroht',
  'urgencyReason.cancellation-threat': 'Kündigung angedroht',
  'urgencyReason.repeated-contact': 'wiederholter Kontakt',
  'urgencyReason.public-review': 'öffentliche Bewertung angedroht',
  'urgencyReason.safety': 'Sicherheitsproblem',
};
