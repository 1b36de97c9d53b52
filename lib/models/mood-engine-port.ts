/**
 * The mood engine's stream between the background and the page that owns the inference worker (Chrome's offscreen
 * document): one named port per request, the request going in and `partial* (done | error)` coming back. Closing
 * the port ends the request. Both directions are validated on receipt.
 */
import type { Browser } from 'wxt/browser';
import { z } from 'zod/mini';
import type { MessageMood } from '../analysis/types';
import { isSerializedError, type SerializedError } from '../errors';
import { conversationSchema } from '../sites/types';
import type { AnalysisResult, MoodModelState } from './analysis-protocol';

/** Name of the port the background opens to the analysis host, one per request. */
export const moodEnginePortName = 'rapport-mood-engine';

const selectionSchema = z.object({
  modelId: z.string().check(z.maxLength(300)),
  mirrorUrl: z.string().check(z.maxLength(2000)),
});

/** What the background asks the analysis host over the port. */
export const moodEngineRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('analyze'), conversation: conversationSchema }),
  z.object({ type: z.literal('analyze-text'), text: z.string().check(z.maxLength(20_000)) }),
  /** `restore`: the stored choice replayed to a fresh host; it never overrides a choice the agent made. */
  z.object({ type: z.literal('select-model'), selection: selectionSchema, restore: z.boolean() }),
  z.object({ type: z.literal('get-model-state') }),
]);
export type MoodEngineRequest = z.infer<typeof moodEngineRequestSchema>;

/** The final answer to a request, by kind. */
export type MoodEngineAnswer =
  | { kind: 'analysis'; result: AnalysisResult }
  | { kind: 'text-mood'; mood: MessageMood }
  | { kind: 'model-state'; state: MoodModelState };

/**
 * What the analysis host streams back: `partial` (an analysis's moods before its occlusion evidence, at most once),
 * then exactly one `done` or `error`.
 */
export type MoodEngineEvent =
  | { type: 'partial'; result: AnalysisResult }
  | { type: 'done'; answer: MoodEngineAnswer }
  | { type: 'error'; error: SerializedError };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

// The host is our own offscreen document (the sender is checked when the port opens): the results' deep shapes are
// the worker's own output, so the outer shape is what is checked here.
const analysisResultSchema = z.custom<AnalysisResult>(
  (value) => isRecord(value) && isRecord(value.mood) && Array.isArray(value.intents) && isRecord(value.model),
);
const messageMoodSchema = z.custom<MessageMood>((value) => isRecord(value) && typeof value.state === 'string');
const moodModelStateSchema = z.custom<MoodModelState>(
  (value) => isRecord(value) && isRecord(value.selection) && isRecord(value.status) && isRecord(value.plan),
);

export const moodEngineEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('partial'), result: analysisResultSchema }),
  z.object({
    type: z.literal('done'),
    answer: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('analysis'), result: analysisResultSchema }),
      z.object({ kind: z.literal('text-mood'), mood: messageMoodSchema }),
      z.object({ kind: z.literal('model-state'), state: moodModelStateSchema }),
    ]),
  }),
  z.object({ type: z.literal('error'), error: z.custom<SerializedError>(isSerializedError) }),
]);

/** The part of a runtime port the engine uses, so tests can link two ends in memory. */
export interface MoodEnginePort {
  postMessage(message: MoodEngineRequest | MoodEngineEvent): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

/**
 * Whether a port was opened by one of our extension contexts outside any tab (the background, in practice): a
 * content script or a page framed in a tab never talks to the analysis host directly.
 */
export function isTrustedEnginePortSender(
  sender: Browser.runtime.MessageSender | undefined,
  extensionId: string,
  extensionOrigin: string,
): boolean {
  if (!sender || sender.id !== extensionId || sender.tab !== undefined) return false;
  // The service worker carries no URL in some browsers; where one is given it must be ours.
  return sender.url === undefined || sender.url.startsWith(extensionOrigin);
}
