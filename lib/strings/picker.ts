/** The hint shown on the page while the agent picks the conversation area. */
export const en = {
  'picker.hint': 'Click the conversation area · ↑ wider · ↓ narrower · Esc cancels',
} as const satisfies Record<string, string>;

export const de: { [K in keyof typeof en]: string } = {
  'picker.hint': 'Klicken Sie auf den Unterhaltungsbereich · ↑ größer · ↓ kleiner · Esc bricht ab',
};
