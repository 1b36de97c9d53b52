/**
 * Picked conversation areas ("this is the conversation"), kept per page pattern rather than per site: a pick made on
 * a compose page must not break reading on the ticket pages of the same helpdesk. A pattern is the page's address with
 * the parts that name one ticket or message (numbers, ids) replaced by `*`.
 */
import { storage } from 'wxt/utils/storage';

export interface PickedArea {
  /** The page pattern the pick applies to (`https://help.example.org/Ticket/Display.html?id=*`). */
  pattern: string;
  /** The CSS selector of the picked element. */
  selector: string;
  /** When it was picked (ms since the epoch). */
  at: number;
}

/** Picks by origin, newest first. */
export const pickedAreasItem = storage.defineItem<Record<string, PickedArea[]>>('local:pickedAreasByPage', {
  fallback: {},
});

/** A path segment or value that names one record rather than a kind of page: digits, or a long id with digits. */
function isIdLike(value: string): boolean {
  return /^\d+$/.test(value) || (value.length >= 8 && /\d/.test(value) && /^[\w.:=-]+$/.test(value));
}

function generalise(value: string): string {
  return isIdLike(value) ? '*' : value;
}

/** The page pattern of `url`: origin, path, query and hash route with record ids replaced by `*`. */
export function pagePatternOf(url: URL): string {
  const path = url.pathname.split('/').map(generalise).join('/');
  const query = Array.from(url.searchParams.entries())
    .map(([key, value]) => `${key}=${generalise(value)}`)
    .sort()
    .join('&');
  const route = url.hash.includes('/') ? url.hash.split('/').map(generalise).join('/') : '';
  return `${url.origin}${path}${query ? `?${query}` : ''}${route}`;
}

/** The pick for the page at `url`, if one was made on a page like it. */
export function findPick(picks: Readonly<Record<string, PickedArea[]>>, url: URL): PickedArea | undefined {
  const pattern = pagePatternOf(url);
  return picks[url.origin]?.find((pick) => pick.pattern === pattern);
}

/** `picks` with `pick` stored for its pattern (replacing an older pick for the same pattern). */
export function withPick(
  picks: Readonly<Record<string, PickedArea[]>>,
  origin: string,
  pick: PickedArea,
): Record<string, PickedArea[]> {
  const others = (picks[origin] ?? []).filter((p) => p.pattern !== pick.pattern);
  return { ...picks, [origin]: [pick, ...others] };
}

/** `picks` without the pick for `pattern` (origins left without picks are dropped). */
export function withoutPick(
  picks: Readonly<Record<string, PickedArea[]>>,
  pattern: string,
): Record<string, PickedArea[]> {
  const next: Record<string, PickedArea[]> = {};
  for (const [origin, list] of Object.entries(picks)) {
    const kept = list.filter((p) => p.pattern !== pattern);
    if (kept.length > 0) next[origin] = kept;
  }
  return next;
}
