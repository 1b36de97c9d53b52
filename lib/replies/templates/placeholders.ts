import type { TemplateRecord } from '../../db';
import type { GermanFormality } from '../../settings';
import type { Conversation } from '../../sites/types';
import { en as englishLabels, de as germanLabels } from '../../strings/placeholders';
import { type CustomerAddress, formatSalutation, readCustomerAddress } from '../address-form';
import { type ConversationFacts, type Currency, extractConversationFacts, type FoundDate } from './extract';

type Language = TemplateRecord['language'];

/** Where a placeholder's value comes from; the fill-in form groups and explains them by this. */
export type PlaceholderKind = 'customer' | 'agent' | 'order' | 'invoice' | 'tracking' | 'ticket' | 'date' | 'custom';

/** A placeholder as it appears in a template body. */
export interface PlaceholderSpec {
  /** Canonical key: `customer.firstName`, `order.number`, or the custom field's name as written. */
  key: string;
  kind: PlaceholderKind;
  /**
   * What the fill-in form shows next to the input, in both languages (the form speaks the UI's, a draft's gap the
   * template's): from the catalogue for the placeholders Rapport fills, the key made readable for a custom field.
   */
  label: { en: string; de: string };
  /** An example value for the input's placeholder text. */
  example?: string;
  /** The text used when no value is known (`{{customer.firstName | "there"}}`); may be empty. */
  fallback?: string;
}

/** A placeholder the engine knows how to fill, for the editor's "insert placeholder" menu. */
export interface PlaceholderInfo {
  key: string;
  kind: PlaceholderKind;
  label: { en: string; de: string };
  example: string;
}

type LabelKey = keyof typeof englishLabels;
/** A placeholder Rapport fills itself: its key is the catalogue's key without `placeholders.`. */
type KnownKey = LabelKey extends `placeholders.${infer Key}` ? Key : never;

/** What the form calls a placeholder in both languages: the form speaks the UI's, a draft the template's. */
function labelOf(key: KnownKey): PlaceholderInfo['label'] {
  const labelKey: LabelKey = `placeholders.${key}`;
  return { en: englishLabels[labelKey], de: germanLabels[labelKey] };
}

const known: readonly (Omit<PlaceholderInfo, 'key' | 'label'> & { key: KnownKey })[] = [
  { key: 'customer.firstName', kind: 'customer', example: 'Anna' },
  { key: 'customer.lastName', kind: 'customer', example: 'Müller' },
  { key: 'customer.name', kind: 'customer', example: 'Anna Müller' },
  { key: 'customer.salutation', kind: 'customer', example: 'Sehr geehrte Frau Dr. Müller' },
  { key: 'customer.addressName', kind: 'customer', example: 'Frau Dr. Müller' },
  { key: 'customer.email', kind: 'customer', example: 'anna@example.com' },
  { key: 'agent.name', kind: 'agent', example: 'Jonas Weber' },
  { key: 'agent.firstName', kind: 'agent', example: 'Jonas' },
  { key: 'order.number', kind: 'order', example: '10023456' },
  { key: 'order.date', kind: 'order', example: '12.03.2024' },
  { key: 'amount', kind: 'order', example: '49,90 €' },
  { key: 'invoice.number', kind: 'invoice', example: 'RE-2024-00123' },
  { key: 'tracking.number', kind: 'tracking', example: '00340434161094012345' },
  { key: 'tracking.carrier', kind: 'tracking', example: 'DHL' },
  { key: 'ticket.id', kind: 'ticket', example: '48213' },
  { key: 'subject', kind: 'ticket', example: 'Where is my order?' },
  { key: 'today', kind: 'date', example: '12.03.2024' },
];

/**
 * Every placeholder filled from the conversation, settings or the clock. Any other key is a custom field. The labels
 * come from the catalogue (`lib/strings/placeholders.ts`).
 */
export const placeholderCatalog: readonly PlaceholderInfo[] = known.map((info) => ({
  ...info,
  label: labelOf(info.key),
}));

const catalogByLowerKey = new Map(placeholderCatalog.map((info) => [info.key.toLowerCase(), info]));

/** What `fillTemplate` reads values from. Everything is optional: what is missing is asked for. */
export interface FillContext {
  /** The template's language: decides number and date formats. */
  language: Language;
  /** The template's German form of address: decides the salutation (Sie when absent). */
  formality?: GermanFormality;
  /** The open conversation; names come from the adapter, numbers from the customer's messages. */
  conversation?: Conversation | null;
  /** The agent's name from settings (wins over the name the page shows). */
  agentName?: string;
  /** Team or personal custom fields by name (`voucherCode` fills `{{voucherCode}}` and `{{custom.voucherCode}}`). */
  custom?: Record<string, string>;
  /** Values the agent typed into the fill-in form, by placeholder key; they win over everything else. */
  overrides?: Record<string, string>;
  /** The clock for `{{today}}` (tests pass a fixed date). */
  now?: Date;
}

export type ValueSource = 'override' | 'conversation' | 'settings' | 'custom' | 'clock' | 'fallback';

/** The filled body in pieces, for a live preview that marks values and gaps (render each piece as text). */
export type FilledSegment =
  | { type: 'text'; text: string }
  | { type: 'value'; text: string; spec: PlaceholderSpec; source: ValueSource }
  | { type: 'missing'; spec: PlaceholderSpec };

export interface FillResult {
  /** Plain text ready to insert when `missing` is empty. Never contains an unfilled `{{…}}`. */
  text: string;
  /** Placeholders nothing could fill and that have no fallback, each once, in order of appearance. */
  missing: PlaceholderSpec[];
  segments: FilledSegment[];
}

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
const KEY = /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*$/;
// Straight, typographic German („…“) and English (“…”) quotes, so fallbacks typed in word processors still work.
const QUOTED = /^(?:"([^"]*)"|'([^']*)'|„([^“”"]*)[“”"]|“([^”]*)”)$/;

interface ParsedPlaceholder {
  key: string;
  fallback?: string;
}

function parseInner(inner: string): ParsedPlaceholder | null {
  const pipe = inner.indexOf('|');
  const rawKey = (pipe >= 0 ? inner.slice(0, pipe) : inner).trim();
  if (!KEY.test(rawKey)) return null;
  const key = catalogByLowerKey.get(rawKey.toLowerCase())?.key ?? rawKey;
  if (pipe < 0) return { key };
  const rawFallback = inner.slice(pipe + 1).trim();
  const quoted = QUOTED.exec(rawFallback);
  if (quoted) return { key, fallback: quoted[1] ?? quoted[2] ?? quoted[3] ?? quoted[4] ?? '' };
  // An unquoted fallback ("{{customer.firstName | there}}") is accepted; a bare "|" is not a fallback.
  if (rawFallback && !/["„“”]/.test(rawFallback)) return { key, fallback: rawFallback };
  return null;
}

/**
 * The placeholder-looking parts of a body that are not valid placeholders (`{{first name}}`, an unclosed `{{`), as
 * written. Templates with any are rejected on save and import, because they could never be filled.
 */
export function findMalformedPlaceholders(body: string): string[] {
  const malformed: string[] = [];
  for (const match of body.matchAll(PLACEHOLDER)) {
    if (!parseInner(match[1] ?? '')) malformed.push(match[0]);
  }
  const rest = body.replace(PLACEHOLDER, '');
  const unclosed = rest.indexOf('{{');
  if (unclosed >= 0) malformed.push(rest.slice(unclosed, unclosed + 30).split('\n')[0] ?? '{{');
  return malformed;
}

function humanise(name: string): string {
  return name
    .replace(/^custom\./, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[._-]+/g, ' ')
    .toLowerCase()
    .replace(/^\p{L}/u, (letter) => letter.toUpperCase());
}

function specFor(key: string, fallback: string | undefined): PlaceholderSpec {
  const info = catalogByLowerKey.get(key.toLowerCase());
  const base: PlaceholderSpec = info
    ? { key: info.key, kind: info.kind, label: info.label, example: info.example }
    : { key, kind: 'custom', label: { en: humanise(key), de: humanise(key) } };
  return fallback === undefined ? base : { ...base, fallback };
}

/** The placeholders a body uses, each once, in order of appearance (for the editor's preview and the fill-in form). */
export function listPlaceholders(body: string): PlaceholderSpec[] {
  const specs: PlaceholderSpec[] = [];
  for (const match of body.matchAll(PLACEHOLDER)) {
    const parsed = parseInner(match[1] ?? '');
    const key = parsed?.key ?? (match[1] ?? '').trim();
    if (!specs.some((spec) => spec.key === key)) specs.push(specFor(key, parsed?.fallback));
  }
  return specs;
}

const LOCALE: Record<Language, string> = { en: 'en-GB', de: 'de-DE' };

/**
 * Formats money the way the template's language writes it: "1.234,56 €" in German, "€1,234.56" in English.
 * Spaces are plain spaces (not the no-break spaces Intl emits) so the text pastes cleanly into any reply box.
 */
export function formatAmount(value: number, currency: Currency, language: Language): string {
  return new Intl.NumberFormat(LOCALE[language], { style: 'currency', currency, currencyDisplay: 'narrowSymbol' })
    .format(value)
    .replace(/[\u00a0\u202f]/g, ' ');
}

/** Formats a date unambiguously for the language: "12.03.2024" in German, "12 March 2024" in English. */
export function formatDate(date: Pick<FoundDate, 'year' | 'month' | 'day'>, language: Language): string {
  const at = new Date(Date.UTC(date.year ?? 2000, date.month - 1, date.day));
  const options: Intl.DateTimeFormatOptions =
    language === 'de'
      ? { day: '2-digit', month: '2-digit', timeZone: 'UTC' }
      : { day: 'numeric', month: 'long', timeZone: 'UTC' };
  if (date.year !== undefined) options.year = 'numeric';
  return new Intl.DateTimeFormat(LOCALE[language], options).format(at);
}

function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

// Only helpdesks show a ticket number the customer knows; Gmail thread ids and URL hashes mean nothing to them.
const SITES_WITH_TICKET_NUMBERS = new Set(['zendesk', 'freshdesk']);

function stripReplyPrefixes(subject: string): string {
  return subject.replace(/^(?:\s*(?:re|aw|fw|fwd|wg|antw|sv|tr)\s*(?:\[\d+\])?\s*:\s*)+/i, '').trim();
}

function lookupCustom(custom: Record<string, string> | undefined, key: string): string | undefined {
  if (!custom) return undefined;
  const bare = key.replace(/^custom\./, '');
  return custom[key] ?? custom[bare];
}

function resolveKnown(
  key: string,
  context: FillContext,
  facts: ConversationFacts | null,
  address: CustomerAddress | null,
): { value: string; source: ValueSource } | undefined {
  const conversation = context.conversation ?? null;
  const from = (value: string | undefined, source: ValueSource) => {
    const text = value === undefined ? '' : oneLine(value);
    return text ? { value: text, source } : undefined;
  };
  switch (key) {
    // Names as the customer signs win over the requester field ("LG Lea" for "Schäfer, Lea-Marie").
    case 'customer.firstName':
      return from(address?.firstName ?? facts?.customer.firstName, 'conversation');
    case 'customer.lastName':
      return from(address?.lastName ?? facts?.customer.lastName, 'conversation');
    case 'customer.name':
      return from(
        address?.firstName && address.lastName ? `${address.firstName} ${address.lastName}` : facts?.customer.fullName,
        'conversation',
      );
    case 'customer.salutation':
      return from(salutationFor(context, address).greeting, 'conversation');
    case 'customer.addressName':
      return from(salutationFor(context, address).name, 'conversation');
    case 'customer.email':
      return from(facts?.customerEmail, 'conversation');
    case 'agent.name':
      return from(context.agentName, 'settings') ?? from(conversation?.agent?.name, 'conversation');
    case 'agent.firstName': {
      const name = from(context.agentName, 'settings') ?? from(conversation?.agent?.name, 'conversation');
      return name ? { value: name.value.split(' ')[0] ?? name.value, source: name.source } : undefined;
    }
    case 'order.number':
      return from(facts?.orderNumbers[0]?.value, 'conversation');
    case 'order.date': {
      const date = facts?.dates.find((found) => found.isOrderDate);
      return date ? { value: formatDate(date, context.language), source: 'conversation' } : undefined;
    }
    case 'amount': {
      const amount = facts?.amounts[0];
      return amount
        ? { value: formatAmount(amount.value, amount.currency, context.language), source: 'conversation' }
        : undefined;
    }
    case 'invoice.number':
      return from(facts?.invoiceNumbers[0]?.value, 'conversation');
    case 'tracking.number':
      return from(facts?.trackingNumbers[0]?.value, 'conversation');
    case 'tracking.carrier':
      return from(facts?.trackingNumbers.find((found) => found.carrier)?.carrier, 'conversation');
    case 'ticket.id':
      return conversation && SITES_WITH_TICKET_NUMBERS.has(conversation.site)
        ? from(conversation.id, 'conversation')
        : undefined;
    case 'subject':
      return from(conversation ? stripReplyPrefixes(conversation.subject) : undefined, 'conversation');
    case 'today': {
      const now = context.now ?? new Date();
      const today = { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
      return { value: formatDate(today, context.language), source: 'clock' };
    }
    default:
      return undefined;
  }
}

const addressCache = new WeakMap<Conversation, CustomerAddress>();

function addressOf(conversation: Conversation): CustomerAddress {
  let address = addressCache.get(conversation);
  if (!address) {
    address = readCustomerAddress(conversation);
    addressCache.set(conversation, address);
  }
  return address;
}

function salutationFor(context: FillContext, address: CustomerAddress | null) {
  return formatSalutation(address ?? {}, context.language, context.formality ?? 'sie');
}

// A greeting line addressing the customer by a name placeholder: "Guten Tag {{customer.name | ""}},", "Hi
// {{customer.firstName | "there"}},", "Sehr geehrte/r {{customer.lastName}}".
const GREETING_LINE =
  /^(\s*)(guten tag|guten morgen|hallo|hello|hi|hey|dear|sehr geehrte(?:r|\/r|\(r\))?(?:\s+(?:frau\/herr|herr\/frau))?)(\s+)\{\{\s*customer\.(name|firstName|lastName)\s*(?:\|[^{}]*)?\}\}/iu;

/**
 * Upgrades a template's greeting line to the customer's titles when they are known: "Guten Tag {{customer.name}}"
 * greets "Guten Tag Dr. Bergmann" (issue 19: not "Klaus Bergmann" for a customer who signs "Dr. Bergmann"), "Hi
 * {{customer.firstName}}" greets "Dear Dr. Chen". Without a title or the customer's own Herr/Frau the template is
 * left as written, and a du template (a first-name greeting in German) always is.
 */
function withTitledGreeting(body: string, context: FillContext, address: CustomerAddress | null): string {
  const match = GREETING_LINE.exec(body);
  if (!match || !address) return body;
  const [whole, indent = '', word = '', space = ' ', key = ''] = match;
  const form: GermanFormality = context.formality ?? (key === 'firstName' ? 'du' : 'sie');
  if (context.language === 'de' && form === 'du') return body;
  const salutation = formatSalutation(address, context.language, form);
  if (!salutation.titled || !salutation.name) return body;
  // "Guten Tag" and "Hallo" suit any named customer; "Sehr geehrte/r" and the English words follow the salutation.
  const keepsWord = context.language === 'de' && /^(?:guten|hallo)/iu.test(word);
  // Rewritten to placeholders, not text, so the preview still marks the name as a value from the conversation.
  const greeting = keepsWord ? `${word}${space}{{customer.addressName}}` : '{{customer.salutation}}';
  return `${indent}${greeting}${body.slice(whole.length)}`;
}

/**
 * Fills a template body for a conversation. Values come, in this order, from the agent's `overrides`, the
 * conversation, settings, custom fields and finally the placeholder's fallback. A placeholder without any of these
 * is listed in `missing` and left out of `text` (the UI asks for it and calls again with `overrides`), so an unfilled
 * `{{…}}` never reaches a customer. Values are inserted once, as text: a value that itself looks like `{{…}}` or
 * like HTML stays literal.
 */
export function fillTemplate(template: string, context: FillContext): FillResult {
  const facts = context.conversation ? extractConversationFacts(context.conversation) : null;
  const address = context.conversation ? addressOf(context.conversation) : null;
  const body = withTitledGreeting(template, context, address);
  const segments: FilledSegment[] = [];
  const missing: PlaceholderSpec[] = [];
  let last = 0;
  for (const match of body.matchAll(PLACEHOLDER)) {
    const index = match.index ?? 0;
    if (index > last) segments.push({ type: 'text', text: body.slice(last, index) });
    last = index + match[0].length;

    const inner = match[1] ?? '';
    const parsed = parseInner(inner);
    // A malformed placeholder is still asked for, by its text, rather than inserted as "{{…}}".
    const key = parsed?.key ?? inner.trim();
    const spec = specFor(key, parsed?.fallback);
    const override = context.overrides?.[key];
    const custom = lookupCustom(context.custom, key);
    const resolved =
      (override?.trim() ? { value: override.trim(), source: 'override' as const } : undefined) ??
      resolveKnown(spec.key, context, facts, address) ??
      (custom?.trim() ? { value: custom.trim(), source: 'custom' as const } : undefined) ??
      (spec.fallback !== undefined ? { value: spec.fallback, source: 'fallback' as const } : undefined);
    if (resolved) {
      segments.push({ type: 'value', text: resolved.value, spec, source: resolved.source });
    } else {
      segments.push({ type: 'missing', spec });
      if (!missing.some((other) => other.key === spec.key)) missing.push(spec);
    }
  }
  if (last < body.length) segments.push({ type: 'text', text: body.slice(last) });
  return { text: joinSegments(segments), missing, segments };
}

/**
 * Joins segments into text. An empty value must not leave a stray space before punctuation or the line end:
 * "Hallo {{customer.firstName | ""}}," becomes "Hallo," rather than "Hallo ,".
 */
function joinSegments(segments: FilledSegment[]): string {
  let text = '';
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (!segment) continue;
    if (segment.type === 'text') {
      text += segment.text;
      continue;
    }
    const value = segment.type === 'value' ? segment.text : '';
    if (value === '' && text.endsWith(' ')) {
      const next = segments[i + 1];
      const following = next?.type === 'text' ? next.text : '';
      if (following === '' || /^[\s,.;:!?)]/.test(following)) text = text.slice(0, -1);
    }
    text += value;
  }
  return text;
}
