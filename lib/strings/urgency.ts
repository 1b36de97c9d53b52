/** Urgency levels. */
export const en = {
  'urgency.low': 'low',
  'urgency.normal': 'normal',
  'urgency.high': 'high',
  'urgency.critical': 'critical',
} as const satisfies Record<string, string>;

export const de: { [K in keyof typeof en]: string } = {
  'urgency.low': 'niedrig',
  'urgency.normal': 'normal',
  'urgency.high': 'hoch',
  'urgency.critical': 'kritisch',
};
