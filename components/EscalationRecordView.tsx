import { describeError } from '../lib/errors';
import type { EscalateDeps } from '../lib/escalation/escalate';
import { formatEscalatedAgo } from '../lib/escalation/format';
import { useNow, useRetryEscalation } from '../lib/escalation/hooks';
import type { StoredEscalation } from '../lib/escalation/records';
import { tPlural } from '../lib/i18n';
import { useI18n } from './I18nProvider';

type ActionKey =
  | 'escalation.record.action.zendesk'
  | 'escalation.record.action.freshdesk'
  | 'escalation.record.action.webhook'
  | 'escalation.record.action.email'
  | 'escalation.record.action.clipboard';

function actionKey(action: string): ActionKey | undefined {
  const key = `escalation.record.action.${action}`;
  return (
    [
      'escalation.record.action.zendesk',
      'escalation.record.action.freshdesk',
      'escalation.record.action.webhook',
      'escalation.record.action.email',
      'escalation.record.action.clipboard',
    ] as const
  ).find((known) => known === key);
}

/**
 * The latest escalation of a conversation: when ("escalated 2 h ago"), each action's result, and Retry for the
 * failed ones that may succeed on another try. Retrying twice at once runs once (`retryFailed` shares a run).
 */
export function EscalationRecordView({
  record,
  earlier,
  deps,
  conversationKey,
}: {
  record: StoredEscalation;
  /** How many older escalations this conversation has. */
  earlier: number;
  deps: EscalateDeps | undefined;
  conversationKey: string | null;
}) {
  const { t, language } = useI18n();
  const now = useNow();
  const retry = useRetryEscalation(conversationKey, deps);
  const canRetry = record.retry !== undefined && record.actions.some((action) => !action.ok && action.retryable);
  const allOk = record.actions.every((action) => action.ok);
  return (
    <div
      className={`escalation-record${allOk ? '' : ' escalation-record-failed'}`}
      data-testid="escalation-record"
      data-status={allOk ? 'done' : record.actions.some((action) => action.ok) ? 'partial' : 'failed'}
    >
      <p className="escalation-ago" title={new Date(record.at).toLocaleString(language)}>
        <span aria-hidden="true">{allOk ? '✓ ' : '! '}</span>
        {formatEscalatedAgo(record.at, Math.max(now, record.at), language)}
      </p>
      <ul className="escalation-results">
        {record.actions.map((action) => {
          const label = actionKey(action.action);
          return (
            <li
              // An escalation runs each action once, so the name identifies it within the record.
              key={action.action}
              className={action.ok ? 'result-ok' : 'result-failed'}
              data-action={action.action}
              data-ok={String(action.ok)}
            >
              <strong>{label ? t(label) : action.action}</strong>{' '}
              <span className="sr-only">{action.ok ? t('escalation.record.ok') : t('escalation.record.failed')}</span>
              <span>{action.detail}</span>
            </li>
          );
        })}
      </ul>
      {record.note ? <p className="small muted">{t('escalation.record.note', { note: record.note })}</p> : null}
      {canRetry ? (
        <button
          type="button"
          data-testid="escalation-retry"
          disabled={retry.isPending || !deps}
          onClick={() => retry.mutate(record.id)}
        >
          {retry.isPending ? t('escalation.record.retrying') : t('escalation.record.retry')}
        </button>
      ) : null}
      {retry.error ? (
        <p role="alert" className="escalation-error" title={retry.error.message} data-detail={retry.error.message}>
          {t('escalation.record.retryError', { message: describeError(retry.error, t) })}
        </p>
      ) : null}
      {earlier > 0 ? <p className="small muted">{tPlural(language, 'escalation.record.earlier', earlier)}</p> : null}
    </div>
  );
}
