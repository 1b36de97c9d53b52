/**
 * Benchmark of the mood engine's analysis layer (lib/analysis): what it adds on top of the model's inference.
 * `runAnalysisBench(model)` times it around a real `MoodModel`; without one it uses a constant-output model so the
 * figures are the layer's own cost (text preparation, language, urgency, cues, occlusion planning, aggregation).
 *
 * Run alone: npx tsx scripts/bench/analysis.ts
 */
import { pathToFileURL } from 'node:url';
import { createAnalyzer } from '../../lib/analysis/analyzer';
import { detectLanguage } from '../../lib/analysis/language';
import { findCues } from '../../lib/analysis/lexicon';
import { prepareText } from '../../lib/analysis/text';
import { detectUrgency } from '../../lib/analysis/urgency';
import type { MoodModel, RawMood } from '../../lib/models/types';
import type { Conversation, ConversationMessage } from '../../lib/sites/types';

/** What the analysis bench measured; times in milliseconds. */
export interface AnalysisBenchResult {
  modelId: string;
  /** Median time to prepare, detect language and urgency, and find cues for one typical message. */
  textPipelineMedianMs: number;
  /** Median `analyzeText` time for a draft (one model call included). */
  analyzeTextMedianMs: number;
  /** First `analyze` of a 20-message thread, and the model calls and texts it made. */
  threadFirstMs: number;
  threadFirstCalls: number;
  threadFirstTexts: number;
  /** `analyze` after one new message arrived. */
  threadIncrementalMs: number;
  threadIncrementalTexts: number;
  /** `analyze` of a conversation holding one 1 MB message. */
  hugeMessageMs: number;
}

const samples = [
  'Hallo, ich warte jetzt zum dritten Mal auf eine Antwort. Das ist eine Frechheit, ich will sofort mein Geld zurück!',
  'Hi, my parcel still has not arrived and nobody answers. If I do not get a refund by Friday I will file a chargeback.',
  'Vielen Dank für die schnelle Hilfe, das Paket ist heute angekommen. Super Service!',
  'Thanks so much, the replacement arrived and works perfectly.',
  'Wo ist meine Bestellung 12345? Die Sendungsverfolgung zeigt seit einer Woche nichts an.',
];

/** A model that answers instantly with a fixed mildly negative result: isolates the analysis layer's own cost. */
function constantModel(): MoodModel {
  const raw: RawMood = {
    sentiment: { negative: 0.6, neutral: 0.3, positive: 0.1 },
    emotions: {
      angry: 0.5,
      frustrated: 0.4,
      sad: 0.1,
      anxious: 0.05,
      confused: 0.05,
      grateful: 0.02,
      happy: 0.02,
      neutral: 0.1,
    },
    offensive: 0.05,
  };
  return { id: 'constant (layer overhead only)', maxTokens: 128, classify: async (texts) => texts.map(() => raw) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function thread(count: number): Conversation {
  const messages: ConversationMessage[] = Array.from({ length: count }, (_, i) => ({
    id: `m${i}`,
    author: {},
    role: i % 2 === 0 ? 'customer' : 'agent',
    roleSource: 'page',
    text: samples[i % samples.length] ?? '',
    bodyLoaded: true,
    attachments: [],
  }));
  return { site: 'generic', id: 'bench', subject: 'Bench', url: 'https://example.test/', customer: {}, messages };
}

function countingModel(model: MoodModel): { model: MoodModel; calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    model: {
      id: model.id,
      maxTokens: model.maxTokens,
      classify: (texts, signal) => {
        calls.push(texts);
        return model.classify(texts, signal);
      },
    },
  };
}

/** Runs the analysis-layer benchmark around `model` (default: the constant model, layer overhead only). */
export async function runAnalysisBench(model: MoodModel = constantModel()): Promise<AnalysisBenchResult> {
  const pipeline: number[] = [];
  for (let round = 0; round < 200; round++) {
    const text = samples[round % samples.length] ?? '';
    const start = performance.now();
    const prepared = prepareText(text);
    const language = detectLanguage(prepared.text).language;
    detectUrgency(prepared.text);
    findCues(prepared.text, language);
    pipeline.push(performance.now() - start);
  }

  const { model: counted, calls } = countingModel(model);
  const analyzer = createAnalyzer(counted);
  const drafts: number[] = [];
  for (let round = 0; round < 30; round++) {
    const start = performance.now();
    await analyzer.analyzeText(samples[round % samples.length] ?? '');
    drafts.push(performance.now() - start);
  }

  calls.length = 0;
  const conversation = thread(20);
  let start = performance.now();
  await analyzer.analyze(conversation);
  const threadFirstMs = performance.now() - start;
  const threadFirstCalls = calls.length;
  const threadFirstTexts = calls.flat().length;

  calls.length = 0;
  const grown = thread(21);
  start = performance.now();
  await analyzer.analyze(grown);
  const threadIncrementalMs = performance.now() - start;
  const threadIncrementalTexts = calls.flat().length;

  const huge = thread(1);
  const first = huge.messages[0];
  if (first) first.text = `${samples[0]} ${'Lorem ipsum dolor sit amet. '.repeat(38_000)}`;
  start = performance.now();
  await analyzer.analyze({ ...huge, id: 'huge' });
  const hugeMessageMs = performance.now() - start;

  const round = (ms: number): number => Math.round(ms * 100) / 100;
  return {
    modelId: model.id,
    textPipelineMedianMs: round(median(pipeline)),
    analyzeTextMedianMs: round(median(drafts)),
    threadFirstMs: round(threadFirstMs),
    threadFirstCalls,
    threadFirstTexts,
    threadIncrementalMs: round(threadIncrementalMs),
    threadIncrementalTexts,
    hugeMessageMs: round(hugeMessageMs),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await runAnalysisBench();
  for (const [key, value] of Object.entries(result)) console.log(`${key}: ${value}`);
}
