import { AppError } from '../errors';
import type { MoodModel, RawMood } from '../models/types';
import type { ConversationMessage, Role } from '../sites/types';
import {
  type EvidenceLabel,
  type EvidenceSpan,
  mergeEvidence,
  type OcclusionVariant,
  planOcclusion,
  scoreOcclusion,
} from './evidence';
import { detectLanguage } from './language';
import { findCues } from './lexicon';
import {
  buildMessageMood,
  combineChunkMoods,
  labelsToExplain,
  type MoodThresholds,
  neutralRawMood,
  sanitizeRawMood,
} from './message-mood';
import { overlapsAny, quotedByOthers } from './quoted';
import { chunkSentences, type PreparedText, prepareText, type TextChunk } from './text';
import type { Language, MessageMood } from './types';
import { detectUrgency, levelFromKinds, type UrgencyResult } from './urgency';

/** How one message is read: the model, the thresholds and the budgets of one analyzer. */
export interface MessageReader {
  model: MoodModel;
  thresholds: MoodThresholds;
  /** Characters per chunk the model reads (from the model's token limit). */
  chunkChars: number;
  maxAnalysedChars: number;
  /** Occluded variants one message may cost for evidence. */
  occlusionBudget: number;
  /** Occluded variants one run may cost in all. */
  occlusionBudgetPerRun: number;
}

/** What the analyzer keeps per message between calls. */
export interface CacheEntry {
  hash: string;
  mood: MessageMood;
  /** Still waiting for occlusion evidence: what it needs to compute it. */
  pending?: PendingEvidence;
  /** Still waiting for its sentences' emotion peaks: the message and the model's answers so far, by text. */
  peaks?: { item: PreparedMessage; moods: Map<string, RawMood> };
}

interface PendingEvidence {
  prepared: PreparedText;
  chunks: TextChunk[];
  chunkMoods: RawMood[];
  raw: RawMood;
  language: Language;
  urgency: UrgencyResult;
  /** Names the evidence must not show (the message's author). */
  names: readonly string[];
}

/** A message ready for the model: its text cut into chunks and sentences, its language and urgency read. */
export interface PreparedMessage {
  message: ConversationMessage;
  hash: string;
  prepared: PreparedText;
  chunks: TextChunk[];
  /** The message one sentence at a time (for the emotion peaks; see combineChunkMoods). */
  sentences: TextChunk[];
  /** The chunks' distinct texts: what the model reads for the message's mood. */
  chunkTexts: string[];
  /** The sentences' texts that are not a chunk's text already (read after the chunks, for the emotion peaks). */
  extraTexts: string[];
  language: Language;
  urgency: UrgencyResult;
}

/** A cached message result together with the message it belongs to. */
export interface MessageEntry {
  id: string;
  role: Role;
  entry: CacheEntry;
}

/** Runs the model on `texts` and checks its answer; rejects with the signal's reason once it aborts. */
export async function classifyTexts(model: MoodModel, texts: string[], signal: AbortSignal): Promise<RawMood[]> {
  if (texts.length === 0) return [];
  const results = await model.classify(texts, signal);
  if (signal.aborted) throw signal.reason;
  if (!Array.isArray(results) || results.length !== texts.length) {
    throw new AppError(
      'analysis/model-output',
      `The mood model "${model.id}" returned ${Array.isArray(results) ? results.length : 'no'} results for ${texts.length} texts.`,
    );
  }
  return results.map((r) => sanitizeRawMood(r));
}

/** Cuts a message into what the model reads and reads its language and urgency (no model call). */
export function prepareMessage(reader: MessageReader, message: ConversationMessage, hash: string): PreparedMessage {
  const prepared = prepareText(message.bodyLoaded ? message.text : '', reader.maxAnalysedChars);
  const chunks = chunkSentences(prepared.text, reader.chunkChars);
  const sentences = chunks.length === 0 ? [] : chunkSentences(prepared.text, reader.chunkChars, 0);
  const chunkTexts = [...new Set(chunks.map((c) => c.text))];
  return {
    message,
    hash,
    prepared,
    chunks,
    sentences,
    chunkTexts,
    extraTexts: [...new Set(sentences.map((c) => c.text))].filter((t) => !chunkTexts.includes(t)),
    language: detectLanguage(prepared.text).language,
    urgency: detectUrgency(prepared.text),
  };
}

// Evidence explains the customer's mood in the customer's own words: none on the agent's messages or drafts, and
// never the names of the message's author (see refineEvidence for the rest).
function cueEvidence(
  prepared: PreparedText,
  language: Language,
  labels: EvidenceLabel[],
  names: readonly string[],
): EvidenceSpan[] {
  return labels.length === 0
    ? []
    : mergeEvidence([], findCues(prepared.text, language), labels, undefined, {
        text: prepared.text,
        language,
        names,
      });
}

/**
 * The message's result from the model's answers so far (`byText`: every chunk's text, and the sentences' once read).
 * Until the sentences are read, emotions peak over the chunks alone, and the entry says the peaks are still to come.
 */
export function buildMessageEntry(
  thresholds: MoodThresholds,
  item: PreparedMessage,
  byText: Map<string, RawMood>,
): CacheEntry {
  const moodOf = (c: TextChunk): RawMood => byText.get(c.text) ?? neutralRawMood();
  const chunkMoods = item.chunks.map(moodOf);
  const sentencesRead = item.extraTexts.every((t) => byText.has(t));
  const raw =
    item.chunks.length === 0
      ? neutralRawMood()
      : combineChunkMoods(item.chunks, chunkMoods, sentencesRead ? item.sentences.map(moodOf) : []);
  const labels = labelsToExplain(raw, thresholds);
  const isCustomer = item.message.role === 'customer';
  const names = item.message.author?.name ? [item.message.author.name] : [];
  // A deadline or threat the customer quotes back from the agent or from earlier mail is not theirs: it is neither
  // an urgency reason nor evidence (the cue engine may already leave such text out; filtering again is harmless).
  const quoted = isCustomer ? quotedByOthers(item.prepared.text, item.language) : [];
  const ownReasons = item.urgency.reasons.filter((r) => !overlapsAny(quoted, r.start, r.end));
  const urgency: UrgencyResult =
    ownReasons.length === item.urgency.reasons.length
      ? item.urgency
      : { level: levelFromKinds(ownReasons.map((r) => r.kind)), reasons: ownReasons };
  const built = buildMessageMood(
    {
      messageId: item.message.id,
      role: item.message.role,
      prepared: item.prepared,
      raw,
      language: item.language,
      urgency,
      evidence: isCustomer ? cueEvidence(item.prepared, item.language, labels, names) : [],
    },
    thresholds,
  );
  // The agent's own words are no evidence of the customer's mood, urgency phrases included (the urgency itself
  // stays on the message).
  const mood = isCustomer ? built : { ...built, evidence: [] };
  // Occlusion explains the customer's mood; agents' messages and texts with nothing to explain get none.
  const needsOcclusion = isCustomer && labels.length > 0 && item.chunks.length > 0;
  const entry: CacheEntry = { hash: item.hash, mood };
  if (!sentencesRead) entry.peaks = { item, moods: byText };
  if (needsOcclusion) {
    entry.pending = {
      prepared: item.prepared,
      chunks: item.chunks,
      chunkMoods,
      raw,
      language: item.language,
      urgency,
      names,
    };
  }
  return entry;
}

/** Reads the sentences of the messages still waiting for their emotion peaks, and rebuilds those messages. */
export async function addSentencePeaks(
  reader: MessageReader,
  entries: readonly MessageEntry[],
  signal: AbortSignal,
): Promise<void> {
  const waiting = entries.flatMap((e) => (e.entry.peaks ? [{ entry: e.entry, peaks: e.entry.peaks }] : []));
  if (waiting.length === 0) return;
  const moods = await classifyTexts(
    reader.model,
    waiting.flatMap((w) => w.peaks.item.extraTexts),
    signal,
  );
  let offset = 0;
  for (const { entry, peaks } of waiting) {
    const byText = new Map(peaks.moods);
    for (const text of peaks.item.extraTexts) byText.set(text, moods[offset++] ?? neutralRawMood());
    // In place: the cache and this run's entries hold the same object.
    const rebuilt = buildMessageEntry(reader.thresholds, peaks.item, byText);
    entry.mood = rebuilt.mood;
    entry.pending = rebuilt.pending;
    entry.peaks = undefined;
  }
}

/** Computes occlusion evidence for the messages waiting for it, newest first, within the run's budget. */
export async function addOcclusionEvidence(
  reader: MessageReader,
  entries: readonly MessageEntry[],
  signal: AbortSignal,
): Promise<void> {
  const { thresholds } = reader;
  let budget = reader.occlusionBudgetPerRun;
  const plans: (MessageEntry & { variants: OcclusionVariant[]; base: RawMood })[] = [];
  // Newest first: the latest customer messages are what the agent reads first.
  for (const item of [...entries].reverse()) {
    const work = item.entry.pending;
    if (work === undefined || budget <= 0) continue;
    const labels = labelsToExplain(work.raw, thresholds);
    // The chunk that speaks most for the labels is the one worth occluding.
    let best = 0;
    let bestScore = -1;
    work.chunkMoods.forEach((mood, index) => {
      const score = labels.reduce(
        (acc, l) =>
          acc +
          (l === 'negative' || l === 'positive'
            ? mood.sentiment[l]
            : l === 'offensive'
              ? mood.offensive
              : mood.emotions[l]),
        0,
      );
      if (score > bestScore) {
        bestScore = score;
        best = index;
      }
    });
    const chunk = work.chunks[best];
    const base = work.chunkMoods[best];
    if (chunk === undefined || base === undefined) continue;
    const variants = planOcclusion(chunk, Math.min(reader.occlusionBudget, budget));
    budget -= variants.length;
    plans.push({ ...item, variants, base });
  }
  if (plans.length === 0) return;
  const occluded = await classifyTexts(
    reader.model,
    plans.flatMap((p) => p.variants.map((v) => v.text)),
    signal,
  );
  let offset = 0;
  for (const plan of plans) {
    const work = plan.entry.pending;
    const results = occluded.slice(offset, offset + plan.variants.length);
    offset += plan.variants.length;
    if (work === undefined) continue;
    const labels = labelsToExplain(work.raw, thresholds);
    const filter = { language: work.language, names: work.names };
    const spans = scoreOcclusion(work.prepared.text, plan.base, plan.variants, results, labels, 3, filter);
    plan.entry.mood = buildMessageMood(
      {
        messageId: plan.id,
        role: plan.role,
        prepared: work.prepared,
        raw: work.raw,
        language: work.language,
        urgency: work.urgency,
        evidence: mergeEvidence(spans, findCues(work.prepared.text, work.language), labels, 3, {
          ...filter,
          text: work.prepared.text,
        }),
      },
      thresholds,
    );
    plan.entry.pending = undefined;
  }
}

/**
 * The tone of one text (an agent's draft): one model call for chunks and sentences together, lexicon evidence, no
 * occlusion.
 */
export async function analyzeOneText(
  reader: MessageReader,
  text: string,
  role: Role,
  signal: AbortSignal,
): Promise<MessageMood> {
  const item = prepareMessage(
    reader,
    {
      id: 'text',
      author: {},
      role,
      roleSource: 'agent-corrected',
      text,
      bodyLoaded: true,
      attachments: [],
    },
    '',
  );
  const texts = [...item.chunkTexts, ...item.extraTexts];
  const moods = await classifyTexts(reader.model, texts, signal);
  return buildMessageEntry(reader.thresholds, item, new Map(texts.map((t, i) => [t, moods[i] ?? neutralRawMood()])))
    .mood;
}
