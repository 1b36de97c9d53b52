import { describeError, toAppError } from '../lib/errors';
import { tPlural } from '../lib/i18n';
import { useSyncPack, useUnsubscribePack } from '../lib/replies/templates/hooks';
import type { PackSubscription } from '../lib/replies/templates/pack-sync';
import { useTemplateMessages } from './TemplateMessages';

/** One team pack subscription: name, address, last sync, last error (the last good copy stays in use), actions. */
export function TemplatePackItem({
  subscription,
  format,
  refreshing,
}: {
  subscription: PackSubscription;
  format: Intl.DateTimeFormat;
  refreshing: boolean;
}) {
  const { tt, language } = useTemplateMessages();
  const sync = useSyncPack();
  const unsubscribe = useUnsubscribePack();
  const { pack, managed } = subscription;
  const lastError = pack?.lastError;
  const skippedOnly = lastError?.code === 'templates/pack-entries-invalid';
  const busy = sync.isPending || refreshing;
  return (
    <li className="tpl-pack" data-testid="pack" data-url={subscription.url}>
      <div className="tpl-pack-head">
        <strong>{pack?.name ?? new URL(subscription.url).host}</strong>
        <span className="tpl-row-meta">
          {managed ? <span className="chip tpl-readonly">🔒 {tt('templates.packs.managed')}</span> : null}
          <span className="small muted">{tPlural(language, 'templates.packs.count', pack?.templateCount ?? 0)}</span>
        </span>
      </div>
      <div className="tpl-pack-url">{subscription.url}</div>
      <p className="small muted" data-testid="pack-sync">
        {pack?.lastSyncAt
          ? tt('templates.packs.lastSync', { time: format.format(new Date(pack.lastSyncAt)) })
          : tt('templates.packs.neverSynced')}
      </p>
      {lastError ? (
        <p
          className={`small ${skippedOnly ? 'muted' : 'tpl-error'}`}
          role="status"
          data-testid="pack-error"
          // The stored English detail (which entries, which HTTP status) stays for support; the agent reads the
          // catalogue's sentence for the code in their language.
          title={lastError.message}
          data-detail={lastError.message}
        >
          {skippedOnly
            ? describeError(lastError, tt)
            : tt('templates.packs.error', {
                time: format.format(new Date(lastError.at)),
                message: describeError(lastError, tt),
              })}
          {!skippedOnly && (pack?.templateCount ?? 0) > 0 ? ` ${tt('templates.packs.keptCopy')}` : ''}
        </p>
      ) : null}
      {sync.isError || unsubscribe.isError ? (
        <p className="small tpl-error" role="alert" data-detail={toAppError(sync.error ?? unsubscribe.error).message}>
          {describeError(sync.error ?? unsubscribe.error, tt)}
        </p>
      ) : null}
      <div className="tpl-actions">
        <button type="button" disabled={busy} onClick={() => sync.mutate(subscription.url)}>
          {busy ? tt('templates.packs.refreshing') : tt('templates.packs.refresh')}
        </button>
        {managed ? null : (
          <button
            type="button"
            className="link"
            disabled={unsubscribe.isPending}
            onClick={() => unsubscribe.mutate(subscription.url)}
          >
            {tt('templates.packs.unsubscribe')}
          </button>
        )}
      </div>
    </li>
  );
}
