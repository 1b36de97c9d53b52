import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../lib/errors';
import { ApiError } from '../../../lib/sites/api';
import { createConversationReader } from '../../../lib/sites/reader';
import type { ApiReadContext, Conversation, ReadContext, SiteAdapter } from '../../../lib/sites/types';

const ctx: ReadContext = { url: new URL('https://acme.zendesk.com/agent/tickets/7'), agent: { names: [], emails: [] } };

function conv(source: 'api' | 'page', count = 1): Conversation {
  return {
    site: 'zendesk',
    id: '7',
    subject: 'S',
    url: ctx.url.href,
    customer: {},
    source,
    messages: Array.from({ length: count }, (_, i) => ({
      id: String(i),
      author: { name: 'A' },
      role: 'customer' as const,
      roleSource: source === 'api' ? ('api' as const) : ('page' as const),
      text: 'x',
      bodyLoaded: true,
      attachments: [],
    })),
  };
}

function adapterWith(
  readFromApi: (c: ApiReadContext) => Promise<Conversation>,
  read: () => Conversation = () => conv('page'),
): SiteAdapter {
  return {
    id: 'zendesk',
    label: 'Zendesk',
    matches: () => true,
    read,
    readFromApi,
    observeTarget: () => null,
    insert: async () => ({ ok: false, code: 'adapter/reply-box-missing', reason: 'no' }),
  };
}

const doc = document;

describe('createConversationReader', () => {
  it("prefers the API's reading and keeps it while the page does not change", async () => {
    const api = vi.fn(async () => conv('api'));
    const reader = createConversationReader({ fetch: vi.fn() });
    const adapter = adapterWith(api);
    expect((await reader.read({ adapter, doc, ctx })).source).toBe('api');
    expect((await reader.read({ adapter, doc, ctx })).source).toBe('api');
    expect(api).toHaveBeenCalledTimes(1);
  });

  it('asks the API again when the page shows a new message', async () => {
    let count = 1;
    const api = vi.fn(async () => conv('api', count));
    const reader = createConversationReader({ fetch: vi.fn() });
    const adapter = adapterWith(api, () => conv('page', count));
    await reader.read({ adapter, doc, ctx });
    count = 2;
    expect((await reader.read({ adapter, doc, ctx })).messages).toHaveLength(2);
    expect(api).toHaveBeenCalledTimes(2);
  });

  it.each([
    [401, 'api/unauthorized'],
    [403, 'api/forbidden'],
    [404, 'api/not-found'],
    [429, 'api/rate-limited'],
  ] as const)('falls back to the page on %i and says why (%s)', async (status, code) => {
    const reader = createConversationReader({ fetch: vi.fn() });
    const adapter = adapterWith(async () => {
      throw new ApiError(code, `answered ${status}`, { status });
    });
    const read = await reader.read({ adapter, doc, ctx });
    expect(read.source).toBe('page');
    expect(read.apiFallback).toEqual({ code, status });
  });

  it('falls back to the page when the API is slow, and leaves a rate-limited API alone until Retry-After', async () => {
    let time = 0;
    const slow = adapterWith(
      (c) =>
        new Promise((_resolve, reject) => {
          c.signal.addEventListener('abort', () => reject(new ApiError('api/timeout', 'slow')));
        }),
    );
    const reader = createConversationReader({ fetch: vi.fn(), timeoutMs: 20, now: () => time });
    expect((await reader.read({ adapter: slow, doc, ctx })).apiFallback).toEqual({ code: 'api/timeout' });

    const limited = vi.fn(async (): Promise<Conversation> => {
      throw new ApiError('api/rate-limited', '429', { status: 429, retryAfter: 10 });
    });
    const reader2 = createConversationReader({ fetch: vi.fn(), now: () => time });
    const adapter = adapterWith(limited);
    await reader2.read({ adapter, doc, ctx });
    time = 5_000;
    expect((await reader2.read({ adapter, doc, ctx })).apiFallback?.code).toBe('api/rate-limited');
    expect(limited).toHaveBeenCalledTimes(1);
    time = 11_000;
    await reader2.read({ adapter, doc, ctx });
    expect(limited).toHaveBeenCalledTimes(2);
  });

  it("reads from the API when the page's markup is not recognised, and skips it on a list view", async () => {
    const reader = createConversationReader({ fetch: vi.fn() });
    const unreadable = adapterWith(
      async () => conv('api'),
      () => {
        throw new AppError('adapter/anchor-missing', 'missing: conversation log');
      },
    );
    expect((await reader.read({ adapter: unreadable, doc, ctx })).source).toBe('api');
    const api = vi.fn(async () => conv('api'));
    const list = adapterWith(api, () => {
      throw new AppError('adapter/no-conversation', 'none');
    });
    await expect(reader.read({ adapter: list, doc, ctx })).rejects.toMatchObject({ code: 'adapter/no-conversation' });
    expect(api).not.toHaveBeenCalled();
  });

  it('throws the page error when neither the API nor the page gives a conversation', async () => {
    const reader = createConversationReader({ fetch: vi.fn() });
    const adapter = adapterWith(
      async () => {
        throw new ApiError('api/forbidden', '403', { status: 403 });
      },
      () => {
        throw new AppError('adapter/anchor-missing', 'missing: conversation log');
      },
    );
    await expect(reader.read({ adapter, doc, ctx })).rejects.toMatchObject({ code: 'adapter/anchor-missing' });
  });
});
