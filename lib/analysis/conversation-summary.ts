import type { Conversation, ConversationMessage } from '../sites/types';
import { detectLanguage } from './language';
import { overlapsAny, quotedRanges } from './quoted';
import { type Sentence, splitSentences } from './sentences';

/**
 * The two-to-three-line summary at the top of the panel: what the customer wants, what has happened, what is still
 * open. Extractive on purpose: every line is a sentence of one message, quoted as written (clipped at a word when
 * long) and pointing back at it, so nothing in the summary can be invented — a summary that promised a refund the
 * agent never gave would be worse than none.
 */

/**
 * `request`: what the customer wants; `said`: what the customer wrote when no sentence asks for anything (thanks,
 * praise, a sarcastic sigh), so it is not passed off as a request; `happened`: the latest thing done or reported;
 * `open`: what still waits.
 */
export type SummaryLineKind = 'request' | 'said' | 'happened' | 'open';

/** One line of the summary: `text` is `message.text.slice(start, end)` of the message `messageId` (clipped if `clipped`). */
export interface SummaryLine {
  kind: SummaryLineKind;
  /** Who wrote the sentence: the customer's own words or the agent's. */
  by: 'customer' | 'agent';
  messageId: string;
  text: string;
  start: number;
  end: number;
  clipped: boolean;
}

/**
 * Where the conversation stands when no sentence says it: nobody has answered the customer yet, the customer has
 * written again since the last answer, or the last word was the agent's and the customer has not replied.
 */
export type SummaryStatus = 'unanswered' | 'customer-waiting' | 'waiting-on-customer' | 'empty';

export interface ConversationSummary {
  lines: SummaryLine[];
  status: SummaryStatus;
  /** How the lines were made; a reply-model summary would say `model`. */
  source: 'extractive';
}

const maxLineLength = 160;

/** Greeting lines and sign-offs: never the gist of a message. */
const greeting =
  /^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|hallo|huhu|guten (?:tag|morgen|abend)|sehr geehrte[rs]?|liebe[rs]?|moin|servus|grüß gott|grüezi)\b[^.!?]{0,40}[,!]?$/i;
const signOff =
  /^(?:(?:best|kind|warm|many)? ?regards|best|cheers|thanks(?: again| in advance)?|thank you(?: in advance)?|sincerely|yours|(?:mit )?(?:freundlichen|besten|vielen|lieben|herzlichen|schönen)? ?grüße?n?|mfg|lg|vg|beste grüße|danke(?: im voraus| schön)?|vielen dank(?: im voraus)?)\b[^.!?]{0,40}[,!.]?$/i;
/** Pleasantries and apologies: true, and empty of content. */
const pleasantry =
  /^(?:thanks?\b|thank you|many thanks|vielen dank|danke|herzlichen dank|besten dank|i hope you(?:'re| are) well|ich hoffe|hope this helps|(?:we|i)(?:'re|'m| are| am)? (?:so |very |really |truly )?sorry\b|sorry\b|(?:we |i |my |our )?apolog|es tut (?:mir|uns) (?:sehr |wirklich |aufrichtig )?leid|(?:wir )?entschuldig|(?:please )?(?:let me|let us) know if|(?:lassen sie|lass) (?:mich|uns) wissen,? (?:ob|falls)|(?:bei fragen|if you have any (?:other |further )?questions)|(?:thank you|thanks|danke) for (?:your|contacting|reaching)|(?:danke|vielen dank) für (?:ihre|deine|eure) (?:nachricht|geduld|anfrage|mail|e-mail))/i;

/** A question: the strongest sign of what a customer wants to know. */
const questionCue = /\?/;
/** A customer asking for something: a polite or blunt request, a demand, a wish. */
const requestCue =
  /\b(?:please|pls|plz|(?:can|could|would|will) (?:you|u)|what (?:are|will) (?:you|u) (?:going to|gonna) do|i (?:want|need|would like|'d like|expect|demand)|i'd like|i want|when (?:will|can|do|does|is)|where is|how (?:do|can) i|bitte|bitten|könnten sie|können sie|kannst du|könntest du|könnt ihr|würden sie|ich (?:möchte|will|brauche|hätte gerne?|erwarte|verlange|bitte)|wann (?:kommt|wird|kann|bekomme)|wo (?:ist|bleibt)|wie kann ich)\b/i;
/** What a support request is about. */
const topicCue =
  /\b(?:refund|money back|return|exchange|replace|replacement|order|delivery|deliver|parcel|package|shipment|tracking|invoice|bill|charge|cancel|account|password|warranty|broken|damaged|missing|wrong|erstatt|geld zurück|rücksend|retoure|umtausch|ersatz|bestell|lieferung|geliefert|paket|sendung|rechnung|abbuch|storn|kündig|konto|passwort|garantie|kaputt|beschädigt|defekt|fehlt|falsch)/i;
/** Something that happened: done by the agent, or reported by the customer. */
const eventCue =
  /\b(?:i have|i've|we have|we've|has been|have been|was|were|arrived|received|sent|shipped|refunded|issued|ordered|returned|cancel(?:l)?ed|created|booked|charged|still (?:not|hasn'?t|haven'?t|isn'?t)|never (?:arrived|came)|bought|purchased|(?:stopped|not) working|doesn'?t work|broke|habe|haben|hat|wurde|wurden|ist (?:\w+ )?(?:angekommen|eingegangen|verschickt|versendet|erstattet|storniert)|kam|bekommen|erhalten|verschickt|versandt|versendet|erstattet|storniert|gebucht|bestellt|zurückgeschickt|gekauft|funktioniert (?:\p{L}+ ){0,3}nicht|geht (?:\p{L}+ ){0,3}nicht|noch (?:nicht|immer nicht|kein))(?!\p{L})/iu;

/** The language the conversation is written in (its customer's and agent's messages and subject): German or English. */
export function conversationLanguage(conversation: Conversation): 'de' | 'en' {
  const sample = conversation.messages
    .filter((message) => message.role === 'customer' || message.role === 'agent')
    .map((message) => message.text)
    .join('\n')
    .slice(0, 2000);
  return detectLanguage(`${conversation.subject}\n${sample}`).language === 'de' ? 'de' : 'en';
}

/** Thanks at the start of a sentence. */
const thanks = /^(?:thanks?\b|thank you|many thanks|vielen dank|danke|herzlichen dank|besten dank)/i;

function isContent(sentence: Sentence, keepPleasantries = false): boolean {
  const text = sentence.text;
  if (!/\p{L}/u.test(text)) return false;
  if (greeting.test(text)) return false;
  // Kept, a closing "Vielen Dank, das ging schnell!" is the message's thanks, not a sign-off to skip.
  if (keepPleasantries) return !signOff.test(text) || thanks.test(text);
  if (signOff.test(text)) return false;
  // "Thanks for your message." is a pleasantry; thanks for something in particular ("herzlichen Dank für die
  // unkomplizierte Kulanzlösung, damit hatte ich nicht gerechnet") is what a thank-you message says.
  if (pleasantry.test(text)) return thanks.test(text) && text.split(/\s+/).length > 8;
  return true;
}

/** "Guten Tag, ich möchte …" → "ich möchte …": the greeting in front is not part of the gist. */
const leadingGreeting =
  /^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|hallo|guten (?:tag|morgen|abend)|sehr geehrte[rs]?|liebe[rs]?|moin|servus)\b[^,.!?]{0,40},\s+(?=\S)/i;

function withoutLeadingGreeting(sentence: Sentence): Sentence {
  const match = leadingGreeting.exec(sentence.text);
  if (!match) return sentence;
  const cut = match[0].length;
  return { text: sentence.text.slice(cut), start: sentence.start + cut, end: sentence.end };
}

/**
 * The sentences a person wrote in `message`: quoted history and quoted words left out, and greetings, sign-offs and
 * (unless `keepPleasantries`) pleasantries too.
 */
function ownSentences(message: ConversationMessage, locale: 'de' | 'en', keepPleasantries = false): Sentence[] {
  // Quoted history and ">" lines are somebody else's words; a sentence with a few words in quotation marks is still the
  // writer's own ("tracking says "label created" for 9 days").
  const quoted = quotedRanges(message.text).filter((range) => range.kind === 'history' || range.kind === 'line');
  return splitSentences(message.text, locale)
    .map(withoutLeadingGreeting)
    .filter((sentence) => isContent(sentence, keepPleasantries) && !overlapsAny(quoted, sentence.start, sentence.end));
}

function score(sentence: Sentence, cues: readonly RegExp[]): number {
  return cues.reduce((total, cue, index) => total + (cue.test(sentence.text) ? cues.length - index : 0), 0);
}

/** The highest-scoring sentence; the earliest among equals. `undefined` when none scores `minimum`. */
function best(sentences: readonly Sentence[], cues: readonly RegExp[], minimum: number): Sentence | undefined {
  let found: Sentence | undefined;
  let foundScore = minimum - 1;
  for (const sentence of sentences) {
    const value = score(sentence, cues);
    if (value > foundScore) {
      found = sentence;
      foundScore = value;
    }
  }
  return found;
}

function toLine(
  kind: SummaryLineKind,
  message: ConversationMessage,
  sentence: Sentence,
  by: 'customer' | 'agent',
): SummaryLine {
  if (sentence.text.length <= maxLineLength) {
    return {
      kind,
      by,
      messageId: message.id,
      text: sentence.text,
      start: sentence.start,
      end: sentence.end,
      clipped: false,
    };
  }
  const cut = sentence.text.slice(0, maxLineLength);
  const lastSpace = cut.lastIndexOf(' ');
  const text = (lastSpace > maxLineLength * 0.6 ? cut.slice(0, lastSpace) : cut).trimEnd();
  return {
    kind,
    by,
    messageId: message.id,
    text,
    start: sentence.start,
    end: sentence.start + text.length,
    clipped: true,
  };
}

function hasWords(message: ConversationMessage): boolean {
  return message.bodyLoaded && message.text.trim() !== '';
}

/**
 * Summarises `conversation` in at most three lines taken from its messages: the customer's request (from the first
 * customer message that asks for something), what has happened (the agent's latest action, else what the customer
 * reports), and what is still open (the customer's latest question or request since the last answer). Lines that would
 * repeat another line's sentence are left out; `status` says where the conversation stands either way.
 */
export function summarizeConversation(conversation: Conversation): ConversationSummary {
  const locale = conversationLanguage(conversation);
  const messages = conversation.messages.filter(hasWords);
  const customer = messages.filter((message) => message.role === 'customer');
  const lastAgentIndex = messages.findLastIndex((message) => message.role === 'agent');
  const lastCustomerIndex = messages.findLastIndex((message) => message.role === 'customer');

  let status: SummaryStatus;
  if (customer.length === 0 && lastAgentIndex < 0) status = 'empty';
  else if (lastAgentIndex < 0) status = 'unanswered';
  else if (lastCustomerIndex > lastAgentIndex) status = 'customer-waiting';
  else status = 'waiting-on-customer';

  // Each line with its place: the request (or what the customer first wrote), what happened, what is still open.
  const placed: { line: SummaryLine; place: number }[] = [];
  const used = new Set<string>();
  const add = (line: SummaryLine, place: number): void => {
    const key = `${line.messageId}:${line.start}`;
    if (used.has(key)) return;
    used.add(key);
    placed.push({ line, place });
  };

  // The request: what the customer first asked — the first customer message with a question or a request, its best
  // such sentence (a question first: "bitte dringend: meine Mutter hat ihren Anschluss verpasst. Darf sie den nächsten
  // ICE nehmen?" asks the second). A customer who asks for nothing (a complaint without a wish, thanks, praise, a sigh)
  // gets a `said` line: a summary must not call "got my order a day early, love it!!" a request.
  const requestCues = [questionCue, requestCue, topicCue];
  let first: { message: ConversationMessage; sentence: Sentence } | undefined;
  for (const message of customer) {
    const sentence = best(ownSentences(message, locale), requestCues, 2);
    if (sentence) {
      first = { message, sentence };
      break;
    }
  }
  if (first) add(toLine('request', first.message, first.sentence, 'customer'), 0);
  else {
    for (const message of customer) {
      const sentences = ownSentences(message, locale);
      const sentence = best(sentences, [topicCue], 1) ?? sentences[0];
      if (sentence) {
        first = { message, sentence };
        break;
      }
    }
    if (first) add(toLine('said', first.message, first.sentence, 'customer'), 0);
  }

  // What has happened: the agent's latest reply that says what was done; else the customer's account of events.
  const agentReplies = messages.filter((message) => message.role === 'agent');
  let happened: SummaryLine | undefined;
  for (const message of [...agentReplies].reverse()) {
    const sentence = best(ownSentences(message, locale), [eventCue, topicCue], 2);
    if (sentence) {
      happened = toLine('happened', message, sentence, 'agent');
      break;
    }
  }
  if (!happened && first) {
    const { message, sentence: taken } = first;
    const sentences = ownSentences(message, locale).filter((sentence) => sentence.start !== taken.start);
    const sentence = best(sentences, [eventCue, topicCue], 2);
    if (sentence) happened = toLine('happened', message, sentence, 'customer');
  }
  if (happened) add(happened, 1);

  // What is still open: the customer's latest question or request, when they wrote after the last answer. When that
  // message asks nothing ("Danke, hat geklappt!"), what it says is the line: the agent sees there is nothing to do.
  if (status === 'customer-waiting' || (status === 'unanswered' && customer.length > 1)) {
    const latest = messages[lastCustomerIndex];
    if (latest && latest !== first?.message) {
      const sentences = ownSentences(latest, locale);
      const sentence = best(sentences, requestCues, 2);
      // A message that is only thanks ("Vielen Dank, das ging schnell!") is that thanks: its pleasantries count here.
      const said = sentences[0] ?? ownSentences(latest, locale, true)[0];
      if (sentence) add(toLine('open', latest, sentence, 'customer'), 2);
      else if (said) add(toLine('said', latest, said, 'customer'), 2);
    }
  }

  placed.sort((a, b) => a.place - b.place);
  const lines = placed.map(({ line }) => line);
  return { lines, status, source: 'extractive' };
}
