// @vitest-environment node
// Node has fetch and DecompressionStream like the extension's worker, so the loader runs here as it runs there.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import { env } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../lib/errors';
import { fetchGunzipped, prepareOrtWasm, whenOrtWasmReady } from '../../../lib/models/transformers-env';

// The binary the extension ships, compressed as wxt.config.ts does (a faster level: the bytes inflate the same).
const ortWasm = readFileSync('node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.asyncify.wasm');
const files = new Map<string, Buffer>([
  ['/ort.wasm.gz', gzipSync(ortWasm, { level: 1 })],
  ['/plain.wasm.gz', ortWasm.subarray(0, 4096)],
]);

let server: Server;
let origin = '';
let requests: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    const body = files.get(request.url ?? '');
    if (!body) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/gzip' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('The test server has no port.');
  origin = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function expectLoadFailed(error: unknown, message?: string): void {
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ code: 'model/load-failed' });
  if (message) expect(error).toMatchObject({ message: expect.stringContaining(message) });
}

describe('fetchGunzipped', () => {
  it('inflates the compressed ONNX Runtime binary to the original, valid wasm', async () => {
    const binary = await fetchGunzipped(`${origin}/ort.wasm.gz`);
    expect(binary.byteLength).toBe(ortWasm.byteLength);
    expect(Buffer.from(binary).equals(ortWasm)).toBe(true);
    expect(WebAssembly.validate(binary)).toBe(true);
  });

  it('rejects with model/load-failed for a missing file', async () => {
    expectLoadFailed(await fetchGunzipped(`${origin}/missing.wasm.gz`).catch((e: unknown) => e), 'HTTP 404');
  });

  it('rejects with model/load-failed for bytes that are not gzip', async () => {
    expectLoadFailed(await fetchGunzipped(`${origin}/plain.wasm.gz`).catch((e: unknown) => e));
  });
});

describe('prepareOrtWasm', () => {
  it('hands ONNX Runtime the inflated binary once and keeps only the factory URL', async () => {
    const wasm = env.backends.onnx.wasm;
    expect(wasm).toBeDefined();
    if (!wasm) return;
    requests = [];
    const paths = { mjs: `${origin}/ort.mjs`, wasm: `${origin}/ort.wasm.gz` };
    await Promise.all([prepareOrtWasm(paths), prepareOrtWasm(paths), whenOrtWasmReady()]);
    expect(requests).toEqual(['/ort.wasm.gz']);
    expect(wasm.wasmPaths).toEqual({ mjs: paths.mjs });
    const binary = wasm.wasmBinary;
    if (!(binary instanceof ArrayBuffer)) throw new Error('ONNX Runtime was given no ArrayBuffer.');
    expect(Buffer.from(binary).equals(ortWasm)).toBe(true);
  });

  it('passes uncompressed paths straight to ONNX Runtime', async () => {
    const wasm = env.backends.onnx.wasm;
    if (!wasm) return;
    requests = [];
    const paths = { mjs: `${origin}/x.mjs`, wasm: `${origin}/x.wasm` };
    await prepareOrtWasm(paths);
    expect(wasm.wasmPaths).toEqual(paths);
    expect(requests).toEqual([]);
  });

  it('lets a failed read be retried', async () => {
    requests = [];
    const paths = { mjs: `${origin}/ort.mjs`, wasm: `${origin}/gone.wasm.gz` };
    expectLoadFailed(await prepareOrtWasm(paths).catch((e: unknown) => e));
    expectLoadFailed(await prepareOrtWasm(paths).catch((e: unknown) => e));
    expect(requests).toEqual(['/gone.wasm.gz', '/gone.wasm.gz']);
  });
});
