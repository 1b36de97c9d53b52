import type { StateCue } from './state-cues';
import {
  type ConversationMood,
  type CustomerState,
  type Emotion,
  type MessageMood,
  type SentimentLabel,
  type UrgencyReasonKind,
  upsetStates,
} from './types';

/**
 * One verdict (issue 18): the customer's state as a careful agent names it, from the model's probabilities, the
 * urgency reasons and the state cues. The badge, the headline, the escalation rules and the reply ranking all read
 * this, so they can never disagree.
 */
export interface StateInputs {
  emotions: Readonly<Record<Emotion, number>>;
  sentiment: Readonly<Record<SentimentLabel, number>>;
  offensive: boolean;
  urgencyKinds: readonly UrgencyReasonKind[];
  cues: readonly StateCue[];
}

/** An emotion below this never names the state on the model's word alone. */
const minEmotion = 0.3;
/** Negative sentiment at least this strong, with no emotion to name, reads frustrated (a complaint about a fault). */
const strongNegative = 0.7;
/** An emotion the model is this sure of overrides a cue that points elsewhere. */
const sureEmotion = 0.6;

const emotionState: Readonly<Record<Emotion, CustomerState>> = {
  angry: 'angry',
  frustrated: 'frustrated',
  sad: 'sad',
  anxious: 'anxious',
  confused: 'confused',
  grateful: 'grateful',
  happy: 'happy',
  neutral: 'calm',
};

function hasCue(cues: readonly StateCue[], kind: StateCue['kind']): boolean {
  return cues.some((cue) => cue.kind === kind);
}

/**
 * Anger or frustration for a customer who is clearly unhappy: frustration unless the model reads anger clearly
 * (likely, and ahead of frustration by a margin) — a customer chasing an answer is frustrated; anger is for the
 * customer who has stopped expecting help.
 */
function angerOrFrustration(emotions: StateInputs['emotions']): 'angry' | 'frustrated' {
  return emotions.angry >= 0.5 && emotions.angry >= emotions.frustrated + 0.1 ? 'angry' : 'frustrated';
}

/**
 * The state of one customer message. Language the model cannot read comes first: abuse and legal or payment threats
 * are anger; sarcasm after a failure, threats to leave or to post a review, and counted failed attempts are
 * frustration (anger when the model reads anger); worry about money, a deadline or a gift is anxiety. Then the
 * model: the strongest emotion names the state only when it beats neutral and is likely enough, so a polite question
 * stays calm; a plainly negative message with no emotion named is a complaint (frustrated); a question that shows
 * confusion is confused. A calm acceptance ("ok, I'll wait then") is calm unless the model is sure of a feeling.
 */
export function deriveState(inputs: StateInputs): CustomerState {
  const { emotions, sentiment, cues } = inputs;
  const kinds = new Set(inputs.urgencyKinds);
  if (inputs.offensive || kinds.has('legal-threat') || kinds.has('chargeback-threat')) return 'angry';
  // Contempt for the company or its staff ("ihr seid echt unfähig") is anger, even below the offensive threshold.
  if (hasCue(cues, 'contempt')) return 'angry';
  if (hasCue(cues, 'sarcasm')) return angerOrFrustration(emotions);
  if (kinds.has('cancellation-threat') || kinds.has('public-review')) return angerOrFrustration(emotions);
  const strongest = (Object.entries(emotions) as [Emotion, number][])
    .filter(([label]) => label !== 'neutral')
    .sort((a, b) => b[1] - a[1])[0] ?? ['neutral', 0];
  const [top, topP] = strongest;
  const sureOfOther = topP >= sureEmotion && top !== 'anxious';
  if (hasCue(cues, 'anxiety') && !(sureOfOther && (top === 'angry' || top === 'frustrated'))) return 'anxious';
  if (hasCue(cues, 'failed-attempts') || kinds.has('repeated-contact')) return angerOrFrustration(emotions);
  if (hasCue(cues, 'calm-acceptance') && !sureOfOther) return 'calm';
  // Thanks for something done, in a message that is not a complaint: the small model barely reads German gratitude.
  const negativeSure = sureOfOther && (top === 'angry' || top === 'frustrated' || top === 'sad');
  if (hasCue(cues, 'gratitude') && sentiment.negative < 0.5 && !negativeSure) {
    return emotions.happy >= sureEmotion && emotions.happy > emotions.grateful ? 'happy' : 'grateful';
  }
  if (topP >= minEmotion && topP > emotions.neutral) {
    const state = emotionState[top];
    // A question the model reads as negative is confusion or a plain request, not an upset customer; a worry or
    // sadness it is unsure of yields to the confusion the words show ("Was heißt das denn? Muss ich was machen?").
    const weakWorry = (state === 'anxious' || state === 'sad') && topP < sureEmotion;
    if (state === 'confused' || (hasCue(cues, 'confusion') && (!upsetStates.has(state) || weakWorry)))
      return 'confused';
    // A request signed off with "Thanks" asks for something; it does not thank for anything yet.
    if (state === 'grateful' && hasCue(cues, 'request')) return 'calm';
    return state;
  }
  if (hasCue(cues, 'confusion')) return 'confused';
  if (sentiment.negative >= strongNegative) return angerOrFrustration(emotions);
  if (sentiment.positive >= strongNegative) return emotions.grateful >= emotions.happy ? 'grateful' : 'happy';
  return 'calm';
}

/** Recency weight: the latest customer message counts twice the one before. */
const recencyDecay = 0.5;
/** Calm counts a little less than a feeling: one calm line does not wash out an angry thread… */
const calmWeight = 0.6;

/**
 * The conversation's state from its customer messages' states, newest first and confident ones more. A calm
 * acceptance in the latest message closes the matter ("ok, I'll wait then" is calm, whatever came before), and so
 * does the agent's correction of the latest message.
 */
export function deriveConversationState(
  customer: readonly { mood: MessageMood; calmAcceptance: boolean }[],
): CustomerState {
  const latest = customer[customer.length - 1];
  if (latest === undefined) return 'calm';
  if (latest.mood.stateSource === 'agent') return latest.mood.state;
  if (latest.calmAcceptance && latest.mood.state === 'calm') return 'calm';
  const scores = new Map<CustomerState, number>();
  const n = customer.length;
  customer.forEach(({ mood }, i) => {
    const weight =
      recencyDecay ** (n - 1 - i) *
      (0.3 + Math.max(0, Math.min(1, mood.confidence))) *
      (mood.state === 'calm' ? calmWeight : 1);
    scores.set(mood.state, (scores.get(mood.state) ?? 0) + weight);
  });
  let best: CustomerState = latest.mood.state;
  for (const [state, score] of scores) if (score > (scores.get(best) ?? 0)) best = state;
  return best;
}

/** True when the state is angry, frustrated, anxious or sad. */
export function isUpsetState(state: CustomerState): boolean {
  return upsetStates.has(state);
}

/** The agent's corrections of one conversation ("Mood wrong?"): the headline's and single messages'. */
export interface MoodCorrection {
  conversation?: CustomerState;
  messages: Readonly<Record<string, CustomerState>>;
}

/**
 * The mood with the agent's corrections applied: corrected messages carry the agent's state, and the headline the
 * agent's state for the conversation — or, without one, the corrected latest message's. Everything that reads the
 * verdict (badge, escalation, replies) then follows the agent. `order` lists the message ids in the conversation's
 * order (the latest last).
 */
export function applyMoodCorrection(
  mood: ConversationMood,
  correction: MoodCorrection | undefined,
  order: readonly string[] = Object.keys(mood.messages),
): ConversationMood {
  if (!correction) return mood;
  const messages: Record<string, MessageMood> = {};
  for (const [id, message] of Object.entries(mood.messages)) {
    const state = correction.messages[id];
    messages[id] = state ? { ...message, state, stateSource: 'agent' } : message;
  }
  // By the conversation's order (`order`): an object's own order puts number-like ids first, whatever came last.
  const latestCustomer = order
    .map((id) => messages[id])
    .filter((message) => message?.role === 'customer')
    .at(-1);
  const state = correction.conversation ?? (latestCustomer?.stateSource === 'agent' ? latestCustomer.state : undefined);
  const current = state
    ? { ...mood.current, state, stateSource: 'agent' as const, upset: isUpsetState(state) }
    : mood.current;
  return { ...mood, current, messages };
}

/** The state an emotion names on its own (`neutral` is calm). */
export function stateFromEmotion(emotion: Emotion): CustomerState {
  return emotionState[emotion];
}

/** The emotion that names a state where only emotions are known (reports, records): calm is `neutral`. */
export function emotionOfState(state: CustomerState): Emotion {
  return state === 'calm' ? 'neutral' : state;
}
