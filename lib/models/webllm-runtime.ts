import type { AppConfig, ChatCompletionChunk, ChatCompletionRequestStreaming, MLCEngineConfig } from '@mlc-ai/web-llm';

/** What the engine needs from a web worker (a real `Worker` satisfies it). */
export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
}

/** The parts of a web-llm engine the reply engine uses (`WebWorkerMLCEngine` satisfies it). */
export interface LlmEngineLike {
  chat: {
    completions: {
      create(request: ChatCompletionRequestStreaming): Promise<AsyncIterable<ChatCompletionChunk>>;
    };
  };
  interruptGenerate(): void;
  unload(): Promise<void>;
}

/** The parts of @mlc-ai/web-llm used here; loaded lazily so the panel bundle stays small until drafting starts. */
export interface WebLlmRuntime {
  prebuiltAppConfig: AppConfig;
  createEngine(worker: WorkerLike, modelId: string, config: MLCEngineConfig): Promise<LlmEngineLike>;
  hasModelInCache(modelId: string, appConfig: AppConfig): Promise<boolean>;
}

/** Imports @mlc-ai/web-llm (pinned to 0.2.86) and adapts it to `WebLlmRuntime`. */
export async function loadWebLlmRuntime(): Promise<WebLlmRuntime> {
  const webllm = await import('@mlc-ai/web-llm');
  return {
    prebuiltAppConfig: webllm.prebuiltAppConfig,
    createEngine: (worker, modelId, config) => webllm.CreateWebWorkerMLCEngine(worker, modelId, config),
    hasModelInCache: (modelId, appConfig) => webllm.hasModelInCache(modelId, appConfig),
  };
}
