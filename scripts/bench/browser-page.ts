/**
 * The bench-only page script (bundled by scripts/bench/browser.ts into a copy of the built extension, never into the
 * product build): runs the bundled mood model through transformers.js on WASM or WebGPU inside an extension page.
 */
import { env } from '@huggingface/transformers';
import { createBundledMoodModel } from '../../lib/models/bundled-model';

/** What one backend measured. */
export interface PageBenchResult {
  device: 'wasm' | 'webgpu';
  loadMs: number;
  latenciesMs: number[];
  batchMessagesPerSecond: number;
  error?: string;
}

async function runBench(device: 'wasm' | 'webgpu', texts: string[]): Promise<PageBenchResult> {
  env.useWasmCache = false;
  const onnx = env.backends.onnx;
  if (onnx.wasm) onnx.wasm.numThreads = 1;
  const base = new URL('/', location.href);
  const model = createBundledMoodModel({
    modelBase: new URL('models/', base).href,
    wasmPaths: {
      mjs: new URL('ort/ort-wasm-simd-threaded.asyncify.mjs', base).href,
      wasm: new URL('ort/ort-wasm-simd-threaded.asyncify.wasm.gz', base).href,
    },
    device,
    batchSize: 16,
  });
  try {
    const started = performance.now();
    await model.load();
    const loadMs = performance.now() - started;
    await model.classify(texts.slice(0, 2));
    const latenciesMs: number[] = [];
    for (const text of texts) {
      const t = performance.now();
      await model.classify([text]);
      latenciesMs.push(performance.now() - t);
    }
    const t = performance.now();
    await model.classify(texts);
    const batchMessagesPerSecond = texts.length / ((performance.now() - t) / 1000);
    return { device, loadMs, latenciesMs, batchMessagesPerSecond };
  } catch (error) {
    return {
      device,
      loadMs: 0,
      latenciesMs: [],
      batchMessagesPerSecond: 0,
      error: error instanceof Error ? error.message : String(error),
    };
  } finally {
    await model.dispose().catch(() => {
      // Nothing to release when loading failed.
    });
  }
}

Object.assign(globalThis, { rapportBench: runBench });
document.title = 'bench-ready';
