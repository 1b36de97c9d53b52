// @vitest-environment node
// The bundled model runs for real (onnxruntime-node); only its ONNX forward passes are counted, never replaced.
import { BertForSequenceClassification } from '@huggingface/transformers';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAnalyzer, isCancelled } from '../../../lib/analysis/analyzer';
import { chunkSentences, prepareText } from '../../../lib/analysis/text';
import { createBundledMoodModel } from '../../../lib/models/bundled-model';
import { conversation, message } from './conversation-fixtures';

const model = createBundledMoodModel();

beforeAll(async () => {
  await model.load();
});

afterAll(async () => {
  await model.dispose();
});

afterEach(() => {
  vi.restoreAllMocks();
});

// Distinct sentences, so no chunk repeats another and the model really has to read every one of them.
const hugeText = Array.from(
  { length: 6000 },
  (_, i) => `Ich warte seit ${i} Tagen auf Paket ${i * 7919}, das ist ärgerlich.`,
).join(' ');
const maxAnalysedChars = hugeText.length;
// As the analyzer derives it from the model's 128 tokens.
const chunkChars = 384;

/** Rows of a batch: the first dimension of its `input_ids` tensor. */
function batchRows(inputs: unknown): number {
  const ids: unknown = typeof inputs === 'object' && inputs !== null ? Reflect.get(inputs, 'input_ids') : undefined;
  const dims: unknown = typeof ids === 'object' && ids !== null ? Reflect.get(ids, 'dims') : undefined;
  return Array.isArray(dims) && typeof dims[0] === 'number' ? dims[0] : 0;
}

/**
 * Counts the model's forward passes (one per batch) over full batches of 16 texts, which only the huge message
 * fills, and calls `onFullBatch` with the running count before each runs.
 */
function countFullBatches(onFullBatch: (count: number) => void): { readonly count: number } {
  const counter = { count: 0 };
  const original = BertForSequenceClassification.prototype._call;
  vi.spyOn(BertForSequenceClassification.prototype, '_call').mockImplementation(function (
    this: BertForSequenceClassification,
    ...args: Parameters<typeof original>
  ) {
    if (batchRows(args[0]) === 16) {
      counter.count += 1;
      onFullBatch(counter.count);
    }
    return original.apply(this, args);
  });
  return counter;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

describe('cancelling a running analysis of a huge message', () => {
  const chunks = new Set(chunkSentences(prepareText(hugeText, maxAnalysedChars).text, chunkChars).map((c) => c.text));

  it('is a message the model reads in dozens of batches', () => {
    // 16 texts per batch: well over 30 batches for the chunks alone, so stopping early is visible.
    expect(chunks.size).toBeGreaterThan(500);
  });

  it("stops within one batch of the caller's abort, and the next analysis runs after it", async () => {
    const analyzer = createAnalyzer(model, { maxAnalysedChars });
    const controller = new AbortController();
    let countAtAbort = 0;
    const batches = countFullBatches((count) => {
      if (count === 2) {
        countAtAbort = count;
        controller.abort();
      }
    });
    const running = analyzer.analyze(conversation([message('customer', hugeText, 'huge')], 'huge'), {
      signal: controller.signal,
    });
    expect(isCancelled(await rejection(running))).toBe(true);
    // The next job waits for the cancelled one's work to end (one model, one job at a time), then reads its one text.
    const next = await analyzer.analyze(conversation([message('customer', 'Danke, alles angekommen!', 'small')]));
    expect(next.messages.small).toBeDefined();
    // The batch that was starting when the signal aborted still runs; no further batch of the huge message does.
    expect(countAtAbort).toBe(2);
    expect(batches.count).toBe(countAtAbort);
  });

  it('stops within one batch when a newer request for the same conversation replaces it', async () => {
    const analyzer = createAnalyzer(model, { maxAnalysedChars });
    const huge = conversation([message('customer', hugeText, 'huge')], 'replaced');
    let countAtReplace = 0;
    let newer: Promise<unknown> | undefined;
    const batches = countFullBatches((count) => {
      if (count === 2) {
        countAtReplace = count;
        // The agent's page changed: the same conversation again, now without the huge message.
        newer = analyzer.analyze(conversation([message('customer', 'Wo ist mein Paket?', 'short')], 'replaced'));
      }
    });
    expect(isCancelled(await rejection(analyzer.analyze(huge)))).toBe(true);
    await newer;
    expect(newer).toBeDefined();
    expect(countAtReplace).toBe(2);
    expect(batches.count).toBe(countAtReplace);
  });
});
