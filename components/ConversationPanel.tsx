import { describeError } from '../lib/errors';
import { siteNameOf } from '../lib/i18n';
import { sendToExtension, type TabState } from '../lib/messaging';
import { ConversationSummary } from './ConversationSummary';
import { DraftsCard } from './DraftsCard';
import { EscalationCard } from './EscalationCard';
import { useI18n } from './I18nProvider';
import { MessageList } from './MessageList';
import { MoodCard } from './MoodCard';
import { ReadingStatus } from './ReadingStatus';
import { SuggestionsCard } from './SuggestionsCard';

/** The body of the panel for one tab: read state, mood and the messages read. */
export function ConversationPanel({ state }: { state: TabState | null }) {
  const { t } = useI18n();
  const report = state?.report ?? null;
  if (!state || !report) {
    return (
      <p className="state muted" aria-busy="true">
        {t('panel.reading')}
      </p>
    );
  }
  const tabId = state.tabId;
  const siteSwitch = report.siteKey ? (
    <label className="site-switch">
      <input
        type="checkbox"
        checked={report.enabled}
        onChange={(event) => void sendToExtension('setSiteEnabled', { tabId, enabled: event.target.checked })}
      />
      <span>{t('panel.siteOn', { site: siteNameOf(report.siteLabel, t) })}</span>
    </label>
  ) : null;

  if (!report.enabled) {
    return (
      <>
        {siteSwitch}
        <p className="state muted">{t('panel.siteOffNote', { site: siteNameOf(report.siteLabel, t) })}</p>
      </>
    );
  }

  const status = <ReadingStatus tabId={tabId} report={report} health={state.health} stale={state.stale} />;

  if (!report.conversation) {
    const error = report.error;
    // An inbox or ticket list is where an agent starts the day, not a failure: a known site says it has no open
    // conversation, and the generic reader finds no message blocks at all on a list page. Other missing anchors
    // (a known layout that changed) stay errors.
    const isListPage =
      !error ||
      error.code === 'adapter/no-conversation' ||
      (error.code === 'adapter/anchor-missing' && error.params?.anchor === 'message blocks');
    const message = isListPage
      ? t('states.openConversation')
      : error.code === 'adapter/anchor-missing'
        ? describeError(error, t)
        : t('panel.readError', { site: siteNameOf(report.siteLabel, t), message: describeError(error, t) });
    return (
      <>
        {siteSwitch}
        <div
          className="card state"
          role="status"
          data-testid="read-state"
          data-code={error?.code ?? 'none'}
          data-list-page={String(isListPage)}
        >
          <p className={isListPage ? 'muted' : undefined}>{message}</p>
          {status}
        </div>
      </>
    );
  }

  return (
    <>
      {siteSwitch}
      <h2 className="subject" title={report.conversation.url}>
        {report.conversation.subject || siteNameOf(report.siteLabel, t)}
      </h2>
      {status}
      <MoodCard
        doubtful={state.health !== null && !state.health.ok}
        mood={state.mood}
        error={state.moodError}
        analyzing={state.analyzing}
        backend={
          state.model ? t('panel.backend', { model: state.model.id, backend: state.model.backend.toUpperCase() }) : null
        }
        onCorrect={(mood) => sendToExtension('correctMood', { tabId, state: mood })}
        onReset={() => sendToExtension('resetMoodCorrection', { tabId })}
      />
      <ConversationSummary conversation={report.conversation} />
      <SuggestionsCard state={state} />
      <EscalationCard state={state} />
      <DraftsCard state={state} />
      <MessageList
        conversation={report.conversation}
        mood={state.mood}
        onCorrectRole={(messageId, role) => void sendToExtension('correctRole', { tabId, messageId, role })}
        onCorrectMood={(messageId, mood) => sendToExtension('correctMood', { tabId, messageId, state: mood })}
        onResetMood={(messageId) => sendToExtension('resetMoodCorrection', { tabId, messageId })}
      />
    </>
  );
}
