import type { ConversationMood } from '../lib/analysis/types';
import type { DraftsMessageKey } from '../lib/replies/messages';
import type { ToneCheck } from '../lib/replies/tone-check';
import { useI18n } from './I18nProvider';

const upsetEmotions = ['angry', 'frustrated', 'sad', 'anxious'] as const;

/**
 * How the agent's own reply will land ("lands as: curt"), with a warning and what to do when it is curt or cold for
 * an upset customer. Reasons are shown by code so they are translated.
 */
export function ToneIndicator({
  check,
  mood,
  td,
}: {
  check: ToneCheck;
  mood: ConversationMood | null;
  td: (key: DraftsMessageKey, params?: Record<string, string | number>) => string;
}) {
  const { t } = useI18n();
  const warn = check.level === 'warn';
  const emotion = mood?.current.dominantEmotion;
  const upsetEmotion = upsetEmotions.find((item) => item === emotion);
  const reasons = check.reasons.map((reason) => td(`tone.reason.${reason.code}`));
  return (
    <div
      className={`tone tone-${check.level}`}
      data-testid="tone-check"
      data-level={check.level}
      data-label={check.label}
      role={warn ? 'alert' : 'status'}
    >
      <p className="tone-main">
        <span className="tone-dot" aria-hidden="true" />
        <strong>{td('tone.landsAs', { label: td(`tone.label.${check.label}`) })}</strong>
        {warn ? (
          <span>
            {' — '}
            {upsetEmotion ? td('tone.advice', { emotion: t(`emotion.${upsetEmotion}`) }) : td('tone.adviceOffensive')}
          </span>
        ) : null}
      </p>
      {reasons.length > 0 ? <p className="small muted tone-reasons">{reasons.join(' · ')}</p> : null}
    </div>
  );
}
