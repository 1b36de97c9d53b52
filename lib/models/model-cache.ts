import { env } from '@huggingface/transformers';
import type { MoodModelSelection } from './hub-catalogue';
import type { HubDevicePlan } from './hub-device';
import { hubFileUrl, hubModelFiles, normaliseMirrorUrl } from './hub-files';

/** The Cache API storage transformers.js writes downloaded model files to (`env.cacheKey`). */
export function transformersCacheName(): string {
  return env.cacheKey;
}

function defaultStorage(): CacheStorage | undefined {
  return typeof caches === 'undefined' ? undefined : caches;
}

/**
 * Whether every file of a Hub model is in the browser cache, so it loads without the network. Extension pages and
 * their workers share one origin, so the options page sees what the analysis worker downloaded.
 */
export async function isHubModelCached(
  selection: MoodModelSelection,
  plan: Pick<HubDevicePlan, 'dtype'>,
  storage: CacheStorage | undefined = defaultStorage(),
): Promise<boolean> {
  if (!storage) return false;
  const cache = await storage.open(transformersCacheName());
  const hits = await Promise.all(
    hubModelFiles(plan).map((file) => cache.match(hubFileUrl(selection.mirrorUrl, selection.modelId, file))),
  );
  return hits.every((hit) => hit !== undefined);
}

/** Removes a Hub model's downloaded files (every dtype, from this mirror); resolves with how many were removed. */
export async function clearHubModelCache(
  selection: MoodModelSelection,
  storage: CacheStorage | undefined = defaultStorage(),
): Promise<number> {
  if (!storage) return 0;
  const cache = await storage.open(transformersCacheName());
  const prefix = `${normaliseMirrorUrl(selection.mirrorUrl)}${selection.modelId}/`;
  let removed = 0;
  for (const request of await cache.keys()) {
    if (request.url.startsWith(prefix) && (await cache.delete(request))) removed += 1;
  }
  return removed;
}
