import { findDates } from '../../dates';
import type { Conversation, Person } from '../../sites/types';

/** A reference number found in the conversation, with where it was seen. */
export interface FoundReference {
  value: string;
  /** The customer message it came from; absent when it came from the subject line. */
  messageId?: string;
}

export type Carrier = 'DHL' | 'UPS' | 'Hermes' | 'DPD' | 'GLS';

export interface FoundTracking extends FoundReference {
  /** Known when the format is unique to a carrier or the message names exactly one carrier. */
  carrier?: Carrier;
}

export type Currency = 'EUR' | 'USD' | 'GBP' | 'CHF';

/** A money amount written in German (1.234,56 €) or English (€1,234.56) style. */
export interface FoundAmount {
  value: number;
  currency: Currency;
  /** The text as the customer wrote it. */
  text: string;
}

/** A calendar date; `year` is absent when the customer left it out ("am 12.03."). */
export interface FoundDate {
  year?: number;
  month: number;
  day: number;
  text: string;
  /** True when an order keyword stands right before it ("bestellt am", "ordered on", "Bestellung vom"). */
  isOrderDate: boolean;
}

/** What a text mentions, first mention first. */
export interface TextFacts {
  orderNumbers: string[];
  invoiceNumbers: string[];
  trackingNumbers: { value: string; carrier?: Carrier }[];
  amounts: FoundAmount[];
  dates: FoundDate[];
}

/** A customer's name split for greetings. Absent parts are unknown, never guessed. */
export interface ParsedName {
  firstName?: string;
  lastName?: string;
  /** First and last name in natural order ("Anna Müller" for "Müller, Anna"). */
  fullName?: string;
  /** Salutation and academic titles as written ("Frau Dr."). */
  title?: string;
}

/** Everything the placeholder engine can fill from one conversation. Lists are ordered most relevant first. */
export interface ConversationFacts {
  customer: ParsedName;
  customerEmail?: string;
  orderNumbers: FoundReference[];
  invoiceNumbers: FoundReference[];
  trackingNumbers: FoundTracking[];
  amounts: (FoundAmount & { messageId: string })[];
  dates: (FoundDate & { messageId: string })[];
}

// Words that may sit between a keyword and its number: "Bestellung Nr. 123", "order number: 123", "Rechnung mit der
// Nummer 123", "my tracking number is 1Z…".
const CONNECTOR = String.raw`(?:\s*(?:[:#]|-(?=\s)|nr\.?|no\.?|num\.?|number|nummer|id|ref\.?|is|ist|lautet|mit\s+der\s+nummer|with\s+(?:the\s+)?number)(?=[\s:#\d]|$))*\s*#?\s*`;

const ORDER_KEYWORD = String.raw`(?:bestell(?:ung|nummer|-?nr\.?|-nummer)|auftrag(?:s(?:nummer|-?nr\.?))?|order(?:-?nr\.?|\s+(?:number|no\.?|id|ref(?:erence)?))?|purchase)`;
const ORDER_TOKEN = String.raw`((?:[a-z]{1,5}-?)?(?:\d{4,}|\d{1,3}-\d{3,})(?:-\d+)*)`;
const orderPattern = new RegExp(
  String.raw`(?<![\p{L}\d])${ORDER_KEYWORD}${CONNECTOR}${ORDER_TOKEN}(?![\p{L}\d])`,
  'giu',
);
// A bare "#1001" is how most shop systems print order numbers.
const bareOrderPattern = /(?<![\p{L}\d&])#(\d{4,})(?![\p{L}\d])/gu;

const INVOICE_KEYWORD = String.raw`(?:rechnung(?:s(?:nummer|-?nr\.?))?|invoice(?:\s+(?:number|no\.?|id))?|bill)`;
const INVOICE_TOKEN = String.raw`((?:[a-z]{1,5}[-/]?)?\d[\d/-]{2,}\d)`;
const invoicePattern = new RegExp(
  String.raw`(?<![\p{L}\d])${INVOICE_KEYWORD}${CONNECTOR}${INVOICE_TOKEN}(?![\p{L}\d])`,
  'giu',
);
// Prefixes that only invoices carry, found even without a keyword ("RE-2024-00123", "INV-88123").
const bareInvoicePattern = /(?<![\p{L}\d])((?:RE|RG|INV)-\d{3,}(?:[-/]\d+)*)(?![\p{L}\d])/gu;

// Formats unique enough to be found without a keyword.
const upsPattern = /(?<![\p{L}\d])(1Z[0-9A-Z]{16})(?![\p{L}\d])/giu;
// DHL/Deutsche Post international (UPU S10) and DHL Paket "JJD…"/"JVGL…" identifiers.
const dhlLetterPattern = /(?<![\p{L}\d])((?:JJD|JVGL)\d{9,20}|[A-Z]{2}\d{9}DE)(?![\p{L}\d])/gu;
// Hermes Germany shipment ids: "H" followed by 19 digits.
const hermesPattern = /(?<![\p{L}\d])(H\d{19})(?![\p{L}\d])/gu;
// Plain digit runs are only tracking numbers with a keyword: they look like order and phone numbers otherwise.
const TRACKING_KEYWORD = String.raw`(?:sendungs(?:nummer|-?nr\.?|verfolgungsnummer)|sendungsverfolgung|tracking(?:-?(?:nummer|nr\.?|id|code|link)|\s+(?:number|no\.?|id|code))?|paket(?:nummer|-?nr\.?|schein(?:nummer)?)|shipment(?:\s+(?:number|id))?|parcel(?:\s+(?:number|id))?|dhl|ups|hermes|dpd|gls)`;
const trackingPattern = new RegExp(
  String.raw`(?<![\p{L}\d])${TRACKING_KEYWORD}${CONNECTOR}(\d{8,22}[a-z]?)(?![\p{L}\d])`,
  'giu',
);
const carrierNamePattern = /(?<![\p{L}\d])(dhl|ups|hermes|dpd|gls)(?![\p{L}\d])/giu;

const CURRENCY_BEFORE = String.raw`(€|eur|\$|usd|£|gbp|chf|fr\.)`;
const CURRENCY_AFTER = String.raw`(€|eur|euro|\$|usd|£|gbp|chf|franken)`;
const NUMBER = String.raw`(\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)(?:,-|\.-)?`;
const amountBeforePattern = new RegExp(String.raw`(?<![\p{L}\d])${CURRENCY_BEFORE}\s?${NUMBER}(?![\d])`, 'giu');
const amountAfterPattern = new RegExp(String.raw`(?<![\p{L}\d.,])${NUMBER}\s?${CURRENCY_AFTER}(?![\p{L}])`, 'giu');

const orderDateCue =
  /(?:bestellt|bestellung|gekauft|kauf|auftrag|ordered|order(?:ed)?|purchased|placed|bought)(?:\s+\S+){0,3}\s+(?:am|vom|von|on|from)\s*$/iu;

interface Match {
  index: number;
  value: string;
}

function matchAll(pattern: RegExp, text: string, group = 1): Match[] {
  const found: Match[] = [];
  for (const match of text.matchAll(pattern)) {
    const value = match[group];
    if (value !== undefined && match.index !== undefined) found.push({ index: match.index, value });
  }
  return found;
}

function uniqueInOrder(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = value.toUpperCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Reads a number written in German or English style: "1.234,56", "1,234.56", "49,90", "5.99", "1 234,50".
 * A single separator followed by exactly three digits is a thousands separator ("1.234" is 1234 in both languages'
 * shop texts); anything else after a single separator is the decimal part.
 */
export function parseLocaleNumber(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '').replace(/[.,]-$/, '');
  if (!/^\d[\d.,]*$/.test(compact)) return null;
  const lastDot = compact.lastIndexOf('.');
  const lastComma = compact.lastIndexOf(',');
  let normalised: string;
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? '.' : ',';
    const thousands = decimal === '.' ? ',' : '.';
    normalised = compact.split(thousands).join('').replace(decimal, '.');
  } else if (lastDot >= 0 || lastComma >= 0) {
    const separator = lastDot >= 0 ? '.' : ',';
    const parts = compact.split(separator);
    const tail = parts.at(-1) ?? '';
    normalised = parts.length > 2 || tail.length === 3 ? parts.join('') : `${parts.slice(0, -1).join('')}.${tail}`;
  } else {
    normalised = compact;
  }
  const value = Number(normalised);
  return Number.isFinite(value) ? value : null;
}

function toCurrency(symbol: string): Currency {
  switch (symbol.toLowerCase()) {
    case '$':
    case 'usd':
      return 'USD';
    case '£':
    case 'gbp':
      return 'GBP';
    case 'chf':
    case 'fr.':
    case 'franken':
      return 'CHF';
    default:
      return 'EUR';
  }
}

function extractAmounts(text: string): FoundAmount[] {
  const found: (FoundAmount & { index: number })[] = [];
  for (const match of text.matchAll(amountBeforePattern)) {
    const value = parseLocaleNumber(match[2] ?? '');
    if (value !== null && match.index !== undefined) {
      found.push({ value, currency: toCurrency(match[1] ?? ''), text: match[0].trim(), index: match.index });
    }
  }
  for (const match of text.matchAll(amountAfterPattern)) {
    const value = parseLocaleNumber(match[1] ?? '');
    if (value === null || match.index === undefined) continue;
    const index = match.index;
    // "€ 5 EUR" would otherwise count twice.
    if (found.some((other) => Math.abs(other.index - index) < 4)) continue;
    found.push({ value, currency: toCurrency(match[2] ?? ''), text: match[0].trim(), index });
  }
  return found.sort((a, b) => a.index - b.index).map(({ index: _index, ...amount }) => amount);
}

function extractDates(text: string): FoundDate[] {
  return findDates(text).map(({ index, text: raw, day, month, year }) => ({
    text: raw,
    day,
    month,
    isOrderDate: orderDateCue.test(text.slice(Math.max(0, index - 40), index)),
    ...(year ? { year } : {}),
  }));
}

function toCarrier(name: string | undefined): Carrier | undefined {
  switch (name?.toUpperCase()) {
    case 'DHL':
      return 'DHL';
    case 'UPS':
      return 'UPS';
    case 'DPD':
      return 'DPD';
    case 'GLS':
      return 'GLS';
    case 'HERMES':
      return 'Hermes';
    default:
      return undefined;
  }
}

/** The carrier named closest before the number ("DPD Paketnummer 0123…"), else the only one the text names. */
function guessCarrier(text: string, value: string, start: number, end: number): Carrier | undefined {
  const nearby = matchAll(carrierNamePattern, text.slice(Math.max(0, start - 60), end)).at(-1);
  if (nearby) return toCarrier(nearby.value);
  const named = uniqueInOrder(matchAll(carrierNamePattern, text).map((m) => m.value.toUpperCase()));
  if (named.length === 1) return toCarrier(named[0]);
  // 20-digit numbers starting "00" are DHL Paket's standard format; other lengths are shared between carriers.
  if (/^00\d{18}$/.test(value)) return 'DHL';
  return undefined;
}

/** Finds order, invoice and tracking numbers, amounts and dates in one text (German or English). */
export function extractFromText(text: string): TextFacts {
  const orderNumbers = uniqueInOrder(
    matchAll(orderPattern, text)
      .concat(matchAll(bareOrderPattern, text))
      .sort((a, b) => a.index - b.index)
      .map((m) => m.value),
  );
  const invoiceNumbers = uniqueInOrder(
    matchAll(invoicePattern, text)
      .concat(matchAll(bareInvoicePattern, text))
      .sort((a, b) => a.index - b.index)
      .map((m) => m.value),
  );
  const taken = new Set([...orderNumbers, ...invoiceNumbers].map((value) => value.toUpperCase()));

  const tracking: (Match & { carrier?: Carrier })[] = [
    ...matchAll(upsPattern, text).map((m) => ({ ...m, value: m.value.toUpperCase(), carrier: 'UPS' as const })),
    ...matchAll(dhlLetterPattern, text).map((m) => ({ ...m, carrier: 'DHL' as const })),
    ...matchAll(hermesPattern, text).map((m) => ({ ...m, carrier: 'Hermes' as const })),
  ];
  for (const match of text.matchAll(trackingPattern)) {
    const value = match[1];
    const index = match.index;
    if (value === undefined || index === undefined || tracking.some((other) => other.value === value)) continue;
    const carrier = guessCarrier(text, value, index, index + match[0].length);
    tracking.push({ index, value, ...(carrier ? { carrier } : {}) });
  }
  const trackingNumbers = tracking
    .filter((m) => !taken.has(m.value.toUpperCase()))
    .sort((a, b) => a.index - b.index)
    .filter((m, i, all) => all.findIndex((other) => other.value === m.value) === i)
    .map(({ value, carrier }) => (carrier ? { value, carrier } : { value }));

  return { orderNumbers, invoiceNumbers, trackingNumbers, amounts: extractAmounts(text), dates: extractDates(text) };
}

const SALUTATIONS = new Set([
  'frau',
  'herr',
  'fr.',
  'hr.',
  'mr',
  'mr.',
  'mrs',
  'mrs.',
  'ms',
  'ms.',
  'miss',
  'mx',
  'mx.',
]);
const SALUTATION_ONLY = new Set(['sir', 'madam', 'madame']);
const ACADEMIC = /^(?:dr\.?|prof\.?|dipl\.-[\p{L}]+\.?|mag\.?|ing\.?|med\.?|rer\.?|nat\.?|phil\.?|mba|msc|bsc|phd)$/iu;
const PARTICLES = new Set([
  'von',
  'van',
  'de',
  'der',
  'den',
  'du',
  'zu',
  'vom',
  'zum',
  'zur',
  'da',
  'di',
  'del',
  'la',
  'le',
  'ten',
  'ter',
]);
const NOT_A_NAME =
  /^(?:customer|kunde|kundin|unknown|unbekannt|guest|gast|user|nutzer|benutzer|anonymous|anonym|n\/a|none|info|support|service|kundenservice|noreply|no-reply|admin|team|shop|office|sales|billing|kontakt|contact|mail|hello|hallo)$/iu;
const COMPANY_SUFFIX = /\b(?:gmbh|ag|kg|ug|ohg|e\.v\.|ltd|inc|llc|plc|co\.?|corp\.?|se)\b/iu;
const ROLE_MAILBOXES =
  /^(?:info|support|service|kontakt|contact|noreply|no-reply|mail|hello|hallo|office|sales|billing|team|shop|admin|orders?|bestellung(?:en)?|rechnung(?:en)?|buchhaltung|accounts?|webmaster)$/iu;

function capitalise(word: string): string {
  const isMixedCase = word !== word.toLowerCase() && word !== word.toUpperCase();
  if (isMixedCase) return word;
  // Keeps "Anna-Lena" and "O'Brien" intact while fixing "ANNA" and "anna".
  return word
    .toLowerCase()
    .replace(/(^|[-'’])(\p{L})/gu, (_all, sep: string, letter: string) => sep + letter.toUpperCase());
}

function joinName(firstName: string | undefined, lastName: string | undefined): string | undefined {
  const full = [firstName, lastName].filter(Boolean).join(' ');
  return full || undefined;
}

function parseEmailName(email: string): ParsedName {
  const local = (email.split('@')[0] ?? '').replace(/\+.*$/, '');
  if (ROLE_MAILBOXES.test(local)) return {};
  const parts = local
    .split(/[._-]+/)
    .map((part) => part.replace(/\d+/g, ''))
    .filter((part) => /^\p{L}+$/u.test(part));
  // "jsmith" or "anna" alone could be anything; only "first.last" style addresses are read.
  if (parts.length < 2) return {};
  const first = parts[0] ?? '';
  const last = parts.at(-1) ?? '';
  if (last.length < 2) return {};
  const firstName = first.length >= 2 ? capitalise(first) : undefined;
  const lastName = capitalise(last);
  return { ...(firstName ? { firstName } : {}), lastName, fullName: joinName(firstName, lastName) };
}

/**
 * Splits a customer's display name for greetings: "Müller, Anna" → Anna / Müller, "Frau Dr. Anna Müller" → title
 * "Frau Dr.", "anna.mueller@example.com" → Anna / Mueller. Role names ("Kunde", "support@…") give no name at all.
 */
export function parseCustomerName(person: Person): ParsedName {
  let raw = (person.name ?? '').trim();
  if (raw.includes('@')) raw = '';
  raw = raw
    .replace(/\([^)]*\)|\[[^\]]*\]|<[^>]*>/g, ' ')
    .replace(/["“”„`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!raw || /\d/.test(raw) || NOT_A_NAME.test(raw)) {
    return person.email ? parseEmailName(person.email) : {};
  }

  const commaParts = raw.split(',').map((part) => part.trim());
  let tokens: string[];
  let lastFromComma: string | undefined;
  const [beforeComma = '', afterComma = ''] = commaParts;
  const familyFirst = !beforeComma.includes(' ') || PARTICLES.has((beforeComma.split(' ')[0] ?? '').toLowerCase());
  if (commaParts.length === 2 && afterComma && !COMPANY_SUFFIX.test(afterComma) && familyFirst) {
    // "Müller, Anna": family name first, as CRMs and Outlook address books write it.
    lastFromComma = beforeComma;
    tokens = afterComma.split(' ');
  } else {
    tokens = beforeComma.split(' ');
  }

  const titleWords: string[] = [];
  while (tokens.length > 0) {
    const token = tokens[0] ?? '';
    const lower = token.toLowerCase();
    if (!SALUTATIONS.has(lower) && !ACADEMIC.test(token) && !SALUTATION_ONLY.has(lower)) break;
    titleWords.push(token);
    tokens.shift();
  }
  const title = titleWords.length > 0 ? titleWords.join(' ') : undefined;
  const withTitle = (name: ParsedName): ParsedName => (title ? { ...name, title } : name);
  tokens = tokens.filter((token) => /\p{L}/u.test(token)).map(capitalise);
  // "A. Müller": an initial is no name to greet someone with.
  const firstNameOf = (words: string[]) =>
    words.every((word) => /^\p{L}\.?$/u.test(word)) ? undefined : words.join(' ') || undefined;

  if (lastFromComma !== undefined) {
    const lastName = capitalise(lastFromComma);
    const firstName = firstNameOf(tokens);
    return withTitle({ ...(firstName ? { firstName } : {}), lastName, fullName: joinName(tokens.join(' '), lastName) });
  }
  if (tokens.length === 0) return person.email ? parseEmailName(person.email) : {};
  if (tokens.length === 1) {
    const only = tokens[0] ?? '';
    // After "Frau", "Mr" or "Dr." a single word is the family name ("Herr Schmidt"); alone it is how people sign: a
    // first name.
    return withTitle(title ? { lastName: only, fullName: only } : { firstName: only, fullName: only });
  }
  let lastStart = tokens.length - 1;
  for (let i = 1; i < tokens.length - 1; i++) {
    if (PARTICLES.has((tokens[i] ?? '').toLowerCase())) {
      lastStart = i;
      break;
    }
  }
  const firstName = firstNameOf(tokens.slice(0, lastStart));
  const lastName = tokens
    .slice(lastStart)
    .map((token) => (PARTICLES.has(token.toLowerCase()) ? token.toLowerCase() : token))
    .join(' ');
  const fullName = joinName(tokens.slice(0, lastStart).join(' '), lastName);
  return withTitle({ ...(firstName ? { firstName } : {}), lastName, ...(fullName ? { fullName } : {}) });
}

const factsCache = new WeakMap<Conversation, ConversationFacts>();

/**
 * Reads what templates can use from a conversation: the customer's name and the numbers, amounts and dates in the
 * customer's own messages (newest first, so a corrected number wins) and then the subject line.
 * Agent replies and internal notes are not read: numbers there may belong to other customers.
 */
export function extractConversationFacts(conversation: Conversation): ConversationFacts {
  const cached = factsCache.get(conversation);
  if (cached) return cached;

  const customerMessages = conversation.messages.filter((m) => m.role === 'customer' && m.bodyLoaded).reverse();
  const orderNumbers: FoundReference[] = [];
  const invoiceNumbers: FoundReference[] = [];
  const trackingNumbers: FoundTracking[] = [];
  const amounts: ConversationFacts['amounts'] = [];
  const dates: ConversationFacts['dates'] = [];
  const addReferences = (target: FoundReference[], values: string[], messageId?: string) => {
    for (const value of values) {
      if (!target.some((found) => found.value.toUpperCase() === value.toUpperCase())) {
        target.push(messageId ? { value, messageId } : { value });
      }
    }
  };

  for (const message of customerMessages) {
    const facts = extractFromText(message.text);
    addReferences(orderNumbers, facts.orderNumbers, message.id);
    addReferences(invoiceNumbers, facts.invoiceNumbers, message.id);
    for (const tracking of facts.trackingNumbers) {
      if (!trackingNumbers.some((found) => found.value === tracking.value)) {
        trackingNumbers.push({ ...tracking, messageId: message.id });
      }
    }
    amounts.push(...facts.amounts.map((amount) => ({ ...amount, messageId: message.id })));
    dates.push(...facts.dates.map((date) => ({ ...date, messageId: message.id })));
  }
  const subjectFacts = extractFromText(conversation.subject);
  addReferences(orderNumbers, subjectFacts.orderNumbers);
  addReferences(invoiceNumbers, subjectFacts.invoiceNumbers);
  for (const tracking of subjectFacts.trackingNumbers) {
    if (!trackingNumbers.some((found) => found.value === tracking.value)) trackingNumbers.push(tracking);
  }

  const customerAuthor = customerMessages.find((m) => m.author.name || m.author.email)?.author;
  let customer = parseCustomerName(conversation.customer);
  if (!customer.fullName && customerAuthor) customer = parseCustomerName(customerAuthor);
  const customerEmail = conversation.customer.email ?? customerAuthor?.email;

  const facts: ConversationFacts = {
    customer,
    ...(customerEmail ? { customerEmail } : {}),
    orderNumbers,
    invoiceNumbers,
    trackingNumbers,
    amounts,
    dates,
  };
  factsCache.set(conversation, facts);
  return facts;
}
