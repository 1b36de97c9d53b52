import type { ModelRecord } from '@mlc-ai/web-llm';
import { cancelledError } from '../replies/engine';
import { parseMirrorUrl } from './mirror-url';
import {
  pinRecord,
  type ResolvedLibrary,
  resolveLibrary,
  type WebLlmLibManifest,
  webLlmLibManifest,
} from './webllm-libs';

/** web-llm's standard weights host; `model` URLs in the prebuilt list start with it. */
export const standardWeightsOrigin = 'https://huggingface.co';

function trimSlash(url: string): string {
  return url.trim().replace(/\/+$/u, '');
}

/**
 * Points a model record's weights at the team's mirror: `https://huggingface.co/<path>` becomes `<weightsHost>/<path>`
 * (the mirror serves the same `…/resolve/main/…` layout); '' keeps Hugging Face. Throws `model/bad-mirror` unless the
 * mirror is https (plain http only for localhost). The library is set by `pinRecord`, never from web-llm's list.
 */
export function applyWeightsHost(record: ModelRecord, weightsHost: string): ModelRecord {
  if (!weightsHost.trim()) return { ...record };
  const host = trimSlash(parseMirrorUrl(weightsHost).href);
  if (!record.model.startsWith(standardWeightsOrigin)) return { ...record };
  return { ...record, model: host + record.model.slice(standardWeightsOrigin.length) };
}

/**
 * The record web-llm loads: weights from the team's mirror or Hugging Face, the library from the pinned commit or the
 * team's mirror, checked against the shipped hash (see `lib/models/webllm-libs.ts`). Throws `LibraryRefusedError`
 * when this build has no hash for the model's library, `model/bad-mirror` for a mirror that is not https.
 */
export function applyHosts(
  record: ModelRecord,
  hosts: { weightsHost: string; libHost: string },
  manifest: WebLlmLibManifest = webLlmLibManifest,
): { record: ModelRecord; library: ResolvedLibrary } {
  const library = resolveLibrary(record.model_id, hosts.libHost, manifest);
  return { record: pinRecord(applyWeightsHost(record, hosts.weightsHost), library), library };
}

/** The base URL web-llm fetches a model's files from (it appends `resolve/main/` to bare repository URLs). */
export function modelBaseUrl(record: ModelRecord): string {
  let url = record.model.endsWith('/') ? record.model : `${record.model}/`;
  if (!/\/resolve\/[^/]+\/$/u.test(url)) url += 'resolve/main/';
  return url;
}

/** A download size shown before the agent agrees, and where the figure comes from. */
export interface DownloadEstimate {
  bytes: number;
  /**
   * `manifest`: exact, the sum of the weight shards in the model's tensor-cache manifest plus the library's
   * Content-Length. `parameters`: approximate, parameter count (from the model id) × bits per weight.
   */
  source: 'manifest' | 'parameters';
}

/** Approximate download size from the model id: parameters × bits per weight of its quantization, plus 5 %. */
export function approximateDownloadBytes(record: ModelRecord): number {
  const size = /-(\d+(?:\.\d+)?)([BM])-/iu.exec(`${record.model_id}-`);
  const params = size ? Number(size[1]) * (size[2]?.toUpperCase() === 'B' ? 1e9 : 1e6) : 0;
  const quant = /-q(\d)f(\d+)/iu.exec(record.model_id);
  // q4f16_1 and q4f32_1 store 4-bit weights with a scale per group of 32: about 4.5 bits per weight.
  const bits = !quant ? 4.5 : quant[1] === '0' ? Number(quant[2]) : Number(quant[1]) + 0.5;
  if (params > 0) return Math.round(((params * bits) / 8) * 1.05);
  // No size in the id: the weights are most of web-llm's memory estimate.
  return Math.round((record.vram_required_MB ?? 0) * 2 ** 20 * 0.7);
}

function readRecordBytes(manifest: unknown): number | undefined {
  if (typeof manifest !== 'object' || manifest === null) return undefined;
  const records: unknown = Reflect.get(manifest, 'records');
  if (!Array.isArray(records) || records.length === 0) return undefined;
  let total = 0;
  for (const record of records) {
    const nbytes: unknown = typeof record === 'object' && record !== null ? Reflect.get(record, 'nbytes') : undefined;
    if (typeof nbytes !== 'number' || !Number.isFinite(nbytes) || nbytes < 0) return undefined;
    total += nbytes;
  }
  return total;
}

/**
 * The download size of a model before anything big is fetched: reads the weights manifest (a few kB) and asks the
 * library's size with HEAD. Falls back to the parameter-count estimate when the host is unreachable.
 */
export async function estimateDownloadSize(
  record: ModelRecord,
  options: { fetch?: typeof fetch; signal?: AbortSignal } = {},
): Promise<DownloadEstimate> {
  const doFetch = options.fetch ?? fetch;
  const init: RequestInit = options.signal ? { signal: options.signal } : {};
  const base = modelBaseUrl(record);
  try {
    let weights: number | undefined;
    // web-llm 0.2.86 reads tensor-cache.json; repositories converted by older MLC tools name it ndarray-cache.json.
    for (const name of ['tensor-cache.json', 'ndarray-cache.json']) {
      const response = await doFetch(new URL(name, base).href, init);
      if (!response.ok) continue;
      weights = readRecordBytes(await response.json());
      if (weights !== undefined) break;
    }
    if (weights !== undefined) {
      let lib = 0;
      try {
        const head = await doFetch(record.model_lib, { ...init, method: 'HEAD' });
        lib = head.ok ? Number(head.headers.get('content-length') ?? 0) || 0 : 0;
      } catch {
        // The library is a few MB next to GBs of weights; without its size the estimate is still honest.
        lib = 0;
      }
      return { bytes: weights + lib, source: 'manifest' };
    }
  } catch (error) {
    if (options.signal?.aborted) throw cancelledError();
    // Offline or the mirror does not allow it: the parameter estimate below is the best we can say.
    void error;
  }
  return { bytes: approximateDownloadBytes(record), source: 'parameters' };
}
