/** Where a message author’s role came from. */
export const en = {
  'roleSource.api': 'from the helpdesk’s API',
  'roleSource.page': 'from the page',
  'roleSource.identity': 'the signed-in agent (or your settings)',
  'roleSource.heuristic': 'a guess from the layout',
  'roleSource.agent-corrected': 'corrected by you',
} as const satisfies Record<string, string>;

export const de: { [K in keyof typeof en]: string } = {
  'roleSource.api': 'aus der API des Helpdesks',
  'roleSource.page': 'von der Seite',
  'roleSource.identity': 'die angemeldete Person (oder Ihre Einstellungen)',
  'roleSource.heuristic': 'aus dem Aufbau geschätzt',
  'roleSource.agent-corrected': 'von Ihnen korrigiert',
};
