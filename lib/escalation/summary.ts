import type {
  ConversationMood,
  Emotion,
  SentimentLabel,
  Trajectory,
  UrgencyLevel,
  UrgencyReasonKind,
} from '../analysis/types';
import { emotionOfState } from '../analysis/verdict';
import type { Intent } from '../models/types';
import type { Conversation, ConversationMessage, Person, SiteId } from '../sites/types';
import { formatScore } from './format';
import { labelEmotion, labelIntent, labelTrajectory, labelUrgency, labelUrgencyReason } from './labels';
import {
  findPersonalData,
  isPersonalReference,
  type MaskOptions,
  maskPersonalData,
  type PersonalDataSpan,
} from './mask';
import type { EscalationLanguage, EscalationReason, EscalationReasonKind } from './types';

/** Remedies an agent may already have offered, found in the agent's replies. */
export type Offer = 'refund' | 'replacement' | 'voucher' | 'discount' | 'return-label';

/** Everything a team lead needs to take over, as data (webhook payloads) and as the source of the plain text. */
export interface HandoffSummary {
  lang: EscalationLanguage;
  site: SiteId;
  conversationId: string;
  customer: Person;
  subject: string;
  link: string;
  mood: {
    emotion: Emotion;
    emotionLabel: string;
    sentiment: SentimentLabel;
    /** −1…1 */
    score: number;
    trajectory: Trajectory;
    trajectoryLabel: string;
    /** Sentiment score of each customer message, oldest first. */
    series: number[];
    confidence: number;
  };
  urgency: {
    level: UrgencyLevel;
    levelLabel: string;
    reasons: { kind: UrgencyReasonKind; label: string; phrase: string }[];
  };
  reasons: { kind: EscalationReasonKind; text: string }[];
  intent?: { intent: Intent; label: string };
  /** The gist of each agent reply so far: its first sentence that is not a greeting or a thank-you. */
  tried: { messageId: string; sentence: string }[];
  offers: { offer: Offer; label: string }[];
  orderNumbers: string[];
  lastCustomerMessage?: { messageId: string; text: string; time?: string; truncated: boolean };
  note: string;
  agent?: Person;
  /** ISO 8601 */
  createdAt: string;
}

export interface HandoffInput {
  conversation: Conversation;
  mood: ConversationMood;
  reasons: EscalationReason[];
  lang: EscalationLanguage;
  /** What the customer wants, from the intent classifier. */
  intent?: Intent;
  /** Order numbers the caller already knows (a helpdesk field); merged with the ones found in the text. */
  orderNumbers?: string[];
  /** The agent's note to the team lead. */
  note?: string;
  now?: number;
}

const lastMessageMaxLength = 400;
const triedSentenceMaxLength = 160;

const offerPatterns: { offer: Offer; pattern: RegExp; en: string; de: string }[] = [
  {
    offer: 'refund',
    pattern: /\brefund|\breimburs|money back|erstatt|geld zurück|rückzahlung|zurücküberwei/i,
    en: 'refund',
    de: 'Erstattung',
  },
  {
    offer: 'replacement',
    pattern:
      /\breplacement|\bresend|\bre-send|send (?:you )?a new|\bersatz|neu (?:zu )?(?:ver)?senden|nachliefer|austausch/i,
    en: 'replacement',
    de: 'Ersatz',
  },
  { offer: 'voucher', pattern: /\bvoucher|\bcoupon|gift card|gutschein/i, en: 'voucher', de: 'Gutschein' },
  { offer: 'discount', pattern: /\bdiscount|\brabatt|preisnachlass/i, en: 'discount', de: 'Rabatt' },
  {
    offer: 'return-label',
    pattern: /return label|return shipping label|retourenschein|rücksendeetikett|retourenlabel|retourenetikett/i,
    en: 'return label',
    de: 'Rücksendeetikett',
  },
];

const greetingLine =
  /^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|hallo|guten (?:tag|morgen|abend)|sehr geehrte[rs]?|liebe[rs]?|moin|servus|grüß gott)\b[^.!?\n]{0,60}[,!]?$/i;
const lowInformationSentence =
  /^(?:thanks?\b|thank you|many thanks|vielen dank|danke|herzlichen dank|besten dank|i hope you(?:'re| are) well|ich hoffe|(?:we|i)(?:'re|'m| are| am)? (?:so |very |really |truly )?sorry\b|sorry\b|(?:we |i |my |our )?apolog|es tut (?:mir|uns) (?:sehr |wirklich |aufrichtig )?leid|(?:wir )?entschuldig)/i;

// "order 12345", "Bestellnummer: A-12345", "Auftrags-Nr. 4711-2020", "order no. #12345".
const keywordOrderPattern =
  /\b(?:order|bestellnummer|bestell-?nr\.?|bestellung|auftragsnummer|auftrags-?nr\.?|auftrag)(?:\s*(?:no\.?|nr\.?|number|nummer|id))?\s*[:#]?\s*#?\s*([A-Z0-9][A-Z0-9-]{3,24})/gi;
// "#12345", "#AB-12345": a hash and at least four digits.
const hashOrderPattern = /#([A-Z]{0,4}-?\d{4,20})\b/gi;

/** Whether `start`…`end` overlaps one of the sorted, disjoint `spans` (binary search: texts can hold many). */
function overlapsPersonalData(spans: readonly PersonalDataSpan[], start: number, end: number): boolean {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((spans[middle]?.end ?? 0) <= start) low = middle + 1;
    else high = middle;
  }
  const span = spans[low];
  return span !== undefined && span.start < end;
}

/**
 * Order numbers mentioned in texts, in order of first mention, without duplicates. A number written after an order
 * word that is in fact a phone, card or IBAN ("Bestellung 0171 2345678") is personal data, never an order number.
 */
export function findOrderNumbers(texts: readonly string[]): string[] {
  const found: string[] = [];
  for (const text of texts) {
    const personal = findPersonalData(text);
    const add = (match: RegExpMatchArray): void => {
      const candidate = match[1];
      if (candidate === undefined || match.index === undefined) return;
      const start = match.index + match[0].length - candidate.length;
      const end = start + candidate.length;
      if (overlapsPersonalData(personal, start, end)) return;
      const value = candidate.replace(/-+$/, '').toUpperCase();
      // A number, not a word: "order was late" has no digits, "Bestellung vom 12.03." too few.
      if ((value.match(/\d/g)?.length ?? 0) < 4 || isPersonalReference(value)) return;
      if (!found.includes(value)) found.push(value);
    };
    for (const match of text.matchAll(keywordOrderPattern)) add(match);
    for (const match of text.matchAll(hashOrderPattern)) add(match);
  }
  return found;
}

function flatten(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function truncateAtWord(text: string, max: number): { text: string; truncated: boolean } {
  if (text.length <= max) return { text, truncated: false };
  const cut = text.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return { text: `${(lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`, truncated: true };
}

/** The gist of an agent reply: its first sentence after the greeting that is not a pleasantry. */
export function condenseReply(text: string): string {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  while (lines.length > 1 && greetingLine.test(lines[0] ?? '')) lines.shift();
  const sentences = flatten(lines.join(' '))
    .split(/(?<=[.!?])\s+/)
    .filter(Boolean);
  const gist = sentences.find((sentence) => !lowInformationSentence.test(sentence)) ?? sentences[0] ?? '';
  return truncateAtWord(gist, triedSentenceMaxLength).text;
}

function isAnswer(message: ConversationMessage): boolean {
  return message.role === 'agent' && message.bodyLoaded && message.text.trim() !== '';
}

/** Builds the handoff summary of a conversation about to be escalated. */
export function buildHandoffSummary(input: HandoffInput): HandoffSummary {
  const { conversation, mood, lang } = input;
  const answers = conversation.messages.filter(isAnswer);
  const offers = offerPatterns
    .filter(({ pattern }) => answers.some((message) => pattern.test(message.text)))
    .map(({ offer, en, de }) => ({ offer, label: lang === 'de' ? de : en }));
  const orderNumbers = [
    ...new Set([
      ...(input.orderNumbers ?? []).map((order) => order.trim().replace(/^#/, '').toUpperCase()).filter(Boolean),
      ...findOrderNumbers([conversation.subject, ...conversation.messages.map((message) => message.text)]),
    ]),
  ];
  const lastCustomer = [...conversation.messages]
    .reverse()
    .find((message) => message.role === 'customer' && message.bodyLoaded && message.text.trim() !== '');
  const lastText = lastCustomer ? truncateAtWord(flatten(lastCustomer.text), lastMessageMaxLength) : undefined;
  const time = lastCustomer?.timeText ?? lastCustomer?.time;
  const customer: Person = { ...conversation.customer };
  if (!customer.email) {
    const email = conversation.messages.find((message) => message.role === 'customer' && message.author.email)?.author
      .email;
    if (email) customer.email = email;
  }

  const summary: HandoffSummary = {
    lang,
    site: conversation.site,
    conversationId: conversation.id,
    customer,
    subject: conversation.subject,
    link: conversation.url,
    mood: {
      // The verdict the panel and badge show, not the raw top emotion.
      emotion: emotionOfState(mood.current.state),
      emotionLabel: labelEmotion(emotionOfState(mood.current.state), lang),
      sentiment: mood.current.sentiment.label,
      score: mood.current.sentiment.score,
      trajectory: mood.trajectory,
      trajectoryLabel: labelTrajectory(mood.trajectory, lang),
      series: [...mood.series],
      confidence: mood.confidence,
    },
    urgency: {
      level: mood.urgency.level,
      levelLabel: labelUrgency(mood.urgency.level, lang),
      reasons: mood.urgency.reasons.map((reason) => ({
        kind: reason.kind,
        label: labelUrgencyReason(reason.kind, lang),
        phrase: reason.phrase,
      })),
    },
    reasons: input.reasons.map((reason) => ({ kind: reason.kind, text: reason.text })),
    tried: answers.map((message) => ({ messageId: message.id, sentence: condenseReply(message.text) })),
    offers,
    orderNumbers,
    note: input.note?.trim() ?? '',
    createdAt: new Date(input.now ?? Date.now()).toISOString(),
  };
  if (input.intent) summary.intent = { intent: input.intent, label: labelIntent(input.intent, lang) };
  if (lastCustomer && lastText) {
    summary.lastCustomerMessage = { messageId: lastCustomer.id, text: lastText.text, truncated: lastText.truncated };
    if (time) summary.lastCustomerMessage.time = time;
  }
  if (conversation.agent) summary.agent = { ...conversation.agent };
  return summary;
}

const headings = {
  en: {
    title: 'Escalation',
    customer: 'Customer',
    subject: 'Subject',
    link: 'Link',
    mood: 'Mood',
    over: (count: number) => `over ${count} messages`,
    urgency: 'Urgency',
    why: 'Why escalate',
    wants: 'Wants',
    tried: 'Already tried',
    nothingTried: 'no agent reply yet',
    offered: 'Offered',
    orders: 'Orders',
    note: 'Note from the agent',
    agent: 'Agent',
    last: 'Last customer message',
    unknownCustomer: 'unknown customer',
    noSubject: '(no subject)',
  },
  de: {
    title: 'Eskalation',
    customer: 'Kunde',
    subject: 'Betreff',
    link: 'Link',
    mood: 'Stimmung',
    over: (count: number) => `über ${count} Nachrichten`,
    urgency: 'Dringlichkeit',
    why: 'Warum eskalieren',
    wants: 'Möchte',
    tried: 'Bereits versucht',
    nothingTried: 'noch keine Antwort vom Support',
    offered: 'Angeboten',
    orders: 'Bestellungen',
    note: 'Notiz vom Agenten',
    agent: 'Agent',
    last: 'Letzte Kundennachricht',
    unknownCustomer: 'unbekannter Kunde',
    noSubject: '(kein Betreff)',
  },
} as const;

function formatPerson(person: Person | undefined): string {
  if (!person) return '';
  if (person.name && person.email) return `${person.name} <${person.email}>`;
  return person.name ?? person.email ?? '';
}

function quoted(text: string, lang: EscalationLanguage): string {
  return lang === 'de' ? `„${text}“` : `"${text}"`;
}

/**
 * The summary as plain text, most important first: who, what, how they feel and why it is escalated in the first
 * lines, the detail below. Used for the internal note, the email body, the clipboard and the webhook's `{{summary}}`.
 */
export function renderHandoffText(summary: HandoffSummary): string {
  const lang = summary.lang;
  const h = headings[lang];
  const who = formatPerson(summary.customer) || h.unknownCustomer;
  const subject = summary.subject.trim() || h.noSubject;
  const lines: string[] = [`${h.title}: ${subject} — ${summary.customer.name ?? who}`];
  lines.push(`${h.customer}: ${who}`);
  lines.push(`${h.subject}: ${subject}`);
  if (summary.link) lines.push(`${h.link}: ${summary.link}`);

  const series = summary.mood.series;
  const trend =
    series.length >= 2
      ? ` (${formatScore(series[0] ?? 0, lang)} → ${formatScore(series[series.length - 1] ?? 0, lang)} ${h.over(series.length)})`
      : '';
  lines.push(
    `${h.mood}: ${summary.mood.emotionLabel}, ${formatScore(summary.mood.score, lang)}, ${summary.mood.trajectoryLabel}${trend}`,
  );
  const urgencyReasons = summary.urgency.reasons.map((reason) => `${reason.label} ${quoted(reason.phrase, lang)}`);
  lines.push(
    `${h.urgency}: ${summary.urgency.levelLabel}${urgencyReasons.length > 0 ? ` — ${urgencyReasons.join('; ')}` : ''}`,
  );
  if (summary.intent) lines.push(`${h.wants}: ${summary.intent.label}`);
  if (summary.orderNumbers.length > 0) lines.push(`${h.orders}: ${summary.orderNumbers.join(', ')}`);
  if (summary.reasons.length > 0) {
    lines.push(`${h.why}:`);
    for (const reason of summary.reasons) lines.push(`- ${reason.text}`);
  }
  if (summary.note) lines.push(`${h.note}: ${summary.note}`);
  if (summary.tried.length === 0) {
    lines.push(`${h.tried}: ${h.nothingTried}`);
  } else {
    lines.push(`${h.tried}:`);
    for (const entry of summary.tried) lines.push(`- ${entry.sentence}`);
  }
  if (summary.offers.length > 0) lines.push(`${h.offered}: ${summary.offers.map((offer) => offer.label).join(', ')}`);
  if (summary.agent) {
    const agent = formatPerson(summary.agent);
    if (agent) lines.push(`${h.agent}: ${agent}`);
  }
  if (summary.lastCustomerMessage) {
    const time = summary.lastCustomerMessage.time ? ` (${summary.lastCustomerMessage.time})` : '';
    lines.push(`${h.last}${time}:`);
    lines.push(quoted(summary.lastCustomerMessage.text, lang));
  }
  return lines.join('\n');
}

/**
 * A copy of the summary with emails, phone numbers, IBANs and card numbers masked in every text the customer or agent
 * wrote. Order numbers stay, except any that validates as personal data (a helpdesk field holding a phone number).
 */
export function maskHandoffSummary(summary: HandoffSummary): HandoffSummary {
  const orderNumbers = summary.orderNumbers.filter((order) => !isPersonalReference(order));
  const options: MaskOptions = { keep: orderNumbers };
  const mask = (text: string): string => maskPersonalData(text, options);
  const masked: HandoffSummary = {
    ...summary,
    orderNumbers,
    customer: {},
    subject: mask(summary.subject),
    link: mask(summary.link),
    urgency: {
      ...summary.urgency,
      reasons: summary.urgency.reasons.map((reason) => ({ ...reason, phrase: mask(reason.phrase) })),
    },
    reasons: summary.reasons.map((reason) => ({ ...reason, text: mask(reason.text) })),
    tried: summary.tried.map((entry) => ({ ...entry, sentence: mask(entry.sentence) })),
    note: mask(summary.note),
  };
  if (summary.customer.name) masked.customer.name = mask(summary.customer.name);
  if (summary.customer.email) masked.customer.email = mask(summary.customer.email);
  if (summary.agent) {
    masked.agent = { ...summary.agent };
    if (summary.agent.email) masked.agent.email = mask(summary.agent.email);
  }
  if (summary.lastCustomerMessage) {
    masked.lastCustomerMessage = { ...summary.lastCustomerMessage, text: mask(summary.lastCustomerMessage.text) };
  }
  return masked;
}
