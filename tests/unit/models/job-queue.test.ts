// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createJobQueue } from '../../../lib/models/job-queue';

/** A promise the test resolves or rejects by hand, so no test depends on timing. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

/** Lets queued callbacks run (the queue starts jobs from promise callbacks). */
const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('createJobQueue', () => {
  it('runs one job at a time, higher priority first, FIFO within a priority', async () => {
    const queue = createJobQueue();
    const order: string[] = [];
    const gate = deferred();
    const first = queue.run(async () => {
      order.push('first');
      await gate.promise;
    });
    const low1 = queue.run(async () => void order.push('low1'));
    const low2 = queue.run(async () => void order.push('low2'));
    const high = queue.run(async () => void order.push('high'), { priority: 1 });
    expect(queue.waiting).toBe(3);
    await flush();
    // Nothing overtakes the running job.
    expect(order).toEqual(['first']);
    gate.resolve();
    await Promise.all([first, low1, low2, high]);
    expect(order).toEqual(['first', 'high', 'low1', 'low2']);
    expect(queue.waiting).toBe(0);
  });

  it('drops a waiting job whose signal aborts, and never runs it', async () => {
    const queue = createJobQueue();
    const gate = deferred();
    const ran: string[] = [];
    const running = queue.run(async () => {
      await gate.promise;
      return 'a';
    });
    const controller = new AbortController();
    const waiting = queue.run(async () => void ran.push('b'), { signal: controller.signal });
    const after = queue.run(async () => {
      ran.push('c');
      return 'c';
    });
    controller.abort(new Error('agent closed the panel'));
    expect(await rejection(waiting)).toMatchObject({ message: 'agent closed the panel' });
    expect(queue.waiting).toBe(1);
    gate.resolve();
    expect(await running).toBe('a');
    expect(await after).toBe('c');
    expect(ran).toEqual(['c']);
  });

  it('rejects a job at once when its signal was aborted before it was queued', async () => {
    const queue = createJobQueue({ cancelReason: (kind) => new Error(kind) });
    let ran = false;
    const error = await rejection(
      queue.run(
        async () => {
          ran = true;
        },
        { signal: AbortSignal.abort() },
      ),
    );
    expect(error).toMatchObject({ message: 'cancelled-before-start' });
    expect(ran).toBe(false);
    expect(queue.waiting).toBe(0);
  });

  it('answers a cancelled running job at once, but starts the next only when its work has ended', async () => {
    const queue = createJobQueue({ cancelReason: (kind) => new Error(kind) });
    const gate = deferred();
    const events: string[] = [];
    const controller = new AbortController();
    let seenSignal: AbortSignal | undefined;
    const running = queue.run(
      async (signal) => {
        seenSignal = signal;
        events.push('a-start');
        await gate.promise;
        events.push('a-end');
        return 'a';
      },
      { signal: controller.signal },
    );
    const next = queue.run(async () => {
      events.push('b-start');
      return 'b';
    });
    await flush();
    controller.abort();
    expect(await rejection(running)).toMatchObject({ message: 'cancelled' });
    // The work learns it was cancelled, so it can stop early.
    expect(seenSignal?.aborted).toBe(true);
    await flush();
    expect(events).toEqual(['a-start']);
    gate.resolve();
    expect(await next).toBe('b');
    expect(events).toEqual(['a-start', 'a-end', 'b-start']);
  });

  it('lets a newer job with the same key replace an older waiting or running one', async () => {
    const queue = createJobQueue({ cancelReason: (kind) => new Error(kind) });
    const gate = deferred();
    const ran: string[] = [];
    const runningOld = rejection(
      queue.run(
        async () => {
          ran.push('conv-old');
          await gate.promise;
        },
        { key: 'conversation' },
      ),
    );
    const waitingOld = rejection(queue.run(async () => void ran.push('text-old'), { key: 'text' }));
    const other = queue.run(async () => void ran.push('other'));
    await flush();
    const newText = queue.run(async () => void ran.push('text-new'), { key: 'text' });
    expect(await waitingOld).toMatchObject({ message: 'replaced' });
    const newConversation = queue.run(async () => void ran.push('conv-new'), { key: 'conversation' });
    expect(await runningOld).toMatchObject({ message: 'replaced' });
    gate.resolve();
    await Promise.all([other, newText, newConversation]);
    expect(ran).toEqual(['conv-old', 'other', 'text-new', 'conv-new']);
  });

  it('goes on with the next job after one fails, and gives the error to its own caller only', async () => {
    const queue = createJobQueue();
    const failing = queue.run(async () => {
      throw new Error('model crashed');
    });
    const throwingAtOnce = queue.run(() => {
      throw new Error('thrown before any await');
    });
    const fine = queue.run(async () => 'ok');
    const [failed, thrown] = await Promise.all([rejection(failing), rejection(throwingAtOnce)]);
    expect(failed).toMatchObject({ message: 'model crashed' });
    expect(thrown).toMatchObject({ message: 'thrown before any await' });
    expect(await fine).toBe('ok');
  });

  it('holds the slot for an acquired stream until it is released', async () => {
    const queue = createJobQueue();
    const events: string[] = [];
    const release = await queue.acquire();
    const job = queue.run(async () => void events.push('job'));
    await flush();
    expect(events).toEqual([]);
    release();
    // Releasing twice must not free a slot someone else holds.
    release();
    await job;
    expect(events).toEqual(['job']);
  });

  it('does not keep a listener per job on a signal the caller reuses', async () => {
    const queue = createJobQueue();
    const controller = new AbortController();
    let listeners = 0;
    const signal = controller.signal;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = (...args: Parameters<AbortSignal['addEventListener']>) => {
      listeners++;
      add(...args);
    };
    signal.removeEventListener = (...args: Parameters<AbortSignal['removeEventListener']>) => {
      listeners--;
      remove(...args);
    };
    for (let i = 0; i < 5; i++) await queue.run(async () => i, { signal });
    expect(listeners).toBe(0);
  });
});
