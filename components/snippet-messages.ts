import { defineMessages } from '../lib/i18n';

/** Strings of snippets in the settings and the template library (the page's own fill-in form uses `lib/i18n.ts`). */
export const snippetMessages = defineMessages({
  en: {
    switch: 'Expand snippets in reply boxes',
    switchFor: 'Expand snippets in reply boxes on {site}',
    note: 'Snippets: type a template’s shortcut and a space in a reply box (;refund ) and Rapport replaces it with the template, filled for the conversation. Ctrl+Z brings the shortcut back. Off on every site until you switch it on below; starter templates answer to ; and their topic (;refund, ;delivery-delay).',
    shortcut: 'Shortcut (optional)',
    shortcutHelp:
      '“;” and 2–30 letters, digits or hyphens, such as ;refund. Typed in a reply box followed by a space, it expands this template on sites where snippets are switched on (Settings → Sites).',
    shortcutInvalid: 'The shortcut must be “;” followed by 2–30 letters, digits or hyphens (such as ;refund).',
    shortcutTaken: 'The shortcut {shortcut} is already used by “{title}”. Choose another one.',
    shortcutChip: 'Shortcut {shortcut}',
  },
  de: {
    switch: 'Kürzel in Antwortfeldern erweitern',
    switchFor: 'Kürzel in Antwortfeldern auf {site} erweitern',
    note: 'Kürzel: Tippen Sie im Antwortfeld das Kürzel einer Vorlage und ein Leerzeichen (;refund ), und Rapport ersetzt es durch die für das Gespräch ausgefüllte Vorlage. Strg+Z holt das Kürzel zurück. Auf jeder Website aus, bis Sie es unten einschalten; Startvorlagen hören auf ; und ihr Thema (;refund, ;delivery-delay).',
    shortcut: 'Kürzel (optional)',
    shortcutHelp:
      '„;“ und 2–30 Buchstaben, Ziffern oder Bindestriche, etwa ;erstattung. Im Antwortfeld mit einem Leerzeichen dahinter getippt, erweitert es diese Vorlage auf Websites, auf denen Kürzel eingeschaltet sind (Einstellungen → Websites).',
    shortcutInvalid:
      'Das Kürzel muss aus „;“ und 2–30 Buchstaben, Ziffern oder Bindestrichen bestehen (etwa ;erstattung).',
    shortcutTaken: 'Das Kürzel {shortcut} nutzt schon „{title}“. Wählen Sie ein anderes.',
    shortcutChip: 'Kürzel {shortcut}',
  },
});
