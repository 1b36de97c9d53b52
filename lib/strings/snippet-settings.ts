/** Snippet settings in the options page and the template library (the page's own fill-in form uses snippets.ts). */
export const en = {
  'snippet-settings.switch': 'Expand snippets in reply boxes',
  'snippet-settings.switchFor': 'Expand snippets in reply boxes on {site}',
  'snippet-settings.note':
    'Snippets: type a template’s shortcut and a space in a reply box (;refund ) and Rapport replaces it with the template, filled for the conversation. Ctrl+Z brings the shortcut back. Off on every site until you switch it on below; starter templates answer to ; and their topic (;refund, ;delivery-delay).',
  'snippet-settings.shortcut': 'Shortcut (optional)',
  'snippet-settings.shortcutHelp':
    '“;” and 2–30 letters, digits or hyphens, such as ;refund. Typed in a reply box followed by a space, it expands this template on sites where snippets are switched on (Settings → Sites).',
  'snippet-settings.shortcutInvalid':
    'The shortcut must be “;” followed by 2–30 letters, digits or hyphens (such as ;refund).',
  'snippet-settings.shortcutTaken': 'The shortcut {shortcut} is already used by “{title}”. Choose another one.',
  'snippet-settings.shortcutChip': 'Shortcut {shortcut}',
} as const satisfies Record<string, string>;

export const de: { [K in keyof typeof en]: string } = {
  'snippet-settings.switch': 'Kürzel in Antwortfeldern erweitern',
  'snippet-settings.switchFor': 'Kürzel in Antwortfeldern auf {site} erweitern',
  'snippet-settings.note':
    'Kürzel: Tippen Sie im Antwortfeld das Kürzel einer Vorlage und ein Leerzeichen (;refund ), und Rapport ersetzt es durch die für das Gespräch ausgefüllte Vorlage. Strg+Z holt das Kürzel zurück. Auf jeder Website aus, bis Sie es unten einschalten; Startvorlagen hören auf ; und ihr Thema (;refund, ;delivery-delay).',
  'snippet-settings.shortcut': 'Kürzel (optional)',
  'snippet-settings.shortcutHelp':
    '„;“ und 2–30 Buchstaben, Ziffern oder Bindestriche, etwa ;erstattung. Im Antwortfeld mit einem Leerzeichen dahinter getippt, erweitert es diese Vorlage auf Websites, auf denen Kürzel eingeschaltet sind (Einstellungen → Websites).',
  'snippet-settings.shortcutInvalid':
    'Das Kürzel muss aus „;“ und 2–30 Buchstaben, Ziffern oder Bindestrichen bestehen (etwa ;erstattung).',
  'snippet-settings.shortcutTaken': 'Das Kürzel {shortcut} nutzt schon „{title}“. Wählen Sie ein anderes.',
  'snippet-settings.shortcutChip': 'Kürzel {shortcut}',
};
