import { env } from '@huggingface/transformers';
import { browser } from 'wxt/browser';

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
  /** Where ONNX Runtime's `.wasm` files are served from inside the extension (never a CDN). */
  wasmPaths?: WasmPaths;
  /** Defaults to `cpu` in Node and `wasm` elsewhere; WebGPU only when the caller probed an adapter. */
  device?: InferenceDevice;
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
export function configureTransformersForBundled(opts: BundledRuntimeOptions): {
  modelBase: string;
  device: InferenceDevice;
} {
  const modelBase = opts.modelBase ?? defaultModelBase();
  env.localModelPath = modelBase.endsWith('/') ? modelBase : `${modelBase}/`;
  env.allowLocalModels = true;
  if (isNodeRuntime()) env.allowRemoteModels = false;
  const wasm = env.backends.onnx.wasm;
  if (opts.wasmPaths && wasm) wasm.wasmPaths = opts.wasmPaths;
  return { modelBase: env.localModelPath, device: opts.device ?? defaultDevice() };
}
