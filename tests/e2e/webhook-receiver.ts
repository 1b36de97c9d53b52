import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A webhook receiver on 127.0.0.1 that records every request and answers with the status the test sets. */
export interface Receiver {
  url: string;
  posts: { headers: IncomingHttpHeaders; body: string }[];
  status: number;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const receiver: Receiver = { url: '', posts: [], status: 200, close: async () => undefined };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method === 'POST') {
        receiver.posts.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      }
      response.writeHead(receiver.status, { 'Content-Type': 'application/json' });
      response.end(receiver.status < 300 ? '{"ok":true}' : '{"error":"boom"}');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  receiver.url = `http://127.0.0.1:${port}/hooks/escalations`;
  receiver.close = () =>
    new Promise<void>((done) => {
      server.closeAllConnections();
      server.close(() => done());
    });
  return receiver;
}
