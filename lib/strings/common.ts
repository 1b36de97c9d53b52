/** Words many screens share. */
export const en = {
  'common.save': 'Save',
  'common.cancel': 'Cancel',
  'common.retry': 'Retry',
  'common.loading': 'Loading…',
} as const satisfies Record<string, string>;

export const de: { [K in keyof typeof en]: string } = {
  'common.save': 'Speichern',
  'common.cancel': 'Abbrechen',
  'common.retry': 'Erneut versuchen',
  'common.loading': 'Wird geladen…',
};
