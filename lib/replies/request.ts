import { blendIntents, findIntentCues } from '../analysis/intent-cues';
import { detectUrgency } from '../analysis/urgency';
import type { Intent } from '../models/types';

/**
 * What the customer asks for, read from their latest messages (issue 19): the sentences that ask or demand weigh
 * more than background, a condition or a threat ("if it doesn't come by Friday I'll cancel") is not a request, and
 * a fallback ("…or refund me") counts less than the main ask. Pure: text in, ranked intents out.
 */

/** A message as far as request extraction needs it (a `ConversationMessage` fits). */
export interface RequestMessage {
  role: string;
  text: string;
}

/** One intent the customer asks for, with its share of the request (all weights add up to 1). */
export interface ExtractedRequest {
  intent: Intent;
  weight: number;
  /** The words that asked for it most strongly (for reasons and debugging). */
  phrase: string;
}

/** How a piece of a sentence stands towards what the customer wants. */
type SegmentRole = 'main' | 'fallback' | 'condition' | 'consequence';

// Weights of a cue by where it stands. An ask in the main clause is the request; the same words as background
// ("I returned it on the 2nd") count a third; a fallback ("or refund me") less than the main ask; the problem named
// in a condition ("if it doesn't arrive…") still says what worries the customer; the consequence of a condition or
// ultimatum ("…, I'll cancel", "otherwise cancel it") is a threat or a fallback, rarely the request.
const ROLE_WEIGHT: Record<SegmentRole, number> = { main: 1, fallback: 0.45, condition: 0.4, consequence: 0.15 };
const BACKGROUND = 0.35;
/** A cue inside a threat `detectUrgency` found (cancellation, chargeback, legal, review) is pressure, not an ask. */
const THREAT = 0.2;
/** A deed already done ("I returned it", "you cancelled my order") is background, whatever the clause. */
const PAST_DEED = 0.4;
/** A payment provider named in passing ("I paid by PayPal", "a PayPal dispute") is not a payment problem. */
const PROVIDER_MENTION = 0.25;
/** Thanks next to an ask ("Thanks, but…", a sign-off) is politeness; alone, thanks is what the message says. */
const THANKS_BESIDE_ASK = 0.05;

// Recency: the latest customer message, the others since the agent last answered, then the turn before that.
const LATEST = 1;
const SAME_TURN = 0.7;
const EARLIER_TURN = 0.25;
const SUBJECT = 0.25;
const MAX_MESSAGES = 4;

const threatKinds = new Set(['cancellation-threat', 'chargeback-threat', 'legal-threat', 'public-review']);

/**
 * Phrasings the shared intent cues (lib/analysis/intent-cues.ts) do not cover but customers use to ask: a
 * replacement, "when will it arrive", a lost parcel, thanks without an intensifier.
 */
const extraCues: [Intent, RegExp][] = [
  [
    'delivery-delay',
    /\b(still not here|(?:hasn'?t|has not|doesn'?t|does not|didn'?t|did not|won'?t) (?:arrive|come|turn(?:ed)? up)|when (?:will|does) (?:it|my order|the order|the parcel|the package|my parcel|they) (?:arrive|come|be delivered)|delivery date|moving the delivery)\b/i,
  ],
  [
    'delivery-delay',
    /\b(nicht (?:da|angekommen|gekommen|eingetroffen)|wann (?:kommt|ungefähr|genau|endlich)|(?:an)?kommt (?:die|das|sie|es) endlich|liefertermin|lieferdatum|warte \w+ (?:\w+ )?auf (?:meine|die|das|mein) (?:bestellung|lieferung|paket))\b/i,
  ],
  [
    'tracking',
    /\b(where (?:it|my parcel|my package|my order) is|(?:parcel|package) (?:is|seems to be|got) lost|tracking (?:hasn'?t|has not|doesn'?t) (?:moved|updated)|wo (?:ist|bleibt) (?:mein|meine|das|die) (?:paket|bestellung|sendung)|paket(?:nummer)?|sendung (?:ist )?verloren)\b/i,
  ],
  [
    'refund',
    /\b(where is my money|my money|wo bleibt (?:mein|das) geld|mein geld|überweisen sie|zurücküberweis\w*)\b/i,
  ],
  [
    'damaged-or-wrong-item',
    /\b(smashed|shattered|missing from (?:the|my) (?:package|parcel|box|order)|instead of|(?:stopped|stops) working|sent (?:me )?the wrong|the right one|zerbrochen|zersplittert|die richtige|statt (?:der|des|dem|einer|eines|größe)|\w+ bestellt und \w+ bekommen)\b/i,
  ],
  ['return', /\b(return label|retourenschein)\b/i],
  [
    'payment',
    /\b(charged (?:twice|two times)|(?:card|payment) (?:was |keeps being |is )?(?:declined|rejected|refused)|abgelehnt|zweimal abgebucht)\b/i,
  ],
  ['account', /\b(reset (?:e-?mail|link)|kundenkonto|konto löschen|delete my account|close my account)\b/i],
  [
    'order-change',
    /\b(add (?:a|an|another|a second|one more) \w+ to (?:my|the) order|bei meiner bestellung .{0,40}ändern|(?:farbe|größe|menge) .{0,30}ändern)\b/i,
  ],
  ['shipping-address', /\b(umgezogen|moved house|old address|alte adresse)\b/i],
  ['contact', /\b(call me back|ruf(?:t|en sie)? mich (?:bitte )?(?:zurück|an)|on the phone|telefonisch)\b/i],
  ['thank-you', /\b(thank you|thanks|danke|dankeschön|vielen dank)\b/i],
];

/**
 * A replacement is asked for a broken or wrong item, or for a parcel that did not come: which one the message's other
 * cues say (a tracking or delivery cue makes it the parcel).
 */
const replacementCue = /\b(replacement|(?:a )?new one|new \w+ instead|ersatz\w*|neue[ns]? (?:schicken|senden))\b/i;
/** "auf mein Konto" in a sentence about money is the bank account, not the shop account. */
const bankAccount = /\b(?:auf|to|into|on) (?:mein(?:em)?|my) (?:bank ?)?(?:konto|account)\b/i;
const moneyWord = /\b(?:erstatt\w*|überweis\w*|refund\w*|money|geld|betrag|€|\d+,\d\d)/i;
const providerMention = /\b(paypal|credit card|kreditkarte|lastschrift|klarna|käuferschutz\w*)\b/i;
const paymentProblem =
  /\b(charged twice|double charge|declined|failed|rejected|abgelehnt|doppelt|zweimal|fehlgeschlagen|funktioniert nicht|doesn'?t work|won'?t go through)\b/i;
const pastDeed: Partial<Record<Intent, RegExp>> = {
  return:
    /\b(returned|sent (?:it|them|the \w+) back|zurückgeschickt|zurückgesendet|retourniert|(?:rücksendung|retoure|paket) .{0,60}(?:eingegangen|angekommen))\b/i,
  cancellation: /\b(cancell?ed|storniert|gekündigt)\b/i,
  'damaged-or-wrong-item':
    /\b(?:replacement|new one|ersatz\w*|items?)\b.{0,30}\b(?:arrived|came|received|angekommen|kam|erhalten)\b/i,
};

// Words that make a clause an ask: a question, a polite or firm request, a want, an imperative at the start.
const askMarkers =
  /(\?|\b(?:please|pls|could you|can you|would you|will you|can i|could i|how do i|how can i|i want|i'd like|i would like|i need|i expect|i demand|i request|i ask you|send me|give me|let me know|tell me|fix (?:it|this)|is there any way|bitte|können sie|könnten sie|kannst du|könntest du|könnt ihr|ich möchte|ich will|ich hätte gern|ich würde gern|ich brauche?|ich erwarte|ich fordere|schicken sie|senden sie|geht das|was kann ich)\b)/i;
const imperativeStart =
  /^\s*(?:(?:and|und|also|so|then|dann|just|einfach)\s+)*(?:cancel|send|refund|fix|change|check|call|give|return|replace|exchange|stornier\w*|schick\w*|send\w*|erstatte\w*|überweis\w*|änder\w*|ruf\w*|tausch\w*)\b/i;

// Markers that split a sentence into the main clause and what depends on it.
const splitter =
  /\s*(?:,\s*)?\b(if|unless|wenn|falls|sofern|otherwise|or else|else|sonst|andernfalls|ansonsten|notfalls|or at least|or just|or|oder|alternatively|alternativ)\b\s*/gi;
const conditionWords = new Set(['if', 'unless', 'wenn', 'falls', 'sofern']);
const ultimatumWords = new Set(['otherwise', 'or else', 'else', 'sonst', 'andernfalls', 'ansonsten']);
// Where the consequence of an "if" clause starts when no comma marks it ("If it isn't here by Friday I'll cancel").
const consequenceStart =
  /,|\b(?:i'll|i will|i'm going to|i am going to|we'll|then|dann|ich werde|werde ich|storniere ich|kündige ich)\b/i;

interface Segment {
  text: string;
  role: SegmentRole;
  /** Offset of the segment in its message. */
  start: number;
}

function splitSentences(text: string): { text: string; start: number }[] {
  const sentences: { text: string; start: number }[] = [];
  // A German date ("seit dem 3. bei Ihnen") does not end a sentence; the stand-in keeps every offset.
  const marked = text.replace(/(\d)\.(?= [a-zäöüß\d])/g, '$1·');
  const pattern = /[^.!?…\n]+[.!?…]*/g;
  for (let match = pattern.exec(marked); match; match = pattern.exec(marked)) {
    if (match[0].trim())
      sentences.push({ text: text.slice(match.index, match.index + match[0].length), start: match.index });
  }
  return sentences;
}

/** Splits one sentence at conditions, ultimatums and fallbacks, giving each piece its role. */
function splitSegments(sentence: string, offset: number): Segment[] {
  const segments: Segment[] = [];
  let role: SegmentRole = 'main';
  let from = 0;
  const push = (end: number, nextRole: SegmentRole, nextFrom: number) => {
    const text = sentence.slice(from, end);
    if (text.trim()) {
      if (role === 'condition') {
        // The "if" clause names the worry; what follows it in the same piece is the consequence.
        const cut = consequenceStart.exec(text);
        if (cut && cut.index > 0) {
          segments.push({ text: text.slice(0, cut.index), role: 'condition', start: offset + from });
          segments.push({ text: text.slice(cut.index), role: 'consequence', start: offset + from + cut.index });
        } else segments.push({ text, role, start: offset + from });
      } else segments.push({ text, role, start: offset + from });
    }
    role = nextRole;
    from = nextFrom;
  };
  splitter.lastIndex = 0;
  for (let match = splitter.exec(sentence); match; match = splitter.exec(sentence)) {
    const word = (match[1] ?? '').toLowerCase();
    const next: SegmentRole = conditionWords.has(word)
      ? 'condition'
      : ultimatumWords.has(word)
        ? 'consequence'
        : // A fallback of a condition or a threat stays what it was ("if I don't get a replacement or a refund").
          role === 'main' || role === 'fallback'
          ? 'fallback'
          : role;
    push(match.index, next, match.index + match[0].length);
  }
  push(sentence.length, role, sentence.length);
  return segments;
}

function cuesIn(text: string, parcelMessage: boolean): Map<Intent, number> {
  const found = findIntentCues(text);
  for (const [intent, pattern] of extraCues) {
    if (pattern.test(text)) found.set(intent, (found.get(intent) ?? 0) + 1);
  }
  if (replacementCue.test(text)) {
    const intent: Intent = parcelMessage ? 'delivery-delay' : 'damaged-or-wrong-item';
    found.set(intent, (found.get(intent) ?? 0) + 1);
  }
  if (found.has('account') && bankAccount.test(text) && moneyWord.test(text)) found.delete('account');
  return found;
}

interface Contribution {
  intent: Intent;
  weight: number;
  phrase: string;
  isThanks: boolean;
}

function readMessage(text: string, recency: number): Contribution[] {
  const threats = detectUrgency(text).reasons.filter((reason) => threatKinds.has(reason.kind));
  const inThreat = (start: number, end: number) => threats.some((threat) => threat.start < end && threat.end > start);
  const contributions: Contribution[] = [];
  const cues = findIntentCues(text);
  const parcelMessage = (cues.has('tracking') || cues.has('delivery-delay')) && !cues.has('damaged-or-wrong-item');
  for (const sentence of splitSentences(text)) {
    const sentenceAsks = askMarkers.test(sentence.text);
    for (const segment of splitSegments(sentence.text, sentence.start)) {
      const cues = cuesIn(segment.text, parcelMessage);
      if (cues.size === 0) continue;
      // Thanks is never phrased as an ask, yet alone it is what the message is for.
      const isAsk =
        askMarkers.test(segment.text) || imperativeStart.test(segment.text) || sentenceAsks || cues.has('thank-you');
      let weight = ROLE_WEIGHT[segment.role] * recency;
      if (segment.role === 'main' || segment.role === 'fallback') weight *= isAsk ? 1 : BACKGROUND;
      // A threat (a cancellation, a chargeback, a review) is pressure; the worry under it is the request.
      const threatened = inThreat(segment.start, segment.start + segment.text.length);
      const total = [...cues.values()].reduce((a, b) => a + b, 0);
      for (const [intent, hits] of cues) {
        let share = weight * (0.5 + (0.5 * hits) / total);
        if (threatened && (intent === 'cancellation' || intent === 'payment' || intent === 'complaint'))
          share *= THREAT;
        if (pastDeed[intent]?.test(segment.text)) share *= PAST_DEED;
        if (intent === 'payment' && providerMention.test(segment.text) && !paymentProblem.test(segment.text))
          share *= PROVIDER_MENTION;
        contributions.push({ intent, weight: share, phrase: segment.text.trim(), isThanks: intent === 'thank-you' });
      }
    }
  }
  return contributions;
}

/**
 * The customer's messages that carry the request: the latest one, the others since the agent last answered, and the
 * latest of the turn before, each with its recency weight.
 */
function recentCustomerMessages(messages: readonly RequestMessage[]): { text: string; recency: number }[] {
  const picked: { text: string; recency: number }[] = [];
  let turn = 0;
  for (let i = messages.length - 1; i >= 0 && picked.length < MAX_MESSAGES; i--) {
    const message = messages[i];
    if (!message) continue;
    if (message.role === 'agent' && picked.length > 0 && ++turn > 1) break;
    if (message.role !== 'customer' || !message.text.trim()) continue;
    if (turn === 1) {
      picked.push({ text: message.text, recency: EARLIER_TURN });
      break;
    }
    picked.push({ text: message.text, recency: picked.length === 0 ? LATEST : SAME_TURN });
  }
  return picked;
}

/**
 * The customer's requests across their latest messages, main ask first, with weights that add up to 1 (empty when
 * no message names anything the taxonomy knows). Conditions and threats found by `detectUrgency` count as pressure,
 * not as asks; fallbacks ("…or refund me") count less than the main ask; thanks beside an ask is politeness.
 */
export function extractRequests(messages: readonly RequestMessage[], subject = ''): ExtractedRequest[] {
  const contributions = recentCustomerMessages(messages).flatMap(({ text, recency }) => readMessage(text, recency));
  if (subject.trim()) contributions.push(...readMessage(subject, SUBJECT));
  const hasOtherAsk = contributions.some((c) => !c.isThanks && c.weight >= 0.3);
  const byIntent = new Map<Intent, { weight: number; phrase: string; best: number }>();
  for (const c of contributions) {
    const weight = c.isThanks && hasOtherAsk ? c.weight * THANKS_BESIDE_ASK : c.weight;
    const entry = byIntent.get(c.intent) ?? { weight: 0, phrase: c.phrase, best: 0 };
    entry.weight += weight;
    if (weight > entry.best) {
      entry.best = weight;
      entry.phrase = c.phrase;
    }
    byIntent.set(c.intent, entry);
  }
  const total = [...byIntent.values()].reduce((sum, entry) => sum + entry.weight, 0);
  if (total <= 0) return [];
  return [...byIntent.entries()]
    .map(([intent, entry]) => ({ intent, weight: entry.weight / total, phrase: entry.phrase }))
    .sort((a, b) => b.weight - a.weight);
}

/**
 * The customer's latest words, where the intent model looks for what they want: the last two customer messages,
 * at most 2,000 characters.
 */
export function latestCustomerText(messages: readonly RequestMessage[]): string {
  return messages
    .filter((message) => message.role === 'customer' && message.text.trim())
    .slice(-2)
    .map((message) => message.text)
    .join('\n')
    .slice(-2000);
}

/**
 * Blends the intent model's scores with the extracted request, request first: each intent's score is
 * `requestWeight · request + (1 − requestWeight) · model`, normalised, highest first. Without a request the model
 * decides alone.
 */
export function blendRequestIntents(
  model: readonly { intent: Intent; p: number }[],
  requests: readonly ExtractedRequest[],
  requestWeight = 0.75,
): { intent: Intent; p: number }[] {
  if (requests.length === 0) return [...model];
  const scores = new Map<Intent, number>();
  for (const { intent, p } of model) scores.set(intent, (1 - requestWeight) * p);
  for (const { intent, weight } of requests) scores.set(intent, (scores.get(intent) ?? 0) + requestWeight * weight);
  const total = [...scores.values()].reduce((a, b) => a + b, 0) || 1;
  return [...scores.entries()].map(([intent, p]) => ({ intent, p: p / total })).sort((a, b) => b.p - a.p);
}

/**
 * The intents reply suggestions rank by (what the analysis worker returns as `intents`): the extracted request
 * blended with the intent model's scores for `latestCustomerText`, request first; with no request found, the model's
 * scores blended with the intent cues of that text as before.
 */
export function suggestionIntents(
  model: readonly { intent: Intent; p: number }[],
  messages: readonly RequestMessage[],
  subject = '',
): { intent: Intent; p: number }[] {
  const requests = extractRequests(messages, subject);
  if (requests.length > 0) return blendRequestIntents(model, requests);
  return blendIntents(model, latestCustomerText(messages) || subject);
}
