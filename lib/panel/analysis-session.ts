import { serializeError } from '../errors';
import type { MoodEngine } from '../models/mood-engine';
import type { TabStates } from './tab-states';

/** What the background gives the analysis sessions: the engine, the tabs' states and how to show them. */
export interface AnalysisSessionOptions {
  engine: MoodEngine;
  tabs: TabStates;
  /** Sends the tab's state to its open panel, if any. */
  push: (tabId: number) => void;
  /** Updates the mood badge in the tab's page. */
  showMood: (tabId: number) => Promise<void>;
}

/** Each tab's analysis of the conversation its page reported, as the background runs it. */
export interface AnalysisSessions {
  /**
   * Analyses the tab's current conversation: the panel and badge show the moods as soon as every message is
   * classified and the full result (with evidence) when it is done. A newer analysis of the tab supersedes an
   * older one, whose results are then dropped.
   */
  analyze(tabId: number): Promise<void>;
  /** Drops a closed tab's session: a result still on its way is dropped too. */
  forget(tabId: number): void;
  /** Warms the engine's path, so the first mood does not wait for a cold start (see `MoodEngine.warmUp`). */
  warmUp(): Promise<void>;
}

export function createAnalysisSessions({ engine, tabs, push, showMood }: AnalysisSessionOptions): AnalysisSessions {
  /** The latest run of each tab: a run that is no longer the latest drops what it finds. */
  const runs = new Map<number, number>();
  let nextRun = 1;

  async function analyze(tabId: number): Promise<void> {
    const conversation = tabs.get(tabId).report?.conversation;
    if (!conversation || conversation.messages.length === 0) return;
    const run = nextRun++;
    runs.set(tabId, run);
    const isCurrent = () => runs.get(tabId) === run;
    tabs.update(tabId, { analyzing: true });
    push(tabId);
    try {
      const result = await engine.analyze(conversation, (early) => {
        if (!isCurrent()) return;
        // Moods first, evidence later: the panel and badge show the mood now and stay marked as analysing.
        tabs.setAnalysis(tabId, early, null);
        tabs.update(tabId, { analyzing: true });
        push(tabId);
        void showMood(tabId);
      });
      if (!isCurrent()) return;
      tabs.setAnalysis(tabId, result, null);
    } catch (error) {
      if (!isCurrent()) return;
      tabs.setAnalysis(tabId, null, serializeError(error));
    }
    push(tabId);
    await showMood(tabId);
  }

  return {
    analyze,
    forget(tabId) {
      runs.delete(tabId);
    },
    warmUp: () => engine.warmUp(),
  };
}
