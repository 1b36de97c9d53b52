import type { MoodModelState } from '../lib/models/analysis-protocol';
import { formatBytes } from '../lib/models/hub-models';
import type { modelSettingsMessages } from './model-settings-messages';

type Translate = ReturnType<typeof modelSettingsMessages>;

/** What the mood model is doing: download progress, loading, in use on which backend, or why it fell back. */
export function ModelStatusLine({
  state,
  error,
  m,
}: {
  state: MoodModelState | undefined;
  error: Error | null;
  m: Translate;
}) {
  if (error) {
    return (
      <p className="model-error" role="alert" data-testid="model-status">
        {m('fallback', { reason: error.message })}
      </p>
    );
  }
  if (!state) return null;
  const status = state.status;
  if (status.state === 'downloading') {
    return (
      <div className="model-progress" data-testid="model-status">
        <progress
          max={1}
          value={status.progress}
          aria-label={m('downloading', {
            loaded: formatBytes(status.loadedBytes),
            total: formatBytes(status.totalBytes),
          })}
          data-testid="model-progress"
        />
        <span className="small">
          {m('downloading', { loaded: formatBytes(status.loadedBytes), total: formatBytes(status.totalBytes || 0) })}
        </span>
      </div>
    );
  }
  if (status.state === 'loading') {
    return (
      <p className="small" data-testid="model-status">
        {m('loading')}
      </p>
    );
  }
  if (status.state === 'ready') {
    return (
      <p className="small model-ready" role="status" data-testid="model-status">
        {m('ready', { model: status.modelId, backend: status.backend === 'webgpu' ? 'WebGPU' : 'WASM' })}
      </p>
    );
  }
  if (status.state === 'error') {
    return (
      <p className="model-error" role="alert" data-testid="model-status">
        {m('fallback', { reason: state.fallbackReason ?? status.reason })}
      </p>
    );
  }
  return (
    <p className="small muted" data-testid="model-status">
      {m('idle')}
    </p>
  );
}
