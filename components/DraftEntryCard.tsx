import { useState } from 'react';
import type { Language } from '../lib/analysis/types';
import { serializeError } from '../lib/errors';
import { insertOrCopy } from '../lib/panel/insert-or-copy';
import type { DraftEntry } from '../lib/replies/draft-session';
import { type RewriteInstruction, rewriteInstructions } from '../lib/replies/engine';
import type { GuardrailWarning } from '../lib/replies/guardrails';
import type { DraftsMessageKey } from '../lib/replies/messages';
import { DraftRewriteSelect } from './DraftRewriteSelect';
import { DraftTextArea } from './DraftTextArea';
import { useI18n } from './I18nProvider';

type Feedback = { kind: 'ok' | 'error'; text: string } | null;

/**
 * One draft: its variant, an AI-drafted (or template) mark, the editable text with placeholders highlighted, the
 * guardrail warnings, and Insert, Copy, Rewrite and Undo. Nothing is sent: Insert puts the text into the site's
 * reply box for the agent to review.
 */
export function DraftEntryCard({
  entry,
  tabId,
  mark,
  warnings,
  busy,
  conversationLanguage,
  onEdit,
  onRewrite,
  onUndo,
  td,
}: {
  entry: DraftEntry;
  tabId: number;
  mark: string;
  warnings: GuardrailWarning[];
  busy: boolean;
  conversationLanguage: Language;
  onEdit: (text: string) => void;
  onRewrite: (instruction: RewriteInstruction) => void;
  onUndo: () => void;
  td: (key: DraftsMessageKey, params?: Record<string, string | number>) => string;
}) {
  const { t } = useI18n();
  const [feedback, setFeedback] = useState<Feedback>(null);
  const streaming = entry.state === 'streaming';
  const variant = td(`variant.${entry.slot}`);

  const insert = async () => {
    const outcome = await insertOrCopy(tabId, entry.text);
    setFeedback(
      outcome.kind === 'inserted'
        ? { kind: 'ok', text: t('panel.inserted') }
        : outcome.kind === 'copied'
          ? { kind: 'error', text: t('panel.insertCopied', { reason: outcome.reason }) }
          : { kind: 'error', text: t('panel.insertFailed', { reason: outcome.reason }) },
    );
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(entry.text);
      setFeedback({ kind: 'ok', text: t('panel.copied') });
    } catch (error) {
      setFeedback({ kind: 'error', text: serializeError(error).message });
    }
  };

  return (
    <article className="draft" data-testid="draft" data-variant={entry.slot} data-state={entry.state}>
      <header className="draft-head">
        <strong>{variant}</strong>
        <span className="draft-mark">{mark}</span>
        {streaming ? (
          <span className="small muted draft-writing" aria-live="polite">
            {td('card.writing')}
          </span>
        ) : entry.state === 'stopped' ? (
          <span className="small muted">{td('card.stopped')}</span>
        ) : null}
      </header>
      <DraftTextArea
        value={entry.text}
        label={td('draft.label', { variant })}
        readOnly={streaming}
        onChange={(text) => {
          setFeedback(null);
          onEdit(text);
        }}
      />
      {!streaming && warnings.length > 0 ? (
        <ul className="guard" data-testid="draft-warnings">
          {warnings.map((warning) => (
            <li key={warningKey(warning)} className={`guard-${warning.kind}`} data-kind={warning.kind}>
              {describeWarning(warning, td)}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="draft-actions">
        <button
          type="button"
          className="primary"
          disabled={streaming || entry.text === ''}
          onClick={() => void insert()}
        >
          {t('panel.insert')}
        </button>
        <button type="button" disabled={streaming || entry.text === ''} onClick={() => void copy()}>
          {t('panel.copy')}
        </button>
        <DraftRewriteSelect
          label={td('draft.rewrite')}
          disabled={busy || entry.text.trim() === ''}
          instructions={rewriteInstructions}
          conversationLanguage={conversationLanguage}
          onRewrite={onRewrite}
          td={td}
        />
        {entry.previous !== undefined && !streaming ? (
          <button type="button" className="link" onClick={onUndo}>
            {td('draft.undo')}
          </button>
        ) : null}
      </div>
      {feedback ? (
        <p className={`small feedback feedback-${feedback.kind}`} role="status">
          {feedback.text}
        </p>
      ) : null}
    </article>
  );
}

function warningKey(warning: GuardrailWarning): string {
  switch (warning.kind) {
    case 'placeholder':
      return `placeholder:${warning.placeholder}`;
    case 'offer-not-in-policy':
      return `offer:${warning.offer}`;
    case 'unknown-number':
      return `number:${warning.value}`;
  }
}

function describeWarning(
  warning: GuardrailWarning,
  td: (key: DraftsMessageKey, params?: Record<string, string | number>) => string,
): string {
  switch (warning.kind) {
    case 'placeholder':
      return td('guard.placeholder', { placeholder: warning.placeholder });
    case 'offer-not-in-policy':
      return td('guard.offer', { offer: td(`offer.${warning.offer}`), phrase: warning.phrase });
    case 'unknown-number':
      return td('guard.number', { value: warning.value });
  }
}
