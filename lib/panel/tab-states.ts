import type { ConversationMood, CustomerState } from '../analysis/types';
import type { SerializedError } from '../errors';
import type { BadgeMood, PageReport, TabState } from '../messaging';
import type { AnalysisResult } from '../models/analysis-protocol';
import { checkReading } from '../sites/health';
import type { Role } from '../sites/types';
import { applyStoredMoodCorrections, type MoodCorrections, type StoredMoodCorrection } from './mood-corrections';

/** A tab nothing has been reported for yet. */
export function emptyTabState(tabId: number): TabState {
  return {
    tabId,
    report: null,
    mood: null,
    moodError: null,
    intents: [],
    model: null,
    replyDraft: null,
    roleCorrections: {},
    health: null,
    stale: false,
    analyzing: false,
  };
}

/** The background's memory of each tab: what its page reported, the mood, and who is watching. */
export class TabStates {
  private readonly states = new Map<number, TabState>();
  /** The engine's mood of each tab before the agent's corrections, so a correction can be taken back. */
  private readonly engineMoods = new Map<number, ConversationMood>();
  /** The agent's "Mood wrong?" corrections for each tab's conversation, by target (mood-corrections.ts). */
  private readonly moodCorrections = new Map<number, MoodCorrections>();

  get(tabId: number): TabState {
    let state = this.states.get(tabId);
    if (!state) {
      state = emptyTabState(tabId);
      this.states.set(tabId, state);
    }
    return state;
  }

  /** Records a page report; forgets the mood when the conversation changed identity. */
  setReport(tabId: number, report: PageReport): TabState {
    const previous = this.get(tabId);
    const sameConversation =
      previous.report?.conversation && report.conversation
        ? previous.report.conversation.site === report.conversation.site &&
          previous.report.conversation.id === report.conversation.id
        : false;
    const next: TabState = {
      ...previous,
      stale: false,
      report: applyCorrections(report, previous.roleCorrections, sameConversation),
      mood: sameConversation ? previous.mood : null,
      intents: sameConversation ? previous.intents : [],
      replyDraft: sameConversation ? previous.replyDraft : null,
      moodError: null,
      roleCorrections: sameConversation ? previous.roleCorrections : {},
    };
    if (!sameConversation) this.forgetMoodCorrections(tabId);
    return this.store(tabId, next);
  }

  /** Applies stored corrections (loaded when a conversation is first seen in this tab). */
  setRoleCorrections(tabId: number, roleCorrections: Record<string, Role>): TabState {
    const state = this.get(tabId);
    const merged = { ...roleCorrections, ...state.roleCorrections };
    const report = state.report ? applyCorrections(state.report, merged, true) : null;
    return this.update(tabId, { roleCorrections: merged, report });
  }

  /**
   * The report to keep for a page that shows no conversation itself: a reply or compose page of the ticket read just
   * before in this tab carries that ticket's conversation over (the panel says so).
   */
  carryOver(tabId: number, report: PageReport): PageReport {
    const previous = this.get(tabId).report;
    const conversation = previous?.conversation;
    if (report.conversation || !report.enabled || !previous || !conversation) return report;
    // The same page failing to read is a reading problem to show, not a page to carry a conversation to.
    if (previous.url === report.url || !isSameRecord(previous.url, report.url)) return report;
    return { ...report, conversation, error: null, carriedFrom: previous.carriedFrom ?? previous.url };
  }

  update(tabId: number, patch: Partial<Omit<TabState, 'tabId' | 'health'>>): TabState {
    return this.store(tabId, { ...this.get(tabId), ...patch });
  }

  /** Keeps a state, with the reading's health checked again whenever the report (or a correction) changed it. */
  private store(tabId: number, next: TabState): TabState {
    const previous = this.states.get(tabId);
    const health =
      previous && previous.report === next.report
        ? previous.health
        : next.report?.conversation
          ? checkReading(next.report.conversation)
          : null;
    const stored = { ...next, health };
    this.states.set(tabId, stored);
    return stored;
  }

  setAnalysis(tabId: number, result: AnalysisResult | null, error: SerializedError | null): TabState {
    if (!result) return this.update(tabId, { moodError: error, analyzing: false });
    this.engineMoods.set(tabId, result.mood);
    return this.update(tabId, {
      mood: this.withMoodCorrections(tabId, result.mood),
      intents: result.intents,
      model: result.model,
      moodError: null,
      analyzing: false,
    });
  }

  correctRole(tabId: number, messageId: string, role: Role): TabState {
    const state = this.get(tabId);
    const roleCorrections = { ...state.roleCorrections, [messageId]: role };
    const report = state.report ? applyCorrections(state.report, roleCorrections, true) : null;
    return this.update(tabId, { roleCorrections, report });
  }

  /** Applies stored mood corrections (loaded when a conversation is first seen in this tab). */
  setMoodCorrections(tabId: number, corrections: MoodCorrections): TabState {
    this.moodCorrections.set(tabId, { ...corrections, ...this.moodCorrections.get(tabId) });
    return this.reapplyMoodCorrections(tabId);
  }

  /** "Mood wrong?": the agent's state for a message or the headline (`target`); everything reading the mood follows. */
  correctMood(tabId: number, target: string, correction: StoredMoodCorrection): TabState {
    this.moodCorrections.set(tabId, { ...this.moodCorrections.get(tabId), [target]: correction });
    return this.reapplyMoodCorrections(tabId);
  }

  /** Takes corrections back: the engine's reading again. */
  resetMood(tabId: number, targets: readonly string[]): TabState {
    const kept = Object.entries(this.moodCorrections.get(tabId) ?? {}).filter(([target]) => !targets.includes(target));
    this.moodCorrections.set(tabId, Object.fromEntries(kept));
    return this.reapplyMoodCorrections(tabId);
  }

  /** Forgets every tab's mood corrections (all were deleted); returns the tabs whose mood changed. */
  clearMoodCorrections(): number[] {
    const tabIds = [...this.moodCorrections.keys()];
    this.moodCorrections.clear();
    for (const tabId of tabIds) this.reapplyMoodCorrections(tabId);
    return tabIds;
  }

  private withMoodCorrections(tabId: number, mood: ConversationMood): ConversationMood {
    const conversation = this.get(tabId).report?.conversation;
    return conversation ? applyStoredMoodCorrections(mood, conversation, this.moodCorrections.get(tabId)) : mood;
  }

  private reapplyMoodCorrections(tabId: number): TabState {
    const engine = this.engineMoods.get(tabId);
    return engine ? this.update(tabId, { mood: this.withMoodCorrections(tabId, engine) }) : this.get(tabId);
  }

  private forgetMoodCorrections(tabId: number): void {
    this.engineMoods.delete(tabId);
    this.moodCorrections.delete(tabId);
  }

  delete(tabId: number): void {
    this.states.delete(tabId);
    this.forgetMoodCorrections(tabId);
  }
}

/** The numbers in a page address (path segments, query values, hash route parts) that name one record. */
function recordNumbers(address: string): Set<string> {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    // Not an address (an extension page's report): it names no record.
    return new Set();
  }
  const parts = [...url.pathname.split('/'), ...url.searchParams.values(), ...url.hash.split(/[/#=&?]/)];
  return new Set(parts.filter((part) => /^\d+$/.test(part)));
}

/**
 * Whether two addresses are pages of the same ticket or message: same origin, and a record number in common
 * (`Display.html?id=12` and `Update.html?id=12`, `_uid=5` and `_reply_uid=5`).
 */
export function isSameRecord(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    if (new URL(a).origin !== new URL(b).origin) return false;
  } catch {
    // Either is not an address: not the same record.
    return false;
  }
  const numbers = recordNumbers(a);
  return [...recordNumbers(b)].some((n) => numbers.has(n));
}

/** Applies the agent's role corrections to a report's messages (a correction sticks for that conversation). */
export function applyCorrections(report: PageReport, corrections: Record<string, Role>, keep: boolean): PageReport {
  if (!keep || !report.conversation) return report;
  const messages = report.conversation.messages.map((message) => {
    const role = corrections[message.id];
    return role ? { ...message, role, roleSource: 'agent-corrected' as const } : message;
  });
  return { ...report, conversation: { ...report.conversation, messages } };
}

/** The badge's colour group of each state: "upset" (orange) is frustrated or sad, never merely confused. */
const badgeLabels: Readonly<Record<CustomerState, BadgeMood['label']>> = {
  angry: 'angry',
  anxious: 'anxious',
  frustrated: 'upset',
  sad: 'upset',
  calm: 'neutral',
  confused: 'neutral',
  grateful: 'positive',
  happy: 'positive',
};

/** The compact mood the in-page badge shows; a reading that looks wrong claims no mood. */
export function toBadgeMood(mood: ConversationMood | null, health: TabState['health'] = null): BadgeMood | null {
  if (!mood) return null;
  if (health && !health.ok) return { label: 'doubtful', text: 'doubtful', confidence: 0, urgent: false };
  // One verdict: the badge names the same state as the panel's headline; only its colour groups the states.
  const { state } = mood.current;
  const urgent = mood.urgency.level === 'high' || mood.urgency.level === 'critical';
  return { label: badgeLabels[state], state, text: state, confidence: mood.confidence, urgent };
}
