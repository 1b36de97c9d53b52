// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import type { MoodModelState, WorkerRequest, WorkerResponse } from '../../../lib/models/analysis-protocol';

// The real worker module is a Vite `?worker` import; the host is given a fake worker instead.
vi.mock('../../../lib/models/analysis-worker?worker', () => ({ default: class {} }));
const { AnalysisHost } = await import('../../../lib/models/analysis-host');

/** A worker stand-in: records what the host sends and lets the test answer. */
class FakeWorker extends EventTarget {
  readonly sent: WorkerRequest[] = [];
  postMessage(message: WorkerRequest): void {
    this.sent.push(message);
  }
  answer(data: WorkerResponse): void {
    this.dispatchEvent(new MessageEvent('message', { data }));
  }
  terminate(): void {}
}

const plan = { device: 'wasm', dtype: 'q8', reason: 'no-webgpu' } as const;
const bundled = { modelId: 'bundled', mirrorUrl: '' };
const hub = { modelId: 'test-org/broken', mirrorUrl: 'http://127.0.0.1:1' };
const state = (selection: typeof bundled, status: MoodModelState['status']): WorkerResponse => ({
  type: 'model-state',
  state: { selection, status, plan },
});

function createHost() {
  const worker = new FakeWorker();
  const host = new AnalysisHost(() => worker as unknown as Worker, {
    modelBase: '/models/',
    wasm: { mjs: '/ort/x.mjs', wasm: '/ort/x.wasm' },
  } as never);
  return { host, worker };
}

describe('analysis host: mood model state', () => {
  it('ignores a late state about the previous selection, so the new one is followed to its end', () => {
    const { host, worker } = createHost();
    host.selectMoodModel(bundled);
    host.selectMoodModel(hub);
    // The worker finished loading the bundled model just before it read the Hub selection.
    worker.answer(state(bundled, { state: 'ready', backend: 'wasm', modelId: 'rapport-mood' }));
    expect(host.moodModelState().selection).toEqual(hub);
    expect(host.moodModelState().status.state).toBe('downloading');
    worker.answer(state(hub, { state: 'error', code: 'model/load-failed', reason: 'broken graph' }));
    expect(host.moodModelState().status).toMatchObject({ state: 'error', reason: 'broken graph' });
    expect(worker.sent.filter((m) => m.type === 'select-model')).toHaveLength(2);
  });

  it('takes every state about the current selection, progress included', () => {
    const { host, worker } = createHost();
    host.selectMoodModel({ ...hub, mirrorUrl: ` ${hub.mirrorUrl} ` });
    worker.answer(state(hub, { state: 'downloading', progress: 0.5, loadedBytes: 5, totalBytes: 10 }));
    expect(host.moodModelState().status).toMatchObject({ state: 'downloading', progress: 0.5 });
    worker.answer(state(hub, { state: 'ready', backend: 'wasm', modelId: hub.modelId }));
    expect(host.moodModelState().status).toMatchObject({ state: 'ready', modelId: hub.modelId });
  });
});

describe('analysis host: early results', () => {
  const conversation = {
    site: 'generic',
    id: 'c1',
    subject: '',
    url: 'https://example.test/',
    customer: {},
    messages: [],
  } as never;
  const result = (tag: string) =>
    ({ mood: { tag }, intents: [], model: { id: 'rapport-mood', backend: 'wasm' } }) as never;

  it('hands the early result to the listener, then resolves with the full one', async () => {
    const { host, worker } = createHost();
    const early: unknown[] = [];
    const done = host.analyze(conversation, (r) => early.push(r));
    const request = worker.sent.find((m) => m.type === 'analyze');
    if (request?.type !== 'analyze') throw new Error('no analyze request was sent');
    worker.answer({ type: 'partial', id: request.id, result: result('early') });
    expect(early).toEqual([result('early')]);
    worker.answer({ type: 'analyzed', id: request.id, result: result('full') });
    await expect(done).resolves.toEqual(result('full'));
  });

  it('keeps waiting for the full result when the listener throws or there is none', async () => {
    const { host, worker } = createHost();
    const throwing = host.analyze(conversation, () => {
      throw new Error('listener bug');
    });
    const silent = host.analyze({ ...(conversation as object), id: 'c2' } as never);
    const ids = worker.sent.flatMap((m) => (m.type === 'analyze' ? [m.id] : []));
    for (const id of ids) worker.answer({ type: 'partial', id, result: result('early') });
    for (const id of ids) worker.answer({ type: 'analyzed', id, result: result(`full ${id}`) });
    await expect(throwing).resolves.toEqual(result(`full ${ids[0]}`));
    await expect(silent).resolves.toEqual(result(`full ${ids[1]}`));
  });
});

describe('analysis host: the stored choice replayed at start-up', () => {
  it('takes the replayed choice while the agent has made none', () => {
    const { host, worker } = createHost();
    host.selectMoodModel(hub, { restore: true });
    expect(host.moodModelState().selection).toEqual(hub);
    expect(worker.sent.filter((m) => m.type === 'select-model')).toEqual([{ type: 'select-model', selection: hub }]);
  });

  it('never lets a replay that arrives late undo the choice the agent just made', () => {
    const { host, worker } = createHost();
    host.selectMoodModel(bundled);
    const state = host.selectMoodModel(hub, { restore: true });
    expect(state.selection).toEqual(bundled);
    expect(host.moodModelState().selection).toEqual(bundled);
    expect(worker.sent.filter((m) => m.type === 'select-model')).toEqual([
      { type: 'select-model', selection: bundled },
    ]);
    // A later explicit choice still switches.
    host.selectMoodModel(hub);
    expect(host.moodModelState().selection).toEqual(hub);
  });
});
