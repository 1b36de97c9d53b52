import type { EscalateDeps } from '../lib/escalation/escalate';
import { formatEscalatedAgo } from '../lib/escalation/format';
import { useNow, useRetryEscalation } from '../lib/escalation/hooks';
import type { StoredEscalation } from '../lib/escalation/records';
import { defineMessages } from '../lib/i18n';
import { useI18n } from './I18nProvider';

const messages = defineMessages({
  en: {
    'action.zendesk': 'Zendesk',
    'action.freshdesk': 'Freshdesk',
    'action.webhook': 'Webhook',
    'action.email': 'Email',
    'action.clipboard': 'Clipboard',
    ok: 'done',
    failed: 'failed',
    retry: 'Retry failed',
    retrying: 'Retrying…',
    retryError: 'Retry failed: {message}',
    earlier: '{count} earlier escalation(s) of this conversation',
    note: 'Note: {note}',
  },
  de: {
    'action.zendesk': 'Zendesk',
    'action.freshdesk': 'Freshdesk',
    'action.webhook': 'Webhook',
    'action.email': 'E-Mail',
    'action.clipboard': 'Zwischenablage',
    ok: 'erledigt',
    failed: 'fehlgeschlagen',
    retry: 'Fehlgeschlagene erneut versuchen',
    retrying: 'Wird erneut versucht…',
    retryError: 'Erneuter Versuch fehlgeschlagen: {message}',
    earlier: '{count} frühere Eskalation(en) dieser Unterhaltung',
    note: 'Notiz: {note}',
  },
});

type ActionKey = 'action.zendesk' | 'action.freshdesk' | 'action.webhook' | 'action.email' | 'action.clipboard';

function actionKey(action: string): ActionKey | undefined {
  const key = `action.${action}`;
  return (['action.zendesk', 'action.freshdesk', 'action.webhook', 'action.email', 'action.clipboard'] as const).find(
    (known) => known === key,
  );
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
  const { language } = useI18n();
  const t = messages(language);
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
              <span className="sr-only">{action.ok ? t('ok') : t('failed')}</span>
              <span>{action.detail}</span>
            </li>
          );
        })}
      </ul>
      {record.note ? <p className="small muted">{t('note', { note: record.note })}</p> : null}
      {canRetry ? (
        <button
          type="button"
          data-testid="escalation-retry"
          disabled={retry.isPending || !deps}
          onClick={() => retry.mutate(record.id)}
        >
          {retry.isPending ? t('retrying') : t('retry')}
        </button>
      ) : null}
      {retry.error ? (
        <p role="alert" className="escalation-error">
          {t('retryError', { message: retry.error.message })}
        </p>
      ) : null}
      {earlier > 0 ? <p className="small muted">{t('earlier', { count: earlier })}</p> : null}
    </div>
  );
}
