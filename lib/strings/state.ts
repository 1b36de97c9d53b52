/** Mood states of a single message. */
export const en = {
  'state.calm': 'Calm',
  'state.confused': 'Confused',
  'state.anxious': 'Anxious',
  'state.frustrated': 'Frustrated',
  'state.angry': 'Angry',
  'state.sad': 'Sad',
  'state.grateful': 'Grateful',
  'state.happy': 'Happy',
} as const satisfies Record<string, string>;

export const de: { [K in keyof typeof en]: string } = {
  'state.calm': 'Ruhig',
  'state.confused': 'Verwirrt',
  'state.anxious': 'Besorgt',
  'state.frustrated': 'Frustriert',
  'state.angry': 'Wütend',
  'state.sad': 'Enttäuscht',
  'state.grateful': 'Dankbar',
  'state.happy': 'Zufrieden',
};
