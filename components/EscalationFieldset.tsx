import type { ReactNode } from 'react';
import type { MessageKey } from '../lib/i18n';
import { useI18n } from './I18nProvider';

/**
 * The building blocks every fieldset of the escalation settings is made of: the fieldset with its legend, and the
 * labelled fields (text, number, select, switch), each optionally locked by the administrator's policy — shown
 * read-only with a note — and optionally highlighted when the panel's "what to set" button opened the page.
 */
export function EscalationFieldset({
  legend,
  className,
  children,
}: {
  legend: MessageKey;
  className?: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <fieldset className={className}>
      <legend>{t(legend)}</legend>
      {children}
    </fieldset>
  );
}

/** The "set by your administrator" note beside a field the policy locks. */
export function LockedNote({ on }: { on: boolean | undefined }) {
  const { t } = useI18n();
  return on ? <span className="locked">🔒 {t('escalationSettings.locked')}</span> : null;
}

interface FieldProps {
  label: MessageKey;
  /** Set by the administrator's policy: shown read-only with a note. */
  locked?: boolean;
  /** The panel's "what to set" button named this field. */
  highlight?: boolean;
  /** What is wrong with the value, shown under it ('' for nothing). */
  error?: string;
  /** The error's element id, for the control's `aria-describedby` (so a screen reader reads it with the field). */
  errorId?: string;
  children: ReactNode;
}

/** A labelled field: the label (with the lock note), the control, and what is wrong with its value. */
export function EscalationField({ label, locked, highlight, error, errorId, children }: FieldProps) {
  const { t } = useI18n();
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is `children`, inside the label, which the rule cannot see
    <label className={highlight ? 'field highlight' : 'field'}>
      <span>
        {t(label)}
        {locked ? ' ' : null}
        <LockedNote on={locked} />
      </span>
      {children}
      {error ? (
        <span className="field-error" id={errorId}>
          {error}
        </span>
      ) : null}
    </label>
  );
}

/** A labelled one-line text input, the shape most escalation fields share. */
export function EscalationTextField({
  label,
  value,
  onChange,
  type = 'text',
  highlight,
}: {
  label: MessageKey;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'password';
  highlight?: boolean;
}) {
  return (
    <EscalationField label={label} highlight={highlight}>
      <input
        type={type}
        autoComplete={type === 'password' ? 'off' : undefined}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </EscalationField>
  );
}

/** A labelled number input for a rule threshold or count, clamped by the caller's `parse`. */
export function EscalationNumberField({
  label,
  value,
  locked,
  min,
  max,
  step,
  onChange,
}: {
  label: MessageKey;
  value: number;
  locked: boolean;
  min: number;
  max: number;
  step?: number;
  onChange: (text: string) => void;
}) {
  return (
    <EscalationField label={label} locked={locked}>
      <input
        type="number"
        min={min}
        max={max}
        step={step}
        value={value}
        disabled={locked}
        onChange={(event) => onChange(event.target.value)}
      />
    </EscalationField>
  );
}

/** A labelled choice from a few options (a helpdesk priority). */
export function EscalationSelectField<V extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: MessageKey;
  value: V;
  options: readonly { value: V; label: MessageKey }[];
  onChange: (value: V) => void;
}) {
  const { t } = useI18n();
  return (
    <EscalationField label={label}>
      <select
        value={value}
        onChange={(event) => {
          const chosen = options.find((option) => option.value === event.target.value);
          if (chosen) onChange(chosen.value);
        }}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {t(option.label)}
          </option>
        ))}
      </select>
    </EscalationField>
  );
}

/** A labelled switch. */
export function EscalationCheck({
  label,
  checked,
  locked,
  onChange,
  testId,
}: {
  label: MessageKey;
  checked: boolean;
  locked?: boolean;
  onChange: (checked: boolean) => void;
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <label className="check">
      <input
        type="checkbox"
        checked={checked}
        disabled={locked}
        data-testid={testId}
        onChange={(event) => onChange(event.target.checked)}
      />
      <span>{t(label)}</span>
      <LockedNote on={locked} />
    </label>
  );
}
