import { useEffect, useMemo, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { escalationRuleKeys } from '../lib/escalation/default-rules';
import { isTeamLeadAddress } from '../lib/escalation/email';
import {
  originPattern,
  useEscalationSecrets,
  useManagedPolicy,
  useRequestHostPermission,
  useSaveEscalationSettings,
} from '../lib/escalation/hooks';
import { escalationSecretsOf, withEscalationSecrets } from '../lib/escalation/secrets';
import { webhookUrlProblem } from '../lib/escalation/webhook';
import { useSettings } from '../lib/queries';
import {
  applyManagedPolicy,
  emptyManagedPolicy,
  isSettingLocked,
  type ManagedPolicy,
  type ManagedSettingPath,
} from '../lib/replies/templates/managed';
import { type EscalationSettings as Escalation, mergeSettings } from '../lib/settings';
import { isCoveredByMatchPatterns, runtimeSiteMatches } from '../lib/sites/matches';
import { EscalationDestinationFieldset } from './EscalationDestinationFieldset';
import { EscalationCheck, EscalationField, EscalationFieldset } from './EscalationFieldset';
import { EscalationHelpdeskFieldset } from './EscalationHelpdeskFieldset';
import { EscalationRulesFieldset } from './EscalationRulesFieldset';
import { useI18n } from './I18nProvider';
import { UnsavedMarker } from './UnsavedMarker';
import './escalation.css';

/** The form's state: the settings, with list fields as the text the agent types. */
interface Draft {
  escalation: Escalation;
  vip: string;
  zendeskTags: string;
  freshdeskTags: string;
}

/**
 * The form and where it came from. `dirty` while the agent has edits not yet saved: settings that change meanwhile
 * (another tab, the policy) are then not loaded over them. `withSecrets` and `withPolicy`: whether the stored secrets
 * and the administrator's policy were known when the form was loaded — the form shows before they arrive.
 */
interface FormState {
  draft: Draft;
  dirty: boolean;
  loadedFrom: Escalation;
  withSecrets: boolean;
  withPolicy: boolean;
}

function toDraft(escalation: Escalation): Draft {
  return {
    escalation,
    vip: escalation.rules.vipCustomers.join('\n'),
    zendeskTags: escalation.zendesk.tags.join(', '),
    freshdeskTags: escalation.freshdesk.tags.join(', '),
  };
}

/**
 * The secrets or the policy arrived after the agent began editing: each secret the agent has not typed into yet takes
 * its stored value (it was shown empty while unknown), and the fields the policy sets take its values (they are
 * locked, so what was typed there could never be saved). Every other edit stays.
 */
function withLateArrivals(
  form: FormState,
  incoming: Escalation,
  arrived: { secrets: boolean; policy: ManagedPolicy | null },
): Draft {
  let { escalation, vip } = form.draft;
  if (arrived.secrets) {
    const untouched = (value: string, loaded: string) => value === loaded;
    escalation = mergeSettings(escalation, {
      webhook: untouched(escalation.webhook.url, form.loadedFrom.webhook.url) ? { url: incoming.webhook.url } : {},
      freshdesk: untouched(escalation.freshdesk.apiKey, form.loadedFrom.freshdesk.apiKey)
        ? { apiKey: incoming.freshdesk.apiKey }
        : {},
    });
  }
  const byPolicy = arrived.policy?.settings.escalation;
  if (byPolicy) {
    escalation = mergeSettings(escalation, byPolicy);
    if (byPolicy.rules?.vipCustomers) vip = escalation.rules.vipCustomers.join('\n');
  }
  return { ...form.draft, escalation, vip };
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
  for (const key of escalationRuleKeys) {
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

const zendeskPriorities = [
  { value: 'high', label: 'escalationSettings.high' },
  { value: 'urgent', label: 'escalationSettings.urgent' },
] as const;

const freshdeskPriorities = [
  { value: '2', label: 'escalationSettings.medium' },
  { value: '3', label: 'escalationSettings.high' },
  { value: '4', label: 'escalationSettings.urgent' },
] as const;
const freshdeskPriorityOf = { '2': 2, '3': 3, '4': 4 } as const;
const freshdeskPriorityValue = { 2: '2', 3: '3', 4: '4' } as const;

/**
 * The options page's escalation section: rule thresholds and switches, VIP list, destinations (team lead email,
 * webhook with payload template, preview and masking, clipboard), Zendesk and Freshdesk actions, and auto-escalation
 * for team leads. Fields the administrator's policy sets are shown read-only. The settings are loaded into the form
 * when they arrive and again whenever they change while the form has no unsaved edits — never over the agent's edits.
 */
export function EscalationSettings() {
  const { t } = useI18n();
  // Read apart rather than through `useEffectiveSettings`, which waits for all three: the policy read
  // (`storage.managed`) took 3–4 s on a fresh Chrome profile and over 30 s on a loaded machine, while the stored
  // settings take milliseconds. The form shows with what is known and takes the rest in as it arrives.
  const stored = useSettings();
  const secrets = useEscalationSecrets();
  const managed = useManagedPolicy();
  // A policy that cannot be read (an error, not "unmanaged") leaves the agent's settings editable, as escalation
  // then runs with them; unreadable secrets (a database error) leave the webhook and Freshdesk unset.
  const policyKnown = managed.data !== undefined || managed.isError;
  const secretsKnown = secrets.data !== undefined || secrets.isError;
  const policy = managed.data ?? emptyManagedPolicy;
  // `own`: the agent's settings with their secrets (from IndexedDB, never storage.local), without the policy; its
  // secret fields stay empty until the secrets are read.
  const own = useMemo(
    () =>
      stored.data && secretsKnown
        ? withEscalationSecrets(stored.data, secrets.data ?? escalationSecretsOf(stored.data))
        : stored.data,
    [stored.data, secretsKnown, secrets.data],
  );
  const incoming = useMemo(() => (own ? applyManagedPolicy(own, policy).escalation : undefined), [own, policy]);
  const update = useSaveEscalationSettings();
  const requestPermission = useRequestHostPermission();
  const [form, setForm] = useState<FormState | null>(null);
  const [permissionNote, setPermissionNote] = useState('');
  const [saved, setSaved] = useState(false);
  const section = useRef<HTMLElement>(null);
  const highlight = useRef<string[]>(
    location.hash.startsWith('#escalation=') ? decodeURIComponent(location.hash.slice(12)).split(',') : [],
  );

  // Adjusting state while rendering (React's pattern for state derived from props) rather than in an effect: the
  // form shows the settings on the first render that has them, and a reload never lands after an edit began.
  if (incoming && (form === null || form.loadedFrom !== incoming)) {
    if (form === null || !form.dirty) {
      setForm({
        draft: toDraft(incoming),
        dirty: false,
        loadedFrom: incoming,
        withSecrets: secretsKnown,
        withPolicy: policyKnown,
      });
    } else if ((secretsKnown && !form.withSecrets) || (policyKnown && !form.withPolicy)) {
      const arrived = {
        secrets: secretsKnown && !form.withSecrets,
        policy: policyKnown && !form.withPolicy ? policy : null,
      };
      setForm({
        draft: withLateArrivals(form, incoming, arrived),
        dirty: true,
        loadedFrom: incoming,
        withSecrets: secretsKnown,
        withPolicy: policyKnown,
      });
    }
  }

  const loaded = form !== null;
  useEffect(() => {
    // Opened from the panel's "what to set" button: bring the section into view once it has rendered.
    if (loaded && location.hash.startsWith('#escalation')) section.current?.scrollIntoView({ block: 'start' });
  }, [loaded]);

  if (!form || !own) return null;
  // Saving before the stored secrets are known would write the empty fields over them.
  const canSave = form.withSecrets && !update.isPending;
  const { draft } = form;
  const locked = (path: ManagedSettingPath) => isSettingLocked(policy, path);
  const esc = draft.escalation;
  const edit = (change: (current: Draft) => Draft) => {
    setSaved(false);
    setForm((current) => (current ? { ...current, draft: change(current.draft), dirty: true } : current));
  };
  const set = (change: (current: Escalation) => Escalation) =>
    edit((current) => ({ ...current, escalation: change(current.escalation) }));
  const isHighlighted = (field: string) => highlight.current.includes(field);

  const webhookUrl = esc.webhook.url.trim();
  const webhookProblem = webhookUrl ? webhookUrlProblem(webhookUrl) : null;
  const webhookError =
    webhookProblem === 'credentials'
      ? t('escalationSettings.webhookCredentials')
      : webhookProblem
        ? t('escalationSettings.badWebhook')
        : '';
  const emailError =
    esc.teamLeadEmail.trim() && !isTeamLeadAddress(esc.teamLeadEmail.trim()) ? t('escalationSettings.badEmail') : '';

  const save = () => {
    if (webhookError || emailError || !form.withSecrets) return;
    const next = withoutLocked(fromDraft(draft), own.escalation, locked);
    // The prompt for a new webhook host must come straight from the click; declared hosts need none.
    if (next.webhook.url && next.webhook.url !== own.escalation.webhook.url && !isDeclaredHost(next.webhook.url)) {
      const pattern = originPattern(next.webhook.url);
      void requestPermission(next.webhook.url).then((granted) => {
        setPermissionNote(
          granted || !pattern ? '' : t('escalationSettings.permissionDenied', { host: new URL(next.webhook.url).host }),
        );
      });
    } else {
      setPermissionNote('');
    }
    update.mutate(next, {
      onSuccess: () => {
        setSaved(true);
        // Saved: the stored settings are the form's again, so later changes may load.
        setForm((current) => (current ? { ...current, dirty: false } : current));
      },
    });
  };

  return (
    <section className="card escalation-settings" id="escalation" ref={section} aria-labelledby="escalation-heading">
      <h2 id="escalation-heading">{t('escalationSettings.title')}</h2>
      <p className="help">{t('escalationSettings.help')}</p>
      {form.withPolicy ? null : (
        <p className="small muted" data-testid="escalation-policy-pending">
          {t('escalationSettings.policyPending')}
        </p>
      )}
      {policy.problems.length > 0 ? (
        <p className="small field-error">
          {t('escalationSettings.problems', {
            list: policy.problems.map((problem) => `${problem.key} (${problem.reason})`).join('; '),
          })}
        </p>
      ) : null}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <EscalationRulesFieldset
          rules={esc.rules}
          vip={draft.vip}
          isLocked={(key) => locked(`escalation.rules.${key}`)}
          onRule={(key, value) => set((current) => ({ ...current, rules: { ...current.rules, [key]: value } }))}
          onVip={(vip) => edit((current) => ({ ...current, vip }))}
        />

        <EscalationDestinationFieldset
          escalation={esc}
          isLocked={(field) => locked(`escalation.${field}`)}
          isHighlighted={isHighlighted}
          emailError={emailError}
          webhookError={webhookError}
          permissionNote={permissionNote}
          onChange={set}
        />

        <EscalationHelpdeskFieldset
          legend="escalationSettings.zendesk"
          priority={{
            label: 'escalationSettings.zendeskPriority',
            value: esc.zendesk.priority,
            options: zendeskPriorities,
          }}
          groupId={esc.zendesk.groupId}
          tags={draft.zendeskTags}
          note={{ label: 'escalationSettings.internalNote', checked: esc.zendesk.addInternalNote }}
          onChange={(change) =>
            edit((current) => ({
              ...current,
              zendeskTags: change.tags ?? current.zendeskTags,
              escalation: {
                ...current.escalation,
                zendesk: {
                  ...current.escalation.zendesk,
                  priority: change.priority ?? current.escalation.zendesk.priority,
                  groupId: change.groupId ?? current.escalation.zendesk.groupId,
                  addInternalNote: change.note ?? current.escalation.zendesk.addInternalNote,
                },
              },
            }))
          }
        />

        <EscalationHelpdeskFieldset
          legend="escalationSettings.freshdesk"
          account={
            <>
              <EscalationField label="escalationSettings.freshdeskDomain" highlight={isHighlighted('freshdesk.domain')}>
                <input
                  type="text"
                  value={esc.freshdesk.domain}
                  onChange={(event) => {
                    const domain = event.target.value;
                    set((current) => ({ ...current, freshdesk: { ...current.freshdesk, domain } }));
                  }}
                />
              </EscalationField>
              <EscalationField label="escalationSettings.freshdeskKey" highlight={isHighlighted('freshdesk.apiKey')}>
                <input
                  type="password"
                  autoComplete="off"
                  value={esc.freshdesk.apiKey}
                  onChange={(event) => {
                    const apiKey = event.target.value;
                    set((current) => ({ ...current, freshdesk: { ...current.freshdesk, apiKey } }));
                  }}
                />
              </EscalationField>
            </>
          }
          priority={{
            label: 'escalationSettings.freshdeskPriority',
            value: freshdeskPriorityValue[esc.freshdesk.priority],
            options: freshdeskPriorities,
          }}
          groupId={esc.freshdesk.groupId}
          tags={draft.freshdeskTags}
          note={{ label: 'escalationSettings.privateNote', checked: esc.freshdesk.addPrivateNote }}
          onChange={(change) =>
            edit((current) => ({
              ...current,
              freshdeskTags: change.tags ?? current.freshdeskTags,
              escalation: {
                ...current.escalation,
                freshdesk: {
                  ...current.escalation.freshdesk,
                  priority: change.priority
                    ? freshdeskPriorityOf[change.priority]
                    : current.escalation.freshdesk.priority,
                  groupId: change.groupId ?? current.escalation.freshdesk.groupId,
                  addPrivateNote: change.note ?? current.escalation.freshdesk.addPrivateNote,
                },
              },
            }))
          }
        />

        <EscalationFieldset legend="escalationSettings.teamLead" className="team-lead">
          <EscalationCheck
            label="escalationSettings.autoEscalate"
            testId="auto-escalate"
            checked={esc.autoEscalate}
            locked={locked('escalation.autoEscalate')}
            onChange={(autoEscalate) => set((current) => ({ ...current, autoEscalate }))}
          />
          <p className="small muted">{t('escalationSettings.autoHelp')}</p>
        </EscalationFieldset>

        <div className="actions">
          <button type="submit" className="primary" data-testid="save-escalation" disabled={!canSave}>
            {t('escalationSettings.save')}
          </button>
          <UnsavedMarker dirty={form.dirty} />
          {saved ? (
            <span className="saved" role="status">
              {t('escalationSettings.saved')}
            </span>
          ) : null}
        </div>
      </form>
    </section>
  );
}
