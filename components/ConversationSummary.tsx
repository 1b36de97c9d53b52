import { useMemo } from 'react';
import { summarizeConversation } from '../lib/analysis/conversation-summary';
import type { Conversation } from '../lib/sites/types';
import { useI18n } from './I18nProvider';

/**
 * "In short": what the customer wants, what has happened, what is still open — each line a sentence quoted from one
 * message (never written by us), with a button that scrolls to that message in "What Rapport read".
 */
export function ConversationSummary({ conversation }: { conversation: Conversation }) {
  const { t } = useI18n();
  const summary = useMemo(() => summarizeConversation(conversation), [conversation]);
  const showMessage = (messageId: string): void => {
    const target = document.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(messageId)}"]`);
    if (!target) return;
    const details = target.closest('details');
    if (details) details.open = true;
    target.scrollIntoView({ block: 'center', behavior: 'smooth' });
    target.focus({ preventScroll: true });
  };
  return (
    <section className="card summary" aria-labelledby="summary-title" data-testid="conversation-summary">
      <h3 id="summary-title" className="summary-title">
        {t('summary.title')}
      </h3>
      {summary.lines.length > 0 && (
        <dl className="summary-lines">
          {summary.lines.map((line) => (
            <div key={line.kind} className={`summary-line summary-${line.kind}`} data-kind={line.kind}>
              <dt>{t(`summary.${line.kind}`)}</dt>
              <dd>
                <button
                  type="button"
                  className="summary-quote"
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
      )}
      <p className="muted summary-status" data-testid="summary-status" data-status={summary.status}>
        {t(`summary.status.${summary.status}`)} <span className="summary-source">{t('summary.source.extractive')}</span>
      </p>
    </section>
  );
}
