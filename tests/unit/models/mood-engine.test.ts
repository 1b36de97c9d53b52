// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import type { MoodModelState, WorkerRequest, WorkerResponse } from '../../../lib/models/analysis-protocol';
import type { MoodEngine } from '../../../lib/models/mood-engine';
import type { MoodEngineEvent, MoodEnginePort, MoodEngineRequest } from '../../../lib/models/mood-engine-port';
import type { Conversation } from '../../../lib/sites/types';

// The real worker module is a Vite `?worker` import; every host below gets a fake worker instead (no weights here).
vi.mock('../../../lib/models/analysis-worker?worker', () => ({ default: class {} }));
const { AnalysisHost } = await import('../../../lib/models/analysis-host');
const { createLocalMoodEngine } = await import('../../../lib/models/mood-engine-local');
const { answerMoodEnginePort, askOverPort, createPortMoodEngine } = await import(
  '../../../lib/models/mood-engine-offscreen'
);
const { deferMoodEngine } = await import('../../../lib/models/mood-engine');
const { isTrustedEnginePortSender, moodEngineEventSchema, moodEngineRequestSchema } = await import(
  '../../../lib/models/mood-engine-port'
);
const { warmUpConversation } = await import('../../../lib/models/warm-up');

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

function createHost() {
  const worker = new FakeWorker();
  const host = new AnalysisHost(() => worker as unknown as Worker, {
    modelBase: '/models/',
    wasm: { mjs: '/ort/x.mjs', wasm: '/ort/x.wasm' },
  });
  return { host, worker };
}

/** The id of the worker's request for `conversationId`, once the host sent it. */
async function analyzeRequestId(worker: FakeWorker, conversationId: string): Promise<number> {
  return vi.waitFor(() => {
    const request = worker.sent.find((m) => m.type === 'analyze' && m.conversation.id === conversationId);
    if (request?.type !== 'analyze') throw new Error(`no analyze request for ${conversationId} yet`);
    return request.id;
  });
}

/** One end of a runtime port, linked in memory the way the browser links two ends. */
class FakePortEnd implements MoodEnginePort {
  readonly messages: unknown[] = [];
  disconnected = false;
  other: FakePortEnd | undefined;
  private readonly messageListeners: ((message: unknown) => void)[] = [];
  private readonly disconnectListeners: (() => void)[] = [];
  readonly onMessage = { addListener: (listener: (message: unknown) => void) => this.messageListeners.push(listener) };
  readonly onDisconnect = { addListener: (listener: () => void) => this.disconnectListeners.push(listener) };

  /** A message arrives later and as a copy. */
  postMessage(message: MoodEngineRequest | MoodEngineEvent): void {
    if (this.disconnected) throw new Error('Attempting to use a disconnected port object');
    const copy: unknown = structuredClone(message);
    const target = this.other;
    setTimeout(() => {
      if (!target || target.disconnected) return;
      target.messages.push(copy);
      for (const listener of target.messageListeners) listener(copy);
    }, 0);
  }

  /** Disconnecting one end tells only the other. */
  disconnect(): void {
    if (this.disconnected) return;
    this.disconnected = true;
    const target = this.other;
    if (!target || target.disconnected) return;
    target.disconnected = true;
    for (const listener of target.disconnectListeners) listener();
  }
}

function linkedPorts(): [FakePortEnd, FakePortEnd] {
  const a = new FakePortEnd();
  const b = new FakePortEnd();
  a.other = b;
  b.other = a;
  return [a, b];
}

/** A port engine wired to a real host with a fake worker, as the background and offscreen document are. */
function createOffscreenPair() {
  const { host, worker } = createHost();
  const serverEnds: FakePortEnd[] = [];
  const connect = async () => {
    const [client, server] = linkedPorts();
    serverEnds.push(server);
    answerMoodEnginePort(server, host);
    return client;
  };
  return { engine: createPortMoodEngine(connect), connect, host, worker, serverEnds };
}

const conversation: Conversation = { ...warmUpConversation, id: 'c1', url: 'https://example.test/' };
const result = (tag: string) =>
  ({ mood: { tag }, intents: [], model: { id: 'rapport-mood', backend: 'wasm' } }) as never;
const bundled = { modelId: 'bundled', mirrorUrl: '' };
const hub = { modelId: 'test-org/tiny-sentiment', mirrorUrl: 'http://127.0.0.1:1' };

describe('offscreen mood engine over the port', () => {
  it('streams the early result, then the full one, over one port that is closed afterwards', async () => {
    const { engine, worker, serverEnds } = createOffscreenPair();
    const early: unknown[] = [];
    const done = engine.analyze(conversation, (r) => early.push(r));
    const id = await analyzeRequestId(worker, 'c1');
    worker.answer({ type: 'partial', id, result: result('early') });
    await vi.waitFor(() => expect(early).toEqual([result('early')]));
    worker.answer({ type: 'analyzed', id, result: result('full') });
    await expect(done).resolves.toEqual(result('full'));
    expect(serverEnds.map((end) => end.messages)).toEqual([
      [{ type: 'analyze', conversation: expect.objectContaining({ id: 'c1' }) }],
    ]);
    await vi.waitFor(() => expect(serverEnds[0]?.disconnected).toBe(true));
  });

  it('rejects with the host’s error code when the analysis fails', async () => {
    const { engine, worker } = createOffscreenPair();
    const done = engine.analyze(conversation);
    const id = await analyzeRequestId(worker, 'c1');
    worker.answer({ type: 'failed', id, error: { code: 'model/load-failed', message: 'broken graph' } });
    await expect(done).rejects.toMatchObject({ code: 'model/load-failed', message: 'broken graph' });
  });

  it('keeps waiting for the full result when the early-result listener throws', async () => {
    const { engine, worker } = createOffscreenPair();
    const done = engine.analyze(conversation, () => {
      throw new Error('listener bug');
    });
    const id = await analyzeRequestId(worker, 'c1');
    worker.answer({ type: 'partial', id, result: result('early') });
    worker.answer({ type: 'analyzed', id, result: result('full') });
    await expect(done).resolves.toEqual(result('full'));
  });

  it('answers the tone check and the model requests', async () => {
    const { engine, worker } = createOffscreenPair();
    const mood = engine.analyzeText('Where is my refund?');
    const request = await vi.waitFor(() => {
      const sent = worker.sent.find((m) => m.type === 'analyze-text');
      if (sent?.type !== 'analyze-text') throw new Error('no analyze-text request yet');
      return sent;
    });
    expect(request.text).toBe('Where is my refund?');
    worker.answer({ type: 'analyzed-text', id: request.id, mood: { state: 'anxious' } as never });
    await expect(mood).resolves.toEqual({ state: 'anxious' });

    const switching = await engine.selectMoodModel(hub);
    expect(switching.selection).toEqual(hub);
    expect(switching.status.state).toBe('downloading');
    const state: MoodModelState = await engine.moodModelState();
    expect(state.selection).toEqual(hub);
  });

  it('never lets the stored choice replayed to a fresh document undo the agent’s choice that overtook it', async () => {
    const { engine, connect, worker } = createOffscreenPair();
    await engine.selectMoodModel(bundled);
    const replayed = await askOverPort(connect, { type: 'select-model', selection: hub, restore: true });
    expect(replayed).toMatchObject({ kind: 'model-state', state: { selection: bundled } });
    expect((await engine.moodModelState()).selection).toEqual(bundled);
    expect(worker.sent.filter((m) => m.type === 'select-model')).toEqual([
      { type: 'select-model', selection: bundled },
    ]);
  });

  it('rejects a request whose port closes before it is answered (the document went away)', async () => {
    const { engine, worker, serverEnds } = createOffscreenPair();
    const done = engine.analyze(conversation);
    await analyzeRequestId(worker, 'c1');
    serverEnds[0]?.disconnect();
    await expect(done).rejects.toMatchObject({ code: 'model/host-gone' });
  });

  it('answers an invalid request with an error instead of running it', async () => {
    const { host, worker } = createHost();
    const [client, server] = linkedPorts();
    answerMoodEnginePort(server, host);
    (client as MoodEnginePort & { postMessage(message: unknown): void }).postMessage({
      type: 'analyze',
      conversation: { id: 'no site' },
    });
    await vi.waitFor(() => expect(client.messages).toHaveLength(1));
    expect(client.messages[0]).toMatchObject({ type: 'error', error: { code: 'messaging/bad-payload' } });
    expect(worker.sent.filter((m) => m.type === 'analyze')).toEqual([]);
  });
});

describe('mood engine port protocol', () => {
  it('takes only our own extension contexts outside any tab', () => {
    const id = 'rapport-id';
    const origin = 'chrome-extension://rapport-id/';
    expect(isTrustedEnginePortSender({ id, url: `${origin}background.js` }, id, origin)).toBe(true);
    expect(isTrustedEnginePortSender({ id }, id, origin)).toBe(true);
    // A content script (or the drawer framed in a page) has a tab; another extension has another id.
    expect(isTrustedEnginePortSender({ id, url: 'https://example.com/', tab: { id: 3 } as never }, id, origin)).toBe(
      false,
    );
    expect(isTrustedEnginePortSender({ id: 'other', url: `${origin}x.html` }, id, origin)).toBe(false);
    expect(isTrustedEnginePortSender({ id, url: 'https://example.com/' }, id, origin)).toBe(false);
    expect(isTrustedEnginePortSender(undefined, id, origin)).toBe(false);
  });

  it('checks both directions on receipt', () => {
    expect(moodEngineRequestSchema.safeParse({ type: 'get-model-state' }).success).toBe(true);
    expect(moodEngineRequestSchema.safeParse({ type: 'select-model', selection: bundled }).success).toBe(false);
    expect(moodEngineRequestSchema.safeParse({ type: 'drop-tables' }).success).toBe(false);
    expect(moodEngineEventSchema.safeParse({ type: 'partial', result: result('early') }).success).toBe(true);
    expect(moodEngineEventSchema.safeParse({ type: 'partial', result: 'moods' }).success).toBe(false);
    expect(moodEngineEventSchema.safeParse({ type: 'error', error: { code: 'model/x', message: 'm' } }).success).toBe(
      true,
    );
    expect(moodEngineEventSchema.safeParse({ type: 'done', answer: { kind: 'other' } }).success).toBe(false);
  });
});

describe('local mood engine (Firefox background)', () => {
  function createLocal(readSelection: () => Promise<typeof bundled>) {
    const hosts: ReturnType<typeof createHost>[] = [];
    const engine = createLocalMoodEngine(readSelection, () => {
      const created = createHost();
      hosts.push(created);
      return created.host;
    });
    return { engine, hosts };
  }

  it('starts one host on first use and tells it the stored choice before anything else', async () => {
    const { engine, hosts } = createLocal(async () => hub);
    const state = await engine.moodModelState();
    expect(state.selection).toEqual(hub);
    await engine.moodModelState();
    expect(hosts).toHaveLength(1);
    expect(hosts[0]?.worker.sent.map((m) => m.type)).toEqual(['init', 'select-model']);
  });

  it('keeps the agent’s choice made while the stored one was still being read', async () => {
    let finishRead: (selection: typeof bundled) => void = () => undefined;
    const { engine, hosts } = createLocal(() => new Promise((resolve) => (finishRead = resolve)));
    const choosing = engine.selectMoodModel(bundled);
    finishRead(hub);
    await choosing;
    expect((await engine.moodModelState()).selection).toEqual(bundled);
    const selections = hosts[0]?.worker.sent.flatMap((m) => (m.type === 'select-model' ? [m.selection] : []));
    expect(selections).toEqual([hub, bundled]);
  });

  it('streams the early result and warms up once for the life of the background page', async () => {
    const { engine, hosts } = createLocal(async () => bundled);
    const early: unknown[] = [];
    const done = engine.analyze(conversation, (r) => early.push(r));
    const worker = await vi.waitFor(() => {
      const created = hosts[0]?.worker;
      if (!created) throw new Error('no host yet');
      return created;
    });
    const id = await analyzeRequestId(worker, 'c1');
    worker.answer({ type: 'partial', id, result: result('early') });
    worker.answer({ type: 'analyzed', id, result: result('full') });
    await expect(done).resolves.toEqual(result('full'));
    expect(early).toEqual([result('early')]);

    const warming = [engine.warmUp(), engine.warmUp()];
    const warmId = await analyzeRequestId(worker, warmUpConversation.id);
    worker.answer({ type: 'analyzed', id: warmId, result: result('warm') });
    await Promise.all(warming);
    await engine.warmUp();
    expect(worker.sent.filter((m) => m.type === 'analyze' && m.conversation.id === warmUpConversation.id)).toHaveLength(
      1,
    );
  });
});

describe('deferMoodEngine', () => {
  it('loads the implementation once, on first use, and tries again after a failed load', async () => {
    const calls: string[] = [];
    const engine: MoodEngine = {
      analyze: async () => result('full'),
      analyzeText: async (text) => ({ state: text }) as never,
      selectMoodModel: async () => ({}) as never,
      moodModelState: async () => ({}) as never,
      warmUp: async () => {
        calls.push('warm');
      },
    };
    let loads = 0;
    const deferred = deferMoodEngine(async () => {
      loads += 1;
      if (loads === 1) throw new Error('chunk failed');
      return engine;
    });
    expect(loads).toBe(0);
    await expect(deferred.warmUp()).rejects.toThrow('chunk failed');
    await deferred.warmUp();
    await expect(deferred.analyzeText('calm')).resolves.toEqual({ state: 'calm' });
    expect(loads).toBe(2);
    expect(calls).toEqual(['warm']);
  });
});
