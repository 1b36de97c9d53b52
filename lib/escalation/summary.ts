import type {
  ConversationMood,
  Emotion,
  SentimentLabel,
  Trajectory,
  UrgencyLevel,
  UrgencyReasonKind,
} from '../analysis/types';
import { emotionOfState } from '../analysis/verdict';
import { createTranslator, tPlural } from '../i18n';
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

// Named in the note by the catalogue's `handoff.offer.<offer>` keys.
const offerPatterns: { offer: Offer; pattern: RegExp }[] = [
  {
    offer: 'refund',
    pattern: /\brefund|\breimburs|money back|erstatt|geld zurück|rückzahlung|zurücküberwei/i,
  },
  {
    offer: 'replacement',
    pattern:
      /\breplacement|\bresend|\bre-send|send (?:you )?a new|\bersatz|neu (?:zu )?(?:ver)?senden|nachliefer|austausch/i,
  },
  { offer: 'voucher', pattern: /\bvoucher|\bcoupon|gift card|gutschein/i },
  { offer: 'discount', pattern: /\bdiscount|\brabatt|preisnachlass/i },
  {
    offer: 'return-label',
    pattern: /return label|return shipping label|retourenschein|rücksendeetikett|retourenlabel|retourenetikett/i,
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
  const t = createTranslator(lang);
  const answers = conversation.messages.filter(isAnswer);
  const offers = offerPatterns
    .filter(({ pattern }) => answers.some((message) => pattern.test(message.text)))
    .map(({ offer }) => ({ offer, label: t(`handoff.offer.${offer}`) }));
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

function formatPerson(person: Person | undefined): string {
  if (!person) return '';
  if (person.name && person.email) return `${person.name} <${person.email}>`;
  return person.name ?? person.email ?? '';
}

function quoted(text: string, lang: EscalationLanguage): string {
  return createTranslator(lang)('handoff.quoted', { text });
}

/**
 * The summary as plain text, most important first: who, what, how they feel and why it is escalated in the first
 * lines, the detail below. Used for the internal note, the email body, the clipboard and the webhook's `{{summary}}`.
 */
export function renderHandoffText(summary: HandoffSummary): string {
  const lang = summary.lang;
  const t = createTranslator(lang);
  const who = formatPerson(summary.customer) || t('handoff.unknownCustomer');
  const subject = summary.subject.trim() || t('handoff.noSubject');
  const lines: string[] = [`${t('handoff.title')}: ${subject} — ${summary.customer.name ?? who}`];
  lines.push(`${t('handoff.customer')}: ${who}`);
  lines.push(`${t('handoff.subject')}: ${subject}`);
  if (summary.link) lines.push(`${t('handoff.link')}: ${summary.link}`);

  const series = summary.mood.series;
  const trend =
    series.length >= 2
      ? ` (${formatScore(series[0] ?? 0, lang)} → ${formatScore(series[series.length - 1] ?? 0, lang)} ${tPlural(lang, 'handoff.over', series.length)})`
      : '';
  lines.push(
    `${t('handoff.mood')}: ${summary.mood.emotionLabel}, ${formatScore(summary.mood.score, lang)}, ${summary.mood.trajectoryLabel}${trend}`,
  );
  const urgencyReasons = summary.urgency.reasons.map((reason) => `${reason.label} ${quoted(reason.phrase, lang)}`);
  lines.push(
    `${t('handoff.urgency')}: ${summary.urgency.levelLabel}${urgencyReasons.length > 0 ? ` — ${urgencyReasons.join('; ')}` : ''}`,
  );
  if (summary.intent) lines.push(`${t('handoff.wants')}: ${summary.intent.label}`);
  if (summary.orderNumbers.length > 0) lines.push(`${t('handoff.orders')}: ${summary.orderNumbers.join(', ')}`);
  if (summary.reasons.length > 0) {
    lines.push(`${t('handoff.why')}:`);
    for (const reason of summary.reasons) lines.push(`- ${reason.text}`);
  }
  if (summary.note) lines.push(`${t('handoff.note')}: ${summary.note}`);
  if (summary.tried.length === 0) {
    lines.push(`${t('handoff.tried')}: ${t('handoff.nothingTried')}`);
  } else {
    lines.push(`${t('handoff.tried')}:`);
    for (const entry of summary.tried) lines.push(`- ${entry.sentence}`);
  }
  if (summary.offers.length > 0)
    lines.push(`${t('handoff.offered')}: ${summary.offers.map((offer) => offer.label).join(', ')}`);
  if (summary.agent) {
    const agent = formatPerson(summary.agent);
    if (agent) lines.push(`${t('handoff.agent')}: ${agent}`);
  }
  if (summary.lastCustomerMessage) {
    const time = summary.lastCustomerMessage.time ? ` (${summary.lastCustomerMessage.time})` : '';
    lines.push(`${t('handoff.last')}${time}:`);
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
