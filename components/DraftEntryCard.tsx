import { useState } from 'react';
import type { Language } from '../lib/analysis/types';
import { describeError, serializeError, toAppError } from '../lib/errors';
import { insertOrCopy } from '../lib/panel/insert-or-copy';
import type { DraftEntry } from '../lib/replies/draft-session';
import { type RewriteInstruction, rewriteInstructions } from '../lib/replies/engine';
import type { GuardrailWarning } from '../lib/replies/guardrails';
import type { DraftsMessageKey } from '../lib/replies/messages';
import { DraftRewriteSelect } from './DraftRewriteSelect';
import { DraftTextArea } from './DraftTextArea';
import { describeWarning, warningKey } from './guardrail-text';
import { useI18n } from './I18nProvider';
import { InsertConfirm } from './InsertConfirm';

type Feedback = { kind: 'ok' | 'error'; text: string; detail?: string } | null;
type UseAction = 'insert' | 'copy';

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
  const [confirming, setConfirming] = useState<UseAction | null>(null);
  // A draft that states what the conversation does not show is confirmed before it leaves the panel (issue 19).
  const claims = warnings.filter((warning) => warning.kind === 'unsupported-claim');
  const streaming = entry.state === 'streaming';
  const variant = td(`variant.${entry.slot}`);

  const insert = async () => {
    const outcome = await insertOrCopy(tabId, entry.text);
    setFeedback(
      outcome.kind === 'inserted'
        ? { kind: 'ok', text: t('panel.inserted') }
        : outcome.kind === 'copied'
          ? { kind: 'error', text: t('panel.insertCopied', { reason: describeError(outcome.reason, t) }) }
          : { kind: 'error', text: t('panel.insertFailed', { reason: describeError(outcome.reason, t) }) },
    );
  };
  const use = (action: UseAction, confirmed = false) => {
    setFeedback(null);
    if (!confirmed && claims.length > 0) {
      setConfirming(action);
      return;
    }
    setConfirming(null);
    void (action === 'insert' ? insert() : copy());
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(entry.text);
      setFeedback({ kind: 'ok', text: t('panel.copied') });
    } catch (error) {
      // The clipboard's refusal is a browser DOMException in English: the agent reads the catalogue's sentence, and
      // the browser's words stay on the element for support.
      setFeedback({
        kind: 'error',
        text: t('templates.suggest.copyFailed', { reason: describeError(toAppError(error, 'panel/copy-failed'), t) }),
        detail: serializeError(error).message,
      });
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
          setConfirming(null);
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
          onClick={() => use('insert')}
        >
          {t('panel.insert')}
        </button>
        <button type="button" disabled={streaming || entry.text === ''} onClick={() => use('copy')}>
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
      {confirming && !streaming ? (
        <InsertConfirm
          warnings={claims}
          action={confirming}
          td={td}
          onConfirm={() => use(confirming, true)}
          onCancel={() => setConfirming(null)}
        />
      ) : null}
      {feedback ? (
        <p
          className={`small feedback feedback-${feedback.kind}`}
          role="status"
          {...(feedback.detail ? { title: feedback.detail, 'data-detail': feedback.detail } : {})}
        >
          {feedback.text}
        </p>
      ) : null}
    </article>
  );
}
