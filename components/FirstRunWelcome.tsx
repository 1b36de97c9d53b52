import { useId, useRef, useState } from 'react';
import { useUpdateSettings } from '../lib/queries';
import type { GermanFormality, Settings, UiLanguage } from '../lib/settings';
import { useI18n } from './I18nProvider';

const steps = ['language', 'agent', 'formality', 'escalation'] as const;
type Step = (typeof steps)[number];

const languages: readonly UiLanguage[] = ['auto', 'en', 'de'];
const formalities: readonly GermanFormality[] = ['sie', 'du'];

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * The welcome at the top of the settings page until the agent finishes or skips it (issue 22): the settings a new
 * agent needs before the first conversation, one step at a time, each skippable. "Done" (or skipping the whole
 * welcome) sets `firstRunDone`, which also ends the panel's hint.
 */
export function FirstRunWelcome({ settings }: { settings: Settings }) {
  const { t } = useI18n();
  const update = useUpdateSettings();
  const [index, setIndex] = useState(0);
  const [name, setName] = useState(settings.agent.name);
  const [emails, setEmails] = useState(settings.agent.emails.join(', '));
  const [formality, setFormality] = useState<GermanFormality>(settings.replies.germanFormality);
  const headingId = useId();
  const moved = useRef(false);
  const step: Step = steps[index] ?? 'language';
  const isLast = index === steps.length - 1;

  // A keyboard or screen-reader user lands on the new step's heading (mounted anew per step), not on a button that no
  // longer exists. Not on the first render: the page must not jump away from where the browser put the agent.
  const focusStepHeading = (heading: HTMLHeadingElement | null) => {
    if (heading && moved.current) heading.focus();
  };

  /** What the current step changed, saved when the agent moves on (not on skip: a skipped step keeps what was). */
  function stepPatch(): Parameters<typeof update.mutate>[0] {
    if (step === 'agent') return { agent: { name: name.trim(), emails: splitList(emails) } };
    if (step === 'formality') return { replies: { germanFormality: formality } };
    return {};
  }

  function go(to: number) {
    moved.current = true;
    setIndex(to);
  }

  function next(save: boolean) {
    if (save) {
      const patch = stepPatch();
      if (Object.keys(patch).length > 0) update.mutate(patch);
    }
    if (isLast) update.mutate({ firstRunDone: true });
    else go(index + 1);
  }

  function openEscalation() {
    const section = document.getElementById('escalation');
    section?.scrollIntoView({ block: 'start' });
    // The section's first usable field takes the focus, so a keyboard user continues there (some fields are disabled
    // or folded away until others are set).
    const fields = section ? Array.from(section.querySelectorAll<HTMLElement>('input, select, textarea, button')) : [];
    const field = fields.find((candidate) => !candidate.matches(':disabled') && candidate.checkVisibility());
    if (field) field.focus();
    else if (section) {
      // The section is still loading its stored settings: the section itself takes the focus meanwhile.
      section.tabIndex = -1;
      section.focus();
    }
  }

  return (
    <section className="card first-run" id="welcome" aria-labelledby={headingId} data-testid="first-run">
      <h2 id={headingId}>{t('first-run.title')}</h2>
      <p className="help">{t('first-run.intro')}</p>
      <p className="small muted" data-testid="first-run-progress">
        {t('first-run.progress', { step: index + 1, total: steps.length })}
      </p>
      <div className="first-run-step" data-step={step}>
        <h3 key={step} ref={focusStepHeading} tabIndex={-1}>
          {t(`first-run.${step}`)}
        </h3>
        {step === 'language' ? (
          <>
            <p className="help">{t('first-run.languageHelp')}</p>
            <label className="field">
              <span>{t('options.language')}</span>
              <select
                value={settings.language}
                data-testid="first-run-language"
                onChange={(event) => {
                  // Saved at once: the welcome itself switches to the chosen language.
                  const value = languages.find((item) => item === event.target.value);
                  if (value) update.mutate({ language: value });
                }}
              >
                {languages.map((item) => (
                  <option key={item} value={item}>
                    {t(`options.language.${item}`)}
                  </option>
                ))}
              </select>
            </label>
          </>
        ) : null}
        {step === 'agent' ? (
          <>
            <p className="help">{t('first-run.agentHelp')}</p>
            <label className="field">
              <span>{t('first-run.agentName')}</span>
              <input
                type="text"
                autoComplete="name"
                data-testid="first-run-name"
                value={name}
                onChange={(event) => setName(event.target.value)}
              />
            </label>
            <label className="field">
              <span>{t('first-run.agentEmails')}</span>
              <input
                type="text"
                autoComplete="email"
                data-testid="first-run-emails"
                value={emails}
                onChange={(event) => setEmails(event.target.value)}
              />
            </label>
          </>
        ) : null}
        {step === 'formality' ? (
          <fieldset className="first-run-choices">
            <legend className="help">{t('first-run.formalityHelp')}</legend>
            {formalities.map((item) => (
              <label key={item} className="first-run-choice">
                <input
                  type="radio"
                  name="first-run-formality"
                  value={item}
                  checked={formality === item}
                  onChange={() => setFormality(item)}
                />
                <span>{t(`first-run.formality.${item}`)}</span>
              </label>
            ))}
          </fieldset>
        ) : null}
        {step === 'escalation' ? (
          <>
            <p className="help">{t('first-run.escalationHelp')}</p>
            <button type="button" className="link" onClick={openEscalation}>
              {t('first-run.escalationOpen')}
            </button>
          </>
        ) : null}
      </div>
      <div className="first-run-actions">
        <button type="button" className="primary" data-testid="first-run-next" onClick={() => next(true)}>
          {isLast ? t('first-run.done') : t('first-run.next')}
        </button>
        {isLast ? null : (
          <button type="button" data-testid="first-run-skip" onClick={() => next(false)}>
            {t('first-run.skip')}
          </button>
        )}
        {index > 0 ? (
          <button type="button" onClick={() => go(index - 1)}>
            {t('first-run.back')}
          </button>
        ) : null}
        <button
          type="button"
          className="link"
          data-testid="first-run-skip-all"
          onClick={() => update.mutate({ firstRunDone: true })}
        >
          {t('first-run.skipAll')}
        </button>
      </div>
    </section>
  );
}
