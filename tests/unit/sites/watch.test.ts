import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchConversation } from '../../../lib/sites/watch';

function setUp(): { thread: () => Element | null; adapter: { observeTarget: (doc: Document) => Element | null } } {
  document.body.innerHTML =
    '<div id="app"><div id="thread"><div class="msg">Hallo</div><div class="reply" contenteditable="true"></div></div><input id="search"></div>';
  const thread = () => document.getElementById('thread');
  return { thread, adapter: { observeTarget: (doc: Document) => doc.getElementById('thread') } };
}

/** Lets mutation observer callbacks (microtasks) run. */
async function flushObservers(): Promise<void> {
  await Promise.resolve();
  await Promise.resolve();
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('watchConversation', () => {
  it('fires once, 150 ms after a burst of changes settles', async () => {
    const { thread, adapter } = setUp();
    const onChange = vi.fn();
    const controller = new AbortController();
    watchConversation(document, adapter, onChange, { signal: controller.signal });
    for (let i = 0; i < 5; i++) {
      thread()?.insertAdjacentHTML('beforeend', `<div class="msg">Neu ${i}</div>`);
      await flushObservers();
      vi.advanceTimersByTime(50);
    }
    expect(onChange).not.toHaveBeenCalled();
    vi.advanceTimersByTime(150);
    expect(onChange).toHaveBeenCalledTimes(1);
    controller.abort();
  });

  it('fires within a second even while the page never stops changing', async () => {
    const { thread, adapter } = setUp();
    const onChange = vi.fn();
    const controller = new AbortController();
    watchConversation(document, adapter, onChange, { signal: controller.signal });
    for (let i = 0; i < 30; i++) {
      thread()?.setAttribute('class', `tick-${i}`);
      await flushObservers();
      vi.advanceTimersByTime(50);
    }
    expect(onChange.mock.calls.length).toBeGreaterThanOrEqual(1);
    controller.abort();
  });

  it('ignores the agent typing in a reply box and changes outside the conversation', async () => {
    const { thread, adapter } = setUp();
    const onChange = vi.fn();
    const controller = new AbortController();
    watchConversation(document, adapter, onChange, { signal: controller.signal });
    const reply = thread()?.querySelector('.reply');
    reply?.appendChild(document.createTextNode('Sehr geehrte'));
    document.getElementById('app')?.appendChild(document.createElement('span'));
    await flushObservers();
    vi.advanceTimersByTime(1000);
    expect(onChange).not.toHaveBeenCalled();
    controller.abort();
  });

  it('follows the conversation area when the page replaces it (SPA re-render)', async () => {
    const { adapter } = setUp();
    const onChange = vi.fn();
    const controller = new AbortController();
    watchConversation(document, adapter, onChange, { signal: controller.signal });
    const app = document.getElementById('app');
    document.getElementById('thread')?.remove();
    app?.insertAdjacentHTML('afterbegin', '<div id="thread"><div class="msg">Anderes Ticket</div></div>');
    await flushObservers();
    vi.advanceTimersByTime(200);
    expect(onChange).toHaveBeenCalledTimes(1);
    // The new area is observed: a message arriving there is noticed.
    document.getElementById('thread')?.insertAdjacentHTML('beforeend', '<div class="msg">Neu</div>');
    await flushObservers();
    vi.advanceTimersByTime(200);
    expect(onChange).toHaveBeenCalledTimes(2);
    controller.abort();
  });

  it('reacts to navigation (popstate, hashchange and notifyNavigation)', () => {
    const { adapter } = setUp();
    const onChange = vi.fn();
    const controller = new AbortController();
    const watch = watchConversation(document, adapter, onChange, { signal: controller.signal });
    window.dispatchEvent(new PopStateEvent('popstate'));
    vi.advanceTimersByTime(200);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    vi.advanceTimersByTime(200);
    watch.notifyNavigation();
    vi.advanceTimersByTime(200);
    expect(onChange).toHaveBeenCalledTimes(3);
    controller.abort();
  });

  it('releases observers, listeners and a pending callback on abort', async () => {
    const disconnects: number[] = [];
    const Original = window.MutationObserver;
    class CountingObserver extends Original {
      override disconnect(): void {
        disconnects.push(1);
        super.disconnect();
      }
    }
    window.MutationObserver = CountingObserver;
    try {
      const { thread, adapter } = setUp();
      const onChange = vi.fn();
      const controller = new AbortController();
      watchConversation(document, adapter, onChange, { signal: controller.signal });
      thread()?.insertAdjacentHTML('beforeend', '<div class="msg">Neu</div>');
      await flushObservers();
      const before = disconnects.length;
      controller.abort();
      expect(disconnects.length - before).toBe(2);
      vi.advanceTimersByTime(1000);
      thread()?.insertAdjacentHTML('beforeend', '<div class="msg">Noch neuer</div>');
      window.dispatchEvent(new PopStateEvent('popstate'));
      await flushObservers();
      vi.advanceTimersByTime(1000);
      expect(onChange).not.toHaveBeenCalled();
    } finally {
      window.MutationObserver = Original;
    }
  });

  it('keeps watching when the callback throws, reporting the error', async () => {
    const { thread, adapter } = setUp();
    const onError = vi.fn();
    const controller = new AbortController();
    watchConversation(
      document,
      adapter,
      () => {
        throw new Error('boom');
      },
      { signal: controller.signal, onError },
    );
    thread()?.insertAdjacentHTML('beforeend', '<div>1</div>');
    await flushObservers();
    vi.advanceTimersByTime(200);
    thread()?.insertAdjacentHTML('beforeend', '<div>2</div>');
    await flushObservers();
    vi.advanceTimersByTime(200);
    expect(onError).toHaveBeenCalledTimes(2);
    controller.abort();
  });
});
