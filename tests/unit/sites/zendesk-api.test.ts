import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/sites/api';
import type { ApiReadContext, Conversation, FetchLike } from '../../../lib/sites/types';
import { zendeskAdapter } from '../../../lib/sites/zendesk';
import { readZendeskFromApi } from '../../../lib/sites/zendesk-api';

// Documented response formats with invented values (each file names the page it follows in `_source`).
const API_FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'api', 'zendesk');

type Json = Record<string, unknown>;

function fixture(name: string): Json {
  return JSON.parse(readFileSync(join(API_FIXTURES, `${name}.json`), 'utf8')) as Json;
}

const TICKET_URL = 'https://shopexample.zendesk.com/agent/tickets/48233';
const COMMENTS_PATH = '/api/v2/tickets/48233/comments.json';

interface Answer {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A same-origin API as the content script sees it: answers by path (and, for comment pages, the page cursor). */
function fakeApi(answer: (url: URL) => Answer | undefined): {
  fetch: FetchLike;
  requests: URL[];
  inits: RequestInit[];
} {
  const requests: URL[] = [];
  const inits: RequestInit[] = [];
  const fetch: FetchLike = async (input, init) => {
    const url = new URL(input);
    requests.push(url);
    inits.push(init ?? {});
    const a = answer(url) ?? { status: 404, body: { error: 'RecordNotFound', description: 'Not found' } };
    const body = typeof a.body === 'string' ? a.body : JSON.stringify(a.body ?? {});
    return new Response(body, {
      status: a.status ?? 200,
      headers: { 'Content-Type': 'application/json; charset=utf-8', ...a.headers },
    });
  };
  return { fetch, requests, inits };
}

/** The documented happy path: ticket, two cursor pages of comments, the signed-in agent. */
function documentedAnswers(url: URL): Answer | undefined {
  if (url.pathname === '/api/v2/tickets/48233.json') return { body: fixture('ticket') };
  if (url.pathname === '/api/v2/users/me.json') return { body: fixture('users-me') };
  if (url.pathname === COMMENTS_PATH) {
    return { body: fixture(url.searchParams.has('page[after]') ? 'comments-page-2' : 'comments-page-1') };
  }
  return undefined;
}

function context(fetch: FetchLike, signal: AbortSignal = new AbortController().signal): ApiReadContext {
  return {
    url: new URL(TICKET_URL),
    agent: { names: [], emails: [] },
    doc: document,
    fetch,
    signal,
  };
}

async function failureOf(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the read to fail');
}

const customer = { name: 'Jonas Weiß', email: 'jonas.weiss@example.com' };
const tobias = { name: 'Tobias Brandt', email: 'tobias.brandt@shop-example.com' };

const expected: Conversation = {
  site: 'zendesk',
  id: '48233',
  subject: 'Rückerstattung fehlt',
  url: TICKET_URL,
  customer,
  agent: tobias,
  source: 'api',
  messages: [
    {
      id: '31874405511',
      author: customer,
      role: 'customer',
      roleSource: 'api',
      time: '2025-02-12T13:05:00Z',
      text: 'Sehr geehrte Damen und Herren,\n\nich habe die Kaffeemühle am 3. Februar zurückgeschickt (Retourenschein liegt bei). Seitdem höre ich nichts. Wann bekomme ich meine 129,90 € zurück?',
      bodyLoaded: true,
      attachments: ['Retourenschein.pdf'],
    },
    {
      id: '31874712093',
      author: tobias,
      role: 'agent',
      roleSource: 'api',
      time: '2025-02-12T15:40:00Z',
      text: 'Hallo Herr Weiß,\n\ndanke für Ihre Geduld! Ich prüfe das mit dem Lager und melde mich morgen.',
      bodyLoaded: true,
      attachments: [],
    },
    {
      id: '31874712500',
      author: tobias,
      role: 'internal-note',
      roleSource: 'api',
      time: '2025-02-12T15:42:00Z',
      text: 'Lager sagt: Retoure am 7.2. eingegangen, Erstattung hängt in der Buchhaltung. @Sabine bitte prüfen.',
      bodyLoaded: true,
      attachments: [],
    },
    {
      id: '31874980044',
      author: { name: 'Sabine Roth', email: 'sabine.roth@shop-example.com' },
      role: 'internal-note',
      roleSource: 'api',
      time: '2025-02-13T09:00:00Z',
      text: 'Erstattung ist heute angewiesen, 3–5 Werktage.',
      bodyLoaded: true,
      attachments: [],
    },
    {
      id: '31875002117',
      author: customer,
      role: 'customer',
      roleSource: 'api',
      time: '2025-02-14T07:58:00Z',
      text: 'Morgen ist jetzt zwei Tage her. Ich bin echt enttäuscht, so behandelt man keine Stammkunden. 👎',
      bodyLoaded: true,
      attachments: [],
    },
  ],
};

describe('Zendesk API reader', () => {
  it('is the Zendesk adapter’s readFromApi', () => {
    expect(zendeskAdapter.readFromApi).toBe(readZendeskFromApi);
  });

  it('reads the ticket, every comment with its author’s Zendesk role, and the signed-in agent', async () => {
    const api = fakeApi(documentedAnswers);
    const conversation = await readZendeskFromApi(context(api.fetch));
    expect(conversation).toEqual(expected);
    // Same-origin requests in the agent's session, authors side-loaded, the largest documented cursor page.
    expect(api.requests.every((u) => u.origin === 'https://shopexample.zendesk.com')).toBe(true);
    expect(api.inits.every((i) => i.credentials === 'include' && i.method === 'GET')).toBe(true);
    const commentPages = api.requests.filter((u) => u.pathname === COMMENTS_PATH);
    expect(commentPages).toHaveLength(2);
    expect(commentPages[0]?.searchParams.get('include')).toBe('users');
    expect(commentPages[0]?.searchParams.get('page[size]')).toBe('100');
    expect(commentPages[1]?.searchParams.get('page[after]')).toBe('eyJvIjoiaW52ZW50ZWQtY3Vyc29yLTEifQ');
  });

  it('takes a reply whose author was not side-loaded as the agent’s own when the author is the signed-in agent', async () => {
    const page1 = fixture('comments-page-1');
    const api = fakeApi((url) =>
      url.pathname === COMMENTS_PATH
        ? { body: { ...page1, users: [], meta: { has_more: false }, links: { next: null } } }
        : documentedAnswers(url),
    );
    const conversation = await readZendeskFromApi(context(api.fetch));
    expect(conversation.messages.map((m) => [m.id, m.role, m.roleSource])).toEqual([
      // Authors missing from the comment page are found among the users side-loaded with the ticket.
      ['31874405511', 'customer', 'api'],
      ['31874712093', 'agent', 'api'],
    ]);
    const withoutAnyUsers = fakeApi((url) => {
      if (url.pathname === COMMENTS_PATH) {
        return { body: { ...page1, users: [], meta: { has_more: false }, links: { next: null } } };
      }
      if (url.pathname === '/api/v2/tickets/48233.json') return { body: { ...fixture('ticket'), users: [] } };
      return documentedAnswers(url);
    });
    const bare = await readZendeskFromApi(context(withoutAnyUsers.fetch));
    expect(bare.messages.map((m) => [m.role, m.roleSource])).toEqual([
      ['customer', 'heuristic'],
      ['agent', 'identity'],
    ]);
  });

  it('follows offset pagination too, and keeps the comments in chronological order', async () => {
    const page1 = fixture('comments-page-1');
    const page2 = fixture('comments-page-2');
    const offset = (page: Json, next: string | null): Json => {
      const { meta: _meta, links: _links, ...rest } = page;
      return { ...rest, next_page: next, previous_page: null, count: 5 };
    };
    const api = fakeApi((url) => {
      if (url.pathname !== COMMENTS_PATH) return documentedAnswers(url);
      // Page 2 first: the reader orders by creation time, not by arrival.
      return url.searchParams.get('page') === '2'
        ? { body: offset(page1, null) }
        : { body: offset(page2, `${url.origin}${COMMENTS_PATH}?include=users&page=2`) };
    });
    const conversation = await readZendeskFromApi(context(api.fetch));
    expect(conversation.messages.map((m) => m.id)).toEqual(expected.messages.map((m) => m.id));
    expect(api.requests.filter((u) => u.pathname === COMMENTS_PATH)).toHaveLength(2);
  });

  it('stops after ten pages when the API keeps saying there is more', async () => {
    let n = 0;
    const api = fakeApi((url) => {
      if (url.pathname !== COMMENTS_PATH) return documentedAnswers(url);
      n += 1;
      const page = fixture('comments-page-1');
      const comments = (page.comments as Json[]).map((c) => ({ ...c, id: Number(c.id) + n * 1000 }));
      return {
        body: {
          ...page,
          comments,
          meta: { has_more: true },
          links: { next: `${url.origin}${COMMENTS_PATH}?include=users&page[size]=100&page[after]=c${n}` },
        },
      };
    });
    const conversation = await readZendeskFromApi(context(api.fetch));
    expect(api.requests.filter((u) => u.pathname === COMMENTS_PATH)).toHaveLength(10);
    expect(conversation.messages).toHaveLength(20);
  });

  it('refuses a next page on another site (the session cookies stay home)', async () => {
    const api = fakeApi((url) =>
      url.pathname === COMMENTS_PATH
        ? { body: { ...fixture('comments-page-1'), links: { next: 'https://evil.example/api/v2/steal.json' } } }
        : documentedAnswers(url),
    );
    const error = await failureOf(readZendeskFromApi(context(api.fetch)));
    expect(error.code).toBe('api/bad-response');
    expect(api.requests.some((u) => u.origin !== 'https://shopexample.zendesk.com')).toBe(false);
  });

  it.each([
    [401, 'api/unauthorized', {}],
    [403, 'api/forbidden', {}],
    [404, 'api/not-found', {}],
    [429, 'api/rate-limited', { 'Retry-After': '93' }],
  ] as const)('turns HTTP %i into %s', async (status, code, headers) => {
    const api = fakeApi((url) =>
      url.pathname === COMMENTS_PATH
        ? { status, headers, body: { error: 'Refused', description: 'Invented refusal' } }
        : documentedAnswers(url),
    );
    const error = await failureOf(readZendeskFromApi(context(api.fetch)));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.retryAfter).toBe(status === 429 ? 93 : undefined);
  });

  it('gives up with api/timeout when the signal aborts a slow answer', async () => {
    const controller = new AbortController();
    const slow: FetchLike = (input, init) => {
      if (new URL(input).pathname !== COMMENTS_PATH) return fakeApi(documentedAnswers).fetch(input, init);
      return new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    };
    const pending = readZendeskFromApi(context(slow, controller.signal));
    setTimeout(() => controller.abort(), 20);
    const error = await failureOf(pending);
    expect(error.code).toBe('api/timeout');
  });

  it('refuses a body that does not have the documented shape', async () => {
    const page1 = fixture('comments-page-1');
    const api = fakeApi((url) =>
      url.pathname === COMMENTS_PATH
        ? { body: { ...page1, comments: [{ id: 1, body: 'no public flag, no created_at' }] } }
        : documentedAnswers(url),
    );
    expect((await failureOf(readZendeskFromApi(context(api.fetch)))).code).toBe('api/bad-response');

    const notJson = fakeApi((url) =>
      url.pathname === '/api/v2/tickets/48233.json' ? { body: '<html>Sign in</html>' } : documentedAnswers(url),
    );
    expect((await failureOf(readZendeskFromApi(context(notJson.fetch)))).code).toBe('api/bad-response');
  });

  it('says "not signed in" when /users/me answers for an anonymous visitor', async () => {
    const api = fakeApi((url) =>
      url.pathname === '/api/v2/users/me.json'
        ? { body: { user: { id: null, name: 'Anonymous user', email: 'invalid@example.com', role: 'end-user' } } }
        : documentedAnswers(url),
    );
    expect((await failureOf(readZendeskFromApi(context(api.fetch)))).code).toBe('api/unauthorized');
  });
});
