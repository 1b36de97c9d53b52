/**
 * Benchmark of the bundled mood model in Node (ONNX Runtime CPU through transformers.js) against the lexicon
 * baseline (`sentiment` package, AFINN), measured in the same run. The lead's scripts/bench/index.ts prints the lines.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Sentiment from 'sentiment';
import { createBundledMoodModel } from '../../lib/models/bundled-model';
import { createBundledIntentModel } from '../../lib/models/intent-model';
import { readData } from '../train/data';

const modelBase = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'public', 'models');

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Real support-like messages from the dev sets (German and English), repeated to `count`. */
function benchTexts(count: number): string[] {
  const pool = [...readData('sentiment/de/sb10k.dev.tsv'), ...readData('sentiment/en/goemotions.dev.tsv')].map(
    (r) => r.text,
  );
  return Array.from({ length: count }, (_, i) => pool[(i * 7919) % pool.length] ?? '');
}

/**
 * Runs the benchmark and returns the lines to print: median latency per message (one message per call, as the
 * panel analyses a new message), throughput in batches of 32, peak RSS, and the lexicon baseline with the ratio.
 */
export async function runModelBench(options: { messages?: number } = {}): Promise<string[]> {
  const n = options.messages ?? 400;
  const texts = benchTexts(n);
  let peakRss = process.memoryUsage().rss;
  const sampleRss = () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  };

  const mood = createBundledMoodModel({ modelBase, batchSize: 32 });
  const loadStart = performance.now();
  const backend = await mood.load();
  const loadMs = performance.now() - loadStart;
  sampleRss();
  await mood.classify(texts.slice(0, 16)); // warm-up

  const single: number[] = [];
  for (const t of texts.slice(0, Math.min(n, 200))) {
    const s = performance.now();
    await mood.classify([t]);
    single.push(performance.now() - s);
  }
  sampleRss();
  const batchStart = performance.now();
  await mood.classify(texts);
  const batchSeconds = (performance.now() - batchStart) / 1000;
  sampleRss();

  const intent = createBundledIntentModel({ modelBase });
  await intent.load();
  const intentTimes: number[] = [];
  for (const t of texts.slice(0, 100)) {
    const s = performance.now();
    await intent.classify(t);
    intentTimes.push(performance.now() - s);
  }
  sampleRss();

  const lexicon = new Sentiment();
  const lexTimes: number[] = [];
  for (const t of texts.slice(0, Math.min(n, 200))) {
    const s = performance.now();
    lexicon.analyze(t);
    lexTimes.push(performance.now() - s);
  }
  const lexStart = performance.now();
  for (const t of texts) lexicon.analyze(t);
  const lexSeconds = (performance.now() - lexStart) / 1000;

  await mood.dispose();
  await intent.dispose();

  const modelMedian = median(single);
  const lexMedian = median(lexTimes);
  const modelRate = n / batchSeconds;
  const lexRate = n / lexSeconds;
  return [
    `bundled mood model (Node, transformers.js, ONNX Runtime ${backend}): load ${loadMs.toFixed(0)} ms`,
    `  median latency per message: ${modelMedian.toFixed(2)} ms (one message per call, ${single.length} calls)`,
    `  throughput: ${modelRate.toFixed(0)} messages/s (batches of 32, ${n} messages)`,
    `bundled intent model: median ${median(intentTimes).toFixed(2)} ms per message`,
    `lexicon baseline (sentiment/AFINN): median ${lexMedian.toFixed(3)} ms per message, ${lexRate.toFixed(0)} messages/s`,
    `  model / lexicon: latency ×${(modelMedian / Math.max(lexMedian, 1e-6)).toFixed(1)}, throughput ×${(modelRate / lexRate).toFixed(3)}`,
    `peak RSS: ${(peakRss / 2 ** 20).toFixed(0)} MiB`,
  ];
}
