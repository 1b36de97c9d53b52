/**
 * The one catalogue of text the user reads, in English and German, behind one `t()`. Each feature keeps its strings in
 * `lib/strings/<feature>.ts` (`en` and `de` side by side; the type makes German have every English key); this module
 * merges them. Placeholders are `{name}`; plural forms are two keys `<key>.one` and `<key>.other` chosen by `tPlural`.
 * Dates, numbers, sizes and percentages go through `Intl` in the UI language. The language follows the browser unless
 * the agent picked one in settings.
 */
import type { UiLanguage } from './settings';
import { unnamedSiteLabel } from './sites/types';
import * as api from './strings/api';
import * as app from './strings/app';
import * as badge from './strings/badge';
import * as common from './strings/common';
import * as drafts from './strings/drafts';
import * as emotion from './strings/emotion';
import * as errors from './strings/errors';
import * as escalation from './strings/escalation';
import * as escalationActions from './strings/escalation-actions';
import * as escalationReason from './strings/escalation-reason';
import * as escalationSettings from './strings/escalation-settings';
import * as escalationZendesk from './strings/escalation-zendesk';
import * as firstRun from './strings/first-run';
import * as forms from './strings/forms';
import * as handoff from './strings/handoff';
import * as health from './strings/health';
import * as intent from './strings/intent';
import * as modelSettings from './strings/model-settings';
import * as mood from './strings/mood';
import * as options from './strings/options';
import * as panel from './strings/panel';
import * as picker from './strings/picker';
import * as placeholders from './strings/placeholders';
import * as prompt from './strings/prompt';
import * as readingStatus from './strings/reading-status';
import * as role from './strings/role';
import * as roleSource from './strings/role-source';
import * as sentiment from './strings/sentiment';
import * as snippetSettings from './strings/snippet-settings';
import * as snippets from './strings/snippets';
import * as state from './strings/state';
import * as states from './strings/states';
import * as summary from './strings/summary';
import * as templates from './strings/templates';
import * as urgency from './strings/urgency';
import * as urgencyReason from './strings/urgency-reason';
import * as writingModel from './strings/writing-model';

/** A language the UI is written in. */
export type Language = 'en' | 'de';

/**
 * Every feature's strings. A new `lib/strings/<feature>.ts` adds one import above and one entry here; its keys then
 * type-check wherever `t()` is called.
 */
const features = [
  api,
  app,
  badge,
  common,
  emotion,
  escalation,
  health,
  modelSettings,
  mood,
  options,
  panel,
  role,
  roleSource,
  sentiment,
  snippetSettings,
  snippets,
  state,
  states,
  templates,
  urgency,
  handoff,
  intent,
  urgencyReason,
  escalationActions,
  escalationReason,
  escalationSettings,
  escalationZendesk,
  errors,
  drafts,
  prompt,
  writingModel,
  picker,
  placeholders,
  summary,
  firstRun,
  readingStatus,
  forms,
] as const;

type KeysOf<F> = F extends { en: infer E } ? keyof E & string : never;
/** A key of the catalogue: `<feature>.<name>`. */
export type MessageKey = KeysOf<(typeof features)[number]>;
/** The keys that come as a plural pair `<key>.one` / `<key>.other`, without the suffix. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer Base}.other` ? Base : never) : never;

function mergeLanguage(language: Language): Map<string, string> {
  const merged = new Map<string, string>();
  for (const feature of features) {
    for (const [key, text] of Object.entries(feature[language])) merged.set(key, text);
  }
  return merged;
}

/**
 * Merged on first use, not when the module loads: a bundle that imports only `createTranslatorFor`, `resolveLanguage`
 * or the formatters (the content script, through lib/errors.ts too) then leaves the whole catalogue out.
 */
const dictionaries: Partial<Record<Language, Map<string, string>>> = {};

function dictionaryOf(language: Language): Map<string, string> {
  const dictionary = dictionaries[language] ?? mergeLanguage(language);
  dictionaries[language] = dictionary;
  return dictionary;
}

/** Resolves the UI language: the agent's choice, else the browser's language (German for any `de-*`), else English. */
export function resolveLanguage(setting: UiLanguage, browserLanguage: string | undefined): Language {
  if (setting !== 'auto') return setting;
  return browserLanguage?.toLowerCase().startsWith('de') ? 'de' : 'en';
}

/** Values for a string's `{name}` placeholders. */
export type MessageParams = Record<string, string | number>;

/** A translate function for one language. Unknown placeholders stay visible so a missing value is noticed. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

function fill(template: string, params: MessageParams | undefined): string {
  if (!params) return template;
  // A function replacer, so `$&` or `$1` in a value (a customer's text may hold them) is not read as a pattern.
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** The translate function for one language. */
export function createTranslator(language: Language): Translate {
  const dictionary = dictionaryOf(language);
  // Every key is in both languages (the types of `lib/strings/*` and the completeness test make sure); the key itself
  // is shown only if that ever broke, so the gap is visible rather than blank.
  return (key, params) => fill(dictionary.get(key) ?? key, params);
}

/** One feature file of the catalogue (`lib/strings/<feature>.ts`): its English strings and their German. */
export interface CatalogueFeature {
  readonly en: Readonly<Record<string, string>>;
  readonly de: Readonly<Record<string, string>>;
}

/** A translate function over some features' keys only (`createTranslatorFor`). */
export type TranslateOf<F extends readonly CatalogueFeature[]> = (
  key: KeysOf<F[number]>,
  params?: MessageParams,
) => string;

/**
 * The translate function for one language over a few features only, for a bundle that must not carry the whole
 * catalogue (the content script runs in every helpdesk tab: all 30-odd features would double its size). Its keys are
 * only those features' keys, so a key outside them is a type error rather than the key shown at run time; a full
 * `Translate` fits wherever one of these is expected.
 */
export function createTranslatorFor<const F extends readonly CatalogueFeature[]>(
  subset: F,
  language: Language,
): TranslateOf<F> {
  const dictionary = new Map<string, string>();
  for (const feature of subset) {
    for (const [key, text] of Object.entries(feature[language])) dictionary.set(key, text);
  }
  return (key, params) => fill(dictionary.get(key) ?? key, params);
}

/** Whether a string built from data (`emotion.${label}`) is a key of the catalogue. */
export function isMessageKey(key: string): key is MessageKey {
  return dictionaryOf('en').has(key);
}

/**
 * The plural form of `<key>.one` / `<key>.other` that `count` takes in the language (Intl.PluralRules), with `{count}`
 * filled in as a formatted number.
 */
export function tPlural(language: Language, key: PluralKey, count: number, params?: MessageParams): string {
  const form = new Intl.PluralRules(language).select(count) === 'one' ? 'one' : 'other';
  const template = dictionaryOf(language).get(`${key}.${form}`) ?? `${key}.${form}`;
  return fill(template, { count: formatNumber(language, count), ...params });
}

/** Every key a language has, feature by feature (for the completeness test: a key twice would be one overwritten). */
export function dictionaryKeys(language: Language): string[] {
  return features.flatMap((feature) => Object.keys(feature[language]));
}

function toDate(value: Date | number | string): Date {
  return value instanceof Date ? value : new Date(value);
}

/** A date in the language's style, e.g. "Mar 5, 2026" / "5. März 2026". */
export function formatDate(language: Language, value: Date | number | string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(toDate(value));
}

/** A date and time in the language's style, e.g. "Mar 5, 2026, 2:30 PM" / "05.03.2026, 14:30". */
export function formatDateTime(language: Language, value: Date | number | string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(toDate(value));
}

/** A number with the language's separators, e.g. "1,234.5" / "1.234,5". */
export function formatNumber(language: Language, value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(language, options).format(value);
}

/** A share (0…1) as a percentage, e.g. "42%" / "42 %". Round the share first where a whole number must match elsewhere. */
export function formatPercent(language: Language, share: number, fractionDigits = 0): string {
  return new Intl.NumberFormat(language, {
    style: 'percent',
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(share);
}

const BYTES_PER_KILOBYTE = 1_000;
const BYTES_PER_MEGABYTE = 1_000_000;
const BYTES_PER_GIGABYTE = 1_000_000_000;

/**
 * A size in bytes in kilobytes, megabytes or gigabytes (decimal units, as download sizes are quoted), e.g. "1.8 GB" /
 * "1,8 GB", "350 MB", "4.2 MB", "12 kB". One decimal below 10 of a unit (and always for gigabytes), none above.
 */
export function formatBytes(language: Language, bytes: number): string {
  const [amount, unit] =
    bytes >= BYTES_PER_GIGABYTE
      ? [bytes / BYTES_PER_GIGABYTE, 'gigabyte']
      : bytes >= BYTES_PER_MEGABYTE
        ? [bytes / BYTES_PER_MEGABYTE, 'megabyte']
        : [Math.max(1, bytes / BYTES_PER_KILOBYTE), 'kilobyte'];
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: amount < 10 || unit === 'gigabyte' ? 1 : 0,
  }).format(amount);
}

/** A site's label as the agent reads it: the unnamed page ("this page", sent as data) in the UI's language. */
export function siteNameOf(label: string, t: Translate): string {
  return label === '' || label === unnamedSiteLabel ? t('panel.thisPage') : label;
}
