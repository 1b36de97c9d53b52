import { defaultMaxAnalysedChars as analysedChars } from '../lib/analysis/text';
import type { ConversationMood, CustomerState, Evidence } from '../lib/analysis/types';
import type { Conversation, Role } from '../lib/sites/types';
import { evidenceLabel } from './evidence-label';
import { HighlightedText } from './HighlightedText';
import { useI18n } from './I18nProvider';
import { MoodCorrectionMenu } from './MoodCorrectionMenu';

const roles: Role[] = ['customer', 'agent', 'internal-note', 'system'];
/** Characters of one message shown in the panel; the rest is summarised so a 1 MB message cannot freeze it. */
const shownChars = 4000;

/**
 * "What Rapport read": every message with its role (correctable), time, the phrases behind its mood, and for the
 * customer's messages their state ("Mood wrong?" corrects it).
 */
export function MessageList({
  conversation,
  mood,
  onCorrectRole,
  onCorrectMood,
  onResetMood,
}: {
  conversation: Conversation;
  mood: ConversationMood | null;
  onCorrectRole: (messageId: string, role: Role) => void;
  onCorrectMood: (messageId: string, state: CustomerState) => Promise<unknown>;
  onResetMood: (messageId: string) => Promise<unknown>;
}) {
  const { t } = useI18n();
  return (
    <section className="card messages" aria-label={t('panel.whatRead')}>
      <details open={conversation.messages.length <= 12}>
        <summary data-testid="messages-toggle">
          <h2>{t('panel.whatRead')}</h2>
          <span className="muted">{t('panel.messagesRead', { count: conversation.messages.length })}</span>
        </summary>
        {conversation.hiddenMessageCount ? (
          <p className="muted small">{t('panel.hiddenMessages', { count: conversation.hiddenMessageCount })}</p>
        ) : null}
        <ol className="message-list">
          {conversation.messages.map((message) => {
            const messageMood = mood?.messages[message.id];
            const evidence: Evidence[] = messageMood?.evidence ?? [];
            const labels = [...new Set(evidence.map((item) => item.label))];
            return (
              <li
                key={message.id}
                className={`message role-${message.role}`}
                data-testid="read-message"
                data-message-id={message.id}
                tabIndex={-1}
              >
                <div className="message-head">
                  <span className="author">{message.author.name || message.author.email || '—'}</span>
                  {message.timeText ? <span className="muted small">{message.timeText}</span> : null}
                  <label className="role-select">
                    <span className="sr-only">{t('panel.roleCorrect')}</span>
                    <select
                      value={message.role}
                      onChange={(event) => {
                        const role = roles.find((item) => item === event.target.value);
                        if (role) onCorrectRole(message.id, role);
                      }}
                      title={t(`roleSource.${message.roleSource}`)}
                    >
                      {roles.map((role) => (
                        <option key={role} value={role}>
                          {t(`role.${role}`)}
                        </option>
                      ))}
                    </select>
                  </label>
                </div>
                <div className="muted small role-source" data-testid="role-source" data-source={message.roleSource}>
                  {t(`roleSource.${message.roleSource}`)}
                </div>
                {message.bodyLoaded ? (
                  <p className="message-text">
                    {message.text ? (
                      <>
                        <HighlightedText text={message.text.slice(0, shownChars)} evidence={evidence} />
                        {message.text.length > shownChars ? (
                          <span className="muted small">
                            {' '}
                            {t('panel.clipped', { count: message.text.length - shownChars })}
                          </span>
                        ) : null}
                      </>
                    ) : (
                      <span className="muted">{t('panel.emptyMessage')}</span>
                    )}
                  </p>
                ) : (
                  <p className="muted small">{t('panel.notLoaded')}</p>
                )}
                {messageMood && message.role === 'customer' ? (
                  <div
                    className="message-mood"
                    data-testid="message-mood"
                    data-state={messageMood.state}
                    data-state-source={messageMood.stateSource}
                  >
                    <span className={`message-state state-${messageMood.state}`}>
                      {t('panel.messageState', { state: t(`state.${messageMood.state}`) })}
                    </span>
                    {messageMood.stateSource === 'agent' ? (
                      <span className="mood-corrected">{t('panel.moodCorrected')}</span>
                    ) : null}
                    <MoodCorrectionMenu
                      state={messageMood.state}
                      source={messageMood.stateSource}
                      label={t('panel.moodWrongMessage', { state: t(`state.${messageMood.state}`) })}
                      testId="message-mood-wrong"
                      onPick={(state) => onCorrectMood(message.id, state)}
                      onReset={() => onResetMood(message.id)}
                    />
                  </div>
                ) : null}
                {messageMood?.truncated ? (
                  <p className="muted small">{t('panel.truncated', { count: analysedChars })}</p>
                ) : null}
                {message.attachments.length > 0 ? (
                  <p className="muted small">{t('panel.attachments', { names: message.attachments.join(', ') })}</p>
                ) : null}
                {labels.length > 0 ? (
                  <p className="why small">
                    {labels.map((label) => (
                      <span key={label} className={`why-label evidence-${label}`}>
                        {t('panel.why', { label: evidenceLabel(label, t) })}{' '}
                        {evidence
                          .filter((item) => item.label === label)
                          .slice(0, 3)
                          .map((item) => `“${message.text.slice(item.start, item.end)}”`)
                          .join(', ')}
                      </span>
                    ))}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ol>
      </details>
    </section>
  );
}
