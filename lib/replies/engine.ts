import type { ConversationMood, Language } from '../analysis/types';
import type { TemplateRecord } from '../db';
import { AppError, type ErrorCode, type SerializedError, serializeError } from '../errors';
import { createTranslator } from '../i18n';
import type { Intent } from '../models/types';
import type { ReplySettings } from '../settings';
import type { Conversation } from '../sites/types';
import type { SummaryRequest } from './model-summary';

/** The kinds of draft a request can ask for; the panel shows two or three side by side. */
export type DraftVariant = 'empathetic-detailed' | 'short' | 'de-escalating';
export const draftVariants: readonly DraftVariant[] = ['empathetic-detailed', 'short', 'de-escalating'];

/** A stream slot: one of the draft variants, or the single output of a rewrite. */
export type DraftSlot = DraftVariant | 'rewrite';

/** What a rewrite is asked to do with a text. */
export type RewriteInstruction = 'more-empathetic' | 'shorter' | 'more-formal' | 'more-informal' | 'translate';
export const rewriteInstructions: readonly RewriteInstruction[] = [
  'more-empathetic',
  'shorter',
  'more-formal',
  'more-informal',
  'translate',
];

/** Everything a draft is grounded in. Built by the panel from the conversation, its analysis and settings. */
export interface DraftRequest {
  conversation: Conversation;
  /** The conversation's mood; absent while the analysis is still running. */
  mood?: ConversationMood;
  /** The intent classifier's best guess for the latest customer message. */
  intent?: { intent: Intent; p: number };
  /** The best-matching team templates, best first (already filtered to the conversation's language). */
  templates: TemplateRecord[];
  /** The team's brand voice, policy text and German formality. */
  replies: Pick<ReplySettings, 'brandVoice' | 'policyText' | 'germanFormality'>;
  /** The name drafts are signed with ('' leaves a visible placeholder). */
  agentName: string;
  /** Reply language; defaults to the mood's detected language, then English. */
  language?: Language;
  /** Which variants to draft, in order; defaults to `pickVariants(mood)`. */
  variants?: DraftVariant[];
}

/**
 * Events of a draft or rewrite stream. Plain data so the stream can cross a named port unchanged.
 * A stream ends with exactly one `done` or one `error`; `fallback` means the engine switched to templates mid-way
 * and the variants start again from the fallback engine.
 */
export type DraftEvent =
  | { type: 'variant-start'; variant: DraftSlot }
  | { type: 'token'; variant: DraftSlot; text: string }
  /** `text` is the whole variant as written, so a late subscriber need not replay tokens. */
  | { type: 'variant-end'; variant: DraftSlot; text: string }
  | { type: 'fallback'; engine: 'templates'; code: ErrorCode; message: string }
  | { type: 'error'; code: ErrorCode; message: string }
  | { type: 'done' };

/** A reply engine's lifecycle as the panel renders it. */
export type ReplyEngineStatus =
  | { state: 'idle' }
  | { state: 'downloading'; progress: number; loadedBytes: number; totalBytes: number; text: string }
  | { state: 'loading'; progress: number; text: string }
  | { state: 'ready'; modelId: string }
  | { state: 'error'; code: ErrorCode; reason: string };

export interface EngineCallOptions {
  signal?: AbortSignal;
}

/** One interface for every way Rapport drafts replies: web-llm on WebGPU, team templates only, and the test fake. */
export interface ReplyEngine {
  readonly id: string;
  readonly kind: 'webllm' | 'templates' | 'fake';
  /** Why this engine is in use when it is a fallback (shown in the panel); undefined otherwise. */
  readonly reason: string | undefined;
  readonly status: ReplyEngineStatus;
  /** Calls `listener` on every status change; returns the unsubscribe function. */
  subscribe(listener: (status: ReplyEngineStatus) => void): () => void;
  /** Downloads (when needed) and loads the engine. Rejects with an `AppError`; aborting rejects `replies/cancelled`. */
  load(options?: EngineCallOptions): Promise<void>;
  /** Streams the requested variants one after the other. Never throws: failures arrive as an `error` event. */
  draft(request: DraftRequest, options?: EngineCallOptions): AsyncIterable<DraftEvent>;
  /** Streams one rewrite of `text` (a draft or the agent's own text) in the `rewrite` slot. */
  rewrite(
    text: string,
    instruction: RewriteInstruction,
    request: DraftRequest,
    options?: EngineCallOptions,
  ): AsyncIterable<DraftEvent>;
  /** Frees the engine (the web-llm worker and its GPU memory). */
  dispose(): Promise<void>;
  /**
   * Writes the three summary lines for the top of the panel (issue 22; prompt and checks in `model-summary.ts`) and
   * resolves with the model's whole answer, unchecked. Only engines with a model have it, and only once loaded: it
   * never loads or downloads anything. It yields to drafts: it waits behind them and stops with
   * `replies/summary-preempted` when the agent asks for one while it writes. Aborting rejects `replies/cancelled`.
   */
  summarize?(request: SummaryRequest, options?: EngineCallOptions): Promise<string>;
}

/** The codes that make the panel fall back to templates; each has a plain explanation. */
export type FallbackCode =
  | 'model/webgpu-unavailable'
  | 'model/out-of-memory'
  | 'model/device-lost'
  | 'model/download-failed'
  | 'model/load-failed'
  | 'model/library-unverified';

function explain(code: FallbackCode): { en: string; de: string } {
  return {
    en: createTranslator('en')(`writingModel.fallback.${code}`),
    de: createTranslator('de')(`writingModel.fallback.${code}`),
  };
}

/**
 * Plain explanations of why drafts come from templates only, in the two UI languages, from the catalogue's
 * `writingModel.fallback.<code>`.
 */
export const fallbackExplanations: Record<FallbackCode, { en: string; de: string }> = {
  'model/webgpu-unavailable': explain('model/webgpu-unavailable'),
  'model/out-of-memory': explain('model/out-of-memory'),
  'model/device-lost': explain('model/device-lost'),
  'model/download-failed': explain('model/download-failed'),
  'model/load-failed': explain('model/load-failed'),
  // Issue 20: a model library whose bytes do not match the SHA-256 shipped with Rapport is never run.
  'model/library-unverified': explain('model/library-unverified'),
};

/** Whether an error code means "use templates instead" rather than "show the error". */
export function isFallbackCode(code: string): code is FallbackCode {
  return code in fallbackExplanations;
}

/** The variants to draft for a mood: de-escalating only when the customer is upset. */
export function pickVariants(mood: ConversationMood | undefined): DraftVariant[] {
  if (!mood) return ['empathetic-detailed', 'short'];
  const upset = mood.offensive || mood.current.upset;
  return upset ? ['de-escalating', 'empathetic-detailed', 'short'] : ['empathetic-detailed', 'short'];
}

/** The reply language for a request: explicit, else the detected one, else English. */
export function resolveLanguage(request: DraftRequest): Language {
  return request.language ?? request.mood?.language ?? 'en';
}

/** The AppError an aborted call ends with. */
export function cancelledError(): AppError {
  return new AppError('replies/cancelled', 'Stopped by the agent.');
}

/**
 * Waits `ms` (at least one macrotask, so the panel can paint and an abort can land between chunks); resolves early,
 * without throwing, when `signal` aborts.
 */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Collects a whole stream into finished texts per slot (for tests, the bench and non-streaming callers). */
export async function collectDraft(
  events: AsyncIterable<DraftEvent>,
): Promise<{ texts: Partial<Record<DraftSlot, string>>; events: DraftEvent[]; error?: SerializedError }> {
  const texts: Partial<Record<DraftSlot, string>> = {};
  const seen: DraftEvent[] = [];
  let error: SerializedError | undefined;
  for await (const event of events) {
    seen.push(event);
    if (event.type === 'variant-end') texts[event.variant] = event.text;
    if (event.type === 'error') error = { code: event.code, message: event.message };
  }
  return error ? { texts, events: seen, error } : { texts, events: seen };
}

/** Turns anything thrown inside an engine into a terminal `error` event. */
export function toErrorEvent(error: unknown, signal?: AbortSignal): DraftEvent {
  if (signal?.aborted) {
    const cancelled = cancelledError();
    return { type: 'error', code: cancelled.code, message: cancelled.message };
  }
  const serialized = serializeError(error);
  return { type: 'error', code: serialized.code, message: serialized.message };
}

/** A small status holder with listeners, shared by the engines. */
export class StatusStore {
  #status: ReplyEngineStatus = { state: 'idle' };
  readonly #listeners = new Set<(status: ReplyEngineStatus) => void>();

  get value(): ReplyEngineStatus {
    return this.#status;
  }

  set(status: ReplyEngineStatus): void {
    this.#status = status;
    for (const listener of [...this.#listeners]) listener(status);
  }

  subscribe(listener: (status: ReplyEngineStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }
}

/**
 * A reply engine that uses `primary` (web-llm) and switches to templates for good when the primary fails for a
 * reason in `fallbackExplanations` — at load, or mid-draft (device lost). The switch is announced on the stream
 * with a `fallback` event, and `reason` says why in plain words.
 */
export class FallbackReplyEngine implements ReplyEngine {
  readonly id: string;
  #active: ReplyEngine;
  #reason: string | undefined;
  #fallbackCode: FallbackCode | undefined;
  readonly #status = new StatusStore();
  #unsubscribe: () => void;

  constructor(
    private readonly primary: ReplyEngine,
    private readonly createFallback: (reason: string) => ReplyEngine,
    private readonly uiLanguage: 'en' | 'de' = 'en',
  ) {
    this.id = `fallback(${primary.id})`;
    this.#active = primary;
    this.#unsubscribe = primary.subscribe((status) => this.#status.set(status));
    this.#status.set(primary.status);
  }

  get kind(): ReplyEngine['kind'] {
    return this.#active.kind;
  }

  get reason(): string | undefined {
    return this.#reason;
  }

  /** The code that caused the switch to templates, if it happened. */
  get fallbackCode(): FallbackCode | undefined {
    return this.#fallbackCode;
  }

  get status(): ReplyEngineStatus {
    return this.#status.value;
  }

  subscribe(listener: (status: ReplyEngineStatus) => void): () => void {
    return this.#status.subscribe(listener);
  }

  async load(options: EngineCallOptions = {}): Promise<void> {
    try {
      await this.#active.load(options);
    } catch (error) {
      const code = serializeError(error).code;
      if (this.#active !== this.primary || !isFallbackCode(code)) throw error;
      await this.#switchToFallback(code);
      await this.#active.load(options);
    }
  }

  draft(request: DraftRequest, options: EngineCallOptions = {}): AsyncIterable<DraftEvent> {
    return this.#withFallback((engine) => engine.draft(request, options), options.signal);
  }

  rewrite(
    text: string,
    instruction: RewriteInstruction,
    request: DraftRequest,
    options: EngineCallOptions = {},
  ): AsyncIterable<DraftEvent> {
    return this.#withFallback((engine) => engine.rewrite(text, instruction, request, options), options.signal);
  }

  /** The primary's summary while it is in use; templates write none (`replies/summary-unavailable`). */
  summarize(request: SummaryRequest, options: EngineCallOptions = {}): Promise<string> {
    const active = this.#active;
    if (!active.summarize) {
      return Promise.reject(new AppError('replies/summary-unavailable', 'Templates write no summary.'));
    }
    return active.summarize(request, options);
  }

  async dispose(): Promise<void> {
    this.#unsubscribe();
    await this.primary.dispose();
    if (this.#active !== this.primary) await this.#active.dispose();
  }

  async *#withFallback(
    run: (engine: ReplyEngine) => AsyncIterable<DraftEvent>,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<DraftEvent> {
    const first = this.#active;
    for await (const event of run(first)) {
      if (event.type === 'error' && first === this.primary && isFallbackCode(event.code)) {
        try {
          await this.#switchToFallback(event.code);
          await this.#active.load({ signal });
        } catch (error) {
          yield toErrorEvent(error, signal);
          return;
        }
        yield { type: 'fallback', engine: 'templates', code: event.code, message: this.#reason ?? event.message };
        yield* run(this.#active);
        return;
      }
      yield event;
    }
  }

  async #switchToFallback(code: FallbackCode): Promise<void> {
    this.#reason = fallbackExplanations[code][this.uiLanguage];
    this.#fallbackCode = code;
    this.#unsubscribe();
    const fallback = this.createFallback(this.#reason);
    this.#active = fallback;
    this.#unsubscribe = fallback.subscribe((status) => this.#status.set(status));
    this.#status.set(fallback.status);
    try {
      await this.primary.dispose();
    } catch {
      // The primary already failed; freeing what is left of it is best effort and must not hide the fallback.
    }
  }
}
