import { browser } from 'wxt/browser';
import type { MessageMood } from '../analysis/types';
import { sendToExtension } from '../messaging';
import type { Conversation } from '../sites/types';
import type { AnalysisHost } from './analysis-host';
import type { AnalysisResult } from './analysis-protocol';

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

let localHost: Promise<AnalysisHost> | null = null;

/** Firefox: the background page owns the worker itself (loaded on first use, so start-up stays light). */
function getLocalHost(): Promise<AnalysisHost> {
  localHost ??= import('./analysis-host').then((module) => module.createExtensionAnalysisHost());
  return localHost;
}

/** Analyses a conversation in the one shared analysis host. */
export async function analyzeConversation(conversation: Conversation): Promise<AnalysisResult> {
  if (import.meta.env.FIREFOX) return (await getLocalHost()).analyze(conversation);
  await ensureAnalysisHost();
  return sendToExtension('analyzeConversation', { conversation });
}

/** Mood of a draft (tone check), asked from a panel or options page. */
export async function analyzeDraftText(text: string): Promise<MessageMood> {
  await ensureAnalysisHost();
  return sendToExtension('analyzeDraft', { text });
}

/** Firefox background: analyses a draft in the worker it owns. */
export async function analyzeDraftLocally(text: string): Promise<MessageMood> {
  return (await getLocalHost()).analyzeText(text);
}
