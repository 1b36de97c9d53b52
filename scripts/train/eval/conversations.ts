/**
 * `npm run eval -- --task conversations --data scripts/train/eval/support-conversations.json [--misses all]`
 *
 * Scores the panel's verdict on the authored support conversations (issue 18) against a careful team lead's labels:
 * the headline state (`mood.current.state`), the upset badge (`mood.current.upset`), the escalation advice
 * (`evaluateEscalation` with the default rules) and the urgency reasons (`mood.urgency.reasons`). It also lists every
 * reason that fired where it must not: a kind the lead forbade, or a phrase inside a name, a company name or an
 * address line. Misses are listed for the dev split only unless `--misses all` is given, so the test split stays
 * unread while the engine is tuned. It is a report: it always exits 0 once the set is read.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAnalyzer } from '../../../lib/analysis/analyzer';
import {
  type ConversationMood,
  type CustomerState,
  customerStates,
  type UrgencyReason,
  type UrgencyReasonKind,
} from '../../../lib/analysis/types';
import { defaultEscalationRules } from '../../../lib/escalation/default-rules';
import type { EscalationRules } from '../../../lib/escalation/rules';
import { evaluateEscalation } from '../../../lib/escalation/rules';
import { createBundledMoodModel } from '../../../lib/models/bundled-model';
import type { Conversation } from '../../../lib/sites/types';
import {
  type ConversationItem,
  type ConversationSet,
  readConversationSet,
  type SetLanguage,
  type SetSplit,
  setLanguages,
  setSplits,
  toConversation,
  urgencyReasonKinds,
} from './conversation-set';

const modelBase = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'public', 'models');

/** Why a fired reason is out of place. Only `forbidden` and `address/name` count against the target. */
export type MisplacedWhy = 'forbidden' | 'address/name' | 'quoted history' | 'agent message';

export interface MisplacedReason {
  kind: UrgencyReasonKind;
  phrase: string;
  why: MisplacedWhy[];
}

/** What the engine said about one item. */
export interface ConversationOutcome {
  item: ConversationItem;
  state: CustomerState;
  upset: boolean;
  escalate: boolean;
  escalationKinds: string[];
  reasonKinds: UrgencyReasonKind[];
  misplaced: MisplacedReason[];
}

interface Range {
  start: number;
  end: number;
}

function occurrences(text: string, needle: string): Range[] {
  const out: Range[] = [];
  if (!needle) return out;
  const hay = text.toLowerCase();
  const low = needle.toLowerCase();
  for (let at = hay.indexOf(low); at >= 0; at = hay.indexOf(low, at + 1)) out.push({ start: at, end: at + low.length });
  return out;
}

// Postcode + town (DE/AT/CH four or five digits, UK postcodes, US ZIP after a state) and street + number lines, for
// address lines the set did not list itself.
const addressLinePatterns: readonly RegExp[] = [
  /^\s*(?:D-|A-|CH-)?\d{4,5}\s+\p{Lu}\p{L}+/u,
  /\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b/,
  /\b[A-Z]{2}\s\d{5}\b/,
  /\p{L}+(?:straße|strasse|str\.|gasse|weg|allee|platz|ring|damm|ufer)\s+\d+/iu,
  /^\s*\d+\s+(?:\p{L}+\s)+(?:road|rd|street|st|lane|avenue|ave|court|place|way|close|drive)\b/iu,
];

function lineRanges(text: string, keep: (line: string) => boolean): Range[] {
  const out: Range[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    if (keep(line)) out.push({ start, end: start + line.length });
    start += line.length + 1;
  }
  return out;
}

/** Names, company names and address lines of one message: the lead's list, every author's name, address-like lines. */
function protectedRanges(text: string, item: ConversationItem): Range[] {
  const names = new Set<string>();
  for (const message of item.messages) {
    names.add(message.author);
    // A surname alone ("Mr Judge", "Frau Richter") is still a name.
    for (const token of message.author.split(/[\s,.|–-]+/)) if (token.length >= 4) names.add(token);
  }
  const spans = [...(item.protectedSpans ?? []), ...names];
  return [
    ...spans.flatMap((span) => occurrences(text, span)),
    ...lineRanges(text, (line) => addressLinePatterns.some((pattern) => pattern.test(line))),
  ];
}

/** Quoted history: "> " lines, and everything from an "Am … schrieb …:" / "On … wrote:" header on. */
function quotedRanges(text: string): Range[] {
  const header = /^(?:Am\s.+schrieb.*:|On\s.+wrote:)\s*$/m.exec(text);
  const fromHeader = header ? [{ start: header.index, end: text.length }] : [];
  return [...fromHeader, ...lineRanges(text, (line) => /^\s*>/.test(line))];
}

function overlaps(a: Range, ranges: readonly Range[]): boolean {
  return ranges.some((r) => a.start < r.end && r.start < a.end);
}

/** Where a reason's phrase lies: its offsets when the engine gave them, else the phrase's first occurrence. */
function locateReason(
  reason: UrgencyReason,
  conversation: Conversation,
): { messageIndex: number; range: Range } | undefined {
  const byId = conversation.messages.findIndex((message) => message.id === reason.messageId);
  if (byId >= 0 && reason.start !== undefined && reason.end !== undefined)
    return { messageIndex: byId, range: { start: reason.start, end: reason.end } };
  const candidates = byId >= 0 ? [byId] : conversation.messages.map((_, index) => index);
  for (const index of candidates) {
    const found = occurrences(conversation.messages[index]?.text ?? '', reason.phrase)[0];
    if (found) return { messageIndex: index, range: found };
  }
  return undefined;
}

function findMisplaced(
  item: ConversationItem,
  conversation: Conversation,
  reasons: UrgencyReason[],
): MisplacedReason[] {
  const out: MisplacedReason[] = [];
  const forbidden = new Set(item.expected.forbiddenKinds ?? []);
  for (const reason of reasons) {
    const why: MisplacedWhy[] = [];
    if (forbidden.has(reason.kind)) why.push('forbidden');
    const at = locateReason(reason, conversation);
    const message = at ? item.messages[at.messageIndex] : undefined;
    if (at && message) {
      if (overlaps(at.range, protectedRanges(message.text, item))) why.push('address/name');
      if (overlaps(at.range, quotedRanges(message.text))) why.push('quoted history');
      if (message.role === 'agent') why.push('agent message');
    }
    if (why.length) out.push({ kind: reason.kind, phrase: reason.phrase, why });
  }
  return out;
}

/** The dependencies of one run: the analyzer's `analyze` and the escalation rules. */
export interface ConversationEvalDeps {
  analyze: (conversation: Conversation) => Promise<ConversationMood>;
  rules: EscalationRules;
}

/** Runs every item through the analyzer and the escalation rules, in file order. */
export async function evaluateConversations(
  items: readonly ConversationItem[],
  deps: ConversationEvalDeps,
): Promise<ConversationOutcome[]> {
  const outcomes: ConversationOutcome[] = [];
  for (const item of items) {
    const conversation = toConversation(item);
    const mood = await deps.analyze(conversation);
    const advice = evaluateEscalation(conversation, mood, deps.rules);
    outcomes.push({
      item,
      state: mood.current.state,
      upset: mood.current.upset,
      escalate: advice.recommend,
      escalationKinds: [...new Set(advice.reasons.map((reason) => reason.kind))],
      reasonKinds: [...new Set(mood.urgency.reasons.map((reason) => reason.kind))],
      misplaced: findMisplaced(item, conversation, mood.urgency.reasons),
    });
  }
  return outcomes;
}

/** The figures of one group of outcomes (a split, a language). */
export interface ConversationScores {
  total: number;
  state: number;
  stateLenient: number;
  upset: number;
  escalate: number;
  urgencyExpected: number;
  urgencyFound: number;
  /** Reasons that must not have fired: a forbidden kind, or a phrase inside a name or an address. */
  misplaced: number;
}

function isStateRight(outcome: ConversationOutcome, lenient: boolean): boolean {
  const { expected, alsoAcceptable } = outcome.item;
  return outcome.state === expected.state || (lenient && (alsoAcceptable ?? []).includes(outcome.state));
}

function missedKinds(outcome: ConversationOutcome): UrgencyReasonKind[] {
  return outcome.item.expected.urgencyKinds.filter((kind) => !outcome.reasonKinds.includes(kind));
}

function countsAgainstTarget(reason: MisplacedReason): boolean {
  return reason.why.includes('forbidden') || reason.why.includes('address/name');
}

/** Agreement counts, urgency recall and misplaced reasons over `outcomes`. */
export function scoreConversations(outcomes: readonly ConversationOutcome[]): ConversationScores {
  const scores: ConversationScores = {
    total: outcomes.length,
    state: 0,
    stateLenient: 0,
    upset: 0,
    escalate: 0,
    urgencyExpected: 0,
    urgencyFound: 0,
    misplaced: 0,
  };
  for (const outcome of outcomes) {
    const { expected } = outcome.item;
    if (isStateRight(outcome, false)) scores.state++;
    if (isStateRight(outcome, true)) scores.stateLenient++;
    if (outcome.upset === expected.upset) scores.upset++;
    if (outcome.escalate === expected.escalate) scores.escalate++;
    scores.urgencyExpected += expected.urgencyKinds.length;
    scores.urgencyFound += expected.urgencyKinds.length - missedKinds(outcome).length;
    scores.misplaced += outcome.misplaced.filter(countsAgainstTarget).length;
  }
  return scores;
}

function ratio(n: number, of: number): string {
  return `${n}/${of}`;
}

function recall(scores: ConversationScores): string {
  if (!scores.urgencyExpected) return 'n/a';
  return `${(scores.urgencyFound / scores.urgencyExpected).toFixed(2)} (${ratio(scores.urgencyFound, scores.urgencyExpected)})`;
}

function table(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, cell.length);
  return rows.map((row) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

function confusion(outcomes: readonly ConversationOutcome[]): string[] {
  const header = ['expected \\ got', ...customerStates.map((state) => state.slice(0, 5))];
  const rows = customerStates
    .map((expected) => {
      const mine = outcomes.filter((outcome) => outcome.item.expected.state === expected);
      if (!mine.length) return undefined;
      return [expected, ...customerStates.map((got) => String(mine.filter((o) => o.state === got).length))];
    })
    .filter((row): row is string[] => row !== undefined);
  return table([header, ...rows]);
}

function latestCustomerText(item: ConversationItem): string {
  const latest = [...item.messages].reverse().find((message) => message.role === 'customer');
  return (latest?.text ?? '').replace(/\s+/g, ' ').trim().slice(0, 80);
}

function missLine(outcome: ConversationOutcome): string | undefined {
  const { item } = outcome;
  const { expected } = item;
  const parts: string[] = [];
  if (!isStateRight(outcome, false)) {
    const lenient = isStateRight(outcome, true) ? ' (acceptable)' : '';
    parts.push(`state ${expected.state}→${outcome.state}${lenient}`);
  }
  if (outcome.upset !== expected.upset) parts.push(`upset ${expected.upset}→${outcome.upset}`);
  if (outcome.escalate !== expected.escalate)
    parts.push(`escalate ${expected.escalate}→${outcome.escalate}[${outcome.escalationKinds.join(',')}]`);
  const missed = missedKinds(outcome);
  if (missed.length) parts.push(`missed ${missed.join(',')} (got ${outcome.reasonKinds.join(',') || 'none'})`);
  if (!parts.length) return undefined;
  return `  ${item.id} [${item.language}]: ${parts.join('; ')} | "${latestCustomerText(item)}"`;
}

/** Options of the printed report. */
export interface ReportOptions {
  /** List the misses of the test split too (normally only dev misses are shown). */
  showTestMisses: boolean;
}

/** The printed report: figures per split and language, per-kind recall, confusion tables, misses, misplaced reasons. */
export function formatConversationReport(outcomes: readonly ConversationOutcome[], options: ReportOptions): string[] {
  const lines: string[] = [];
  const groups: { name: string; of: (o: ConversationOutcome) => boolean }[] = [
    ...setSplits.map((split) => ({ name: split, of: (o: ConversationOutcome) => o.item.split === split })),
    { name: 'all', of: () => true },
  ];
  const scored = groups.map((group) => scoreConversations(outcomes.filter(group.of)));
  const byLanguage = (language: SetLanguage, field: 'state' | 'upset' | 'escalate'): string[] =>
    groups.map((group) => {
      const s = scoreConversations(outcomes.filter((o) => group.of(o) && o.item.language === language));
      return s.total ? ratio(s[field], s.total) : '-';
    });
  const rows: string[][] = [
    ['', ...groups.map((group) => group.name)],
    ["state (team lead's)", ...scored.map((s) => ratio(s.state, s.total))],
    ...setLanguages.map((language) => [`  ${language}`, ...byLanguage(language, 'state')]),
    ['state, lenient', ...scored.map((s) => ratio(s.stateLenient, s.total))],
    ['upset badge right', ...scored.map((s) => ratio(s.upset, s.total))],
    ...setLanguages.map((language) => [`  ${language}`, ...byLanguage(language, 'upset')]),
    ['escalation right', ...scored.map((s) => ratio(s.escalate, s.total))],
    ...setLanguages.map((language) => [`  ${language}`, ...byLanguage(language, 'escalate')]),
    ['urgency-reason recall', ...scored.map(recall)],
    ['forbidden or in address/name', ...scored.map((s) => String(s.misplaced))],
  ];
  lines.push(...table(rows), '');

  lines.push('urgency recall per kind (all splits; "extra" = fired, not expected):');
  const kindRows: string[][] = [['kind', 'found', 'extra']];
  for (const kind of urgencyReasonKinds) {
    const expecting = outcomes.filter((o) => o.item.expected.urgencyKinds.includes(kind));
    const found = expecting.filter((o) => o.reasonKinds.includes(kind)).length;
    const extra = outcomes.filter(
      (o) => o.reasonKinds.includes(kind) && !o.item.expected.urgencyKinds.includes(kind),
    ).length;
    kindRows.push([`  ${kind}`, ratio(found, expecting.length), String(extra)]);
  }
  lines.push(...table(kindRows), '');

  for (const split of setSplits) {
    lines.push(`state confusion, ${split} (rows: the lead's state; columns: the engine's):`);
    lines.push(...confusion(outcomes.filter((o) => o.item.split === split)).map((line) => `  ${line}`), '');
  }

  const listed: readonly SetSplit[] = options.showTestMisses ? setSplits : ['dev'];
  for (const split of setSplits) {
    const mine = outcomes.filter((o) => o.item.split === split);
    if (!listed.includes(split)) {
      const misses = mine.filter((o) => missLine(o) !== undefined).length;
      const misplaced = mine.reduce((n, o) => n + o.misplaced.length, 0);
      lines.push(
        `${split}: ${misses} conversations with a miss, ${misplaced} out-of-place reasons (not listed: --misses all)`,
      );
      continue;
    }
    lines.push(`misses, ${split} (expected→got | the latest customer message):`);
    const missLines = mine.map(missLine).filter((line): line is string => line !== undefined);
    lines.push(...(missLines.length ? missLines : ['  none']));
    lines.push(`reasons out of place, ${split} (forbidden / address or name count against the target):`);
    const misplacedLines = mine.flatMap((o) =>
      o.misplaced.map((m) => `  ${o.item.id}: ${m.kind} "${m.phrase}" (${m.why.join(', ')})`),
    );
    lines.push(...(misplacedLines.length ? misplacedLines : ['  none']), '');
  }
  return lines;
}

/** Item counts of the set, for the report's first line. */
function describeSet(set: ConversationSet): string {
  const count = (of: (item: ConversationItem) => boolean) => set.conversations.filter(of).length;
  const splits = setSplits.map((split) => `${split} ${count((item) => item.split === split)}`).join(', ');
  const languages = setLanguages.map((language) => `${language} ${count((item) => item.language === language)}`);
  return `${set.conversations.length} conversations (${splits}; ${languages.join(', ')})`;
}

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: npm run eval -- --task conversations --data FILE.json [--misses all]\n`);
  process.exit(2);
}

/** The CLI behind `npm run eval -- --task conversations`: `argv` is everything after `npm run eval --`. */
export async function runConversationEval(argv: readonly string[]): Promise<void> {
  let data: string | undefined;
  let showTestMisses = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = argv[i + 1];
    if (arg === '--task' && next === 'conversations') i++;
    else if (arg === '--data' && next) {
      data = next;
      i++;
    } else if (arg === '--misses' && (next === 'all' || next === 'dev')) {
      showTestMisses = next === 'all';
      i++;
    } else usage(`Unexpected argument "${arg}".`);
  }
  if (!data) usage('--data FILE.json is required.');
  let set: ConversationSet;
  try {
    set = readConversationSet(data);
  } catch (error) {
    usage(`Cannot read ${data}: ${error instanceof Error ? error.message : String(error)}`);
  }

  const rules = defaultEscalationRules;
  const model = createBundledMoodModel({ modelBase });
  const analyzer = createAnalyzer(model);
  const started = performance.now();
  const outcomes = await evaluateConversations(set.conversations, {
    analyze: (conversation) => analyzer.analyze(conversation),
    rules,
  });
  const seconds = (performance.now() - started) / 1000;
  await model.dispose();

  process.stdout.write(
    `analysis layer on the bundled model, task conversations, ${describeSet(set)} from ${data} (${seconds.toFixed(1)} s)\n`,
  );
  process.stdout.write('escalation: evaluateEscalation with the default rules of lib/settings.ts\n\n');
  for (const line of formatConversationReport(outcomes, { showTestMisses })) process.stdout.write(`${line}\n`);
}
