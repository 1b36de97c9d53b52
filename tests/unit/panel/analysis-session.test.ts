// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../lib/analysis/analyzer';
import type { PageReport, TabState } from '../../../lib/messaging';
import type { AnalysisResult } from '../../../lib/models/analysis-protocol';
import type { MoodEngine } from '../../../lib/models/mood-engine';
import { createAnalysisSessions } from '../../../lib/panel/analysis-session';
import { TabStates } from '../../../lib/panel/tab-states';
import type { Conversation } from '../../../lib/sites/types';
import { FakeMoodModel } from '../analysis/fake-mood-model';

const conversation: Conversation = {
  site: 'generic',
  id: 'rt-12',
  subject: 'Refund',
  url: 'https://rt.example.org/Ticket/Display.html?id=12',
  customer: {},
  messages: [
    {
      id: 'm1',
      author: {},
      role: 'customer',
      roleSource: 'page',
      text: 'This is unacceptable, I am still waiting for my refund. Furious!',
      bodyLoaded: true,
      attachments: [],
    },
  ],
};

function report(withConversation: Conversation | null): PageReport {
  return {
    url: conversation.url,
    siteLabel: 'rt.example.org',
    siteKey: 'https://rt.example.org',
    enabled: true,
    conversation: withConversation,
    error: null,
  };
}

const model = { id: 'fake-keywords', backend: 'wasm' } as const;

/** An engine on the real analyzer, with a keyword model standing in for the weights. */
function analyzerEngine(): MoodEngine & { warmUps: number } {
  const analyzer = createAnalyzer(new FakeMoodModel());
  const engine = {
    warmUps: 0,
    async analyze(c: Conversation, onPartial?: (result: AnalysisResult) => void): Promise<AnalysisResult> {
      const mood = await analyzer.analyze(c, {
        onPartial: (early) => onPartial?.({ mood: early, intents: [], model }),
      });
      return { mood, intents: [], model };
    },
    analyzeText: (text: string) => analyzer.analyzeText(text),
    selectMoodModel: () => Promise.reject(new Error('not used')),
    moodModelState: () => Promise.reject(new Error('not used')),
    async warmUp() {
      engine.warmUps += 1;
    },
  };
  return engine;
}

/** An engine whose analyses the test finishes by hand, in any order. */
function manualEngine() {
  const calls: {
    conversation: Conversation;
    onPartial?: (result: AnalysisResult) => void;
    resolve: (result: AnalysisResult) => void;
    reject: (error: unknown) => void;
  }[] = [];
  const engine: MoodEngine = {
    analyze: (c, onPartial) =>
      new Promise((resolve, reject) => calls.push({ conversation: c, onPartial, resolve, reject })),
    analyzeText: () => Promise.reject(new Error('not used')),
    selectMoodModel: () => Promise.reject(new Error('not used')),
    moodModelState: () => Promise.reject(new Error('not used')),
    warmUp: async () => undefined,
  };
  return { engine, calls };
}

const resultWith = (state: 'angry' | 'calm'): AnalysisResult =>
  ({
    mood: { current: { state }, messages: {}, language: 'en' },
    intents: [{ intent: 'refund', p: 0.9 }],
    model,
  }) as never;

function setUp(engine: MoodEngine) {
  const tabs = new TabStates();
  const pushed: TabState[] = [];
  const badges: number[] = [];
  const sessions = createAnalysisSessions({
    engine,
    tabs,
    push: (tabId) => pushed.push(structuredClone(tabs.get(tabId))),
    showMood: async (tabId) => {
      badges.push(tabId);
    },
  });
  return { tabs, pushed, badges, sessions };
}

describe('analysis sessions', () => {
  it('shows the moods before the evidence, then the full result, and marks the tab analysing meanwhile', async () => {
    const engine = analyzerEngine();
    const { tabs, pushed, badges, sessions } = setUp(engine);
    tabs.setReport(1, report(conversation));
    await sessions.analyze(1);

    expect(pushed[0]).toMatchObject({ analyzing: true, mood: null });
    const early = pushed.find((state) => state.mood !== null);
    expect(early?.analyzing).toBe(true);
    const last = pushed.at(-1);
    expect(last?.analyzing).toBe(false);
    expect(last?.mood?.current.upset).toBe(true);
    expect(early?.mood?.messages.m1?.state).toBe(last?.mood?.messages.m1?.state);
    expect(last?.model).toEqual(model);
    // Evidence arrives with the full result only.
    expect(last?.mood?.messages.m1?.evidence.length).toBeGreaterThan(0);
    expect(tabs.get(1).mood?.messages.m1?.evidence).toEqual(last?.mood?.messages.m1?.evidence);
    // The badge follows the early mood and the final one.
    expect(badges).toEqual([1, 1]);
  });

  it('drops an older analysis of the tab once a newer one started, early result included', async () => {
    const { engine, calls } = manualEngine();
    const { tabs, sessions } = setUp(engine);
    tabs.setReport(1, report(conversation));
    const first = sessions.analyze(1);
    const second = sessions.analyze(1);
    calls[1]?.resolve(resultWith('calm'));
    await second;
    calls[0]?.onPartial?.(resultWith('angry'));
    calls[0]?.resolve(resultWith('angry'));
    await first;
    expect(tabs.get(1).mood?.current.state).toBe('calm');
    expect(tabs.get(1).intents).toEqual([{ intent: 'refund', p: 0.9 }]);
    expect(tabs.get(1).analyzing).toBe(false);
  });

  it('keeps each tab’s analysis to itself', async () => {
    const { engine, calls } = manualEngine();
    const { tabs, sessions } = setUp(engine);
    tabs.setReport(1, report(conversation));
    tabs.setReport(2, report({ ...conversation, id: 'rt-13' }));
    const one = sessions.analyze(1);
    const two = sessions.analyze(2);
    calls[0]?.resolve(resultWith('angry'));
    calls[1]?.resolve(resultWith('calm'));
    await Promise.all([one, two]);
    expect(tabs.get(1).mood?.current.state).toBe('angry');
    expect(tabs.get(2).mood?.current.state).toBe('calm');
  });

  it('shows the engine’s error with its code, and the panel stops waiting', async () => {
    const { engine, calls } = manualEngine();
    const { tabs, pushed, badges, sessions } = setUp(engine);
    tabs.setReport(1, report(conversation));
    const done = sessions.analyze(1);
    calls[0]?.reject(Object.assign(new Error('The analysis host closed'), { code: 'model/host-gone' }));
    await done;
    expect(tabs.get(1).moodError?.code).toBe('model/host-gone');
    expect(pushed.at(-1)).toMatchObject({ analyzing: false, moodError: { code: 'model/host-gone' } });
    expect(badges).toEqual([1]);
  });

  it('drops what arrives for a tab that was closed meanwhile', async () => {
    const { engine, calls } = manualEngine();
    const { tabs, pushed, badges, sessions } = setUp(engine);
    tabs.setReport(1, report(conversation));
    const done = sessions.analyze(1);
    const pushesBefore = pushed.length;
    tabs.delete(1);
    sessions.forget(1);
    calls[0]?.onPartial?.(resultWith('angry'));
    calls[0]?.resolve(resultWith('angry'));
    await done;
    expect(pushed).toHaveLength(pushesBefore);
    expect(badges).toEqual([]);
    expect(tabs.get(1).mood).toBeNull();
  });

  it('asks nothing of the engine without a conversation or without messages', async () => {
    const { engine, calls } = manualEngine();
    const { tabs, pushed, sessions } = setUp(engine);
    await sessions.analyze(1);
    tabs.setReport(2, report(null));
    await sessions.analyze(2);
    tabs.setReport(3, report({ ...conversation, messages: [] }));
    await sessions.analyze(3);
    expect(calls).toEqual([]);
    expect(pushed).toEqual([]);
  });

  it('warms the engine’s path', async () => {
    const engine = analyzerEngine();
    const { sessions } = setUp(engine);
    await sessions.warmUp();
    expect(engine.warmUps).toBe(1);
  });
});
