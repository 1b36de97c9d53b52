import type { CacheEntry } from './message-analysis';

/**
 * The analyzer's incremental cache: each conversation's message results keyed by message id, at most `capacity`
 * conversations, the least recently stored dropped first.
 */
export class AnalysisCache {
  readonly #conversations = new Map<string, Map<string, CacheEntry>>();
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** The message results kept for a conversation (`site:id`); empty when none are. */
  get(conversationKey: string): ReadonlyMap<string, CacheEntry> {
    return this.#conversations.get(conversationKey) ?? new Map<string, CacheEntry>();
  }

  /** Keeps a conversation's results as its newest, dropping the oldest conversations beyond the capacity. */
  store(conversationKey: string, entries: Map<string, CacheEntry>): void {
    this.#conversations.delete(conversationKey);
    this.#conversations.set(conversationKey, entries);
    while (this.#conversations.size > this.#capacity) {
      const oldest = this.#conversations.keys().next().value;
      if (oldest === undefined) break;
      this.#conversations.delete(oldest);
    }
  }

  /** Drops one conversation's results, or all. */
  forget(conversationKey?: string): void {
    if (conversationKey === undefined) this.#conversations.clear();
    else this.#conversations.delete(conversationKey);
  }
}
