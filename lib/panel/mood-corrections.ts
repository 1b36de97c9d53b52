/**
 * "Mood wrong?" (issue 18): the agent's corrections of the customer's state, for single messages and for the
 * conversation's headline. Each correction is kept with the text it was about, so it applies only while that text is
 * unchanged (a new message re-analysed keeps the others) and can be exported as `state<TAB>text` lines — the format
 * `npm run eval -- --task state` reads — the first half of the team's feedback loop.
 */
import type { ConversationMood, CustomerState, Language } from '../analysis/types';
import { applyMoodCorrection, type MoodCorrection } from '../analysis/verdict';
import { conversationKey, getDb, type MoodCorrectionRecord } from '../db';
import type { Conversation, ConversationMessage } from '../sites/types';

/**
 * The target a headline correction is stored under, in place of a message id. No adapter makes such an id: they use
 * the site's own ids (digits, letters, `-`, `_`, `:`) or hashes.
 */
export const conversationMoodTarget = '@conversation';

/** One correction as the background keeps it for a tab: the agent's state and the text it was about. */
export interface StoredMoodCorrection {
  state: CustomerState;
  text: string;
}

/** A conversation's corrections by target (a message id, or `conversationMoodTarget`). */
export type MoodCorrections = Readonly<Record<string, StoredMoodCorrection>>;

/** Runs of whitespace (line breaks, tabs) as one space, trimmed: one line of a TSV file, and how texts are compared. */
export function foldWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The customer's latest message the panel shows text for: what the headline is about. */
export function latestCustomerMessage(conversation: Pick<Conversation, 'messages'>): ConversationMessage | undefined {
  const customer = conversation.messages.filter((message) => message.role === 'customer');
  return customer.filter((message) => message.bodyLoaded && message.text.trim()).at(-1) ?? customer.at(-1);
}

/**
 * The text a correction of `target` is about: the message's text, or for the headline the latest customer message's.
 * Null when the conversation has no such message (nothing to correct).
 */
export function correctionText(conversation: Pick<Conversation, 'messages'>, target: string): string | null {
  const message =
    target === conversationMoodTarget
      ? latestCustomerMessage(conversation)
      : conversation.messages.find((item) => item.id === target);
  return message ? message.text : null;
}

/**
 * The corrections that still hold for the conversation as it reads now: a message's while its text is the one the agent
 * judged, the headline's while the latest customer message is the one it was made on (a new customer message is a new
 * situation, so the engine reads it again).
 */
export function resolveMoodCorrection(
  conversation: Pick<Conversation, 'messages'>,
  corrections: MoodCorrections | undefined,
): MoodCorrection | undefined {
  if (!corrections) return undefined;
  const messages: Record<string, CustomerState> = {};
  let headline: CustomerState | undefined;
  for (const [target, correction] of Object.entries(corrections)) {
    const text = correctionText(conversation, target);
    if (text === null || foldWhitespace(text) !== foldWhitespace(correction.text)) continue;
    if (target === conversationMoodTarget) headline = correction.state;
    else messages[target] = correction.state;
  }
  if (headline === undefined && Object.keys(messages).length === 0) return undefined;
  return headline === undefined ? { messages } : { conversation: headline, messages };
}

/** The engine's mood with the agent's corrections that still hold applied (badge, headline, escalation, replies). */
export function applyStoredMoodCorrections(
  mood: ConversationMood,
  conversation: Pick<Conversation, 'messages'>,
  corrections: MoodCorrections | undefined,
): ConversationMood {
  return applyMoodCorrection(
    mood,
    resolveMoodCorrection(conversation, corrections),
    conversation.messages.map((message) => message.id),
  );
}

/**
 * The targets "Reset" takes back: the message's own correction; for the headline also the latest customer message's,
 * since the headline follows that message's correction and would otherwise still show the agent's state.
 */
export function resetTargets(conversation: Pick<Conversation, 'messages'>, target: string): string[] {
  if (target !== conversationMoodTarget) return [target];
  const latest = latestCustomerMessage(conversation);
  return latest ? [conversationMoodTarget, latest.id] : [conversationMoodTarget];
}

function recordKey(key: string, target: string): string {
  return `${key}|${target}`;
}

/** The agent's stored corrections for one conversation (they stick across re-reads and visits). */
export async function loadMoodCorrections(conversation: Pick<Conversation, 'site' | 'id'>): Promise<MoodCorrections> {
  const rows = await getDb().moodCorrections.where('conversationKey').equals(conversationKey(conversation)).toArray();
  return Object.fromEntries(rows.map((row) => [row.target, { state: row.state, text: row.text }]));
}

/** Stores one correction with the text it was about, its language and when it was made. */
export async function saveMoodCorrection(
  conversation: Pick<Conversation, 'site' | 'id'>,
  target: string,
  correction: StoredMoodCorrection & { language: Language },
  at = Date.now(),
): Promise<void> {
  const key = conversationKey(conversation);
  await getDb().moodCorrections.put({
    key: recordKey(key, target),
    conversationKey: key,
    target,
    state: correction.state,
    text: correction.text,
    language: correction.language,
    site: conversation.site,
    at,
  });
}

/** Removes the corrections of the given targets of one conversation. */
export async function removeMoodCorrections(
  conversation: Pick<Conversation, 'site' | 'id'>,
  targets: readonly string[],
): Promise<void> {
  const key = conversationKey(conversation);
  await getDb().moodCorrections.bulkDelete(targets.map((target) => recordKey(key, target)));
}

/** Every stored correction, oldest first. */
export async function listMoodCorrections(): Promise<MoodCorrectionRecord[]> {
  const rows = await getDb().moodCorrections.toArray();
  return rows.sort((a, b) => a.at - b.at);
}

/** How many corrections are stored. */
export async function countMoodCorrections(): Promise<number> {
  return getDb().moodCorrections.count();
}

/** Deletes every stored correction; returns how many there were. */
export async function deleteAllMoodCorrections(): Promise<number> {
  const db = getDb();
  return db.transaction('rw', db.moodCorrections, async () => {
    const count = await db.moodCorrections.count();
    await db.moodCorrections.clear();
    return count;
  });
}

/**
 * The corrections as `npm run eval` reads them: one `state<TAB>text` line per correction, whitespace folded (a line
 * break or tab in the text would split the line), no header; corrections of empty texts are left out.
 */
export function formatMoodCorrectionsTsv(records: readonly Pick<MoodCorrectionRecord, 'state' | 'text'>[]): string {
  return records
    .map((record) => ({ state: record.state, text: foldWhitespace(record.text) }))
    .filter((record) => record.text.length > 0)
    .map((record) => `${record.state}\t${record.text}\n`)
    .join('');
}

/** `rapport-mood-corrections-<YYYY-MM-DD>.tsv`, the local date. */
export function moodCorrectionsFileName(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `rapport-mood-corrections-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.tsv`;
}

/** The export file of every stored correction; null when there is none to export (no empty file). */
export async function exportMoodCorrections(
  now = new Date(),
): Promise<{ fileName: string; text: string; lines: number } | null> {
  const text = formatMoodCorrectionsTsv(await listMoodCorrections());
  if (!text) return null;
  return { fileName: moodCorrectionsFileName(now), text, lines: text.split('\n').length - 1 };
}
