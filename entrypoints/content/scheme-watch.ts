import { type PageScheme, readPageScheme, type ViewportPoint } from '../../lib/sites/page-scheme';

/** How long a burst of theme changes (a class, then the stylesheet it loads) is gathered before the page is read. */
const SETTLE_MS = 250;

/** Attributes of `<html>` and `<body>` that theme switches set: Gmail and Outlook switch by class, others by data-*. */
function isThemeAttribute(name: string | null): boolean {
  if (name === null) return false;
  if (name === 'class' || name === 'style' || name === 'theme') return true;
  return name.startsWith('data-') && /theme|scheme|mode|dark|light|appearance/.test(name);
}

export interface PageSchemeWatch {
  /** The scheme read last. */
  current(): PageScheme;
  /** Reads the page again soon (the badge moved, showed, or the conversation under it changed). */
  recheck(): void;
}

interface WatchOptions {
  /** Where our UI stands (the badge's corner, the snippet form's middle): the point whose background it is seen on. */
  point: () => ViewportPoint;
  onChange: (scheme: PageScheme) => void;
  signal: AbortSignal;
}

/**
 * Follows the scheme the page shows behind the badge or the snippet form (lib/sites/page-scheme.ts). No polling: the page is read again
 * when the browser's scheme changes, when `<html>` or `<body>` change a theme attribute or the body is replaced, when a
 * stylesheet or `<meta name="color-scheme">` is added, when their background finishes a transition, and when asked
 * (`recheck`); a burst is read once, `SETTLE_MS` after it began. `onChange` hears only real changes.
 */
export function watchPageScheme(doc: Document, options: WatchOptions): PageSchemeWatch {
  const { signal } = options;
  let scheme = readPageScheme(doc, options.point());
  let timer: ReturnType<typeof setTimeout> | undefined;

  function read(): void {
    timer = undefined;
    if (signal.aborted) return;
    const next = readPageScheme(doc, options.point());
    if (next === scheme) return;
    scheme = next;
    options.onChange(next);
  }
  function schedule(): void {
    // Throttled, not debounced: a page that changes all the time is still read every `SETTLE_MS`.
    if (signal.aborted || timer !== undefined) return;
    timer = setTimeout(read, SETTLE_MS);
  }

  const view = doc.defaultView;
  view?.matchMedia?.('(prefers-color-scheme: dark)').addEventListener('change', schedule, { signal });
  // Theme CSS often fades the background; read it again once the fade is over rather than halfway.
  view?.addEventListener(
    'transitionend',
    (event) => {
      if ((event.target === doc.documentElement || event.target === doc.body) && event.propertyName.startsWith('back'))
        schedule();
    },
    { signal },
  );

  let observedBody: HTMLElement | null = null;
  const observer = new MutationObserver((records) => {
    if (records.some((record) => record.type === 'childList' || isThemeAttribute(record.attributeName))) schedule();
    // The body replaced (a framework re-rendering the whole page): its attributes are watched from now on.
    if (doc.body && doc.body !== observedBody) observeBody();
  });
  function observeBody(): void {
    observedBody = doc.body;
    if (observedBody) observer.observe(observedBody, { attributes: true });
  }
  // Attributes of the root and the body only, never their subtrees: the conversation's own changes cost nothing here.
  observer.observe(doc.documentElement, { attributes: true, childList: true });
  if (doc.head) observer.observe(doc.head, { childList: true });
  observeBody();
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      clearTimeout(timer);
    },
    { once: true },
  );

  return { current: () => scheme, recheck: schedule };
}
