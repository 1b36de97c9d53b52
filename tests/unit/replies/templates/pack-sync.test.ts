// @vitest-environment node
// Node's own fetch, not happy-dom's: the pack sync must behave against a real HTTP server.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb, type TemplateRecord } from '../../../../lib/db';
import { AppError } from '../../../../lib/errors';
import { createTemplate } from '../../../../lib/replies/templates/library';
import type { ManagedStorageArea } from '../../../../lib/replies/templates/managed';
import {
  listPackSubscriptions,
  subscribePack,
  syncAllPacks,
  syncPack,
  unsubscribePack,
} from '../../../../lib/replies/templates/pack-sync';
import { packOriginPattern, validatePackUrl } from '../../../../lib/replies/templates/pack-url';
import { getSettings } from '../../../../lib/settings';

type Mode =
  | 'ok'
  | 'not-found'
  | 'server-error'
  | 'malformed'
  | 'huge-streamed'
  | 'huge-declared'
  | 'slow'
  | 'redirect-http'
  | 'redirect-same-host'
  | 'partly-invalid';

function template(id: string, title: string, body: string, version = 1) {
  return { id, title, body, language: 'en', intents: ['refund'], tone: 'apologetic', version };
}

const server = {
  mode: 'ok' as Mode,
  etag: '"v1"',
  pack: { format: 'rapport-template-pack', version: 1, name: 'Team Nord', templates: [] as unknown[] },
  requests: [] as { path: string; ifNoneMatch?: string }[],
  /** Whether the last huge body was written to the end (it must not be: the client stops reading). */
  hugeFinished: false,
  hugeClosedEarly: false,
  /** Whether the slow server got to send its answer (it must not: the client gives up first). */
  slowAnswered: false,
};

function handle(req: IncomingMessage, res: ServerResponse) {
  server.requests.push({
    path: req.url ?? '',
    ...(req.headers['if-none-match'] ? { ifNoneMatch: req.headers['if-none-match'] } : {}),
  });
  if (req.url === '/moved.json') {
    res.writeHead(200, { 'Content-Type': 'application/json', ETag: '"moved"' });
    res.end(JSON.stringify({ ...server.pack, name: 'Moved pack' }));
    return;
  }
  if (req.url !== '/pack.json') {
    res.writeHead(404).end();
    return;
  }
  switch (server.mode) {
    case 'ok':
      if (req.headers['if-none-match'] === server.etag) {
        res.writeHead(304, { ETag: server.etag }).end();
        return;
      }
      res.writeHead(200, {
        'Content-Type': 'application/json',
        ETag: server.etag,
        'Last-Modified': 'Wed, 01 May 2024 10:00:00 GMT',
      });
      res.end(JSON.stringify(server.pack));
      return;
    case 'not-found':
      res.writeHead(404, { 'Content-Type': 'text/html' }).end('<h1>Not found</h1>');
      return;
    case 'server-error':
      res.writeHead(500).end('oops');
      return;
    case 'malformed':
      res
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end('{"format": "rapport-template-pack", "templates": [');
      return;
    case 'partly-invalid':
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({ ...server.pack, templates: [...server.pack.templates, { id: 'broken', title: 'Broken' }] }),
      );
      return;
    case 'huge-declared': {
      const body = Buffer.alloc(20 * 1024 * 1024, 0x20);
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(body.length) });
      res.end(body);
      return;
    }
    case 'huge-streamed': {
      // 20 MB in 64 KB chunks without a Content-Length, honouring backpressure like a real server.
      server.hugeFinished = false;
      server.hugeClosedEarly = false;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const total = 20 * 1024 * 1024;
      res.on('close', () => {
        if (sent < total) server.hugeClosedEarly = true;
      });
      const pump = () => {
        while (sent < total) {
          sent += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        server.hugeFinished = true;
        res.end();
      };
      pump();
      return;
    }
    case 'slow': {
      server.slowAnswered = false;
      const timer = setTimeout(() => {
        server.slowAnswered = true;
        res.writeHead(200).end(JSON.stringify(server.pack));
      }, 3000);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    case 'redirect-http':
      res.writeHead(302, { Location: 'http://packs.example.invalid/pack.json' }).end();
      return;
    case 'redirect-same-host':
      res.writeHead(301, { Location: '/moved.json' }).end();
      return;
  }
}

let http: Server;
let url: string;

beforeAll(async () => {
  http = createServer(handle);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/pack.json`;
});

afterAll(async () => {
  http.closeAllConnections();
  await new Promise<void>((resolve) => http.close(() => resolve()));
});

beforeEach(async () => {
  await getDb().templates.clear();
  await getDb().packs.clear();
  server.mode = 'ok';
  server.etag = '"v1"';
  server.pack.templates = [template('refund', 'Refund', 'Refund v1'), template('delay', 'Delay', 'Delay v1')];
  server.requests = [];
});

async function packTemplates(): Promise<TemplateRecord[]> {
  return await getDb().templates.where('owner').equals(url).sortBy('title');
}

/** Subscribes and checks that the first copy is good, so later failures have something to lose. */
async function subscribeWithGoodCopy() {
  const result = await subscribePack(url, { now: () => 1000 });
  expect(result.status).toBe('updated');
  return result;
}

describe('pack subscription and refresh', () => {
  it('subscribes, stores the pack read-only under its URL, and records the sync', async () => {
    const result = await subscribeWithGoodCopy();
    expect(result.pack).toEqual({
      url,
      name: 'Team Nord',
      etag: '"v1"',
      lastModified: 'Wed, 01 May 2024 10:00:00 GMT',
      lastSyncAt: 1000,
      templateCount: 2,
    });
    expect((await getSettings()).packUrls).toEqual([url]);
    expect((await packTemplates()).map((t) => [t.id, t.owner, t.body])).toEqual([
      [`${url}#delay`, url, 'Delay v1'],
      [`${url}#refund`, url, 'Refund v1'],
    ]);
  });

  it('sends the ETag and keeps everything on 304', async () => {
    await subscribeWithGoodCopy();
    const before = await packTemplates();
    const result = await syncPack(url, { now: () => 2000 });
    expect(result.status).toBe('not-modified');
    expect(server.requests.at(-1)).toEqual({ path: '/pack.json', ifNoneMatch: '"v1"' });
    expect(result.pack.lastSyncAt).toBe(2000);
    expect(await packTemplates()).toEqual(before);
  });

  it('applies a changed pack: updates, removes, and keeps the agent’s usage counts', async () => {
    await subscribeWithGoodCopy();
    await getDb().templates.update(`${url}#refund`, { usageCount: 4 });
    server.etag = '"v2"';
    server.pack.templates = [
      template('refund', 'Refund', 'Refund v2', 2),
      template('invoice', 'Invoice', 'Invoice v1'),
    ];
    const result = await syncPack(url, { now: () => 3000 });
    expect(result.status).toBe('updated');
    expect(result.pack).toMatchObject({ etag: '"v2"', templateCount: 2, lastSyncAt: 3000 });
    expect((await packTemplates()).map((t) => [t.id, t.body, t.version, t.usageCount, t.deletedAt])).toEqual([
      // Dropped by the pack: hidden from suggestions, kept with its history (see "pack updates never lose…").
      [`${url}#delay`, 'Delay v1', 1, 0, 3000],
      [`${url}#invoice`, 'Invoice v1', 1, 0, undefined],
      [`${url}#refund`, 'Refund v2', 2, 4, undefined],
    ]);
  });

  it.each([
    ['not-found', 'templates/pack-not-found'],
    ['server-error', 'templates/pack-http-error'],
    ['malformed', 'templates/pack-malformed'],
    ['huge-declared', 'templates/pack-too-large'],
    ['redirect-http', 'templates/pack-insecure-redirect'],
  ] as const)('records %s as an error and keeps the last good copy', async (mode, code) => {
    await subscribeWithGoodCopy();
    const good = await packTemplates();
    server.mode = mode;
    server.etag = '"v9"';
    const result = await syncPack(url, { now: () => 5000 });
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe(code);
    expect(result.pack).toMatchObject({ name: 'Team Nord', lastSyncAt: 1000, templateCount: 2, etag: '"v1"' });
    expect(result.pack.lastError).toEqual({ code, message: result.error?.message, at: 5000 });
    expect(await getDb().packs.get(url)).toEqual(result.pack);
    expect(await packTemplates()).toEqual(good);
  });

  it('says clearly why a large pack was refused, without reading all 20 MB', async () => {
    await subscribeWithGoodCopy();
    server.mode = 'huge-streamed';
    const result = await syncPack(url);
    expect(result.error?.code).toBe('templates/pack-too-large');
    expect(result.error?.message).toContain('larger than 5 MB');
    await expect.poll(() => server.hugeClosedEarly).toBe(true);
    expect(server.hugeFinished).toBe(false);
    expect(await packTemplates()).toHaveLength(2);
  });

  it('gives up on a slow server after the timeout', async () => {
    await subscribeWithGoodCopy();
    server.mode = 'slow';
    const result = await syncPack(url, { timeoutMs: 300 });
    // Given up on its own rather than waiting for the answer (speed itself is `npm run bench`'s to measure).
    expect(server.slowAnswered).toBe(false);
    expect(result.error?.code).toBe('templates/pack-timeout');
    expect(await packTemplates()).toHaveLength(2);
  });

  it('follows a redirect on the same host', async () => {
    server.mode = 'redirect-same-host';
    const result = await subscribePack(url);
    expect(result.status).toBe('updated');
    expect(result.pack.name).toBe('Moved pack');
    expect(server.requests.map((r) => r.path)).toEqual(['/pack.json', '/moved.json']);
  });

  it('refuses a redirect from https to http even when the runtime hides redirects', async () => {
    const fakeFetch: typeof fetch = async (input) => {
      const href = String(input);
      if (href === 'https://packs.example.com/team.json') {
        return new Response(null, { status: 302, headers: { Location: 'http://localhost/team.json' } });
      }
      throw new Error(`unexpected request to ${href}`);
    };
    const result = await syncPack('https://packs.example.com/team.json', { fetch: fakeFetch });
    expect(result.error?.code).toBe('templates/pack-insecure-redirect');
  });

  it('applies the valid entries of a partly broken pack and lists the rest', async () => {
    server.mode = 'partly-invalid';
    const result = await subscribePack(url);
    expect(result.status).toBe('updated');
    expect(result.skipped.map((entry) => [entry.index, entry.title])).toEqual([[2, 'Broken']]);
    expect(result.pack.templateCount).toBe(2);
    expect(result.pack.lastError?.code).toBe('templates/pack-entries-invalid');
    expect(result.pack.lastError?.message).toContain('1 of 3 templates');
  });

  it('records a first sync that fails, so the subscription shows the error', async () => {
    server.mode = 'server-error';
    const result = await subscribePack(url, { now: () => 42 });
    expect(result.pack).toEqual({
      url,
      name: new URL(url).host,
      templateCount: 0,
      lastError: { code: 'templates/pack-http-error', message: result.error?.message, at: 42 },
    });
  });

  it('never overwrites or deletes personal templates', async () => {
    const mine = await createTemplate({
      title: 'Refund',
      body: 'Mine',
      language: 'en',
      intents: ['refund'],
      tone: 'neutral',
    });
    const squatter: TemplateRecord = { ...mine, id: `${url}#delay`, body: 'Personal squatter' };
    await getDb().templates.add(squatter);
    await subscribePack(url);
    server.etag = '"v2"';
    server.pack.templates = [];
    await syncPack(url);
    expect(await getDb().templates.get(mine.id)).toEqual(mine);
    expect(await getDb().templates.get(squatter.id)).toEqual(squatter);
  });

  it('does not record anything when the caller cancels', async () => {
    await subscribeWithGoodCopy();
    server.mode = 'slow';
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(syncPack(url, { signal: controller.signal })).rejects.toBeDefined();
    expect((await getDb().packs.get(url))?.lastError).toBeUndefined();
  });

  it('syncs the agent’s and the policy’s packs, and removes packs nobody subscribes to', async () => {
    const managed: ManagedStorageArea = { get: async () => ({ packUrls: [url] }) };
    await getDb().packs.put({ url: 'https://old.example.com/p.json', name: 'Old', templateCount: 1 });
    await getDb().templates.add({
      id: 'https://old.example.com/p.json#x',
      title: 'Old',
      body: 'Old',
      language: 'en',
      intents: ['refund'],
      tone: 'neutral',
      owner: 'https://old.example.com/p.json',
      version: 1,
      updatedAt: 1,
      usageCount: 0,
    });
    const results = await syncAllPacks({ managedArea: managed });
    expect(results.map((r) => [r.url, r.status])).toEqual([[url, 'updated']]);
    expect(await getDb().packs.get('https://old.example.com/p.json')).toBeUndefined();
    expect(await getDb().templates.get('https://old.example.com/p.json#x')).toBeUndefined();

    expect(await listPackSubscriptions(managed)).toMatchObject([{ url, managed: true, pack: { name: 'Team Nord' } }]);
    const error = await unsubscribePack(url, managed).catch((thrown: unknown) => thrown);
    expect(error instanceof AppError && error.code).toBe('templates/pack-managed');
  });

  it('unsubscribing removes the pack and its templates', async () => {
    await subscribeWithGoodCopy();
    await unsubscribePack(url, { get: async () => ({}) });
    expect((await getSettings()).packUrls).toEqual([]);
    expect(await getDb().packs.get(url)).toBeUndefined();
    expect(await packTemplates()).toEqual([]);
  });
});

describe('pack updates never lose a template (issue 20)', () => {
  const active = async () => (await packTemplates()).filter((t) => t.deletedAt === undefined);

  it('keeps the last good copy and usage count of a template whose new version is invalid, marked stale', async () => {
    await subscribeWithGoodCopy();
    await getDb().templates.update(`${url}#refund`, { usageCount: 7 });
    server.etag = '"v2"';
    // The pack's author broke the refund template (empty body); the delay template changed normally.
    server.pack.templates = [{ ...template('refund', 'Refund', '', 2) }, template('delay', 'Delay', 'Delay v2', 2)];
    const result = await syncPack(url, { now: () => 4000 });
    expect(result.status).toBe('updated');
    expect(result.skipped.map((entry) => [entry.index, entry.id])).toEqual([[0, 'refund']]);
    const refund = await getDb().templates.get(`${url}#refund`);
    expect(refund).toMatchObject({ body: 'Refund v1', version: 1, usageCount: 7 });
    expect(refund?.deletedAt).toBeUndefined();
    expect(refund?.stale).toEqual({ kind: 'invalid', reason: result.skipped[0]?.reason, at: 4000 });
    expect(result.pack.templateCount).toBe(2);
    expect((await active()).map((t) => t.body)).toEqual(['Delay v2', 'Refund v1']);

    // Still broken at the next update: same copy, the date it first went stale stays.
    server.etag = '"v3"';
    await syncPack(url, { now: () => 5000 });
    expect((await getDb().templates.get(`${url}#refund`))?.stale).toMatchObject({ kind: 'invalid', at: 4000 });

    // Fixed in the pack: the new version replaces the copy, the mark goes, the count stays.
    server.etag = '"v4"';
    server.pack.templates = [template('refund', 'Refund', 'Refund v4', 4), template('delay', 'Delay', 'Delay v2', 2)];
    await syncPack(url, { now: () => 6000 });
    const fixed = await getDb().templates.get(`${url}#refund`);
    expect(fixed).toMatchObject({ body: 'Refund v4', version: 4, usageCount: 7 });
    expect(fixed?.stale).toBeUndefined();
  });

  it('recognises a broken entry by its title when its id is unreadable', async () => {
    await subscribeWithGoodCopy();
    server.etag = '"v2"';
    server.pack.templates = [{ title: 'Refund', body: 'x' }, template('delay', 'Delay', 'Delay v1')];
    await syncPack(url, { now: () => 4000 });
    const refund = await getDb().templates.get(`${url}#refund`);
    expect(refund).toMatchObject({ body: 'Refund v1', stale: { kind: 'invalid' } });
    expect(refund?.deletedAt).toBeUndefined();
  });

  it('hides a template the pack dropped but keeps it and its usage count; it comes back with its history', async () => {
    await subscribeWithGoodCopy();
    await getDb().templates.update(`${url}#delay`, { usageCount: 3 });
    server.etag = '"v2"';
    server.pack.templates = [template('refund', 'Refund', 'Refund v1')];
    await syncPack(url, { now: () => 4000 });
    expect((await active()).map((t) => t.id)).toEqual([`${url}#refund`]);
    expect(await getDb().templates.get(`${url}#delay`)).toMatchObject({
      body: 'Delay v1',
      usageCount: 3,
      deletedAt: 4000,
      stale: { kind: 'removed', at: 4000 },
    });

    server.etag = '"v3"';
    await syncPack(url, { now: () => 5000 });
    expect((await getDb().templates.get(`${url}#delay`))?.stale).toEqual({ kind: 'removed', at: 4000 });

    server.etag = '"v4"';
    server.pack.templates = [template('refund', 'Refund', 'Refund v1'), template('delay', 'Delay', 'Delay v4', 4)];
    await syncPack(url, { now: () => 6000 });
    const back = await getDb().templates.get(`${url}#delay`);
    expect(back).toMatchObject({ body: 'Delay v4', usageCount: 3 });
    expect(back?.deletedAt).toBeUndefined();
    expect(back?.stale).toBeUndefined();
  });

  it('keeps every template when the whole new version is unusable', async () => {
    await subscribeWithGoodCopy();
    const good = await packTemplates();
    server.etag = '"v2"';
    server.pack.templates = [{ id: 'refund', title: 'Refund' }, { id: 'delay' }];
    const result = await syncPack(url, { now: () => 4000 });
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('templates/pack-invalid');
    expect(await packTemplates()).toEqual(good);
  });
});

describe('pack addresses', () => {
  it.each([
    ['https://intranet.example.com/packs/team.json#x', 'https://intranet.example.com/packs/team.json'],
    ['http://localhost:8080/p.json', 'http://localhost:8080/p.json'],
    ['http://127.0.0.1/p.json', 'http://127.0.0.1/p.json'],
  ])('accepts %s', (input, href) => {
    expect(validatePackUrl(input).href).toBe(href);
  });

  it.each([
    ['http://intranet.example.com/p.json', 'templates/pack-url-insecure'],
    ['ftp://example.com/p.json', 'templates/pack-url-insecure'],
    ['file:///etc/passwd', 'templates/pack-url-insecure'],
    ['not a url', 'templates/pack-url-invalid'],
    ['https://user:secret@example.com/p.json', 'templates/pack-url-invalid'],
  ])('refuses %s', async (input, code) => {
    const error = (() => {
      try {
        validatePackUrl(input);
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error instanceof AppError && error.code).toBe(code);
    await expect(subscribePack(input)).rejects.toThrow(AppError);
    expect((await getSettings()).packUrls).toEqual([]);
  });

  it('gives the host permission pattern to request', () => {
    expect(packOriginPattern('https://intranet.example.com:8443/packs/team.json')).toBe(
      'https://intranet.example.com/*',
    );
  });
});
