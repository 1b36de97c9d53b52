/**
 * The web-llm worker: the drafting model runs here, off the panel's main thread, and the panel talks to it through
 * `CreateWebWorkerMLCEngine`. The page that owns the panel creates it with
 * `new Worker(new URL('../models/llm-worker.ts', import.meta.url), { type: 'module' })`.
 */
import { WebWorkerMLCEngineHandler } from '@mlc-ai/web-llm';

const handler = new WebWorkerMLCEngineHandler();

self.onmessage = (event: MessageEvent) => {
  handler.onmessage(event);
};
