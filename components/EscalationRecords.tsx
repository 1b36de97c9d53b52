import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { EscalationRecord } from '../lib/db';
import { describeError } from '../lib/errors';
import {
  deleteEscalations,
  listAllEscalations,
  MAX_RECORD_RETENTION_DAYS,
  pruneEscalations,
  restoreEscalations,
  type StoredEscalation,
} from '../lib/escalation/records';
import { formatNumber, tPlural } from '../lib/i18n';
import { queryKeys, useSettings, useUpdateSettings } from '../lib/queries';
import { useI18n } from './I18nProvider';
import './escalation.css';
// The undo notice looks like the template library's.
import './templates.css';

/** How long the "deleted — Undo" notice stays; afterwards the records are gone for good. */
const UNDO_MS = 10_000;

function clampDays(text: string): number {
  const value = Math.round(Number(text));
  return Number.isFinite(value) ? Math.min(MAX_RECORD_RETENTION_DAYS, Math.max(0, value)) : 0;
}

/**
 * The settings page's list of escalation records (issue 20): how long they are kept, each one deletable, all of them
 * deletable after a confirmation, every deletion undoable for a few seconds. Old records are pruned before listing.
 */
export function EscalationRecords() {
  const { t, language } = useI18n();
  const client = useQueryClient();
  const settings = useSettings();
  const update = useUpdateSettings();
  const retention = settings.data?.escalation.recordRetentionDays;
  const [days, setDays] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [undo, setUndo] = useState<EscalationRecord[] | null>(null);
  // The failure itself, not its sentence: it is described at render time, in the language shown then.
  const [error, setError] = useState<Error | null>(null);

  useEffect(() => {
    if (retention !== undefined) setDays(String(retention));
  }, [retention]);

  useEffect(() => {
    if (!undo) return;
    const timer = setTimeout(() => setUndo(null), UNDO_MS);
    return () => clearTimeout(timer);
  }, [undo]);

  const records = useQuery<StoredEscalation[]>({
    queryKey: queryKeys.allEscalations(),
    enabled: retention !== undefined,
    queryFn: async () => {
      await pruneEscalations(retention ?? 0);
      return listAllEscalations();
    },
  });

  // A changed retention prunes again.
  useEffect(() => {
    if (retention !== undefined) void client.invalidateQueries({ queryKey: queryKeys.allEscalations() });
  }, [client, retention]);

  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.allEscalations() });
  const onError = (failure: Error) => setError(failure);
  const remove = useMutation<EscalationRecord[], Error, readonly number[] | 'all'>({
    mutationFn: (ids) => deleteEscalations(ids),
    onSuccess: (rows) => {
      setError(null);
      setUndo(rows.length > 0 ? rows : null);
    },
    onError,
    onSettled: refresh,
  });
  const restore = useMutation<void, Error, EscalationRecord[]>({
    mutationFn: (rows) => restoreEscalations(rows),
    onError,
    onSettled: refresh,
  });

  const dateFormat = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  const list = records.data ?? [];

  return (
    <section className="card escalation-records" aria-labelledby="escalation-records" data-testid="escalation-records">
      <h2 id="escalation-records">{t('escalation.records.title')}</h2>
      <p className="small muted">{t('escalation.records.intro')}</p>
      <label className="field">
        <span>{t('escalation.records.retention')}</span>
        <input
          type="number"
          min={0}
          max={MAX_RECORD_RETENTION_DAYS}
          data-testid="record-retention"
          value={days}
          onChange={(event) => setDays(event.target.value)}
          onBlur={() => {
            const next = clampDays(days);
            setDays(String(next));
            if (next !== retention) update.mutate({ escalation: { recordRetentionDays: next } });
          }}
        />
        <span className="small muted">{t('escalation.records.retentionHint')}</span>
      </label>

      {list.length === 0 ? (
        <p className="small muted">{records.isLoading ? '' : t('escalation.records.empty')}</p>
      ) : (
        <>
          <div className="escalation-records-bar">
            <span className="small muted">{tPlural(language, 'escalation.records.count', list.length)}</span>
            {confirming ? (
              <span role="alert" className="escalation-records-confirm">
                {tPlural(language, 'escalation.records.confirmAll', list.length)}{' '}
                <button
                  type="button"
                  data-testid="records-confirm-delete-all"
                  onClick={() => {
                    setConfirming(false);
                    remove.mutate('all');
                  }}
                >
                  {t('escalation.records.confirm')}
                </button>{' '}
                <button type="button" onClick={() => setConfirming(false)}>
                  {t('escalation.records.cancel')}
                </button>
              </span>
            ) : (
              <button type="button" data-testid="records-delete-all" onClick={() => setConfirming(true)}>
                {t('escalation.records.deleteAll')}
              </button>
            )}
          </div>
          <ul className="escalation-records-list">
            {list.map((record) => (
              <li key={record.id} data-testid="escalation-record-row">
                <div>
                  <strong>{record.retry?.summary.subject || t('escalation.records.noSubject')}</strong>{' '}
                  <span className="small muted">
                    {dateFormat.format(new Date(record.at))} · {record.site} ·{' '}
                    {tPlural(language, 'escalation.records.results', record.actions.length, {
                      ok: formatNumber(language, record.actions.filter((action) => action.ok).length),
                    })}
                  </span>
                </div>
                <button
                  type="button"
                  data-testid="escalation-record-delete"
                  onClick={() => remove.mutate([record.id])}
                  disabled={remove.isPending}
                >
                  {t('escalation.records.delete')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {error ? (
        <p role="alert" className="escalation-error" title={error.message} data-detail={error.message}>
          {t('escalation.records.failed', { message: describeError(error, t) })}
        </p>
      ) : null}
      {undo ? (
        <div className="tpl-toast" role="status" data-testid="records-toast">
          <span>{tPlural(language, 'escalation.records.deleted', undo.length)}</span>
          <button
            type="button"
            className="link"
            onClick={() => {
              const rows = undo;
              setUndo(null);
              restore.mutate(rows);
            }}
          >
            {t('escalation.records.undo')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
