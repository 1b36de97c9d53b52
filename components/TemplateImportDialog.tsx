import { useId, useState } from 'react';
import { describeError } from '../lib/errors';
import { isMessageKey, type Translate, tPlural } from '../lib/i18n';
import { useApplyImport } from '../lib/replies/templates/hooks';
import type {
  ConflictResolution,
  ImportPlan,
  ImportSummary,
  PackEntryProblem,
} from '../lib/replies/templates/pack-file';
import { useI18n } from './I18nProvider';
import { useTemplateMessages } from './TemplateMessages';

/** The field as a person names it ("the title"); a field this version does not know keeps its name from the file. */
function fieldName(field: string, t: Translate): string {
  // A nested path ("intents.0") is named by its field.
  const key = `forms.field.${field.split('.')[0]}`;
  return isMessageKey(key) ? t(key) : t('forms.field.other', { name: field });
}

/** An entry's reasons in plain words, each a sentence: "The title is missing. The text is missing." */
export function describeProblems(problems: PackEntryProblem[], t: Translate): string {
  return problems
    .map((problem) => {
      const text = describeProblem(problem, t);
      return text.charAt(0).toUpperCase() + text.slice(1);
    })
    .join(' ');
}

function describeProblem(problem: PackEntryProblem, t: Translate): string {
  switch (problem.kind) {
    case 'missing':
      return t('forms.import.missing', { field: fieldName(problem.field, t) });
    case 'too-long':
      return t('forms.import.tooLong', { field: fieldName(problem.field, t) });
    case 'invalid':
      return t('forms.import.invalid', { field: fieldName(problem.field, t) });
    case 'placeholders':
      return t('forms.import.placeholders', { list: problem.placeholders.join(', ') });
    case 'duplicate-id':
      return t('forms.import.duplicateId', { of: problem.of + 1 });
    case 'duplicate-title':
      return t('forms.import.duplicateTitle', { of: problem.of + 1 });
  }
}

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
  const { tt, language } = useTemplateMessages();
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
        {plan.invalid.length > 0
          ? `${tPlural(language, 'forms.import.valid', plan.valid.length)}; ${tPlural(language, 'forms.import.refused', plan.invalid.length)}`
          : `${tPlural(language, 'forms.import.valid', plan.valid.length)}.`}
      </p>

      {plan.invalid.length > 0 ? (
        <>
          <h4>{tt('templates.import.invalid')}</h4>
          <ul data-testid="import-invalid">
            {plan.invalid.map((entry) => (
              <li key={entry.index} className="small">
                <strong>
                  {tt('forms.import.entry', { index: entry.index + 1 })}
                  {entry.title ? ` “${entry.title}”` : ''}
                </strong>
                : {describeProblems(entry.problems, tt)}
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
          {tt('templates.import.failed', { message: describeError(apply.error, tt) })}
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
