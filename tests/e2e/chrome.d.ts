// Callbacks passed to `serviceWorker.evaluate` run inside the extension, where `chrome` is the extension API.
declare const chrome: typeof import('wxt/browser').browser;
