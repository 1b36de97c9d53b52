/**
 * The model libraries web-llm may run, and the checks that keep it from running anything else (issue 20).
 *
 * A web-llm model library is a WebAssembly program that runs inside the extension (the extension pages allow
 * `'wasm-unsafe-eval'` for it). web-llm 0.2.86 points every library at the `main` branch of GitHub's
 * `mlc-ai/binary-mlc-llm-libs`, unpinned and unchecked. Rapport instead fetches each library at one commit (or from
 * the team's mirror) and requires its bytes to match a SHA-256 shipped in `webllm-libs.json`, three times over:
 * before the download is offered (`resolveLibrary`: no shipped hash, no library), before the engine starts
 * (`ensureVerifiedLibrary`: fresh and cached bytes), and inside web-llm itself right before it instantiates the bytes
 * (`integrity.model_lib`, enforced by the worker's `LibraryGuard` whatever the panel sends).
 */
import type { ModelRecord } from '@mlc-ai/web-llm';
import { AppError } from '../errors';
import { createTranslator } from '../i18n';
import { isLoopbackUrl, parseMirrorUrl } from './mirror-url';
import shipped from './webllm-libs.json';

/** One model's library: its file name, the binary-mlc-llm-libs commit it is fetched at, and its SHA-256 (hex). */
export interface PinnedLibrary {
  file: string;
  /** Full 40-hex commit id; '' until `npm run pin-webllm` has run. */
  commit: string;
  /** Lower-case hex SHA-256 of the file; '' until `npm run pin-webllm` has run. */
  sha256: string;
}

/** The pinned manifest (`lib/models/webllm-libs.json`, written by `scripts/pin-webllm-libs.ts`). */
export interface WebLlmLibManifest {
  /** The @mlc-ai/web-llm version whose runtime the libraries were built for. */
  webLlmVersion: string;
  /** `owner/name` of the GitHub repository holding the libraries. */
  repository: string;
  /** The folder inside the repository, `web-llm-models/<web-llm's modelVersion>`. */
  folder: string;
  /** Per web-llm model id Rapport offers. */
  models: Readonly<Record<string, PinnedLibrary>>;
}

/** The manifest shipped in this build. */
export const webLlmLibManifest: WebLlmLibManifest = shipped;

/** GitHub's raw file host: libraries are fetched from it at a commit, never at a branch. */
export const githubRawOrigin = 'https://raw.githubusercontent.com';
/** web-llm's Cache API scope for model libraries (`createArtifactCache("webllm/wasm")` in 0.2.86). */
export const webLlmLibraryCacheName = 'webllm/wasm';
/**
 * What the build puts where web-llm's prebuilt list had GitHub branch URLs (see `withoutBranchLibraryUrls`): a scheme
 * no browser fetches, so a record that escaped `pinRecord` fails instead of running unchecked code.
 */
export const unusableLibraryPrefix = 'rapport-unpinned:';

const commitPattern = /^[0-9a-f]{40}$/u;
const sha256Pattern = /^[0-9a-f]{64}$/u;
/** Model libraries are a few MB; a response far bigger is not one and is not read into memory. */
const maxLibraryBytes = 64 * 2 ** 20;
/** The folder prefix a mirror leaves out: `<libHost>/v0_2_86/base/<file>`, as web-llm's own layout below it. */
const mirrorStrippedPrefix = 'web-llm-models/';
/** A library URL on GitHub at anything but a full commit id (a branch or a tag, whose bytes can change). */
const branchLibraryUrl =
  /https:\/\/raw\.githubusercontent\.com\/mlc-ai\/binary-mlc-llm-libs\/(?![0-9a-f]{40}\/)[^/"'`\s]+\//gu;

/** Why a library was refused; `describeLibraryRefusal` words it for the panel. */
export type LibraryRefusal =
  /** The model is not in the manifest: Rapport does not offer it. */
  | { kind: 'not-offered'; modelId: string }
  /** The manifest names the file but this build has no commit or no hash for it. */
  | { kind: 'unpinned'; modelId: string; file: string }
  /** The bytes (downloaded now, or kept in the browser's cache) do not hash to the shipped SHA-256. */
  | { kind: 'mismatch'; file: string; source: 'network' | 'cache'; host: string; expected: string; actual: string }
  /** The worker was asked to load the library from GitHub at something other than the pinned commit. */
  | { kind: 'wrong-url'; file: string; url: string };

/** Words a refusal for the panel, naming the library, in the UI's language (the catalogue's `writingModel.refusal.*`). */
export function describeLibraryRefusal(refusal: LibraryRefusal, language: 'en' | 'de'): string {
  const t = createTranslator(language);
  switch (refusal.kind) {
    case 'not-offered':
      return t('writingModel.refusal.not-offered', { model: refusal.modelId });
    case 'unpinned':
      return t('writingModel.refusal.unpinned', { file: refusal.file });
    case 'mismatch':
      return refusal.source === 'cache'
        ? t('writingModel.refusal.mismatch-cache', { file: refusal.file })
        : t('writingModel.refusal.mismatch', { file: refusal.file, host: refusal.host });
    case 'wrong-url':
      return t('writingModel.refusal.wrong-url', { file: refusal.file, url: refusal.url });
  }
}

/** A library Rapport refused to run (`model/library-unverified`); `refusal` says which and why. */
export class LibraryRefusedError extends AppError {
  readonly refusal: LibraryRefusal;

  constructor(refusal: LibraryRefusal) {
    const detail = refusal.kind === 'mismatch' ? ` (expected sha256 ${refusal.expected}, got ${refusal.actual})` : '';
    super('model/library-unverified', `${describeLibraryRefusal(refusal, 'en')}${detail}`);
    this.name = 'LibraryRefusedError';
    this.refusal = refusal;
  }
}

/** A model's library as this build and the team's settings fetch it. */
export interface ResolvedLibrary {
  modelId: string;
  file: string;
  /** At the pinned commit on GitHub, or on the team's mirror. Never a branch. */
  url: string;
  /** Hex SHA-256 the bytes must have. */
  sha256: string;
  /** The same hash as web-llm's `integrity.model_lib` wants it (`sha256-<base64>`). */
  integrity: string;
}

/** The manifest entry for a model, or the refusal: not offered, or without a commit and a hash in this build. */
function pinnedEntry(modelId: string, manifest: WebLlmLibManifest): PinnedLibrary {
  // Own keys only: a model id such as "constructor" must not find something on Object.prototype.
  const entry = Object.hasOwn(manifest.models, modelId) ? manifest.models[modelId] : undefined;
  if (!entry) throw new LibraryRefusedError({ kind: 'not-offered', modelId });
  if (!commitPattern.test(entry.commit) || !sha256Pattern.test(entry.sha256)) {
    throw new LibraryRefusedError({ kind: 'unpinned', modelId, file: entry.file });
  }
  return entry;
}

/** `https://raw.githubusercontent.com/<repository>/<commit>/<folder>/<file>`: the only GitHub URL Rapport fetches. */
export function pinnedLibraryUrl(entry: PinnedLibrary, manifest: WebLlmLibManifest = webLlmLibManifest): string {
  return `${githubRawOrigin}/${manifest.repository}/${entry.commit}/${manifest.folder}/${entry.file}`;
}

/** `<libHost>/v0_2_86/base/<file>`: the team's mirror keeps web-llm's layout below `web-llm-models/`. */
export function mirrorLibraryUrl(
  libHost: string,
  entry: PinnedLibrary,
  manifest: WebLlmLibManifest = webLlmLibManifest,
): string {
  const base = parseMirrorUrl(libHost).href.replace(/\/+$/u, '');
  const folder = manifest.folder.startsWith(mirrorStrippedPrefix)
    ? manifest.folder.slice(mirrorStrippedPrefix.length)
    : manifest.folder;
  return `${base}/${folder}/${entry.file}`;
}

/**
 * The library `modelId` needs, from the pinned commit or from `libHost` (the team's mirror; '' for GitHub). The
 * mirror changes where the bytes come from, never what is trusted: the same shipped hash applies. Throws
 * `LibraryRefusedError` when the model is not in the manifest or this build has no hash for it, and
 * `model/bad-mirror` for a mirror that is not https (plain http only for localhost).
 */
export function resolveLibrary(
  modelId: string,
  libHost: string,
  manifest: WebLlmLibManifest = webLlmLibManifest,
): ResolvedLibrary {
  const entry = pinnedEntry(modelId, manifest);
  const url = libHost.trim() ? mirrorLibraryUrl(libHost, entry, manifest) : pinnedLibraryUrl(entry, manifest);
  return { modelId, file: entry.file, url, sha256: entry.sha256, integrity: sriFromHex(entry.sha256) };
}

/**
 * Points a web-llm record at the resolved library and makes web-llm check the bytes against the shipped hash right
 * before it instantiates them (`onFailure: 'error'`, web-llm's default, set so a received record cannot say "warn").
 */
export function pinRecord(record: ModelRecord, library: ResolvedLibrary): ModelRecord {
  return {
    ...record,
    model_lib: library.url,
    integrity: { ...record.integrity, model_lib: library.integrity, onFailure: 'error' },
  };
}

/** `sha256-<base64>`, the Subresource Integrity form web-llm's `integrity` fields take. */
export function sriFromHex(hex: string): string {
  let binary = '';
  for (let i = 0; i < hex.length; i += 2) binary += String.fromCharCode(Number.parseInt(hex.slice(i, i + 2), 16));
  return `sha256-${btoa(binary)}`;
}

/** Lower-case hex SHA-256 of `bytes` (Web Crypto: extension pages, workers and Node alike). */
export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Throws the `mismatch` refusal unless `bytes` hash to the library's shipped SHA-256. */
export async function checkLibraryBytes(
  bytes: ArrayBuffer,
  library: ResolvedLibrary,
  source: 'network' | 'cache',
): Promise<void> {
  const actual = await sha256Hex(bytes);
  if (actual === library.sha256) return;
  throw new LibraryRefusedError({
    kind: 'mismatch',
    file: library.file,
    source,
    host: hostOf(library.url),
    expected: library.sha256,
    actual,
  });
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    // Resolved URLs always parse; the text is only for the message.
    return url;
  }
}

/** The parts of a Cache API cache used here (a real `Cache` satisfies it; tests pass an in-memory one). */
export interface LibraryCache {
  match(request: string): Promise<Response | undefined>;
  put(request: string, response: Response): Promise<void>;
  delete(request: string): Promise<boolean>;
}

/** The parts of `CacheStorage` used here. */
export interface LibraryCacheStorage {
  open(name: string): Promise<LibraryCache>;
}

/** Where a verified library came from: the browser's cache, the network just now, or nowhere yet. */
export type LibraryState = 'cached' | 'downloaded' | 'missing';

export interface EnsureLibraryOptions {
  /** Download the library when the cache has none (false: only check a cached copy). */
  download: boolean;
  fetch?: typeof fetch;
  /** The Cache API (default `globalThis.caches`); null where there is none (the bytes are then checked, not kept). */
  caches?: LibraryCacheStorage | null;
  signal?: AbortSignal;
}

/**
 * Makes sure the library web-llm is about to read is the one shipped hashes allow: a copy in web-llm's own cache
 * entry is hashed (a changed copy is deleted and refused, never run); otherwise the library is downloaded, hashed,
 * and only then stored under the exact key web-llm reads, so web-llm finds checked bytes and downloads nothing.
 * Throws `LibraryRefusedError` (`mismatch`) or `model/download-failed`.
 */
export async function ensureVerifiedLibrary(
  library: ResolvedLibrary,
  options: EnsureLibraryOptions,
): Promise<LibraryState> {
  const storage = options.caches === undefined ? (typeof caches === 'undefined' ? null : caches) : options.caches;
  let cache: LibraryCache | null = null;
  try {
    cache = storage ? await storage.open(webLlmLibraryCacheName) : null;
  } catch {
    // No cache access (a private window): the bytes are still checked below, they just are not kept.
    cache = null;
  }
  const cached = await cache?.match(library.url);
  if (cached) {
    try {
      await checkLibraryBytes(await cached.arrayBuffer(), library, 'cache');
      return 'cached';
    } catch (error) {
      // A changed copy must not be found again (web-llm would read it next): it goes, and the agent is told.
      await cache?.delete(library.url);
      throw error;
    }
  }
  if (!options.download) return 'missing';
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(library.url, { credentials: 'omit', signal: options.signal ?? null });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new AppError('model/download-failed', `Could not download ${library.url}: ${detail}`, { cause: error });
  }
  if (!response.ok) {
    throw new AppError('model/download-failed', `${library.url} answered HTTP ${response.status}.`);
  }
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > maxLibraryBytes) {
    throw new AppError(
      'model/download-failed',
      `${library.url} is ${length} bytes; a model library is a few MB, so it was not downloaded.`,
    );
  }
  const bytes = await response.arrayBuffer();
  await checkLibraryBytes(bytes, library, 'network');
  await cache?.put(library.url, new Response(bytes, { headers: { 'content-type': 'application/wasm' } }));
  return 'downloaded';
}

/**
 * Rewrites GitHub branch URLs of model libraries (web-llm's prebuilt list names the `main` branch) to
 * `unusableLibraryPrefix`, for the build: Rapport never loads those records (each is re-pointed by `pinRecord`, and
 * the worker drops any other), and the bundle then carries no URL that fetches code from a branch.
 */
export function withoutBranchLibraryUrls(code: string): string {
  return code.replace(branchLibraryUrl, unusableLibraryPrefix);
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function read(target: unknown, key: string): unknown {
  return isObject(target) ? Reflect.get(target, key) : undefined;
}

/**
 * Checks where the worker was told to fetch a library from: https (plain http only for localhost), and on GitHub
 * exactly the pinned URL. A mirror may use any path ending in the file name; the hash decides what runs.
 */
function checkLibraryUrl(modelLib: unknown, entry: PinnedLibrary, manifest: WebLlmLibManifest): string {
  const text = typeof modelLib === 'string' ? modelLib : '';
  const refuse = (): never => {
    throw new LibraryRefusedError({ kind: 'wrong-url', file: entry.file, url: text || '(none)' });
  };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refuse();
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackUrl(url))) return refuse();
  if (url.username !== '' || url.password !== '') return refuse();
  const host = url.hostname;
  const onGitHub = ['github.com', 'githubusercontent.com'].some((h) => host === h || host.endsWith(`.${h}`));
  if (onGitHub && url.href !== pinnedLibraryUrl(entry, manifest)) return refuse();
  if (!url.pathname.endsWith(`/${entry.file}`)) return refuse();
  return url.href;
}

/** What the worker does with a message from the panel: pass it to web-llm (maybe rewritten), or answer it itself. */
export type GuardVerdict = { forward: unknown } | { reply: { kind: 'throw'; uuid: string; content: string } };

/**
 * The worker's gate in front of web-llm's `WebWorkerMLCEngineHandler`. Every app config the panel sends is rewritten
 * so each record carries the shipped hash as `integrity.model_lib` (web-llm verifies it before instantiating, for
 * downloaded and cached bytes alike); records without a shipped hash, or pointing at GitHub anywhere but the pinned
 * commit, are dropped, and a `reload` of one is answered with the refusal instead of reaching web-llm.
 */
export class LibraryGuard {
  readonly #manifest: WebLlmLibManifest;
  readonly #allowed = new Set<string>();
  readonly #refused = new Map<string, string>();

  constructor(manifest: WebLlmLibManifest = webLlmLibManifest) {
    this.#manifest = manifest;
  }

  /** The app config the worker's engine starts with: none of web-llm's prebuilt records (branch URLs, no hashes). */
  static readonly emptyAppConfig = { model_list: [] };

  screen(data: unknown): GuardVerdict {
    const kind = read(data, 'kind');
    if (kind === 'setAppConfig' && isObject(data)) {
      return { forward: { ...data, content: this.#pinAppConfig(read(data, 'content')) } };
    }
    if (kind === 'reload') {
      const uuid = read(data, 'uuid');
      const requested = read(read(data, 'content'), 'modelId');
      const ids = Array.isArray(requested) ? requested : [requested];
      for (const id of ids) {
        if (typeof id === 'string' && this.#allowed.has(id)) continue;
        const message =
          (typeof id === 'string' ? this.#refused.get(id) : undefined) ??
          `LibraryRefusedError: model/library-unverified: ${String(id)} is not in the app config this worker checked.`;
        return { reply: { kind: 'throw', uuid: typeof uuid === 'string' ? uuid : '', content: message } };
      }
    }
    return { forward: data };
  }

  #pinAppConfig(content: unknown): object {
    this.#allowed.clear();
    this.#refused.clear();
    const list = read(content, 'model_list');
    const pinned: object[] = [];
    for (const record of Array.isArray(list) ? list : []) {
      const modelId = read(record, 'model_id');
      if (!isObject(record) || typeof modelId !== 'string') continue;
      try {
        const entry = pinnedEntry(modelId, this.#manifest);
        const modelLib = checkLibraryUrl(read(record, 'model_lib'), entry, this.#manifest);
        const integrity = read(record, 'integrity');
        pinned.push({
          ...record,
          model_lib: modelLib,
          integrity: {
            ...(isObject(integrity) ? integrity : {}),
            model_lib: sriFromHex(entry.sha256),
            onFailure: 'error',
          },
        });
        this.#allowed.add(modelId);
      } catch (error) {
        // Said the way web-llm's handler says errors across the worker ("Name: message"), so the panel maps it alike.
        const message = error instanceof AppError ? `${error.name}: ${error.code}: ${error.message}` : String(error);
        this.#refused.set(modelId, message);
      }
    }
    return { ...(isObject(content) ? content : {}), model_list: pinned };
  }
}
