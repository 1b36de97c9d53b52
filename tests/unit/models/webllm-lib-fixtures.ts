/**
 * Test stand-ins for the web-llm model libraries (written by hand for these tests, not copies of real libraries):
 * small valid WebAssembly modules, a manifest holding their real SHA-256s, an in-memory Cache API and a local server.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type LibraryCache,
  type LibraryCacheStorage,
  type PinnedLibrary,
  type WebLlmLibManifest,
  webLlmLibManifest,
} from '../../../lib/models/webllm-libs';

/** A made-up commit id for tests (40 hex digits, as the manifest requires). */
export const testCommit = '0123456789abcdef0123456789abcdef01234567';

/**
 * An empty WebAssembly module carrying `name` in a custom section: valid (WebAssembly.instantiate accepts it), a few
 * dozen bytes, and different for every file, so a wrong file fails the hash as a tampered one would.
 */
export function libraryBytes(name: string): Uint8Array<ArrayBuffer> {
  const label = new TextEncoder().encode('rapport-test');
  const payload = new TextEncoder().encode(name);
  const body = [label.length, ...label, ...payload];
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x00, body.length, ...body]);
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The shipped manifest's models and files, pinned at `testCommit` with the hashes of `libraryBytes(file)`. */
export function testManifest(): WebLlmLibManifest {
  const models: Record<string, PinnedLibrary> = {};
  for (const [id, entry] of Object.entries(webLlmLibManifest.models)) {
    models[id] = { file: entry.file, commit: testCommit, sha256: sha256(libraryBytes(entry.file)) };
  }
  return { ...webLlmLibManifest, models };
}

/** An in-memory Cache API (Node has none): the calls Rapport and web-llm's ArtifactCache make. */
export class MemoryCaches implements LibraryCacheStorage {
  readonly stores = new Map<string, MemoryCache>();

  async open(name: string): Promise<MemoryCache> {
    let store = this.stores.get(name);
    if (!store) {
      store = new MemoryCache();
      this.stores.set(name, store);
    }
    return store;
  }
}

function keyOf(request: string | Request | URL): string {
  return typeof request === 'string' ? request : request instanceof URL ? request.href : request.url;
}

export class MemoryCache implements LibraryCache {
  readonly entries = new Map<string, { body: Uint8Array<ArrayBuffer>; headers: Headers }>();

  async match(request: string | Request | URL): Promise<Response | undefined> {
    const entry = this.entries.get(keyOf(request));
    return entry ? new Response(entry.body.slice(), { headers: entry.headers }) : undefined;
  }

  async put(request: string | Request | URL, response: Response): Promise<void> {
    const body = new Uint8Array(await response.arrayBuffer());
    this.entries.set(keyOf(request), { body, headers: response.headers });
  }

  async add(request: string | Request | URL): Promise<void> {
    const response = await fetch(keyOf(request));
    if (!response.ok) throw new TypeError(`Cache.add: ${keyOf(request)} answered HTTP ${response.status}`);
    await this.put(request, response);
  }

  async delete(request: string | Request | URL): Promise<boolean> {
    return this.entries.delete(keyOf(request));
  }

  async keys(): Promise<Request[]> {
    return [...this.entries.keys()].map((url) => new Request(url));
  }

  /** Changes the stored bytes, as another program writing to the browser profile could. */
  tamper(url: string, bytes: Uint8Array<ArrayBuffer>): void {
    const entry = this.entries.get(url);
    if (!entry) throw new Error(`nothing cached for ${url}`);
    this.entries.set(url, { ...entry, body: bytes });
  }
}

/** A local file server: `files` by path, every request recorded as `METHOD /path`. */
export interface LocalServer {
  origin: string;
  requests: string[];
  files: Map<string, Uint8Array>;
  close(): Promise<void>;
}

export async function startServer(files: Record<string, Uint8Array | string> = {}): Promise<LocalServer> {
  const map = new Map<string, Uint8Array>();
  for (const [path, body] of Object.entries(files)) {
    map.set(path, typeof body === 'string' ? new TextEncoder().encode(body) : body);
  }
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method === 'OPTIONS') {
      // happy-dom's fetch sends a CORS preflight first; a browser extension page (host permission) would not.
      res.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*' }).end();
      return;
    }
    requests.push(`${req.method} ${path}`);
    const body = map.get(path);
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-length': body.length, 'access-control-allow-origin': '*' });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    files: map,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
