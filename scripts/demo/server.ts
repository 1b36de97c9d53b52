import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createDemoClock } from './clock';
import { findDemoConversation } from './conversations';
import { isInboxView, renderAttachmentPage, renderInboxPage, renderNotFoundPage, renderTicketPage } from './pages';

/** The port `npm run demo` and `npm start` use unless `PORT` says otherwise. */
export const defaultDemoPort = 5757;

export interface DemoServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** Pins the demo's clock (tests); otherwise the real date, read per request. */
  now?: () => Date;
}

export interface DemoServer {
  /** Base URL without a trailing slash, e.g. `http://localhost:5757`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

const publicDir = new URL('./public/', import.meta.url);

const assets: Record<string, { file: string; type: string }> = {
  '/assets/app.css': { file: 'app.css', type: 'text/css; charset=utf-8' },
  '/assets/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/assets/favicon.svg': { file: 'favicon.svg', type: 'image/svg+xml' },
};

function send(response: ServerResponse, status: number, type: string, body: string | Buffer, isHead: boolean): void {
  response.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    // The demo is edited while it runs; never let the browser keep an old page or stylesheet.
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(isHead ? undefined : body);
}

function redirect(response: ServerResponse, status: 302 | 303, location: string): void {
  response.writeHead(status, { Location: location, 'Content-Length': 0 });
  response.end();
}

async function handle(request: IncomingMessage, response: ServerResponse, now: () => Date): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const method = request.method ?? 'GET';
  const isHead = method === 'HEAD';
  const htmlType = 'text/html; charset=utf-8';

  const reply = /^\/tickets\/(\d+)\/reply$/.exec(path);
  if (method === 'POST' && reply) {
    // Without JavaScript the form still posts; the demo stores nothing and shows the ticket again.
    request.resume();
    redirect(response, 303, `/tickets/${reply[1]}`);
    return;
  }
  if (method !== 'GET' && !isHead) {
    response.writeHead(405, { Allow: 'GET, HEAD', 'Content-Length': 0 });
    response.end();
    return;
  }

  if (path === '/') return redirect(response, 302, '/inbox');
  if (path === '/favicon.ico') return redirect(response, 302, '/assets/favicon.svg');

  const asset = assets[path];
  if (asset) {
    const body = await readFile(new URL(asset.file, publicDir));
    return send(response, 200, asset.type, body, isHead);
  }

  const clock = createDemoClock(now());
  if (path === '/inbox') {
    const view = url.searchParams.get('view') ?? 'all';
    return send(response, 200, htmlType, renderInboxPage(isInboxView(view) ? view : 'all', clock), isHead);
  }

  const ticket = /^\/tickets\/(\d+)$/.exec(path);
  const conversation = ticket?.[1] ? findDemoConversation(ticket[1]) : undefined;
  if (conversation) return send(response, 200, htmlType, renderTicketPage(conversation, clock), isHead);

  const attachment = /^\/attachments\/(\d+)\/([^/]+)$/.exec(path);
  const owner = attachment?.[1] ? findDemoConversation(attachment[1]) : undefined;
  if (owner && attachment?.[2]) {
    const page = renderAttachmentPage(owner, decodeURIComponent(attachment[2]));
    if (page) return send(response, 200, htmlType, page, isHead);
  }

  return send(response, 404, htmlType, renderNotFoundPage(url.pathname), isHead);
}

/**
 * Serves the demo helpdesk on 127.0.0.1 (loopback only: nothing of it is reachable from the network).
 * Resolves once it listens; `close()` also ends kept-alive connections so callers never hang on shutdown.
 */
export function startDemoServer(options: DemoServerOptions): Promise<DemoServer> {
  const now = options.now ?? (() => new Date());
  const server = createServer((request, response) => {
    handle(request, response, now).catch((error: unknown) => {
      console.error('demo server:', error);
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'Internal error', false);
      else response.destroy();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://localhost:${port}`,
        port,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** `PORT` from the environment, else the default; a clear error for anything that is not a port. */
export function portFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.PORT;
  if (raw === undefined || raw === '') return defaultDemoPort;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${raw}"`);
  return port;
}

async function main(): Promise<void> {
  const server = await startDemoServer({ port: portFromEnv() });
  console.log(`Nordwind demo helpdesk: ${server.url}/inbox  (Ctrl+C to stop)`);
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const isDirectRun = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isDirectRun) {
  main().catch((error: unknown) => {
    const isInUse = error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';
    const message = isInUse
      ? `port ${portFromEnv()} is already in use (is the demo running already?); choose another with PORT=…`
      : error instanceof Error
        ? error.message
        : String(error);
    console.error(`Could not start the demo helpdesk: ${message}`);
    process.exit(1);
  });
}

/** Where the demo's static files live (for tests that check them). */
export function demoPublicDirPath(): string {
  return fileURLToPath(publicDir);
}
