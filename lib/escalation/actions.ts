/**
 * The escalation actions, one entry each: when an escalation runs it, what it lacks before it can reach anyone, how
 * the panel names it, and how it runs. `escalate`, the panel's Escalate card and the settings read this registry; a
 * new action is one entry here (and its name in `actionNames`), not a case in several switches.
 */
import { createTranslator } from '../i18n';
import type { EscalationSettings } from '../settings';
import type { SiteId } from '../sites/types';
import { runClipboardAction } from './clipboard';
import { isTeamLeadAddress, runEmailAction } from './email';
import { runFreshdeskAction } from './freshdesk';
import { noteRefOf, withNoteRef } from './note-ref';
import type { RetryContext } from './records';
import { renderHandoffText } from './summary';
import { type ActionName, type ActionResult, actionNames, type FetchLike } from './types';
import { runWebhookAction, type WebhookActionDeps, webhookUrlProblem } from './webhook';
import { runZendeskAction, type ZendeskActionInput } from './zendesk';

/** What the actions need from where the escalation runs. */
export interface ActionDeps {
  /** Used by the webhook and Freshdesk actions (an extension context with host permissions). */
  fetch: FetchLike;
  /**
   * Runs the Zendesk action where the agent's Zendesk session is: the ticket tab's content script, reached by a
   * message. Without it the action runs here with `fetch` and `document`, which is right only inside the Zendesk page.
   */
  runZendesk?: (input: ZendeskActionInput) => Promise<ActionResult>;
  document?: Document;
  zendeskBaseUrl?: string;
  freshdeskBaseUrl?: string;
  /** Timeouts and backoff of the webhook (tests shorten them). */
  webhook?: Omit<WebhookActionDeps, 'fetch'>;
}

/** One run of one action: what the record keeps (summary, language, ticket ids, idempotency key) and the settings. */
export interface ActionRunContext {
  retry: RetryContext;
  settings: EscalationSettings;
  deps: ActionDeps;
}

/** A settings path under `settings.escalation` that the options page can highlight. */
export type ActionSettingField =
  | 'teamLeadEmail'
  | 'webhook.url'
  | 'freshdesk.domain'
  | 'freshdesk.apiKey'
  | 'copyToClipboard';

/** Why an action cannot reach anyone with the current settings. */
export type ActionProblemCode =
  | 'webhook-url-missing'
  | 'webhook-url-invalid'
  | 'webhook-url-credentials'
  | 'email-missing'
  | 'email-invalid'
  | 'freshdesk-domain-missing'
  | 'freshdesk-api-key-missing'
  | 'clipboard-off';

export interface ActionProblem {
  code: ActionProblemCode;
  field: ActionSettingField;
}

/** How the panel names an action before it runs: a catalogue key (`lib/strings/escalation-actions.ts`) and its values. */
export type ActionDescription =
  | { key: 'escalationActions.zendesk' | 'escalationActions.zendesk.withNote'; params: { priority: string } }
  | { key: 'escalationActions.freshdesk' | 'escalationActions.freshdesk.withNote'; params: Record<string, never> }
  | { key: 'escalationActions.webhook'; params: { host: string } }
  | { key: 'escalationActions.email'; params: { to: string } }
  | { key: 'escalationActions.clipboard'; params: Record<string, never> };

export interface EscalationAction {
  name: ActionName;
  /** Whether it brings the escalation to a person (a team lead, a helpdesk queue) rather than only to the agent. */
  reachesTeamLead: boolean;
  /** Whether an escalation of a conversation on `site` runs it with these settings. */
  isPlanned(site: SiteId, settings: EscalationSettings): boolean;
  /**
   * What is not configured for it to work, as codes with the field to fix; empty when it can run. An action whose
   * setting is present but invalid is still planned, so its result tells the agent what to fix.
   */
  missing(settings: EscalationSettings): ActionProblem[];
  /** The settings fields that configure it, in the order the options page shows them. */
  fields: readonly ActionSettingField[];
  describe(settings: EscalationSettings): ActionDescription;
  /** Runs it once. Never throws: every failure is a result (escalate also guards against a throwing dependency). */
  run(context: ActionRunContext): Promise<ActionResult>;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    // An invalid URL still runs (and fails with what to fix); show it as typed meanwhile.
    return url;
  }
}

function noteOf(context: ActionRunContext, addNote: boolean): { note: string; noteRef: string } {
  // The same reference on every attempt: the helpdesk actions look for it before posting their note again.
  const noteRef = noteRefOf(context.retry.idempotencyKey);
  return { note: addNote ? withNoteRef(renderHandoffText(context.retry.summary), noteRef) : '', noteRef };
}

function noTicket(action: ActionName, site: string, context: ActionRunContext): ActionResult {
  const detail = createTranslator(context.retry.lang)('escalationActions.result.noTicket', { site });
  return { action, ok: false, detail, retryable: false };
}

const zendesk: EscalationAction = {
  name: 'zendesk',
  reachesTeamLead: true,
  // Through the agent's own Zendesk session, so nothing needs configuring.
  isPlanned: (site) => site === 'zendesk',
  missing: () => [],
  fields: [],
  describe: (settings) => ({
    key: settings.zendesk.addInternalNote ? 'escalationActions.zendesk.withNote' : 'escalationActions.zendesk',
    params: { priority: settings.zendesk.priority },
  }),
  async run(context) {
    const { retry, settings, deps } = context;
    if (!retry.zendeskTicketId) return noTicket('zendesk', 'Zendesk', context);
    const input: ZendeskActionInput = {
      ticketId: retry.zendeskTicketId,
      priority: settings.zendesk.priority,
      tags: settings.zendesk.tags,
      groupId: settings.zendesk.groupId,
      ...noteOf(context, settings.zendesk.addInternalNote),
      lang: retry.lang,
    };
    if (deps.runZendesk) return await deps.runZendesk(input);
    if (!deps.document) return noTicket('zendesk', 'Zendesk', context);
    const zendeskDeps = { fetch: deps.fetch, document: deps.document };
    return await runZendeskAction(
      input,
      deps.zendeskBaseUrl ? { ...zendeskDeps, baseUrl: deps.zendeskBaseUrl } : zendeskDeps,
    );
  },
};

function freshdeskProblems(settings: EscalationSettings): ActionProblem[] {
  const problems: ActionProblem[] = [];
  if (settings.freshdesk.domain.trim() === '')
    problems.push({ code: 'freshdesk-domain-missing', field: 'freshdesk.domain' });
  if (settings.freshdesk.apiKey.trim() === '')
    problems.push({ code: 'freshdesk-api-key-missing', field: 'freshdesk.apiKey' });
  return problems;
}

const freshdesk: EscalationAction = {
  name: 'freshdesk',
  reachesTeamLead: true,
  isPlanned: (site, settings) => site === 'freshdesk' && freshdeskProblems(settings).length === 0,
  missing: freshdeskProblems,
  fields: ['freshdesk.domain', 'freshdesk.apiKey'],
  describe: (settings) => ({
    key: settings.freshdesk.addPrivateNote ? 'escalationActions.freshdesk.withNote' : 'escalationActions.freshdesk',
    params: {},
  }),
  async run(context) {
    const { retry, settings, deps } = context;
    if (!retry.freshdeskTicketId) return noTicket('freshdesk', 'Freshdesk', context);
    const freshdeskDeps = deps.freshdeskBaseUrl
      ? { fetch: deps.fetch, baseUrl: deps.freshdeskBaseUrl }
      : { fetch: deps.fetch };
    return await runFreshdeskAction(
      {
        ticketId: retry.freshdeskTicketId,
        domain: settings.freshdesk.domain,
        apiKey: settings.freshdesk.apiKey,
        priority: settings.freshdesk.priority,
        groupId: settings.freshdesk.groupId,
        tags: settings.freshdesk.tags,
        ...noteOf(context, settings.freshdesk.addPrivateNote),
        lang: retry.lang,
      },
      freshdeskDeps,
    );
  },
};

const webhook: EscalationAction = {
  name: 'webhook',
  reachesTeamLead: true,
  isPlanned: (_site, settings) => settings.webhook.url.trim() !== '',
  missing(settings) {
    const url = settings.webhook.url.trim();
    if (url === '') return [{ code: 'webhook-url-missing', field: 'webhook.url' }];
    const problem = webhookUrlProblem(url);
    if (problem === null) return [];
    return [
      { code: problem === 'credentials' ? 'webhook-url-credentials' : 'webhook-url-invalid', field: 'webhook.url' },
    ];
  },
  fields: ['webhook.url'],
  describe: (settings) => ({ key: 'escalationActions.webhook', params: { host: hostOf(settings.webhook.url.trim()) } }),
  async run({ retry, settings, deps }) {
    return await runWebhookAction(
      {
        url: settings.webhook.url.trim(),
        payloadTemplate: settings.webhook.payloadTemplate,
        summary: retry.summary,
        maskPersonalData: settings.webhook.maskPersonalData,
        idempotencyKey: retry.idempotencyKey,
        lang: retry.lang,
      },
      { ...deps.webhook, fetch: deps.fetch },
    );
  },
};

const email: EscalationAction = {
  name: 'email',
  reachesTeamLead: true,
  isPlanned: (_site, settings) => settings.teamLeadEmail.trim() !== '',
  missing(settings) {
    const address = settings.teamLeadEmail.trim();
    if (address === '') return [{ code: 'email-missing', field: 'teamLeadEmail' }];
    return isTeamLeadAddress(address) ? [] : [{ code: 'email-invalid', field: 'teamLeadEmail' }];
  },
  fields: ['teamLeadEmail'],
  describe: (settings) => ({ key: 'escalationActions.email', params: { to: settings.teamLeadEmail.trim() } }),
  async run({ retry, settings }) {
    return await runEmailAction({
      to: settings.teamLeadEmail,
      summary: retry.summary,
      lang: retry.lang,
      pageUrl: retry.summary.link,
    });
  },
};

const clipboard: EscalationAction = {
  name: 'clipboard',
  // The summary lands on the agent's own clipboard: copied, the escalation has still reached nobody.
  reachesTeamLead: false,
  isPlanned: (_site, settings) => settings.copyToClipboard,
  missing: (settings) => (settings.copyToClipboard ? [] : [{ code: 'clipboard-off', field: 'copyToClipboard' }]),
  fields: ['copyToClipboard'],
  describe: () => ({ key: 'escalationActions.clipboard', params: {} }),
  async run({ retry }) {
    return await runClipboardAction({ summary: retry.summary, lang: retry.lang });
  },
};

/** Every action, by name; the type makes a new `ActionName` without an entry a compile error. */
export const actionRegistry: { readonly [Name in ActionName]: EscalationAction } = {
  zendesk,
  freshdesk,
  webhook,
  email,
  clipboard,
};

/** The actions in the order an escalation runs and records them (`actionNames`). */
export const escalationActions: readonly EscalationAction[] = actionNames.map((name) => actionRegistry[name]);

/**
 * The actions an escalation runs on a site with these settings: Zendesk through the agent's session on Zendesk,
 * Freshdesk when its API key is set, and on every site the webhook, the email draft and the clipboard as configured.
 */
export function plannedActions(site: SiteId, settings: EscalationSettings): ActionName[] {
  return escalationActions.filter((action) => action.isPlanned(site, settings)).map((action) => action.name);
}

/** Why escalating on a site cannot reach a team lead yet, and which settings fields would fix it. */
export interface SetupProblem {
  /** An action's problem when a destination is set but unusable, else that nothing that reaches a team lead is set. */
  code: ActionProblemCode | 'not-configured' | 'not-configured-freshdesk';
  fields: ActionSettingField[];
}

/**
 * What the agent must set before escalating reaches a team lead on this site, or null when an action that reaches one
 * is ready. A destination set but unusable is named first (webhook before email); otherwise every field that could
 * fix it: the site's helpdesk first, then the team lead email and the webhook, as the options page lists them.
 */
export function setupProblem(site: SiteId, settings: EscalationSettings): SetupProblem | null {
  const destinations = escalationActions.filter((action) => action.reachesTeamLead);
  const ready = destinations.some(
    (action) => action.isPlanned(site, settings) && action.missing(settings).length === 0,
  );
  if (ready) return null;
  for (const action of destinations) {
    const [problem] = action.isPlanned(site, settings) ? action.missing(settings) : [];
    if (problem) return { code: problem.code, fields: [problem.field] };
  }
  const helpdesk = site === 'freshdesk' ? actionRegistry.freshdesk.fields : [];
  // Email above the webhook, as on the options page.
  const fields = [...helpdesk, ...actionRegistry.email.fields, ...actionRegistry.webhook.fields];
  return { code: site === 'freshdesk' ? 'not-configured-freshdesk' : 'not-configured', fields };
}
