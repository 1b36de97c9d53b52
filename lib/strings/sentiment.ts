/** Sentiment labels. */
export const en = {
  'sentiment.negative': 'negative',
  'sentiment.neutral': 'neutral',
  'sentiment.positive': 'positive',
} as const satisfies Record<string, string>;

export const de: { [K in keyof typeof en]: string } = {
  'sentiment.negative': 'negativ',
  'sentiment.neutral': 'neutral',
  'sentiment.positive': 'positiv',
};
