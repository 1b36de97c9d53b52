/** The headline mood of a conversation. */
export const en = {
  'mood.angry': 'Angry',
  'mood.upset': 'Upset',
  'mood.anxious': 'Anxious',
  'mood.neutral': 'Neutral',
  'mood.positive': 'Positive',
  'mood.unknown': 'Not read yet',
  'mood.doubtful': 'Check the reading',
  // The mood card's trend, next to the headline (the handoff note keeps `panel.trajectory.*`): short enough that the
  // headline, the wording and the trend share one line of a 320 px panel (issue 22).
  'mood.trend.improving': 'improving',
  'mood.trend.steady': 'steady',
  'mood.trend.worsening': 'worsening',
} as const satisfies Record<string, string>;

export const de: { [K in keyof typeof en]: string } = {
  'mood.angry': 'Wütend',
  'mood.upset': 'Verärgert',
  'mood.anxious': 'Besorgt',
  'mood.neutral': 'Neutral',
  'mood.positive': 'Positiv',
  'mood.unknown': 'Noch nicht gelesen',
  'mood.doubtful': 'Gelesenes prüfen',
  'mood.trend.improving': 'wird besser',
  'mood.trend.steady': 'gleichbleibend',
  'mood.trend.worsening': 'wird schlechter',
};
