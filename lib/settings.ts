import { storage } from 'wxt/utils/storage';
// zod/mini: the content script reads settings too, and its bundle has a size budget (see lib/messaging.ts).
import { z } from 'zod/mini';
import { defaultEscalationRules } from './escalation/default-rules';
import type { SiteId } from './sites/types';

const uiLanguageSchema = z.enum(['auto', 'en', 'de']);
export type UiLanguage = z.infer<typeof uiLanguageSchema>;
const germanFormalitySchema = z.enum(['sie', 'du']);
export type GermanFormality = z.infer<typeof germanFormalitySchema>;

/** Escalation actions a team can turn on; each is configured below. */
export interface EscalationSettings {
  /** Rule thresholds (0…1 probabilities unless noted). */
  rules: {
    angerThreshold: number;
    frustrationThreshold: number;
    /** Escalate on a worsening trajectory over the last N customer messages. */
    worseningWindow: number;
    abusive: boolean;
    legalThreats: boolean;
    chargebackThreats: boolean;
    cancellationThreats: boolean;
    criticalUrgency: boolean;
    /** Customer messages without an agent answer in between that count as repeated contact. */
    repeatedContactCount: number;
    /** Customer emails or domains treated as VIP. */
    vipCustomers: string[];
  };
  /** Escalate without a click when the rules fire (team leads only; off by default). */
  autoEscalate: boolean;
  teamLeadEmail: string;
  /** Days escalation records (with their unmasked summary) are kept; 0 keeps them until deleted (issue 20). */
  recordRetentionDays: number;
  /**
   * `url` (and `freshdesk.apiKey` below) are secrets: never stored in `storage.local`, where content scripts can read
   * and write them, but in the extension's IndexedDB (lib/escalation/secrets.ts). `getSettings` returns them empty;
   * the escalation hooks fill them in (`useEffectiveSettings`).
   */
  webhook: { url: string; payloadTemplate: string; maskPersonalData: boolean };
  copyToClipboard: boolean;
  zendesk: { priority: 'high' | 'urgent'; tags: string[]; groupId: string; addInternalNote: boolean };
  freshdesk: {
    domain: string;
    apiKey: string;
    priority: 2 | 3 | 4;
    groupId: string;
    tags: string[];
    addPrivateNote: boolean;
  };
}

/**
 * How the panel drafts replies: `auto` = the on-device model when WebGPU, memory and the agent's download consent
 * allow, else templates (the panel says why); `templates` = team templates only; `demo` = scripted drafts without a
 * model, labelled as such (demos, tests, machines without WebGPU).
 */
const replyEngineChoiceSchema = z.enum(['auto', 'templates', 'demo']);
export type ReplyEngineChoice = z.infer<typeof replyEngineChoiceSchema>;

export interface ReplySettings {
  engine: ReplyEngineChoice;
  /** The German form of address: fixed by the team, or the form used when the conversation shows none. */
  germanFormality: GermanFormality;
  /**
   * `conversation`: du/Sie as the conversation shows it (the team's earlier replies, else the customer's own form),
   * `germanFormality` when it shows neither; `fixed`: always `germanFormality`. Settings stored before this field
   * existed read as `conversation`, which is what the panel's "like the conversation" always promised.
   */
  germanFormalityMode: 'conversation' | 'fixed';
  brandVoice: string;
  /** What the team allows to be offered (refunds, vouchers…); drafts never promise anything not covered here. */
  policyText: string;
  /** web-llm model id chosen by the agent, or '' for the recommended default. */
  llmModelId: string;
  /** Where web-llm weights and model libraries come from ('' = web-llm's standard hosts). */
  llmWeightsHost: string;
  llmLibHost: string;
  /** Agent agreed to download the chosen model (size was shown). */
  llmDownloadApproved: boolean;
}

export interface MoodModelSettings {
  /** 'bundled' or a Hugging Face model id (or custom id) for the larger opt-in model. */
  modelId: string;
  /** Self-hosted mirror replacing https://huggingface.co for companies that block the Hub ('' = the Hub). */
  mirrorUrl: string;
  /** Languages the team's customers write in (ISO 639-1), for the model recommendation; [] = the UI language. */
  teamLanguages: string[];
}

export interface Settings {
  language: UiLanguage;
  agent: { name: string; emails: string[]; names: string[] };
  /** Per-site switch, keyed by site id for known sites and by origin for other pages. Missing = on. */
  sites: Partial<Record<SiteId, boolean>> & Record<string, boolean | undefined>;
  /** Origins where the agent dismissed the in-page badge. */
  badgeDismissed: string[];
  /**
   * "Expand snippets in reply boxes", per site: keyed like `sites`, with `generic` standing for every page read by
   * structure. Missing = off: typing in a page is only ever changed where the agent asked for it.
   */
  snippetSites: Record<string, boolean | undefined>;
  /** Team pack subscriptions (https URLs; http only for localhost). */
  packUrls: string[];
  replies: ReplySettings;
  escalation: EscalationSettings;
  mood: MoodModelSettings;
  /**
   * The agent finished or skipped the welcome in the settings page (issue 22); until then the panel shows a one-line
   * hint to it. Settings stored by a version before the welcome read as done (see `parseSettings`).
   */
  firstRunDone: boolean;
  /** The panel's shortcut hint was seen: the shortcut was used once, or the agent dismissed the hint. */
  shortcutHintSeen: boolean;
}

export const defaultSettings: Settings = {
  language: 'auto',
  agent: { name: '', emails: [], names: [] },
  sites: {},
  badgeDismissed: [],
  snippetSites: {},
  packUrls: [],
  replies: {
    engine: 'auto',
    germanFormality: 'sie',
    germanFormalityMode: 'conversation',
    brandVoice: '',
    policyText: '',
    llmModelId: '',
    llmWeightsHost: '',
    llmLibHost: '',
    llmDownloadApproved: false,
  },
  escalation: {
    rules: defaultEscalationRules,
    autoEscalate: false,
    teamLeadEmail: '',
    recordRetentionDays: 90,
    webhook: { url: '', payloadTemplate: '', maskPersonalData: true },
    copyToClipboard: true,
    zendesk: { priority: 'urgent', tags: ['rapport-escalated'], groupId: '', addInternalNote: true },
    freshdesk: { domain: '', apiKey: '', priority: 4, groupId: '', tags: ['rapport-escalated'], addPrivateNote: true },
  },
  mood: { modelId: 'bundled', mirrorUrl: '', teamLanguages: [] },
  firstRunDone: false,
  shortcutHintSeen: false,
};

/** `schema`, or a fresh copy of `fallback` when the stored value is missing or fails it. */
function orDefault<T extends z.ZodMiniType>(schema: T, fallback: z.output<T>) {
  return z.catch(schema, () => structuredClone(fallback));
}

/** A section of settings: each field falls back on its own; a missing or non-object section reads as its defaults. */
function section<S extends z.core.$ZodLooseShape>(shape: S) {
  const object = z.object(shape);
  return z.catch(object, () => object.parse({}));
}

/** A list of strings: entries that are not strings are dropped, a value that is no list reads as `fallback`. */
function stringList(fallback: string[]) {
  // Filtering in the fallback rather than with a transform: the content script's bundle stays smaller (1.3 kB).
  return z.catch(z.array(z.string()), ({ value }) =>
    Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : structuredClone(fallback),
  );
}

/** On/off switches by key: an entry that is not a boolean is dropped (reads as never switched). */
const switches = orDefault(z.record(z.string(), z.catch(z.optional(z.boolean()), undefined)), {});

const probability = z.number().check(z.gte(0), z.lte(1));
const nonNegativeInt = z.int().check(z.nonnegative());
const defaults = defaultSettings;
const defaultRules = defaults.escalation.rules;

/**
 * What a read of `storage.local` is parsed with. Stored settings come from older versions (fields missing or since
 * renamed), from a hand-edited profile, or from a content script in a compromised page (it can write
 * `storage.local`): every field is checked on its own, a valid one is kept, a missing or invalid one reads as its
 * default, and unknown fields are dropped. Parsing never throws.
 *
 * `satisfies` keeps it in step with `Settings`: every field there is required, so a field missing here fails to
 * compile (an optional one could be dropped silently, which is how the conversation schema once lost a field).
 */
export const settingsSchema = section({
  language: orDefault(uiLanguageSchema, defaults.language),
  agent: section({
    name: orDefault(z.string(), defaults.agent.name),
    emails: stringList(defaults.agent.emails),
    names: stringList(defaults.agent.names),
  }),
  sites: switches,
  badgeDismissed: stringList(defaults.badgeDismissed),
  snippetSites: switches,
  packUrls: stringList(defaults.packUrls),
  replies: section({
    engine: orDefault(replyEngineChoiceSchema, defaults.replies.engine),
    germanFormality: orDefault(germanFormalitySchema, defaults.replies.germanFormality),
    germanFormalityMode: orDefault(z.enum(['conversation', 'fixed']), defaults.replies.germanFormalityMode),
    brandVoice: orDefault(z.string(), defaults.replies.brandVoice),
    policyText: orDefault(z.string(), defaults.replies.policyText),
    llmModelId: orDefault(z.string(), defaults.replies.llmModelId),
    llmWeightsHost: orDefault(z.string(), defaults.replies.llmWeightsHost),
    llmLibHost: orDefault(z.string(), defaults.replies.llmLibHost),
    llmDownloadApproved: orDefault(z.boolean(), defaults.replies.llmDownloadApproved),
  }),
  escalation: section({
    rules: section({
      angerThreshold: orDefault(probability, defaultRules.angerThreshold),
      frustrationThreshold: orDefault(probability, defaultRules.frustrationThreshold),
      worseningWindow: orDefault(nonNegativeInt, defaultRules.worseningWindow),
      abusive: orDefault(z.boolean(), defaultRules.abusive),
      legalThreats: orDefault(z.boolean(), defaultRules.legalThreats),
      chargebackThreats: orDefault(z.boolean(), defaultRules.chargebackThreats),
      cancellationThreats: orDefault(z.boolean(), defaultRules.cancellationThreats),
      criticalUrgency: orDefault(z.boolean(), defaultRules.criticalUrgency),
      repeatedContactCount: orDefault(nonNegativeInt, defaultRules.repeatedContactCount),
      vipCustomers: stringList(defaultRules.vipCustomers),
    }),
    autoEscalate: orDefault(z.boolean(), defaults.escalation.autoEscalate),
    teamLeadEmail: orDefault(z.string(), defaults.escalation.teamLeadEmail),
    recordRetentionDays: orDefault(nonNegativeInt, defaults.escalation.recordRetentionDays),
    webhook: section({
      url: orDefault(z.string(), defaults.escalation.webhook.url),
      payloadTemplate: orDefault(z.string(), defaults.escalation.webhook.payloadTemplate),
      maskPersonalData: orDefault(z.boolean(), defaults.escalation.webhook.maskPersonalData),
    }),
    copyToClipboard: orDefault(z.boolean(), defaults.escalation.copyToClipboard),
    zendesk: section({
      priority: orDefault(z.enum(['high', 'urgent']), defaults.escalation.zendesk.priority),
      tags: stringList(defaults.escalation.zendesk.tags),
      groupId: orDefault(z.string(), defaults.escalation.zendesk.groupId),
      addInternalNote: orDefault(z.boolean(), defaults.escalation.zendesk.addInternalNote),
    }),
    freshdesk: section({
      domain: orDefault(z.string(), defaults.escalation.freshdesk.domain),
      apiKey: orDefault(z.string(), defaults.escalation.freshdesk.apiKey),
      priority: orDefault(z.literal([2, 3, 4]), defaults.escalation.freshdesk.priority),
      groupId: orDefault(z.string(), defaults.escalation.freshdesk.groupId),
      tags: stringList(defaults.escalation.freshdesk.tags),
      addPrivateNote: orDefault(z.boolean(), defaults.escalation.freshdesk.addPrivateNote),
    }),
  }),
  mood: section({
    modelId: orDefault(z.string(), defaults.mood.modelId),
    mirrorUrl: orDefault(z.string(), defaults.mood.mirrorUrl),
    teamLanguages: stringList(defaults.mood.teamLanguages),
  }),
  firstRunDone: orDefault(z.boolean(), defaults.firstRunDone),
  shortcutHintSeen: orDefault(z.boolean(), defaults.shortcutHintSeen),
}) satisfies z.ZodMiniType<Settings>;

/** Stored settings as the rest of the extension may use them: see `settingsSchema`. Never throws. */
export function parseSettings(stored: unknown): Settings {
  const settings = settingsSchema.parse(stored);
  // Settings stored before the welcome existed (issue 22) belong to an agent already at work: an update must not greet
  // them as new. Every write stores the whole object, so a fresh install's first write keeps `firstRunDone: false`.
  if (isPlainObject(stored) && !('firstRunDone' in stored)) return { ...settings, firstRunDone: true };
  return settings;
}

/**
 * The agent's settings, synced to `storage.local` (not sync: API keys and addresses stay on this device). Its value is
 * what was stored, unchecked: read settings with `getSettings` (parsed with `settingsSchema`), watch the item only to
 * learn that they changed.
 */
export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: defaultSettings,
  version: 1,
});

type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K];
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep-merges `patch` over `base`; arrays and primitives replace, objects merge. */
export function mergeSettings<T>(base: T, patch: DeepPartial<T>): T {
  if (!isPlainObject(base) || !isPlainObject(patch)) return base;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? mergeSettings(current, value) : value;
  }
  return out as T;
}

/**
 * `settings` with the secret fields emptied (issue 20). Applied on every read and write of `storage.local`: a value
 * found there was put there by an older version (lib/escalation/secrets.ts moves it out) or by a content script in a
 * compromised page, and is never used.
 */
export function withoutSecrets(settings: Settings): Settings {
  const { escalation } = settings;
  if (escalation.webhook.url === '' && escalation.freshdesk.apiKey === '') return settings;
  return {
    ...settings,
    escalation: {
      ...escalation,
      webhook: { ...escalation.webhook, url: '' },
      freshdesk: { ...escalation.freshdesk, apiKey: '' },
    },
  };
}

/**
 * Reads settings, filling fields added since they were stored (and fields stored invalid) from the defaults.
 * Secrets read empty.
 */
export async function getSettings(): Promise<Settings> {
  return withoutSecrets(parseSettings(await settingsItem.getValue()));
}

/**
 * Applies a partial change to the stored settings and returns the result. Secrets in `patch` are dropped: they are
 * saved with `saveEscalationSecrets` (lib/escalation/secrets.ts).
 */
export async function updateSettings(patch: DeepPartial<Settings>): Promise<Settings> {
  const stored = parseSettings(await settingsItem.getValue());
  const next = withoutSecrets(mergeSettings(stored, patch));
  // What an older version left in `storage.local` stays as it was (unused) until the background moves it out: a
  // write from a page that runs first (a content script's badge dismissal) must not destroy the agent's only copy.
  const { webhook, freshdesk } = stored.escalation;
  await settingsItem.setValue(
    mergeSettings(next, { escalation: { webhook: { url: webhook.url }, freshdesk: { apiKey: freshdesk.apiKey } } }),
  );
  return next;
}

/**
 * Records that the agent used the panel shortcut, so the panel stops showing how to press it. Called after the toggle
 * (a toggle must not wait on storage: browsers open panels only straight from the agent's action); writes only once.
 */
export async function markShortcutHintSeen(): Promise<void> {
  if ((await getSettings()).shortcutHintSeen) return;
  await updateSettings({ shortcutHintSeen: true });
}

/**
 * Whether typed shortcuts expand on a site (known site id) or origin; for pages read by structure (`generic`), the
 * "other pages" switch covers every origin unless the agent switched that origin off.
 */
export function isSnippetsEnabled(settings: Settings, key: string, generic = false): boolean {
  const own = settings.snippetSites[key];
  if (own !== undefined) return own;
  return generic && settings.snippetSites.generic === true;
}

/** Whether Rapport is switched on for a site (known site id) or origin (other pages). */
export function isSiteEnabled(settings: Settings, key: string): boolean {
  return settings.sites[key] !== false;
}
