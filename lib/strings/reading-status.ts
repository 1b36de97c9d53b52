/** The one-line reading status at the top of the panel and its "Fix reading…" disclosure (issue 22). */
export const en = {
  'reading-status.fix': 'Fix reading…',
  'reading-status.messages.one': '{count} message',
  'reading-status.messages.other': '{count} messages',
} as const satisfies Record<string, string>;
export const de: { [K in keyof typeof en]: string } = {
  'reading-status.fix': 'Lesen korrigieren…',
  'reading-status.messages.one': '{count} Nachricht',
  'reading-status.messages.other': '{count} Nachrichten',
};
