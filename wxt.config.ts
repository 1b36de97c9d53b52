import { defineConfig } from 'wxt';

/** Sites the content script is declared for; any other site is enabled per origin at run time (optional permission). */
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

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  imports: false,
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'activeTab', 'scripting'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    action: { default_title: '__MSG_actionTitle__' },
    commands: {
      'toggle-panel': {
        suggested_key: { default: 'Alt+Shift+R', mac: 'Alt+Shift+R' },
        description: '__MSG_commandToggle__',
      },
    },
    content_security_policy: {
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';",
    },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'rapport@rapport.dev', strict_min_version: '128.0' } } }
      : {}),
  }),
});
