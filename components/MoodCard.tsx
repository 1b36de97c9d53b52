import { useId, useRef, useState } from 'react';
import { type ConversationMood, type CustomerState, emotionChips, upsetStates } from '../lib/analysis/types';
import { describeError, type SerializedError } from '../lib/errors';
import { formatPercent } from '../lib/i18n';
import { useI18n } from './I18nProvider';
import { MoodCorrectionMenu } from './MoodCorrectionMenu';
import { Sparkline } from './Sparkline';

const lowConfidence = 0.5;

/** The card's colour: the state's group (upset red, grateful or happy green), so it never contradicts the headline. */
function colourOf(state: CustomerState): 'negative' | 'neutral' | 'positive' {
  if (upsetStates.has(state)) return 'negative';
  return state === 'grateful' || state === 'happy' ? 'positive' : 'neutral';
}

/**
 * The customer's current mood at a glance: the one verdict (their state, correctable with "Mood wrong?"), the wording's
 * sentiment, emotions, trajectory, urgency, confidence. Three lines at 320 px (issue 22: the summary and the first
 * suggestion's Insert fit the first screen): the urgency line opens the details (its phrases in full, the confidence
 * and the model); a low confidence is never tucked away, it stays on its own line.
 */
export function MoodCard({
  mood,
  error,
  analyzing,
  backend,
  doubtful = false,
  onCorrect,
  onReset,
}: {
  /** The reading looks wrong: the mood is shown as uncertain, whatever the model's confidence. */
  doubtful?: boolean;
  mood: ConversationMood | null;
  error: SerializedError | null;
  analyzing: boolean;
  backend: string | null;
  /** "Mood wrong?": the agent's state for the conversation. */
  onCorrect: (state: CustomerState) => Promise<unknown>;
  /** Back to the engine's reading. */
  onReset: () => Promise<unknown>;
}) {
  const { t, language } = useI18n();
  const wrongButton = useRef<HTMLButtonElement>(null);
  const detailsId = useId();
  const [isDetailsShown, setDetailsShown] = useState(false);
  if (error) {
    return (
      <section className="card mood mood-error" aria-live="polite">
        <h2>{t('panel.mood')}</h2>
        <p role="alert">{t('panel.moodError', { message: describeError(error, t) })}</p>
      </section>
    );
  }
  if (!mood) {
    return (
      <section className="card mood" aria-busy={analyzing}>
        <h2>{t('panel.mood')}</h2>
        <p className="muted">{analyzing ? t('panel.moodPending') : '—'}</p>
      </section>
    );
  }
  const { sentiment, dominantEmotion, emotions, state, stateSource } = mood.current;
  const corrected = stateSource === 'agent';
  // The agent's own word is not uncertain, whatever the model's confidence.
  const uncertain = !corrected && (doubtful || mood.confidence < lowConfidence);
  const topEmotions = emotionChips(emotions, sentiment, mood.current.state);
  const reasons = mood.urgency.reasons.map((reason) => `“${reason.phrase}”`).join(', ');
  const confidence = `${
    uncertain
      ? t('panel.confidenceLow')
      : t('panel.confidence', { value: formatPercent(language, Math.round(mood.confidence * 100) / 100) })
  }${backend ? ` · ${backend}` : ''}`;
  const urgency = (
    <>
      {t('panel.urgency', { level: t(`urgency.${mood.urgency.level}`) })}
      {reasons ? <span className="muted"> — {reasons}</span> : null}
    </>
  );
  // Nothing to open when the urgency has no phrases and the confidence is shown anyway (low).
  const hasDetails = reasons !== '' || !uncertain;
  return (
    <section
      className={`card mood mood-${colourOf(state)}${uncertain ? ' mood-uncertain' : ''}`}
      data-testid="mood-card"
      data-state={state}
      data-state-source={stateSource}
      data-sentiment={sentiment.label}
      data-emotion={dominantEmotion}
      data-trajectory={mood.trajectory}
      data-doubtful={doubtful ? 'true' : undefined}
      data-analyzing={analyzing ? 'true' : undefined}
      aria-busy={analyzing}
    >
      {/* Compact (issue 22): the headline word, the wording and the trend on one line, so the summary and the first
          suggestion fit the first screen of a 320 px panel. The heading stays for screen readers' navigation. */}
      <h2 className="sr-only">{t('panel.mood')}</h2>
      <div className="mood-line">
        <span className="mood-label" data-testid="mood-state">
          {uncertain ? '~ ' : ''}
          {t(`state.${state}`)}
        </span>
        <span className="mood-sentiment">{t('panel.sentiment', { label: t(`sentiment.${sentiment.label}`) })}</span>
        <span className={`trajectory trajectory-${mood.trajectory}`}>
          {mood.trajectory === 'worsening' ? '↘ ' : mood.trajectory === 'improving' ? '↗ ' : '→ '}
          {t(`mood.trend.${mood.trajectory}`)}
        </span>
      </div>
      {corrected ? (
        <div className="mood-corrected" data-testid="mood-corrected">
          {t('panel.moodCorrected')} ·{' '}
          <button
            type="button"
            className="link"
            data-testid="mood-undo"
            onClick={() => {
              void onReset().catch(() => {
                // The note stays when the reset failed; "Mood wrong?" offers it again with its error shown.
              });
              // The note and this button go with the correction: keep the keyboard user's place.
              wrongButton.current?.focus();
            }}
          >
            {t('panel.moodUndo')}
          </button>
        </div>
      ) : null}
      <div className="mood-chips-row">
        {topEmotions.length > 0 ? (
          <ul className="chips" aria-label={t('panel.emotions')}>
            {topEmotions.map((item) => (
              <li key={item.label} className={`chip chip-${item.label}`}>
                {t(`emotion.${item.label}`)} {formatPercent(language, Math.round(item.p * 100) / 100)}
              </li>
            ))}
          </ul>
        ) : null}
        <Sparkline values={mood.series} label={t(`panel.trajectory.${mood.trajectory}`)} />
      </div>
      <div className="mood-foot">
        {hasDetails ? (
          <button
            type="button"
            className={`mood-details-toggle urgency urgency-${mood.urgency.level}`}
            data-testid="mood-details-toggle"
            aria-expanded={isDetailsShown}
            aria-controls={detailsId}
            onClick={() => setDetailsShown(!isDetailsShown)}
          >
            {urgency}
          </button>
        ) : (
          <div className={`urgency urgency-${mood.urgency.level}`}>{urgency}</div>
        )}
        <MoodCorrectionMenu
          state={state}
          source={stateSource}
          label={t('panel.moodWrongHeadline', { state: t(`state.${state}`) })}
          testId="mood-wrong"
          buttonRef={wrongButton}
          onPick={onCorrect}
          onReset={onReset}
        />
      </div>
      {uncertain ? <div className="confidence">{confidence}</div> : null}
      {hasDetails ? (
        <div className="mood-details small" id={detailsId} data-testid="mood-details" hidden={!isDetailsShown}>
          {reasons ? <p>{reasons}</p> : null}
          {uncertain ? null : <p className="confidence">{confidence}</p>}
        </div>
      ) : null}
      {mood.offensive ? <div className="offensive">{t('panel.offensive')}</div> : null}
      {analyzing ? (
        <div className="muted small mood-updating" role="status">
          {t('panel.moodUpdating')}
        </div>
      ) : null}
    </section>
  );
}
