/** The extension's name and tagline. */
export const en = {
  'app.name': 'Rapport',
  'app.tagline': 'How your customer feels — on your device',
} as const satisfies Record<string, string>;

export const de: { [K in keyof typeof en]: string } = {
  'app.name': 'Rapport',
  'app.tagline': 'Wie es Ihrer Kundschaft geht – auf Ihrem Gerät',
};
