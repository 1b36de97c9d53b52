/**
 * `npm run eval -- --task summary --data scripts/train/eval/support-conversations.json [--misses all]`: the panel's
 * extractive "In short" summary (issue 22) on the authored support conversations, which were written before the
 * summary existed and keep their quoted history, greetings and signatures.
 *
 * The set has no summary labels, so each line is checked against what a summary line must never be, with checks
 * written apart from the summary's own rules (not its quote or greeting patterns):
 * - traceable: the line is `message.text.slice(start, end)` of the message it names;
 * - not quoted history: the sentence does not occur in an earlier message of the other side, and its line in the
 *   message does not start with `>` or follow an "On … wrote:" / "Am … schrieb …:" header or a forwarded-message marker;
 * - not boilerplate: not a greeting, sign-off, thanks-only line, signature line (name, address, phone), and has at
 *   least three words;
 * - by the right party: `request` lines are the customer's.
 * Coverage: a request (or, when the customer asks for nothing, a `said`) line in every conversation with a customer
 * message, and a line from the customer's latest message when the customer wrote last.
 * Prints one line per flagged summary (dev only unless `--misses all`) and the counts per split. Always exits 0.
 */
import { type ConversationSummary, summarizeConversation } from '../../../lib/analysis/conversation-summary';
import type { Conversation, ConversationMessage } from '../../../lib/sites/types';
import { type ConversationItem, readConversationSet, toConversation } from './conversation-set';

const quoteHeader =
  /^(?:On .{4,120} wrote:|Am .{4,120} schrieb .{1,120}:|-{2,} ?(?:Original Message|Ursprüngliche Nachricht|Forwarded message|Weitergeleitete Nachricht) ?-{2,}|(?:From|Von): .+)$/im;
const boilerplate =
  /^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|hallo|hi zusammen|moin|servus|guten (?:tag|morgen|abend)|sehr geehrte|liebe[rs]?|(?:best|kind|warm) regards|regards|cheers|thanks?(?: you)?(?: so much| in advance)?[.!]*$|many thanks[.!]*$|vielen dank[.!]*$|danke[.!]*$|(?:viele|beste|liebe|freundliche) grüße|mit freundlichen grüßen|mfg|lg|vg|sincerely)\b/i;
const signatureLine =
  /^(?:(?:tel|phone|fon|mobil|mobile|fax)\b|\+?\d[\d /-]{6,}$|\w[\w .-]*(?:straße|strasse|str\.|gasse|weg|platz|street|road|avenue)\s*\d)/i;

interface Flag {
  item: ConversationItem;
  problems: string[];
  lines: string[];
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The text before `offset` in `text`, from the start of its line. */
function lineOf(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end === -1 ? undefined : end);
}

/** Whether the line is quoted history. A sentence repeated by the same side (an agent's standard sentence) is not. */
function isQuoted(message: ConversationMessage, start: number, earlier: ConversationMessage[], text: string): boolean {
  if (lineOf(message.text, start).trimStart().startsWith('>')) return true;
  if (quoteHeader.test(message.text.slice(0, start))) return true;
  const needle = normalise(text);
  return (
    needle.length > 20 && earlier.some((other) => other.role !== message.role && normalise(other.text).includes(needle))
  );
}

/**
 * What is wrong with a summary of `conversation`, by the checks above: one entry per problem, `<kind>: <problem>` for a
 * line, or a coverage problem; empty when nothing is.
 */
export function summaryProblems(conversation: Conversation, summary: ConversationSummary): string[] {
  const problems: string[] = [];
  for (const line of summary.lines) {
    const index = conversation.messages.findIndex((message) => message.id === line.messageId);
    const message = conversation.messages[index];
    if (!message) {
      problems.push(`${line.kind}: names no message`);
      continue;
    }
    if (message.text.slice(line.start, line.end) !== line.text) problems.push(`${line.kind}: not traceable`);
    if (isQuoted(message, line.start, conversation.messages.slice(0, index), line.text))
      problems.push(`${line.kind}: quoted history`);
    const first = line.text.trimStart();
    if (boilerplate.test(first) || signatureLine.test(first) || first.split(/\s+/).length < 3)
      problems.push(`${line.kind}: boilerplate`);
    if (line.kind === 'request' && message.role !== 'customer') problems.push('request: not the customer’s');
  }
  const kinds = new Set(summary.lines.map((line) => line.kind));
  if (conversation.messages.some((m) => m.role === 'customer') && !kinds.has('request') && !kinds.has('said'))
    problems.push('no request');
  // The latest message with words: a collapsed message whose body the page did not load has none to summarise.
  const last = conversation.messages.findLast((message) => message.bodyLoaded && message.text.trim() !== '');
  if (last?.role === 'customer' && !summary.lines.some((line) => line.messageId === last.id))
    problems.push('latest customer message not summarised');
  return problems;
}

export function runSummaryEval(argv: readonly string[]): void {
  const dataIndex = argv.indexOf('--data');
  const data = dataIndex >= 0 ? argv[dataIndex + 1] : undefined;
  if (!data) {
    process.stderr.write('usage: npm run eval -- --task summary --data FILE.json [--misses all]\n');
    process.exit(2);
  }
  const showTest = argv.includes('--misses') && argv[argv.indexOf('--misses') + 1] === 'all';
  const set = readConversationSet(data);
  const counts = new Map<string, { items: number; lines: number; flagged: number; problems: Map<string, number> }>();
  const flags: Flag[] = [];
  for (const item of set.conversations) {
    const conversation = toConversation(item);
    const summary = summarizeConversation(conversation);
    const problems = summaryProblems(conversation, summary);
    const key = `${item.split} ${item.language}`;
    const count = counts.get(key) ?? { items: 0, lines: 0, flagged: 0, problems: new Map() };
    count.items += 1;
    count.lines += summary.lines.length;
    if (problems.length > 0) count.flagged += 1;
    for (const problem of problems) {
      const kind = problem.replace(/^\w+: /, '');
      count.problems.set(kind, (count.problems.get(kind) ?? 0) + 1);
    }
    counts.set(key, count);
    if (problems.length > 0)
      flags.push({ item, problems, lines: summary.lines.map((line) => `${line.kind}: “${line.text}”`) });
  }

  const out: string[] = ['Extractive summary on the authored support conversations', ''];
  for (const [key, count] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
    const problems = [...count.problems].map(([kind, n]) => `${kind} ${n}`).join(', ') || 'none';
    out.push(
      `${key.padEnd(10)} ${count.items} conversations, ${count.lines} lines, flagged ${count.flagged} (${problems})`,
    );
  }
  out.push('');
  for (const flag of flags) {
    if (flag.item.split === 'test' && !showTest) continue;
    out.push(`[${flag.item.split}] ${flag.item.id}: ${flag.problems.join('; ')}`);
    for (const line of flag.lines) out.push(`    ${line}`);
  }
  if (!showTest) out.push('', 'Test-split conversations are counted, not listed (--misses all lists them).');
  process.stdout.write(`${out.join('\n')}\n`);
}
