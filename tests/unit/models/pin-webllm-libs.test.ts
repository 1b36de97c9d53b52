// @vitest-environment node
/**
 * `npm run pin-webllm` (scripts/pin-webllm-libs.ts) against a local stand-in for GitHub: its commits API and its raw
 * file host, both served on 127.0.0.1 with the small test libraries.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webLlmLibManifest } from '../../../lib/models/webllm-libs';
import {
  catalogueManifest,
  findMismatches,
  formatManifest,
  manifestPath,
  newestCommit,
  type PinSources,
  pinLibraries,
} from '../../../scripts/pin-webllm-libs';
import { type LocalServer, libraryBytes, sha256, startServer, testCommit } from './webllm-lib-fixtures';

const folder = webLlmLibManifest.folder;

describe('pin-webllm', () => {
  let server: LocalServer;
  let sources: PinSources;

  beforeEach(async () => {
    const files: Record<string, Uint8Array | string> = {
      '/repos/mlc-ai/binary-mlc-llm-libs/commits': JSON.stringify([{ sha: testCommit }]),
    };
    for (const entry of Object.values(webLlmLibManifest.models)) {
      files[`/mlc-ai/binary-mlc-llm-libs/${testCommit}/${folder}/${entry.file}`] = libraryBytes(entry.file);
    }
    server = await startServer(files);
    sources = { fetch, apiOrigin: server.origin, rawOrigin: server.origin };
  });
  afterEach(async () => {
    await server.close();
  });

  it('keeps the shipped manifest in the form it writes, with the catalogue it derives', () => {
    expect(formatManifest(catalogueManifest(webLlmLibManifest))).toBe(readFileSync(manifestPath, 'utf8'));
  });

  it('asks GitHub for the newest commit touching the library folder', async () => {
    expect(await newestCommit(webLlmLibManifest, sources)).toBe(testCommit);
    expect(server.requests).toEqual(['GET /repos/mlc-ai/binary-mlc-llm-libs/commits']);
  });

  it('downloads every library at that commit and records its SHA-256', async () => {
    const pinned = await pinLibraries(catalogueManifest(webLlmLibManifest), testCommit, sources);
    expect(Object.keys(pinned.models)).toEqual(Object.keys(webLlmLibManifest.models));
    for (const entry of Object.values(pinned.models)) {
      expect(entry).toEqual({ file: entry.file, commit: testCommit, sha256: sha256(libraryBytes(entry.file)) });
    }
    expect(server.requests.every((r) => r.startsWith(`GET /mlc-ai/binary-mlc-llm-libs/${testCommit}/`))).toBe(true);
    // Checking again at the pinned commit finds nothing wrong; a changed file is named.
    expect(
      await findMismatches(
        pinned,
        (e) => `${server.origin}/mlc-ai/binary-mlc-llm-libs/${testCommit}/${folder}/${e.file}`,
        sources,
      ),
    ).toEqual([]);
    const first = Object.values(pinned.models)[0];
    if (!first) throw new Error('no models');
    server.files.set(`/mlc-ai/binary-mlc-llm-libs/${testCommit}/${folder}/${first.file}`, libraryBytes('other'));
    const wrong = await findMismatches(
      pinned,
      (e) => `${server.origin}/mlc-ai/binary-mlc-llm-libs/${testCommit}/${folder}/${e.file}`,
      sources,
    );
    expect(wrong).toEqual([`${first.file}: expected ${first.sha256}, got ${sha256(libraryBytes('other'))}`]);
  });

  it('refuses a branch name in place of a commit', async () => {
    await expect(pinLibraries(webLlmLibManifest, 'main', sources)).rejects.toThrow(/not a full 40-hex commit id/);
    expect(server.requests).toEqual([]);
  });

  it('drops the hash of a library whose file changed in a new web-llm, so it is pinned again', () => {
    const id = 'Llama-3.2-1B-Instruct-q4f16_1-MLC';
    const entry = webLlmLibManifest.models[id];
    if (!entry) throw new Error('model missing');
    const pinned = {
      ...webLlmLibManifest,
      models: { [id]: { file: `old-${entry.file}`, commit: testCommit, sha256: 'a'.repeat(64) } },
    };
    expect(catalogueManifest(pinned).models[id]).toEqual({ file: entry.file, commit: '', sha256: '' });
    const same = { ...webLlmLibManifest, models: { [id]: { ...entry, commit: testCommit, sha256: 'b'.repeat(64) } } };
    expect(catalogueManifest(same).models[id]).toEqual({ ...entry, commit: testCommit, sha256: 'b'.repeat(64) });
  });
});
