/**
 * The facts a reply draft may state (issue 19): order and invoice numbers, tracking numbers, amounts, dates and
 * deadlines as the customer wrote them, German and English. Pure: text in, lists out. The number formats themselves
 * are read by the template extractor (lib/replies/templates/extract.ts); this adds what drafts need on top: a bare
 * "#A-55812", deadlines without a date ("by Friday", "bis Montag") and one entry per amount however often it is
 * repeated.
 */
import { englishMonthNames, germanMonthNames } from '../dates';
import type { Conversation } from '../sites/types';
import { extractFromText, parseLocaleNumber } from './templates/extract';

/** What a text or conversation says that a draft may repeat, first mention first, each value once. */
export interface DraftFacts {
  orderNumbers: string[];
  invoiceNumbers: string[];
  trackingNumbers: string[];
  /** As written: "649,00 €", "€129.95". */
  amounts: string[];
  /** Calendar dates as written: "24. November", "2 November". */
  dates: string[];
  /** Deadlines and times without a calendar date: "by Friday", "bis spätestens Montag", "today". */
  deadlines: string[];
}

/** An empty set of facts. */
export function noFacts(): DraftFacts {
  return { orderNumbers: [], invoiceNumbers: [], trackingNumbers: [], amounts: [], dates: [], deadlines: [] };
}

// Shop order numbers printed with a letter prefix ("#A-55812") carry no keyword when the customer pastes them alone.
const bareLetteredOrder = /(?<![\p{L}\d&])#([A-Z]{1,5}-?\d{4,})(?![\p{L}\d])/gu;

const EN_DAY = String.raw`monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|today|the end of (?:the|this|next) (?:day|week|month)|next week|the weekend|\d{1,2}(?:st|nd|rd|th)? (?:${englishMonthNames.join('|')})`;
// "bis heute" is "so far" in German ("Bis heute ist keine Erstattung erfolgt"), never a deadline.
const DE_DAY = String.raw`montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|morgen|heute abend|ende (?:der|dieser|nächster) woche|ende des monats|nächste woche|zum wochenende|wochenende|\d{1,2}\.\s?(?:${germanMonthNames.join('|')})`;
// "by Friday", "no later than Monday", "before the weekend", "within 48 hours", "bis spätestens 24. November" (the
// date is listed with the dates too).
const enDeadline = new RegExp(
  String.raw`(?<![\p{L}])(?:(?:by|until|before|no later than)\s+(?:(?:this|next)\s+)?(?:${EN_DAY})|within\s+(?:\d+|one|two|three|a)\s+(?:hours?|days?|working days?|weeks?))(?![\p{L}])`,
  'giu',
);
const deDeadline = new RegExp(
  String.raw`(?<![\p{L}])(?:(?:bis|vor|spätestens)\s+(?:(?:spätestens|zum|zur|diesen|nächsten|kommenden)\s+)*(?:${DE_DAY})|innerhalb\s+(?:von\s+)?(?:\d+|einer|eines|zwei|drei)\s+(?:stunden?|tagen?|werktagen?|wochen?))(?![\p{L}])`,
  'giu',
);

function addUnique(target: string[], values: Iterable<string>, key: (value: string) => string = (v) => v): void {
  for (const value of values) {
    const k = key(value);
    if (value && !target.some((existing) => key(existing) === k)) target.push(value);
  }
}

function cleanDate(text: string): string {
  // "2 November." at the end of a sentence: the dot belongs to the sentence, not to an abbreviated month.
  return /\p{L}{4,}\.$/u.test(text) ? text.slice(0, -1) : text;
}

/** Finds order, invoice and tracking numbers, amounts, dates and deadlines in one text (German or English). */
export function extractFacts(text: string): DraftFacts {
  const found = extractFromText(text);
  const facts = noFacts();
  const ordered = [...text.matchAll(bareLetteredOrder)].map((match) => ({
    index: match.index ?? 0,
    value: match[1] ?? '',
  }));
  const withHash = (value: string) => (/^[A-Z]{1,5}-?\d/u.test(value) ? `#${value}` : value);
  const orderKey = (value: string) => value.replace(/^#/u, '').toUpperCase();
  addUnique(facts.orderNumbers, found.orderNumbers.map(withHash), orderKey);
  addUnique(
    facts.orderNumbers,
    ordered.map((o) => withHash(o.value)),
    orderKey,
  );
  addUnique(facts.invoiceNumbers, found.invoiceNumbers, (v) => v.toUpperCase());
  addUnique(
    facts.trackingNumbers,
    found.trackingNumbers.map((t) => t.value),
  );
  // "€349" and "€349.00" are one amount: the first spelling is kept.
  addUnique(
    facts.amounts,
    found.amounts.map((amount) => amount.text),
    amountKey,
  );
  addUnique(
    facts.dates,
    found.dates.map((date) => cleanDate(date.text)),
    (v) => v.toLowerCase(),
  );
  const deadlines = [...text.matchAll(enDeadline), ...text.matchAll(deDeadline)]
    .sort((a, b) => (a.index ?? 0) - (b.index ?? 0))
    .map((match) => match[0].replace(/\s+/gu, ' '));
  addUnique(facts.deadlines, deadlines, (v) => v.toLowerCase());
  return facts;
}

/** "€349" and "349,00 €" are one amount. */
function amountKey(text: string): string {
  const currency = /\$|usd/iu.test(text)
    ? 'USD'
    : /£|gbp/iu.test(text)
      ? 'GBP'
      : /chf|fr\.|franken/iu.test(text)
        ? 'CHF'
        : 'EUR';
  const number = /\d[\d.,\s\u00a0\u202f]*/u.exec(text)?.[0].trim() ?? '';
  return `${currency}:${parseLocaleNumber(number) ?? number}`;
}

/** Merges fact lists, earlier lists first, each value once. */
export function mergeFacts(...lists: DraftFacts[]): DraftFacts {
  const merged = noFacts();
  for (const facts of lists) {
    addUnique(merged.orderNumbers, facts.orderNumbers, (v) => v.replace(/^#/u, '').toUpperCase());
    addUnique(merged.invoiceNumbers, facts.invoiceNumbers, (v) => v.toUpperCase());
    addUnique(merged.trackingNumbers, facts.trackingNumbers);
    addUnique(merged.amounts, facts.amounts, amountKey);
    addUnique(merged.dates, facts.dates, (v) => v.toLowerCase());
    addUnique(merged.deadlines, facts.deadlines, (v) => v.toLowerCase());
  }
  return merged;
}

/**
 * The facts of a conversation a draft may repeat: what the customer's own messages say (newest first, so a corrected
 * number wins) and the subject line. Agent replies and internal notes are not read: numbers there may belong to other
 * customers, and a note must never leak into a reply.
 */
export function conversationDraftFacts(conversation: Pick<Conversation, 'messages' | 'subject'>): DraftFacts {
  const customer = conversation.messages
    .filter((message) => message.role === 'customer' && message.bodyLoaded && message.text.trim() !== '')
    .reverse()
    .map((message) => extractFacts(message.text));
  return mergeFacts(...customer, extractFacts(conversation.subject));
}

/** True when nothing was found. */
export function hasNoFacts(facts: DraftFacts): boolean {
  return Object.values(facts).every((list: string[]) => list.length === 0);
}
