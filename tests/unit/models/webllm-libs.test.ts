/**
 * Issue 20: web-llm model libraries are executable code. These tests check that Rapport only ever fetches them at a
 * pinned commit or from the team's mirror, and that no bytes reach WebAssembly unless they hash to the SHA-256
 * shipped in `lib/models/webllm-libs.json` — in Rapport's own check and inside web-llm itself, through the worker's
 * gate. Downloads go to a server the test starts on 127.0.0.1.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { modelVersion, prebuiltAppConfig, WebWorkerMLCEngineHandler } from '@mlc-ai/web-llm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isOfferedModel } from '../../../lib/models/webgpu';
import {
  describeLibraryRefusal,
  ensureVerifiedLibrary,
  LibraryGuard,
  LibraryRefusedError,
  mirrorLibraryUrl,
  resolveLibrary,
  sriFromHex,
  webLlmLibManifest,
  webLlmLibraryCacheName,
} from '../../../lib/models/webllm-libs';
import {
  type LocalServer,
  libraryBytes,
  MemoryCaches,
  sha256,
  startServer,
  testCommit,
  testManifest,
} from './webllm-lib-fixtures';

const manifest = testManifest();
const modelId = 'Llama-3.2-1B-Instruct-q4f16_1-MLC';
const file = 'Llama-3.2-1B-Instruct-q4f16_1_cs1k-webgpu.wasm';
const goodBytes = libraryBytes(file);
const badBytes = libraryBytes(`${file}, rebuilt by someone else`);

describe('the shipped manifest', () => {
  it("lists exactly the models Rapport offers, with web-llm's own file names and folder", () => {
    const offered = prebuiltAppConfig.model_list.filter((r) => isOfferedModel(r.model_id));
    expect(Object.keys(webLlmLibManifest.models).sort()).toEqual(offered.map((r) => r.model_id).sort());
    for (const record of offered) {
      expect(record.model_lib.endsWith(`/${webLlmLibManifest.models[record.model_id]?.file}`)).toBe(true);
    }
    // Upgrading web-llm changes the folder its runtime needs: the manifest must be re-pinned with it.
    expect(webLlmLibManifest.folder).toBe(`web-llm-models/${modelVersion}`);
    const installed = JSON.parse(readFileSync(join('node_modules', '@mlc-ai', 'web-llm', 'package.json'), 'utf8'));
    expect(webLlmLibManifest.webLlmVersion).toBe(installed.version);
  });

  it('holds, per library, a full commit id and a SHA-256 — or nothing, which is refused, never a branch', () => {
    for (const [id, entry] of Object.entries(webLlmLibManifest.models)) {
      const pinned = /^[0-9a-f]{40}$/.test(entry.commit) && /^[0-9a-f]{64}$/.test(entry.sha256);
      if (pinned) {
        expect(resolveLibrary(id, '').url).toContain(`/${entry.commit}/`);
      } else {
        expect(entry).toMatchObject({ commit: '', sha256: '' });
        expect(() => resolveLibrary(id, '')).toThrow(LibraryRefusedError);
      }
    }
  });
});

describe('resolveLibrary', () => {
  it('fetches from the pinned commit, never a branch, with the shipped hash', () => {
    const library = resolveLibrary(modelId, '', manifest);
    expect(library.url).toBe(
      `https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/${testCommit}/web-llm-models/v0_2_86/base/${file}`,
    );
    expect(library.url).not.toMatch(/\/(main|master)\//);
    expect(library.sha256).toBe(sha256(goodBytes));
    expect(library.integrity).toBe(`sha256-${Buffer.from(sha256(goodBytes), 'hex').toString('base64')}`);
  });

  it("uses the team's mirror for where, never for what: the same hash applies", () => {
    const library = resolveLibrary(modelId, ' https://libs.example.com/web-llm/ ', manifest);
    expect(library.url).toBe(`https://libs.example.com/web-llm/v0_2_86/base/${file}`);
    expect(library.sha256).toBe(resolveLibrary(modelId, '', manifest).sha256);
  });

  it('refuses a mirror on plain http for a public host, or with credentials; accepts one on this computer', () => {
    expect(() => resolveLibrary(modelId, 'http://libs.example.com', manifest)).toThrow(
      expect.objectContaining({ code: 'model/bad-mirror', message: expect.stringMatching(/https/) }),
    );
    expect(() => resolveLibrary(modelId, 'https://user:secret@libs.example.com', manifest)).toThrow(
      expect.objectContaining({ code: 'model/bad-mirror' }),
    );
    expect(resolveLibrary(modelId, 'http://127.0.0.1:8123', manifest).url).toBe(
      `http://127.0.0.1:8123/v0_2_86/base/${file}`,
    );
  });

  it('refuses a library without a hash or at a branch, naming it in English and German', () => {
    const entry = manifest.models[modelId];
    if (!entry) throw new Error('test manifest lost its model');
    for (const broken of [
      { ...entry, sha256: '' },
      { ...entry, commit: 'main' },
    ]) {
      const without = { ...manifest, models: { ...manifest.models, [modelId]: broken } };
      let refusal: unknown;
      try {
        resolveLibrary(modelId, 'https://libs.example.com', without);
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(LibraryRefusedError);
      if (!(refusal instanceof LibraryRefusedError)) return;
      expect(refusal.code).toBe('model/library-unverified');
      expect(refusal.refusal).toEqual({ kind: 'unpinned', modelId, file });
      expect(describeLibraryRefusal(refusal.refusal, 'en')).toContain(`program library ${file}`);
      expect(describeLibraryRefusal(refusal.refusal, 'de')).toContain(`Programmbibliothek ${file}`);
    }
  });

  it('refuses models that are not in the manifest, including names of object properties', () => {
    for (const id of ['Phi-3.5-mini-instruct-q4f16_1-MLC', 'constructor', '__proto__']) {
      expect(() => resolveLibrary(id, '', manifest)).toThrow(
        expect.objectContaining({ refusal: { kind: 'not-offered', modelId: id } }),
      );
    }
  });
});

describe('ensureVerifiedLibrary, against a local server', () => {
  let server: LocalServer;
  const path = `/v0_2_86/base/${file}`;

  beforeEach(async () => {
    server = await startServer({ [path]: goodBytes });
  });
  afterEach(async () => {
    await server.close();
  });

  it("downloads verified bytes once and keeps them under web-llm's own cache key", async () => {
    const library = resolveLibrary(modelId, server.origin, manifest);
    const caches = new MemoryCaches();
    expect(await ensureVerifiedLibrary(library, { download: true, caches })).toBe('downloaded');
    const cache = await caches.open(webLlmLibraryCacheName);
    const stored = await cache.match(library.url);
    expect(new Uint8Array(await (stored ?? new Response()).arrayBuffer())).toEqual(goodBytes);
    expect(await ensureVerifiedLibrary(library, { download: true, caches })).toBe('cached');
    expect(server.requests).toEqual([`GET ${path}`]);
  });

  it('refuses mismatching bytes with a message naming the library and the host, and keeps nothing', async () => {
    server.files.set(path, badBytes);
    const library = resolveLibrary(modelId, server.origin, manifest);
    const caches = new MemoryCaches();
    const attempt = ensureVerifiedLibrary(library, { download: true, caches });
    await expect(attempt).rejects.toBeInstanceOf(LibraryRefusedError);
    await expect(attempt).rejects.toMatchObject({
      code: 'model/library-unverified',
      refusal: {
        kind: 'mismatch',
        file,
        source: 'network',
        host: new URL(server.origin).host,
        actual: sha256(badBytes),
      },
    });
    await expect(attempt).rejects.toThrow(`${file} from ${new URL(server.origin).host} does not match`);
    expect((await caches.open(webLlmLibraryCacheName)).entries.size).toBe(0);
  });

  it('refuses a cached library whose bytes changed, deletes it, and takes a good copy next time', async () => {
    const library = resolveLibrary(modelId, server.origin, manifest);
    const caches = new MemoryCaches();
    await ensureVerifiedLibrary(library, { download: true, caches });
    const cache = await caches.open(webLlmLibraryCacheName);
    cache.tamper(library.url, badBytes);
    await expect(ensureVerifiedLibrary(library, { download: true, caches })).rejects.toMatchObject({
      refusal: { kind: 'mismatch', source: 'cache' },
    });
    expect(await cache.match(library.url)).toBeUndefined();
    expect(await ensureVerifiedLibrary(library, { download: true, caches })).toBe('downloaded');
    expect(server.requests).toEqual([`GET ${path}`, `GET ${path}`]);
  });

  it('downloads nothing until asked to, and reports a missing file as a failed download', async () => {
    const library = resolveLibrary(modelId, server.origin, manifest);
    expect(await ensureVerifiedLibrary(library, { download: false, caches: new MemoryCaches() })).toBe('missing');
    expect(server.requests).toEqual([]);
    const other = resolveLibrary('Qwen2.5-0.5B-Instruct-q4f16_1-MLC', server.origin, manifest);
    await expect(ensureVerifiedLibrary(other, { download: true, caches: null })).rejects.toMatchObject({
      code: 'model/download-failed',
      message: expect.stringMatching(/HTTP 404/),
    });
  });
});

/** Drives web-llm's real worker handler through the guard, as `lib/models/llm-worker.ts` does. */
function workerHarness(guard: LibraryGuard) {
  const handler = new WebWorkerMLCEngineHandler();
  handler.engine.setAppConfig(LibraryGuard.emptyAppConfig);
  const replies: { kind: string; uuid: string; content: unknown }[] = [];
  handler.postMessage = (message: { kind: string; uuid: string; content: unknown }) => {
    replies.push(message);
  };
  let next = 0;
  const send = (kind: string, content: unknown): string => {
    const uuid = `m${next++}`;
    const verdict = guard.screen({ kind, uuid, content });
    if ('reply' in verdict) replies.push(verdict.reply);
    else handler.onmessage(verdict.forward);
    return uuid;
  };
  const answer = async (uuid: string) => {
    await vi.waitFor(() => expect(replies.find((r) => r.uuid === uuid)).toBeDefined(), { timeout: 10_000 });
    return replies.find((r) => r.uuid === uuid);
  };
  return { handler, send, answer };
}

describe('web-llm itself, behind the worker gate', () => {
  let server: LocalServer;
  let caches: MemoryCaches;
  let instantiated: Uint8Array[];
  const path = `/v0_2_86/base/${file}`;

  beforeEach(async () => {
    server = await startServer({ '/weights/resolve/main/mlc-chat-config.json': '{}', [path]: goodBytes });
    // web-llm keeps libraries in the Cache API, which Node lacks.
    caches = new MemoryCaches();
    vi.stubGlobal('caches', caches);
    // tvmjs's Emscripten glue sees `process` and takes Node's path, which reads the CommonJS `__dirname`.
    vi.stubGlobal('__dirname', '/');
    instantiated = [];
    const original = WebAssembly.instantiate;
    vi.spyOn(WebAssembly, 'instantiate').mockImplementation(((source: BufferSource, imports?: WebAssembly.Imports) => {
      instantiated.push(new Uint8Array(ArrayBuffer.isView(source) ? source.buffer : source));
      return original(source, imports);
    }) as typeof WebAssembly.instantiate);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
    await server.close();
  });

  /** The record as the panel sends it: deliberately without `integrity`, which the gate must add. */
  const record = (modelLib: string) => ({
    model: `${server.origin}/weights`,
    model_id: modelId,
    model_lib: modelLib,
    overrides: { context_window_size: 4096 },
  });

  it('instantiates the library only after its bytes matched the shipped hash', async () => {
    const { send, answer } = workerHarness(new LibraryGuard(manifest));
    send('setAppConfig', { model_list: [record(mirrorLibraryUrl(server.origin, { file, commit: '', sha256: '' }))] });
    const reply = await answer(send('reload', { modelId: [modelId] }));
    // The test library is an empty module, so web-llm stops right after instantiating it (it exports no memory).
    expect(reply?.kind).toBe('throw');
    expect(String(reply?.content)).not.toMatch(/IntegrityError/);
    expect(instantiated).toEqual([goodBytes]);
  });

  it('never instantiates downloaded bytes that do not match, even when the panel sent no hash', async () => {
    server.files.set(path, badBytes);
    const { send, answer } = workerHarness(new LibraryGuard(manifest));
    send('setAppConfig', { model_list: [record(`${server.origin}${path}`)] });
    const reply = await answer(send('reload', { modelId: [modelId] }));
    expect(String(reply?.content)).toMatch(/IntegrityError/);
    expect(String(reply?.content)).toContain(sriFromHex(sha256(goodBytes)));
    expect(instantiated).toEqual([]);
  });

  it('never instantiates a cached library whose bytes changed', async () => {
    const url = `${server.origin}${path}`;
    const cache = await caches.open(webLlmLibraryCacheName);
    await cache.put(url, new Response(goodBytes));
    cache.tamper(url, badBytes);
    const { send, answer } = workerHarness(new LibraryGuard(manifest));
    send('setAppConfig', { model_list: [{ ...record(url), integrity: { model_lib: 'sha256-x', onFailure: 'warn' } }] });
    const reply = await answer(send('reload', { modelId: [modelId] }));
    expect(String(reply?.content)).toMatch(/IntegrityError/);
    expect(instantiated).toEqual([]);
    // web-llm read the cache, not the server.
    expect(server.requests).not.toContain(`GET ${path}`);
  });

  it("answers a reload of a branch URL, an unhashed library or web-llm's default list itself, without fetching", async () => {
    const unhashed = { ...manifest, models: { ...manifest.models, [modelId]: { file, commit: '', sha256: '' } } };
    const cases = [
      {
        guard: new LibraryGuard(manifest),
        lib: `https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/web-llm-models/v0_2_86/base/${file}`,
        expected: /not from the pinned release/,
      },
      { guard: new LibraryGuard(unhashed), lib: `${server.origin}${path}`, expected: /no checksum/ },
      { guard: new LibraryGuard(manifest), lib: `http://libs.example.com${path}`, expected: /pinned release/ },
    ];
    for (const { guard, lib, expected } of cases) {
      const { send, answer } = workerHarness(guard);
      send('setAppConfig', { model_list: [record(lib)] });
      const reply = await answer(send('reload', { modelId: [modelId] }));
      expect(reply?.kind).toBe('throw');
      expect(String(reply?.content)).toMatch(/model\/library-unverified/);
      expect(String(reply?.content)).toMatch(expected);
    }
    // No app config at all: web-llm's prebuilt list (branch URLs, no hashes) is not there to fall back on.
    const { send, answer } = workerHarness(new LibraryGuard(manifest));
    const reply = await answer(send('reload', { modelId: modelId }));
    expect(String(reply?.content)).toMatch(/not in the app config this worker checked/);
    expect(server.requests).toEqual([]);
    expect(instantiated).toEqual([]);
  });
});
