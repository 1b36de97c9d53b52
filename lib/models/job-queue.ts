/** Why a job was cancelled: the caller's signal, before or after the job was queued, or a newer job with its key. */
export type CancelKind = 'cancelled' | 'cancelled-before-start' | 'replaced';

/** How one job is queued. */
export interface JobOptions {
  /** Higher runs first; equal priorities run in the order they were queued. Default 0. */
  priority?: number;
  /** Cancels the job: a waiting one leaves the queue, a running one is answered at once (see `JobQueue.run`). */
  signal?: AbortSignal;
  /** A newer job with the same key cancels an older one with it, waiting or running. */
  key?: string;
}

/** Gives the slot back; calling it again does nothing. */
export type Release = () => void;

/**
 * Runs one job at a time, by priority, each cancellable. Our models are one engine each (one ONNX session, one
 * web-llm worker): a cancelled job that is already running is answered at once, but the next job only starts when the
 * cancelled one's work has really finished, so the engine never runs two at once.
 */
export interface JobQueue {
  /**
   * Queues `work` and settles with its result. `work` gets a signal that aborts when the job is cancelled; the
   * promise then rejects with the reason from `cancelReason`. A job's error reaches only its own caller; the queue
   * goes on with the next job.
   */
  run<T>(work: (signal: AbortSignal) => Promise<T>, options?: JobOptions): Promise<T>;
  /**
   * Waits for the slot, for work that is not one promise (a stream that holds the engine while it is read). The
   * caller must call the returned `Release` when done; until then no other job starts.
   */
  acquire(options?: JobOptions): Promise<Release>;
  /** Jobs waiting (not counting the running one). */
  readonly waiting: number;
}

export interface JobQueueOptions {
  /** The rejection for a cancelled job (default: the signal's reason, or an `AbortError`). */
  cancelReason?: (kind: CancelKind, signal: AbortSignal | undefined) => unknown;
}

interface Entry {
  priority: number;
  key: string | undefined;
  controller: AbortController;
  /** Called when the entry gets the slot, with the function that gives it back. */
  start: (release: Release) => void;
}

function defaultCancelReason(_kind: CancelKind, signal: AbortSignal | undefined): unknown {
  return signal?.reason ?? new DOMException('The job was cancelled.', 'AbortError');
}

/**
 * Creates a queue that runs one job at a time. Kept in-house rather than p-queue 9.3.5: p-queue frees the slot as
 * soon as a running job's signal aborts, so the next job would start while the model still computes the cancelled one.
 */
export function createJobQueue(options: JobQueueOptions = {}): JobQueue {
  const cancelReason = options.cancelReason ?? defaultCancelReason;
  const waiting: Entry[] = [];
  let running: Entry | undefined;

  const next = (): void => {
    if (running) return;
    const entry = waiting.shift();
    if (entry === undefined) return;
    running = entry;
    let released = false;
    entry.start(() => {
      if (released) return;
      released = true;
      running = undefined;
      next();
    });
  };

  const insert = (entry: Entry): void => {
    // After the last entry of at least the same priority: FIFO within a priority.
    let index = waiting.length;
    while (index > 0 && (waiting[index - 1]?.priority ?? 0) < entry.priority) index--;
    waiting.splice(index, 0, entry);
  };

  /**
   * Queues an entry: `start` runs when it gets the slot, `onCancel` once if it is cancelled. Returns the function that
   * detaches it from the caller's signal (a caller may reuse one signal for many jobs; no listener per job stays on it).
   */
  const enqueue = (
    jobOptions: JobOptions,
    start: (release: Release, signal: AbortSignal) => void,
    onCancel: (reason: unknown) => void,
  ): (() => void) => {
    const { signal, key } = jobOptions;
    const controller = new AbortController();
    if (key !== undefined) {
      for (const other of running ? [running, ...waiting] : [...waiting]) {
        if (other.key === key) other.controller.abort(cancelReason('replaced', undefined));
      }
    }
    const entry: Entry = {
      priority: jobOptions.priority ?? 0,
      key,
      controller,
      start: (release) => start(release, controller.signal),
    };
    const onCallerAbort = (): void => controller.abort(cancelReason('cancelled', signal));
    const detach = (): void => signal?.removeEventListener('abort', onCallerAbort);
    controller.signal.addEventListener(
      'abort',
      () => {
        detach();
        // A waiting job leaves the queue; a running one keeps the slot until its work really ends.
        const index = waiting.indexOf(entry);
        if (index >= 0) waiting.splice(index, 1);
        onCancel(controller.signal.reason);
      },
      { once: true },
    );
    if (signal?.aborted) {
      controller.abort(cancelReason('cancelled-before-start', signal));
      return detach;
    }
    signal?.addEventListener('abort', onCallerAbort, { once: true });
    insert(entry);
    next();
    return detach;
  };

  return {
    run<T>(work: (signal: AbortSignal) => Promise<T>, jobOptions: JobOptions = {}): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        let settled = false;
        const settle = (fn: () => void): void => {
          if (settled) return;
          settled = true;
          fn();
        };
        const detach = enqueue(
          jobOptions,
          (release, signal) => {
            const finish = (fn: () => void): void => {
              detach();
              // Cancelled while running: the caller has its answer already; only the slot is given back now.
              settle(() => (signal.aborted ? reject(signal.reason) : fn()));
              release();
            };
            let working: Promise<T>;
            try {
              working = work(signal);
            } catch (error) {
              working = Promise.reject(error);
            }
            working.then(
              (result) => finish(() => resolve(result)),
              (error: unknown) => finish(() => reject(error)),
            );
          },
          (reason) => settle(() => reject(reason)),
        );
      });
    },
    acquire(jobOptions: JobOptions = {}): Promise<Release> {
      return new Promise<Release>((resolve, reject) => {
        const detach = enqueue(
          jobOptions,
          (release) =>
            resolve(() => {
              detach();
              release();
            }),
          reject,
        );
      });
    },
    get waiting() {
      return waiting.length;
    },
  };
}
