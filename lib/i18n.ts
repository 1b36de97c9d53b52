/**
 * The UI's English and German strings. The German dictionary must have every English key (checked by the type),
 * placeholders are `{name}`. The language follows the browser unless the agent picked one in settings.
 */
import type { UiLanguage } from './settings';

const en = {
  'app.name': 'Rapport',
  'app.tagline': 'How your customer feels — on your device',
  'panel.belongsTo': 'Panel for this tab: {title}',
  'panel.noTab': 'This panel is not attached to a tab. Open it from the page you work on.',
  'panel.close': 'Close panel',
  'panel.shortcut': 'Toggle with {shortcut}. Change it at {where}.',
  'panel.shortcutUnset': 'No shortcut set. Add one at {where}.',
  'panel.shortcutWhereChrome': 'chrome://extensions/shortcuts',
  'panel.shortcutWhereFirefox': 'about:addons → ⚙ → Manage Extension Shortcuts',
  'panel.siteOn': 'Rapport on {site}',
  'panel.siteOffNote': 'Rapport is switched off on {site}. Nothing on this page is read.',
  'panel.settings': 'Settings',
  'panel.reading': 'Reading the conversation…',
  'panel.noConversation': 'No open conversation on this page yet. Open a ticket or an email thread.',
  'panel.unsupported': "Rapport can't read this page ({reason}).",
  'panel.readError': "Can't read this conversation on {site}: {message}",
  'panel.pick': 'Pick the conversation area',
  'panel.useSelection': 'Use the selected text',
  'panel.reread': 'Read again',
  'panel.whatRead': 'What Rapport read',
  'panel.messagesRead': '{count} messages',
  'panel.notLoaded': 'Not loaded on the page (collapsed) — not analysed',
  'panel.emptyMessage': '(empty message)',
  'panel.truncated': 'Long message: only the first {count} characters were analysed (truncated).',
  'panel.clipped': '… {count} more characters not shown',
  'panel.hiddenMessages': '{count} older messages are collapsed on the page and were not read.',
  'panel.attachments': 'Attachments: {names}',
  'panel.roleCorrect': 'Role',
  'panel.mood': 'Customer mood',
  'panel.moodPending': 'Analysing…',
  'panel.moodUpdating': 'Updating the evidence…',
  'panel.moodError': 'Mood analysis failed: {message}',
  'panel.confidenceLow': 'low confidence',
  'panel.confidence': 'confidence {value}',
  'panel.trajectory.improving': 'improving',
  'panel.trajectory.steady': 'steady',
  'panel.trajectory.worsening': 'worsening',
  'panel.urgency': 'Urgency: {level}',
  'panel.offensive': 'Abusive language',
  'panel.why': 'Why {label}?',
  'panel.backend': 'Model: {model} · {backend}',
  'panel.insert': 'Insert',
  'panel.copy': 'Copy',
  'panel.copied': 'Copied',
  'panel.inserted': 'Inserted into the reply box',
  'panel.insertFailed': 'Could not insert: {reason}',
  'panel.insertCopied': 'Not inserted ({reason}). The text is on your clipboard instead — paste it into the reply.',
  'panel.readingWrong': 'This reading looks wrong',
  'panel.readingWrongHint':
    'The mood is not shown as certain until the reading is right: pick the conversation area, use the selected text, or correct the roles below.',
  'panel.source.api': 'Read from {site}’s API',
  'panel.source.page': 'Read from the page',
  'panel.source.picked': 'Read from the area you picked',
  'panel.source.selection': 'Read from the text you selected',
  'panel.apiFallback': '{site}’s API was not used ({reason}), so the page was read instead.',
  'panel.reportProblem': 'Report a reading problem',
  'panel.pickInUse': 'Reading the area you picked on pages like this one.',
  'panel.pickNotFound':
    'The area you picked on pages like this one is not on this page, so the page was read as usual.',
  'panel.forgetPick': 'Forget this pick',
  'panel.staleReading':
    'This is the previous page’s conversation: Rapport may not read the page the tab shows now. Use the toolbar button or shortcut on the page to let it, or:',
  'panel.readThisPage': 'Read this page',
  'panel.carriedFrom':
    'This page shows no conversation of its own (a reply or compose page): showing the ticket read on the previous page.',
  'panel.reportSaved':
    'Saved {file}. It holds the page’s layout with every text replaced by x — no customer data. Attach it to your bug report.',
  'panel.reportFailed': 'Could not save the report: {message}',
  'health.no-customer-message': 'No message was read as the customer’s.',
  'health.no-loaded-customer-message':
    'The customer’s messages are collapsed on the page, so none of their text was read.',
  'health.placeholder-author': 'An author is “{name}”, a placeholder rather than a person.',
  'health.form-like-message': 'Message {index} looks like form labels or buttons, not something a person wrote.',
  'health.one-author':
    'All {count} messages are by one person — replies are missing or were given to the wrong author.',
  'health.everyone-customer':
    '{authors} different people were all read as the customer — agent replies may have been taken for the customer’s.',
  'health.no-subject': 'No subject was found.',
  'api.unauthorized': 'not signed in, 401',
  'api.forbidden': 'no access to this ticket, 403',
  'api.not-found': 'ticket not found, 404',
  'api.rate-limited': 'too many requests, 429 — trying again later',
  'api.timeout': 'no answer in time',
  'api.bad-response': 'an answer Rapport does not understand',
  'api.failed': 'not reachable',
  'roleSource.api': 'from the helpdesk’s API',
  'roleSource.page': 'from the page',
  'roleSource.identity': 'the signed-in agent (or your settings)',
  'roleSource.heuristic': 'a guess from the layout',
  'roleSource.agent-corrected': 'corrected by you',
  'role.customer': 'Customer',
  'role.agent': 'Agent',
  'role.internal-note': 'Internal note',
  'role.system': 'System',
  'sentiment.negative': 'negative',
  'sentiment.neutral': 'neutral',
  'sentiment.positive': 'positive',
  'emotion.angry': 'angry',
  'emotion.frustrated': 'frustrated',
  'emotion.sad': 'sad',
  'emotion.anxious': 'anxious',
  'emotion.confused': 'confused',
  'emotion.grateful': 'grateful',
  'emotion.happy': 'happy',
  'emotion.neutral': 'neutral',
  'urgency.low': 'low',
  'urgency.normal': 'normal',
  'urgency.high': 'high',
  'urgency.critical': 'critical',
  'badge.open': 'Open Rapport — customer mood: {mood}',
  'badge.dismiss': 'Hide on this site',
  'badge.drag': 'Drag to move',
  'mood.angry': 'Angry',
  'mood.upset': 'Upset',
  'mood.anxious': 'Anxious',
  'mood.neutral': 'Neutral',
  'mood.positive': 'Positive',
  'mood.unknown': 'Not read yet',
  'mood.doubtful': 'Check the reading',
  'options.title': 'Rapport settings',
  'options.general': 'General',
  'options.language': 'Language',
  'options.language.auto': 'Browser language',
  'options.language.en': 'English',
  'options.language.de': 'Deutsch',
  'options.agent': 'You, the agent',
  'options.agentHelp': 'Used to tell your messages from the customer’s when a page does not say.',
  'options.agentName': 'Your name (signs replies)',
  'options.agentNames': 'Other names you appear under (comma-separated)',
  'options.agentEmails': 'Your email addresses (comma-separated)',
  'options.sites': 'Sites',
  'options.sitesHelp': 'Rapport reads a page only where it is switched on.',
  'options.site.gmail': 'Gmail',
  'options.site.zendesk': 'Zendesk',
  'options.site.outlook': 'Outlook on the web',
  'options.site.freshdesk': 'Freshdesk',
  'options.site.generic': 'Other helpdesks and webmail',
  'options.otherSites': 'Other sites you switched',
  'options.badgeHidden': 'Badge hidden on: {sites}',
  'options.badgeShowAgain': 'Show the badge everywhere again',
  'options.picks': 'Picked conversation areas',
  'options.picksHelp':
    'Where you showed Rapport the conversation area, per site and kind of page. A pick applies only to pages like the one it was made on.',
  'options.picksNone': 'No areas picked.',
  'options.picksDelete': 'Delete',
  'options.privacy': 'Privacy',
  'options.privacyText':
    'Rapport reads the conversation open in your tab and analyses it on this device. Nothing the customer wrote leaves your browser — no cloud AI, no analytics, no telemetry. Data leaves only when you press Escalate, and only to the destinations your team configured (a team lead’s email, a webhook, your helpdesk’s own API). Optional larger models and the reply model are downloaded once from the hosts in these settings and then run locally. Settings, templates and escalation records are stored in this browser profile.',
  'options.saved': 'Saved',
  'options.shortcut': 'Keyboard shortcut',
  'common.on': 'On',
  'common.off': 'Off',
  'common.save': 'Save',
  'common.cancel': 'Cancel',
  'common.retry': 'Retry',
  'common.loading': 'Loading…',
} as const;

export type MessageKey = keyof typeof en;
export type Dictionary = Record<MessageKey, string>;

const de: Dictionary = {
  'app.name': 'Rapport',
  'app.tagline': 'Wie es Ihrer Kundschaft geht – auf Ihrem Gerät',
  'panel.belongsTo': 'Seitenleiste für diesen Tab: {title}',
  'panel.noTab': 'Diese Seitenleiste gehört zu keinem Tab. Öffnen Sie sie auf der Seite, auf der Sie arbeiten.',
  'panel.close': 'Seitenleiste schließen',
  'panel.shortcut': 'Ein-/Ausblenden mit {shortcut}. Ändern unter {where}.',
  'panel.shortcutUnset': 'Kein Tastenkürzel festgelegt. Festlegen unter {where}.',
  'panel.shortcutWhereChrome': 'chrome://extensions/shortcuts',
  'panel.shortcutWhereFirefox': 'about:addons → ⚙ → Tastenkombinationen für Erweiterungen verwalten',
  'panel.siteOn': 'Rapport auf {site}',
  'panel.siteOffNote': 'Rapport ist auf {site} ausgeschaltet. Auf dieser Seite wird nichts gelesen.',
  'panel.settings': 'Einstellungen',
  'panel.reading': 'Unterhaltung wird gelesen…',
  'panel.noConversation':
    'Auf dieser Seite ist noch keine Unterhaltung geöffnet. Öffnen Sie ein Ticket oder eine E-Mail.',
  'panel.unsupported': 'Rapport kann diese Seite nicht lesen ({reason}).',
  'panel.readError': 'Diese Unterhaltung auf {site} kann nicht gelesen werden: {message}',
  'panel.pick': 'Unterhaltungsbereich auswählen',
  'panel.useSelection': 'Markierten Text verwenden',
  'panel.reread': 'Erneut lesen',
  'panel.whatRead': 'Was Rapport gelesen hat',
  'panel.messagesRead': '{count} Nachrichten',
  'panel.notLoaded': 'Auf der Seite nicht geladen (eingeklappt) – nicht analysiert',
  'panel.emptyMessage': '(leere Nachricht)',
  'panel.truncated': 'Lange Nachricht: nur die ersten {count} Zeichen wurden analysiert (gekürzt).',
  'panel.clipped': '… {count} weitere Zeichen nicht angezeigt',
  'panel.hiddenMessages': '{count} ältere Nachrichten sind auf der Seite eingeklappt und wurden nicht gelesen.',
  'panel.attachments': 'Anhänge: {names}',
  'panel.roleCorrect': 'Rolle',
  'panel.mood': 'Stimmung der Kundschaft',
  'panel.moodPending': 'Wird analysiert…',
  'panel.moodUpdating': 'Belege werden aktualisiert…',
  'panel.moodError': 'Stimmungsanalyse fehlgeschlagen: {message}',
  'panel.confidenceLow': 'unsicher',
  'panel.confidence': 'Sicherheit {value}',
  'panel.trajectory.improving': 'bessert sich',
  'panel.trajectory.steady': 'gleichbleibend',
  'panel.trajectory.worsening': 'verschlechtert sich',
  'panel.urgency': 'Dringlichkeit: {level}',
  'panel.offensive': 'Beleidigende Sprache',
  'panel.why': 'Warum {label}?',
  'panel.backend': 'Modell: {model} · {backend}',
  'panel.insert': 'Einfügen',
  'panel.copy': 'Kopieren',
  'panel.copied': 'Kopiert',
  'panel.inserted': 'In das Antwortfeld eingefügt',
  'panel.insertFailed': 'Einfügen nicht möglich: {reason}',
  'panel.insertCopied':
    'Nicht eingefügt ({reason}). Der Text liegt stattdessen in der Zwischenablage – fügen Sie ihn in die Antwort ein.',
  'panel.readingWrong': 'Das Gelesene sieht falsch aus',
  'panel.readingWrongHint':
    'Die Stimmung wird erst als sicher gezeigt, wenn richtig gelesen wurde: Unterhaltungsbereich auswählen, markierten Text verwenden oder die Rollen unten korrigieren.',
  'panel.source.api': 'Aus der API von {site} gelesen',
  'panel.source.page': 'Von der Seite gelesen',
  'panel.source.picked': 'Aus dem ausgewählten Bereich gelesen',
  'panel.source.selection': 'Aus dem markierten Text gelesen',
  'panel.apiFallback': 'Die API von {site} wurde nicht genutzt ({reason}); stattdessen wurde die Seite gelesen.',
  'panel.reportProblem': 'Leseproblem melden',
  'panel.pickInUse': 'Es wird der Bereich gelesen, den Sie auf Seiten wie dieser ausgewählt haben.',
  'panel.pickNotFound':
    'Der auf Seiten wie dieser ausgewählte Bereich fehlt auf dieser Seite; die Seite wurde wie sonst gelesen.',
  'panel.forgetPick': 'Auswahl vergessen',
  'panel.staleReading':
    'Dies ist die Unterhaltung der vorigen Seite: Rapport darf die jetzt gezeigte Seite nicht lesen. Erlauben Sie es mit der Symbolleisten-Schaltfläche oder dem Tastenkürzel auf der Seite, oder:',
  'panel.readThisPage': 'Diese Seite lesen',
  'panel.carriedFrom':
    'Diese Seite zeigt selbst keine Unterhaltung (eine Antwort- oder Verfassen-Seite): gezeigt wird das Ticket der vorigen Seite.',
  'panel.reportSaved':
    '{file} gespeichert. Die Datei enthält den Aufbau der Seite, jeder Text durch x ersetzt – keine Kundendaten. Hängen Sie sie an Ihre Fehlermeldung an.',
  'panel.reportFailed': 'Der Bericht konnte nicht gespeichert werden: {message}',
  'health.no-customer-message': 'Keine Nachricht wurde der Kundschaft zugeordnet.',
  'health.no-loaded-customer-message':
    'Die Nachrichten der Kundschaft sind auf der Seite eingeklappt; von ihrem Text wurde nichts gelesen.',
  'health.placeholder-author': 'Ein Absender heißt „{name}“ – ein Platzhalter, keine Person.',
  'health.form-like-message':
    'Nachricht {index} sieht nach Formularfeldern oder Schaltflächen aus, nicht nach Geschriebenem.',
  'health.one-author':
    'Alle {count} Nachrichten stammen von einer Person – Antworten fehlen oder wurden der falschen Person zugeordnet.',
  'health.everyone-customer':
    '{authors} verschiedene Personen wurden alle als Kundschaft gelesen – Antworten des Teams wurden womöglich der Kundschaft zugeordnet.',
  'health.no-subject': 'Kein Betreff gefunden.',
  'api.unauthorized': 'nicht angemeldet, 401',
  'api.forbidden': 'kein Zugriff auf dieses Ticket, 403',
  'api.not-found': 'Ticket nicht gefunden, 404',
  'api.rate-limited': 'zu viele Anfragen, 429 – später erneut',
  'api.timeout': 'keine Antwort in der Zeit',
  'api.bad-response': 'eine unverständliche Antwort',
  'api.failed': 'nicht erreichbar',
  'roleSource.api': 'aus der API des Helpdesks',
  'roleSource.page': 'von der Seite',
  'roleSource.identity': 'die angemeldete Person (oder Ihre Einstellungen)',
  'roleSource.heuristic': 'aus dem Aufbau geschätzt',
  'roleSource.agent-corrected': 'von Ihnen korrigiert',
  'role.customer': 'Kunde/Kundin',
  'role.agent': 'Agent/in',
  'role.internal-note': 'Interne Notiz',
  'role.system': 'System',
  'sentiment.negative': 'negativ',
  'sentiment.neutral': 'neutral',
  'sentiment.positive': 'positiv',
  'emotion.angry': 'wütend',
  'emotion.frustrated': 'frustriert',
  'emotion.sad': 'traurig',
  'emotion.anxious': 'besorgt',
  'emotion.confused': 'verwirrt',
  'emotion.grateful': 'dankbar',
  'emotion.happy': 'zufrieden',
  'emotion.neutral': 'neutral',
  'urgency.low': 'niedrig',
  'urgency.normal': 'normal',
  'urgency.high': 'hoch',
  'urgency.critical': 'kritisch',
  'badge.open': 'Rapport öffnen – Stimmung: {mood}',
  'badge.dismiss': 'Auf dieser Website ausblenden',
  'badge.drag': 'Zum Verschieben ziehen',
  'mood.angry': 'Wütend',
  'mood.upset': 'Verärgert',
  'mood.anxious': 'Besorgt',
  'mood.neutral': 'Neutral',
  'mood.positive': 'Positiv',
  'mood.unknown': 'Noch nicht gelesen',
  'mood.doubtful': 'Gelesenes prüfen',
  'options.title': 'Rapport-Einstellungen',
  'options.general': 'Allgemein',
  'options.language': 'Sprache',
  'options.language.auto': 'Browsersprache',
  'options.language.en': 'English',
  'options.language.de': 'Deutsch',
  'options.agent': 'Sie als Agent/in',
  'options.agentHelp':
    'Damit Ihre Nachrichten von denen der Kundschaft unterschieden werden, wenn die Seite es nicht angibt.',
  'options.agentName': 'Ihr Name (für die Signatur)',
  'options.agentNames': 'Weitere Namen, unter denen Sie auftreten (durch Kommas getrennt)',
  'options.agentEmails': 'Ihre E-Mail-Adressen (durch Kommas getrennt)',
  'options.sites': 'Websites',
  'options.sitesHelp': 'Rapport liest eine Seite nur, wo es eingeschaltet ist.',
  'options.site.gmail': 'Gmail',
  'options.site.zendesk': 'Zendesk',
  'options.site.outlook': 'Outlook im Web',
  'options.site.freshdesk': 'Freshdesk',
  'options.site.generic': 'Andere Helpdesks und Webmail',
  'options.otherSites': 'Weitere Websites, die Sie umgeschaltet haben',
  'options.badgeHidden': 'Badge ausgeblendet auf: {sites}',
  'options.badgeShowAgain': 'Badge überall wieder anzeigen',
  'options.picks': 'Ausgewählte Unterhaltungsbereiche',
  'options.picksHelp':
    'Wo Sie Rapport den Unterhaltungsbereich gezeigt haben, je Website und Art der Seite. Eine Auswahl gilt nur für Seiten wie die, auf der sie getroffen wurde.',
  'options.picksNone': 'Keine Bereiche ausgewählt.',
  'options.picksDelete': 'Löschen',
  'options.privacy': 'Datenschutz',
  'options.privacyText':
    'Rapport liest die Unterhaltung in Ihrem Tab und analysiert sie auf diesem Gerät. Nichts, was die Kundschaft geschrieben hat, verlässt Ihren Browser – keine Cloud-KI, keine Analyse-Dienste, keine Telemetrie. Daten verlassen den Browser nur, wenn Sie auf „Eskalieren“ klicken, und nur an die Ziele, die Ihr Team eingerichtet hat (E-Mail der Teamleitung, ein Webhook, die API Ihres Helpdesks). Optionale größere Modelle und das Antwortmodell werden einmal von den hier eingestellten Servern geladen und laufen dann lokal. Einstellungen, Vorlagen und Eskalationen werden in diesem Browserprofil gespeichert.',
  'options.saved': 'Gespeichert',
  'options.shortcut': 'Tastenkürzel',
  'common.on': 'An',
  'common.off': 'Aus',
  'common.save': 'Speichern',
  'common.cancel': 'Abbrechen',
  'common.retry': 'Erneut versuchen',
  'common.loading': 'Wird geladen…',
};

const dictionaries: Record<'en' | 'de', Dictionary> = { en, de };

/** Resolves the UI language: the agent's choice, else the browser's language (German for any `de-*`), else English. */
export function resolveLanguage(setting: UiLanguage, browserLanguage: string | undefined): 'en' | 'de' {
  if (setting !== 'auto') return setting;
  return browserLanguage?.toLowerCase().startsWith('de') ? 'de' : 'en';
}

/** A translate function for one language. Unknown placeholders stay visible so a missing value is noticed. */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function createTranslator(language: 'en' | 'de'): Translate {
  const dictionary = dictionaries[language];
  return (key, params) => {
    const template = dictionary[key];
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  };
}

/** Every key of the English dictionary (for the completeness test). */
export function dictionaryKeys(language: 'en' | 'de'): string[] {
  return Object.keys(dictionaries[language]);
}

/**
 * A feature's own strings, kept next to the feature: `defineMessages({ en: {...}, de: {...} })` returns a function that
 * gives the translate function for a language. German must have every English key (checked by the type).
 */
export function defineMessages<K extends string>(dictionaries: { en: Record<K, string>; de: Record<K, string> }) {
  return (language: 'en' | 'de') =>
    (key: K, params?: Record<string, string | number>): string => {
      const template = dictionaries[language][key];
      if (!params) return template;
      return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
    };
}
