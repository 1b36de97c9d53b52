import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { OutputOptions, PluginContext, PreRenderedChunk, RollupLog } from 'rollup';
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

/**
 * Vite bundles every `?worker` import in a build of its own, so a library that both a page and its worker import ships
 * twice: web-llm (6 MB) in the panel's engine client and in the drafting worker, transformers.js in the model settings
 * and in the analysis worker. In the pages' build this emits each worker as a module-worker chunk of that same build
 * instead, so rollup gives each library one chunk that the pages and the workers share. Scripts (background, content)
 * are built one file each (IIFE), where a worker cannot share chunks; Vite's own `?worker` handles them, and `wxt dev`.
 */
function sharedChunkWorkers() {
  const prefix = '\0rapport-module-worker:';
  const workerFiles = new Set<string>();
  let isPagesBuild = false;
  return {
    name: 'rapport-shared-chunk-workers',
    enforce: 'pre' as const,
    configResolved(config: { command: string; build: { lib: unknown } }) {
      isPagesBuild = config.command === 'build' && !config.build.lib;
    },
    async resolveId(this: PluginContext, source: string, importer: string | undefined) {
      if (!isPagesBuild || !source.endsWith('?worker')) return null;
      const resolved = await this.resolve(source.slice(0, -'?worker'.length), importer, { skipSelf: true });
      return resolved ? `${prefix}${resolved.id}` : null;
    },
    load(this: PluginContext, id: string) {
      if (!id.startsWith(prefix)) return null;
      const file = id.slice(prefix.length);
      workerFiles.add(file);
      const ref = this.emitFile({ type: 'chunk', id: file, name: basename(file).replace(/\.[cm]?[jt]s$/u, '') });
      // Same shape as Vite's `?worker` default export: `new Worker()` with an optional `{ name }`.
      return `export default function ModuleWorker(options) {
  return new Worker(import.meta.ROLLUP_FILE_URL_${ref}, { type: 'module', name: options?.name });
}`;
    },
    // Workers stay where Vite's `?worker` put them (`assets/<name>-<hash>.js`); shared chunks stay in `chunks/`.
    outputOptions(output: OutputOptions): OutputOptions | null {
      if (!isPagesBuild) return null;
      const chunkFileNames = output.chunkFileNames ?? 'chunks/[name]-[hash].js';
      return {
        ...output,
        chunkFileNames: (chunk: PreRenderedChunk) => {
          if (chunk.facadeModuleId !== null && workerFiles.has(chunk.facadeModuleId)) return 'assets/[name]-[hash].js';
          return typeof chunkFileNames === 'function' ? chunkFileNames(chunk) : chunkFileNames;
        },
      };
    },
  };
}

/**
 * ONNX Runtime's wasm gzip-compressed (26.9 MB → 6.6 MB), for `lib/models/transformers-env.ts` to inflate with
 * `DecompressionStream`: the binary was over half the package. Made from node_modules at build time, never committed,
 * and kept in node_modules/.cache under the binary's hash, since level 9 takes seconds on every build otherwise.
 */
function gzippedOrtWasm(name: string): string {
  const source = readFileSync(resolve(import.meta.dirname, 'node_modules/onnxruntime-web/dist', name));
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const dir = resolve(import.meta.dirname, 'node_modules/.cache/rapport-ort');
  const target = resolve(dir, `${hash}-${name}.gz`);
  if (!existsSync(target)) {
    mkdirSync(dir, { recursive: true });
    // Written aside, then renamed: parallel builds never copy a half-written file.
    const partial = `${target}.${process.pid}.tmp`;
    writeFileSync(partial, gzipSync(source, { level: 9 }));
    renameSync(partial, target);
  }
  return target;
}

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
    // WASM and the WebGPU backends that transformers.js uses. The factory stays as it is (ORT imports it by URL);
    // the binary ships compressed (see `gzippedOrtWasm`).
    'build:publicAssets': (_wxt, files) => {
      const factory = 'ort-wasm-simd-threaded.asyncify.mjs';
      const binary = 'ort-wasm-simd-threaded.asyncify.wasm';
      files.push(
        {
          absoluteSrc: resolve(import.meta.dirname, 'node_modules/onnxruntime-web/dist', factory),
          relativeDest: `ort/${factory}`,
        },
        { absoluteSrc: gzippedOrtWasm(binary), relativeDest: `ort/${binary}.gz` },
      );
    },
  },
  imports: false,
  vite: () => ({
    plugins: [sharedChunkWorkers(), webLlmUnbranched],
    // Where Vite's own `?worker` pipeline still runs (`wxt dev`, a script's worker), web-llm gets the same rewrite.
    worker: { plugins: () => [webLlmUnbranched] },
    build: {
      // Three vendor chunks pass Vite's 500 kB default and cannot be split further: web-llm (one prebuilt 6 MB file
      // with its tokenizer's wasm inlined; loaded only by the drafting worker and, lazily, by the panel once drafting
      // starts), transformers.js with ONNX Runtime's glue (the analysis worker and the model settings) and the panel's
      // shared React chunk. The package's total size is watched by `npm run bench` (scripts/bench/size.ts) instead.
      chunkSizeWarningLimit: 7000,
      rollupOptions: {
        onwarn(warning: RollupLog, warn: (warning: RollupLog) => void) {
          // zod 4 ships `@__PURE__` comments where Rollup cannot use them; Rollup drops them, nothing changes in the output.
          if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('/node_modules/zod/')) return;
          warn(warning);
        },
      },
    },
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
