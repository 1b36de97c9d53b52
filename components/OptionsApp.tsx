import { useEffect } from 'react';
import { useSettings, useToggleShortcut, useUpdateSettings } from '../lib/queries';
import type { UiLanguage } from '../lib/settings';
import { EscalationRecords } from './EscalationRecords';
import { EscalationSettings } from './EscalationSettings';
import { FirstRunWelcome } from './FirstRunWelcome';
import { I18nProvider, useI18n } from './I18nProvider';
import { ModelSettings } from './ModelSettings';
import { MoodCorrectionSettings } from './MoodCorrectionSettings';
import { PickedAreas } from './PickedAreas';
import { ReplySettings } from './ReplySettings';
import { SiteSwitches } from './SiteSwitches';
import { useStoredForm } from './stored-form';
import { TemplateLibrary } from './TemplateLibrary';
import { UnsavedMarker } from './UnsavedMarker';

/** The name and addresses as the agent types them: lists as comma-separated text. */
function toAgentDraft(agent: { name: string; names: string[]; emails: string[] }) {
  return { name: agent.name, names: agent.names.join(', '), emails: agent.emails.join(', ') };
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** The settings page: language, the agent's identity, per-site switches, shortcut and privacy. */
export function OptionsApp() {
  const settings = useSettings();
  return (
    <I18nProvider setting={settings.data?.language ?? 'auto'}>
      <Options />
    </I18nProvider>
  );
}

function Options() {
  const { t, language } = useI18n();
  const settings = useSettings();
  const update = useUpdateSettings();
  const shortcut = useToggleShortcut();
  const data = settings.data;

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('options.title');
  }, [language, t]);

  // The name and addresses follow the stored ones (the welcome saves them too), but another setting saved meanwhile
  // (the language, a site switch) never wipes what the agent is typing.
  const agentForm = useStoredForm(data?.agent, toAgentDraft);

  if (!data || !agentForm) return <p className="state">{t('common.loading')}</p>;
  const { name: agentName, names: agentNames, emails: agentEmails } = agentForm.draft;

  return (
    <div className="options">
      <header className="options-header">
        <span className="logo" aria-hidden="true">
          R
        </span>
        <h1>{t('options.title')}</h1>
        {update.isSuccess ? (
          <span className="saved" role="status">
            {t('options.saved')}
          </span>
        ) : null}
      </header>

      {data.firstRunDone ? null : <FirstRunWelcome settings={data} />}

      <section className="card" aria-labelledby="general">
        <h2 id="general">{t('options.general')}</h2>
        <label className="field">
          <span>{t('options.language')}</span>
          <select
            data-testid="language-select"
            value={data.language}
            onChange={(event) => {
              const value = (['auto', 'en', 'de'] as const).find((item) => item === event.target.value);
              if (value) update.mutate({ language: value satisfies UiLanguage });
            }}
          >
            <option value="auto">{t('options.language.auto')}</option>
            <option value="en">{t('options.language.en')}</option>
            <option value="de">{t('options.language.de')}</option>
          </select>
        </label>
        <p className="small muted">
          {t('options.shortcut')}:{' '}
          {shortcut.data
            ? t('panel.shortcut', {
                shortcut: shortcut.data,
                where: t(import.meta.env.FIREFOX ? 'panel.shortcutWhereFirefox' : 'panel.shortcutWhereChrome'),
              })
            : t('panel.shortcutUnset', {
                where: t(import.meta.env.FIREFOX ? 'panel.shortcutWhereFirefox' : 'panel.shortcutWhereChrome'),
              })}
        </p>
      </section>

      <section className="card" aria-labelledby="agent">
        <h2 id="agent">{t('options.agent')}</h2>
        <p className="help">{t('options.agentHelp')}</p>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            update.mutate(
              { agent: { name: agentName.trim(), names: splitList(agentNames), emails: splitList(agentEmails) } },
              { onSuccess: agentForm.saved },
            );
          }}
        >
          <label className="field">
            <span>{t('options.agentName')}</span>
            <input type="text" value={agentName} onChange={(event) => agentForm.edit({ name: event.target.value })} />
          </label>
          <label className="field">
            <span>{t('options.agentNames')}</span>
            <input type="text" value={agentNames} onChange={(event) => agentForm.edit({ names: event.target.value })} />
          </label>
          <label className="field">
            <span>{t('options.agentEmails')}</span>
            <input
              type="text"
              value={agentEmails}
              onChange={(event) => agentForm.edit({ emails: event.target.value })}
            />
          </label>
          <button type="submit" className="primary">
            {t('common.save')}
          </button>
          <UnsavedMarker
            dirty={
              agentName !== data.agent.name ||
              agentNames !== data.agent.names.join(', ') ||
              agentEmails !== data.agent.emails.join(', ')
            }
          />
        </form>
      </section>

      <SiteSwitches settings={data} onChange={(patch) => update.mutate(patch)} />
      <PickedAreas />

      <TemplateLibrary />
      <ReplySettings />
      <EscalationSettings />
      <EscalationRecords />
      <ModelSettings />
      <MoodCorrectionSettings />

      <section className="card privacy" aria-labelledby="privacy">
        <h2 id="privacy">{t('options.privacy')}</h2>
        <p>{t('options.privacyText')}</p>
      </section>
    </div>
  );
}
