import { useEffect, useRef, useState } from 'react';
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
import { TemplateLibrary } from './TemplateLibrary';
import { UnsavedMarker } from './UnsavedMarker';

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
  const [agentName, setAgentName] = useState('');
  const [agentNames, setAgentNames] = useState('');
  const [agentEmails, setAgentEmails] = useState('');
  const data = settings.data;

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('options.title');
  }, [language, t]);

  // The form follows the stored name and addresses (the welcome saves them too), but only while it holds no unsaved
  // edits: another setting saved meanwhile (the language, a site switch) must not wipe what the agent is typing.
  const stored = data
    ? { name: data.agent.name, names: data.agent.names.join(', '), emails: data.agent.emails.join(', ') }
    : undefined;
  const loaded = useRef<typeof stored>(undefined);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the stored values change, reading the form as it is then
  useEffect(() => {
    if (!stored) return;
    const previous = loaded.current;
    const clean =
      !previous || (agentName === previous.name && agentNames === previous.names && agentEmails === previous.emails);
    loaded.current = stored;
    if (!clean) return;
    setAgentName(stored.name);
    setAgentNames(stored.names);
    setAgentEmails(stored.emails);
  }, [stored?.name, stored?.names, stored?.emails]);

  if (!data) return <p className="state">{t('common.loading')}</p>;

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
            update.mutate({
              agent: { name: agentName.trim(), names: splitList(agentNames), emails: splitList(agentEmails) },
            });
          }}
        >
          <label className="field">
            <span>{t('options.agentName')}</span>
            <input type="text" value={agentName} onChange={(event) => setAgentName(event.target.value)} />
          </label>
          <label className="field">
            <span>{t('options.agentNames')}</span>
            <input type="text" value={agentNames} onChange={(event) => setAgentNames(event.target.value)} />
          </label>
          <label className="field">
            <span>{t('options.agentEmails')}</span>
            <input type="text" value={agentEmails} onChange={(event) => setAgentEmails(event.target.value)} />
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
