import type { ConversationMessage } from '../sites/types';
import {
  type ConversationMood,
  type CustomerState,
  type Emotion,
  emotions,
  type Language,
  type MessageMood,
  negativeEmotions,
  positiveEmotions,
  type SentimentLabel,
  sentimentLabels,
  type Trajectory,
  type UrgencyLevel,
  type UrgencyReason,
} from './types';
import { levelFromKinds, maxUrgency } from './urgency';
import { deriveConversationState, isUpsetState } from './verdict';

/** Tuning of how a conversation's messages add up. */
export interface ConversationOptions {
  /** Weight of each older customer message relative to the next newer one (0…1). */
  recencyDecay: number;
  /** Customer messages the trajectory is computed over. */
  trajectoryWindow: number;
  /** Change in sentiment score across the window that counts as improving or worsening. */
  trajectoryThreshold: number;
  /** Recent customer messages whose urgency and offensiveness count for the conversation. */
  recentWindow: number;
  /** Customer messages in a row without an agent reply that count as repeated contact. */
  repeatedContactCount: number;
}

/** Decay 0.5 (the latest message counts twice the one before), trajectory over 5 messages, repeated contact at 3. */
export const defaultConversationOptions: ConversationOptions = {
  recencyDecay: 0.5,
  trajectoryWindow: 5,
  trajectoryThreshold: 0.3,
  recentWindow: 5,
  repeatedContactCount: 3,
};

/** A conversation-level urgency reason; `messageId` names the message it came from, absent for structure. */
export interface ConversationUrgencyReason extends UrgencyReason {
  messageId?: string;
  start?: number;
  end?: number;
}

// Letters, digits or emoji: a message of only whitespace, zero-width characters or punctuation says nothing about mood.
const hasContent = /[\p{L}\p{N}\p{Extended_Pictographic}]/u;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? upper) + upper) / 2;
}

/**
 * Improving, steady or worsening over the last `window` scores. Half of it is the Theil–Sen trend (the median of all
 * pairwise slopes, so one odd message in the middle does not flip it), half is where the latest message stands
 * against the median of the ones before: the newest message is the customer's current state, not an outlier, so a
 * furious last message after polite ones reads worsening and a thankful one after a row of complaints improving.
 * Fewer than two scores are steady.
 */
export function computeTrajectory(
  series: readonly number[],
  window = defaultConversationOptions.trajectoryWindow,
  threshold = defaultConversationOptions.trajectoryThreshold,
): Trajectory {
  const recent = series.slice(-Math.max(2, window));
  if (recent.length < 2) return 'steady';
  const slopes: number[] = [];
  for (let i = 0; i < recent.length; i++) {
    for (let j = i + 1; j < recent.length; j++) slopes.push(((recent[j] ?? 0) - (recent[i] ?? 0)) / (j - i));
  }
  const trend = median(slopes) * (recent.length - 1);
  const latest = recent[recent.length - 1] ?? 0;
  const jump = latest - median(recent.slice(0, -1));
  const change = (trend + jump) / 2;
  if (change <= -threshold) return 'worsening';
  if (change >= threshold) return 'improving';
  // A long thread can sit at the bottom for the whole window: against where the customer started it is still
  // worse (a warranty case that began with a calm question and ends in "I'm done with you").
  if (series.length > recent.length) {
    const start = median(series.slice(0, Math.min(3, series.length - recent.length)));
    const now = median(series.slice(-3));
    if (now - start <= -2 * threshold && now < 0) return 'worsening';
    if (now - start >= 2 * threshold && now > 0) return 'improving';
  }
  return 'steady';
}

/**
 * How much pressure a message's urgency adds to the trajectory: a customer who moves from asking to threatening
 * (a deadline, a chargeback, a lawyer) is worsening even when their wording stays measured. The sparkline shows plain
 * sentiment; only the trajectory reads this.
 */
const pressureWeight = 0.15;

/** The least probability an emotion needs to name a clearly non-neutral mood instead of "neutral". */
const sidedEmotionFloor = 0.4;
function pressureOf(level: MessageMood['urgency']['level']): number {
  return level === 'critical' ? 2 : level === 'high' ? 1 : 0;
}

/** Customer messages in a row at the end of the thread with no agent reply after them (notes and system lines skipped). */
export function countUnansweredCustomerMessages(messages: readonly ConversationMessage[]): number {
  let count = 0;
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message === undefined) continue;
    if (message.role === 'agent') break;
    if (message.role === 'customer') count++;
  }
  return count;
}

function emptyMood(): ConversationMood['current'] {
  return {
    sentiment: { label: 'neutral', probs: { negative: 0, neutral: 1, positive: 0 }, score: 0 },
    dominantEmotion: 'neutral',
    emotions: emotions.map((label) => ({ label, p: label === 'neutral' ? 1 : 0 })),
    state: 'calm',
    stateSource: 'engine',
    upset: false,
  };
}

/**
 * Adds up a conversation from its message moods. Only customer messages with text set the customer's mood: the
 * current mood is a recency-weighted average (newest counts most, confident messages more), the trajectory follows
 * their sentiment scores, urgency is the highest of the recent ones plus repeated contact when several customer
 * messages wait without an agent reply, offensive when any recent one is, and the language is the customer's.
 * `moods` may miss messages (not analysed); those are skipped.
 */
export function aggregateConversation(
  messages: readonly ConversationMessage[],
  moods: Readonly<Record<string, MessageMood>>,
  options: Partial<ConversationOptions> = {},
): ConversationMood {
  const opts = { ...defaultConversationOptions, ...options };
  const customer = messages
    .filter((m) => m.role === 'customer' && m.bodyLoaded && hasContent.test(m.text))
    .map((m) => ({ message: m, mood: moods[m.id] }))
    .filter((x): x is { message: ConversationMessage; mood: MessageMood } => x.mood !== undefined);

  const series = customer.map((c) => c.mood.sentiment.score);
  const n = customer.length;
  // Newest counts most, confident messages more, and messages that carry feeling more than factual ones: an early
  // "I returned the machine on 2 November" must not water down today's "I will file a chargeback".
  const weights = customer.map(
    (c, i) =>
      opts.recencyDecay ** (n - 1 - i) *
      (0.25 + 0.75 * Math.max(0, Math.min(1, c.mood.confidence))) *
      (0.3 + (1 - c.mood.sentiment.probs.neutral)),
  );
  const totalWeight = weights.reduce((a, b) => a + b, 0);

  let current = emptyMood();
  let confidence = 0;
  if (n > 0 && totalWeight > 0) {
    const weighted = (pick: (m: MessageMood) => number): number =>
      customer.reduce((acc, c, i) => acc + pick(c.mood) * (weights[i] ?? 0), 0) / totalWeight;
    const probs = Object.fromEntries(sentimentLabels.map((l) => [l, weighted((m) => m.sentiment.probs[l])])) as Record<
      SentimentLabel,
      number
    >;
    let label: SentimentLabel = 'neutral';
    for (const l of sentimentLabels) if (probs[l] > probs[label]) label = l;
    const emotionList = emotions
      .map((e) => ({ label: e, p: weighted((m) => m.emotions.find((x) => x.label === e)?.p ?? 0) }))
      .sort((a, b) => b.p - a.p);
    // "Neutral" beside a clear sentiment says nothing: an abusive last message after a calm first one reads
    // "frustrated · negative", not "negative" — the strongest emotion of the sentiment's side, when it is likely enough.
    const side = label === 'negative' ? negativeEmotions : label === 'positive' ? positiveEmotions : undefined;
    const sided = side ? emotionList.find((e) => side.has(e.label) && e.p >= sidedEmotionFloor) : undefined;
    const top: Emotion = emotionList[0]?.label ?? 'neutral';
    const dominant: Emotion = top === 'neutral' && sided ? sided.label : top;
    const state = deriveConversationState(
      customer.map((c) => ({ mood: c.mood, calmAcceptance: c.mood.stateCues?.includes('calm-acceptance') ?? false })),
    );
    current = {
      sentiment: { label, probs, score: Math.round((probs.positive - probs.negative) * 1000) / 1000 },
      dominantEmotion: dominant,
      emotions: emotionList,
      state,
      stateSource: customer[n - 1]?.mood.stateSource === 'agent' ? 'agent' : 'engine',
      upset: isUpsetState(state),
    };
    // One message is a thin basis for a conversation's mood: hold confidence back until there are a few.
    const basis = Math.min(1, 0.75 + 0.125 * (n - 1));
    confidence = Math.round(weighted((m) => m.confidence) * basis * 1000) / 1000;
    // The customer said it in so many words ("I'm really worried", "zum dritten Mal", "I will file a chargeback"):
    // the verdict rests on their own phrase, not only on the model's spread, so it is not shown as a guess.
    const latest = customer[n - 1]?.mood;
    // A message of a word or two stays a guess however clear the word (its own confidence is at most 0.3).
    const spoken = latest !== undefined && latest.state === state && latest.confidence > 0.3 && hasOwnWords(latest);
    if (spoken) confidence = Math.max(confidence, statedConfidence);
  }

  const recent = customer.slice(-Math.max(1, opts.recentWindow));
  let level: UrgencyLevel = 'low';
  const reasons: ConversationUrgencyReason[] = [];
  for (const { message, mood } of recent) {
    level = maxUrgency(level, mood.urgency.level);
    for (const reason of mood.urgency.reasons) {
      if (reasons.some((r) => r.kind === reason.kind && r.phrase.toLowerCase() === reason.phrase.toLowerCase()))
        continue;
      reasons.push({ ...reason, messageId: message.id });
    }
  }
  const unanswered = countUnansweredCustomerMessages(messages);
  if (unanswered >= opts.repeatedContactCount) {
    const alreadyRepeated = reasons.some((r) => r.kind === 'repeated-contact');
    reasons.push({ kind: 'repeated-contact', phrase: `${unanswered} customer messages without a reply` });
    const structural = levelFromKinds(reasons.map((r) => r.kind));
    // Waiting in a row on top of other pressure raises the level one step; on its own it is high.
    level = maxUrgency(level, structural);
    if (!alreadyRepeated && level === 'high' && reasons.length > 1) level = 'critical';
  }

  const trend = computeTrajectory(
    customer.map((c) => c.mood.sentiment.score - pressureWeight * pressureOf(c.mood.urgency.level)),
    opts.trajectoryWindow,
    opts.trajectoryThreshold,
  );
  return {
    current,
    trajectory: agreeWithState(
      trend,
      customer.map((c) => c.mood.state),
    ),
    series,
    confidence,
    urgency: { level, reasons },
    offensive: recent.some((c) => c.mood.offensive.isOffensive),
    language: customerLanguage(customer.map((c) => ({ language: c.mood.language, length: c.message.text.length }))),
    messages: { ...moods },
  };
}

/** The confidence a verdict has when the latest message states it in the customer's own words. */
const statedConfidence = 0.6;

/** Cues that say nothing about an upset customer: a calm closing, a request, thanks. */
const notUpsetCues: ReadonlySet<string> = new Set(['calm-acceptance', 'request', 'gratitude']);

/** True when a state cue (other than a calm closing, a request or thanks) or a threat in the message backs its state. */
function hasOwnWords(mood: MessageMood): boolean {
  const cues = (mood.stateCues ?? []).filter((kind) => !notUpsetCues.has(kind));
  const threats = mood.urgency.reasons.filter((reason) => reason.kind !== 'deadline' && reason.kind !== 'immediacy');
  return isUpsetState(mood.state) && (cues.length > 0 || threats.length > 0);
}

/**
 * The trajectory as the verdict allows it: a customer who is still upset in the latest message is not "improving"
 * (furious → frustrated reads steady: the agent must not relax), and one who is calm or pleased after being upset is
 * not "worsening" because of a wording score.
 */
function agreeWithState(trend: Trajectory, states: readonly CustomerState[]): Trajectory {
  const latest = states[states.length - 1];
  if (latest === undefined) return trend;
  if (trend === 'improving' && isUpsetState(latest)) return 'steady';
  if (trend === 'worsening' && !isUpsetState(latest) && latest !== 'confused') return 'steady';
  return trend;
}

function customerLanguage(items: readonly { language: Language; length: number }[]): Language {
  const votes: Record<Language, number> = { de: 0, en: 0, other: 0 };
  // Length-weighted but capped, so one pasted log file does not outvote the customer's own lines.
  for (const item of items) votes[item.language] += Math.min(2000, Math.max(1, item.length));
  if (votes.de === 0 && votes.en === 0) return 'other';
  return votes.de >= votes.en ? 'de' : 'en';
}
