/// <reference lib="webworker" />
/**
 * The inference worker: the bundled mood and intent models (transformers.js, ONNX Runtime WASM) and the analysis
 * layer, shared by every tab through the one page that owns this worker. Never runs in a host page.
 */
import { env } from '@huggingface/transformers';
import { type Analyzer, createAnalyzer, warmUpAnalysis } from '../analysis/analyzer';
import { AppError, serializeError } from '../errors';
import { latestCustomerText, suggestionIntents } from '../replies/request';
import type { Conversation } from '../sites/types';
import type { AnalysisResult, InitOptions, WorkerRequest, WorkerResponse } from './analysis-protocol';
import { type BundledMoodModel, createBundledMoodModel } from './bundled-model';
import { planHubDevice, readNavigatorGpu } from './hub-device';
import { type BundledIntentModel, createBundledIntentModel } from './intent-model';
import { createMoodModelManager, type MoodModelManager } from './mood-model-manager';
import { warmUpConversation } from './warm-up';

declare const self: DedicatedWorkerGlobalScope;

interface Engine {
  mood: BundledMoodModel;
  intent: BundledIntentModel;
  analyzer: Analyzer;
  models: MoodModelManager;
}

let engine: Engine | null = null;
const running = new Map<number, AbortController>();

function post(message: WorkerResponse): void {
  self.postMessage(message);
}

function init(options: InitOptions): Engine {
  // The ORT factory is imported from the extension itself: blob URLs (transformers.js's wasm cache) break the
  // extension CSP, and threads need cross-origin isolation that extension pages do not have.
  env.useWasmCache = false;
  const onnx = env.backends.onnx;
  if (onnx.wasm) onnx.wasm.numThreads = 1;
  // The bundled model is a small embedding bag: measured faster on WASM than WebGPU (npm run bench), so it stays on WASM.
  const runtime = { modelBase: options.modelBase, wasmPaths: options.wasm, device: 'wasm' as const };
  const mood = createBundledMoodModel(runtime);
  const intent = createBundledIntentModel(runtime);
  warmUpAnalysis();
  const created: Engine = {
    mood,
    intent,
    analyzer: createAnalyzer(mood),
    models: createMoodModelManager({
      bundled: mood,
      // Probed once, when the agent first picks a Hub model: the bundled model never needs the GPU.
      planDevice: () => planHubDevice(readNavigatorGpu(self.navigator)),
      onState: (state) => post({ type: 'model-state', state }),
      // A new model gives new per-message results, so the analyzer (and its cache) starts afresh.
      onModelChange: (model) => {
        created.analyzer = createAnalyzer(model);
      },
    }),
  };
  // Load both models and run one whole analysis now, so the first conversation does not pay for ONNX Runtime's
  // start-up (seconds cold), its first batch of real shapes and the analysis code's first run (~0.2 s measured in
  // Chromium). The result is forgotten on purpose: the Chrome background's warm-up then sends the same conversation
  // through offscreen document and worker uncached, early result included. Left cached, the cold first mood measured
  // worse (median of six runs 234 ms against 204 ms; this machine's noise is about ±50 ms).
  // A failure here is reported by the first real request instead.
  void intent
    .classify('where is my order')
    .then(() => created.analyzer.analyze(warmUpConversation))
    .then(() => created.analyzer.forget(`${warmUpConversation.site}:${warmUpConversation.id}`))
    .catch(() => undefined);
  return created;
}

async function analyze(id: number, conversation: Conversation, signal: AbortSignal): Promise<AnalysisResult> {
  if (!engine) throw new AppError('model/not-initialised', 'The analysis worker was not initialised.');
  const { analyzer, models } = engine;
  const backend = await engine.mood.load();
  // Intents first (one short call): the early mood below then carries them too.
  // The model reads the latest words; the request extraction decides what of them is asked (issue 19).
  const text = latestCustomerText(conversation.messages) || conversation.subject;
  const intents = text
    ? suggestionIntents(await engine.intent.classify(text, signal), conversation.messages, conversation.subject)
    : [];
  if (signal.aborted) throw new AppError('analysis/cancelled', `Analysis ${id} was cancelled.`);
  const model = models.info(backend);
  const mood = await analyzer.analyze(conversation, {
    signal,
    // Every message's mood is known before the occlusion evidence (most of the work): the panel shows it now.
    onPartial: (early) => post({ type: 'partial', id, result: { mood: early, intents, model } }),
  });
  return { mood, intents, model };
}

self.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.type === 'init') {
    engine ??= init(request.options);
    return;
  }
  if (request.type === 'select-model') {
    if (engine) void engine.models.select(request.selection);
    else
      post({
        type: 'failed',
        id: 0,
        error: { code: 'model/not-initialised', message: 'The analysis worker was not initialised.' },
      });
    return;
  }
  if (request.type === 'cancel') {
    running.get(request.id)?.abort();
    return;
  }
  const controller = new AbortController();
  running.set(request.id, controller);
  const work =
    request.type === 'analyze'
      ? analyze(request.id, request.conversation, controller.signal).then(
          (result): WorkerResponse => ({ type: 'analyzed', id: request.id, result }),
        )
      : (
          engine?.analyzer.analyzeText(request.text, { signal: controller.signal }) ??
          Promise.reject(new AppError('model/not-initialised', 'The analysis worker was not initialised.'))
        ).then((mood): WorkerResponse => ({ type: 'analyzed-text', id: request.id, mood }));
  void work
    .catch((error: unknown): WorkerResponse => ({ type: 'failed', id: request.id, error: serializeError(error) }))
    .then((response) => {
      running.delete(request.id);
      post(response);
    });
});
