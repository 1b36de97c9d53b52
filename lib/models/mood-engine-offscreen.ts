/**
 * Chrome's mood engine: an offscreen document owns the inference worker (the service worker cannot own a long-lived
 * worker or WebGPU) and the background streams each request to it over the mood-engine port. One document serves
 * every tab, so the model is loaded once.
 */
import { browser } from 'wxt/browser';
import { AppError, deserializeError, serializeError } from '../errors';
import type { AnalysisHost } from './analysis-host';
import type { AnalysisResult } from './analysis-protocol';
import type { MoodModelSelection } from './hub-catalogue';
import type { MoodEngine } from './mood-engine';
import {
  isTrustedEnginePortSender,
  type MoodEngineAnswer,
  type MoodEnginePort,
  type MoodEngineRequest,
  moodEngineEventSchema,
  moodEnginePortName,
  moodEngineRequestSchema,
} from './mood-engine-port';
import { warmUpConversation } from './warm-up';

const badAnswer = () => new AppError('model/bad-answer', 'Unexpected answer from the analysis host.');

/** Sends one request over a fresh port and takes its streamed answer (see `createPortMoodEngine`). */
export async function askOverPort(
  connect: () => Promise<MoodEnginePort>,
  request: MoodEngineRequest,
  onPartial?: (result: AnalysisResult) => void,
): Promise<MoodEngineAnswer> {
  const port = await connect();
  return new Promise<MoodEngineAnswer>((resolve, reject) => {
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      finish();
      port.disconnect();
    };
    port.onMessage.addListener((raw) => {
      const parsed = moodEngineEventSchema.safeParse(raw);
      if (!parsed.success) return settle(() => reject(badAnswer()));
      const event = parsed.data;
      if (event.type === 'partial') {
        if (settled) return;
        try {
          onPartial?.(event.result);
        } catch {
          // A failing progress listener must not lose the final answer.
        }
        return;
      }
      if (event.type === 'error') return settle(() => reject(deserializeError(event.error)));
      settle(() => resolve(event.answer));
    });
    port.onDisconnect.addListener(() => {
      settle(() => reject(new AppError('model/host-gone', 'The analysis host closed before it answered; try again.')));
    });
    port.postMessage(request);
  });
}

/**
 * A mood engine that sends every request over a fresh port from `connect` and takes the streamed answer: partial
 * results go to the caller's listener, `done` resolves, `error` rejects with the host's code, and a port closed
 * before its answer (the document went away) rejects too.
 */
export function createPortMoodEngine(connect: () => Promise<MoodEnginePort>): MoodEngine {
  const ask = (request: MoodEngineRequest, onPartial?: (result: AnalysisResult) => void) =>
    askOverPort(connect, request, onPartial);

  const engine: MoodEngine = {
    async analyze(conversation, onPartial) {
      const answer = await ask({ type: 'analyze', conversation }, onPartial);
      if (answer.kind !== 'analysis') throw badAnswer();
      return answer.result;
    },
    async analyzeText(text) {
      const answer = await ask({ type: 'analyze-text', text });
      if (answer.kind !== 'text-mood') throw badAnswer();
      return answer.mood;
    },
    async selectMoodModel(selection) {
      const answer = await ask({ type: 'select-model', selection, restore: false });
      if (answer.kind !== 'model-state') throw badAnswer();
      return answer.state;
    },
    async moodModelState() {
      const answer = await ask({ type: 'get-model-state' });
      if (answer.kind !== 'model-state') throw badAnswer();
      return answer.state;
    },
    /**
     * Sends one small conversation through the whole path (port, offscreen document, worker, early result). Runs on
     * every call: Chrome may have idled the document's worker since. Measured in headless Chromium: the first mood
     * after a cold start took ~0.2 s longer than the next one without this.
     */
    async warmUp() {
      await engine.analyze(warmUpConversation, () => undefined);
    },
  };
  return engine;
}

/**
 * Makes sure the offscreen document exists and, when it had to be created, replays the stored model choice to it (a
 * fresh document starts on the bundled model and cannot read storage itself).
 */
function createOffscreenDocumentKeeper(readSelection: () => Promise<MoodModelSelection>) {
  let creating: Promise<void> | null = null;
  const url = browser.runtime.getURL('/offscreen.html');
  const exists = async () =>
    (await browser.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] })).length > 0;

  async function create(): Promise<void> {
    try {
      await browser.offscreen.createDocument({
        url: 'offscreen.html',
        reasons: ['WORKERS'],
        justification: 'Runs the on-device mood model in a worker shared by every tab.',
      });
    } catch (error) {
      // Created between our check and our call (a restarted service worker's earlier call): that is fine.
      if (await exists()) return;
      throw error;
    }
    // The host keeps an explicit choice that overtook this replay (AnalysisHost.selectMoodModel).
    const selection = await readSelection();
    await askOverPort(async () => openPort(), { type: 'select-model', selection, restore: true }).catch(() => {
      // The document stays on the bundled model, which still answers; the settings page shows which model is in use.
    });
  }

  return async function ensureDocument(): Promise<void> {
    if (!creating && (await exists())) return;
    creating ??= create().finally(() => {
      creating = null;
    });
    await creating;
  };
}

function openPort(): MoodEnginePort {
  const port = browser.runtime.connect({ name: moodEnginePortName });
  port.onDisconnect.addListener(() => {
    // Read so Chrome does not log it as unchecked: a port the document closed (or never took) rejects its request.
    void browser.runtime.lastError;
  });
  return port;
}

/** Chrome's engine, used by the background: creates the offscreen document on demand and streams to it. */
export function createOffscreenMoodEngine(readSelection: () => Promise<MoodModelSelection>): MoodEngine {
  const ensureDocument = createOffscreenDocumentKeeper(readSelection);
  return createPortMoodEngine(async () => {
    await ensureDocument();
    return openPort();
  });
}

/** What the port serves: the analysis host, or a stand-in in tests. */
export type MoodEngineHost = Pick<AnalysisHost, 'analyze' | 'analyzeText' | 'selectMoodModel' | 'moodModelState'>;

/** Answers the one request arriving on `port` from `host`, streaming an analysis's early result first. */
export function answerMoodEnginePort(port: MoodEnginePort, host: MoodEngineHost): void {
  let open = true;
  port.onDisconnect.addListener(() => {
    open = false;
  });
  const post = (event: Parameters<MoodEnginePort['postMessage']>[0]) => {
    if (!open) return;
    try {
      port.postMessage(event);
    } catch {
      // The background went away (its service worker stopped): nobody is left to answer.
      open = false;
    }
  };
  port.onMessage.addListener((raw) => {
    void answer(raw)
      .then((result) => post({ type: 'done', answer: result }))
      .catch((error: unknown) => post({ type: 'error', error: serializeError(error) }));
  });

  async function answer(raw: unknown): Promise<MoodEngineAnswer> {
    const parsed = moodEngineRequestSchema.safeParse(raw);
    if (!parsed.success) throw new AppError('messaging/bad-payload', 'The mood engine request is invalid.');
    const request = parsed.data;
    switch (request.type) {
      case 'analyze':
        return {
          kind: 'analysis',
          result: await host.analyze(request.conversation, (early) => post({ type: 'partial', result: early })),
        };
      case 'analyze-text':
        return { kind: 'text-mood', mood: await host.analyzeText(request.text) };
      case 'select-model':
        return { kind: 'model-state', state: host.selectMoodModel(request.selection, { restore: request.restore }) };
      case 'get-model-state':
        return { kind: 'model-state', state: host.moodModelState() };
    }
  }
}

/**
 * The offscreen document's side: serves the mood-engine port from `host`, to our background only (a content script
 * or a page framed in a tab is refused).
 */
export function serveMoodEngine(host: MoodEngineHost): void {
  const origin = browser.runtime.getURL('/');
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== moodEnginePortName) return;
    if (!isTrustedEnginePortSender(port.sender, browser.runtime.id, origin)) {
      port.disconnect();
      return;
    }
    answerMoodEnginePort(port, host);
  });
}
