// @vitest-environment node
// Node's own fetch, as in the extension's background page: host permissions, no page CORS in the way.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type FreshdeskActionInput,
  findFreshdeskTicketId,
  freshdeskBaseUrl,
  runFreshdeskAction,
} from '../../../lib/escalation/freshdesk';
import { sendJson, startServer, type TestServer } from './fixtures';

const apiKey = 'fd-key-123';
const expectedAuth = `Basic ${Buffer.from(`${apiKey}:X`).toString('base64')}`;

let server: TestServer;
let ticket: { id: number; tags: string[]; priority: number; group_id: number | null };
let notes: { body: string; private: boolean }[];
let noteStatus = 201;
/** Simulates a slow Freshdesk: the note is stored, but the answer comes after the client gave up. */
let answerNotesLate = false;
/** Conversations on the ticket before the escalation (replies from the customer and agents). */
let earlier: { body: string; body_text: string; private: boolean }[];

beforeEach(async () => {
  ticket = { id: 77, tags: ['Existing', 'billing'], priority: 2, group_id: null };
  notes = [];
  noteStatus = 201;
  answerNotesLate = false;
  earlier = [];
  server = await startServer((request, response) => {
    if (request.headers.authorization !== expectedAuth) {
      sendJson(response, 401, { code: 'invalid_credentials', message: 'You have to be logged in.' });
      return;
    }
    if (request.url === '/api/v2/tickets/77' && request.method === 'GET') {
      sendJson(response, 200, ticket);
      return;
    }
    if (request.url === '/api/v2/tickets/77' && request.method === 'PUT') {
      const update = JSON.parse(request.body);
      ticket = { ...ticket, ...update };
      sendJson(response, 200, ticket);
      return;
    }
    if (request.url === '/api/v2/tickets/77/notes' && request.method === 'POST') {
      if (noteStatus !== 201) {
        sendJson(response, noteStatus, { description: 'Server error' });
        return;
      }
      notes.push(JSON.parse(request.body));
      if (answerNotesLate) {
        setTimeout(() => sendJson(response, 201, { id: 1 }), 1_500);
        return;
      }
      sendJson(response, 201, { id: 1 });
      return;
    }
    const listed = /^\/api\/v2\/tickets\/77\/conversations\?per_page=(\d+)&page=(\d+)$/.exec(request.url);
    if (listed && request.method === 'GET') {
      // "List All Conversations of a Ticket": oldest first, paged; notes as Freshdesk stores them (HTML + text).
      const all = [...earlier, ...notes.map((note) => ({ ...note, body_text: note.body.replace(/<br>/g, '\n') }))].map(
        (entry, index) => ({ id: index + 1, incoming: false, ...entry }),
      );
      const size = Number(listed[1]);
      const page = Number(listed[2]);
      sendJson(response, 200, all.slice((page - 1) * size, page * size));
      return;
    }
    sendJson(response, 404, { code: 'not_found' });
  });
});

afterEach(async () => {
  await server.close();
});

function input(overrides: Partial<FreshdeskActionInput> = {}): FreshdeskActionInput {
  return {
    ticketId: '77',
    domain: 'acme',
    apiKey,
    priority: 4,
    groupId: '5001',
    tags: ['rapport-escalated', 'existing'],
    note: 'Escalation: <late> & angry\nMood: angry\n\nRapport ref: R-00aa11bb22cc',
    noteRef: 'R-00aa11bb22cc',
    lang: 'en',
    ...overrides,
  };
}

const deps = () => ({ fetch, baseUrl: server.url });

describe('runFreshdeskAction', () => {
  it('authenticates with the API key, merges tags, raises priority, assigns the group and adds a private note', async () => {
    const result = await runFreshdeskAction(input(), deps());

    expect(result).toEqual({
      action: 'freshdesk',
      ok: true,
      retryable: false,
      detail:
        'Freshdesk ticket #77 updated: priority urgent, tags added: rapport-escalated, assigned to group 5001, private note added.',
    });
    expect(server.requests.every((request) => request.headers.authorization === expectedAuth)).toBe(true);
    expect(ticket).toEqual({ id: 77, tags: ['Existing', 'billing', 'rapport-escalated'], priority: 4, group_id: 5001 });
    expect(notes).toEqual([
      { body: 'Escalation: &lt;late&gt; &amp; angry<br>Mood: angry<br><br>Rapport ref: R-00aa11bb22cc', private: true },
    ]);
  });

  it('reports a wrong API key as a settings problem', async () => {
    const result = await runFreshdeskAction(input({ apiKey: 'wrong', lang: 'de' }), deps());
    expect(result).toEqual({
      action: 'freshdesk',
      ok: false,
      retryable: false,
      detail: 'Freshdesk hat den API-Schlüssel abgelehnt — unter Einstellungen → Eskalation prüfen.',
    });
    expect(server.requests).toHaveLength(1);
  });

  it('reports a failed note as retryable, and a retry keeps the tags merged once', async () => {
    noteStatus = 503;
    const failed = await runFreshdeskAction(input(), deps());
    expect(failed.ok).toBe(false);
    expect(failed.retryable).toBe(true);
    expect(failed.detail).toBe('Ticket updated, but the private note failed: Freshdesk is unavailable (503) — retry.');

    noteStatus = 201;
    const retried = await runFreshdeskAction(input(), deps());
    expect(retried.ok).toBe(true);
    expect(ticket.tags).toEqual(['Existing', 'billing', 'rapport-escalated']);
    expect(notes).toHaveLength(1);
  });

  it('says what to set when the domain or key is missing, without a request', async () => {
    const result = await runFreshdeskAction(input({ apiKey: '' }), { fetch });
    expect(result.detail).toBe('Freshdesk is not configured — set the domain and API key in Settings → Escalation.');
    expect(server.requests).toHaveLength(0);
  });
});

describe('retrying the Freshdesk action never duplicates the note (issue 20)', () => {
  it('a retry after a timeout, when Freshdesk had stored the note, does not post it again', async () => {
    // More than one page of earlier conversations: the note is looked for on every page.
    earlier = Array.from({ length: 130 }, (_, i) => ({
      body: `<p>Reply ${i}</p>`,
      body_text: `Reply ${i}`,
      private: false,
    }));
    answerNotesLate = true;
    const first = await runFreshdeskAction(input(), { ...deps(), timeoutMs: 300 });
    expect(first).toMatchObject({ ok: false, retryable: true });
    expect(first.detail).toContain('did not answer in time');
    expect(notes).toHaveLength(1);

    answerNotesLate = false;
    const retried = await runFreshdeskAction(input(), deps());
    expect(retried.ok).toBe(true);
    expect(retried.detail).toContain('private note already there');
    expect(notes).toHaveLength(1);
    expect(server.requests.filter((request) => request.url.endsWith('/notes'))).toHaveLength(1);
  });

  it('posts the note when no conversation carries this escalation’s reference', async () => {
    earlier = [{ body: 'Rapport ref: R-00aa11bb22ccdd', body_text: 'Rapport ref: R-00aa11bb22ccdd', private: true }];
    const result = await runFreshdeskAction(input(), deps());
    expect(result.detail).toContain('private note added');
    expect(notes).toHaveLength(1);
  });

  it('posts nothing when it cannot tell whether the note is there', async () => {
    const result = await runFreshdeskAction(input(), {
      ...deps(),
      fetch: (url: string, init?: RequestInit) =>
        url.includes('/conversations') ? Promise.reject(new Error('offline')) : fetch(url, init),
    });
    expect(result).toMatchObject({ ok: false, retryable: true });
    expect(notes).toHaveLength(0);
  });
});

describe('Freshdesk URLs', () => {
  it('builds the API origin from the domain and reads ticket ids', () => {
    expect(freshdeskBaseUrl('acme')).toBe('https://acme.freshdesk.com');
    expect(freshdeskBaseUrl('https://acme.freshdesk.com/a/tickets/1')).toBe('https://acme.freshdesk.com');
    expect(findFreshdeskTicketId('https://acme.freshdesk.com/a/tickets/77')).toBe('77');
    expect(findFreshdeskTicketId('https://acme.freshdesk.com/helpdesk/tickets/78')).toBe('78');
  });
});
