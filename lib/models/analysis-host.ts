import type { MessageMood } from '../analysis/types';
import { AppError, deserializeError } from '../errors';
import type { Conversation } from '../sites/types';
import type { AnalysisResult, InitOptions, MoodModelState, WorkerRequest, WorkerResponse } from './analysis-protocol';
import AnalysisWorker from './analysis-worker?worker';
import { bundledSelectionId, isSameSelection, type MoodModelSelection } from './hub-catalogue';

interface Pending {
  resolve: (value: WorkerResponse) => void;
  /** The early result (moods before occlusion evidence), when the caller wants it. */
  onPartial?: (result: AnalysisResult) => void;
}

/**
 * Owns the one inference worker (in Chrome's offscreen document or Firefox's background page) and turns its
 * messages into promises. A newer analysis of the same conversation cancels the older one.
 */
export class AnalysisHost {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private readonly latestByConversation = new Map<string, number>();
  private nextId = 1;
  /** Set once the agent picks a model: the stored choice replayed at start-up must not undo it. */
  private hasExplicitChoice = false;
  private moodModel: MoodModelState = {
    selection: { modelId: bundledSelectionId, mirrorUrl: '' },
    status: { state: 'idle' },
    plan: { device: 'wasm', dtype: 'q8', reason: 'no-webgpu' },
  };

  constructor(createWorker: () => Worker, options: InitOptions) {
    this.worker = createWorker();
    this.worker.addEventListener('message', (event: MessageEvent<WorkerResponse>) => {
      if (event.data.type === 'model-state') {
        // A state about an earlier selection (the worker finished it just before the newer one reached it) is
        // stale: taking it would show the old model as in use and stop the settings page following the new one.
        if (isSameSelection(event.data.state.selection, this.moodModel.selection)) this.moodModel = event.data.state;
        return;
      }
      const pending = this.pending.get(event.data.id);
      if (event.data.type === 'partial') {
        try {
          pending?.onPartial?.(event.data.result);
        } catch {
          // A failing progress listener must not lose the final answer.
        }
        return;
      }
      this.pending.delete(event.data.id);
      pending?.resolve(event.data);
    });
    this.worker.addEventListener('error', (event) => {
      const error = new AppError(
        'model/worker-failed',
        `The analysis worker failed: ${event.message || 'unknown error'}`,
      );
      for (const [id, pending] of this.pending) pending.resolve({ type: 'failed', id, error: error.toJSON() });
      this.pending.clear();
    });
    this.send({ type: 'init', options });
  }

  private send(request: WorkerRequest): void {
    this.worker.postMessage(request);
  }

  private request(
    build: (id: number) => WorkerRequest,
    onPartial?: (result: AnalysisResult) => void,
  ): Promise<WorkerResponse> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve, onPartial });
      this.send(build(id));
    });
  }

  /**
   * Analyses a conversation. `onPartial` gets the moods once every message is classified, before the slower
   * occlusion evidence (at most once, and only when there is evidence left to compute).
   */
  async analyze(conversation: Conversation, onPartial?: (result: AnalysisResult) => void): Promise<AnalysisResult> {
    const key = `${conversation.site}:${conversation.id}`;
    const previous = this.latestByConversation.get(key);
    if (previous !== undefined) this.send({ type: 'cancel', id: previous });
    const response = await this.request((id) => {
      this.latestByConversation.set(key, id);
      return { type: 'analyze', id, conversation };
    }, onPartial);
    if (response.type === 'failed') throw deserializeError(response.error);
    if (response.type !== 'analyzed')
      throw new AppError('model/bad-answer', 'Unexpected answer from the analysis worker.');
    return response.result;
  }

  /**
   * Switches the mood model every tab is analysed with. Answers at once with the state as the switch begins; the
   * download and load go on in the worker, and `moodModelState()` follows them.
   *
   * `restore`: the stored choice replayed to a fresh host (both engines do so when they start it). It never
   * overrides a choice the agent made meanwhile: their request can reach a fresh host before the replay does.
   */
  selectMoodModel(selection: MoodModelSelection, { restore = false }: { restore?: boolean } = {}): MoodModelState {
    if (restore && this.hasExplicitChoice) return this.moodModel;
    if (!restore) this.hasExplicitChoice = true;
    if (
      !isSameSelection(selection, this.moodModel.selection) ||
      this.moodModel.status.state === 'error' ||
      this.moodModel.status.state === 'idle'
    ) {
      this.moodModel = {
        selection,
        status:
          selection.modelId === bundledSelectionId
            ? { state: 'loading' }
            : { state: 'downloading', progress: 0, loadedBytes: 0, totalBytes: 0 },
        plan: this.moodModel.plan,
      };
    }
    this.send({ type: 'select-model', selection });
    return this.moodModel;
  }

  /** The mood model's state as the worker last reported it. */
  moodModelState(): MoodModelState {
    return this.moodModel;
  }

  async analyzeText(text: string): Promise<MessageMood> {
    const response = await this.request((id) => ({ type: 'analyze-text', id, text }));
    if (response.type === 'failed') throw deserializeError(response.error);
    if (response.type !== 'analyzed-text')
      throw new AppError('model/bad-answer', 'Unexpected answer from the analysis worker.');
    return response.mood;
  }
}

/** The host for this extension page, with the worker and model files served by the extension itself. */
export function createExtensionAnalysisHost(): AnalysisHost {
  const base = new URL('/', location.href);
  return new AnalysisHost(
    // Vite bundles the worker with its dependencies into the extension (the `?worker` import).
    () => new AnalysisWorker(),
    {
      modelBase: new URL('models/', base).href,
      // The binary ships gzip-compressed (wxt.config.ts); the worker inflates it (transformers-env.ts).
      wasm: {
        mjs: new URL('ort/ort-wasm-simd-threaded.asyncify.mjs', base).href,
        wasm: new URL('ort/ort-wasm-simd-threaded.asyncify.wasm.gz', base).href,
      },
    },
  );
}
