// @vitest-environment node
import Dexie from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ConversationMood } from '../../../lib/analysis/types';
import { getDb, RapportDb } from '../../../lib/db';
import type { PageReport } from '../../../lib/messaging';
import type { AnalysisResult } from '../../../lib/models/analysis-protocol';
import {
  conversationMoodTarget,
  correctionText,
  countMoodCorrections,
  deleteAllMoodCorrections,
  exportMoodCorrections,
  formatMoodCorrectionsTsv,
  listMoodCorrections,
  loadMoodCorrections,
  moodCorrectionsFileName,
  removeMoodCorrections,
  resetTargets,
  resolveMoodCorrection,
  saveMoodCorrection,
} from '../../../lib/panel/mood-corrections';
import { TabStates, toBadgeMood } from '../../../lib/panel/tab-states';
import type { Conversation } from '../../../lib/sites/types';
import { parseTsv } from '../../../scripts/train/data';
import { angryGermanConversation, conversationMood, message } from '../escalation/fixtures';

function reportOf(conversation: Conversation): PageReport {
  return {
    url: conversation.url,
    siteLabel: 'support.example.com',
    siteKey: 'https://support.example.com',
    enabled: true,
    conversation,
    error: null,
  };
}

function resultOf(mood: ConversationMood): AnalysisResult {
  return { mood, intents: [], model: { id: 'rapport-mood', backend: 'wasm' } };
}

/** A tab showing the demo's angry German conversation, analysed (headline: angry, by the engine). */
function analysedTab() {
  const { conversation, mood } = angryGermanConversation();
  const tabs = new TabStates();
  tabs.setReport(1, reportOf(conversation));
  tabs.setAnalysis(1, resultOf(mood), null);
  return { tabs, conversation, mood };
}

describe('which corrections hold for the conversation as it reads now', () => {
  const { conversation } = angryGermanConversation();
  const c2 = conversation.messages[2]?.text ?? '';
  const c3 = conversation.messages[4]?.text ?? '';

  it('finds the text a correction is about: the message’s, or for the headline the latest customer message’s', () => {
    expect(correctionText(conversation, 'c2')).toBe(c2);
    expect(correctionText(conversation, conversationMoodTarget)).toBe(c3);
    expect(correctionText(conversation, 'gone')).toBeNull();
  });

  it('keeps a correction while its text is unchanged, whitespace aside', () => {
    const refolded = c2.replace(/ /g, '\n  ');
    expect(resolveMoodCorrection(conversation, { c2: { state: 'anxious', text: refolded } })).toEqual({
      messages: { c2: 'anxious' },
    });
  });

  it('drops a correction whose message text changed or went away', () => {
    expect(resolveMoodCorrection(conversation, { c2: { state: 'anxious', text: 'something else' } })).toBeUndefined();
    expect(resolveMoodCorrection(conversation, { gone: { state: 'anxious', text: 'x' } })).toBeUndefined();
  });

  it('holds the headline correction only while the latest customer message is the one it was made on', () => {
    expect(
      resolveMoodCorrection(conversation, { [conversationMoodTarget]: { state: 'frustrated', text: c3 } }),
    ).toEqual({ conversation: 'frustrated', messages: {} });
    expect(
      resolveMoodCorrection(conversation, { [conversationMoodTarget]: { state: 'frustrated', text: c2 } }),
    ).toBeUndefined();
  });

  it('resets the headline together with the latest customer message’s correction, which it would follow', () => {
    expect(resetTargets(conversation, conversationMoodTarget)).toEqual([conversationMoodTarget, 'c3']);
    expect(resetTargets(conversation, 'c1')).toEqual(['c1']);
  });
});

describe('"Mood wrong?" in the background’s tab states', () => {
  it('shows the agent’s state in the headline and the badge at once, and takes it back', () => {
    const { tabs, conversation } = analysedTab();
    expect(tabs.get(1).mood?.current).toMatchObject({ state: 'angry', stateSource: 'engine' });

    const corrected = tabs.correctMood(1, conversationMoodTarget, {
      state: 'anxious',
      text: correctionText(conversation, conversationMoodTarget) ?? '',
    });
    expect(corrected.mood?.current).toMatchObject({ state: 'anxious', stateSource: 'agent', upset: true });
    expect(toBadgeMood(corrected.mood)).toMatchObject({ label: 'anxious', state: 'anxious' });

    const calm = tabs.correctMood(1, conversationMoodTarget, {
      state: 'calm',
      text: conversation.messages[4]?.text ?? '',
    });
    expect(calm.mood?.current).toMatchObject({ state: 'calm', upset: false });
    expect(toBadgeMood(calm.mood)?.label).toBe('neutral');

    const reset = tabs.resetMood(1, resetTargets(conversation, conversationMoodTarget));
    expect(reset.mood?.current).toMatchObject({ state: 'angry', stateSource: 'engine' });
  });

  it('corrects one message; the headline follows when it is the latest customer message', () => {
    const { tabs, conversation } = analysedTab();
    const earlier = tabs.correctMood(1, 'c1', { state: 'confused', text: conversation.messages[0]?.text ?? '' });
    expect(earlier.mood?.messages.c1).toMatchObject({ state: 'confused', stateSource: 'agent' });
    expect(earlier.mood?.current.stateSource).toBe('engine');

    const latest = tabs.correctMood(1, 'c3', { state: 'frustrated', text: conversation.messages[4]?.text ?? '' });
    expect(latest.mood?.current).toMatchObject({ state: 'frustrated', stateSource: 'agent' });
    // Taking the headline back also takes back the latest message's correction it followed; c1's stays.
    const reset = tabs.resetMood(1, resetTargets(conversation, conversationMoodTarget));
    expect(reset.mood?.current.stateSource).toBe('engine');
    expect(reset.mood?.messages.c3?.stateSource).toBe('engine');
    expect(reset.mood?.messages.c1?.state).toBe('confused');
  });

  it('keeps the corrections of unchanged messages when a new message is analysed; the headline’s lapses', () => {
    const { tabs, conversation } = analysedTab();
    tabs.correctMood(1, 'c2', { state: 'anxious', text: conversation.messages[2]?.text ?? '' });
    tabs.correctMood(1, conversationMoodTarget, { state: 'sad', text: conversation.messages[4]?.text ?? '' });

    const next: Conversation = {
      ...conversation,
      messages: [...conversation.messages, message('c4', 'customer', 'Ok, dann warte ich eben.')],
    };
    tabs.setReport(1, reportOf(next));
    const mood = conversationMood(next, {
      c1: { score: -0.2 },
      c2: { score: -0.5, frustrated: 0.6 },
      c3: { score: -0.9, angry: 0.85 },
      c4: { score: 0 },
    });
    const state = tabs.setAnalysis(1, resultOf(mood), null);
    expect(state.mood?.messages.c2).toMatchObject({ state: 'anxious', stateSource: 'agent' });
    expect(state.mood?.current).toMatchObject({ state: 'calm', stateSource: 'engine' });
  });

  it('drops a message’s correction once its text changed (an edited message is read again)', () => {
    const { tabs, conversation } = analysedTab();
    tabs.correctMood(1, 'c2', { state: 'anxious', text: conversation.messages[2]?.text ?? '' });
    const edited: Conversation = {
      ...conversation,
      messages: conversation.messages.map((m) => (m.id === 'c2' ? { ...m, text: 'Ganz anderer Text.' } : m)),
    };
    tabs.setReport(1, reportOf(edited));
    const state = tabs.setAnalysis(1, resultOf(conversationMood(edited, { c2: { score: -0.5 } })), null);
    expect(state.mood?.messages.c2?.stateSource).toBe('engine');
  });

  it('applies corrections loaded from storage to the mood, even when they arrive after it', () => {
    const { tabs, conversation } = analysedTab();
    const state = tabs.setMoodCorrections(1, {
      [conversationMoodTarget]: { state: 'grateful', text: conversation.messages[4]?.text ?? '' },
    });
    expect(state.mood?.current).toMatchObject({ state: 'grateful', stateSource: 'agent' });
  });

  it('forgets the corrections with the conversation, and when all are deleted', () => {
    const { tabs, conversation } = analysedTab();
    tabs.correctMood(1, conversationMoodTarget, { state: 'calm', text: conversation.messages[4]?.text ?? '' });
    expect(tabs.clearMoodCorrections()).toEqual([1]);
    expect(tabs.get(1).mood?.current.stateSource).toBe('engine');

    tabs.correctMood(1, conversationMoodTarget, { state: 'calm', text: conversation.messages[4]?.text ?? '' });
    const other = angryGermanConversation('angry-2');
    tabs.setReport(1, reportOf(other.conversation));
    const state = tabs.setAnalysis(1, resultOf(other.mood), null);
    expect(state.mood?.current.stateSource).toBe('engine');
  });
});

describe('stored with the conversation', () => {
  beforeEach(async () => {
    await getDb().moodCorrections.clear();
  });

  it('stores a correction with its text, language, site and time, and loads it per conversation', async () => {
    const { conversation } = angryGermanConversation();
    await saveMoodCorrection(conversation, 'c2', { state: 'anxious', text: 'Text c2', language: 'de' }, 1000);
    await saveMoodCorrection(conversation, conversationMoodTarget, { state: 'sad', text: 'Text c3', language: 'de' });
    await saveMoodCorrection(angryGermanConversation('other').conversation, 'c2', {
      state: 'happy',
      text: 'x',
      language: 'en',
    });
    expect(await loadMoodCorrections(conversation)).toEqual({
      c2: { state: 'anxious', text: 'Text c2' },
      [conversationMoodTarget]: { state: 'sad', text: 'Text c3' },
    });
    const [first] = await listMoodCorrections();
    expect(first).toMatchObject({
      conversationKey: 'generic:angry-1',
      target: 'c2',
      state: 'anxious',
      text: 'Text c2',
      language: 'de',
      site: 'generic',
      at: 1000,
    });

    // A second correction of the same message replaces the first.
    await saveMoodCorrection(conversation, 'c2', { state: 'frustrated', text: 'Text c2', language: 'de' });
    expect((await loadMoodCorrections(conversation)).c2?.state).toBe('frustrated');
    expect(await countMoodCorrections()).toBe(3);

    await removeMoodCorrections(conversation, [conversationMoodTarget, 'c2']);
    expect(await loadMoodCorrections(conversation)).toEqual({});
    expect(await deleteAllMoodCorrections()).toBe(1);
    expect(await countMoodCorrections()).toBe(0);
  });

  it('opens a version-1 database and keeps its data (version 2 only adds the corrections table)', async () => {
    const name = `rapport-v1-${Math.random()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({
      templates: 'id, owner, language, *intents, updatedAt',
      packs: 'url',
      escalations: '++id, conversationKey, at',
      roleCorrections: 'key, conversationKey',
      pickedAreas: 'origin',
    });
    await v1.table('roleCorrections').put({ key: 'generic:1|m1', conversationKey: 'generic:1', role: 'agent' });
    v1.close();

    const db = new RapportDb(name);
    expect(await db.roleCorrections.get('generic:1|m1')).toMatchObject({ role: 'agent' });
    await db.moodCorrections.put({
      key: 'generic:1|m1',
      conversationKey: 'generic:1',
      target: 'm1',
      state: 'calm',
      text: 'Hallo',
      language: 'de',
      site: 'generic',
      at: 1,
    });
    expect(await db.moodCorrections.count()).toBe(1);
    db.close();
  });
});

describe('the export file', () => {
  beforeEach(async () => {
    await getDb().moodCorrections.clear();
  });

  it('writes state<TAB>text lines with whitespace folded, no header, and leaves empty texts out', () => {
    const tsv = formatMoodCorrectionsTsv([
      { state: 'anxious', text: '  Wird das Paket\n\nbis Samstag\tankommen?  ' },
      { state: 'calm', text: ' \n ' },
      { state: 'frustrated', text: 'Third time I write.' },
    ]);
    expect(tsv).toBe('anxious\tWird das Paket bis Samstag ankommen?\nfrustrated\tThird time I write.\n');
    // Exactly what `npm run eval` reads.
    expect(parseTsv(tsv, 'export.tsv')).toEqual([
      { labels: ['anxious'], text: 'Wird das Paket bis Samstag ankommen?' },
      { labels: ['frustrated'], text: 'Third time I write.' },
    ]);
  });

  it('names the file by the date', () => {
    expect(moodCorrectionsFileName(new Date(2026, 11, 4, 23, 50))).toBe('rapport-mood-corrections-2026-12-04.tsv');
  });

  it('gives no file when there is nothing to export, and every stored correction, oldest first, otherwise', async () => {
    expect(await exportMoodCorrections()).toBeNull();
    const { conversation } = angryGermanConversation();
    await saveMoodCorrection(conversation, 'c3', { state: 'angry', text: 'Unverschämt!', language: 'de' }, 2000);
    await saveMoodCorrection(conversation, 'c1', { state: 'calm', text: 'Wo bleibt\nsie?', language: 'de' }, 1000);
    const file = await exportMoodCorrections(new Date(2026, 0, 2));
    expect(file).toEqual({
      fileName: 'rapport-mood-corrections-2026-01-02.tsv',
      text: 'calm\tWo bleibt sie?\nangry\tUnverschämt!\n',
      lines: 2,
    });
  });
});
