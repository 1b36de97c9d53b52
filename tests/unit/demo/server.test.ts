// @vitest-environment node
import { readdir, readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTimeShiftMs } from '../../../scripts/demo/clock';
import {
  type DemoConversation,
  demoConversations,
  getDemoConversation,
  supportMailbox,
} from '../../../scripts/demo/conversations';
import { type DemoServer, demoPublicDirPath, portFromEnv, startDemoServer } from '../../../scripts/demo/server';

interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

// node:http rather than fetch: the test environment's fetch is happy-dom's, which is not what a browser sends.
function send(url: string, method = 'GET'): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, timeout: 5_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('timeout', () => req.destroy(new Error(`timed out: ${method} ${url}`)));
    req.on('error', reject);
    req.end();
  });
}

// A DOM that parses only: the pages' stylesheet and script are checked over HTTP below, never run here.
const window = new Window({
  settings: {
    disableJavaScriptEvaluation: true,
    disableJavaScriptFileLoading: true,
    disableCSSFileLoading: true,
    handleDisabledFileLoadingAsSuccess: true,
  },
});

function parse(html: string) {
  return new window.DOMParser().parseFromString(html, 'text/html');
}

const text = (element: { textContent: string | null } | null | undefined) =>
  element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

// A Sunday well after the data's week: times move by whole weeks.
const now = new Date('2027-03-14T10:00:00+01:00');
let server: DemoServer;

beforeAll(async () => {
  server = await startDemoServer({ port: 0, now: () => now });
});

afterAll(async () => {
  await server.close();
  await window.happyDOM.close();
});

describe('demo server', () => {
  it('listens on the port it was given a free one for, on localhost', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://localhost:${server.port}`);
  });

  it('redirects the root to the inbox', async () => {
    const response = await send(`${server.url}/`);
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/inbox');
  });

  it('lists every active ticket in the inbox, linked, with status, customer, subject, preview and time', async () => {
    const response = await send(`${server.url}/inbox`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const doc = parse(response.body);
    const active = demoConversations.filter((conversation) => conversation.status !== 'solved');
    const rows = [...doc.querySelectorAll('.ticket-row')];
    expect(rows).toHaveLength(active.length);
    rows.forEach((row, index) => {
      const conversation = active[index];
      expect(row.querySelector('a')?.getAttribute('href')).toBe(`/tickets/${conversation?.id}`);
      expect(text(row.querySelector('.ticket-row__customer'))).toBe(conversation?.customer.name);
      expect(text(row.querySelector('.ticket-row__subject'))).toBe(conversation?.subject);
      expect(text(row.querySelector('.ticket-row__preview'))).not.toBe('');
      expect(row.querySelector('.status')).not.toBeNull();
      expect(row.querySelector('time')?.getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(row.classList.contains('ticket-row--unread')).toBe(conversation?.unread);
    });
  });

  it('filters the inbox by view', async () => {
    const doc = parse((await send(`${server.url}/inbox?view=solved`)).body);
    const solved = demoConversations.filter((conversation) => conversation.status === 'solved');
    expect(doc.querySelectorAll('.ticket-row')).toHaveLength(solved.length);
  });

  it.each(demoConversations.map((conversation) => [conversation.id, conversation.scenario, conversation] as const))(
    'serves ticket %s (%s) with every message readable by structure',
    async (id, _scenario, conversation: DemoConversation) => {
      const response = await send(`${server.url}/tickets/${id}`);
      expect(response.status).toBe(200);
      const doc = parse(response.body);
      expect(text(doc.querySelector('h1'))).toBe(conversation.subject);
      const articles = [...doc.querySelectorAll('article.message')];
      expect(articles).toHaveLength(conversation.messages.length);
      articles.forEach((article, index) => {
        const message = conversation.messages[index];
        if (!message) throw new Error('more articles than messages');
        expect(article.id).toBe(message.id);
        const header = article.querySelector('header');
        expect(text(header?.querySelector('.message__author'))).toBe(message.author.name);
        expect(header?.querySelector('a[href^="mailto:"]')?.getAttribute('href')).toBe(
          `mailto:${message.author.email}`,
        );
        const time = header?.querySelector('time')?.getAttribute('datetime') ?? '';
        expect(Date.parse(time)).toBe(Date.parse(message.time) + demoTimeShiftMs(now));
        const body = text(article.querySelector('.message__body'));
        for (const line of message.text.split('\n').filter(Boolean)) expect(body).toContain(line.trim());
        const label = text(header?.querySelector('.role-label'));
        if (message.role === 'agent') {
          expect(article.classList.contains('message--agent')).toBe(true);
          expect(label).toBe('Agent');
        } else if (message.role === 'internal-note') {
          expect(article.classList.contains('message--note')).toBe(true);
          expect(label).toBe('Internal note');
        } else {
          expect(article.classList.contains('message--customer')).toBe(true);
          expect(label).toBe('');
        }
        const attachments = [...article.querySelectorAll('.attachment__name')].map((element) => text(element));
        expect(attachments).toEqual(message.attachments.map((attachment) => attachment.name));
      });
      const composer = doc.querySelector('form#composer');
      expect(composer?.querySelector('textarea')).not.toBeNull();
      expect(composer?.querySelector('select[name="status"]')).not.toBeNull();
      expect(composer?.querySelector('button[type="submit"]')).not.toBeNull();
    },
  );

  it('renders quoted replies the way the mail clients wrote them', async () => {
    const gmail = parse((await send(`${server.url}/tickets/${getDemoConversation('angry-refund').id}`)).body);
    const quote = gmail.querySelector('article.message:last-of-type blockquote.gmail_quote');
    expect(text(quote)).toContain('returns team for inspection');
    expect(text(gmail.querySelector('.gmail_attr'))).toMatch(/^On .+ Nordwind Shop Support <support@.+> wrote:$/);

    const outlook = parse((await send(`${server.url}/tickets/${getDemoConversation('formal-complaint-de').id}`)).body);
    expect(text(outlook.querySelector('.outlook-reply'))).toContain(`Von: ${supportMailbox.de.name}`);

    const apple = parse((await send(`${server.url}/tickets/${getDemoConversation('voucher-de').id}`)).body);
    expect(text(apple.querySelector('article.message:last-of-type .message__body'))).toMatch(
      /Am \d\d\.\d\d\.\d{4} um \d\d:\d\d schrieb Nordwind Shop Kundenservice .+> Hallo Lea,/,
    );
  });

  it('escapes customer text instead of letting it become markup', async () => {
    const megan = getDemoConversation('wrong-size-return');
    const doc = parse((await send(`${server.url}/tickets/${megan.id}`)).body);
    expect(text(doc.querySelector('.message__author'))).toBe("Megan O'Brien");
    expect(doc.querySelector('article.message:last-of-type .message__body')?.textContent).toContain(
      'Trail runner & weekend hiker',
    );
  });

  it('moves the fixed demo week forward by whole weeks, keeping weekdays', async () => {
    const conversation = getDemoConversation('late-delivery');
    const doc = parse((await send(`${server.url}/tickets/${conversation.id}`)).body);
    const shown = doc.querySelector('article.message:last-of-type time')?.getAttribute('datetime') ?? '';
    const original = conversation.messages.at(-1)?.time ?? '';
    expect(new Date(shown).getUTCDay()).toBe(new Date(original).getUTCDay());
    const age = now.getTime() - Date.parse(shown);
    expect(age).toBeGreaterThan(0);
    expect(age).toBeLessThan(8 * 24 * 60 * 60 * 1000);
  });

  it('answers unknown tickets and paths with a 404 page', async () => {
    const missing = await send(`${server.url}/tickets/999`);
    expect(missing.status).toBe(404);
    expect(text(parse(missing.body).querySelector('h1'))).toBe('Page not found');
    expect((await send(`${server.url}/nope`)).status).toBe(404);
  });

  it('accepts a reply post without storing it, and refuses other methods', async () => {
    const id = getDemoConversation('cancellation').id;
    const posted = await send(`${server.url}/tickets/${id}/reply`, 'POST');
    expect(posted.status).toBe(303);
    expect(posted.headers.location).toBe(`/tickets/${id}`);
    expect((await send(`${server.url}/inbox`, 'DELETE')).status).toBe(405);
  });

  it('serves the attachment pages it links to', async () => {
    const doc = parse((await send(`${server.url}/tickets/${getDemoConversation('damaged-item-de').id}`)).body);
    const links = [...doc.querySelectorAll('a.attachment')].map((link) => link.getAttribute('href') ?? '');
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect((await send(`${server.url}${link}`)).status).toBe(200);
  });

  it('serves every asset its pages reference, with the right type', async () => {
    const doc = parse((await send(`${server.url}/inbox`)).body);
    const refs = [...doc.querySelectorAll('link[href], script[src]')].map(
      (element) => element.getAttribute('href') ?? element.getAttribute('src') ?? '',
    );
    expect(refs).toEqual(['/assets/favicon.svg', '/assets/app.css', '/assets/app.js']);
    const types = await Promise.all(
      refs.map(async (ref) => (await send(`${server.url}${ref}`)).headers['content-type']),
    );
    expect(types).toEqual(['image/svg+xml', 'text/css; charset=utf-8', 'text/javascript; charset=utf-8']);
  });

  it('loads nothing from outside: no external URL in any page, stylesheet or script', async () => {
    const pages = [
      '/inbox',
      '/inbox?view=solved',
      ...demoConversations.map((conversation) => `/tickets/${conversation.id}`),
    ];
    const bodies = await Promise.all(pages.map(async (path) => (await send(`${server.url}${path}`)).body));
    const publicDir = demoPublicDirPath();
    const files = await readdir(publicDir);
    const assets = await Promise.all(files.map((file) => readFile(join(publicDir, file), 'utf8')));
    for (const source of [...bodies, ...assets]) {
      // The SVG namespace is a name, not something fetched.
      const scanned = source.replaceAll('xmlns="http://www.w3.org/2000/svg"', '');
      expect(scanned).not.toMatch(/\b(?:https?|wss?|ftp):\/\//i);
      expect(scanned).not.toMatch(/(?:src|href|action)\s*=\s*["']?\/\//i);
      expect(scanned).not.toMatch(/url\(\s*["']?(?:https?:)?\/\//i);
      expect(scanned).not.toMatch(/@import/i);
    }
  });
});

describe('portFromEnv', () => {
  it('defaults to 5757 and takes PORT when it is a port', () => {
    expect(portFromEnv({})).toBe(5757);
    expect(portFromEnv({ PORT: '8080' })).toBe(8080);
    expect(() => portFromEnv({ PORT: 'eighty' })).toThrow(/PORT must be a port number/);
  });
});
