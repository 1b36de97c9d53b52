import { env } from '@huggingface/transformers';
import { browser } from 'wxt/browser';
import { AppError } from '../errors';

/** Where inference runs: ONNX Runtime's CPU build in Node, its WASM or WebGPU build in the extension. */
export type InferenceDevice = 'webgpu' | 'wasm' | 'cpu';

/** ONNX Runtime's own type for wasm file locations (a prefix, or explicit `.wasm`/`.mjs` URLs). */
export type WasmPaths = NonNullable<NonNullable<typeof env.backends.onnx.wasm>['wasmPaths']>;

/** Options shared by the bundled models. */
export interface BundledRuntimeOptions {
  /**
   * Folder (Node: a path on disk) or URL (extension: `browser.runtime.getURL('/models/')`) holding the model folders.
   * Defaults to `<cwd>/public/models/` in Node and the extension's `/models/` elsewhere.
   */
  modelBase?: string;
  /**
   * Where ONNX Runtime's files are served from inside the extension (never a CDN); a binary ending in `.gz` is
   * inflated here (`prepareOrtWasm`); wxt.config.ts compresses it at build time.
   */
  wasmPaths?: WasmPaths;
  /** Defaults to `cpu` in Node and `wasm` elsewhere; WebGPU only when the caller probed an adapter. */
  device?: InferenceDevice;
}

/** Fetches a gzip-compressed file and inflates it; rejects with `model/load-failed` naming the URL. */
export async function fetchGunzipped(url: string): Promise<ArrayBuffer> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new AppError('model/load-failed', `ONNX Runtime's binary could not be read from ${url}.`, { cause: error });
  }
  if (!response.ok || !response.body) {
    throw new AppError('model/load-failed', `ONNX Runtime's binary is missing at ${url} (HTTP ${response.status}).`);
  }
  try {
    return await new Response(response.body.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
  } catch (error) {
    throw new AppError('model/load-failed', `ONNX Runtime's binary at ${url} is not valid gzip.`, { cause: error });
  }
}

let ortBinary: { url: string; ready: Promise<void> } | undefined;

/**
 * Sets ONNX Runtime's wasm locations. A binary named `….gz` is fetched and inflated once, then handed over as
 * `wasmBinary` (ORT then fetches no binary itself, and still imports the factory from `mjs`). ORT reads these settings
 * once, when its first session starts, so every model load in this context awaits this first (`whenOrtWasmReady` for
 * loads that do not pass through here): a session started earlier would run ORT without its binary for good.
 */
export function prepareOrtWasm(paths: WasmPaths): Promise<void> {
  const wasm = env.backends.onnx.wasm;
  if (!wasm) return Promise.resolve();
  const binaryUrl = typeof paths === 'object' ? paths.wasm : undefined;
  const gzUrl = typeof binaryUrl === 'string' ? binaryUrl : binaryUrl?.href;
  if (!gzUrl?.endsWith('.gz') || typeof paths !== 'object') {
    wasm.wasmPaths = paths;
    return Promise.resolve();
  }
  if (ortBinary?.url === gzUrl) return ortBinary.ready;
  const current = {
    url: gzUrl,
    ready: fetchGunzipped(gzUrl).then((binary) => {
      wasm.wasmBinary = binary;
      // ORT ignores `wasm` once it has the binary; only the factory's URL is still read.
      wasm.wasmPaths = paths.mjs === undefined ? {} : { mjs: paths.mjs };
    }),
  };
  ortBinary = current;
  // A failed read may be retried by the next load (a transient fetch error, say).
  current.ready.catch(() => {
    if (ortBinary === current) ortBinary = undefined;
  });
  return current.ready;
}

/** Resolves once `prepareOrtWasm`'s binary (if one is being inflated in this context) has been handed to ORT. */
export async function whenOrtWasmReady(): Promise<void> {
  await ortBinary?.ready;
}

/** True when running under Node (scripts, tests) rather than in an extension page or worker. */
export function isNodeRuntime(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}

/** The default folder or URL of the bundled models for the current runtime. */
export function defaultModelBase(): string {
  if (isNodeRuntime()) return `${process.cwd()}/public/models/`;
  return new URL('models/', browser.runtime.getURL('/')).href;
}

/** The default device for the current runtime. */
export function defaultDevice(): InferenceDevice {
  return isNodeRuntime() ? 'cpu' : 'wasm';
}

/**
 * Points transformers.js at the bundled model folders and the extension's own wasm files. transformers.js keeps these
 * in one global `env`, so this only sets what the bundled models need and leaves remote loading to Hub-model code;
 * the bundled models additionally load with `local_files_only` so they never reach for the network.
 */
export async function configureTransformersForBundled(opts: BundledRuntimeOptions): Promise<{
  modelBase: string;
  device: InferenceDevice;
}> {
  const modelBase = opts.modelBase ?? defaultModelBase();
  env.localModelPath = modelBase.endsWith('/') ? modelBase : `${modelBase}/`;
  env.allowLocalModels = true;
  if (isNodeRuntime()) env.allowRemoteModels = false;
  const localModelPath = env.localModelPath;
  if (opts.wasmPaths) await prepareOrtWasm(opts.wasmPaths);
  return { modelBase: localModelPath, device: opts.device ?? defaultDevice() };
}
