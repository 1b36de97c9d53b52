import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getAdapterFor } from '../../../lib/sites';
import { ApiError } from '../../../lib/sites/api';
import { readFreshdeskFromApi } from '../../../lib/sites/freshdesk-api';
import type { ApiReadContext, FetchLike } from '../../../lib/sites/types';

const API_FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'api', 'freshdesk');
const TICKET_URL = 'https://shopexample.freshdesk.com/a/tickets/7781';

/** The documented response kept in a fixture file (the `_source` note stays behind). */
function documented(name: string): unknown {
  const file = JSON.parse(readFileSync(join(API_FIXTURES, `${name}.json`), 'utf8')) as { response: unknown };
  return file.response;
}

interface Request {
  url: URL;
  init: RequestInit | undefined;
}

type Route = (url: URL) => Response | undefined;

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

/** Freshdesk as the documented fixtures describe it; `override` answers first where it returns a response. */
function fakeFreshdesk(override?: Route): { fetch: FetchLike; requests: Request[] } {
  const requests: Request[] = [];
  const fetch: FetchLike = async (input, init) => {
    const url = new URL(input);
    requests.push({ url, init });
    const overridden = override?.(url);
    if (overridden) return overridden;
    if (url.pathname === '/api/v2/tickets/7781') return json(documented('ticket'));
    if (url.pathname === '/api/v2/tickets/7781/conversations') {
      return json(url.searchParams.get('page') === '1' ? documented('conversations') : []);
    }
    if (url.pathname === '/api/v2/agents/me') return json(documented('agents-me'));
    return json({ code: 'not_found' }, 404);
  };
  return { fetch, requests };
}

function context(fetch: FetchLike, overrides: Partial<ApiReadContext> = {}): ApiReadContext {
  return {
    url: new URL(TICKET_URL),
    agent: { names: [], emails: [] },
    doc: document,
    fetch,
    signal: new AbortController().signal,
    ...overrides,
  };
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the read to fail');
}

describe('Freshdesk API reader', () => {
  it('is the Freshdesk adapter’s readFromApi', () => {
    expect(getAdapterFor(TICKET_URL).readFromApi).toBeTypeOf('function');
  });

  it('reads the description, replies and private notes with roles from the API', async () => {
    const { fetch } = fakeFreshdesk();
    const conversation = await readFreshdeskFromApi(context(fetch));
    expect(conversation).toMatchObject({
      site: 'freshdesk',
      id: '7781',
      subject: 'Paket beschädigt, Inhalt fehlt',
      url: TICKET_URL,
      source: 'api',
      customer: { name: 'Dieter Hoffmann', email: 'd.hoffmann@example.de' },
      agent: { name: 'Anna Schuster', email: 'anna.schuster@shop-example.de' },
    });
    expect(conversation.messages).toEqual([
      {
        id: 'description-7781',
        author: { name: 'Dieter Hoffmann', email: 'd.hoffmann@example.de' },
        role: 'customer',
        roleSource: 'api',
        time: '2025-02-19T20:14:03Z',
        // The mobile signature is cut as on the page.
        text: 'Guten Abend,\n\ndas Paket kam heute an, der Karton war aufgerissen und der Akku für die Bohrmaschine fehlt komplett. Das ist jetzt schon das zweite Mal bei Ihnen!!',
        bodyLoaded: true,
        attachments: ['IMG_4410.jpg'],
      },
      {
        id: '67001122334',
        author: { name: 'Anna Schuster', email: 'anna.schuster@shop-example.de' },
        role: 'agent',
        roleSource: 'api',
        time: '2025-02-20T08:03:41Z',
        text: 'Hallo Herr Hoffmann,\n\ndas ist ärgerlich, entschuldigen Sie bitte! Wir schicken den Akku heute per Express nach.',
        bodyLoaded: true,
        attachments: [],
      },
      {
        id: '67001122390',
        author: { name: 'Anna Schuster', email: 'anna.schuster@shop-example.de' },
        role: 'internal-note',
        roleSource: 'api',
        time: '2025-02-20T08:05:12Z',
        text: 'Zweiter Schaden in 4 Wochen, Kunde ist VIP (Umsatz > 2.000 €). Bitte DHL-Reklamation aufmachen.',
        bodyLoaded: true,
        attachments: [],
      },
      {
        id: '67001123001',
        author: { name: 'Dieter Hoffmann', email: 'd.hoffmann@example.de' },
        role: 'customer',
        roleSource: 'api',
        time: '2025-02-22T10:40:27Z',
        // Quoted history ("Am … schrieb …:" and the `>` lines) is cut.
        text: 'Der Akku ist angekommen und funktioniert. Danke für die schnelle Hilfe, das rettet mein Wochenende 😊',
        bodyLoaded: true,
        attachments: ['Lieferschein.pdf'],
      },
      {
        // Another agent: the API gives only a user id, and `from_email` is the support address, so no name is claimed.
        id: '67001123450',
        author: {},
        role: 'agent',
        roleSource: 'api',
        time: '2025-02-22T11:02:09Z',
        text: 'Freut mich, Herr Hoffmann! Ich schließe das Ticket.',
        bodyLoaded: true,
        attachments: [],
      },
    ]);
  });

  it('sends same-origin requests with the session cookies and no Authorization header without an API key', async () => {
    const { fetch, requests } = fakeFreshdesk();
    await readFreshdeskFromApi(context(fetch));
    expect(requests.map((r) => r.url.pathname + r.url.search).sort()).toEqual([
      '/api/v2/agents/me',
      '/api/v2/tickets/7781/conversations?per_page=100&page=1',
      '/api/v2/tickets/7781?include=requester',
    ]);
    for (const { url, init } of requests) {
      expect(url.origin).toBe('https://shopexample.freshdesk.com');
      expect(init?.credentials).toBe('include');
      expect(new Headers(init?.headers).has('Authorization')).toBe(false);
    }
  });

  it("sends the team's API key as Basic key:X when one is set", async () => {
    const { fetch, requests } = fakeFreshdesk();
    await readFreshdeskFromApi(context(fetch, { apiKey: 'fd-key-123' }));
    expect(requests).toHaveLength(3);
    for (const { init } of requests) {
      expect(new Headers(init?.headers).get('Authorization')).toBe(`Basic ${btoa('fd-key-123:X')}`);
    }
  });

  it('follows conversation pages until a short page', async () => {
    const template = (documented('conversations') as { id: number }[])[0];
    const page = (n: number, count: number) =>
      Array.from({ length: count }, (_, i) => ({ ...template, id: 67002000000 + n * 1000 + i }));
    const { fetch, requests } = fakeFreshdesk((url) => {
      if (!url.pathname.endsWith('/conversations')) return undefined;
      const n = Number(url.searchParams.get('page'));
      return json(page(n, n < 3 ? 100 : 7));
    });
    const conversation = await readFreshdeskFromApi(context(fetch));
    expect(conversation.messages).toHaveLength(1 + 100 + 100 + 7);
    expect(
      requests.filter((r) => r.url.pathname.endsWith('/conversations')).map((r) => r.url.searchParams.get('page')),
    ).toEqual(['1', '2', '3']);
    expect(conversation.messages.at(-1)?.id).toBe('67002003006');
  });

  it.each([
    [401, 'api/unauthorized'],
    [403, 'api/forbidden'],
    [404, 'api/not-found'],
    [429, 'api/rate-limited'],
  ])('turns HTTP %i into %s', async (status, code) => {
    const { fetch } = fakeFreshdesk((url) =>
      url.pathname === '/api/v2/tickets/7781'
        ? json({ code: 'error', message: 'refused' }, status, status === 429 ? { 'Retry-After': '30' } : {})
        : undefined,
    );
    const error = await failureOf(readFreshdeskFromApi(context(fetch)));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code, status, retryAfter: status === 429 ? 30 : undefined });
  });

  it('gives up with api/timeout when the read is aborted while Freshdesk is slow', async () => {
    const controller = new AbortController();
    const fetch: FetchLike = (_input, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')));
      });
    const reading = readFreshdeskFromApi(context(fetch, { signal: controller.signal }));
    controller.abort();
    const error = await failureOf(reading);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'api/timeout' });
  });

  it('refuses a body that is not the documented shape with api/bad-response', async () => {
    const { fetch } = fakeFreshdesk((url) =>
      url.pathname.endsWith('/conversations') ? json([{ id: 1, body_text: 'Hallo' }]) : undefined,
    );
    const error = await failureOf(readFreshdeskFromApi(context(fetch)));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'api/bad-response' });
  });

  it('refuses a ticket without its requester with api/bad-response', async () => {
    const { requester: _dropped, ...ticket } = documented('ticket') as { requester: unknown };
    const { fetch } = fakeFreshdesk((url) => (url.pathname === '/api/v2/tickets/7781' ? json(ticket) : undefined));
    await expect(readFreshdeskFromApi(context(fetch))).rejects.toMatchObject({ code: 'api/bad-response' });
  });

  it('asks nothing when no ticket is open', async () => {
    const { fetch, requests } = fakeFreshdesk();
    const error = await failureOf(
      readFreshdeskFromApi(context(fetch, { url: new URL('https://shopexample.freshdesk.com/a/tickets/filters/all') })),
    );
    expect(error).toMatchObject({ code: 'api/not-found' });
    expect(requests).toHaveLength(0);
  });
});
