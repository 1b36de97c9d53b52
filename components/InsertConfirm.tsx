import type { GuardrailWarning } from '../lib/replies/guardrails';
import { type DraftsTranslate, describeClaims, describeWarning, warningKey } from './guardrail-text';

/**
 * Asks before a reply with an unsupported claim or a policy finding reaches the reply box ("This says the refund has
 * started — is that true?"), with Insert anyway (or Copy anyway) and Cancel. Templates and drafts share it, so the
 * agent reads the same words whichever produced the text.
 */
export function InsertConfirm({
  warnings,
  action,
  td,
  onConfirm,
  onCancel,
}: {
  warnings: readonly GuardrailWarning[];
  action: 'insert' | 'copy';
  td: DraftsTranslate;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const claims = warnings.flatMap((warning) => (warning.kind === 'unsupported-claim' ? [warning.state] : []));
  const others = warnings.filter((warning) => warning.kind !== 'unsupported-claim');
  return (
    <div className="insert-confirm" role="alertdialog" aria-label={td('confirm.policy')} data-testid="insert-confirm">
      {claims.length > 0 ? (
        <p className="insert-confirm-question">{td('confirm.claim', { claim: describeClaims(claims, td) })}</p>
      ) : null}
      {others.length > 0 ? (
        <>
          <p className="small">{td('confirm.policy')}</p>
          <ul className="guard">
            {others.map((warning) => (
              <li key={warningKey(warning)} className={`guard-${warning.kind}`} data-kind={warning.kind}>
                {describeWarning(warning, td)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div className="tpl-actions">
        <button type="button" className="primary" onClick={onConfirm}>
          {action === 'insert' ? td('confirm.insertAnyway') : td('confirm.copyAnyway')}
        </button>
        <button type="button" onClick={onCancel}>
          {td('confirm.cancel')}
        </button>
      </div>
    </div>
  );
}
