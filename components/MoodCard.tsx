import { type ConversationMood, emotionChips } from '../lib/analysis/types';
import type { SerializedError } from '../lib/errors';
import { useI18n } from './I18nProvider';
import { Sparkline } from './Sparkline';

const lowConfidence = 0.5;

/** The customer's current mood at a glance: label, emotions, trajectory, urgency, confidence. */
export function MoodCard({
  mood,
  error,
  analyzing,
  backend,
  doubtful = false,
}: {
  /** The reading looks wrong: the mood is shown as uncertain, whatever the model's confidence. */
  doubtful?: boolean;
  mood: ConversationMood | null;
  error: SerializedError | null;
  analyzing: boolean;
  backend: string | null;
}) {
  const { t } = useI18n();
  if (error) {
    return (
      <section className="card mood mood-error" aria-live="polite">
        <h2>{t('panel.mood')}</h2>
        <p role="alert">{t('panel.moodError', { message: error.message })}</p>
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
  const { sentiment, dominantEmotion, emotions } = mood.current;
  const uncertain = doubtful || mood.confidence < lowConfidence;
  const topEmotions = emotionChips(emotions, sentiment);
  return (
    <section
      className={`card mood mood-${sentiment.label}${uncertain ? ' mood-uncertain' : ''}`}
      data-testid="mood-card"
      data-sentiment={sentiment.label}
      data-emotion={dominantEmotion}
      data-trajectory={mood.trajectory}
      data-doubtful={doubtful ? 'true' : undefined}
      data-analyzing={analyzing ? 'true' : undefined}
      aria-busy={analyzing}
    >
      <div className="mood-head">
        <h2>{t('panel.mood')}</h2>
        <span className="confidence" title={t('panel.confidence', { value: `${Math.round(mood.confidence * 100)}%` })}>
          {uncertain
            ? t('panel.confidenceLow')
            : t('panel.confidence', { value: `${Math.round(mood.confidence * 100)}%` })}
        </span>
      </div>
      <div className="mood-main">
        <div>
          <div className="mood-label">
            {uncertain ? '~ ' : ''}
            {dominantEmotion === 'neutral' || t(`emotion.${dominantEmotion}`) === t(`sentiment.${sentiment.label}`)
              ? t(`sentiment.${sentiment.label}`)
              : `${t(`emotion.${dominantEmotion}`)} · ${t(`sentiment.${sentiment.label}`)}`}
          </div>
          <div className={`trajectory trajectory-${mood.trajectory}`}>
            {mood.trajectory === 'worsening' ? '↘ ' : mood.trajectory === 'improving' ? '↗ ' : '→ '}
            {t(`panel.trajectory.${mood.trajectory}`)}
          </div>
        </div>
        <Sparkline values={mood.series} label={t(`panel.trajectory.${mood.trajectory}`)} />
      </div>
      {topEmotions.length > 0 ? (
        <ul className="chips" aria-label="emotions">
          {topEmotions.map((item) => (
            <li key={item.label} className={`chip chip-${item.label}`}>
              {t(`emotion.${item.label}`)} {Math.round(item.p * 100)}%
            </li>
          ))}
        </ul>
      ) : null}
      <div className={`urgency urgency-${mood.urgency.level}`}>
        {t('panel.urgency', { level: t(`urgency.${mood.urgency.level}`) })}
        {mood.urgency.reasons.length > 0 ? (
          <span className="muted"> — {mood.urgency.reasons.map((reason) => `“${reason.phrase}”`).join(', ')}</span>
        ) : null}
      </div>
      {mood.offensive ? <div className="offensive">{t('panel.offensive')}</div> : null}
      {analyzing ? (
        <div className="muted small mood-updating" role="status">
          {t('panel.moodUpdating')}
        </div>
      ) : null}
      {backend ? <div className="muted small">{backend}</div> : null}
    </section>
  );
}
