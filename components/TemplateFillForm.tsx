import { useEffect, useId, useRef, useState } from 'react';
import { useUpdateSettings } from '../lib/queries';
import type { PlaceholderSpec } from '../lib/replies/templates/placeholders';
import { useI18n } from './I18nProvider';
import { useTemplateMessages } from './TemplateMessages';

/** The placeholder the agent's name from settings fills. */
const AGENT_NAME = 'agent.name';

/**
 * The small form that asks for the values a template needs and the conversation does not give (an order number the
 * customer never wrote, a custom field). Submitting hands the values back; nothing is inserted until all are given.
 */
export function TemplateFillForm({
  title,
  missing,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  title: string;
  missing: readonly PlaceholderSpec[];
  submitLabel: string;
  onSubmit: (values: Record<string, string>) => void;
  onCancel: () => void;
}) {
  const { language, t } = useI18n();
  const { tt } = useTemplateMessages();
  const update = useUpdateSettings();
  const [values, setValues] = useState<Record<string, string>>({});
  // Issue 22: asked for "Your name", the form offers to keep it in settings, so the next Insert does not ask again
  // (templates fill `agent.name` from settings). On by default: a name typed here is almost always the agent's own.
  const asksName = missing.some((spec) => spec.key === AGENT_NAME);
  const [rememberName, setRememberName] = useState(true);
  const headingId = useId();
  const firstInput = useRef<HTMLInputElement>(null);
  // The first field takes the focus so the agent can type straight away.
  useEffect(() => {
    firstInput.current?.focus();
  }, []);
  const complete = missing.every((spec) => (values[spec.key] ?? '').trim() !== '');
  return (
    <form
      className="tpl-fill"
      aria-labelledby={headingId}
      data-testid="template-fill-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!complete) return;
        const name = (values[AGENT_NAME] ?? '').trim();
        if (asksName && rememberName && name !== '') update.mutate({ agent: { name } });
        onSubmit(values);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onCancel();
        }
      }}
    >
      <p id={headingId} className="tpl-fill-title">
        {tt('templates.fill.title', { title })}
      </p>
      <p className="small muted">{tt('templates.fill.help')}</p>
      {missing.map((spec, index) => (
        <label key={spec.key} className="tpl-fill-field">
          <span>{spec.label[language]}</span>
          <input
            type="text"
            required
            ref={index === 0 ? firstInput : undefined}
            value={values[spec.key] ?? ''}
            placeholder={spec.example ?? ''}
            data-placeholder={spec.key}
            onChange={(event) => setValues((previous) => ({ ...previous, [spec.key]: event.target.value }))}
          />
        </label>
      ))}
      {asksName ? (
        <label className="tpl-fill-remember small">
          <input
            type="checkbox"
            checked={rememberName}
            data-testid="template-fill-remember-name"
            onChange={(event) => setRememberName(event.target.checked)}
          />
          <span>{t('first-run.rememberName')}</span>
        </label>
      ) : null}
      <div className="tpl-actions">
        <button type="submit" className="primary" disabled={!complete}>
          {submitLabel}
        </button>
        <button type="button" className="link" onClick={onCancel}>
          {tt('templates.fill.cancel')}
        </button>
      </div>
    </form>
  );
}
