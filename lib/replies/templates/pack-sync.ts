import { getDb, type PackRecord, type TemplateRecord } from '../../db';
import { AppError, type SerializedError, toAppError } from '../../errors';
import { getSettings, updateSettings } from '../../settings';
import { type ManagedStorageArea, readManagedPolicy } from './managed';
import { toTemplateRecord } from './mapping';
import { type InvalidPackEntry, parsePack } from './pack-file';
import { validatePackUrl } from './pack-url';
import { ownTemplateId, PACK_MAX_BYTES, type PackTemplate, packRecordId } from './schema';

/** How often the UI should refresh subscribed packs in the background (react-query `refetchInterval`). */
export const PACK_REFRESH_INTERVAL_MS = 30 * 60 * 1000;
/** How long one pack download may take before it counts as failed. */
export const PACK_FETCH_TIMEOUT_MS = 20_000;
/** Redirects followed before giving up (static hosts use one or two). */
export const PACK_MAX_REDIRECTS = 5;

export interface PackSyncOptions {
  /** The fetch to use (tests and the background worker may pass their own). */
  fetch?: typeof fetch;
  /** Cancels the sync (react-query passes its signal); a cancelled sync records nothing. */
  signal?: AbortSignal;
  timeoutMs?: number;
  maxBytes?: number;
  now?: () => number;
  /** Where the managed policy is read from (see `readManagedPolicy`). */
  managedArea?: ManagedStorageArea;
}

/** The outcome of one pack refresh. In every case `pack` is the record as now stored, with `lastError` when it failed. */
export interface PackSyncResult {
  url: string;
  status: 'updated' | 'not-modified' | 'failed';
  pack: PackRecord;
  error?: SerializedError;
  /** Entries of the downloaded pack that were refused (the rest was applied). */
  skipped: InvalidPackEntry[];
}

/** A subscription as the options page lists it. */
export interface PackSubscription {
  url: string;
  /** Pushed by enterprise policy: the agent cannot unsubscribe. */
  managed: boolean;
  /** Sync state and last good copy; absent before the first sync finished. */
  pack?: PackRecord;
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

function insecureRedirect(from: URL, to: string): AppError {
  return new AppError(
    'templates/pack-insecure-redirect',
    `${from.host} redirected the pack to ${to}, which is not https. Rapport refused it; ask whoever hosts the pack to serve it over https.`,
  );
}

/**
 * Checks where a redirect leads. A pack fetched over https must stay on https, even to localhost: a downgrade is
 * exactly what an attacker on the network would do.
 */
function checkRedirectTarget(from: URL, location: string): URL {
  let target: URL;
  try {
    target = validatePackUrl(new URL(location, from).href);
  } catch (error) {
    throw error instanceof AppError && error.code === 'templates/pack-url-insecure'
      ? insecureRedirect(from, location)
      : toAppError(error, 'templates/pack-url-invalid');
  }
  if (from.protocol === 'https:' && target.protocol !== 'https:') throw insecureRedirect(from, target.href);
  return target;
}

/**
 * Fetches with redirects checked one by one. Where the runtime exposes redirects (`redirect: 'manual'` in Node and
 * workers) each hop is checked before it is requested. Browsers hide them (an opaque redirect), so there the request is
 * repeated with `follow` and the final address checked before a byte of the body is read.
 */
async function fetchChecked(
  doFetch: typeof fetch,
  url: URL,
  headers: Headers,
  signal: AbortSignal,
): Promise<{ response: Response; finalUrl: URL }> {
  let current = url;
  for (let hop = 0; hop <= PACK_MAX_REDIRECTS; hop++) {
    const response = await doFetch(current.href, {
      headers,
      signal,
      redirect: 'manual',
      credentials: 'omit',
      cache: 'no-cache',
    });
    if (response.type === 'opaqueredirect') {
      const followed = await doFetch(current.href, { headers, signal, credentials: 'omit', cache: 'no-cache' });
      const finalUrl = followed.url ? checkRedirectTarget(current, followed.url) : current;
      return { response: followed, finalUrl };
    }
    if (!isRedirect(response.status)) return { response, finalUrl: current };
    const location = response.headers.get('location');
    await response.body?.cancel();
    if (!location) {
      throw new AppError('templates/pack-http-error', `${current.host} answered a redirect without a target address.`);
    }
    current = checkRedirectTarget(current, location);
  }
  throw new AppError(
    'templates/pack-too-many-redirects',
    `The pack address redirects more than ${PACK_MAX_REDIRECTS} times.`,
  );
}

function tooLarge(url: URL, maxBytes: number): AppError {
  const mb = Math.round((maxBytes / (1024 * 1024)) * 10) / 10;
  return new AppError(
    'templates/pack-too-large',
    `The pack at ${url.host} is larger than ${mb} MB, the most Rapport downloads. Split it into smaller packs.`,
  );
}

/** Reads a body up to `maxBytes`, stopping (and cancelling the download) as soon as it is exceeded. */
async function readLimited(response: Response, url: URL, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge(url, maxBytes);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder('utf-8');
  let received = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel();
      throw tooLarge(url, maxBytes);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

function packRecordTemplate(url: string, template: PackTemplate, existing: TemplateRecord | undefined, now: number) {
  const parsedTime = template.updatedAt ? Date.parse(template.updatedAt) : Number.NaN;
  const unchanged = existing && existing.version === template.version && existing.body === template.body;
  return toTemplateRecord(template, {
    id: packRecordId(url, template.id),
    owner: url,
    version: template.version,
    updatedAt: Number.isFinite(parsedTime) ? parsedTime : unchanged ? existing.updatedAt : now,
    // Usage counts are the agent's own and survive every refresh of the pack.
    usageCount: existing?.usageCount ?? 0,
  });
}

/**
 * What becomes of the stored templates a new version of the pack no longer delivers (issue 20: a pack update never
 * loses a template). One whose entry is still in the pack but was refused keeps its last good copy in use, marked
 * stale with the reason, so the options page can tell the agent and the pack's owner what to fix. One the pack dropped
 * is hidden from suggestions and snippets (`deletedAt`) but kept, with its usage count, so the agent can still
 * duplicate it and its history returns if the pack brings it back. Records already marked keep their first date.
 */
function keepStaleTemplates(missing: TemplateRecord[], invalid: InvalidPackEntry[], at: number): TemplateRecord[] {
  const unclaimed = [...invalid];
  const titleKey = (title: string | undefined) => title?.trim().toLocaleLowerCase('de');
  const claim = (record: TemplateRecord): InvalidPackEntry | undefined => {
    const ownId = ownTemplateId(record);
    let index = unclaimed.findIndex((entry) => entry.id === ownId);
    // An entry whose id is unreadable is recognised by its title, as long as that cannot pick the wrong template.
    const title = titleKey(record.title);
    if (index < 0 && missing.filter((other) => titleKey(other.title) === title).length === 1) {
      index = unclaimed.findIndex((entry) => entry.id === undefined && titleKey(entry.title) === title);
    }
    return index < 0 ? undefined : unclaimed.splice(index, 1)[0];
  };
  return missing.map((record): TemplateRecord => {
    const entry = claim(record);
    const { deletedAt: _hidden, stale: previous, ...rest } = record;
    if (entry) {
      const since = previous?.kind === 'invalid' ? previous.at : at;
      return { ...rest, stale: { kind: 'invalid', reason: entry.reason, at: since } };
    }
    const since = previous?.kind === 'removed' ? previous.at : at;
    return { ...rest, deletedAt: record.deletedAt ?? since, stale: { kind: 'removed', at: since } };
  });
}

function describeSkipped(skipped: InvalidPackEntry[], total: number): string {
  const listed = skipped
    .slice(0, 5)
    .map((entry) => `entry ${entry.index}${entry.title ? ` (“${entry.title}”)` : ''}: ${entry.reason}`)
    .join(' ');
  const more = skipped.length > 5 ? ` …and ${skipped.length - 5} more.` : '';
  return `${skipped.length} of ${total} templates in this pack were skipped. ${listed}${more}`;
}

async function recordFailure(url: string, error: AppError, at: number): Promise<PackRecord> {
  const db = getDb();
  return db.transaction('rw', db.packs, async () => {
    const existing = await db.packs.get(url);
    const pack: PackRecord = {
      ...(existing ?? { url, name: new URL(url).host, templateCount: 0 }),
      lastError: { code: error.code, message: error.message, at },
    };
    await db.packs.put(pack);
    return pack;
  });
}

/**
 * Refreshes one subscribed pack. Sends the stored ETag / Last-Modified so an unchanged pack costs a 304; refuses
 * bodies over 5 MB without buffering them, redirects away from https, and slow servers (timeout). A failure (404,
 * 500, malformed JSON, …) is recorded as the pack's `lastError` while its last good copy stays in use. Pack templates
 * only ever replace templates of the same pack: personal ones are never touched.
 *
 * Throws only for an address that is not allowed (`templates/pack-url-*`) and when `signal` cancels the sync.
 */
export async function syncPack(url: string, options: PackSyncOptions = {}): Promise<PackSyncResult> {
  const packUrl = validatePackUrl(url);
  const key = packUrl.href;
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const now = options.now ?? Date.now;
  const maxBytes = options.maxBytes ?? PACK_MAX_BYTES;
  const timeout = AbortSignal.timeout(options.timeoutMs ?? PACK_FETCH_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const db = getDb();
  const previous = await db.packs.get(key);

  try {
    const headers = new Headers({ Accept: 'application/json' });
    if (previous?.etag) headers.set('If-None-Match', previous.etag);
    if (previous?.lastModified) headers.set('If-Modified-Since', previous.lastModified);

    let fetched: { response: Response; finalUrl: URL };
    try {
      fetched = await fetchChecked(doFetch, packUrl, headers, signal);
    } catch (error) {
      if (error instanceof AppError || signal.aborted) throw error;
      const detail = error instanceof Error ? error.message : String(error);
      throw new AppError(
        'templates/pack-unreachable',
        `Could not reach ${packUrl.host} (${detail}). Check the address and your connection.`,
        { cause: error },
      );
    }
    const { response, finalUrl } = fetched;

    if (response.status === 304 && previous) {
      await response.body?.cancel();
      const { lastError: _cleared, ...rest } = previous;
      const pack: PackRecord = { ...rest, lastSyncAt: now() };
      await db.packs.put(pack);
      return { url: key, status: 'not-modified', pack, skipped: [] };
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw response.status === 404 || response.status === 410
        ? new AppError('templates/pack-not-found', `There is no pack at ${packUrl.href} (HTTP ${response.status}).`)
        : new AppError(
            'templates/pack-http-error',
            `${packUrl.host} answered HTTP ${response.status} ${response.statusText}`.trim() +
              '. Rapport will try again later.',
          );
    }

    const parsed = parsePack(await readLimited(response, finalUrl, maxBytes));
    const total = parsed.valid.length + parsed.invalid.length;
    if (parsed.valid.length === 0 && parsed.invalid.length > 0) {
      throw new AppError(
        'templates/pack-invalid',
        `No template in this pack is valid. ${describeSkipped(parsed.invalid, total)}`,
      );
    }

    const at = now();
    const pack = await db.transaction('rw', db.templates, db.packs, async () => {
      const existing = await db.templates.where('owner').equals(key).toArray();
      const byId = new Map(existing.map((record) => [record.id, record]));
      const incoming = parsed.valid.map(({ template }) =>
        packRecordTemplate(key, template, byId.get(packRecordId(key, template.id)), at),
      );
      // Belt and braces: a record id held by another owner is never overwritten.
      const holders = await db.templates.bulkGet(incoming.map((record) => record.id));
      const records = incoming.filter((_record, i) => {
        const holder = holders[i];
        return holder === undefined || holder.owner === key;
      });
      const kept = keepStaleTemplates(
        existing.filter((record) => !records.some((other) => other.id === record.id)),
        parsed.invalid,
        at,
      );
      await db.templates.bulkPut([...records, ...kept]);

      const etag = response.headers.get('etag');
      const lastModified = response.headers.get('last-modified');
      const next: PackRecord = {
        url: key,
        name: parsed.name,
        ...(etag ? { etag } : {}),
        ...(lastModified ? { lastModified } : {}),
        lastSyncAt: at,
        templateCount: records.length + kept.filter((record) => record.stale?.kind === 'invalid').length,
        ...(parsed.invalid.length > 0
          ? {
              lastError: {
                code: 'templates/pack-entries-invalid',
                message: describeSkipped(parsed.invalid, total),
                at,
              },
            }
          : {}),
      };
      await db.packs.put(next);
      return next;
    });
    return { url: key, status: 'updated', pack, skipped: parsed.invalid };
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason ?? error;
    const appError = timeout.aborted
      ? new AppError(
          'templates/pack-timeout',
          `${packUrl.host} did not deliver the pack within ${Math.round((options.timeoutMs ?? PACK_FETCH_TIMEOUT_MS) / 1000)} s. Rapport will try again later.`,
          { cause: error },
        )
      : toAppError(error, 'templates/pack-sync-failed');
    const pack = await recordFailure(key, appError, now());
    return { url: key, status: 'failed', pack, error: appError.toJSON(), skipped: [] };
  }
}

/** Every subscription: the agent's own and those pushed by policy, with their stored state. */
export async function listPackSubscriptions(managedArea?: ManagedStorageArea): Promise<PackSubscription[]> {
  const [settings, policy, packs] = await Promise.all([
    getSettings(),
    readManagedPolicy(managedArea),
    getDb().packs.toArray(),
  ]);
  const urls = [...policy.packUrls, ...settings.packUrls.filter((url) => !policy.packUrls.includes(url))];
  return urls.map((url) => {
    const pack = packs.find((record) => record.url === url);
    return { url, managed: policy.packUrls.includes(url), ...(pack ? { pack } : {}) };
  });
}

/**
 * Refreshes every subscribed pack (the agent's and the policy's), one after another, and removes the stored copies of
 * packs nobody subscribes to any more. Never throws for a failing pack: each result says how it went.
 */
export async function syncAllPacks(options: PackSyncOptions = {}): Promise<PackSyncResult[]> {
  const subscriptions = await listPackSubscriptions(options.managedArea);
  const results: PackSyncResult[] = [];
  for (const { url } of subscriptions) {
    try {
      results.push(await syncPack(url, options));
    } catch (error) {
      if (options.signal?.aborted) throw error;
      // A stored address that is no longer allowed (stricter rules since it was saved) is reported, not fatal.
      const appError = toAppError(error, 'templates/pack-url-invalid');
      const pack = await recordFailure(url, appError, (options.now ?? Date.now)());
      results.push({ url, status: 'failed', pack, error: appError.toJSON(), skipped: [] });
    }
  }
  await removeOrphanedPacks(subscriptions.map((subscription) => subscription.url));
  return results;
}

async function removeOrphanedPacks(subscribed: string[]): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.templates, db.packs, async () => {
    const orphans = (await db.packs.toArray()).filter((pack) => !subscribed.includes(pack.url));
    for (const pack of orphans) {
      await db.templates.where('owner').equals(pack.url).delete();
      await db.packs.delete(pack.url);
    }
  });
}

/**
 * Subscribes the agent to a team pack and fetches it. Throws `templates/pack-url-*` for an address that is not
 * allowed; a download failure is in the result (the subscription stays, and later refreshes retry).
 * The caller must hold the host permission for the pack's origin (`packOriginPattern`).
 */
export async function subscribePack(url: string, options: PackSyncOptions = {}): Promise<PackSyncResult> {
  const href = validatePackUrl(url).href;
  const settings = await getSettings();
  if (!settings.packUrls.includes(href)) await updateSettings({ packUrls: [...settings.packUrls, href] });
  return syncPack(href, options);
}

/**
 * Ends a subscription and removes that pack's templates (personal copies made from them stay).
 * Throws `templates/pack-managed` for packs pushed by policy.
 */
export async function unsubscribePack(url: string, managedArea?: ManagedStorageArea): Promise<void> {
  const href = validatePackUrl(url).href;
  const policy = await readManagedPolicy(managedArea);
  if (policy.packUrls.includes(href)) {
    throw new AppError(
      'templates/pack-managed',
      'Your administrator subscribed everyone to this pack; it cannot be removed here.',
    );
  }
  const settings = await getSettings();
  await updateSettings({ packUrls: settings.packUrls.filter((other) => other !== href) });
  const db = getDb();
  await db.transaction('rw', db.templates, db.packs, async () => {
    await db.templates.where('owner').equals(href).delete();
    await db.packs.delete(href);
  });
}
