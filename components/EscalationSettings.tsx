import { type ReactNode, useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import {
  originPattern,
  useEffectiveSettings,
  useRequestHostPermission,
  useSaveEscalationSettings,
} from '../lib/escalation/hooks';
import { webhookPlaceholders, webhookUrlProblem } from '../lib/escalation/webhook';
import { defineMessages } from '../lib/i18n';
import { isSettingLocked, type ManagedSettingPath } from '../lib/replies/templates/managed';
import type { EscalationSettings as Escalation } from '../lib/settings';
import { isCoveredByMatchPatterns, runtimeSiteMatches } from '../lib/sites/matches';
import { EscalationPayloadPreview } from './EscalationPayloadPreview';
import { useI18n } from './I18nProvider';
import './escalation.css';

const messages = defineMessages({
  en: {
    title: 'Escalation',
    help: 'When the panel recommends handing a conversation to a team lead, and what the Escalate button does. Nothing is sent until an agent clicks Escalate (unless auto-escalation below is on).',
    locked: 'set by your administrator',
    rules: 'When to recommend escalating',
    anger: 'Anger at or above (%)',
    frustration: 'Frustration at or above (%)',
    worsening: 'Mood worsening over the last N customer messages (0 = off)',
    repeated: 'Customer messages in a row without an answer (0 = off)',
    abusive: 'Abusive language',
    legal: 'Legal threats',
    chargeback: 'Chargeback threats',
    cancellation: 'Cancellation threats',
    critical: 'Critical urgency',
    vip: 'VIP customers (emails or domains, one per line)',
    destinations: 'Where an escalation goes (Gmail and any other page)',
    teamLeadEmail: 'Team lead email (an email draft opens for you to send)',
    webhookUrl: 'Webhook URL (Slack, Teams or any JSON endpoint; https)',
    webhookTemplate: 'Webhook payload template (JSON; empty = the service’s usual shape)',
    placeholders: 'Placeholders:',
    mask: 'Mask personal data in webhook payloads (emails, phone numbers, IBANs, card numbers)',
    clipboard: 'Copy the handoff summary to the clipboard',
    zendesk: 'Zendesk (through your own Zendesk session)',
    zendeskPriority: 'Raise priority to',
    tags: 'Tags to add (comma-separated; existing tags are kept)',
    group: 'Assign to group ID (empty = leave as is)',
    internalNote: 'Add the handoff summary as an internal note',
    freshdesk: 'Freshdesk (through an API key)',
    freshdeskDomain: 'Freshdesk domain (e.g. acme or acme.freshdesk.com)',
    freshdeskKey: 'API key',
    freshdeskPriority: 'Set priority to',
    privateNote: 'Add the handoff summary as a private note',
    high: 'High',
    urgent: 'Urgent',
    medium: 'Medium',
    teamLead: 'For team leads',
    autoEscalate: 'Escalate automatically when the rules fire (no click needed; once per conversation)',
    autoHelp:
      'Off by default. Turn on only if your team agreed: the configured actions then run as soon as a conversation meets the rules.',
    save: 'Save escalation settings',
    saved: 'Escalation settings saved',
    badWebhook: 'Use an https:// URL (http only for localhost).',
    webhookCredentials:
      'Remove the user name and password (https://user:password@…): they would travel with every request. Use the secret address your service gives you.',
    badEmail: 'Not a valid email address.',
    permissionDenied:
      'Access to {host} was not granted: the webhook then only works if it allows requests from browser extensions (CORS).',
    problems: 'Ignored policy entries: {list}',
  },
  de: {
    title: 'Eskalation',
    help: 'Wann die Seitenleiste empfiehlt, eine Unterhaltung an die Teamleitung zu übergeben, und was die Schaltfläche „Eskalieren“ tut. Nichts wird gesendet, bevor jemand auf „Eskalieren“ klickt (außer die automatische Eskalation unten ist an).',
    locked: 'von Ihrer Administration festgelegt',
    rules: 'Wann eine Eskalation empfohlen wird',
    anger: 'Verärgerung ab (%)',
    frustration: 'Frustration ab (%)',
    worsening: 'Stimmung verschlechtert sich über die letzten N Kundennachrichten (0 = aus)',
    repeated: 'Kundennachrichten in Folge ohne Antwort (0 = aus)',
    abusive: 'Beleidigende Sprache',
    legal: 'Androhung rechtlicher Schritte',
    chargeback: 'Androhung einer Rückbuchung',
    cancellation: 'Androhung einer Kündigung',
    critical: 'Kritische Dringlichkeit',
    vip: 'VIP-Kunden (E-Mail-Adressen oder Domains, eine pro Zeile)',
    destinations: 'Wohin eine Eskalation geht (Gmail und alle anderen Seiten)',
    teamLeadEmail: 'E-Mail der Teamleitung (ein E-Mail-Entwurf öffnet sich zum Absenden)',
    webhookUrl: 'Webhook-URL (Slack, Teams oder ein JSON-Endpunkt; https)',
    webhookTemplate: 'Webhook-Vorlage (JSON; leer = übliches Format des Dienstes)',
    placeholders: 'Platzhalter:',
    mask: 'Personenbezogene Daten im Webhook maskieren (E-Mail, Telefon, IBAN, Kartennummer)',
    clipboard: 'Übergabe-Zusammenfassung in die Zwischenablage kopieren',
    zendesk: 'Zendesk (über Ihre eigene Zendesk-Sitzung)',
    zendeskPriority: 'Priorität anheben auf',
    tags: 'Hinzuzufügende Tags (durch Kommas getrennt; vorhandene bleiben)',
    group: 'Gruppen-ID zuweisen (leer = unverändert)',
    internalNote: 'Übergabe-Zusammenfassung als interne Notiz hinzufügen',
    freshdesk: 'Freshdesk (über einen API-Schlüssel)',
    freshdeskDomain: 'Freshdesk-Domain (z. B. acme oder acme.freshdesk.com)',
    freshdeskKey: 'API-Schlüssel',
    freshdeskPriority: 'Priorität setzen auf',
    privateNote: 'Übergabe-Zusammenfassung als private Notiz hinzufügen',
    high: 'Hoch',
    urgent: 'Dringend',
    medium: 'Mittel',
    teamLead: 'Für Teamleitungen',
    autoEscalate: 'Automatisch eskalieren, wenn die Regeln anschlagen (ohne Klick; einmal pro Unterhaltung)',
    autoHelp:
      'Standardmäßig aus. Nur einschalten, wenn Ihr Team es so vereinbart hat: Die eingerichteten Aktionen laufen dann, sobald eine Unterhaltung die Regeln erfüllt.',
    save: 'Eskalations-Einstellungen speichern',
    saved: 'Eskalations-Einstellungen gespeichert',
    badWebhook: 'Eine https://-URL verwenden (http nur für localhost).',
    webhookCredentials:
      'Benutzername und Passwort entfernen (https://benutzer:passwort@…): sie würden mit jeder Anfrage mitgeschickt. Die geheime Adresse des Dienstes verwenden.',
    badEmail: 'Keine gültige E-Mail-Adresse.',
    permissionDenied:
      'Zugriff auf {host} wurde nicht erteilt: Der Webhook funktioniert dann nur, wenn er Anfragen von Browser-Erweiterungen erlaubt (CORS).',
    problems: 'Ignorierte Richtlinien-Einträge: {list}',
  },
});

type Translate = ReturnType<typeof messages>;

const emailPattern = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** The form's state: the settings, with list fields as the text the agent types. */
interface Draft {
  escalation: Escalation;
  vip: string;
  zendeskTags: string;
  freshdeskTags: string;
}

function toDraft(escalation: Escalation): Draft {
  return {
    escalation,
    vip: escalation.rules.vipCustomers.join('\n'),
    zendeskTags: escalation.zendesk.tags.join(', '),
    freshdeskTags: escalation.freshdesk.tags.join(', '),
  };
}

function splitList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,\n]/)
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ];
}

function fromDraft(draft: Draft): Escalation {
  const { escalation } = draft;
  return {
    ...escalation,
    teamLeadEmail: escalation.teamLeadEmail.trim(),
    webhook: { ...escalation.webhook, url: escalation.webhook.url.trim() },
    rules: { ...escalation.rules, vipCustomers: splitList(draft.vip) },
    zendesk: { ...escalation.zendesk, tags: splitList(draft.zendeskTags), groupId: escalation.zendesk.groupId.trim() },
    freshdesk: {
      ...escalation.freshdesk,
      domain: escalation.freshdesk.domain.trim(),
      apiKey: escalation.freshdesk.apiKey.trim(),
      groupId: escalation.freshdesk.groupId.trim(),
      tags: splitList(draft.freshdeskTags),
    },
  };
}

/**
 * What to store: the form's values, except that fields the policy locks keep the agent's own stored value (the policy
 * is applied on top when settings are read, so its values never need writing).
 */
function withoutLocked(
  next: Escalation,
  stored: Escalation,
  locked: (path: ManagedSettingPath) => boolean,
): Escalation {
  const rules = { ...next.rules };
  const ruleKeys = [
    'angerThreshold',
    'frustrationThreshold',
    'worseningWindow',
    'abusive',
    'legalThreats',
    'chargebackThreats',
    'cancellationThreats',
    'criticalUrgency',
    'repeatedContactCount',
    'vipCustomers',
  ] as const;
  for (const key of ruleKeys) {
    if (locked(`escalation.rules.${key}`)) Object.assign(rules, { [key]: stored.rules[key] });
  }
  const webhook = { ...next.webhook };
  if (locked('escalation.webhook.url')) webhook.url = stored.webhook.url;
  if (locked('escalation.webhook.payloadTemplate')) webhook.payloadTemplate = stored.webhook.payloadTemplate;
  if (locked('escalation.webhook.maskPersonalData')) webhook.maskPersonalData = stored.webhook.maskPersonalData;
  return {
    ...next,
    rules,
    webhook,
    autoEscalate: locked('escalation.autoEscalate') ? stored.autoEscalate : next.autoEscalate,
    teamLeadEmail: locked('escalation.teamLeadEmail') ? stored.teamLeadEmail : next.teamLeadEmail,
  };
}

/** Whether the extension already declares access to a URL's host (the helpdesks, localhost), so no prompt is needed. */
function isDeclaredHost(url: string): boolean {
  // The running build's own hosts: the store build declares no localhost, so a local webhook there needs a grant.
  // Every declared pattern covers all paths (`/*`), so covering the URL is covering its host.
  return isCoveredByMatchPatterns(url, runtimeSiteMatches(browser.runtime.getManifest()));
}

function Locked({ on, t }: { on: boolean; t: Translate }) {
  return on ? <span className="locked">🔒 {t('locked')}</span> : null;
}

/** A labelled one-line text input, the shape most escalation fields share. */
function TextField({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  return (
    <label className="field">
      <span>{label}</span>
      <input type="text" value={value} onChange={(event) => onChange(event.target.value)} />
    </label>
  );
}

function Check({
  label,
  checked,
  disabled,
  onChange,
  extra,
  testId,
}: {
  label: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
  extra?: ReactNode;
  testId?: string;
}) {
  return (
    <label className="check">
      <input
        type="checkbox"
        checked={checked}
        disabled={disabled}
        data-testid={testId}
        onChange={(event) => onChange(event.target.checked)}
      />
      <span>{label}</span>
      {extra}
    </label>
  );
}

/**
 * The options page's escalation section: rule thresholds and switches, VIP list, destinations (team lead email,
 * webhook with payload template, preview and masking, clipboard), Zendesk and Freshdesk actions, and auto-escalation
 * for team leads. Fields the administrator's policy sets are shown read-only.
 */
export function EscalationSettings() {
  const { language } = useI18n();
  const t = messages(language);
  // `own`: the agent's settings with their secrets (from IndexedDB, never storage.local), without the policy.
  const { settings: effective, policy, own } = useEffectiveSettings();
  const update = useSaveEscalationSettings();
  const requestPermission = useRequestHostPermission();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [permissionNote, setPermissionNote] = useState('');
  const [saved, setSaved] = useState(false);
  const section = useRef<HTMLElement>(null);
  const highlight = useRef<string[]>(
    location.hash.startsWith('#escalation=') ? decodeURIComponent(location.hash.slice(12)).split(',') : [],
  );

  useEffect(() => {
    if (effective) setDraft(toDraft(effective.escalation));
  }, [effective]);

  const loaded = draft !== null;
  useEffect(() => {
    // Opened from the panel's "what to set" button: bring the section into view once it has rendered.
    if (loaded && location.hash.startsWith('#escalation')) section.current?.scrollIntoView({ block: 'start' });
  }, [loaded]);

  if (!draft || !own) return null;
  const locked = (path: ManagedSettingPath) => isSettingLocked(policy, path);
  const esc = draft.escalation;
  const set = (change: (current: Escalation) => Escalation) => {
    setSaved(false);
    setDraft({ ...draft, escalation: change(esc) });
  };
  const setRule = <K extends keyof Escalation['rules']>(key: K, value: Escalation['rules'][K]) =>
    set((current) => ({ ...current, rules: { ...current.rules, [key]: value } }));
  const hl = (field: string) => (highlight.current.includes(field) ? 'field highlight' : 'field');

  const webhookUrl = esc.webhook.url.trim();
  const webhookProblem = webhookUrl ? webhookUrlProblem(webhookUrl) : null;
  const webhookError =
    webhookProblem === 'credentials' ? t('webhookCredentials') : webhookProblem ? t('badWebhook') : '';
  const emailError = esc.teamLeadEmail.trim() && !emailPattern.test(esc.teamLeadEmail.trim()) ? t('badEmail') : '';
  const percent = (value: number) => Math.round(value * 100);
  const fromPercent = (text: string) => Math.min(1, Math.max(0, Number(text) / 100 || 0));
  const count = (text: string) => Math.min(50, Math.max(0, Math.round(Number(text) || 0)));

  const save = () => {
    if (webhookError || emailError) return;
    const next = withoutLocked(fromDraft(draft), own.escalation, locked);
    // The prompt for a new webhook host must come straight from the click; declared hosts need none.
    if (next.webhook.url && next.webhook.url !== own.escalation.webhook.url && !isDeclaredHost(next.webhook.url)) {
      const pattern = originPattern(next.webhook.url);
      void requestPermission(next.webhook.url).then((granted) => {
        setPermissionNote(granted || !pattern ? '' : t('permissionDenied', { host: new URL(next.webhook.url).host }));
      });
    } else {
      setPermissionNote('');
    }
    update.mutate(next, { onSuccess: () => setSaved(true) });
  };

  return (
    <section className="card escalation-settings" id="escalation" ref={section} aria-labelledby="escalation-heading">
      <h2 id="escalation-heading">{t('title')}</h2>
      <p className="help">{t('help')}</p>
      {policy.problems.length > 0 ? (
        <p className="small field-error">
          {t('problems', { list: policy.problems.map((problem) => `${problem.key} (${problem.reason})`).join('; ') })}
        </p>
      ) : null}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <fieldset>
          <legend>{t('rules')}</legend>
          <div className="grid">
            <label className="field">
              <span>
                {t('anger')} <Locked on={locked('escalation.rules.angerThreshold')} t={t} />
              </span>
              <input
                type="number"
                min={0}
                max={100}
                step={5}
                value={percent(esc.rules.angerThreshold)}
                disabled={locked('escalation.rules.angerThreshold')}
                onChange={(event) => setRule('angerThreshold', fromPercent(event.target.value))}
              />
            </label>
            <label className="field">
              <span>
                {t('frustration')} <Locked on={locked('escalation.rules.frustrationThreshold')} t={t} />
              </span>
              <input
                type="number"
                min={0}
                max={100}
                step={5}
                value={percent(esc.rules.frustrationThreshold)}
                disabled={locked('escalation.rules.frustrationThreshold')}
                onChange={(event) => setRule('frustrationThreshold', fromPercent(event.target.value))}
              />
            </label>
            <label className="field">
              <span>
                {t('worsening')} <Locked on={locked('escalation.rules.worseningWindow')} t={t} />
              </span>
              <input
                type="number"
                min={0}
                max={20}
                value={esc.rules.worseningWindow}
                disabled={locked('escalation.rules.worseningWindow')}
                onChange={(event) => setRule('worseningWindow', count(event.target.value))}
              />
            </label>
            <label className="field">
              <span>
                {t('repeated')} <Locked on={locked('escalation.rules.repeatedContactCount')} t={t} />
              </span>
              <input
                type="number"
                min={0}
                max={20}
                value={esc.rules.repeatedContactCount}
                disabled={locked('escalation.rules.repeatedContactCount')}
                onChange={(event) => setRule('repeatedContactCount', count(event.target.value))}
              />
            </label>
          </div>
          <div className="grid">
            {(
              [
                ['abusive', 'abusive'],
                ['legalThreats', 'legal'],
                ['chargebackThreats', 'chargeback'],
                ['cancellationThreats', 'cancellation'],
                ['criticalUrgency', 'critical'],
              ] as const
            ).map(([key, label]) => (
              <Check
                key={key}
                label={t(label)}
                checked={esc.rules[key]}
                disabled={locked(`escalation.rules.${key}`)}
                onChange={(checked) => setRule(key, checked)}
                extra={<Locked on={locked(`escalation.rules.${key}`)} t={t} />}
              />
            ))}
          </div>
          <label className="field">
            <span>
              {t('vip')} <Locked on={locked('escalation.rules.vipCustomers')} t={t} />
            </span>
            <textarea
              rows={3}
              value={draft.vip}
              disabled={locked('escalation.rules.vipCustomers')}
              placeholder={'ceo@bigcustomer.com\nbigcustomer.com'}
              onChange={(event) => {
                setSaved(false);
                setDraft({ ...draft, vip: event.target.value });
              }}
            />
          </label>
        </fieldset>

        <fieldset>
          <legend>{t('destinations')}</legend>
          <label className={hl('teamLeadEmail')}>
            <span>
              {t('teamLeadEmail')} <Locked on={locked('escalation.teamLeadEmail')} t={t} />
            </span>
            <input
              type="email"
              data-testid="team-lead-email"
              value={esc.teamLeadEmail}
              disabled={locked('escalation.teamLeadEmail')}
              aria-invalid={emailError !== ''}
              onChange={(event) => set((current) => ({ ...current, teamLeadEmail: event.target.value }))}
            />
            {emailError ? <span className="field-error">{emailError}</span> : null}
          </label>
          <label className={hl('webhook.url')}>
            <span>
              {t('webhookUrl')} <Locked on={locked('escalation.webhook.url')} t={t} />
            </span>
            <input
              type="url"
              data-testid="webhook-url"
              placeholder="https://hooks.slack.com/services/…"
              value={esc.webhook.url}
              disabled={locked('escalation.webhook.url')}
              aria-invalid={webhookError !== ''}
              onChange={(event) =>
                set((current) => ({ ...current, webhook: { ...current.webhook, url: event.target.value } }))
              }
            />
            {webhookError ? <span className="field-error">{webhookError}</span> : null}
            {permissionNote ? <span className="field-error">{permissionNote}</span> : null}
          </label>
          <label className="field">
            <span>
              {t('webhookTemplate')} <Locked on={locked('escalation.webhook.payloadTemplate')} t={t} />
            </span>
            <textarea
              rows={4}
              data-testid="webhook-template"
              spellCheck={false}
              value={esc.webhook.payloadTemplate}
              disabled={locked('escalation.webhook.payloadTemplate')}
              placeholder={'{"text": "{{title}}\\n{{reasons}}\\n{{link}}"}'}
              onChange={(event) =>
                set((current) => ({ ...current, webhook: { ...current.webhook, payloadTemplate: event.target.value } }))
              }
            />
          </label>
          <p className="small muted placeholders">
            {t('placeholders')}{' '}
            {webhookPlaceholders.map((name) => (
              <code key={name}>{`{{${name}}}`}</code>
            ))}
          </p>
          <Check
            label={t('mask')}
            testId="mask-personal-data"
            checked={esc.webhook.maskPersonalData}
            disabled={locked('escalation.webhook.maskPersonalData')}
            onChange={(checked) =>
              set((current) => ({ ...current, webhook: { ...current.webhook, maskPersonalData: checked } }))
            }
            extra={<Locked on={locked('escalation.webhook.maskPersonalData')} t={t} />}
          />
          <EscalationPayloadPreview settings={esc} lang={language} />
          <Check
            label={t('clipboard')}
            checked={esc.copyToClipboard}
            onChange={(checked) => set((current) => ({ ...current, copyToClipboard: checked }))}
          />
        </fieldset>

        <fieldset>
          <legend>{t('zendesk')}</legend>
          <div className="grid">
            <label className="field">
              <span>{t('zendeskPriority')}</span>
              <select
                value={esc.zendesk.priority}
                onChange={(event) => {
                  const priority = event.target.value === 'high' ? 'high' : 'urgent';
                  set((current) => ({ ...current, zendesk: { ...current.zendesk, priority } }));
                }}
              >
                <option value="high">{t('high')}</option>
                <option value="urgent">{t('urgent')}</option>
              </select>
            </label>
            <TextField
              label={t('group')}
              value={esc.zendesk.groupId}
              onChange={(groupId) => set((current) => ({ ...current, zendesk: { ...current.zendesk, groupId } }))}
            />
          </div>
          <TextField
            label={t('tags')}
            value={draft.zendeskTags}
            onChange={(zendeskTags) => {
              setSaved(false);
              setDraft({ ...draft, zendeskTags });
            }}
          />
          <Check
            label={t('internalNote')}
            checked={esc.zendesk.addInternalNote}
            onChange={(checked) =>
              set((current) => ({ ...current, zendesk: { ...current.zendesk, addInternalNote: checked } }))
            }
          />
        </fieldset>

        <fieldset>
          <legend>{t('freshdesk')}</legend>
          <div className="grid">
            <label className={hl('freshdesk.domain')}>
              <span>{t('freshdeskDomain')}</span>
              <input
                type="text"
                value={esc.freshdesk.domain}
                onChange={(event) =>
                  set((current) => ({ ...current, freshdesk: { ...current.freshdesk, domain: event.target.value } }))
                }
              />
            </label>
            <label className={hl('freshdesk.apiKey')}>
              <span>{t('freshdeskKey')}</span>
              <input
                type="password"
                autoComplete="off"
                value={esc.freshdesk.apiKey}
                onChange={(event) =>
                  set((current) => ({ ...current, freshdesk: { ...current.freshdesk, apiKey: event.target.value } }))
                }
              />
            </label>
            <label className="field">
              <span>{t('freshdeskPriority')}</span>
              <select
                value={esc.freshdesk.priority}
                onChange={(event) => {
                  const priority = event.target.value === '2' ? 2 : event.target.value === '3' ? 3 : 4;
                  set((current) => ({ ...current, freshdesk: { ...current.freshdesk, priority } }));
                }}
              >
                <option value="2">{t('medium')}</option>
                <option value="3">{t('high')}</option>
                <option value="4">{t('urgent')}</option>
              </select>
            </label>
            <TextField
              label={t('group')}
              value={esc.freshdesk.groupId}
              onChange={(groupId) => set((current) => ({ ...current, freshdesk: { ...current.freshdesk, groupId } }))}
            />
          </div>
          <TextField
            label={t('tags')}
            value={draft.freshdeskTags}
            onChange={(freshdeskTags) => {
              setSaved(false);
              setDraft({ ...draft, freshdeskTags });
            }}
          />
          <Check
            label={t('privateNote')}
            checked={esc.freshdesk.addPrivateNote}
            onChange={(checked) =>
              set((current) => ({ ...current, freshdesk: { ...current.freshdesk, addPrivateNote: checked } }))
            }
          />
        </fieldset>

        <fieldset className="team-lead">
          <legend>{t('teamLead')}</legend>
          <Check
            label={t('autoEscalate')}
            testId="auto-escalate"
            checked={esc.autoEscalate}
            disabled={locked('escalation.autoEscalate')}
            onChange={(checked) => set((current) => ({ ...current, autoEscalate: checked }))}
            extra={<Locked on={locked('escalation.autoEscalate')} t={t} />}
          />
          <p className="small muted">{t('autoHelp')}</p>
        </fieldset>

        <div className="actions">
          <button type="submit" className="primary" data-testid="save-escalation" disabled={update.isPending}>
            {t('save')}
          </button>
          {saved ? (
            <span className="saved" role="status">
              {t('saved')}
            </span>
          ) : null}
        </div>
      </form>
    </section>
  );
}
