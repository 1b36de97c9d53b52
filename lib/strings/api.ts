/** Why a helpdesk's API was not used (one code per API failure). */
export const en = {
  'api.unauthorized': 'not signed in, 401',
  'api.forbidden': 'no access to this ticket, 403',
  'api.not-found': 'ticket not found, 404',
  'api.rate-limited': 'too many requests, 429 — trying again later',
  'api.timeout': 'no answer in time',
  'api.bad-response': 'an answer Rapport does not understand',
  'api.failed': 'not reachable',
} as const satisfies Record<string, string>;

export const de: { [K in keyof typeof en]: string } = {
  'api.unauthorized': 'nicht angemeldet, 401',
  'api.forbidden': 'kein Zugriff auf dieses Ticket, 403',
  'api.not-found': 'Ticket nicht gefunden, 404',
  'api.rate-limited': 'zu viele Anfragen, 429 – später erneut',
  'api.timeout': 'keine Antwort in der Zeit',
  'api.bad-response': 'eine unverständliche Antwort',
  'api.failed': 'nicht erreichbar',
};
