/**
 * `npm run eval -- --task <sentiment|emotion|offensive|intent> --data FILE.tsv [--baseline lexicon] [--analysis]`
 *
 * Runs the shipped models through transformers.js in Node on `labels<TAB>text` lines and prints per-class precision,
 * recall and F1; the last line is `macro-F1: 0.xxxx`. Macro-F1 averages over the labels that occur in the file.
 * Emotion is multi-label: a label is predicted when its probability is at least 0.5, or the most likely one when none
 * is. An unknown label stops with exit code 2 and the list of known labels.
 *
 * `--analysis` scores what the panel shows instead of the bare model: the analysis layer on top of it (packed
 * sentence chunks, the weighting around "but", the threat prior), each text read as a customer message.
 *
 * `--task state` scores the one verdict the panel's headline shows (calm … happy): each text is read as a conversation
 * of one customer message by the analysis layer, the prediction is `mood.current.state`. The settings page's "Export
 * mood corrections (TSV)" writes such a file from the agents' "Mood wrong?" corrections.
 *
 * `--task conversations --data scripts/train/eval/support-conversations.json [--misses all]` scores whole authored
 * conversations against a team lead's labels (state, upset badge, escalation, urgency reasons): see
 * scripts/train/eval/conversations.ts.
 * `--task summary --data scripts/train/eval/support-conversations.json [--misses all]` checks the panel's extractive
 * summary line by line on the same set: see scripts/train/eval/summary.ts.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAnalyzer } from '../lib/analysis/analyzer';
import { customerStates, emotions, type MessageMood, sentimentLabels } from '../lib/analysis/types';
import { createBundledMoodModel } from '../lib/models/bundled-model';
import { createBundledIntentModel, intentByModelLabel } from '../lib/models/intent-model';
import { readTsv } from './train/data';
import { runConversationEval } from './train/eval/conversations';
import { runSummaryEval } from './train/eval/summary';
import { createLexiconBaseline } from './train/lexicon-baseline';
import { formatReport, scoreLabelSets } from './train/metrics';

type Task = 'sentiment' | 'emotion' | 'offensive' | 'intent' | 'state';
const tasks: readonly Task[] = ['sentiment', 'emotion', 'offensive', 'intent', 'state'];

const knownLabels: Record<Task, readonly string[]> = {
  sentiment: sentimentLabels,
  emotion: emotions,
  offensive: ['offensive', 'other'],
  intent: Object.keys(intentByModelLabel),
  state: customerStates,
};

const modelBase = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'models');
const batch = 64;

function usage(message: string): never {
  process.stderr.write(
    `${message}\nusage: npm run eval -- --task <${tasks.join('|')}> --data FILE.tsv [--baseline lexicon] [--analysis]\n`,
  );
  process.exit(2);
}

interface Args {
  task: Task;
  data: string;
  baseline: boolean;
  analysis: boolean;
}

function parseArgs(argv: string[]): Args {
  let task: string | undefined;
  let data: string | undefined;
  let baseline = false;
  let analysis = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = argv[i + 1];
    if (arg === '--task' && next) {
      task = next;
      i++;
    } else if (arg === '--data' && next) {
      data = next;
      i++;
    } else if (arg === '--baseline' && next) {
      if (next !== 'lexicon') usage(`Unknown baseline "${next}"; the only baseline is "lexicon".`);
      baseline = true;
      i++;
    } else if (arg === '--analysis') {
      analysis = true;
    } else {
      usage(`Unexpected argument "${arg}".`);
    }
  }
  if (!task || !tasks.includes(task as Task)) usage(`--task must be one of ${tasks.join(', ')}.`);
  if (!data) usage('--data FILE.tsv is required.');
  if (analysis && task === 'intent') usage('--analysis applies to sentiment, emotion and offensive.');
  // The state is the analysis layer's verdict: it is always scored with it.
  if (task === 'state') analysis = true;
  return { task: task as Task, data, baseline, analysis };
}

function argmaxKey(record: Record<string, number>): string {
  let best = '';
  let bestP = -1;
  for (const [k, p] of Object.entries(record)) {
    if (p > bestP) {
      best = k;
      bestP = p;
    }
  }
  return best;
}

/** The panel's reading of each text: the analysis layer on the bundled model, as a customer's message. */
async function predictWithAnalysis(task: Task, texts: string[]): Promise<string[][]> {
  const model = createBundledMoodModel({ modelBase, batchSize: batch });
  const analyzer = createAnalyzer(model);
  const moods: MessageMood[] = [];
  for (const text of texts) moods.push(await analyzer.analyzeText(text, { role: 'customer' }));
  await model.dispose();
  return moods.map((m) => {
    if (task === 'sentiment') return [m.sentiment.label];
    if (task === 'offensive') return [m.offensive.isOffensive ? 'offensive' : 'other'];
    const picked = m.emotions.filter((e) => e.p >= 0.5).map((e) => e.label);
    return picked.length ? picked : [m.emotions[0]?.label ?? 'neutral'];
  });
}

/** The headline's state for each text, read as a conversation of that one customer message. */
async function predictStates(texts: string[]): Promise<string[][]> {
  const model = createBundledMoodModel({ modelBase, batchSize: batch });
  // No occlusion: it only finds the evidence to highlight, never changes the state.
  const analyzer = createAnalyzer(model, { occlusionBudget: 0, occlusionBudgetPerRun: 0, maxCachedConversations: 1 });
  const states: string[][] = [];
  for (const [i, text] of texts.entries()) {
    const mood = await analyzer.analyze({
      site: 'generic',
      id: `eval-${i}`,
      subject: '',
      url: '',
      customer: {},
      messages: [
        { id: 'm1', author: {}, role: 'customer', roleSource: 'page', text, bodyLoaded: true, attachments: [] },
      ],
    });
    states.push([mood.current.state]);
  }
  await model.dispose();
  return states;
}

async function predict(task: Task, texts: string[]): Promise<string[][]> {
  if (task === 'state') return predictStates(texts);
  if (task === 'intent') {
    const model = createBundledIntentModel({ modelBase });
    const raw = await model.classifyRaw(texts);
    await model.dispose();
    return raw.map((r) => [argmaxKey(r)]);
  }
  const model = createBundledMoodModel({ modelBase, batchSize: batch });
  const moods = await model.classify(texts);
  await model.dispose();
  return moods.map((m) => {
    if (task === 'sentiment') return [argmaxKey(m.sentiment)];
    if (task === 'offensive') return [m.offensive >= 0.5 ? 'offensive' : 'other'];
    const picked = emotions.filter((e) => m.emotions[e] >= 0.5);
    return picked.length ? picked : [argmaxKey(m.emotions)];
  });
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  // Whole conversations with the team lead's labels: a JSON set and its own report (scripts/train/eval/conversations.ts).
  if (argv[argv.indexOf('--task') + 1] === 'conversations') return runConversationEval(argv);
  // The panel's extractive summary on the same conversations, checked line by line (scripts/train/eval/summary.ts).
  if (argv[argv.indexOf('--task') + 1] === 'summary') return runSummaryEval(argv);
  const { task, data, baseline, analysis } = parseArgs(argv);
  let rows: ReturnType<typeof readTsv>;
  try {
    rows = readTsv(data);
  } catch (error) {
    usage(`Cannot read ${data}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const known = knownLabels[task];
  const unknown = [...new Set(rows.flatMap((r) => r.labels))].filter((l) => !known.includes(l)).sort();
  if (unknown.length) {
    process.stderr.write(
      `Unknown label(s) for task "${task}" in ${data}: ${unknown.join(', ')}\nKnown labels: ${known.join(', ')}\n`,
    );
    process.exit(2);
  }
  if (!rows.length) usage(`${data} has no rows.`);
  const gold = rows.map((r) => r.labels);
  const labels = known.filter((l) => gold.some((g) => g.includes(l)));
  const texts = rows.map((r) => r.text);

  if (baseline) {
    if (task !== 'sentiment') usage('The lexicon baseline exists for --task sentiment only.');
    const lexicon = createLexiconBaseline();
    const report = scoreLabelSets(
      gold,
      texts.map((t) => [lexicon.classify(t)]),
      labels,
    );
    process.stdout.write(
      'lexicon baseline (AFINN via `sentiment` for English; NLP.js senticon + AFINN-de for German)\n',
    );
    for (const line of formatReport(report))
      process.stdout.write(`  ${line.replace('macro-F1', 'lexicon macro-F1')}\n`);
    process.stdout.write('\n');
  }

  const started = performance.now();
  const pred = analysis && task !== 'state' ? await predictWithAnalysis(task, texts) : await predict(task, texts);
  const seconds = (performance.now() - started) / 1000;
  const what = analysis ? 'analysis layer on the bundled model' : 'bundled model';
  process.stdout.write(`${what}, task ${task}, ${rows.length} rows from ${data} (${seconds.toFixed(1)} s)\n`);
  for (const line of formatReport(scoreLabelSets(gold, pred, labels))) process.stdout.write(`${line}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
