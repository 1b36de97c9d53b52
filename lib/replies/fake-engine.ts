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
}

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

  async dispose(): Promise<void> {
    this.#status.set({ state: 'idle' });
  }

  async *#stream(parts: { slot: DraftSlot; text: string }[], signal?: AbortSignal): AsyncGenerator<DraftEvent> {
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
