/**
 * React hooks for reply drafting in the panel and the settings page: which engine drafts (and why), the drafting
 * session, the tone check of the agent's own reply, the team templates drafts are grounded in, and the models this
 * machine can run.
 */
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, useSyncExternalStore } from 'react';
import { conversationLanguage } from '../analysis/conversation-summary';
import type { ConversationMood } from '../analysis/types';
import { type SerializedError, serializeError } from '../errors';
import { analyzeDraftText } from '../models/analysis-host-client';
import LlmWorker from '../models/llm-worker?worker';
import {
  type ModelSelection,
  probeWebGpu,
  readMemoryHint,
  selectModels,
  type WebGpuCapabilities,
} from '../models/webgpu';
import { approximateDownloadBytes } from '../models/webllm-download';
import type { WebLlmPlan } from '../models/webllm-plan';
import { loadWebLlmRuntime } from '../models/webllm-runtime';
import { queryKeys } from '../queries';
import type { ReplyEngineChoice, ReplySettings } from '../settings';
import type { Conversation } from '../sites/types';
import {
  type DraftSessionState,
  fillTemplateForDraft,
  initialDraftSession,
  pumpDraftStream,
  reduceDraftSession,
} from './draft-session';
import {
  type DraftEvent,
  type DraftRequest,
  type FallbackCode,
  FallbackReplyEngine,
  type ReplyEngine,
  type ReplyEngineStatus,
  type RewriteInstruction,
} from './engine';
import { FakeReplyEngine } from './fake-engine';
import { checkModelSummary, type ModelSummaryLine, type SummaryRejection, type SummaryRequest } from './model-summary';
import { TemplateReplyEngine } from './template-engine';
import { type AnalyzeText, createToneChecker, type DebouncedToneChecker, type ToneCheck } from './tone-check';
import { createDraftingEngine } from './webllm-engine';

/** Pause between the demo engine's words: slow enough to watch a draft being written. */
const demoTokenDelayMs = 40;

/** What the panel shows about the engine that drafts. */
export interface DraftingEngineView {
  /** The engine, once chosen; null while probing. */
  engine: ReplyEngine | null;
  choice: ReplyEngineChoice;
  /** The model web-llm would load (size, cache state), when WebGPU can run one. */
  plan: WebLlmPlan | undefined;
  /** A model could run but the agent has not agreed to its download: show its size and ask. */
  awaitingApproval: boolean;
  status: ReplyEngineStatus;
  /** `webllm`, `templates` or `fake` (demo); follows a fallback to templates. */
  kind: ReplyEngine['kind'] | undefined;
  /** Why templates are in use, in plain words (no WebGPU, download not approved, a failure…). */
  reason: string | undefined;
  /** Choosing the engine itself failed (should not happen; the panel then shows this). */
  error: SerializedError | undefined;
  /** Loads the engine now (after the agent agreed to the download); resolves when loaded, failed or cancelled. */
  load(): Promise<void>;
  /** Stops a running download or load. */
  cancelLoad(): void;
  /** The model's download or start failed (it may have fallen back to templates): the agent can retry it. */
  failed: boolean;
  /** Chooses the engine afresh and starts its download again (issue 22: every failed download has Retry). */
  retry(): void;
}

/** Failures a second try can cure (a dropped connection, a lost device); not a missing GPU or a refused library. */
const retryableCodes: ReadonlySet<FallbackCode> = new Set([
  'model/download-failed',
  'model/load-failed',
  'model/device-lost',
]);

interface EngineChoiceState {
  engine: ReplyEngine | null;
  plan: WebLlmPlan | undefined;
  awaitingApproval: boolean;
  error: SerializedError | undefined;
}

const noEngine: EngineChoiceState = { engine: null, plan: undefined, awaitingApproval: false, error: undefined };

async function chooseEngine(
  replies: ReplySettings,
  reasonTemplatesChosen: string,
  uiLanguage: 'en' | 'de',
  signal: AbortSignal,
): Promise<EngineChoiceState> {
  if (replies.engine === 'demo') {
    return {
      ...noEngine,
      engine: new FakeReplyEngine({ id: 'demo', tokenDelayMs: demoTokenDelayMs, downloadSteps: 0 }),
    };
  }
  if (replies.engine === 'templates') {
    return {
      ...noEngine,
      engine: new TemplateReplyEngine({ reason: reasonTemplatesChosen, fill: fillTemplateForDraft, chunkDelayMs: 15 }),
    };
  }
  const choice = await createDraftingEngine({
    replies,
    // Vite bundles the worker and web-llm into the extension (`?worker`); `new URL(…, import.meta.url)` is not.
    createWorker: () => new LlmWorker(),
    fill: fillTemplateForDraft,
    uiLanguage,
    signal,
  });
  return { engine: choice.engine, plan: choice.plan, awaitingApproval: choice.awaitingApproval, error: undefined };
}

/**
 * The engine the panel drafts with, re-chosen when the reply settings change: the demo fake, templates only, or
 * (`auto`) web-llm when WebGPU, memory and the agent's consent allow, else templates with the reason. The engine is
 * freed (worker terminated, GPU memory released) when the panel closes or the choice changes.
 */
export function useDraftingEngine(
  replies: ReplySettings | undefined,
  uiLanguage: 'en' | 'de',
  reasonTemplatesChosen: string,
): DraftingEngineView {
  const [chosen, setChosen] = useState<EngineChoiceState>(noEngine);
  const [status, setStatus] = useState<ReplyEngineStatus>({ state: 'idle' });
  const loadController = useRef<AbortController | null>(null);
  const choice = replies?.engine ?? 'auto';
  const modelId = replies?.llmModelId;
  const weightsHost = replies?.llmWeightsHost;
  const libHost = replies?.llmLibHost;
  const approved = replies?.llmDownloadApproved;
  const repliesRef = useRef(replies);
  repliesRef.current = replies;
  // Bumped by Retry: the engine is chosen afresh (a failed one has fallen back to templates) and loaded at once.
  const [attempt, setAttempt] = useState(0);
  const loadWhenChosen = useRef(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: re-chosen only when a field the choice depends on changes (brand voice edits must not reload a model)
  useEffect(() => {
    const current = repliesRef.current;
    if (!current) return;
    const controller = new AbortController();
    let engine: ReplyEngine | null = null;
    let unsubscribe: () => void = () => undefined;
    setChosen(noEngine);
    setStatus({ state: 'idle' });
    chooseEngine(current, reasonTemplatesChosen, uiLanguage, controller.signal).then(
      (next) => {
        if (controller.signal.aborted) {
          void next.engine?.dispose();
          return;
        }
        engine = next.engine;
        if (engine) {
          setStatus(engine.status);
          unsubscribe = engine.subscribe(setStatus);
        }
        setChosen(next);
        if (loadWhenChosen.current && engine && !next.awaitingApproval) {
          loadWhenChosen.current = false;
          const loading = new AbortController();
          loadController.current = loading;
          engine.load({ signal: loading.signal }).catch(() => {
            // The engine's status says what went wrong again (or that the agent cancelled); the card renders it.
          });
        }
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setChosen({ ...noEngine, error: serializeError(error) });
      },
    );
    return () => {
      controller.abort();
      loadController.current?.abort();
      unsubscribe();
      if (engine) {
        engine.dispose().catch(() => {
          // Freeing a failed engine is best effort; the worker dies with the panel anyway.
        });
      }
    };
  }, [choice, modelId, weightsHost, libHost, approved, uiLanguage, reasonTemplatesChosen, attempt]);

  // The summary at the top of the panel asks the same engine (issue 22); it lives in another card, so it is published.
  useEffect(() => {
    const published = chosen.engine ? { engine: chosen.engine, modelName: chosen.plan?.model.family } : null;
    if (!published) return;
    panelEngine.set(published);
    return () => panelEngine.clear(published);
  }, [chosen]);

  const engine = chosen.engine;
  const load = useCallback(async () => {
    if (!engine) return;
    loadController.current?.abort();
    const controller = new AbortController();
    loadController.current = controller;
    try {
      await engine.load({ signal: controller.signal });
    } catch {
      // The engine's status says what went wrong (or that the agent cancelled); the card renders it.
    }
  }, [engine]);
  const cancelLoad = useCallback(() => loadController.current?.abort(), []);
  const retry = useCallback(() => {
    loadWhenChosen.current = true;
    setAttempt((n) => n + 1);
  }, []);
  const fallbackCode = engine instanceof FallbackReplyEngine ? engine.fallbackCode : undefined;
  const failed =
    (status.state === 'error' && engine?.kind === 'webllm') ||
    (fallbackCode !== undefined && retryableCodes.has(fallbackCode));

  return {
    engine,
    choice,
    plan: chosen.plan,
    awaitingApproval: chosen.awaitingApproval,
    status,
    // Read on every render: a FallbackReplyEngine changes kind and reason when it switches (its status changes too).
    kind: engine?.kind,
    reason: engine?.reason,
    error: chosen.error,
    load,
    cancelLoad,
    failed,
    retry,
  };
}

/** The engine the panel's drafts card chose, for the summary card; `modelName` is the web-llm model's family. */
interface PublishedEngine {
  engine: ReplyEngine;
  modelName: string | undefined;
}

/** One drafting engine per panel page: the drafts card publishes it, the summary subscribes. */
const panelEngine = (() => {
  let current: PublishedEngine | null = null;
  const listeners = new Set<() => void>();
  const notify = (): void => {
    for (const listener of [...listeners]) listener();
  };
  return {
    get: (): PublishedEngine | null => current,
    set(next: PublishedEngine): void {
      current = next;
      notify();
    },
    /** Clears `published` unless a newer engine has replaced it already. */
    clear(published: PublishedEngine): void {
      if (current !== published) return;
      current = null;
      notify();
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
})();

/**
 * The reply model's summary of the conversation (issue 22), as the summary card renders it: `none` while no model is
 * loaded (it is never loaded or downloaded for a summary), `writing`, `shown` with the checked lines, `rejected` with
 * why the extractive lines stay, or `failed` with `retry`. `kind` and `model` name what wrote it.
 */
export type ModelSummaryView =
  | { state: 'none' }
  | { state: 'writing'; kind: ReplyEngine['kind']; model: string | undefined }
  | {
      state: 'shown';
      kind: ReplyEngine['kind'];
      model: string | undefined;
      lines: ModelSummaryLine[];
      /** The language the lines are written in (the conversation's), for the screen reader. */
      language: 'en' | 'de';
    }
  | { state: 'rejected'; kind: ReplyEngine['kind']; model: string | undefined; rejection: SummaryRejection }
  | { state: 'failed'; kind: ReplyEngine['kind']; model: string | undefined; retry: () => void };

/** What identifies a conversation's text: a new message or an edited one asks for a new summary. */
function conversationKey(conversation: Conversation): string {
  return [
    conversation.url,
    conversation.subject,
    ...conversation.messages.map((m) => `${m.id}:${m.role}:${m.bodyLoaded ? m.text.length : -1}`),
  ].join('\n');
}

type SummaryOutcome =
  | { state: 'writing' }
  | { state: 'shown'; lines: ModelSummaryLine[]; language: 'en' | 'de' }
  | { state: 'rejected'; rejection: SummaryRejection }
  | { state: 'failed' };

/**
 * Asks the panel's loaded reply model for the summary of `conversation` and checks it (`checkModelSummary`). Never
 * blocks the panel: the caller shows the extractive lines until `shown`. A changed conversation, a closed panel or a
 * new engine cancels the request; a draft the agent asks for goes first (the engine stops the summary with
 * `replies/summary-preempted`, and it is asked again behind the draft).
 */
export function useModelSummary(conversation: Conversation | null): ModelSummaryView {
  const published = useSyncExternalStore(panelEngine.subscribe, panelEngine.get, panelEngine.get);
  const engine = published?.engine ?? null;
  const [status, setStatus] = useState<ReplyEngineStatus>(engine?.status ?? { state: 'idle' });
  useEffect(() => {
    if (!engine) return;
    setStatus(engine.status);
    return engine.subscribe(setStatus);
  }, [engine]);
  const key = useMemo(() => (conversation ? conversationKey(conversation) : ''), [conversation]);
  const latest = useRef(conversation);
  latest.current = conversation;
  const [attempt, setAttempt] = useState(0);
  const [outcome, setOutcome] = useState<{ key: string; engine: ReplyEngine; outcome: SummaryOutcome } | null>(null);
  // A fallback to templates keeps the engine object and changes its kind; templates write no summary.
  const canSummarize = Boolean(engine?.summarize) && engine?.kind !== 'templates' && status.state === 'ready';

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the conversation's text (read through `latest`); `attempt` is Retry
  useEffect(() => {
    const current = latest.current;
    if (!engine || !canSummarize || !current || key === '') return;
    const controller = new AbortController();
    const language = conversationLanguage(current);
    const request: SummaryRequest = { conversation: current, language };
    const settle = (next: SummaryOutcome): void => {
      if (!controller.signal.aborted) setOutcome({ key, engine, outcome: next });
    };
    settle({ state: 'writing' });
    void (async () => {
      // Asked again after each preemption: each try waits behind the draft that preempted it.
      for (;;) {
        try {
          const text = await (engine.summarize?.(request, { signal: controller.signal }) ?? Promise.resolve(''));
          const checked = checkModelSummary(text, request);
          settle(
            checked.ok
              ? { state: 'shown', lines: checked.lines, language }
              : { state: 'rejected', rejection: checked.rejection },
          );
          return;
        } catch (error) {
          if (controller.signal.aborted) return;
          if (serializeError(error).code === 'replies/summary-preempted') continue;
          settle({ state: 'failed' });
          return;
        }
      }
    })();
    return () => controller.abort();
  }, [engine, canSummarize, key, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  if (!engine || !canSummarize || !outcome || outcome.key !== key || outcome.engine !== engine)
    return { state: 'none' };
  const about = { kind: engine.kind, model: published?.modelName };
  const result = outcome.outcome;
  if (result.state === 'failed') return { state: 'failed', ...about, retry };
  if (result.state === 'shown') return { state: 'shown', ...about, lines: result.lines, language: result.language };
  if (result.state === 'rejected') return { state: 'rejected', ...about, rejection: result.rejection };
  return { state: 'writing', ...about };
}

/** The drafting session and what the card can do with it. */
export interface DraftSession {
  state: DraftSessionState;
  /** Drafts two or three variants for `request`, replacing the current ones. */
  draft(request: DraftRequest): void;
  /** Rewrites `text` into the entry `key` (a variant, or `own` for the agent's reply). */
  rewrite(key: string, text: string, instruction: RewriteInstruction, request: DraftRequest): void;
  /** Stops what is being written (a draft keeps what was written so far; a rewrite puts the old text back). */
  cancel(): void;
  edit(key: string, text: string): void;
  undo(key: string): void;
}

/** Streams drafts and rewrites from `engine` into state; one stream at a time, a newer one cancels the older. */
export function useDraftSession(engine: ReplyEngine | null): DraftSession {
  const [state, dispatch] = useReducer(reduceDraftSession, initialDraftSession);
  const controller = useRef<AbortController | null>(null);
  const run = useRef(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new engine starts a new session; the old one's stream is dropped
  useEffect(() => {
    dispatch({ type: 'reset' });
    return () => {
      controller.current?.abort();
      run.current++;
    };
  }, [engine]);

  const start = useCallback(
    (begin: () => void, stream: (signal: AbortSignal) => AsyncIterable<DraftEvent>) => {
      if (!engine) return;
      controller.current?.abort();
      const mine = ++run.current;
      const abort = new AbortController();
      controller.current = abort;
      const guarded = (action: Parameters<typeof dispatch>[0]): void => {
        if (mine === run.current) dispatch(action);
      };
      begin();
      void (async () => {
        try {
          await engine.load({ signal: abort.signal });
        } catch (error) {
          guarded({ type: 'failed', error: serializeError(error) });
          return;
        }
        guarded({ type: 'loaded' });
        await pumpDraftStream(stream(abort.signal), guarded);
      })();
    },
    [engine],
  );

  const draft = useCallback(
    (request: DraftRequest) =>
      start(
        () => dispatch({ type: 'start-draft' }),
        (signal) => (engine ? engine.draft(request, { signal }) : emptyStream()),
      ),
    [engine, start],
  );
  const rewrite = useCallback(
    (key: string, text: string, instruction: RewriteInstruction, request: DraftRequest) =>
      start(
        () => dispatch({ type: 'start-rewrite', key }),
        (signal) => (engine ? engine.rewrite(text, instruction, request, { signal }) : emptyStream()),
      ),
    [engine, start],
  );
  const cancel = useCallback(() => controller.current?.abort(), []);
  const edit = useCallback((key: string, text: string) => dispatch({ type: 'edit', key, text }), []);
  const undo = useCallback((key: string) => dispatch({ type: 'undo', key }), []);
  return { state, draft, rewrite, cancel, edit, undo };
}

async function* emptyStream(): AsyncGenerator<never> {
  // Nothing to stream without an engine; the card never offers drafting then.
}

/** The mood model on the agent's draft, through the shared analysis host. */
const analyzeWithMoodModel: AnalyzeText = (text) => analyzeDraftText(text);

/**
 * The tone check of what the agent types in the site's reply box (already debounced by the content script; checked
 * again 150 ms after the last change). Null while there is no text.
 */
export function useToneCheck(
  text: string | undefined,
  mood: ConversationMood | null,
  analyzeText: AnalyzeText = analyzeWithMoodModel,
): { check: ToneCheck; text: string } | null {
  const [result, setResult] = useState<{ check: ToneCheck; text: string } | null>(null);
  const checker = useRef<DebouncedToneChecker | null>(null);
  useEffect(() => {
    const created = createToneChecker({
      analyzeText,
      delayMs: 150,
      onResult: (check, checked) => setResult({ check, text: checked }),
      onError: () => setResult(null),
    });
    checker.current = created;
    return () => created.cancel();
  }, [analyzeText]);
  useEffect(() => {
    if (!text?.trim()) {
      checker.current?.cancel();
      setResult(null);
      return;
    }
    checker.current?.update(text, mood ?? undefined);
  }, [text, mood]);
  return result;
}

/** The models this machine can run, for the settings page: WebGPU capabilities, the selection and download sizes. */
export interface RunnableModels {
  caps: WebGpuCapabilities;
  selection: ModelSelection | undefined;
  /** Approximate download size by model id. */
  sizes: Record<string, number>;
}

/** Probes WebGPU and filters web-llm's prebuilt list to what runs here (loads web-llm's list lazily). */
export function useRunnableModels() {
  return useQuery({
    queryKey: queryKeys.replyModels(),
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async (): Promise<RunnableModels> => {
      const caps = await probeWebGpu();
      if (!caps.available) return { caps, selection: undefined, sizes: {} };
      const runtime = await loadWebLlmRuntime();
      const list = runtime.prebuiltAppConfig.model_list;
      const selection = selectModels(list, caps, readMemoryHint());
      const sizes: Record<string, number> = {};
      for (const model of selection.runnable) {
        const record = list.find((r) => r.model_id === model.modelId);
        if (record) sizes[model.modelId] = approximateDownloadBytes(record);
      }
      return { caps, selection, sizes };
    },
  });
}
