import { AppError, toAppError } from '../errors';
import type { MoodModel, RawMood } from '../models/types';
import type { Conversation, ConversationMessage, Role } from '../sites/types';
import { aggregateConversation, type ConversationOptions } from './conversation-mood';
import {
  defaultOcclusionBudget,
  type EvidenceLabel,
  type EvidenceSpan,
  mergeEvidence,
  type OcclusionVariant,
  planOcclusion,
  refineEvidence,
  scoreOcclusion,
} from './evidence';
import { detectLanguage } from './language';
import { findCues } from './lexicon';
import {
  buildMessageMood,
  combineChunkMoods,
  defaultThresholds,
  labelsToExplain,
  type MoodThresholds,
  neutralRawMood,
  sanitizeRawMood,
} from './message-mood';
import { overlapsAny, quotedByOthers } from './quoted';
import { detectStateCues } from './state-cues';
import {
  chunkSentences,
  defaultMaxAnalysedChars,
  hashText,
  type PreparedText,
  prepareText,
  type TextChunk,
} from './text';
import type { ConversationMood, Language, MessageMood } from './types';
import { detectUrgency, levelFromKinds, type UrgencyResult } from './urgency';

/** How an analyzer reads and weighs text; every field has a default. */
export interface AnalyzerOptions {
  thresholds: Partial<MoodThresholds>;
  conversation: Partial<ConversationOptions>;
  /** Characters of one message that are analysed; longer messages are marked `truncated`. */
  maxAnalysedChars: number;
  /** Occluded variants one message may cost for evidence. */
  occlusionBudget: number;
  /** Occluded variants one `analyze` call may cost in all; messages left over get theirs on the next call. */
  occlusionBudgetPerRun: number;
  /** Conversations whose message results are kept. */
  maxCachedConversations: number;
}

/** Per-call options of `analyze`. */
export interface AnalyzeOptions {
  signal?: AbortSignal;
  /**
   * Called once with a first result as soon as every message is classified, before the slower occlusion evidence
   * is computed (only when there is occlusion left to do). Lets the panel show a mood at once.
   */
  onPartial?: (mood: ConversationMood) => void;
}

/** Per-call options of `analyzeText`. */
export interface TextAnalysisOptions {
  signal?: AbortSignal;
  /** Whose text it is; the tone check of a draft is the agent's (the default). */
  role?: Role;
}

/** The mood engine's front door: queued, cancellable, incremental analysis on top of one `MoodModel`. */
export interface Analyzer {
  readonly modelId: string;
  /**
   * Analyses a conversation. Only messages that are new or whose text changed since the last call for the same
   * conversation are classified again. A newer call for the same conversation cancels an older one that has not
   * finished (it rejects with `analysis/cancelled`), as does the caller's signal. Bad text never throws; a failing
   * model rejects with its error code (`model/…` or `analysis/model-failed`).
   */
  analyze(conversation: Conversation, options?: AnalyzeOptions): Promise<ConversationMood>;
  /**
   * The tone of one text (an agent's draft): one model call, lexicon evidence, no occlusion, so it stays within the
   * tone check's budget. Runs ahead of queued conversation work; a newer call cancels an older one still waiting.
   */
  analyzeText(text: string, options?: TextAnalysisOptions): Promise<MessageMood>;
  /** Drops cached results for one conversation (`site:id`) or for all. */
  forget(conversationKey?: string): void;
}

const defaultAnalyzerOptions: AnalyzerOptions = {
  thresholds: {},
  conversation: {},
  maxAnalysedChars: defaultMaxAnalysedChars,
  occlusionBudget: defaultOcclusionBudget,
  occlusionBudgetPerRun: 160,
  maxCachedConversations: 50,
};

let warmedUp = false;

/**
 * Compiles the cue patterns and parses the lexicon once per worker (about 50–100 ms cold), so the first message
 * does not pay for it. `createAnalyzer` schedules it; calling it again is free.
 */
export function warmUpAnalysis(): void {
  if (warmedUp) return;
  warmedUp = true;
  const prepared = prepareText('Hallo, bitte sofort antworten, danke! Please reply immediately, thanks.');
  detectLanguage(prepared.text);
  detectUrgency(prepared.text);
  detectStateCues(prepared.text);
  findCues(prepared.text, 'de');
  findCues(prepared.text, 'en');
  // The evidence filter builds its word classes on first use (about 10 ms cold).
  refineEvidence([{ label: 'negative', start: 0, end: 5, weight: 1 }], { text: prepared.text, language: 'de' });
}

/** True when `error` is the analyzer's cancellation (a newer request or the caller's signal), not a failure. */
export function isCancelled(error: unknown): boolean {
  return error instanceof AppError && error.code === 'analysis/cancelled';
}

function cancelledError(reason: string): AppError {
  return new AppError('analysis/cancelled', reason);
}

/** What the analyzer keeps per message between calls. */
interface CacheEntry {
  hash: string;
  mood: MessageMood;
  /** Still waiting for occlusion evidence: what it needs to compute it. */
  pending?: PendingEvidence;
  /** Still waiting for its sentences' emotion peaks: the message and the model's answers so far, by text. */
  peaks?: { item: Prepared; moods: Map<string, RawMood> };
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

interface Prepared {
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

interface Job {
  key: string;
  controller: AbortController;
  start: () => Promise<void>;
}

/** Messages whose mood is worth computing: what the customer and the agent wrote, not notes or system lines. */
function isAnalysed(message: ConversationMessage): boolean {
  return message.role === 'customer' || message.role === 'agent';
}

/**
 * Creates the analyzer for one model. One analyzer serves every tab: its single queue runs one job at a time (the
 * model is one engine), and its cache keeps each conversation's message results keyed by message id and text hash.
 */
export function createAnalyzer(model: MoodModel, options: Partial<AnalyzerOptions> = {}): Analyzer {
  const opts: AnalyzerOptions = { ...defaultAnalyzerOptions, ...options };
  const thresholds: MoodThresholds = { ...defaultThresholds, ...opts.thresholds };
  const chunkChars = Math.min(2000, Math.max(64, Math.floor((model.maxTokens || 128) * 3)));
  const cache = new Map<string, Map<string, CacheEntry>>();
  const pending: Job[] = [];
  let running: Job | undefined;
  // Off the caller's stack: the model usually loads meanwhile, and the first conversation finds the patterns ready.
  if (!warmedUp) setTimeout(warmUpAnalysis, 0);

  const pump = async (): Promise<void> => {
    if (running) return;
    for (let job = pending.shift(); job !== undefined; job = pending.shift()) {
      running = job;
      await job.start();
    }
    running = undefined;
  };

  const enqueue = <T>(
    key: string,
    first: boolean,
    signal: AbortSignal | undefined,
    work: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> => {
    for (const job of running ? [running, ...pending] : pending) {
      if (job.key === key)
        job.controller.abort(cancelledError('A newer request for the same conversation replaced this one.'));
    }
    return new Promise<T>((resolve, reject) => {
      const controller = new AbortController();
      const onCallerAbort = (): void => controller.abort(cancelledError('The analysis was cancelled.'));
      let settled = false;
      const settle = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        // A caller may reuse one signal for many calls; do not leave a listener per call on it.
        signal?.removeEventListener('abort', onCallerAbort);
        fn();
      };
      const job: Job = {
        key,
        controller,
        start: async () => {
          try {
            if (controller.signal.aborted) throw controller.signal.reason;
            const result = await work(controller.signal);
            if (controller.signal.aborted) throw controller.signal.reason;
            settle(() => resolve(result));
          } catch (error) {
            settle(() =>
              reject(
                controller.signal.aborted
                  ? toAppError(controller.signal.reason, 'analysis/cancelled')
                  : toAppError(error, 'analysis/model-failed'),
              ),
            );
          }
        },
      };
      controller.signal.addEventListener(
        'abort',
        () => {
          // Waiting jobs leave the queue; a running one is answered now and its model call finishes unheard.
          const index = pending.indexOf(job);
          if (index >= 0) pending.splice(index, 1);
          settle(() => reject(toAppError(controller.signal.reason, 'analysis/cancelled')));
        },
        { once: true },
      );
      if (signal?.aborted) {
        controller.abort(cancelledError('The analysis was cancelled before it started.'));
        return;
      }
      signal?.addEventListener('abort', onCallerAbort, { once: true });
      if (first) pending.unshift(job);
      else pending.push(job);
      // pump() never rejects: every job's start() catches its own errors.
      void pump();
    });
  };

  const classify = async (texts: string[], signal: AbortSignal): Promise<RawMood[]> => {
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
  };

  const prepare = (message: ConversationMessage, hash: string): Prepared => {
    const prepared = prepareText(message.bodyLoaded ? message.text : '', opts.maxAnalysedChars);
    const chunks = chunkSentences(prepared.text, chunkChars);
    const sentences = chunks.length === 0 ? [] : chunkSentences(prepared.text, chunkChars, 0);
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
  };

  // Evidence explains the customer's mood in the customer's own words: none on the agent's messages or drafts, and
  // never the names of the message's author (see refineEvidence for the rest).
  const cueEvidence = (
    prepared: PreparedText,
    language: Language,
    labels: EvidenceLabel[],
    names: readonly string[],
  ): EvidenceSpan[] =>
    labels.length === 0
      ? []
      : mergeEvidence([], findCues(prepared.text, language), labels, undefined, {
          text: prepared.text,
          language,
          names,
        });

  /**
   * The message's result from the model's answers so far (`byText`: every chunk's text, and the sentences' once read).
   * Until the sentences are read, emotions peak over the chunks alone, and the entry says the peaks are still to come.
   */
  const buildQuick = (item: Prepared, byText: Map<string, RawMood>): CacheEntry => {
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
  };

  /** Reads the sentences of the messages still waiting for their emotion peaks, and rebuilds those messages. */
  const addSentencePeaks = async (
    entries: { id: string; role: Role; entry: CacheEntry }[],
    signal: AbortSignal,
  ): Promise<void> => {
    const waiting = entries.flatMap((e) => (e.entry.peaks ? [{ entry: e.entry, peaks: e.entry.peaks }] : []));
    if (waiting.length === 0) return;
    const moods = await classify(
      waiting.flatMap((w) => w.peaks.item.extraTexts),
      signal,
    );
    let offset = 0;
    for (const { entry, peaks } of waiting) {
      const byText = new Map(peaks.moods);
      for (const text of peaks.item.extraTexts) byText.set(text, moods[offset++] ?? neutralRawMood());
      // In place: the cache and this run's entries hold the same object.
      const rebuilt = buildQuick(peaks.item, byText);
      entry.mood = rebuilt.mood;
      entry.pending = rebuilt.pending;
      entry.peaks = undefined;
    }
  };

  const addOcclusionEvidence = async (
    entries: { id: string; role: Role; entry: CacheEntry }[],
    signal: AbortSignal,
  ): Promise<void> => {
    let budget = opts.occlusionBudgetPerRun;
    const plans: { id: string; role: Role; entry: CacheEntry; variants: OcclusionVariant[]; base: RawMood }[] = [];
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
      const variants = planOcclusion(chunk, Math.min(opts.occlusionBudget, budget));
      budget -= variants.length;
      plans.push({ ...item, variants, base });
    }
    if (plans.length === 0) return;
    const occluded = await classify(
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
  };

  const runConversation = async (
    conversation: Conversation,
    key: string,
    signal: AbortSignal,
    onPartial: AnalyzeOptions['onPartial'],
  ): Promise<ConversationMood> => {
    const previous = cache.get(key) ?? new Map<string, CacheEntry>();
    const next = new Map<string, CacheEntry>();
    const toClassify: Prepared[] = [];
    const messages = Array.isArray(conversation.messages) ? conversation.messages : [];
    for (const message of messages) {
      if (!isAnalysed(message) || typeof message.id !== 'string') continue;
      const text = typeof message.text === 'string' ? message.text : '';
      const hash = `${message.bodyLoaded ? 1 : 0}:${hashText(text)}`;
      const cached = previous.get(message.id);
      // A corrected role changes whose mood it is: the state, its cues and the evidence (none on agents' words)
      // depend on it, so the message is read again.
      if (cached !== undefined && cached.hash === hash && cached.mood.role === message.role) {
        next.set(message.id, cached);
        continue;
      }
      toClassify.push(prepare({ ...message, text }, hash));
    }

    // The chunks first: enough for every message's mood. The sentences' emotion peaks follow with the evidence.
    const chunkMoods = await classify(
      toClassify.flatMap((item) => item.chunkTexts),
      signal,
    );
    let offset = 0;
    for (const item of toClassify) {
      const byText = new Map(item.chunkTexts.map((t, k) => [t, chunkMoods[offset + k] ?? neutralRawMood()]));
      offset += item.chunkTexts.length;
      next.set(item.message.id, buildQuick(item, byText));
    }
    // Store now: if a newer request cancels this one during occlusion, it still reuses the classification.
    cache.delete(key);
    cache.set(key, next);
    while (cache.size > opts.maxCachedConversations) {
      const oldest = cache.keys().next().value;
      if (oldest === undefined) break;
      cache.delete(oldest);
    }

    const entries = messages.flatMap((m) => {
      const entry = next.get(m.id);
      return entry === undefined ? [] : [{ id: m.id, role: m.role, entry }];
    });
    const aggregate = (): ConversationMood =>
      aggregateConversation(messages, Object.fromEntries(entries.map((e) => [e.id, e.entry.mood])), opts.conversation);
    if (entries.some((e) => e.entry.pending !== undefined || e.entry.peaks !== undefined)) {
      if (onPartial) {
        try {
          onPartial(aggregate());
        } catch {
          // A failing progress listener is the caller's bug; the analysis itself goes on.
        }
      }
      await addSentencePeaks(entries, signal);
      await addOcclusionEvidence(entries, signal);
    }
    return aggregate();
  };

  return {
    modelId: model.id,
    analyze(conversation, callOptions = {}) {
      const key = `${conversation.site}:${conversation.id}`;
      return enqueue(`conversation:${key}`, false, callOptions.signal, (signal) =>
        runConversation(conversation, key, signal, callOptions.onPartial),
      );
    },
    analyzeText(text, callOptions = {}) {
      const role = callOptions.role ?? 'agent';
      return enqueue('text', true, callOptions.signal, async (signal) => {
        const item = prepare(
          {
            id: 'text',
            author: {},
            role,
            roleSource: 'agent-corrected',
            text: typeof text === 'string' ? text : '',
            bodyLoaded: true,
            attachments: [],
          },
          '',
        );
        const texts = [...item.chunkTexts, ...item.extraTexts];
        const moods = await classify(texts, signal);
        return buildQuick(item, new Map(texts.map((t, i) => [t, moods[i] ?? neutralRawMood()]))).mood;
      });
    },
    forget(conversationKey) {
      if (conversationKey === undefined) cache.clear();
      else cache.delete(conversationKey);
    },
  };
}
