import { type ReactNode, useMemo } from 'react';
import { conversationLanguage, type SummaryLine, summarizeConversation } from '../lib/analysis/conversation-summary';
import type { MessageKey } from '../lib/i18n';
import { type ModelSummaryView, useModelSummary } from '../lib/replies/hooks';
import type { SummaryRejection } from '../lib/replies/model-summary';
import type { Conversation } from '../lib/sites/types';
import { useI18n } from './I18nProvider';

type T = ReturnType<typeof useI18n>['t'];

function showMessage(messageId: string): void {
  const target = document.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(messageId)}"]`);
  if (!target) return;
  const details = target.closest('details');
  if (details) details.open = true;
  target.scrollIntoView({ block: 'center', behavior: 'smooth' });
  target.focus({ preventScroll: true });
}

/** The extractive lines: each a quoted sentence with a button that shows its message. */
function QuotedLines({ lines, language, t }: { lines: readonly SummaryLine[]; language: 'en' | 'de'; t: T }) {
  if (lines.length === 0) return null;
  return (
    <dl className="summary-lines" data-testid="summary-quotes">
      {lines.map((line) => (
        // Two `said` lines can stand in one summary (the first message and the latest): the key is the sentence.
        <div
          key={`${line.messageId}:${line.start}`}
          className={`summary-line summary-${line.kind}`}
          data-kind={line.kind}
        >
          <dt>{t(`summary.${line.kind}`)}</dt>
          <dd>
            <button
              type="button"
              className="summary-quote"
              lang={language}
              title={t('summary.show')}
              onClick={() => showMessage(line.messageId)}
            >
              “{line.text}
              {line.clipped ? '…' : ''}”
            </button>{' '}
            <span className="muted">({t(line.by === 'customer' ? 'summary.byCustomer' : 'summary.byAgent')})</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The card around either summary; `source` says which one it shows. */
function SummaryCard({
  source,
  title,
  children,
}: {
  source: 'model' | 'extractive';
  title: string;
  children: ReactNode;
}) {
  return (
    <section
      className="card summary"
      aria-labelledby="summary-title"
      data-testid="conversation-summary"
      data-source={source}
    >
      <h3 id="summary-title" className="summary-title">
        {title}
      </h3>
      {children}
    </section>
  );
}

function rejectionText(rejection: SummaryRejection, t: T): string {
  if (rejection.reason === 'claim') {
    const claim: MessageKey = `drafts.claim.${rejection.state}`;
    return t('summary.model.rejected.claim', { claim: t(claim) });
  }
  if (rejection.reason === 'fact') return t('summary.model.rejected.fact', { value: rejection.value });
  return t('summary.model.rejected.unreadable');
}

function modelName(view: Exclude<ModelSummaryView, { state: 'none' }>, t: T): string {
  return view.kind === 'fake' ? t('summary.model.demoName') : (view.model ?? '');
}

/**
 * "In short": what the customer wants, what has happened, what is still open. First each line a sentence quoted from
 * one message (never written by us), with a button that scrolls to that message in "What Rapport read"; when the
 * agent has loaded a reply model, its own three lines replace them once checked against the conversation, marked as
 * the model's, with the quotes a click away. A model summary that states what no message shows is not shown; the
 * quotes stay, with a quiet note why.
 */
export function ConversationSummary({ conversation }: { conversation: Conversation }) {
  const { t } = useI18n();
  const summary = useMemo(() => summarizeConversation(conversation), [conversation]);
  // The quotes are in the conversation's language, which may not be the panel's: screen readers switch voice.
  const language = useMemo(() => conversationLanguage(conversation), [conversation]);
  const model = useModelSummary(conversation);
  const status = (
    <span data-testid="summary-status" data-status={summary.status}>
      {t(`summary.status.${summary.status}`)}
    </span>
  );

  if (model.state === 'shown') {
    return (
      <SummaryCard source="model" title={t('summary.title')}>
        <dl className="summary-lines summary-model-lines" data-testid="summary-model-lines">
          {model.lines.map((line) => (
            <div key={line.kind} className={`summary-line summary-${line.kind}`} data-kind={line.kind}>
              <dt>{t(`summary.${line.kind}`)}</dt>
              <dd lang={model.language}>{line.text}</dd>
            </div>
          ))}
        </dl>
        <p className="muted summary-status">
          {status}{' '}
          <span className="summary-source" data-testid="summary-source" data-source="model">
            {t('summary.source.model', { model: modelName(model, t) })}
          </span>
        </p>
        {summary.lines.length > 0 && (
          <details className="summary-quotes" data-testid="summary-quotes-details">
            <summary>{t('summary.model.showQuotes')}</summary>
            <QuotedLines lines={summary.lines} language={language} t={t} />
          </details>
        )}
      </SummaryCard>
    );
  }

  return (
    <SummaryCard source="extractive" title={t('summary.title')}>
      <QuotedLines lines={summary.lines} language={language} t={t} />
      <p className="muted summary-status">
        {status}{' '}
        <span className="summary-source" data-testid="summary-source" data-source="extractive">
          {t('summary.source.extractive')}
        </span>
      </p>
      {model.state === 'writing' && (
        <p className="muted summary-model-note" data-testid="summary-model-note" data-state="writing" role="status">
          {t('summary.model.writing')}
        </p>
      )}
      {model.state === 'rejected' && (
        <p
          className="muted summary-model-note"
          data-testid="summary-model-note"
          data-state="rejected"
          data-reason={model.rejection.reason}
        >
          {rejectionText(model.rejection, t)}
        </p>
      )}
      {model.state === 'failed' && (
        <p className="muted summary-model-note" data-testid="summary-model-note" data-state="failed">
          {t('summary.model.failed')}{' '}
          <button type="button" className="link" onClick={model.retry}>
            {t('common.retry')}
          </button>
        </p>
      )}
    </SummaryCard>
  );
}
