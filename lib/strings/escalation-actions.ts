/**
 * What an escalation action will do (the panel's "Runs: …" line) and what must be set before it can run (the
 * Escalate button's "what to set" message). Keyed by the action registry's names and problem codes
 * (lib/escalation/actions.ts).
 */
export const en = {
  'escalationActions.zendesk': 'Zendesk ticket ({priority}, tags)',
  'escalationActions.zendesk.withNote': 'Zendesk ticket ({priority}, tags, internal note)',
  'escalationActions.freshdesk': 'Freshdesk ticket (priority, tags)',
  'escalationActions.freshdesk.withNote': 'Freshdesk ticket (priority, tags, private note)',
  'escalationActions.webhook': 'webhook to {host}',
  'escalationActions.email': 'email draft to {to}',
  'escalationActions.clipboard': 'copy summary',
  'escalationActions.notConfigured': 'Set a team lead email or a webhook in Settings → Escalation.',
  'escalationActions.notConfigured.freshdesk':
    'Set the Freshdesk domain and API key, a team lead email or a webhook in Settings → Escalation.',
  'escalationActions.problem.webhook-url-invalid':
    'The webhook URL must start with https:// — fix it in Settings → Escalation.',
  'escalationActions.problem.webhook-url-credentials':
    'Remove the user name and password from the webhook URL (https://user:password@…): they would travel with every request. Use the secret address your service gives you.',
  'escalationActions.problem.email-invalid':
    'The team lead email is not a valid address — fix it in Settings → Escalation.',
} as const satisfies Record<string, string>;

export const de: { [K in keyof typeof en]: string } = {
  'escalationActions.zendesk': 'Zendesk-Ticket ({priority}, Tags)',
  'escalationActions.zendesk.withNote': 'Zendesk-Ticket ({priority}, Tags, interne Notiz)',
  'escalationActions.freshdesk': 'Freshdesk-Ticket (Priorität, Tags)',
  'escalationActions.freshdesk.withNote': 'Freshdesk-Ticket (Priorität, Tags, private Notiz)',
  'escalationActions.webhook': 'Webhook an {host}',
  'escalationActions.email': 'E-Mail-Entwurf an {to}',
  'escalationActions.clipboard': 'Zusammenfassung kopieren',
  'escalationActions.notConfigured':
    'Unter Einstellungen → Eskalation eine E-Mail-Adresse der Teamleitung oder einen Webhook eintragen.',
  'escalationActions.notConfigured.freshdesk':
    'Unter Einstellungen → Eskalation Freshdesk-Domain und API-Schlüssel, eine E-Mail-Adresse der Teamleitung oder einen Webhook eintragen.',
  'escalationActions.problem.webhook-url-invalid':
    'Die Webhook-URL muss mit https:// beginnen — unter Einstellungen → Eskalation korrigieren.',
  'escalationActions.problem.webhook-url-credentials':
    'Benutzername und Passwort aus der Webhook-URL entfernen (https://benutzer:passwort@…): sie würden mit jeder Anfrage mitgeschickt. Die geheime Adresse des Dienstes verwenden.',
  'escalationActions.problem.email-invalid':
    'Die E-Mail-Adresse der Teamleitung ist ungültig — unter Einstellungen → Eskalation korrigieren.',
};
