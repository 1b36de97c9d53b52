/**
 * Reading the open conversation the best way the site allows: the helpdesk's own API in the agent's session first
 * (authors' roles as the helpdesk knows them), the page's markup as the fallback, with the reason the API was not used.
 * The page is read every time (cheap, and it tells whether the conversation changed); the API is asked again only
 * when the page changed or its answer is old, never faster than the helpdesk's rate limit allows.
 */
import { AppError } from '../errors';
import { ApiError } from './api';
import type { ApiReadContext, Conversation, FetchLike, ReadContext, SiteAdapter } from './types';

export interface ConversationReaderOptions {
  fetch: FetchLike;
  /** How long the API may take before the page's reading is used (default 4 s). */
  timeoutMs?: number;
  /** How long an API answer stays good while the page does not change (default 60 s). */
  maxAgeMs?: number;
  /** How long to leave the API alone after it refused the session (401/403) (default 5 min). */
  refusedBackoffMs?: number;
  now?: () => number;
}

export interface ReadRequest {
  adapter: SiteAdapter;
  doc: Document;
  ctx: ReadContext;
  apiKey?: string;
}

interface CachedApiRead {
  key: string;
  fingerprint: string;
  at: number;
  conversation: Conversation;
}

/** What the page shows of the conversation, enough to notice a new or changed message. */
function fingerprintOf(conversation: Conversation | null): string {
  if (!conversation) return 'unreadable';
  const last = conversation.messages.at(-1);
  return `${conversation.id}|${conversation.messages.length}|${last?.id ?? ''}|${last?.text.length ?? 0}`;
}

function apiFailureOf(error: unknown): { code: string; status?: number } {
  if (error instanceof ApiError) return { code: error.code, ...(error.status ? { status: error.status } : {}) };
  if (error instanceof AppError) return { code: error.code };
  return { code: 'api/failed' };
}

/** A reader that keeps the last API answer per conversation and the API's refusals between reads. */
export function createConversationReader(options: ConversationReaderOptions) {
  const timeoutMs = options.timeoutMs ?? 4000;
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  const refusedBackoffMs = options.refusedBackoffMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  let cache: CachedApiRead | null = null;
  /** Until when the API is left alone, and why (shown as the fallback reason meanwhile). */
  let pausedUntil = 0;
  let pauseReason: { code: string; status?: number } | null = null;
  let inFlight: { key: string; promise: Promise<Conversation> } | null = null;

  async function readApi(request: ReadRequest, key: string): Promise<Conversation> {
    const readFromApi = request.adapter.readFromApi;
    if (!readFromApi) throw new AppError('api/unsupported', 'No API for this site');
    if (inFlight?.key === key) return inFlight.promise;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const apiCtx: ApiReadContext = {
      ...request.ctx,
      doc: request.doc,
      fetch: options.fetch,
      signal: controller.signal,
      ...(request.apiKey ? { apiKey: request.apiKey } : {}),
    };
    const promise = readFromApi(apiCtx).finally(() => {
      clearTimeout(timer);
      if (inFlight?.promise === promise) inFlight = null;
    });
    inFlight = { key, promise };
    return promise;
  }

  return {
    /**
     * Reads the conversation: from the API where the adapter has one and it answers, else from the page (with
     * `apiFallback` saying why). Throws the page's `AppError` when neither gives a conversation.
     */
    async read(request: ReadRequest): Promise<Conversation> {
      const { adapter, doc, ctx } = request;
      let page: Conversation | null = null;
      let pageError: unknown = null;
      try {
        page = adapter.read(doc, ctx);
      } catch (error) {
        pageError = error;
      }
      if (!adapter.readFromApi || ctx.pickedSelector) {
        if (page) return page;
        throw pageError;
      }
      // A list view (no ticket open) needs no API call.
      if (pageError instanceof AppError && pageError.code === 'adapter/no-conversation') throw pageError;

      const key = `${adapter.id}|${ctx.url.origin}${ctx.url.pathname}`;
      const fingerprint = fingerprintOf(page);
      const time = now();
      if (cache && cache.key === key && cache.fingerprint === fingerprint && time - cache.at < maxAgeMs)
        return cache.conversation;

      let failure: { code: string; status?: number };
      if (time < pausedUntil && pauseReason) {
        failure = pauseReason;
      } else {
        try {
          const conversation = await readApi(request, key);
          cache = { key, fingerprint, at: now(), conversation };
          pausedUntil = 0;
          pauseReason = null;
          return conversation;
        } catch (error) {
          failure = apiFailureOf(error);
          if (error instanceof ApiError && error.code === 'api/rate-limited') {
            pausedUntil = now() + (error.retryAfter ?? 30) * 1000;
            pauseReason = failure;
          } else if (
            error instanceof ApiError &&
            (error.code === 'api/unauthorized' || error.code === 'api/forbidden')
          ) {
            pausedUntil = now() + refusedBackoffMs;
            pauseReason = failure;
          }
        }
      }
      if (page) return { ...page, source: page.source ?? 'page', apiFallback: failure };
      throw pageError;
    },
  };
}

export type ConversationReader = ReturnType<typeof createConversationReader>;
