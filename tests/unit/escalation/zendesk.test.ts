import type { DetachedWindowAPI } from 'happy-dom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findZendeskTicketId, runZendeskAction, type ZendeskActionInput } from '../../../lib/escalation/zendesk';
import { type RecordedRequest, sendJson, startServer, type TestServer } from './fixtures';

// The action runs in the content script on the Zendesk page: the test serves the "page" and the API from one local
// origin, so happy-dom's fetch makes the same same-origin requests a browser would.

/** Moves the test page to the local server's origin through happy-dom's control API (not in the DOM typings). */
function setPageUrl(url: string): void {
  const api: DetachedWindowAPI | undefined = Reflect.get(window, 'happyDOM');
  if (!api) throw new Error('this test needs the happy-dom environment');
  api.setURL(url);
}

interface Ticket {
  id: number;
  tags: string[];
  priority: string | null;
  group_id: number | null;
  updated_at: string;
  comments: { body: string; public: boolean }[];
}

const token = 'csrf-4f2a';

let server: TestServer;
let ticket: Ticket;
/** Simulates another agent editing the ticket between our read and our write. */
let editBetweenReadAndWrite = false;
/** Simulates a slow Zendesk: the write is stored, but the answer comes after the client gave up. */
let answerWritesLate = false;

function handle(request: RecordedRequest, response: Parameters<Parameters<typeof startServer>[0]>[1]): void {
  if (request.url === '/api/v2/users/me.json') {
    sendJson(response, 200, { user: { id: 7, authenticity_token: 'from-me-endpoint' } });
    return;
  }
  if (request.url === `/api/v2/tickets/${ticket.id}/comments.json?sort_order=desc&per_page=100`) {
    // "List Comments": newest first as asked, with `body` and `plain_body` as documented.
    const comments = ticket.comments
      .map((comment, index) => ({ id: index + 1, ...comment, plain_body: comment.body }))
      .reverse();
    sendJson(response, 200, { comments, next_page: null, previous_page: null, count: comments.length });
    return;
  }
  if (request.url !== `/api/v2/tickets/${ticket.id}.json`) {
    sendJson(response, 404, { error: 'RecordNotFound' });
    return;
  }
  if (request.method === 'GET') {
    sendJson(response, 200, { ticket });
    if (editBetweenReadAndWrite) {
      ticket = { ...ticket, tags: [...ticket.tags, 'added_by_colleague'], updated_at: '2025-03-14T10:00:05Z' };
    }
    return;
  }
  if (request.method === 'PUT') {
    if (request.headers['x-csrf-token'] !== token && request.headers['x-csrf-token'] !== 'from-me-endpoint') {
      sendJson(response, 403, { error: 'InvalidCsrfToken' });
      return;
    }
    const body: { ticket: Record<string, unknown> } = JSON.parse(request.body);
    const update = body.ticket;
    if (update.safe_update === true && update.updated_stamp !== ticket.updated_at) {
      sendJson(response, 409, { error: 'UpdateConflict', description: 'Safe Update prevented the update' });
      return;
    }
    const raw = update.comment;
    const comment =
      typeof raw === 'object' && raw !== null && 'body' in raw && 'public' in raw
        ? { body: String(raw.body), public: raw.public === true }
        : undefined;
    ticket = {
      ...ticket,
      tags: Array.isArray(update.tags) ? update.tags.map(String) : ticket.tags,
      priority: typeof update.priority === 'string' ? update.priority : ticket.priority,
      group_id: typeof update.group_id === 'number' ? update.group_id : ticket.group_id,
      updated_at: '2025-03-14T10:01:00Z',
      comments: comment ? [...ticket.comments, comment] : ticket.comments,
    };
    if (answerWritesLate) {
      setTimeout(() => sendJson(response, 200, { ticket }), 1_500);
      return;
    }
    sendJson(response, 200, { ticket });
    return;
  }
  sendJson(response, 405, {});
}

function input(overrides: Partial<ZendeskActionInput> = {}): ZendeskActionInput {
  return {
    ticketId: '4242',
    priority: 'urgent',
    tags: ['rapport-escalated', 'Needs Lead'],
    groupId: '360001',
    note: 'Eskalation: Bestellung nicht angekommen — Anna Weber\nStimmung: verärgert\n\nRapport ref: R-0123456789ab',
    noteRef: 'R-0123456789ab',
    lang: 'en',
    ...overrides,
  };
}

function setCsrfMeta(value: string | undefined): void {
  document.head.querySelector('meta[name="csrf-token"]')?.remove();
  if (value === undefined) return;
  const meta = document.createElement('meta');
  meta.setAttribute('name', 'csrf-token');
  meta.setAttribute('content', value);
  document.head.append(meta);
}

const deps = () => ({ fetch: (url: string, init?: RequestInit) => fetch(url, init), document });

beforeEach(async () => {
  ticket = {
    id: 4242,
    tags: ['vip', 'billing'],
    priority: 'normal',
    group_id: null,
    updated_at: '2025-03-14T10:00:00Z',
    comments: [],
  };
  editBetweenReadAndWrite = false;
  answerWritesLate = false;
  server = await startServer(handle);
  setPageUrl(`${server.url}/agent/tickets/4242`);
  setCsrfMeta(token);
});

afterEach(async () => {
  await server.close();
});

describe('runZendeskAction', () => {
  it('raises priority, adds tags keeping the existing ones, assigns the group and adds an internal note', async () => {
    const result = await runZendeskAction(input(), deps());

    expect(result).toEqual({
      action: 'zendesk',
      ok: true,
      retryable: false,
      detail:
        'Zendesk ticket #4242 updated: priority urgent, tags added: rapport-escalated, needs_lead, assigned to group 360001, internal note added.',
    });
    const put = server.requests.find((request) => request.method === 'PUT');
    expect(put?.headers['x-csrf-token']).toBe(token);
    expect(JSON.parse(put?.body ?? '{}')).toEqual({
      ticket: {
        safe_update: true,
        updated_stamp: '2025-03-14T10:00:00Z',
        priority: 'urgent',
        tags: ['vip', 'billing', 'rapport-escalated', 'needs_lead'],
        group_id: 360001,
        comment: { body: input().note, public: false },
      },
    });
    expect(ticket.tags).toEqual(['vip', 'billing', 'rapport-escalated', 'needs_lead']);
    expect(ticket.comments).toEqual([{ body: input().note, public: false }]);
  });

  it('reports a conflict when the ticket changed meanwhile, and overwrites nothing', async () => {
    editBetweenReadAndWrite = true;
    const result = await runZendeskAction(input(), deps());

    expect(result).toEqual({
      action: 'zendesk',
      ok: false,
      retryable: true,
      detail: 'The ticket changed meanwhile — reload and retry.',
    });
    expect(ticket.tags).toEqual(['vip', 'billing', 'added_by_colleague']);
    expect(ticket.priority).toBe('normal');
    expect(ticket.comments).toEqual([]);

    // A retry reads the new state and keeps the colleague's tag.
    editBetweenReadAndWrite = false;
    const retried = await runZendeskAction(input(), deps());
    expect(retried.ok).toBe(true);
    expect(ticket.tags).toEqual(['vip', 'billing', 'added_by_colleague', 'rapport-escalated', 'needs_lead']);
  });

  it('never lowers a priority and leaves tags alone that are already there', async () => {
    ticket = { ...ticket, priority: 'urgent', tags: ['rapport-escalated'] };
    const result = await runZendeskAction(
      input({ priority: 'high', tags: ['rapport-escalated'], groupId: '', note: '', lang: 'de' }),
      deps(),
    );
    expect(result.detail).toBe('Zendesk-Ticket #4242 aktualisiert: Priorität bleibt urgent, Tags schon vorhanden.');
    const put = JSON.parse(server.requests.find((request) => request.method === 'PUT')?.body ?? '{}');
    expect(put.ticket.priority).toBeUndefined();
    expect(put.ticket.comment).toBeUndefined();
    expect(ticket.priority).toBe('urgent');
  });

  it('uses the session token from /users/me when the page has no csrf meta tag', async () => {
    setCsrfMeta(undefined);
    const result = await runZendeskAction(input(), deps());
    expect(result.ok).toBe(true);
    expect(server.requests.find((request) => request.method === 'PUT')?.headers['x-csrf-token']).toBe(
      'from-me-endpoint',
    );
  });

  it('reports a refused token as a sign-in problem, not something to retry', async () => {
    setCsrfMeta('stale-token');
    const result = await runZendeskAction(input(), deps());
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(result.detail).toContain('sign in as an agent');
  });

  it('reports a missing ticket and an unreachable Zendesk without throwing', async () => {
    const missing = await runZendeskAction(input({ ticketId: '9999' }), deps());
    expect(missing).toMatchObject({ ok: false, retryable: false, detail: 'Zendesk ticket #9999 was not found.' });

    const closedUrl = server.url;
    await server.close();
    server = await startServer(handle);
    const unreachable = await runZendeskAction(input(), { ...deps(), baseUrl: closedUrl, timeoutMs: 2_000 });
    expect(unreachable).toMatchObject({ ok: false, retryable: true });
  });
});

describe('retrying the Zendesk action never duplicates the note (issue 20)', () => {
  it('a retry after a timeout, when Zendesk had stored the note, updates the ticket without a second note', async () => {
    answerWritesLate = true;
    const first = await runZendeskAction(input(), { ...deps(), timeoutMs: 300 });
    expect(first).toMatchObject({ ok: false, retryable: true, detail: 'Zendesk did not answer in time — retry.' });
    // The write landed although the answer did not.
    await expect.poll(() => ticket.comments.length).toBe(1);

    answerWritesLate = false;
    const retried = await runZendeskAction(input(), deps());
    expect(retried.ok).toBe(true);
    expect(retried.detail).toContain('internal note already there');
    expect(ticket.comments).toEqual([{ body: input().note, public: false }]);
    const lastPut = JSON.parse(server.requests.filter((request) => request.method === 'PUT').at(-1)?.body ?? '{}');
    expect(lastPut.ticket.comment).toBeUndefined();
  });

  it('posts the note when the ticket’s earlier note belongs to another escalation', async () => {
    ticket.comments = [{ body: 'Old handoff\n\nRapport ref: R-0123456789abff', public: false }];
    const result = await runZendeskAction(input(), deps());
    expect(result.detail).toContain('internal note added');
    expect(ticket.comments).toHaveLength(2);
  });

  it('posts nothing when it cannot tell whether the note is there', async () => {
    const result = await runZendeskAction(input(), {
      ...deps(),
      fetch: (url: string, init?: RequestInit) =>
        url.includes('/comments.json') ? Promise.reject(new Error('offline')) : fetch(url, init),
    });
    expect(result).toMatchObject({ ok: false, retryable: true });
    expect(server.requests.filter((request) => request.method === 'PUT')).toHaveLength(0);
    expect(ticket.comments).toEqual([]);
  });
});

describe('findZendeskTicketId', () => {
  it('reads the ticket id from agent workspace URLs', () => {
    expect(findZendeskTicketId('https://acme.zendesk.com/agent/tickets/4242')).toBe('4242');
    expect(findZendeskTicketId('https://acme.zendesk.com/agent/tickets/4242/events')).toBe('4242');
    expect(findZendeskTicketId('https://acme.zendesk.com/agent/filters/1')).toBeUndefined();
  });
});
