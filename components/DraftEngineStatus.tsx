import { describeError } from '../lib/errors';
import { formatBytes } from '../lib/i18n';
import { standardWeightsOrigin } from '../lib/models/webllm-download';
import type { DraftingEngineView } from '../lib/replies/hooks';
import type { DraftsMessageKey } from '../lib/replies/messages';
import { useI18n } from './I18nProvider';

/**
 * The drafting model's lifecycle as the agent needs it: the download size before anything is fetched (and a button
 * to agree), a progress bar with cancel while downloading or starting, and failures in plain words with Retry.
 */
export function DraftEngineStatus({
  view,
  weightsHost,
  onDownload,
  onCancel,
  onRetry,
  td,
}: {
  view: DraftingEngineView;
  weightsHost: string;
  onDownload: () => void;
  onCancel: () => void;
  onRetry: () => void;
  td: (key: DraftsMessageKey, params?: Record<string, string | number>) => string;
}) {
  const { t, language } = useI18n();
  const { plan, status } = view;
  const retryButton = (
    <button type="button" onClick={onRetry} data-testid="drafts-retry">
      {t('states.retry')}
    </button>
  );
  if (view.engine === null) {
    return (
      <p className="small muted" aria-busy="true" data-testid="drafts-probing">
        {td('engine.probing')}
      </p>
    );
  }
  if (view.awaitingApproval && plan) {
    return (
      <div className="engine-consent" data-testid="drafts-consent">
        <div className="engine-consent-row">
          <strong>
            {td('engine.needsDownload', {
              size:
                plan.download.source === 'parameters'
                  ? t('writingModel.approximateSize', { size: formatBytes(language, plan.download.bytes) })
                  : formatBytes(language, plan.download.bytes),
            })}
          </strong>
          <button type="button" className="primary" onClick={onDownload} data-testid="drafts-download">
            {td('engine.download')}
          </button>
        </div>
        <p className="small muted">
          {td('engine.needsDownloadHelp', {
            model: plan.model.family,
            licence: plan.model.licence ?? plan.model.quantization,
            host: hostName(weightsHost || standardWeightsOrigin),
          })}
        </p>
        {plan.model.runsPoorly === 'software-adapter' ? (
          <p className="small" data-testid="drafts-runs-poorly">
            {t('states.softwareAdapter', { model: plan.model.family })}
          </p>
        ) : null}
      </div>
    );
  }
  if (status.state === 'downloading' || status.state === 'loading') {
    const downloading = status.state === 'downloading';
    const text = downloading
      ? td('engine.downloading', {
          model: plan?.model.family ?? view.engine.id,
          loaded: formatBytes(language, status.loadedBytes),
          total: formatBytes(language, status.totalBytes),
        })
      : td('engine.loading');
    return (
      <div className="engine-progress" data-testid="drafts-progress" data-state={status.state}>
        <div className="engine-progress-row">
          <span className="small">{text}</span>
          <button type="button" className="link" onClick={onCancel}>
            {td('card.cancel')}
          </button>
        </div>
        <progress max={1} value={status.progress} aria-label={text} />
      </div>
    );
  }
  if (status.state === 'error' && view.kind === 'webllm') {
    return (
      <div className="engine-progress-row">
        {/* The catalogue's words for the code: `reason` is the English detail for logs (kept in data-detail). */}
        <p className="small engine-error" role="alert" data-detail={status.reason}>
          {td('engine.error', { reason: describeError({ code: status.code, message: status.reason }, t) })}
        </p>
        {retryButton}
      </div>
    );
  }
  // The download failed and drafting fell back to templates (the reason is shown below the card's head): the model
  // can still be fetched again.
  if (view.failed) return <div className="engine-progress-row">{retryButton}</div>;
  if (view.kind === 'webllm' && plan?.cached && status.state === 'idle') {
    return <p className="small muted">{td('engine.cached')}</p>;
  }
  return null;
}

function hostName(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    // A mistyped mirror address is shown as typed; the settings page flags it.
    return url;
  }
}
