import { browser } from 'wxt/browser';

let creating: Promise<void> | null = null;

/**
 * Makes sure the page that owns the inference worker exists. Chrome: an offscreen document (the service worker
 * cannot own a long-lived worker or WebGPU). Firefox: the background page owns it, so nothing is needed.
 * One host serves every tab, so the model is loaded once.
 */
export async function ensureAnalysisHost(): Promise<void> {
  if (import.meta.env.FIREFOX) return;
  const url = browser.runtime.getURL('/offscreen.html');
  const existing = await browser.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] });
  if (existing.length > 0) return;
  creating ??= browser.offscreen
    .createDocument({
      url: 'offscreen.html',
      reasons: ['WORKERS'],
      justification: 'Runs the on-device mood model in a worker shared by every tab.',
    })
    .finally(() => {
      creating = null;
    });
  await creating;
}
