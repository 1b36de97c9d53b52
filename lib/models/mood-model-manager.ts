import { AppError, toAppError } from '../errors';
import type { ModelInfo, MoodModelState } from './analysis-protocol';
import type { BundledMoodModel } from './bundled-model';
import { bundledSelectionId, isSameSelection, type MoodModelSelection } from './hub-catalogue';
import type { HubDevicePlan } from './hub-device';
import { createCombinedMoodModel, createHubMoodModel, type HubMoodModel } from './hub-models';
import type { MoodModel } from './types';

export interface MoodModelManagerOptions {
  bundled: BundledMoodModel;
  /** Where Hub models run; asked once, on the first Hub selection. */
  planDevice: () => Promise<HubDevicePlan>;
  /** Every change of state (download progress included, at most every `progressIntervalMs`). */
  onState?: (state: MoodModelState) => void;
  /** Called when the model that answers changes (the analyzer's per-message cache must be dropped). */
  onModelChange?: (model: MoodModel) => void;
  progressIntervalMs?: number;
  /** Builds a Hub model (tests pass their own). */
  createHub?: typeof createHubMoodModel;
}

/** Switches between the bundled model and one opt-in Hub model, falling back to the bundled model on any failure. */
export interface MoodModelManager {
  /** The model that answers now: the bundled one until a Hub model is ready. */
  active(): MoodModel;
  /** What a result says about the model that produced it. */
  info(backend: ModelInfo['backend']): ModelInfo;
  state(): MoodModelState;
  /** Switches to `selection`; resolves when it is ready or has fallen back (never rejects). */
  select(selection: MoodModelSelection): Promise<MoodModelState>;
}

const wasmPlan: HubDevicePlan = { device: 'wasm', dtype: 'q8', reason: 'no-webgpu' };

/**
 * The mood model behind the analysis worker. The bundled model answers at once; a chosen Hub model downloads (with
 * progress) and loads in the background, then takes over, combined with the bundled model for heads it lacks. A
 * download, load or inference failure leaves the bundled model answering and says why (`fallbackReason`).
 */
export function createMoodModelManager(options: MoodModelManagerOptions): MoodModelManager {
  const { bundled } = options;
  const createHub = options.createHub ?? createHubMoodModel;
  const interval = options.progressIntervalMs ?? 100;
  let plan: HubDevicePlan = wasmPlan;
  let planned: Promise<HubDevicePlan> | undefined;
  let active: MoodModel = bundled;
  let hub: HubMoodModel | null = null;
  let generation = 0;
  let lastProgressAt = 0;
  let current: MoodModelState = {
    selection: { modelId: bundledSelectionId, mirrorUrl: '' },
    status: { state: 'idle' },
    plan,
  };

  const setState = (next: MoodModelState, throttle = false): void => {
    current = next;
    if (throttle) {
      const now = Date.now();
      if (now - lastProgressAt < interval) return;
      lastProgressAt = now;
    }
    options.onState?.(current);
  };

  const use = (model: MoodModel): void => {
    active = model;
    options.onModelChange?.(model);
  };

  const fallBack = (selection: MoodModelSelection, error: unknown): MoodModelState => {
    const appError = toAppError(error, 'model/load-failed');
    if (active !== bundled) use(bundled);
    setState({
      selection,
      status: { state: 'error', code: appError.code, reason: appError.message },
      plan,
      fallbackReason: appError.message,
    });
    return current;
  };

  const releaseHub = async (): Promise<void> => {
    const previous = hub;
    hub = null;
    if (active !== bundled) use(bundled);
    await previous?.dispose().catch(() => {
      // A model that failed to load has nothing to release.
    });
  };

  return {
    active: () => active,
    info(backend) {
      const fallbackReason = current.fallbackReason;
      const hubBackend = hub && active !== bundled ? (plan.device === 'cpu' ? 'cpu' : plan.device) : backend;
      return { id: active.id, backend: hubBackend, ...(fallbackReason ? { fallbackReason } : {}) };
    },
    state: () => current,
    async select(selection) {
      const isCurrent = isSameSelection(selection, current.selection);
      if (isCurrent && current.status.state !== 'error' && current.status.state !== 'idle') return current;
      const run = ++generation;
      await releaseHub();
      if (selection.modelId === bundledSelectionId || !selection.modelId.trim()) {
        try {
          const backend = await bundled.load();
          // A newer selection made while the bundled model loaded owns the state now.
          if (run !== generation) return current;
          setState({
            selection,
            status: { state: 'ready', backend: backend === 'webgpu' ? 'webgpu' : 'wasm', modelId: bundled.id },
            plan,
          });
        } catch (error) {
          if (run !== generation) return current;
          const appError = toAppError(error, 'model/load-failed');
          setState({ selection, status: { state: 'error', code: appError.code, reason: appError.message }, plan });
        }
        return current;
      }
      planned ??= options.planDevice().catch(() => wasmPlan);
      plan = await planned;
      setState({ selection, status: { state: 'downloading', progress: 0, loadedBytes: 0, totalBytes: 0 }, plan });
      let model: HubMoodModel;
      try {
        // The bundled model loads first: it answers while the Hub model downloads and fills the heads it lacks.
        await bundled.load();
        model = createHub({
          selection,
          plan,
          onProgress: ({ progress, loadedBytes, totalBytes }) => {
            if (run !== generation) return;
            const complete = totalBytes > 0 && loadedBytes >= totalBytes;
            setState(
              {
                selection,
                status: complete ? { state: 'loading' } : { state: 'downloading', progress, loadedBytes, totalBytes },
                plan,
              },
              !complete,
            );
          },
        });
        hub = model;
        await model.load();
        // One real inference proves the graph runs and its outputs match its labels before it replaces the bundled model.
        await model.classify(['Thank you, that helps.']);
      } catch (error) {
        if (run !== generation) return current;
        hub = null;
        return fallBack(selection, error);
      }
      if (run !== generation) {
        await model.dispose();
        return current;
      }
      use(
        createCombinedMoodModel(model, bundled, {
          onHubFailure: (error) => {
            if (run !== generation) return;
            fallBack(
              selection,
              new AppError(error.code, `${selection.modelId} failed while analysing: ${error.message}`),
            );
          },
        }),
      );
      setState({
        selection,
        status: { state: 'ready', backend: plan.device === 'webgpu' ? 'webgpu' : 'wasm', modelId: selection.modelId },
        plan,
      });
      return current;
    },
  };
}
