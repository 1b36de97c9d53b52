import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import { withoutBranchLibraryUrls } from './lib/models/webllm-libs';
import { buildsDemoHosts, declaredSiteMatches, manifestWithSiteAccess } from './lib/sites/matches';

/**
 * web-llm's prebuilt list points model libraries at a GitHub branch. Rapport never loads those records (each is pinned
 * to a commit and a SHA-256, lib/models/webllm-libs.ts); this keeps the branch URLs out of the bundle (issue 20).
 */
const webLlmUnbranched = {
  name: 'rapport-webllm-unbranched',
  transform(code: string, id: string) {
    return id.includes('@mlc-ai/web-llm') ? withoutBranchLibraryUrls(code) : null;
  },
};

/** Development build (`npm start`, the end-to-end tests): the demo helpdesk's localhost hosts are declared too. */
const demoHosts = buildsDemoHosts(process.env);

export default defineConfig({
  // Parallel work (and CI) can build into separate folders: RAPPORT_OUT_DIR=.output-x npx wxt build.
  outDir: process.env.RAPPORT_OUT_DIR ?? '.output',
  // Firefox gets MV3 too (event page, sidebar_action, storage.managed): one entrypoint tree, one manifest shape.
  manifestVersion: 3,
  modules: ['@wxt-dev/module-react'],
  hooks: {
    // The one place the demo hosts leave a store build: host permissions, content-script matches (which WXT takes
    // from the entrypoint) and web-accessible resources alike.
    'build:manifestGenerated': (_wxt, manifest) => {
      Object.assign(manifest, manifestWithSiteAccess(manifest, { demoHosts }));
    },
    // ONNX Runtime's wasm ships inside the extension (never fetched from a CDN): the asyncify build serves both the
    // WASM and the WebGPU backends that transformers.js uses.
    'build:publicAssets': (_wxt, files) => {
      for (const name of ['ort-wasm-simd-threaded.asyncify.mjs', 'ort-wasm-simd-threaded.asyncify.wasm']) {
        files.push({
          absoluteSrc: resolve(import.meta.dirname, 'node_modules/onnxruntime-web/dist', name),
          relativeDest: `ort/${name}`,
        });
      }
    },
  },
  imports: false,
  vite: ({ browser }) => ({
    plugins: [
      {
        // Only Firefox's background owns the inference worker; in Chrome the offscreen document does. Resolving the
        // background's local host to a stub keeps a second, unused copy of the worker (0.7 MB) out of Chrome builds.
        name: 'rapport-local-analysis-host',
        enforce: 'pre' as const,
        resolveId(source: string) {
          if (browser === 'firefox' || !source.endsWith('/local-analysis-host')) return null;
          return resolve(import.meta.dirname, 'lib/models/local-analysis-host.chrome.ts');
        },
      },
      webLlmUnbranched,
    ],
    // The drafting model's worker (`?worker`) is bundled by its own pipeline, with web-llm inside it.
    worker: { plugins: () => [webLlmUnbranched] },
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'activeTab', 'scripting', ...(browser === 'firefox' ? [] : ['offscreen'])],
    web_accessible_resources: [
      // The in-page drawer (where a page click may not open the side panel or sidebar) is the only page a web page may
      // load, and it renders nothing without the one-time ticket our content script puts in its URL (issue 20). Chrome
      // serves it only at a per-session URL; Firefox has no `use_dynamic_url`, and its closed shadow root keeps the
      // page from reading the frame's address.
      {
        resources: ['drawer.html'],
        matches: declaredSiteMatches,
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
    // Same hosts as the content script (no extra install warning): lets an update re-inject into open tabs.
    host_permissions: declaredSiteMatches,
    // Chrome only: team leads push pack URLs and settings through enterprise policy (storage.managed).
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed_schema.json' } }),
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    action: { default_title: '__MSG_actionTitle__' },
    commands: {
      'toggle-panel': {
        // Alt+Shift+R is taken by Chromium itself; Option+Shift+K types a character on macOS. See tests/unit/shortcut.test.ts.
        suggested_key: { default: 'Alt+Shift+K', mac: 'MacCtrl+Shift+K' },
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
