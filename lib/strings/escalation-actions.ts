/**
 * What an escalation action will do (the panel's "Runs: …" line), what must be set before it can run (the
 * Escalate button's "what to set" message), and what each run reports (kept in the record, in the escalation's
 * language) with the email draft's fixed parts. Keyed by the action registry's names and problem codes
 * (lib/escalation/actions.ts). What a Zendesk run reports is in escalation-zendesk.ts: that action runs in the content
 * script, which carries those texts only.
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
  'escalationActions.result.pending': 'Not finished (the panel closed while it ran) — retry.',
  'escalationActions.result.crashed': 'Failed unexpectedly ({message}) — retry.',
  'escalationActions.result.notSaved':
    'The escalation could not be saved in the browser — nothing was sent; try again.',
  'escalationActions.result.noTicket':
    'Could not tell the {site} ticket number from this page — escalate from the ticket.',
  'escalationActions.result.clipboardReady': 'Summary ready to copy.',
  'escalationActions.result.emailBadAddress': 'Set a valid team lead email in Settings → Escalation.',
  'escalationActions.result.emailReady': 'Email draft to {to} ready — send it from your mail program.',
  'escalationActions.email.openGmail': 'Open in Gmail',
  'escalationActions.email.openMail': 'Open in mail program',
  'escalationActions.email.cut': '[shortened — see the link above]',
  'escalationActions.email.subject': 'Escalation: {subject}',
  'escalationActions.email.subjectWithCustomer': 'Escalation: {subject} — {customer}',
  'escalationActions.email.noSubject': '(no subject)',
  'escalationActions.webhook.badUrl': 'The webhook URL is not valid — set an https URL in Settings → Escalation.',
  'escalationActions.webhook.badTemplate':
    'The webhook payload template is not valid JSON after filling it in ({message}) — fix it in Settings → Escalation.',
  'escalationActions.webhook.rejected':
    '{host} rejected the escalation ({status}) — check the webhook in Settings → Escalation.',
  'escalationActions.webhook.rejectedWithBody':
    '{host} rejected the escalation ({status}: {body}) — check the webhook in Settings → Escalation.',
  'escalationActions.webhook.failed.one': 'Could not deliver to {host} after {count} attempt ({why}) — retry.',
  'escalationActions.webhook.failed.other': 'Could not deliver to {host} after {count} attempts ({why}) — retry.',
  'escalationActions.webhook.timeout': 'timed out',
  'escalationActions.webhook.sent': 'Sent to {host} ({status}).',
  'escalationActions.webhook.sentAfterRetries': 'Sent to {host} ({status}) after {attempts} attempts.',
  'escalationActions.webhook.already': 'Already sent to {host}.',
  'escalationActions.webhook.redirectRefused':
    '{host} redirected the escalation to {target}, which is not the configured webhook host over https — nothing was sent there. Put the final address in Settings → Escalation.',
  'escalationActions.webhook.redirectHidden':
    '{host} answered with a redirect whose target cannot be checked — nothing was sent on. Put the final address in Settings → Escalation.',
  'escalationActions.webhook.tooManyRedirects':
    '{host} redirected more than {max} times — put the final address in Settings → Escalation.',
  'escalationActions.freshdesk.notConfigured':
    'Freshdesk is not configured — set the domain and API key in Settings → Escalation.',
  'escalationActions.freshdesk.timeout': 'Freshdesk did not answer in time — retry.',
  'escalationActions.freshdesk.network': 'Could not reach Freshdesk ({message}) — retry.',
  'escalationActions.freshdesk.auth': 'Freshdesk refused the API key — check it in Settings → Escalation.',
  'escalationActions.freshdesk.notFound': 'Freshdesk ticket #{id} was not found.',
  'escalationActions.freshdesk.rejected': 'Freshdesk rejected the change ({status}).',
  'escalationActions.freshdesk.rejectedWithBody': 'Freshdesk rejected the change ({status}: {body}).',
  'escalationActions.freshdesk.unavailable': 'Freshdesk is unavailable ({status}) — retry.',
  'escalationActions.freshdesk.malformed': 'Freshdesk answered with something that is not a ticket — retry.',
  'escalationActions.freshdesk.noteFailed': 'Ticket updated, but the private note failed: {detail}',
  'escalationActions.freshdesk.done': 'Freshdesk ticket #{id} updated: {parts}.',
  'escalationActions.freshdesk.priority': 'priority {value}',
  'escalationActions.freshdesk.priorityKept': 'priority stays {value}',
  'escalationActions.freshdesk.tags': 'tags added: {tags}',
  'escalationActions.freshdesk.tagsPresent': 'tags already present',
  'escalationActions.freshdesk.group': 'assigned to group {id}',
  'escalationActions.freshdesk.note': 'private note added',
  'escalationActions.freshdesk.noteExists': 'private note already there (from an earlier attempt)',
  'escalationActions.freshdesk.tooLong':
    'the ticket has too many conversations to check for an earlier note — add it by hand if it is missing',
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
  'escalationActions.result.pending':
    'Nicht abgeschlossen (das Panel wurde währenddessen geschlossen) — erneut versuchen.',
  'escalationActions.result.crashed': 'Unerwartet fehlgeschlagen ({message}) — erneut versuchen.',
  'escalationActions.result.notSaved':
    'Die Eskalation konnte im Browser nicht gespeichert werden — nichts wurde gesendet; erneut versuchen.',
  'escalationActions.result.noTicket':
    'Die {site}-Ticketnummer ist auf dieser Seite nicht erkennbar — aus dem Ticket heraus eskalieren.',
  'escalationActions.result.clipboardReady': 'Zusammenfassung zum Kopieren bereit.',
  'escalationActions.result.emailBadAddress':
    'Unter Einstellungen → Eskalation eine gültige E-Mail-Adresse der Teamleitung eintragen.',
  'escalationActions.result.emailReady': 'E-Mail-Entwurf an {to} bereit — im Mailprogramm absenden.',
  'escalationActions.email.openGmail': 'In Gmail öffnen',
  'escalationActions.email.openMail': 'Im Mailprogramm öffnen',
  'escalationActions.email.cut': '[gekürzt — siehe Link oben]',
  'escalationActions.email.subject': 'Eskalation: {subject}',
  'escalationActions.email.subjectWithCustomer': 'Eskalation: {subject} — {customer}',
  'escalationActions.email.noSubject': '(kein Betreff)',
  'escalationActions.webhook.badUrl':
    'Die Webhook-URL ist ungültig — unter Einstellungen → Eskalation eine https-URL eintragen.',
  'escalationActions.webhook.badTemplate':
    'Die Webhook-Vorlage ergibt kein gültiges JSON ({message}) — unter Einstellungen → Eskalation korrigieren.',
  'escalationActions.webhook.rejected':
    '{host} hat die Eskalation abgelehnt ({status}) — Webhook unter Einstellungen → Eskalation prüfen.',
  'escalationActions.webhook.rejectedWithBody':
    '{host} hat die Eskalation abgelehnt ({status}: {body}) — Webhook unter Einstellungen → Eskalation prüfen.',
  'escalationActions.webhook.failed.one':
    'Zustellung an {host} nach {count} Versuch fehlgeschlagen ({why}) — erneut versuchen.',
  'escalationActions.webhook.failed.other':
    'Zustellung an {host} nach {count} Versuchen fehlgeschlagen ({why}) — erneut versuchen.',
  'escalationActions.webhook.timeout': 'Zeitüberschreitung',
  'escalationActions.webhook.sent': 'An {host} gesendet ({status}).',
  'escalationActions.webhook.sentAfterRetries': 'An {host} gesendet ({status}) nach {attempts} Versuchen.',
  'escalationActions.webhook.already': 'Bereits an {host} gesendet.',
  'escalationActions.webhook.redirectRefused':
    '{host} hat die Eskalation nach {target} umgeleitet, das ist nicht der eingestellte Webhook-Host über https — dorthin wurde nichts gesendet. Die endgültige Adresse unter Einstellungen → Eskalation eintragen.',
  'escalationActions.webhook.redirectHidden':
    '{host} hat mit einer Umleitung geantwortet, deren Ziel nicht prüfbar ist — nichts wurde weitergesendet. Die endgültige Adresse unter Einstellungen → Eskalation eintragen.',
  'escalationActions.webhook.tooManyRedirects':
    '{host} hat mehr als {max}-mal umgeleitet — die endgültige Adresse unter Einstellungen → Eskalation eintragen.',
  'escalationActions.freshdesk.notConfigured':
    'Freshdesk ist nicht eingerichtet — Domain und API-Schlüssel unter Einstellungen → Eskalation eintragen.',
  'escalationActions.freshdesk.timeout': 'Freshdesk hat nicht rechtzeitig geantwortet — erneut versuchen.',
  'escalationActions.freshdesk.network': 'Freshdesk ist nicht erreichbar ({message}) — erneut versuchen.',
  'escalationActions.freshdesk.auth':
    'Freshdesk hat den API-Schlüssel abgelehnt — unter Einstellungen → Eskalation prüfen.',
  'escalationActions.freshdesk.notFound': 'Freshdesk-Ticket #{id} wurde nicht gefunden.',
  'escalationActions.freshdesk.rejected': 'Freshdesk hat die Änderung abgelehnt ({status}).',
  'escalationActions.freshdesk.rejectedWithBody': 'Freshdesk hat die Änderung abgelehnt ({status}: {body}).',
  'escalationActions.freshdesk.unavailable': 'Freshdesk ist nicht verfügbar ({status}) — erneut versuchen.',
  'escalationActions.freshdesk.malformed': 'Freshdesk hat etwas anderes als ein Ticket geliefert — erneut versuchen.',
  'escalationActions.freshdesk.noteFailed': 'Ticket aktualisiert, aber die private Notiz ist fehlgeschlagen: {detail}',
  'escalationActions.freshdesk.done': 'Freshdesk-Ticket #{id} aktualisiert: {parts}.',
  'escalationActions.freshdesk.priority': 'Priorität {value}',
  'escalationActions.freshdesk.priorityKept': 'Priorität bleibt {value}',
  'escalationActions.freshdesk.tags': 'Tags hinzugefügt: {tags}',
  'escalationActions.freshdesk.tagsPresent': 'Tags schon vorhanden',
  'escalationActions.freshdesk.group': 'Gruppe {id} zugewiesen',
  'escalationActions.freshdesk.note': 'private Notiz hinzugefügt',
  'escalationActions.freshdesk.noteExists': 'private Notiz schon vorhanden (von einem früheren Versuch)',
  'escalationActions.freshdesk.tooLong':
    'das Ticket hat zu viele Einträge, um eine frühere Notiz zu finden — bei Bedarf von Hand ergänzen',
};
