/** The badge Rapport shows on supported pages. */
export const en = {
  'badge.open': 'Open Rapport · {mood}',
  'badge.dismiss': 'Hide on this site',
  'badge.drag': 'Drag to move',
} as const satisfies Record<string, string>;

export const de: { [K in keyof typeof en]: string } = {
  'badge.open': 'Rapport öffnen · {mood}',
  'badge.dismiss': 'Auf dieser Website ausblenden',
  'badge.drag': 'Zum Verschieben ziehen',
};
