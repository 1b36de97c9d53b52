/**
 * Following the open conversation as the page changes: a new message arriving, a ticket switched, SPA navigation.
 * Mutation observers only (no polling), debounced so the callback fires once the page has settled, and all released
 * when the signal aborts.
 */
import type { SiteAdapter } from './types';

export interface WatchOptions {
  /** Aborting disconnects the observers, removes the listeners and cancels a pending callback. */
  signal: AbortSignal;
  /** Quiet time before the callback fires (default 150 ms: the panel follows within 300 ms of the page settling). */
  debounceMs?: number;
  /** Longest wait while the page keeps changing (a ticking "2 minutes ago", a spinner) before firing anyway. */
  maxWaitMs?: number;
  /** Called when `onChange` throws; the watch keeps going. Default: console.error. */
  onError?: (error: unknown) => void;
}

export interface ConversationWatch {
  /** Tells the watch the page navigated (the content script forwards WXT's `wxt:locationchange` here). */
  notifyNavigation(): void;
}

/** Attributes whose change means a message was expanded, collapsed, shown or hidden (Gmail, Zendesk tabs). */
const WATCHED_ATTRIBUTES = ['class', 'hidden', 'style', 'aria-expanded', 'aria-selected'];

/** Where typing happens: mutations inside an editor are the agent's own reply, not the conversation changing. */
const EDITING =
  '[contenteditable="true"], [contenteditable=""], [contenteditable="plaintext-only"], textarea, [data-rapport-ui]';

function isEditingMutation(record: MutationRecord): boolean {
  const node = record.target;
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return el?.closest(EDITING) != null;
}

/**
 * Calls `onChange` whenever the adapter's conversation area changes or the page navigates, once the page has been
 * quiet for `debounceMs`. The area is re-resolved when the page replaces it (SPA re-render, ticket switch).
 */
export function watchConversation(
  doc: Document,
  adapter: Pick<SiteAdapter, 'observeTarget'>,
  onChange: () => void,
  options: WatchOptions,
): ConversationWatch {
  const view = doc.defaultView;
  const { signal } = options;
  const debounceMs = options.debounceMs ?? 150;
  const maxWaitMs = options.maxWaitMs ?? 1000;
  const report = options.onError ?? ((error: unknown) => console.error('[rapport] conversation watch', error));
  const noop: ConversationWatch = { notifyNavigation: () => undefined };
  if (!view || signal.aborted) return noop;

  let target: Element | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstPendingAt = 0;
  let targetMayHaveChanged = false;

  const targetObserver = new view.MutationObserver((records) => {
    if (records.every(isEditingMutation)) return;
    schedule();
  });
  // The page observer only notices the watched area being removed or (when none is open) a conversation appearing;
  // its callback is O(1) while the area is attached, so typing and scrolling elsewhere cost nothing measurable.
  const pageObserver = new view.MutationObserver(() => {
    if (target?.isConnected) return;
    targetMayHaveChanged = true;
    schedule();
  });

  function attach(next: Element | null): void {
    targetObserver.disconnect();
    target = next;
    if (next) {
      targetObserver.observe(next, {
        childList: true,
        subtree: true,
        characterData: true,
        attributes: true,
        attributeFilter: WATCHED_ATTRIBUTES,
      });
    }
  }

  function fire(): void {
    timer = undefined;
    firstPendingAt = 0;
    if (signal.aborted) return;
    if (targetMayHaveChanged || !target?.isConnected) {
      targetMayHaveChanged = false;
      const next = adapter.observeTarget(doc);
      const changed = next !== target;
      if (changed) attach(next);
      // Nothing open before and still nothing open: the page changed elsewhere, not the conversation.
      if (!changed && next === null) return;
    }
    try {
      onChange();
    } catch (error) {
      report(error);
    }
  }

  function schedule(): void {
    if (signal.aborted) return;
    const now = Date.now();
    if (firstPendingAt === 0) firstPendingAt = now;
    if (timer !== undefined) clearTimeout(timer);
    const wait = Math.max(0, Math.min(debounceMs, firstPendingAt + maxWaitMs - now));
    timer = setTimeout(fire, wait);
  }

  function notifyNavigation(): void {
    targetMayHaveChanged = true;
    schedule();
  }

  attach(adapter.observeTarget(doc));
  pageObserver.observe(doc.documentElement, { childList: true, subtree: true });
  view.addEventListener('popstate', notifyNavigation, { signal });
  view.addEventListener('hashchange', notifyNavigation, { signal });
  signal.addEventListener(
    'abort',
    () => {
      targetObserver.disconnect();
      pageObserver.disconnect();
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
    { once: true },
  );
  return { notifyNavigation };
}
