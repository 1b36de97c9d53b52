import { AppError, toAppError } from '../errors';
import { type CancelKind, createJobQueue } from '../models/job-queue';
import type { MoodModel } from '../models/types';
import type { Conversation, Role } from '../sites/types';
import { AnalysisCache } from './analysis-cache';
import { analyzeConversation } from './conversation-analysis';
import type { ConversationOptions } from './conversation-mood';
import { defaultOcclusionBudget, refineEvidence } from './evidence';
import { detectLanguage } from './language';
import { findCues } from './lexicon';
import { analyzeOneText, type MessageReader } from './message-analysis';
import { defaultThresholds, type MoodThresholds } from './message-mood';
import { detectStateCues } from './state-cues';
import { defaultMaxAnalysedChars, prepareText } from './text';
import type { ConversationMood, MessageMood } from './types';
import { detectUrgency } from './urgency';

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

const cancelMessages: Record<CancelKind, string> = {
  replaced: 'A newer request for the same conversation replaced this one.',
  cancelled: 'The analysis was cancelled.',
  'cancelled-before-start': 'The analysis was cancelled before it started.',
};

/** Cancellations pass as they are; anything else the model threw is `analysis/model-failed` unless it has a code. */
function toAnalysisError(error: unknown): AppError {
  return isCancelled(error) ? toAppError(error) : toAppError(error, 'analysis/model-failed');
}

/**
 * Creates the analyzer for one model. One analyzer serves every tab: its single queue runs one job at a time (the
 * model is one engine), and its cache keeps each conversation's message results keyed by message id and text hash.
 */
export function createAnalyzer(model: MoodModel, options: Partial<AnalyzerOptions> = {}): Analyzer {
  const opts: AnalyzerOptions = { ...defaultAnalyzerOptions, ...options };
  const reader: MessageReader = {
    model,
    thresholds: { ...defaultThresholds, ...opts.thresholds } satisfies MoodThresholds,
    chunkChars: Math.min(2000, Math.max(64, Math.floor((model.maxTokens || 128) * 3))),
    maxAnalysedChars: opts.maxAnalysedChars,
    occlusionBudget: opts.occlusionBudget,
    occlusionBudgetPerRun: opts.occlusionBudgetPerRun,
  };
  const cache = new AnalysisCache(opts.maxCachedConversations);
  const queue = createJobQueue({ cancelReason: (kind) => cancelledError(cancelMessages[kind]) });
  // Off the caller's stack: the model usually loads meanwhile, and the first conversation finds the patterns ready.
  if (!warmedUp) setTimeout(warmUpAnalysis, 0);

  return {
    modelId: model.id,
    analyze(conversation, callOptions = {}) {
      const key = `${conversation.site}:${conversation.id}`;
      return queue
        .run(
          (signal) =>
            analyzeConversation(reader, cache, opts.conversation, conversation, key, signal, callOptions.onPartial),
          { key: `conversation:${key}`, ...(callOptions.signal ? { signal: callOptions.signal } : {}) },
        )
        .catch((error: unknown) => {
          throw toAnalysisError(error);
        });
    },
    analyzeText(text, callOptions = {}) {
      const role = callOptions.role ?? 'agent';
      // A draft's tone check runs ahead of queued conversation work: the agent is typing and waits for it.
      return queue
        .run((signal) => analyzeOneText(reader, typeof text === 'string' ? text : '', role, signal), {
          key: 'text',
          priority: 1,
          ...(callOptions.signal ? { signal: callOptions.signal } : {}),
        })
        .catch((error: unknown) => {
          throw toAnalysisError(error);
        });
    },
    forget(conversationKey) {
      cache.forget(conversationKey);
    },
  };
}
