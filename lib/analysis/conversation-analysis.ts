import type { Conversation, ConversationMessage } from '../sites/types';
import type { AnalysisCache } from './analysis-cache';
import { aggregateConversation, type ConversationOptions } from './conversation-mood';
import {
  addOcclusionEvidence,
  addSentencePeaks,
  buildMessageEntry,
  type CacheEntry,
  classifyTexts,
  type MessageReader,
  type PreparedMessage,
  prepareMessage,
} from './message-analysis';
import { neutralRawMood } from './message-mood';
import { hashText } from './text';
import type { ConversationMood } from './types';

/** Messages whose mood is worth computing: what the customer and the agent wrote, not notes or system lines. */
function isAnalysed(message: ConversationMessage): boolean {
  return message.role === 'customer' || message.role === 'agent';
}

/**
 * Analyses one conversation on top of the cache: only new or changed messages are classified; the result is stored
 * before the slower evidence is computed, and `onPartial` gets the mood as soon as every message is classified.
 */
export async function analyzeConversation(
  reader: MessageReader,
  cache: AnalysisCache,
  conversationOptions: Partial<ConversationOptions>,
  conversation: Conversation,
  key: string,
  signal: AbortSignal,
  onPartial: ((mood: ConversationMood) => void) | undefined,
): Promise<ConversationMood> {
  const previous = cache.get(key);
  const next = new Map<string, CacheEntry>();
  const toClassify: PreparedMessage[] = [];
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
    toClassify.push(prepareMessage(reader, { ...message, text }, hash));
  }

  // The chunks first: enough for every message's mood. The sentences' emotion peaks follow with the evidence.
  const chunkMoods = await classifyTexts(
    reader.model,
    toClassify.flatMap((item) => item.chunkTexts),
    signal,
  );
  let offset = 0;
  for (const item of toClassify) {
    const byText = new Map(item.chunkTexts.map((t, k) => [t, chunkMoods[offset + k] ?? neutralRawMood()]));
    offset += item.chunkTexts.length;
    next.set(item.message.id, buildMessageEntry(reader.thresholds, item, byText));
  }
  // Store now: if a newer request cancels this one during occlusion, it still reuses the classification.
  cache.store(key, next);

  const entries = messages.flatMap((m) => {
    const entry = next.get(m.id);
    return entry === undefined ? [] : [{ id: m.id, role: m.role, entry }];
  });
  const aggregate = (): ConversationMood =>
    aggregateConversation(messages, Object.fromEntries(entries.map((e) => [e.id, e.entry.mood])), conversationOptions);
  if (entries.some((e) => e.entry.pending !== undefined || e.entry.peaks !== undefined)) {
    if (onPartial) {
      try {
        onPartial(aggregate());
      } catch {
        // A failing progress listener is the caller's bug; the analysis itself goes on.
      }
    }
    await addSentencePeaks(reader, entries, signal);
    await addOcclusionEvidence(reader, entries, signal);
  }
  return aggregate();
}
