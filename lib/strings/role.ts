/** The roles a message author can have. */
export const en = {
  'role.customer': 'Customer',
  'role.agent': 'Agent',
  'role.internal-note': 'Internal note',
  'role.system': 'System',
} as const satisfies Record<string, string>;

export const de: { [K in keyof typeof en]: string } = {
  'role.customer': 'Kunde/Kundin',
  'role.agent': 'Agent/in',
  'role.internal-note': 'Interne Notiz',
  'role.system': 'System',
};
