/** The headline mood of a conversation. */
export const en = {
  'mood.angry': 'Angry',
  'mood.upset': 'Upset',
  'mood.anxious': 'Anxious',
  'mood.neutral': 'Neutral',
  'mood.positive': 'Positive',
  'mood.unknown': 'Not read yet',
  'mood.doubtful': 'Check the reading',
} as const satisfies Record<string, string>;

export const de: { [K in keyof typeof en]: string } = {
  'mood.angry': 'Wütend',
  'mood.upset': 'Verärgert',
  'mood.anxious': 'Besorgt',
  'mood.neutral': 'Neutral',
  'mood.positive': 'Positiv',
  'mood.unknown': 'Noch nicht gelesen',
  'mood.doubtful': 'Gelesenes prüfen',
};
