import { browser } from 'wxt/browser';
import { z } from 'zod';
import { wholeEmailAddress } from '../../email-address';
import { type EscalationSettings, mergeSettings, type ReplySettings, type Settings } from '../../settings';
import { validatePackUrl } from './pack-url';

/** The part of `browser.storage.managed` this module uses; tests and other callers may pass their own. */
export interface ManagedStorageArea {
  get(keys?: null): Promise<Record<string, unknown>>;
}

/** A settings change in the shape `mergeSettings` takes. */
export type SettingsPatch = Parameters<typeof mergeSettings<Settings>>[1];

/** Settings an administrator can set by policy; once set they are locked in the options page. */
export type ManagedSettingPath =
  | 'escalation.rules.angerThreshold'
  | 'escalation.rules.frustrationThreshold'
  | 'escalation.rules.worseningWindow'
  | 'escalation.rules.abusive'
  | 'escalation.rules.legalThreats'
  | 'escalation.rules.chargebackThreats'
  | 'escalation.rules.cancellationThreats'
  | 'escalation.rules.criticalUrgency'
  | 'escalation.rules.repeatedContactCount'
  | 'escalation.rules.vipCustomers'
  | 'escalation.autoEscalate'
  | 'escalation.teamLeadEmail'
  | 'escalation.webhook.url'
  | 'escalation.webhook.payloadTemplate'
  | 'escalation.webhook.maskPersonalData'
  | 'replies.brandVoice'
  | 'replies.policyText'
  | 'replies.germanFormality';

/** What enterprise policy sets, after validation. */
export interface ManagedPolicy {
  /** Whether any policy was found (false in an unmanaged browser). */
  present: boolean;
  /** Team packs every agent is subscribed to; agents cannot unsubscribe from them. */
  packUrls: string[];
  /** Settings the policy sets, to merge over the agent's own (`applyManagedPolicy`). */
  settings: SettingsPatch;
  /** Settings paths the options page shows read-only ("set by your administrator"). */
  locked: ManagedSettingPath[];
  /** Policy entries that were ignored and why, for the options page and the administrator. */
  problems: { key: string; reason: string }[];
}

/** The policy of an unmanaged browser. */
export const emptyManagedPolicy: ManagedPolicy = {
  present: false,
  packUrls: [],
  settings: {},
  locked: [],
  problems: [],
};

const probability = z.number().min(0).max(1);
const count = z.number().int().min(1).max(50);
// The same pattern as the settings form and the escalation check: a policy must not set an address they reject.
const email = z.email({ pattern: wholeEmailAddress, error: 'not an email address' }).max(320);
const secureUrl = z.string().refine((value) => {
  try {
    validatePackUrl(value);
    return true;
  } catch {
    // A refusal here is the answer (not https), not a failure to report.
    return false;
  }
}, 'must be an https address (http only for localhost)');

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readObject(raw: Record<string, unknown>, key: string, problems: ManagedPolicy['problems']) {
  const value = raw[key];
  if (value === undefined) return undefined;
  if (isRecord(value)) return value;
  problems.push({ key, reason: 'must be an object' });
  return undefined;
}

/**
 * Validates a raw policy object (what `storage.managed.get()` returns). Each entry is checked on its own: a wrong
 * entry is listed in `problems` and ignored, the rest still applies.
 */
export function parseManagedPolicy(raw: Record<string, unknown>): ManagedPolicy {
  const problems: ManagedPolicy['problems'] = [];
  const locked: ManagedSettingPath[] = [];

  function read<T>(source: Record<string, unknown> | undefined, key: string, schema: z.ZodType<T>, path?: string) {
    const value = source?.[key];
    if (value === undefined) return undefined;
    const parsed = schema.safeParse(value);
    const fullKey = path ?? key;
    if (!parsed.success) {
      problems.push({ key: fullKey, reason: parsed.error.issues.map((issue) => issue.message).join('; ') });
      return undefined;
    }
    return parsed.data;
  }

  const packUrls: string[] = [];
  const rawPackUrls = read(raw, 'packUrls', z.array(z.string()));
  rawPackUrls?.forEach((value, index) => {
    try {
      const url = validatePackUrl(value).href;
      if (!packUrls.includes(url)) packUrls.push(url);
    } catch (error) {
      problems.push({ key: `packUrls.${index}`, reason: error instanceof Error ? error.message : String(error) });
    }
  });

  const escalation = readObject(raw, 'escalation', problems);
  const rules: Partial<EscalationSettings['rules']> = {};
  const escalationPatch: Omit<NonNullable<SettingsPatch['escalation']>, 'rules' | 'webhook'> = {};
  const webhook: Partial<EscalationSettings['webhook']> = {};
  const replies: Partial<ReplySettings> = {};

  const set = <T extends object, K extends keyof T>(
    target: T,
    key: K,
    value: T[K] | undefined,
    path: ManagedSettingPath,
  ) => {
    if (value === undefined) return;
    target[key] = value;
    locked.push(path);
  };
  const at = (key: string) => `escalation.${key}`;
  set(
    rules,
    'angerThreshold',
    read(escalation, 'angerThreshold', probability, at('angerThreshold')),
    'escalation.rules.angerThreshold',
  );
  set(
    rules,
    'frustrationThreshold',
    read(escalation, 'frustrationThreshold', probability, at('frustrationThreshold')),
    'escalation.rules.frustrationThreshold',
  );
  set(
    rules,
    'worseningWindow',
    read(escalation, 'worseningWindow', count, at('worseningWindow')),
    'escalation.rules.worseningWindow',
  );
  set(rules, 'abusive', read(escalation, 'abusive', z.boolean(), at('abusive')), 'escalation.rules.abusive');
  set(
    rules,
    'legalThreats',
    read(escalation, 'legalThreats', z.boolean(), at('legalThreats')),
    'escalation.rules.legalThreats',
  );
  set(
    rules,
    'chargebackThreats',
    read(escalation, 'chargebackThreats', z.boolean(), at('chargebackThreats')),
    'escalation.rules.chargebackThreats',
  );
  set(
    rules,
    'cancellationThreats',
    read(escalation, 'cancellationThreats', z.boolean(), at('cancellationThreats')),
    'escalation.rules.cancellationThreats',
  );
  set(
    rules,
    'criticalUrgency',
    read(escalation, 'criticalUrgency', z.boolean(), at('criticalUrgency')),
    'escalation.rules.criticalUrgency',
  );
  set(
    rules,
    'repeatedContactCount',
    read(escalation, 'repeatedContactCount', count, at('repeatedContactCount')),
    'escalation.rules.repeatedContactCount',
  );
  set(
    rules,
    'vipCustomers',
    read(escalation, 'vipCustomers', z.array(z.string().trim().min(1)), at('vipCustomers')),
    'escalation.rules.vipCustomers',
  );
  set(
    escalationPatch,
    'autoEscalate',
    read(escalation, 'autoEscalate', z.boolean(), at('autoEscalate')),
    'escalation.autoEscalate',
  );
  set(
    escalationPatch,
    'teamLeadEmail',
    read(escalation, 'teamLeadEmail', email, at('teamLeadEmail')),
    'escalation.teamLeadEmail',
  );
  set(webhook, 'url', read(escalation, 'webhookUrl', secureUrl, at('webhookUrl')), 'escalation.webhook.url');
  set(
    webhook,
    'payloadTemplate',
    read(escalation, 'webhookPayloadTemplate', z.string().max(10_000), at('webhookPayloadTemplate')),
    'escalation.webhook.payloadTemplate',
  );
  set(
    webhook,
    'maskPersonalData',
    read(escalation, 'maskPersonalData', z.boolean(), at('maskPersonalData')),
    'escalation.webhook.maskPersonalData',
  );

  const rawReplies = readObject(raw, 'replies', problems);
  const text = z.string().max(10_000);
  set(replies, 'brandVoice', read(rawReplies, 'brandVoice', text, 'replies.brandVoice'), 'replies.brandVoice');
  set(replies, 'policyText', read(rawReplies, 'policyText', text, 'replies.policyText'), 'replies.policyText');
  set(
    replies,
    'germanFormality',
    read(rawReplies, 'germanFormality', z.enum(['sie', 'du']), 'replies.germanFormality'),
    'replies.germanFormality',
  );

  const known = new Set(['packUrls', 'escalation', 'replies']);
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) problems.push({ key, reason: 'unknown policy key' });
  }

  const settings: SettingsPatch = {};
  const hasEscalation =
    Object.keys(rules).length + Object.keys(escalationPatch).length + Object.keys(webhook).length > 0;
  if (hasEscalation) {
    settings.escalation = {
      ...escalationPatch,
      ...(Object.keys(rules).length > 0 ? { rules } : {}),
      ...(Object.keys(webhook).length > 0 ? { webhook } : {}),
    };
  }
  if (Object.keys(replies).length > 0) settings.replies = replies;

  return { present: Object.keys(raw).length > 0, packUrls, settings, locked, problems };
}

function defaultManagedArea(): ManagedStorageArea | null {
  // Firefox for Android and some test browsers have no managed area at all.
  return browser.storage?.managed ?? null;
}

/**
 * Reads enterprise policy from `storage.managed`. Without a policy Chrome returns `{}` and Firefox rejects ("Managed
 * storage manifest not found"); both, and a missing area (`null`), mean "not managed" rather than an error.
 */
export async function readManagedPolicy(
  area: ManagedStorageArea | null = defaultManagedArea(),
): Promise<ManagedPolicy> {
  if (!area) return emptyManagedPolicy;
  let raw: Record<string, unknown>;
  try {
    raw = await area.get(null);
  } catch {
    // Firefox rejects when no policy exists for this extension: that is the unmanaged case, not a failure.
    return emptyManagedPolicy;
  }
  if (!isRecord(raw)) return emptyManagedPolicy;
  return parseManagedPolicy(raw);
}

/** The agent's settings with the policy's values on top (pack URLs are kept apart: see `ManagedPolicy.packUrls`). */
export function applyManagedPolicy(settings: Settings, policy: ManagedPolicy): Settings {
  return mergeSettings(settings, policy.settings);
}

/** Whether the options page must show a setting as set by the administrator. */
export function isSettingLocked(policy: ManagedPolicy, path: ManagedSettingPath): boolean {
  return policy.locked.includes(path);
}

/**
 * Calls `onChange` with the new policy whenever the administrator changes it (browsers push policy updates while
 * running). Returns a function that stops listening.
 */
export function watchManagedPolicy(
  onChange: (policy: ManagedPolicy) => void,
  area: ManagedStorageArea | null = defaultManagedArea(),
): () => void {
  const onChanged = browser.storage?.onChanged;
  if (!onChanged) return () => {};
  const listener = (_changes: unknown, areaName: string) => {
    if (areaName !== 'managed') return;
    readManagedPolicy(area).then(onChange, (error: unknown) => {
      console.warn('Rapport: could not re-read the managed policy', error);
    });
  };
  onChanged.addListener(listener);
  return () => onChanged.removeListener(listener);
}
