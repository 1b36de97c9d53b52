/**
 * Pages the content script is declared for. Any other helpdesk or webmail is read on demand: the toolbar button or
 * shortcut grants access to that tab (activeTab) and the background injects the content script there.
 */
export const declaredSiteMatches = [
  'https://mail.google.com/*',
  'https://*.zendesk.com/*',
  'https://outlook.office.com/*',
  'https://outlook.office365.com/*',
  'https://outlook.live.com/*',
  'https://*.freshdesk.com/*',
  // The bundled demo helpdesk (`npm start`) is served on localhost.
  'http://localhost/*',
  'http://127.0.0.1/*',
];
