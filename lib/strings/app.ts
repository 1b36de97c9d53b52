/** The extension's name and tagline. */
export const en = {
  'app.name': 'Rapport',
} as const satisfies Record<string, string>;

export const de: { [K in keyof typeof en]: string } = {
  'app.name': 'Rapport',
};
