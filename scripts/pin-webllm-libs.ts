/**
 * `npm run pin-webllm`: pins the web-llm model libraries Rapport offers to one commit of
 * github.com/mlc-ai/binary-mlc-llm-libs and records each file's SHA-256 in `lib/models/webllm-libs.json` (issue 20).
 * Run it on a machine that reaches GitHub, review the diff, commit it. Without it the shipped manifest has no hashes
 * and the extension refuses to run any library (templates only).
 *
 *   npm run pin-webllm                          newest commit touching web-llm's library folder, hashes written
 *   npm run pin-webllm -- --commit <40-hex>     that commit instead
 *   npm run pin-webllm -- --check               download again at the pinned commit and compare; writes nothing
 *   npm run pin-webllm -- --mirror <url>        check that a company mirror serves the same bytes; writes nothing
 *
 * The manifest's entries follow the catalogue (`isOfferedModel` in lib/models/webgpu.ts) and web-llm's own record of
 * each model's library file and folder, so upgrading web-llm and running this again re-pins everything.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type ModelRecord, modelVersion, prebuiltAppConfig } from '@mlc-ai/web-llm';
import { isOfferedModel } from '../lib/models/webgpu';
import {
  githubRawOrigin,
  mirrorLibraryUrl,
  type PinnedLibrary,
  pinnedLibraryUrl,
  type WebLlmLibManifest,
} from '../lib/models/webllm-libs';

const root = join(import.meta.dirname, '..');
export const manifestPath = join(root, 'lib', 'models', 'webllm-libs.json');
const githubApiOrigin = 'https://api.github.com';
const commitPattern = /^[0-9a-f]{40}$/u;

/** Where the script reads from; tests point both at a local server. */
export interface PinSources {
  fetch: typeof fetch;
  apiOrigin: string;
  rawOrigin: string;
}

const defaultSources: PinSources = { fetch, apiOrigin: githubApiOrigin, rawOrigin: githubRawOrigin };

/** The library file web-llm's record names (`…/v0_2_86/base/<file>`) and the folder it sits in. */
function libraryOf(record: ModelRecord): { folder: string; file: string } {
  const match = /\/(web-llm-models\/.+)\/([^/]+\.wasm)$/u.exec(record.model_lib);
  if (!match?.[1] || !match[2]) throw new Error(`Cannot read the library of ${record.model_id}: ${record.model_lib}`);
  return { folder: match[1], file: match[2] };
}

/**
 * The manifest as the catalogue and web-llm define it now: one entry per offered model in web-llm's prebuilt list,
 * keeping the commit and hash of an entry whose file did not change.
 */
export function catalogueManifest(
  current: WebLlmLibManifest,
  list: readonly ModelRecord[] = prebuiltAppConfig.model_list,
  webLlmVersion = readWebLlmVersion(),
): WebLlmLibManifest {
  const models: Record<string, PinnedLibrary> = {};
  let folder = `web-llm-models/${modelVersion}`;
  // Sorted by model id: a re-pin rewrites lines in place, so the diff shows only what changed.
  const offered = list.filter((record) => isOfferedModel(record.model_id));
  for (const record of offered.sort((a, b) => a.model_id.localeCompare(b.model_id))) {
    const library = libraryOf(record);
    folder = library.folder;
    const previous = Object.hasOwn(current.models, record.model_id) ? current.models[record.model_id] : undefined;
    const same = previous?.file === library.file && current.folder === library.folder;
    models[record.model_id] = {
      file: library.file,
      commit: same ? previous.commit : '',
      sha256: same ? previous.sha256 : '',
    };
  }
  return { webLlmVersion, repository: current.repository, folder, models };
}

function readWebLlmVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(join(root, 'node_modules/@mlc-ai/web-llm/package.json'), 'utf8'));
  const version = typeof pkg === 'object' && pkg !== null ? Reflect.get(pkg, 'version') : undefined;
  return typeof version === 'string' ? version : 'unknown';
}

/** The newest commit of the repository that touched the library folder (GitHub's commits API, one result). */
export async function newestCommit(manifest: WebLlmLibManifest, sources: PinSources = defaultSources): Promise<string> {
  const url = `${sources.apiOrigin}/repos/${manifest.repository}/commits?path=${encodeURIComponent(manifest.folder)}&per_page=1`;
  const response = await sources.fetch(url, { headers: { accept: 'application/vnd.github+json' } });
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  const body: unknown = await response.json();
  const sha = Array.isArray(body) ? Reflect.get(Object(body[0]), 'sha') : undefined;
  if (typeof sha !== 'string' || !commitPattern.test(sha)) {
    throw new Error(`No commit touches ${manifest.folder} in ${manifest.repository}: does that folder exist yet?`);
  }
  return sha;
}

async function sha256Of(url: string, sources: PinSources): Promise<string> {
  const response = await sources.fetch(url);
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  return createHash('sha256')
    .update(new Uint8Array(await response.arrayBuffer()))
    .digest('hex');
}

/** Downloads every library at `commit` and returns the manifest with that commit and the hashes. */
export async function pinLibraries(
  manifest: WebLlmLibManifest,
  commit: string,
  sources: PinSources = defaultSources,
): Promise<WebLlmLibManifest> {
  if (!commitPattern.test(commit)) throw new Error(`"${commit}" is not a full 40-hex commit id (a branch is refused).`);
  const models: Record<string, PinnedLibrary> = {};
  for (const [modelId, entry] of Object.entries(manifest.models)) {
    const url = pinnedLibraryUrl({ ...entry, commit }, manifest).replace(githubRawOrigin, sources.rawOrigin);
    models[modelId] = { file: entry.file, commit, sha256: await sha256Of(url, sources) };
  }
  return { ...manifest, models };
}

/** Files whose bytes at `base` (the pinned commit, or a mirror) differ from the manifest's hashes. */
export async function findMismatches(
  manifest: WebLlmLibManifest,
  urlOf: (entry: PinnedLibrary) => string,
  sources: PinSources = defaultSources,
): Promise<string[]> {
  const wrong: string[] = [];
  for (const entry of Object.values(manifest.models)) {
    const url = urlOf(entry);
    let actual: string;
    try {
      actual = await sha256Of(url, sources);
    } catch (error) {
      wrong.push(`${entry.file}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    if (actual !== entry.sha256) wrong.push(`${entry.file}: expected ${entry.sha256 || '(no hash)'}, got ${actual}`);
  }
  return wrong;
}

/** The manifest as written: one line per model, so a re-pin reads as one changed line per library. */
export function formatManifest(manifest: WebLlmLibManifest): string {
  const comment =
    'Written by `npm run pin-webllm` (scripts/pin-webllm-libs.ts) on a machine that reaches GitHub. Every library Rapport lets web-llm run, per model id: the file, the binary-mlc-llm-libs commit it is fetched at, and its SHA-256. An entry without a commit and a hash is refused at run time.';
  const lines = Object.entries(manifest.models).map(
    ([id, entry]) =>
      `    ${JSON.stringify(id)}: { "file": ${JSON.stringify(entry.file)}, "commit": ${JSON.stringify(entry.commit)}, "sha256": ${JSON.stringify(entry.sha256)} }`,
  );
  return [
    '{',
    `  "$comment": ${JSON.stringify(comment)},`,
    `  "webLlmVersion": ${JSON.stringify(manifest.webLlmVersion)},`,
    `  "repository": ${JSON.stringify(manifest.repository)},`,
    `  "folder": ${JSON.stringify(manifest.folder)},`,
    '  "models": {',
    lines.join(',\n'),
    '  }',
    '}',
    '',
  ].join('\n');
}

function readManifest(): WebLlmLibManifest {
  const data: unknown = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const models = Reflect.get(Object(data), 'models');
  const text = (key: string): string => {
    const value = Reflect.get(Object(data), key);
    if (typeof value !== 'string') throw new Error(`${manifestPath}: "${key}" is missing.`);
    return value;
  };
  const entries: Record<string, PinnedLibrary> = {};
  for (const [id, entry] of Object.entries(Object(models))) {
    const field = (key: string): string => {
      const value = Reflect.get(Object(entry), key);
      return typeof value === 'string' ? value : '';
    };
    entries[id] = { file: field('file'), commit: field('commit'), sha256: field('sha256') };
  }
  return {
    webLlmVersion: text('webLlmVersion'),
    repository: text('repository'),
    folder: text('folder'),
    models: entries,
  };
}

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

async function main(): Promise<void> {
  const current = readManifest();
  const mirror = option('--mirror');
  if (process.argv.includes('--check') || mirror) {
    const wrong = await findMismatches(current, (entry) =>
      mirror ? mirrorLibraryUrl(mirror, entry, current) : pinnedLibraryUrl(entry, current),
    );
    for (const line of wrong) console.error(`✘ ${line}`);
    console.log(wrong.length === 0 ? `✔ all ${Object.keys(current.models).length} libraries match` : '');
    process.exitCode = wrong.length === 0 ? 0 : 1;
    return;
  }
  const wanted = catalogueManifest(current);
  const commit = option('--commit') ?? (await newestCommit(wanted));
  console.log(`Pinning ${Object.keys(wanted.models).length} libraries of ${wanted.folder} at ${commit}`);
  const pinned = await pinLibraries(wanted, commit);
  // sha256sum's format, so the figures can be compared with a download made by hand.
  for (const entry of Object.values(pinned.models)) console.log(`${entry.sha256}  ${entry.file}`);
  writeFileSync(manifestPath, formatManifest(pinned));
  console.log(`Wrote ${manifestPath}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
