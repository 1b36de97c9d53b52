/** Filling in a template typed as a snippet in the reply box. */
export const en = {
  'snippets.formTitle': 'Fill in “{title}”',
  'snippets.formHelp': 'The conversation does not give these values. The template is inserted once they are filled in.',
  'snippets.formInsert': 'Insert',
} as const satisfies Record<string, string>;

export const de: { [K in keyof typeof en]: string } = {
  'snippets.formTitle': '„{title}“ ausfüllen',
  'snippets.formHelp':
    'Diese Angaben stehen nicht im Gespräch. Die Vorlage wird eingefügt, sobald sie ausgefüllt sind.',
  'snippets.formInsert': 'Einfügen',
};
