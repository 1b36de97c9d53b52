import { useId, useState } from 'react';
import { describeError, serializeError } from '../lib/errors';
import { siteNameOf, tPlural } from '../lib/i18n';
import { type PageReport, sendToExtension } from '../lib/messaging';
import { API_FAILURE_REASONS } from '../lib/sites/api';
import type { ReadingHealth, ReadingProblem } from '../lib/sites/health';
import { useI18n } from './I18nProvider';

/** Saves `json` as a file the agent can attach to a bug report (nothing is uploaded). */
function saveFile(fileName: string, json: string): void {
  const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once started; the object URL can go.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Where the conversation was read from and whether the reading looks right, with the ways to fix it one click away
 * at all times: pick the area, use the selected text, read again, report a reading problem. A healthy reading is one
 * line with a "Fix reading…" disclosure (issue 22: four buttons took 110 px of a 320 px panel's first screen); a
 * doubtful, stale or failed one shows the ways out open.
 */
export function ReadingStatus({
  tabId,
  report,
  health,
  stale = false,
}: {
  tabId: number;
  report: PageReport;
  health: ReadingHealth | null;
  /** The tab moved on to a page Rapport may not read. */
  stale?: boolean;
}) {
  const { t, language } = useI18n();
  const recoveryId = useId();
  const [saved, setSaved] = useState<{ ok: boolean; text: string; detail?: string } | null>(null);
  const conversation = report.conversation;

  const problemText = (problem: ReadingProblem): string => {
    switch (problem.code) {
      case 'placeholder-author':
        return t('health.placeholder-author', { name: problem.name });
      case 'form-like-message':
        return t('health.form-like-message', { index: problem.index + 1 });
      case 'one-author':
        return t('health.one-author', { count: problem.count });
      case 'everyone-customer':
        return t('health.everyone-customer', { authors: problem.authors });
      default:
        return t(`health.${problem.code}`);
    }
  };

  const isHealthy = Boolean(conversation) && health?.ok === true && !stale;
  // null: follow the reading's health; the agent's own toggle wins until the panel is reopened.
  const [shownByAgent, setShownByAgent] = useState<boolean | null>(null);
  const isRecoveryShown = shownByAgent ?? !isHealthy;

  const fallback = conversation?.apiFallback;
  const fallbackReason = fallback
    ? (API_FAILURE_REASONS.find((reason) => `api/${reason}` === fallback.code) ?? 'failed')
    : null;

  async function reportProblem(): Promise<void> {
    try {
      const { fileName, json } = await sendToExtension('saveReadingReport', { tabId });
      saveFile(fileName, json);
      setSaved({ ok: true, text: t('panel.reportSaved', { file: fileName }) });
    } catch (error) {
      // The sentence in the agent's language; the English detail stays on the element for support.
      setSaved({
        ok: false,
        text: t('panel.reportFailed', { message: describeError(error, t) }),
        detail: serializeError(error).message,
      });
    }
  }

  return (
    <section className="reading-status" data-testid="reading-status" data-source={conversation?.source ?? 'page'}>
      {conversation ? (
        <div className="muted small source-row">
          <p className="source-line" data-testid="reading-source">
            {t(`panel.source.${conversation.source ?? 'page'}`, { site: siteNameOf(report.siteLabel, t) })}
            {fallbackReason ? (
              <span data-testid="api-fallback" data-code={fallback?.code}>
                {' · '}
                {t('panel.apiFallback', { site: siteNameOf(report.siteLabel, t), reason: t(`api.${fallbackReason}`) })}
              </span>
            ) : null}
          </p>
          <span aria-hidden="true">·</span>
          <span data-testid="reading-count">
            {tPlural(language, 'reading-status.messages', conversation.messages.length)}
          </span>
          <span aria-hidden="true">·</span>
          <button
            type="button"
            className="link reading-fix"
            data-testid="reading-fix"
            aria-expanded={isRecoveryShown}
            aria-controls={recoveryId}
            onClick={() => setShownByAgent(!isRecoveryShown)}
          >
            {t('reading-status.fix')}
          </button>
        </div>
      ) : null}
      {stale ? (
        <div className="card reading-wrong" role="status" data-testid="stale-reading">
          <p className="small">{t('panel.staleReading')}</p>
          <button type="button" onClick={() => void sendToExtension('rereadTab', { tabId })}>
            {t('panel.readThisPage')}
          </button>
        </div>
      ) : null}
      {report.carriedFrom ? (
        <p className="small muted" data-testid="carried-from" title={report.carriedFrom}>
          {t('panel.carriedFrom')}
        </p>
      ) : null}
      {report.pick ? (
        <p className="small pick-line" data-testid="pick-in-use" data-found={String(report.pick.found)}>
          <span title={report.pick.pattern}>{report.pick.found ? t('panel.pickInUse') : t('panel.pickNotFound')}</span>{' '}
          <button
            type="button"
            className="link"
            data-testid="forget-pick"
            onClick={() => void sendToExtension('forgetPick', { tabId })}
          >
            {t('panel.forgetPick')}
          </button>
        </p>
      ) : null}
      {health && !health.ok ? (
        <div className="card reading-wrong" role="alert" data-testid="reading-wrong">
          <h2>{t('panel.readingWrong')}</h2>
          <ul>
            {health.problems.map((problem) => (
              <li key={problem.code} data-code={problem.code}>
                {problemText(problem)}
              </li>
            ))}
          </ul>
          <p className="muted small">{t('panel.readingWrongHint')}</p>
        </div>
      ) : null}
      <div className="recovery" data-testid="recovery" id={recoveryId} hidden={!isRecoveryShown}>
        <button type="button" onClick={() => void sendToExtension('startPicker', { tabId })}>
          {t('panel.pick')}
        </button>
        <button type="button" onClick={() => void sendToExtension('useSelection', { tabId })}>
          {t('panel.useSelection')}
        </button>
        <button type="button" className="link" onClick={() => void sendToExtension('rereadTab', { tabId })}>
          {t('panel.reread')}
        </button>
        <button type="button" className="link" data-testid="report-problem" onClick={() => void reportProblem()}>
          {t('panel.reportProblem')}
        </button>
      </div>
      {saved ? (
        <p
          className={`small ${saved.ok ? 'muted' : 'error'}`}
          role="status"
          data-testid="report-saved"
          {...(saved.detail ? { title: saved.detail, 'data-detail': saved.detail } : {})}
        >
          {saved.text}
        </p>
      ) : null}
    </section>
  );
}
