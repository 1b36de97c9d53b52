import { useId, useState } from 'react';
import { toAppError } from '../lib/errors';
import { useApplyImport } from '../lib/replies/templates/hooks';
import type { ConflictResolution, ImportPlan, ImportSummary } from '../lib/replies/templates/pack-file';
import { useI18n } from './I18nProvider';
import { useTemplateMessages } from './TemplateMessages';

/**
 * Reviews a pack file before anything is written: the entries that are refused and why, and for each entry that meets
 * an existing template a choice of keep both, replace (personal templates only) or skip. Importing is all or nothing.
 */
export function TemplateImportDialog({
  plan,
  onDone,
}: {
  plan: ImportPlan;
  onDone: (summary: ImportSummary | null) => void;
}) {
  const { t } = useI18n();
  const { tt } = useTemplateMessages();
  const apply = useApplyImport();
  const headingId = useId();
  const [resolutions, setResolutions] = useState<Record<number, ConflictResolution>>(() =>
    Object.fromEntries(plan.conflicts.map((conflict) => [conflict.index, 'keep-both' as const])),
  );
  const importable = plan.valid.length > 0;

  return (
    <section className="tpl-dialog" role="dialog" aria-labelledby={headingId} data-testid="import-dialog">
      <h3 id={headingId}>{tt('templates.import.title', { name: plan.name })}</h3>
      <p className="small">
        {tt('templates.import.summary', { valid: plan.valid.length, invalid: plan.invalid.length })}
      </p>

      {plan.invalid.length > 0 ? (
        <>
          <h4>{tt('templates.import.invalid')}</h4>
          <ul data-testid="import-invalid">
            {plan.invalid.map((entry) => (
              <li key={entry.index} className="small">
                <strong>
                  {tt('templates.import.entry', { index: entry.index + 1 })}
                  {entry.title ? ` “${entry.title}”` : ''}
                </strong>
                : {entry.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {plan.conflicts.length > 0 ? (
        <>
          <h4>{tt('templates.import.conflicts')}</h4>
          <ul className="tpl-conflicts" data-testid="import-conflicts">
            {plan.conflicts.map((conflict) => {
              const choices: ConflictResolution[] = conflict.canReplace
                ? ['keep-both', 'replace', 'skip']
                : ['keep-both', 'skip'];
              return (
                <li key={conflict.index} className="tpl-conflict" data-testid="import-conflict">
                  <span className="small">
                    <strong>{conflict.incoming.title}</strong> —{' '}
                    {conflict.reason === 'same-id'
                      ? tt('templates.import.sameId', { title: conflict.existing.title })
                      : tt('templates.import.sameTitle', { title: conflict.existing.title })}
                    {conflict.canReplace ? '' : ` (${tt('templates.import.readOnly')})`}
                  </span>
                  <fieldset aria-label={conflict.incoming.title}>
                    {choices.map((choice) => (
                      <label key={choice} className="small">
                        <input
                          type="radio"
                          name={`conflict-${conflict.index}`}
                          value={choice}
                          checked={resolutions[conflict.index] === choice}
                          onChange={() => setResolutions((previous) => ({ ...previous, [conflict.index]: choice }))}
                        />
                        {choice === 'keep-both'
                          ? tt('templates.import.keepBoth')
                          : choice === 'replace'
                            ? tt('templates.import.replace')
                            : tt('templates.import.skip')}
                      </label>
                    ))}
                  </fieldset>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}

      {importable ? null : <p className="small tpl-error">{tt('templates.import.nothing')}</p>}
      {apply.isError ? (
        <p className="small tpl-error" role="alert">
          {tt('templates.import.failed', { message: toAppError(apply.error).message })}
        </p>
      ) : null}
      <div className="tpl-actions">
        <button
          type="button"
          className="primary"
          disabled={!importable || apply.isPending}
          onClick={() => apply.mutate({ plan, resolutions }, { onSuccess: (summary) => onDone(summary) })}
        >
          {tt('templates.import.apply')}
        </button>
        <button type="button" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </button>
      </div>
    </section>
  );
}
