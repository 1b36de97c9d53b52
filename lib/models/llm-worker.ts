/**
 * The web-llm worker: the drafting model runs here, off the panel's main thread, and the panel talks to it through
 * `CreateWebWorkerMLCEngine`. The page that owns the panel creates it with
 * `new Worker(new URL('../models/llm-worker.ts', import.meta.url), { type: 'module' })`.
 *
 * Every message passes `LibraryGuard` first, so web-llm here only ever loads model libraries whose bytes match a
 * SHA-256 shipped in the extension (issue 20), whatever app config the panel sends.
 */
import { WebWorkerMLCEngineHandler } from '@mlc-ai/web-llm';
import { LibraryGuard } from './webllm-libs';

const handler = new WebWorkerMLCEngineHandler();
// Without an app config web-llm falls back to its prebuilt list (GitHub branch URLs, no hashes): start from none.
handler.engine.setAppConfig(LibraryGuard.emptyAppConfig);
const guard = new LibraryGuard();

self.onmessage = (event: MessageEvent<unknown>) => {
  const verdict = guard.screen(event.data);
  if ('reply' in verdict) {
    self.postMessage(verdict.reply);
    return;
  }
  handler.onmessage(verdict.forward);
};
