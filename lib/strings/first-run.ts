/** The welcome in the settings page on first run, and the panel's hints until it is done (issue 22). */
export const en = {
  'first-run.title': 'Welcome to Rapport',
  'first-run.intro': 'A few settings make replies fit you from the first conversation. Each step can be skipped.',
  'first-run.progress': 'Step {step} of {total}',
  'first-run.language': 'Language of Rapport',
  'first-run.languageHelp':
    'Replies always follow the customer’s language; this is the language Rapport speaks to you.',
  'first-run.agent': 'Your name and addresses',
  'first-run.agentHelp':
    'Your name signs replies and fills “Your name” in templates. Your addresses tell your messages from the customer’s.',
  'first-run.agentName': 'Your name',
  'first-run.agentEmails': 'Your email addresses (comma-separated)',
  'first-run.formality': 'German form of address',
  'first-run.formalityHelp': 'Used for German replies when the conversation does not show du or Sie.',
  'first-run.formality.sie': 'Sie (formal)',
  'first-run.formality.du': 'du (informal)',
  'first-run.escalation': 'Where escalations go',
  'first-run.escalationHelp':
    'When a customer is angry or threatens to leave, Rapport can hand the conversation to a team lead, a webhook or your helpdesk.',
  'first-run.escalationOpen': 'Set up escalation below',
  'first-run.next': 'Next',
  'first-run.skip': 'Skip this step',
  'first-run.back': 'Back',
  'first-run.done': 'Done',
  'first-run.skipAll': 'Skip the welcome',
  'first-run.panelHint': 'Rapport is not set up yet.',
  'first-run.panelHintLink': 'Open the welcome',
  'first-run.dismissShortcut': 'Hide the shortcut hint',
  'first-run.rememberName': 'Remember my name (fills it in from now on)',
} as const satisfies Record<string, string>;
export const de: { [K in keyof typeof en]: string } = {
  'first-run.title': 'Willkommen bei Rapport',
  'first-run.intro':
    'Mit ein paar Einstellungen passen Antworten ab dem ersten Gespräch zu Ihnen. Jeden Schritt können Sie überspringen.',
  'first-run.progress': 'Schritt {step} von {total}',
  'first-run.language': 'Sprache von Rapport',
  'first-run.languageHelp':
    'Antworten folgen immer der Sprache der Kundin oder des Kunden; hier wählen Sie, in welcher Sprache Rapport mit Ihnen spricht.',
  'first-run.agent': 'Ihr Name und Ihre Adressen',
  'first-run.agentHelp':
    'Ihr Name unterschreibt Antworten und füllt „Ihr Name“ in Vorlagen. An Ihren Adressen erkennt Rapport Ihre Nachrichten.',
  'first-run.agentName': 'Ihr Name',
  'first-run.agentEmails': 'Ihre E-Mail-Adressen (durch Kommas getrennt)',
  'first-run.formality': 'Deutsche Anrede',
  'first-run.formalityHelp': 'Für deutsche Antworten, wenn das Gespräch weder Du noch Sie zeigt.',
  'first-run.formality.sie': 'Sie (förmlich)',
  'first-run.formality.du': 'du (locker)',
  'first-run.escalation': 'Wohin Eskalationen gehen',
  'first-run.escalationHelp':
    'Ist eine Kundin oder ein Kunde verärgert oder droht zu kündigen, übergibt Rapport das Gespräch an eine Teamleitung, einen Webhook oder Ihr Helpdesk.',
  'first-run.escalationOpen': 'Eskalation unten einrichten',
  'first-run.next': 'Weiter',
  'first-run.skip': 'Schritt überspringen',
  'first-run.back': 'Zurück',
  'first-run.done': 'Fertig',
  'first-run.skipAll': 'Begrüßung überspringen',
  'first-run.panelHint': 'Noch nicht eingerichtet.',
  'first-run.panelHintLink': 'Begrüßung öffnen',
  'first-run.dismissShortcut': 'Tastenkürzel-Hinweis ausblenden',
  'first-run.rememberName': 'Meinen Namen merken (ab jetzt automatisch eingesetzt)',
};
