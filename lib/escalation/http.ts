import type { FetchLike } from './types';

/** What one HTTP attempt came to: a response (any status), a timeout, or a network failure. */
export type Attempt =
  | { kind: 'response'; response: Response }
  | { kind: 'timeout' }
  | { kind: 'network'; message: string };

/** Default time an escalation request may take before it counts as failed (and retryable). */
export const defaultTimeoutMs = 15_000;

/** Sends one request, bounded in time; never throws. */
export async function attemptFetch(
  fetch: FetchLike,
  url: string,
  init: RequestInit,
  timeoutMs: number = defaultTimeoutMs,
): Promise<Attempt> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(url, { ...init, signal: controller.signal });
    return { kind: 'response', response };
  } catch (error) {
    if (controller.signal.aborted) return { kind: 'timeout' };
    return { kind: 'network', message: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** The response body as short text for a detail line ("Invalid group_id"), never throwing. */
export async function readErrorText(response: Response, max = 200): Promise<string> {
  try {
    const text = (await response.text()).replace(/\s+/g, ' ').trim();
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
  } catch {
    // The body could not be read (connection dropped): the status alone still tells what happened.
    return '';
  }
}

/** Parses a response body as JSON, or undefined when it is not JSON. */
export async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    // Not JSON (an HTML error page from a proxy): callers treat a missing body as a malformed answer.
    return undefined;
  }
}

/** Whether a status means "try again later" rather than "this request is wrong". */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}
