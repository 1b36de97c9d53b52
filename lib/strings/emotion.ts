/** Emotion names. */
export const en = {
  'emotion.angry': 'angry',
  'emotion.frustrated': 'frustrated',
  'emotion.sad': 'sad',
  'emotion.anxious': 'anxious',
  'emotion.confused': 'confused',
  'emotion.grateful': 'grateful',
  'emotion.happy': 'happy',
  'emotion.neutral': 'neutral',
} as const satisfies Record<string, string>;

export const de: { [K in keyof typeof en]: string } = {
  'emotion.angry': 'wütend',
  'emotion.frustrated': 'frustriert',
  'emotion.sad': 'enttäuscht',
  'emotion.anxious': 'besorgt',
  'emotion.confused': 'verwirrt',
  'emotion.grateful': 'dankbar',
  'emotion.happy': 'zufrieden',
  'emotion.neutral': 'neutral',
};
