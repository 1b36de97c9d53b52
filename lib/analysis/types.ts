import type { Role } from '../sites/types';
import type { StateCueKind } from './state-cues';

export type SentimentLabel = 'negative' | 'neutral' | 'positive';
export const sentimentLabels: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

/** The support emotion taxonomy (see ../shared/data/README.md). */
export type Emotion = 'angry' | 'frustrated' | 'sad' | 'anxious' | 'confused' | 'grateful' | 'happy' | 'neutral';
export const emotions: readonly Emotion[] = [
  'angry',
  'frustrated',
  'sad',
  'anxious',
  'confused',
  'grateful',
  'happy',
  'neutral',
];

export type UrgencyLevel = 'low' | 'normal' | 'high' | 'critical';

export type UrgencyReasonKind =
  | 'deadline'
  | 'immediacy'
  | 'legal-threat'
  | 'chargeback-threat'
  | 'cancellation-threat'
  | 'repeated-contact'
  | 'public-review'
  | 'safety';

export interface UrgencyReason {
  kind: UrgencyReasonKind;
  /** The phrase in the message that triggered it. */
  phrase: string;
  /** Offsets of the phrase in its message's text, and which message (conversation-level reasons). */
  start?: number;
  end?: number;
  messageId?: string;
}

export type Language = 'de' | 'en' | 'other';

/**
 * The customer's state as a careful agent names it (issue 18): one verdict that the badge, the headline, the
 * escalation rules and the reply ranking all read. `calm` is a plain request; `confused` a question that shows the
 * customer does not understand; the four upset states are `angry`, `frustrated`, `anxious` and `sad`.
 */
export type CustomerState = 'calm' | 'confused' | 'anxious' | 'frustrated' | 'angry' | 'sad' | 'grateful' | 'happy';
export const customerStates: readonly CustomerState[] = [
  'calm',
  'confused',
  'anxious',
  'frustrated',
  'angry',
  'sad',
  'grateful',
  'happy',
];
/** The states that make a customer "upset" (badge, tone check, apologetic templates): never merely confused. */
export const upsetStates: ReadonlySet<CustomerState> = new Set(['angry', 'frustrated', 'anxious', 'sad']);

/** True when `value` is one of the customer states (for data read back from storage or a file). */
export function isCustomerState(value: unknown): value is CustomerState {
  return typeof value === 'string' && (customerStates as readonly string[]).includes(value);
}

/** Where a state came from: the engine, or the agent who said the engine was wrong ("Mood wrong?"). */
export type StateSource = 'engine' | 'agent';

/**
 * A span of a message's text that drove a label ("why frustrated?"). Offsets index the message's `text`.
 * Labels: emotion names, `negative` / `positive`, `offensive`, and `urgency:<kind>` for urgency phrases.
 */
export interface Evidence {
  label: string;
  start: number;
  end: number;
  weight: number;
}

export interface SentimentResult {
  label: SentimentLabel;
  probs: Record<SentimentLabel, number>;
  /** −1 (very negative) … 1 (very positive). */
  score: number;
}

export interface MessageMood {
  messageId: string;
  role: Role;
  language: Language;
  sentiment: SentimentResult;
  /** Multi-label: every emotion with its probability, highest first. */
  emotions: { label: Emotion; p: number }[];
  offensive: { isOffensive: boolean; p: number };
  urgency: { level: UrgencyLevel; reasons: UrgencyReason[] };
  evidence: Evidence[];
  /** 0…1; below about 0.5 the UI shows the result as uncertain. */
  confidence: number;
  /** True when the text was longer than the model reads and only part of it was analysed. */
  truncated: boolean;
  /** The customer's state in this message (see verdict.ts), and whether the agent corrected it. */
  state: CustomerState;
  stateSource: StateSource;
  /** The state cues found in the message (customer messages only). */
  stateCues?: readonly StateCueKind[];
}

export type Trajectory = 'improving' | 'steady' | 'worsening';

export interface ConversationMood {
  /** Current mood, weighted towards the latest customer messages. */
  current: {
    sentiment: SentimentResult;
    dominantEmotion: Emotion;
    emotions: { label: Emotion; p: number }[];
    /** The one verdict the badge, headline, escalation and replies read (see verdict.ts). */
    state: CustomerState;
    stateSource: StateSource;
    /** True when `state` is angry, frustrated, anxious or sad. */
    upset: boolean;
  };
  trajectory: Trajectory;
  /** Sentiment score of each customer message in order, for the sparkline. */
  series: number[];
  confidence: number;
  urgency: { level: UrgencyLevel; reasons: UrgencyReason[] };
  offensive: boolean;
  language: Language;
  messages: Record<string, MessageMood>;
}

export const positiveEmotions: ReadonlySet<Emotion> = new Set(['grateful', 'happy']);
export const negativeEmotions: ReadonlySet<Emotion> = new Set(['angry', 'frustrated', 'sad', 'anxious']);

/** The emotions that may stand beside each state as a chip: its own group only, so the chips never contradict it. */
const chipGroups: Readonly<Record<CustomerState, ReadonlySet<Emotion>>> = {
  angry: negativeEmotions,
  frustrated: negativeEmotions,
  anxious: negativeEmotions,
  sad: negativeEmotions,
  grateful: positiveEmotions,
  happy: positiveEmotions,
  confused: new Set(['confused']),
  calm: new Set(),
};

/**
 * The emotions worth a chip: at least 30 %, not "neutral", at most three. With the verdict's `state`, only emotions of
 * its group (an anxious customer's card shows no "grateful" or "confused" chip) with the state's own emotion first;
 * without it, an emotion that contradicts a clear sentiment (happy on a clearly negative message: "is this a joke") is
 * left out unless it is itself likely (≥ 50 %): the bag model picks such words up, and a contradictory chip makes
 * agents distrust the whole card.
 */
export function emotionChips(
  emotionList: readonly { label: Emotion; p: number }[],
  sentiment: Pick<SentimentResult, 'label' | 'probs'>,
  state?: CustomerState,
): { label: Emotion; p: number }[] {
  if (state !== undefined) {
    const group = chipGroups[state];
    const own = state === 'calm' ? 'neutral' : state;
    return emotionList
      .filter((item) => item.p >= 0.3 && group.has(item.label))
      .sort((a, b) => (b.label === own ? 1 : 0) - (a.label === own ? 1 : 0) || b.p - a.p)
      .slice(0, 3);
  }
  const clear = sentiment.probs[sentiment.label] >= 0.5;
  const contradicts = (label: Emotion) =>
    clear &&
    ((sentiment.label === 'negative' && positiveEmotions.has(label)) ||
      (sentiment.label === 'positive' && negativeEmotions.has(label)));
  return emotionList
    .filter((item) => item.p >= 0.3 && item.label !== 'neutral' && (item.p >= 0.5 || !contradicts(item.label)))
    .slice(0, 3);
}
