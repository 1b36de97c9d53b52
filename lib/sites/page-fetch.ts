/**
 * The fetch that makes a request as the page itself, for same-origin REST calls in the agent's helpdesk session.
 *
 * Chrome runs a content script's `fetch` on behalf of the page. Firefox gives content scripts a privileged `fetch`
 * that runs with the extension's principal (MDN, "Content scripts → XHR and fetch"): no Origin or Referer, and to it
 * the helpdesk is another origin, so `credentials: 'same-origin'` leaves the agent's session cookies behind and the
 * Zendesk write is refused. Firefox exposes the page's own `fetch` to content scripts as `content.fetch` for exactly
 * this; where it exists it is used (issue 20).
 */
import type { FetchLike } from './types';

function hasFetch(value: unknown): value is { fetch: FetchLike } {
  return typeof value === 'object' && value !== null && typeof Reflect.get(value, 'fetch') === 'function';
}

/** `content.fetch` where the scope has one (Firefox content scripts), else the scope's own `fetch`. */
export function pageFetchOf(scope: object = globalThis): FetchLike {
  const content: unknown = Reflect.get(scope, 'content');
  if (hasFetch(content)) return (url, init) => content.fetch(url, init);
  if (hasFetch(scope)) return (url, init) => scope.fetch(url, init);
  return (url, init) => fetch(url, init);
}
