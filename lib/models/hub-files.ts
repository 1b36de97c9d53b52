import { AppError } from '../errors';
import type { MoodModelSelection } from './hub-catalogue';
import { defaultHubHost, isHubModelId } from './hub-catalogue';
import type { HubDevicePlan } from './hub-device';
import { parseMirrorUrl } from './mirror-url';

/**
 * The mirror's base URL with a trailing slash (the Hub for ''); throws `model/bad-mirror` unless it is https (plain
 * http only for localhost and 127.0.0.1) without credentials.
 */
export function normaliseMirrorUrl(mirrorUrl: string): string {
  const trimmed = mirrorUrl.trim();
  if (!trimmed) return defaultHubHost;
  const url = parseMirrorUrl(trimmed);
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/** The URL of one file of a model on the Hub or mirror (transformers.js's `{model}/resolve/{revision}/` layout). */
export function hubFileUrl(mirrorUrl: string, modelId: string, file: string): string {
  return `${normaliseMirrorUrl(mirrorUrl)}${modelId}/resolve/main/${file}`;
}

/** The ONNX file transformers.js loads for a dtype. */
export function onnxFileFor(dtype: HubDevicePlan['dtype']): string {
  if (dtype === 'q8') return 'onnx/model_quantized.onnx';
  if (dtype === 'fp16') return 'onnx/model_fp16.onnx';
  return 'onnx/model.onnx';
}

/** The files a sequence-classification model downloads: config, tokenizer and the ONNX graph for the plan's dtype. */
export function hubModelFiles(plan: Pick<HubDevicePlan, 'dtype'>): string[] {
  return ['config.json', 'tokenizer.json', 'tokenizer_config.json', onnxFileFor(plan.dtype)];
}

/** The download size of a model before downloading, file by file. */
export interface DownloadSize {
  totalBytes: number;
  files: { file: string; url: string; bytes: number }[];
}

/**
 * Measures a model's download with HEAD requests to the mirror (`content-length`; the Hub's `x-linked-size` when a
 * redirect hides it). A missing file is `model/not-found`, any other failure `model/download-failed`, both naming the URL.
 */
export async function fetchDownloadSize(
  selection: MoodModelSelection,
  plan: Pick<HubDevicePlan, 'dtype'>,
  fetchImpl: typeof fetch = fetch,
  signal?: AbortSignal,
): Promise<DownloadSize> {
  if (!isHubModelId(selection.modelId)) {
    throw new AppError('model/bad-id', `"${selection.modelId}" is not a model id of the form organisation/name.`);
  }
  const files = await Promise.all(
    hubModelFiles(plan).map(async (file) => {
      const url = hubFileUrl(selection.mirrorUrl, selection.modelId, file);
      let response: Response;
      try {
        response = await fetchImpl(url, { method: 'HEAD', signal: signal ?? null, cache: 'no-store' });
      } catch (error) {
        throw new AppError(
          'model/download-failed',
          `Could not reach ${url}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      if (response.status === 404) {
        throw new AppError('model/not-found', `${selection.modelId} has no ${file} at ${url} (HTTP 404).`);
      }
      if (!response.ok) {
        throw new AppError('model/download-failed', `${url} answered HTTP ${response.status}.`);
      }
      const size = response.headers.get('x-linked-size') ?? response.headers.get('content-length');
      const bytes = size ? Number.parseInt(size, 10) : 0;
      return { file, url, bytes: Number.isFinite(bytes) ? bytes : 0 };
    }),
  );
  return { totalBytes: files.reduce((sum, f) => sum + f.bytes, 0), files };
}
