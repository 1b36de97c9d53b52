/**
 * What the Zendesk escalation action reports after a run (kept in the record, in the escalation's language). Apart from
 * the rest of the escalation actions' strings (lib/strings/escalation-actions.ts) because this action runs in the
 * ticket's page (lib/escalation/zendesk.ts, through the content script): the content script bundles only this file,
 * not the whole escalation catalogue (issue 22: content.js runs in every helpdesk tab). The keys keep their
 * `escalationActions.zendesk.` names so the records and the panel read them as before.
 */
export const en = {
  'escalationActions.zendesk.noToken':
    "Zendesk's security token was not found on this page — reload the ticket and retry.",
  'escalationActions.zendesk.timeout': 'Zendesk did not answer in time — retry.',
  'escalationActions.zendesk.network': 'Could not reach Zendesk ({message}) — retry.',
  'escalationActions.zendesk.signIn': 'Zendesk refused the change — sign in as an agent who may edit this ticket.',
  'escalationActions.zendesk.notFound': 'Zendesk ticket #{id} was not found.',
  'escalationActions.zendesk.conflict': 'The ticket changed meanwhile — reload and retry.',
  'escalationActions.zendesk.rejected': 'Zendesk rejected the change ({status}).',
  'escalationActions.zendesk.rejectedWithBody': 'Zendesk rejected the change ({status}: {body}).',
  'escalationActions.zendesk.unavailable': 'Zendesk is unavailable ({status}) — retry.',
  'escalationActions.zendesk.malformed': 'Zendesk answered with something that is not a ticket — retry.',
  'escalationActions.zendesk.done': 'Zendesk ticket #{id} updated: {parts}.',
  'escalationActions.zendesk.priority': 'priority {value}',
  'escalationActions.zendesk.priorityKept': 'priority stays {value}',
  'escalationActions.zendesk.tags': 'tags added: {tags}',
  'escalationActions.zendesk.tagsPresent': 'tags already present',
  'escalationActions.zendesk.group': 'assigned to group {id}',
  'escalationActions.zendesk.note': 'internal note added',
  'escalationActions.zendesk.noteExists': 'internal note already there (from an earlier attempt)',
} as const satisfies Record<string, string>;

export const de: { [K in keyof typeof en]: string } = {
  'escalationActions.zendesk.noToken':
    'Das Sicherheits-Token von Zendesk fehlt auf dieser Seite — Ticket neu laden und erneut versuchen.',
  'escalationActions.zendesk.timeout': 'Zendesk hat nicht rechtzeitig geantwortet — erneut versuchen.',
  'escalationActions.zendesk.network': 'Zendesk ist nicht erreichbar ({message}) — erneut versuchen.',
  'escalationActions.zendesk.signIn':
    'Zendesk hat die Änderung abgelehnt — als Agent anmelden, der dieses Ticket bearbeiten darf.',
  'escalationActions.zendesk.notFound': 'Zendesk-Ticket #{id} wurde nicht gefunden.',
  'escalationActions.zendesk.conflict': 'Das Ticket wurde inzwischen geändert — neu laden und erneut versuchen.',
  'escalationActions.zendesk.rejected': 'Zendesk hat die Änderung abgelehnt ({status}).',
  'escalationActions.zendesk.rejectedWithBody': 'Zendesk hat die Änderung abgelehnt ({status}: {body}).',
  'escalationActions.zendesk.unavailable': 'Zendesk ist nicht verfügbar ({status}) — erneut versuchen.',
  'escalationActions.zendesk.malformed': 'Zendesk hat etwas anderes als ein Ticket geliefert — erneut versuchen.',
  'escalationActions.zendesk.done': 'Zendesk-Ticket #{id} aktualisiert: {parts}.',
  'escalationActions.zendesk.priority': 'Priorität {value}',
  'escalationActions.zendesk.priorityKept': 'Priorität bleibt {value}',
  'escalationActions.zendesk.tags': 'Tags hinzugefügt: {tags}',
  'escalationActions.zendesk.tagsPresent': 'Tags schon vorhanden',
  'escalationActions.zendesk.group': 'Gruppe {id} zugewiesen',
  'escalationActions.zendesk.note': 'interne Notiz hinzugefügt',
  'escalationActions.zendesk.noteExists': 'interne Notiz schon vorhanden (von einem früheren Versuch)',
};
