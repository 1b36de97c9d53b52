/**
 * A local "Hub" for the opt-in model end-to-end tests: models laid out by `addHubModel`, served as
 * `<org>/<name>/resolve/main/…` by a server the test starts, so the download path runs without the internet.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { addHubModel } from '../fixtures/model-hub';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export interface ModelHub {
  /** Folder holding test-org/<name>/… */
  root: string;
  /** Every request the mirror answered, as `METHOD /path`. */
  requests: string[];
  /** Starts a fresh mirror (each test gets its own; one takes it offline on purpose); resolves to its base URL. */
  start(): Promise<string>;
  /** Takes the mirror offline now: browsers keep idle keep-alive connections open, which `close` alone waits for. */
  stop(): Promise<void>;
  remove(): Promise<void>;
}

/** Serves like the Hub, the ONNX graph slowly (about 2 s) so the progress bar can be seen. */
function serve(root: string, requests: string[]): Promise<Server> {
  const server = createServer((req, res) => {
    res.setHeader('access-control-allow-origin', '*');
    const match = /^\/([\w.-]+\/[\w.-]+)\/resolve\/main\/(.+)$/.exec(req.url ?? '');
    if (!match?.[1] || !match[2]) {
      res.writeHead(404).end();
      return;
    }
    requests.push(`${req.method} ${req.url}`);
    const isOnnx = match[2].startsWith('onnx/');
    const path = normalize(join(root, match[1], isOnnx ? 'onnx/model.onnx' : match[2]));
    readFile(path).then(
      async (body) => {
        res.writeHead(200, { 'content-length': body.length, 'content-type': 'application/octet-stream' });
        if (req.method === 'HEAD') return void res.end();
        if (!isOnnx) return void res.end(body);
        const chunk = Math.ceil(body.length / 40);
        for (let at = 0; at < body.length; at += chunk) {
          res.write(body.subarray(at, at + chunk));
          await sleep(50);
        }
        res.end();
      },
      () => res.writeHead(404).end(),
    );
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

/** A hub with `test-org/tiny-sentiment` (labels in another order) and `test-org/broken` (not an ONNX graph). */
export async function createModelHub(): Promise<ModelHub> {
  const root = await mkdtemp(join(tmpdir(), 'rapport-e2e-hub-'));
  await addHubModel(root, 'tiny-sentiment', { id2label: { 0: 'positive', 1: 'neutral', 2: 'negative' } });
  await addHubModel(root, 'broken', { brokenOnnx: true });
  const requests: string[] = [];
  let server: Server | undefined;
  const stop = (): Promise<void> => {
    const running = server;
    if (!running?.listening) return Promise.resolve();
    const closed = new Promise<void>((done) => running.close(() => done()));
    running.closeAllConnections();
    return closed;
  };
  return {
    root,
    requests,
    async start() {
      server = await serve(root, requests);
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    stop,
    async remove() {
      await stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}
