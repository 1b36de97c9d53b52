import type { InitProgressReport } from '@mlc-ai/web-llm';
import { AppError, type ErrorCode } from '../errors';
import { createTranslator, formatBytes } from '../i18n';
import { createJobQueue } from '../models/job-queue';
import { type NavigatorLike, probeWebGpu, readMemoryHint } from '../models/webgpu';
import {
  describeLibraryRefusal,
  ensureVerifiedLibrary,
  type LibraryCacheStorage,
  LibraryRefusedError,
  type WebLlmLibManifest,
} from '../models/webllm-libs';
import { planWebLlm, type WebLlmPlan } from '../models/webllm-plan';
import { type LlmEngineLike, loadWebLlmRuntime, type WebLlmRuntime, type WorkerLike } from '../models/webllm-runtime';
import type { ReplySettings } from '../settings';
import {
  cancelledError,
  type DraftEvent,
  type DraftRequest,
  type DraftSlot,
  type DraftVariant,
  type EngineCallOptions,
  FallbackReplyEngine,
  fallbackExplanations,
  isFallbackCode,
  pickVariants,
  type ReplyEngine,
  type ReplyEngineStatus,
  type RewriteInstruction,
  StatusStore,
  toErrorEvent,
} from './engine';
import { buildSummaryPrompt, type SummaryRequest, summaryMaxOutputTokens } from './model-summary';
import { type BuiltPrompt, buildDraftPrompt, buildRewritePrompt } from './prompt';
import { type FillTemplate, TemplateReplyEngine } from './template-engine';

function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * Maps what web-llm throws (an Error, or across the worker a string "Name: message") to our codes:
 * `model/webgpu-unavailable`, `model/out-of-memory`, `model/device-lost`, `model/download-failed`, else
 * `model/load-failed` (while loading) or `model/generation-failed`.
 */
export function mapWebLlmError(error: unknown, phase: 'load' | 'generate'): AppError {
  if (error instanceof AppError) return error;
  const text = errorText(error);
  const make = (code: ErrorCode, message: string): AppError => new AppError(code, message, { cause: error });
  // web-llm's own check of `integrity.model_lib`, or the worker's LibraryGuard: the library was not run.
  if (/IntegrityError|LibraryRefusedError|model\/library-unverified/u.test(text)) {
    return make('model/library-unverified', `The writing model's program library was refused: ${text}`);
  }
  if (
    /WebGPUNotAvailableError|WebGPUNotFoundError|WebGPU is not supported|Cannot find WebGPU|Unable to find a compatible GPU|FeatureSupportError|ShaderF16SupportError|Cannot initialize runtime because of requested/iu.test(
      text,
    )
  ) {
    return make('model/webgpu-unavailable', `WebGPU cannot run the writing model here. (${text})`);
  }
  if (/out of memory|OutOfMemory|Failed to allocate|allocation failed|GPUOutOfMemoryError/iu.test(text)) {
    return make('model/out-of-memory', `Not enough GPU memory for the writing model. (${text})`);
  }
  if (/DeviceLostError|device (?:was |is )?lost|GPU device .*lost/iu.test(text)) {
    // web-llm reports OOM during load as a lost device; during generation it is a driver reset or a tab in the background.
    return phase === 'load'
      ? make('model/out-of-memory', `The GPU ran out of memory while loading the writing model. (${text})`)
      : make('model/device-lost', `The GPU stopped responding. (${text})`);
  }
  if (/QuotaExceeded|quota/iu.test(text)) {
    return make('model/download-failed', `Not enough disk space to store the writing model. (${text})`);
  }
  if (/Cannot fetch|Failed to fetch|NetworkError|network|HTTP error|status code|404|403|500/iu.test(text)) {
    return make('model/download-failed', `The writing model could not be downloaded. (${text})`);
  }
  return phase === 'load'
    ? make('model/load-failed', `The writing model could not be started. (${text})`)
    : make('model/generation-failed', `The writing model failed while writing. (${text})`);
}

export interface WebLlmEngineOptions {
  plan: WebLlmPlan;
  /** Creates the worker running `lib/models/llm-worker.ts`: `() => new Worker(new URL(...), { type: 'module' })`. */
  createWorker: () => WorkerLike;
  runtime: WebLlmRuntime;
  /** Tokens per variant (400 by default; `short` gets 160). */
  maxOutputTokens?: number;
  temperature?: number;
  /** Fetches the model library (tests pass one for a local server). */
  fetch?: typeof fetch;
  /** The Cache API web-llm reads libraries from (default `globalThis.caches`; tests pass an in-memory one). */
  caches?: LibraryCacheStorage | null;
}

const progressBytesPattern = /(\d+(?:\.\d+)?)\s*MB fetched/iu;

/**
 * The on-device drafting engine: web-llm in a dedicated worker on WebGPU. Loads with a progress report (download,
 * then loading from cache), can be cancelled at any point, streams chat completions token by token, and maps
 * failures to codes the panel falls back on. Calls are queued: one generation at a time.
 */
export class WebLlmReplyEngine implements ReplyEngine {
  readonly kind = 'webllm';
  readonly reason = undefined;
  readonly #status = new StatusStore();
  readonly #options: WebLlmEngineOptions;
  #engine: LlmEngineLike | undefined;
  #worker: WorkerLike | undefined;
  #loading: Promise<void> | undefined;
  /** One generation at a time: the worker runs one web-llm engine. */
  readonly #queue = createJobQueue();

  constructor(options: WebLlmEngineOptions) {
    this.#options = options;
  }

  get id(): string {
    return this.#options.plan.model.modelId;
  }

  get status(): ReplyEngineStatus {
    return this.#status.value;
  }

  subscribe(listener: (status: ReplyEngineStatus) => void): () => void {
    return this.#status.subscribe(listener);
  }

  load(options: EngineCallOptions = {}): Promise<void> {
    if (this.#engine) return Promise.resolve();
    this.#loading ??= this.#load(options.signal).finally(() => {
      this.#loading = undefined;
    });
    return this.#loading;
  }

  async #load(signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) throw cancelledError();
    const { plan, runtime } = this.#options;
    const totalBytes = plan.download.bytes;
    const worker = this.#options.createWorker();
    this.#worker = worker;
    let downloading = !plan.cached;
    this.#status.set(
      downloading
        ? { state: 'downloading', progress: 0, loadedBytes: 0, totalBytes, text: '' }
        : { state: 'loading', progress: 0, text: '' },
    );
    const onProgress = (report: InitProgressReport): void => {
      if (signal?.aborted) return;
      // web-llm says "Fetching param cache[…]: 512MB fetched" while downloading, "Loading model from cache" after.
      if (/loading model from cache|loading gpu shader/iu.test(report.text)) downloading = false;
      if (downloading && /fetching/iu.test(report.text)) {
        const mb = progressBytesPattern.exec(report.text)?.[1];
        // web-llm's own byte count beats our estimate; the total grows if the estimate was low.
        const loadedBytes = mb ? Number(mb) * 2 ** 20 : report.progress * totalBytes;
        this.#status.set({
          state: 'downloading',
          progress: report.progress,
          loadedBytes: Math.round(loadedBytes),
          totalBytes: Math.max(totalBytes, Math.round(loadedBytes)),
          text: report.text,
        });
      } else {
        this.#status.set({ state: 'loading', progress: report.progress, text: report.text });
      }
    };
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(cancelledError());
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      // The library is hashed before web-llm starts: a changed cached copy or a mismatching download is refused here
      // with the library named, and what web-llm then reads from its cache is the checked copy (which it checks again).
      await Promise.race([
        ensureVerifiedLibrary(plan.library, {
          download: true,
          ...(this.#options.fetch ? { fetch: this.#options.fetch } : {}),
          ...(this.#options.caches !== undefined ? { caches: this.#options.caches } : {}),
          ...(signal ? { signal } : {}),
        }),
        aborted,
      ]);
      const engine = await Promise.race([
        runtime.createEngine(worker, plan.model.modelId, {
          appConfig: plan.appConfig,
          initProgressCallback: onProgress,
        }),
        aborted,
      ]);
      this.#engine = engine;
      this.#status.set({ state: 'ready', modelId: plan.model.modelId });
    } catch (error) {
      // Terminating the worker is the only way to stop web-llm mid-download; the cache keeps the finished shards.
      worker.terminate();
      this.#worker = undefined;
      if (signal?.aborted) {
        this.#status.set({ state: 'idle' });
        throw cancelledError();
      }
      const mapped = mapWebLlmError(error, 'load');
      this.#status.set({ state: 'error', code: mapped.code, reason: mapped.message });
      throw mapped;
    } finally {
      if (onAbort) signal?.removeEventListener('abort', onAbort);
      // The race loser must not surface as an unhandled rejection.
      aborted.catch(() => undefined);
    }
  }

  draft(request: DraftRequest, options: EngineCallOptions = {}): AsyncIterable<DraftEvent> {
    const window = this.#options.plan.model.contextWindowTokens;
    const variants: DraftVariant[] = request.variants ?? pickVariants(request.mood);
    const jobs = variants.map((variant) => ({
      slot: variant as DraftSlot,
      maxTokens: this.#maxTokens(variant),
      prompt: (): BuiltPrompt =>
        buildDraftPrompt(request, variant, { contextWindowTokens: window, maxOutputTokens: this.#maxTokens(variant) }),
    }));
    return this.#generate(jobs, options.signal);
  }

  rewrite(
    text: string,
    instruction: RewriteInstruction,
    request: DraftRequest,
    options: EngineCallOptions = {},
  ): AsyncIterable<DraftEvent> {
    const window = this.#options.plan.model.contextWindowTokens;
    const maxTokens = this.#options.maxOutputTokens ?? 400;
    return this.#generate(
      [
        {
          slot: 'rewrite',
          maxTokens,
          prompt: () =>
            buildRewritePrompt(text, instruction, request, { contextWindowTokens: window, maxOutputTokens: maxTokens }),
        },
      ],
      options.signal,
    );
  }

  /**
   * The summary lines (issue 22), written only when the model is already loaded. Queued below drafts (a waiting draft
   * runs first) and stopped with `replies/summary-preempted` as soon as a draft or rewrite waits: the agent's own
   * request never waits for a summary. Temperature 0: a summary should say the same thing each time it is asked.
   */
  async summarize(request: SummaryRequest, options: EngineCallOptions = {}): Promise<string> {
    const { signal } = options;
    if (!this.#engine) throw new AppError('model/not-loaded', 'The writing model is not loaded yet.');
    const release = await this.#queue.acquire({ priority: -1, ...(signal ? { signal } : {}) }).catch(() => {
      throw cancelledError();
    });
    const engine = this.#engine;
    let preempted = false;
    const interrupt = (): void => engine?.interruptGenerate();
    signal?.addEventListener('abort', interrupt, { once: true });
    let finished = false;
    try {
      if (!engine) throw new AppError('model/not-loaded', 'The writing model is not loaded yet.');
      const prompt = buildSummaryPrompt(request, {
        contextWindowTokens: this.#options.plan.model.contextWindowTokens,
        maxOutputTokens: summaryMaxOutputTokens,
      });
      let written = '';
      try {
        const stream = await engine.chat.completions.create({
          messages: prompt.messages,
          stream: true,
          max_tokens: summaryMaxOutputTokens,
          temperature: 0,
        });
        for await (const chunk of stream) {
          written += chunk.choices[0]?.delta?.content ?? '';
          if (signal?.aborted) break;
          if (this.#queue.waiting > 0) {
            preempted = true;
            break;
          }
        }
      } catch (error) {
        if (signal?.aborted) throw cancelledError();
        const mapped = mapWebLlmError(error, 'generate');
        // A lost device is the engine's state, not the summary's: the drafts card offers Retry for it.
        if (mapped.code === 'model/device-lost') {
          this.#status.set({ state: 'error', code: mapped.code, reason: mapped.message });
        }
        throw mapped;
      }
      if (signal?.aborted) throw cancelledError();
      if (preempted) throw new AppError('replies/summary-preempted', 'A draft was asked for; the summary waits.');
      finished = true;
      return written;
    } finally {
      signal?.removeEventListener('abort', interrupt);
      if (!finished) engine?.interruptGenerate();
      release();
    }
  }

  async dispose(): Promise<void> {
    const engine = this.#engine;
    this.#engine = undefined;
    try {
      await engine?.unload();
    } catch {
      // The worker is terminated next, which frees the GPU memory even when unload failed.
    }
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#status.set({ state: 'idle' });
  }

  #maxTokens(variant: DraftVariant): number {
    const max = this.#options.maxOutputTokens ?? 400;
    return variant === 'short' ? Math.min(max, 160) : max;
  }

  async *#generate(
    jobs: { slot: DraftSlot; maxTokens: number; prompt: () => BuiltPrompt }[],
    signal: AbortSignal | undefined,
  ): AsyncGenerator<DraftEvent> {
    const release = await this.#queue.acquire();
    const engine = this.#engine;
    const interrupt = (): void => engine?.interruptGenerate();
    signal?.addEventListener('abort', interrupt, { once: true });
    let finished = false;
    try {
      if (!engine) {
        yield { type: 'error', code: 'model/not-loaded', message: 'The writing model is not loaded yet.' };
        return;
      }
      for (const job of jobs) {
        if (signal?.aborted) break;
        yield { type: 'variant-start', variant: job.slot };
        let written = '';
        try {
          const stream = await engine.chat.completions.create({
            messages: job.prompt().messages,
            stream: true,
            max_tokens: job.maxTokens,
            temperature: this.#options.temperature ?? 0.7,
            top_p: 0.9,
          });
          for await (const chunk of stream) {
            const text = chunk.choices[0]?.delta?.content ?? '';
            if (text === '') continue;
            written += text;
            yield { type: 'token', variant: job.slot, text };
            if (signal?.aborted) break;
          }
        } catch (error) {
          if (signal?.aborted) break;
          const mapped = mapWebLlmError(error, 'generate');
          if (mapped.code === 'model/device-lost') {
            this.#status.set({ state: 'error', code: mapped.code, reason: mapped.message });
          }
          yield { type: 'error', code: mapped.code, message: mapped.message };
          return;
        }
        if (signal?.aborted) break;
        yield { type: 'variant-end', variant: job.slot, text: cleanDraft(written) };
      }
      if (signal?.aborted) {
        yield toErrorEvent(cancelledError(), signal);
        return;
      }
      finished = true;
      yield { type: 'done' };
    } finally {
      signal?.removeEventListener('abort', interrupt);
      // A consumer that stops reading (panel closed) must not leave the GPU writing for nobody.
      if (!finished) engine?.interruptGenerate();
      release();
    }
  }
}

/** Strips what small models add around a reply despite the prompt: surrounding quotes, a leading "Reply:" label. */
export function cleanDraft(text: string): string {
  let out = text.trim();
  out = out.replace(/^(?:reply|antwort|draft|entwurf)\s*:\s*/iu, '');
  const quoted = /^(["„“”'])([\s\S]*)(["“”'])$/u.exec(out);
  if (quoted?.[2] !== undefined) out = quoted[2].trim();
  return out;
}

function approvalReason(plan: WebLlmPlan, language: 'en' | 'de'): string {
  const t = createTranslator(language);
  const bytes = formatBytes(language, plan.download.bytes);
  // A size estimated from the parameter count, not read from the host, says so.
  const size = plan.download.source === 'parameters' ? t('writingModel.approximateSize', { size: bytes }) : bytes;
  return t('writingModel.approval', { model: plan.model.family, size });
}

/** The engine the panel drafts with, and what it needs to show about the model. */
export interface DraftingEngineChoice {
  engine: ReplyEngine;
  /** The planned model (size, cache state) when WebGPU can run one. */
  plan?: WebLlmPlan;
  /** True when a model could run but the agent has not agreed to its download yet: show `plan.download` and ask. */
  awaitingApproval: boolean;
}

function badMirrorReason(language: 'en' | 'de'): string {
  return createTranslator(language)('writingModel.badMirror');
}

/** Why drafting falls back to templates when planning or checking the library failed, in the UI language. */
function planFailureReason(error: unknown, language: 'en' | 'de'): string {
  if (error instanceof LibraryRefusedError) return describeLibraryRefusal(error.refusal, language);
  const code = error instanceof AppError ? error.code : 'model/load-failed';
  if (code === 'model/bad-mirror') return badMirrorReason(language);
  return fallbackExplanations[isFallbackCode(code) ? code : 'model/load-failed'][language];
}

/**
 * Chooses how the panel drafts: web-llm (wrapped so any model failure falls back to templates with a plain reason)
 * when WebGPU can run a model that is cached or whose download the agent approved, and whose library hashes to the
 * value shipped with Rapport; otherwise the templates engine, whose `reason` says why (no WebGPU, not enough memory,
 * download not approved yet, library refused — named).
 */
export async function createDraftingEngine(options: {
  replies: Pick<ReplySettings, 'llmModelId' | 'llmWeightsHost' | 'llmLibHost' | 'llmDownloadApproved'>;
  /** `() => new Worker(new URL('../models/llm-worker.ts', import.meta.url), { type: 'module' })` */
  createWorker: () => WorkerLike;
  /** Fills a template for the conversation (the templates module's `fillTemplate`, adapted). */
  fill: FillTemplate;
  nav?: NavigatorLike;
  uiLanguage?: 'en' | 'de';
  runtime?: WebLlmRuntime;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** The pinned libraries (the shipped `webllm-libs.json` unless a test passes its own). */
  manifest?: WebLlmLibManifest;
  /** The Cache API web-llm reads libraries from (default `globalThis.caches`). */
  caches?: LibraryCacheStorage | null;
}): Promise<DraftingEngineChoice> {
  const language = options.uiLanguage ?? 'en';
  const templates = (reason: string): TemplateReplyEngine => new TemplateReplyEngine({ reason, fill: options.fill });
  const nav = options.nav ?? (typeof navigator === 'undefined' ? undefined : navigator);
  const caps = await probeWebGpu(nav);
  if (!caps.available) {
    return { engine: templates(fallbackExplanations['model/webgpu-unavailable'][language]), awaitingApproval: false };
  }
  let plan: WebLlmPlan;
  let runtime: WebLlmRuntime;
  try {
    runtime = options.runtime ?? (await loadWebLlmRuntime());
    plan = await planWebLlm({
      replies: options.replies,
      caps,
      memory: readMemoryHint(nav),
      runtime,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.manifest ? { manifest: options.manifest } : {}),
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'replies/cancelled') throw error;
    return { engine: templates(planFailureReason(error, language)), awaitingApproval: false };
  }
  const approved = plan.cached || options.replies.llmDownloadApproved;
  const libraryAccess = {
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.caches !== undefined ? { caches: options.caches } : {}),
  };
  try {
    // Checked now, while the reason can still name the library: a cached copy always (it may have been changed),
    // a download only once the agent agreed to one (the library is a few MB; the weights follow on load).
    await ensureVerifiedLibrary(plan.library, {
      download: approved,
      ...libraryAccess,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (options.signal?.aborted) throw cancelledError();
    return { engine: templates(planFailureReason(error, language)), plan, awaitingApproval: false };
  }
  if (!approved) {
    return { engine: templates(approvalReason(plan, language)), plan, awaitingApproval: true };
  }
  const primary = new WebLlmReplyEngine({ plan, createWorker: options.createWorker, runtime, ...libraryAccess });
  return { engine: new FallbackReplyEngine(primary, templates, language), plan, awaitingApproval: false };
}
