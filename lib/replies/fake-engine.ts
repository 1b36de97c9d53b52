import { summarizeConversation } from '../analysis/conversation-summary';
import { AppError, type ErrorCode } from '../errors';
import {
  cancelledError,
  type DraftEvent,
  type DraftRequest,
  type DraftSlot,
  type EngineCallOptions,
  pause,
  pickVariants,
  type ReplyEngine,
  type ReplyEngineStatus,
  type RewriteInstruction,
  StatusStore,
} from './engine';
import { type SummaryRequest, summaryLabels } from './model-summary';
import { composeScriptedDraft } from './scripted-draft';
import { chunkText } from './template-engine';

/** What the fake writes for a slot; `rewrite` is set for rewrites. */
export type FakeScript = (
  request: DraftRequest,
  slot: DraftSlot,
  rewrite?: { text: string; instruction: RewriteInstruction },
) => string;

export interface FakeEngineOptions {
  id?: string;
  script?: FakeScript;
  /** Pause before each streamed token, in ms (5 by default). */
  tokenDelayMs?: number;
  /** Simulated download: number of progress steps (0 = already cached) and pause per step. */
  downloadSteps?: number;
  stepDelayMs?: number;
  /** Reported download size. */
  totalBytes?: number;
  /** Makes `load` fail with this error. */
  failLoad?: { code: ErrorCode; message: string };
  /** Makes a draft or rewrite fail after this many tokens (counted over the whole stream). */
  failAfterTokens?: { count: number; code: ErrorCode; message: string };
  /** What the fake answers when asked for a summary (`defaultFakeSummaryScript` unless set). */
  summaryScript?: FakeSummaryScript;
}

/** What the fake answers to a summary request: the model's raw text, labelled lines or not. */
export type FakeSummaryScript = (request: SummaryRequest) => string;

// An instruction to a summariser written into the conversation ("when you summarise this, say …"): the demo model
// follows it, as small models often do despite the prompt, so the demo and the tests show the check that catches it.
const injectedInstruction = [
  /\b(?:when|if) you summari[sz]e (?:this|the conversation|the ticket)[,:]?\s+(?:please\s+)?(?:say|write|state) (?:that )?([^.!?\n]{3,120})/iu,
  /\bwenn du (?:das|dies|diese unterhaltung|das ticket) zusammenfasst[,:]?\s+(?:schreib|sag)e?,?\s+(?:dass )?([^.!?\n]{3,120})/iu,
];

function followedInstruction(request: SummaryRequest): string | undefined {
  for (const message of request.conversation.messages) {
    if (message.role !== 'customer' || !message.bodyLoaded) continue;
    for (const pattern of injectedInstruction) {
      const said = pattern.exec(message.text)?.[1]?.trim();
      if (said) return `${said.charAt(0).toUpperCase()}${said.slice(1)}.`;
    }
  }
  return undefined;
}

/**
 * The default summary script: the labelled lines a model is asked for, in the conversation's language, carrying the
 * sentences the extractive summary picks (so the demo's summary is as grounded as its quotes) — unless a customer
 * message tells the summariser what to say, which this demo model obeys (see `injectedInstruction`).
 */
export const defaultFakeSummaryScript: FakeSummaryScript = (request) => {
  const labels = summaryLabels(request.language);
  const extractive = summarizeConversation(request.conversation);
  const textOf = (kind: 'request' | 'happened' | 'open'): string | undefined =>
    extractive.lines.find((line) => line.kind === kind)?.text;
  const request_ = textOf('request');
  const happened = followedInstruction(request) ?? textOf('happened');
  return [
    request_ ? `${labels.request}: ${request_}` : '',
    happened ? `${labels.happened}: ${happened}` : '',
    `${labels.open}: ${textOf('open') ?? labels.nothing}`,
  ]
    .filter((line) => line !== '')
    .join('\n');
};

/** A call the fake received, for assertions. */
export type FakeCall =
  | { kind: 'draft'; request: DraftRequest }
  | { kind: 'rewrite'; text: string; instruction: RewriteInstruction; request: DraftRequest };

const rewriteLabels: Record<RewriteInstruction, string> = {
  'more-empathetic': 'empathetic',
  shorter: 'short',
  'more-formal': 'formal',
  'more-informal': 'informal',
  translate: 'translated',
};

/**
 * The default script: a draft composed for the conversation (`composeScriptedDraft`: its request, the customer's
 * state and the facts they gave, in its language and du/Sie, claiming nothing the conversation does not show), so the
 * demo and end-to-end tests see drafts that fit. A rewrite is the text with the instruction marked.
 */
export const defaultFakeScript: FakeScript = (request, slot, rewrite) => {
  if (rewrite) return `${rewrite.text.trim()} (${rewriteLabels[rewrite.instruction]})`;
  return slot === 'rewrite' ? '' : composeScriptedDraft(request, slot);
};

/**
 * A real `ReplyEngine` without a model, for unit and end-to-end tests and the demo (the settings' "scripted demo"): it walks through a download,
 * streams scripted tokens, honours cancellation, and fails on request exactly where a real engine would.
 */
export class FakeReplyEngine implements ReplyEngine {
  readonly id: string;
  readonly kind = 'fake';
  readonly reason = undefined;
  /** Every draft and rewrite request, in order. */
  readonly calls: FakeCall[] = [];
  /** Every summary request, in order. */
  readonly summaries: SummaryRequest[] = [];
  /** Draft and rewrite streams being read now, and started so far (a summary yields to them). */
  #streaming = 0;
  #streamsStarted = 0;
  readonly #status = new StatusStore();
  readonly #options: FakeEngineOptions;
  readonly #script: FakeScript;
  #tokens = 0;

  constructor(options: FakeEngineOptions = {}) {
    this.#options = options;
    this.id = options.id ?? 'fake-llm';
    this.#script = options.script ?? defaultFakeScript;
  }

  get status(): ReplyEngineStatus {
    return this.#status.value;
  }

  subscribe(listener: (status: ReplyEngineStatus) => void): () => void {
    return this.#status.subscribe(listener);
  }

  async load(options: EngineCallOptions = {}): Promise<void> {
    const { signal } = options;
    const steps = this.#options.downloadSteps ?? 2;
    const totalBytes = this.#options.totalBytes ?? 1_000_000;
    for (let step = 1; step <= steps; step++) {
      await pause(this.#options.stepDelayMs ?? 1, signal);
      if (signal?.aborted) {
        this.#status.set({ state: 'idle' });
        throw cancelledError();
      }
      const progress = step / steps;
      this.#status.set({
        state: 'downloading',
        progress,
        loadedBytes: Math.round(totalBytes * progress),
        totalBytes,
        text: `Fetching ${step}/${steps}`,
      });
    }
    this.#status.set({ state: 'loading', progress: 1, text: 'Loading' });
    if (this.#options.failLoad) {
      const { code, message } = this.#options.failLoad;
      this.#status.set({ state: 'error', code, reason: message });
      throw new AppError(code, message);
    }
    this.#status.set({ state: 'ready', modelId: this.id });
  }

  draft(request: DraftRequest, options: EngineCallOptions = {}): AsyncIterable<DraftEvent> {
    this.calls.push({ kind: 'draft', request });
    const slots = request.variants ?? pickVariants(request.mood);
    return this.#stream(
      slots.map((slot) => ({ slot, text: this.#script(request, slot) })),
      options.signal,
    );
  }

  rewrite(
    text: string,
    instruction: RewriteInstruction,
    request: DraftRequest,
    options: EngineCallOptions = {},
  ): AsyncIterable<DraftEvent> {
    this.calls.push({ kind: 'rewrite', text, instruction, request });
    return this.#stream(
      [{ slot: 'rewrite', text: this.#script(request, 'rewrite', { text, instruction }) }],
      options.signal,
    );
  }

  /**
   * A summary from `summaryScript`, after a pause per line, only once loaded. Like web-llm's it yields to drafts: it
   * waits while a draft or rewrite streams and stops with `replies/summary-preempted` when one starts meanwhile.
   */
  async summarize(request: SummaryRequest, options: EngineCallOptions = {}): Promise<string> {
    const { signal } = options;
    if (this.#status.value.state !== 'ready') {
      throw new AppError('model/not-loaded', 'The writing model is not loaded yet.');
    }
    this.summaries.push(request);
    const delay = Math.max(1, (this.#options.tokenDelayMs ?? 5) * 4);
    while (this.#streaming > 0) {
      await pause(delay, signal);
      if (signal?.aborted) throw cancelledError();
    }
    const started = this.#streamsStarted;
    const text = (this.#options.summaryScript ?? defaultFakeSummaryScript)(request);
    for (let line = 0; line < 3; line++) {
      await pause(delay, signal);
      if (signal?.aborted) throw cancelledError();
      if (this.#streamsStarted !== started) {
        throw new AppError('replies/summary-preempted', 'A draft was asked for; the summary waits.');
      }
    }
    return text;
  }

  async dispose(): Promise<void> {
    this.#status.set({ state: 'idle' });
  }

  async *#stream(parts: { slot: DraftSlot; text: string }[], signal?: AbortSignal): AsyncGenerator<DraftEvent> {
    this.#streaming++;
    this.#streamsStarted++;
    try {
      yield* this.#streamParts(parts, signal);
    } finally {
      this.#streaming--;
    }
  }

  async *#streamParts(parts: { slot: DraftSlot; text: string }[], signal?: AbortSignal): AsyncGenerator<DraftEvent> {
    if (this.#status.value.state !== 'ready') {
      yield { type: 'error', code: 'model/not-loaded', message: 'The writing model is not loaded yet.' };
      return;
    }
    const fail = this.#options.failAfterTokens;
    for (const { slot, text } of parts) {
      yield { type: 'variant-start', variant: slot };
      let written = '';
      for (const token of chunkText(text, 1)) {
        await pause(this.#options.tokenDelayMs ?? 5, signal);
        if (signal?.aborted) {
          const cancelled = cancelledError();
          yield { type: 'error', code: cancelled.code, message: cancelled.message };
          return;
        }
        if (fail && this.#tokens >= fail.count) {
          if (fail.code === 'model/device-lost') {
            this.#status.set({ state: 'error', code: fail.code, reason: fail.message });
          }
          yield { type: 'error', code: fail.code, message: fail.message };
          return;
        }
        this.#tokens++;
        written += token;
        yield { type: 'token', variant: slot, text: token };
      }
      yield { type: 'variant-end', variant: slot, text: written };
    }
    yield { type: 'done' };
  }
}
