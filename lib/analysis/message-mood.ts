import type { RawMood } from '../models/types';
import type { Role } from '../sites/types';
import type { EvidenceLabel, EvidenceSpan } from './evidence';
import { detectStateCues, type StateCue } from './state-cues';
import { type PreparedText, type TextChunk, tokenizeWords, toOriginalSpan } from './text';
import {
  type Emotion,
  type Evidence,
  emotions,
  type Language,
  type MessageMood,
  type SentimentLabel,
  sentimentLabels,
  type UrgencyReason,
} from './types';
import type { UrgencyResult } from './urgency';
import { deriveState } from './verdict';

/** Thresholds that turn probabilities into labels. */
export interface MoodThresholds {
  /** A message is offensive when the model's offensive probability is at least this. */
  offensive: number;
  /** An emotion is explained with evidence when its probability is at least this. */
  emotion: number;
}

/** Offensive at p ≥ 0.5; emotions explained from p ≥ 0.35. */
// Offensive is shown from 0.7: the small model also scores sharp but civil complaints ("This is ridiculous.") around
// 0.6–0.7, and calling an upset customer abusive is worse than missing a borderline case the agent can read.
export const defaultThresholds: MoodThresholds = { offensive: 0.7, emotion: 0.35 };

/** An urgency reason placed in the message's original text (`start`/`end` index `ConversationMessage.text`). */
export interface LocatedUrgencyReason extends UrgencyReason {
  start: number;
  end: number;
}

function clamp01(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

/** The result for text that says nothing: certain neutrality, used for empty messages. */
export function neutralRawMood(): RawMood {
  const emotionProbs = Object.fromEntries(emotions.map((e) => [e, e === 'neutral' ? 1 : 0])) as Record<Emotion, number>;
  return { sentiment: { negative: 0, neutral: 1, positive: 0 }, emotions: emotionProbs, offensive: 0 };
}

/**
 * Makes a model's output safe to compute with: missing or non-finite numbers become 0, probabilities are clamped to
 * 0…1, and sentiment is renormalised to sum to 1 (neutral when the model gave nothing usable).
 */
export function sanitizeRawMood(raw: RawMood | undefined): RawMood {
  if (raw === undefined) return neutralRawMood();
  const sentiment = {
    negative: clamp01(raw.sentiment?.negative),
    neutral: clamp01(raw.sentiment?.neutral),
    positive: clamp01(raw.sentiment?.positive),
  };
  const sum = sentiment.negative + sentiment.neutral + sentiment.positive;
  if (sum <= 0) return { ...neutralRawMood(), offensive: clamp01(raw.offensive) };
  for (const label of sentimentLabels) sentiment[label] /= sum;
  const emotionProbs = Object.fromEntries(emotions.map((e) => [e, clamp01(raw.emotions?.[e])])) as Record<
    Emotion,
    number
  >;
  return { sentiment, emotions: emotionProbs, offensive: clamp01(raw.offensive) };
}

/** Weight of a clause around a contrast (see TextChunk.contrast). */
const contrastWeight: Record<NonNullable<TextChunk['contrast']> | 'none', number> = {
  none: 1,
  before: 0.5,
  after: 1.5,
  both: 0.75,
};

/**
 * Combines the results of a message's chunks. Sentiment is the chunks' mean, weighted by length, by how much feeling a
 * chunk carries and by its side of a "but". Each emotion and the offensive probability are half that mean and half the
 * strongest single sentence (`sentences`, the message read one sentence at a time; the chunks themselves when
 * absent): one anxious sentence in a long mail ("I'm so nervous about this.") stays visible, where a tweet-sized chunk
 * around it would dilute it.
 */
export function combineChunkMoods(
  chunks: readonly TextChunk[],
  moods: readonly RawMood[],
  sentenceMoods: readonly RawMood[] = [],
): RawMood {
  if (moods.length === 0) return neutralRawMood();
  const clean = moods.map((m) => sanitizeRawMood(m));
  const peaks = sentenceMoods.length > 0 ? sentenceMoods.map((m) => sanitizeRawMood(m)) : clean;
  if (clean.length === 1 && peaks.length === 1) return clean[0] as RawMood;
  // Chunks that carry feeling outweigh neutral ones (order details, greetings): weight = length × (how far from
  // neutral the chunk reads), so "This is ridiculous." is not averaged away by three sentences of facts.
  // Around a "but", what follows counts 1.5 times and what precedes it half (VADER's contrast rule).
  const weights = clean.map(
    (m, i) =>
      Math.max(1, chunks[i]?.text.length ?? 1) *
      (0.15 + (1 - m.sentiment.neutral)) *
      contrastWeight[chunks[i]?.contrast ?? 'none'],
  );
  const total = weights.reduce((a, b) => a + b, 0);
  const mean = (pick: (m: RawMood) => number): number =>
    clean.reduce((acc, m, i) => acc + pick(m) * (weights[i] ?? 1), 0) / total;
  const max = (pick: (m: RawMood) => number): number => Math.max(...peaks.map(pick));
  const sentiment = {
    negative: mean((m) => m.sentiment.negative),
    neutral: mean((m) => m.sentiment.neutral),
    positive: mean((m) => m.sentiment.positive),
  };
  const emotionProbs = Object.fromEntries(
    emotions.map((e) => [e, (mean((m) => m.emotions[e]) + max((m) => m.emotions[e])) / 2]),
  ) as Record<Emotion, number>;
  return { sentiment, emotions: emotionProbs, offensive: (mean((m) => m.offensive) + max((m) => m.offensive)) / 2 };
}

/** Number of words (and emoji) in a text, the length signal behind confidence. */
export function countWords(text: string): number {
  return tokenizeWords(text).length;
}

/**
 * How much to trust a result, 0…1: the sentiment distribution's sharpness (margin between the top two and
 * normalised entropy) scaled by length, so a two-word message stays below 0.5 however sure the model sounds.
 * Text in a language the model was not trained for counts less; text without words is 0.
 */
export function computeConfidence(raw: RawMood, wordCount: number, language: Language): number {
  if (wordCount <= 0) return 0;
  const probs = sentimentLabels.map((l) => raw.sentiment[l]).sort((a, b) => b - a);
  const margin = (probs[0] ?? 0) - (probs[1] ?? 0);
  const entropy = -probs.reduce((acc, p) => acc + (p > 0 ? p * Math.log(p) : 0), 0) / Math.log(3);
  const sharpness = 0.5 * margin + 0.5 * (1 - entropy);
  const lengthFactor = wordCount >= 12 ? 1 : 0.3 + (0.7 * (wordCount - 1)) / 11;
  const languageFactor = language === 'other' ? 0.7 : 1;
  const value = (0.35 + 0.65 * sharpness) * lengthFactor * languageFactor;
  return Math.round(Math.min(1, Math.max(0, value)) * 1000) / 1000;
}

/** The sentiment label with the highest probability (ties go to neutral, then to the pole). */
export function topSentiment(probs: Record<SentimentLabel, number>): SentimentLabel {
  let best: SentimentLabel = 'neutral';
  for (const label of sentimentLabels) if (probs[label] > probs[best]) best = label;
  return best;
}

/** The labels of a result worth explaining: the sentiment pole if it wins, strong emotions, offensive if flagged. */
export function labelsToExplain(raw: RawMood, thresholds: MoodThresholds = defaultThresholds): EvidenceLabel[] {
  const labels: EvidenceLabel[] = [];
  const top = topSentiment(raw.sentiment);
  if (top !== 'neutral') labels.push(top);
  for (const emotion of emotions) {
    if (emotion !== 'neutral' && raw.emotions[emotion] >= thresholds.emotion) labels.push(emotion);
  }
  if (raw.offensive >= thresholds.offensive) labels.push('offensive');
  return labels;
}

/** Everything known about one message, in prepared-text coordinates, ready to become a `MessageMood`. */
export interface MessageMoodParts {
  messageId: string;
  role: Role;
  prepared: PreparedText;
  raw: RawMood;
  language: Language;
  urgency: UrgencyResult;
  evidence: readonly EvidenceSpan[];
}

/**
 * Urgency kinds that only an unhappy customer writes, and the emotion each one shows: threatening a lawyer or a
 * chargeback is anger (the customer has stopped expecting help and reaches for force); threatening to leave or saying
 * they have written again and again is frustration.
 */
const threatEmotion: Readonly<Record<string, 'angry' | 'frustrated'>> = {
  'legal-threat': 'angry',
  'chargeback-threat': 'angry',
  'cancellation-threat': 'frustrated',
  'repeated-contact': 'frustrated',
};

/**
 * A customer who threatens a chargeback, a lawyer or to leave is not neutral, however politely the rest is put:
 * the small model reads words, not intent. Each such reason moves probability from neutral and positive to negative
 * and lifts the emotion its kind shows (see `threatEmotion`), so the threat phrase itself becomes the evidence the
 * agent sees.
 */
export function applyThreatPrior(raw: RawMood, urgency: UrgencyResult, role: MessageMoodParts['role']): RawMood {
  if (role !== 'customer') return raw;
  const kinds = new Set(urgency.reasons.map((r) => r.kind).filter((kind) => kind in threatEmotion));
  if (kinds.size === 0) return raw;
  const floor = Math.min(0.85, 0.5 + 0.15 * kinds.size);
  const { negative, neutral, positive } = raw.sentiment;
  const rest = neutral + positive;
  // Already at least this negative: the sentiment stays, only the threat's emotion is lifted.
  const keep = negative >= floor;
  const lowered = keep ? 1 : rest > 0 ? (1 - floor) / rest : 0;
  const sentiment = keep
    ? raw.sentiment
    : { negative: floor, neutral: neutral * lowered, positive: positive * lowered };
  const emotionProbs = { ...raw.emotions, neutral: raw.emotions.neutral * lowered };
  for (const kind of kinds) {
    const emotion = threatEmotion[kind];
    if (emotion) emotionProbs[emotion] = Math.max(emotionProbs[emotion], floor);
  }
  return { ...raw, sentiment, emotions: emotionProbs };
}

/** The evidence label a state cue explains: the state it points to, when the verdict agrees. */
function cueEvidenceLabel(cue: StateCue, state: MessageMood['state']): string | undefined {
  if (cue.kind === 'calm-acceptance' || cue.kind === 'request') return undefined;
  if (cue.kind === 'gratitude') return state === 'grateful' ? 'grateful' : undefined;
  if (cue.kind === 'anxiety') return state === 'anxious' ? 'anxious' : undefined;
  if (cue.kind === 'confusion') return state === 'confused' ? 'confused' : undefined;
  return state === 'angry' || state === 'frustrated' ? state : undefined;
}

/**
 * Builds the `MessageMood` the UI shows: sentiment with a −1…1 score, emotions highest first, offensive at the
 * threshold, urgency reasons and evidence mapped back to the original message text (urgency phrases also appear as
 * `urgency:<kind>` evidence so the panel can highlight them), and confidence.
 */
export function buildMessageMood(parts: MessageMoodParts, thresholds: MoodThresholds = defaultThresholds): MessageMood {
  const raw = applyThreatPrior(sanitizeRawMood(parts.raw), parts.urgency, parts.role);
  const { prepared } = parts;
  const wordCount = countWords(prepared.text);
  const locate = (start: number, end: number) => toOriginalSpan(prepared, start, end);
  const reasons: LocatedUrgencyReason[] = parts.urgency.reasons.map((r) => {
    const span = locate(r.start, r.end);
    return { kind: r.kind, phrase: prepared.original.slice(span.start, span.end), ...span };
  });
  // Only the customer's state matters; the agent's own words carry no cues and no evidence of the customer's mood.
  const cues = parts.role === 'customer' ? detectStateCues(prepared.text) : [];
  const offensive = raw.offensive >= thresholds.offensive;
  const state = deriveState({
    emotions: raw.emotions,
    sentiment: raw.sentiment,
    offensive,
    urgencyKinds: reasons.map((r) => r.kind),
    cues,
  });
  const evidence: Evidence[] = [
    ...parts.evidence.map((e) => ({ label: e.label, ...locate(e.start, e.end), weight: e.weight })),
    ...reasons.map((r) => ({ label: `urgency:${r.kind}`, start: r.start, end: r.end, weight: 1 })),
  ];
  // A state cue explains the state; where the model's evidence already marks the same words for that label, the two
  // become one span (a phrase highlighted twice reads as a glitch).
  for (const c of cues) {
    const label = cueEvidenceLabel(c, state);
    if (!label) continue;
    const span = locate(c.start, c.end);
    const overlapping = evidence.find((e) => e.label === label && e.start < span.end && span.start < e.end);
    if (overlapping) {
      overlapping.start = Math.min(overlapping.start, span.start);
      overlapping.end = Math.max(overlapping.end, span.end);
      overlapping.weight = Math.max(overlapping.weight, 1);
    } else {
      evidence.push({ label, ...span, weight: 1 });
    }
  }
  evidence.sort((a, b) => a.start - b.start || a.label.localeCompare(b.label));
  return {
    messageId: parts.messageId,
    role: parts.role,
    language: parts.language,
    sentiment: {
      label: wordCount === 0 ? 'neutral' : topSentiment(raw.sentiment),
      probs: raw.sentiment,
      score: Math.round((raw.sentiment.positive - raw.sentiment.negative) * 1000) / 1000,
    },
    emotions: emotions.map((label) => ({ label, p: raw.emotions[label] })).sort((a, b) => b.p - a.p),
    offensive: { isOffensive: raw.offensive >= thresholds.offensive, p: raw.offensive },
    urgency: { level: parts.urgency.level, reasons },
    evidence,
    confidence: computeConfidence(raw, wordCount, parts.language),
    truncated: prepared.truncated,
    state,
    stateSource: 'engine',
    ...(cues.length > 0 ? { stateCues: [...new Set(cues.map((c) => c.kind))] } : {}),
  };
}
