import { describeError, serializeError } from '../lib/errors';
import { formatBytes, type Translate } from '../lib/i18n';
import type { MoodModelState } from '../lib/models/analysis-protocol';
import { useI18n } from './I18nProvider';

/**
 * What the mood model is doing: download progress, loading, in use on which backend, or why it fell back — with
 * Retry, which starts the failed download again.
 */
export function ModelStatusLine({
  state,
  error,
  m,
  onRetry,
}: {
  state: MoodModelState | undefined;
  error: Error | null;
  m: Translate;
  onRetry: () => void;
}) {
  const { language } = useI18n();
  const retry = (
    <button type="button" className="link" onClick={onRetry} data-testid="model-retry">
      {m('states.retry')}
    </button>
  );
  if (error) {
    // The agent reads the catalogue's sentence in their language; the English detail (a host, an HTTP status) stays
    // on the element for support, never as the visible sentence.
    const detail = serializeError(error).message;
    return (
      <p className="model-error" role="alert" data-testid="model-status" title={detail} data-detail={detail}>
        {m('model-settings.fallback', { reason: describeError(error, m) })} {retry}
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
          aria-label={m('model-settings.downloading', {
            loaded: formatBytes(language, status.loadedBytes),
            total: formatBytes(language, status.totalBytes),
          })}
          data-testid="model-progress"
        />
        <span className="small">
          {m('model-settings.downloading', {
            loaded: formatBytes(language, status.loadedBytes),
            total: formatBytes(language, status.totalBytes || 0),
          })}
        </span>
      </div>
    );
  }
  if (status.state === 'loading') {
    return (
      <p className="small" data-testid="model-status">
        {m('model-settings.loading')}
      </p>
    );
  }
  if (status.state === 'ready') {
    return (
      <p className="small model-ready" role="status" data-testid="model-status">
        {m('model-settings.ready', { model: status.modelId, backend: status.backend === 'webgpu' ? 'WebGPU' : 'WASM' })}
      </p>
    );
  }
  if (status.state === 'error') {
    // `reason` is the engine's English message; `code` names it in the catalogue.
    const detail = state.fallbackReason ?? status.reason;
    return (
      <p className="model-error" role="alert" data-testid="model-status" title={detail} data-detail={detail}>
        {m('model-settings.fallback', { reason: describeError({ code: status.code, message: detail }, m) })} {retry}
      </p>
    );
  }
  return (
    <p className="small muted" data-testid="model-status">
      {m('model-settings.idle')}
    </p>
  );
}
