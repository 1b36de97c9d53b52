/**
 * Reading a helpdesk's own REST API in the agent's session (Zendesk, Freshdesk): same-origin JSON requests whose
 * failures become `api/…` errors, so the content script can fall back to the page and tell the agent why.
 */
import type { z } from 'zod/mini';
import { AppError } from '../errors';
import type { ApiReadContext } from './types';

/** Why an API read failed, as the panel names it (`api/<reason>`). */
export const API_FAILURE_REASONS = [
  'unauthorized',
  'forbidden',
  'not-found',
  'rate-limited',
  'timeout',
  'bad-response',
  'failed',
] as const;

export type ApiFailure = `api/${(typeof API_FAILURE_REASONS)[number]}`;

const STATUS_CODES: Readonly<Record<number, ApiFailure>> = {
  401: 'api/unauthorized',
  403: 'api/forbidden',
  404: 'api/not-found',
  429: 'api/rate-limited',
};

/** The error for a failed API read; `status` is the HTTP status when there was one. */
export class ApiError extends AppError {
  readonly status: number | undefined;
  /** Seconds the server asked us to wait (429 `Retry-After`). */
  readonly retryAfter: number | undefined;

  constructor(
    code: ApiFailure,
    message: string,
    options: { status?: number; retryAfter?: number; cause?: unknown } = {},
  ) {
    super(code, message, { cause: options.cause });
    this.status = options.status;
    this.retryAfter = options.retryAfter;
  }
}

/**
 * GETs `path` (same-origin, or absolute for a configured domain) as JSON with the agent's session cookies.
 * Throws `ApiError` for a non-2xx status, a body that is not JSON, an abort (timeout) or a network failure.
 */
export async function getJson(
  ctx: Pick<ApiReadContext, 'fetch' | 'signal' | 'url'>,
  path: string,
  siteLabel: string,
  headers: Record<string, string> = {},
): Promise<unknown> {
  const url = new URL(path, ctx.url.origin).href;
  let response: Response;
  try {
    response = await ctx.fetch(url, {
      method: 'GET',
      credentials: 'include',
      headers: { Accept: 'application/json', ...headers },
      signal: ctx.signal,
    });
  } catch (error) {
    if (ctx.signal.aborted) {
      throw new ApiError('api/timeout', `${siteLabel} did not answer in time`, { cause: error });
    }
    throw new ApiError('api/failed', `${siteLabel}'s API could not be reached`, { cause: error });
  }
  if (!response.ok) {
    const code = STATUS_CODES[response.status] ?? 'api/failed';
    const retry = Number(response.headers.get('Retry-After'));
    throw new ApiError(code, `${siteLabel}'s API answered ${response.status}`, {
      status: response.status,
      ...(Number.isFinite(retry) && retry > 0 ? { retryAfter: retry } : {}),
    });
  }
  try {
    return await response.json();
  } catch (error) {
    if (ctx.signal.aborted) throw new ApiError('api/timeout', `${siteLabel} did not answer in time`, { cause: error });
    throw new ApiError('api/bad-response', `${siteLabel}'s API sent something that is not JSON`, {
      status: response.status,
      cause: error,
    });
  }
}

/** `data` checked against the documented shape `schema`; `api/bad-response` naming `what` when it does not match. */
export function parseApiResponse<T>(schema: z.ZodMiniType<T>, data: unknown, siteLabel: string, what: string): T {
  const result = schema.safeParse(data);
  if (!result.success) {
    throw new ApiError('api/bad-response', `${siteLabel}'s API sent an unexpected ${what}`, { cause: result.error });
  }
  return result.data;
}

/** Stops a read of several requests once its time is up (`api/timeout`). */
export function throwIfAborted(signal: AbortSignal, siteLabel: string): void {
  if (signal.aborted)
    throw new ApiError('api/timeout', `${siteLabel} did not answer in time`, { cause: signal.reason });
}
