/**
 * Writes a model directory in the transformers.js layout: config.json, tokenizer.json, tokenizer_config.json (unless
 * the model shares another folder's tokenizer) and onnx/model.onnx. JSON is written with sorted-insertion order and a trailing newline so reruns give the same bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BagFeatureSpec, type BagModelWeights, buildBagGraph, encodeOnnxModel } from './onnx';
import { buildTokenizerConfig, buildTokenizerJson } from './tokenizer';

export interface ModelDirSpec {
  dir: string;
  name: string;
  docString: string;
  vocab: string[];
  maxTokens: number;
  feature: BagFeatureSpec;
  weights: BagModelWeights;
  /** Output column → label, in order. */
  labels: readonly string[];
  /** Extra config.json fields (the head layout, thresholds, sources). */
  extraConfig: Record<string, unknown>;
  /**
   * Set when this model reads another model folder's tokenizer (same vocabulary and length): its own is not written,
   * so the extension does not ship the same 0.5 MB twice. lib/models/intent-model.ts loads it from there.
   */
  tokenizerFrom?: string;
}

function writeJson(path: string, value: unknown, compact = false): void {
  writeFileSync(path, `${compact ? JSON.stringify(value) : JSON.stringify(value, null, 2)}\n`);
}

/** Writes the directory and returns the size in bytes of every file written. */
export function writeModelDir(spec: ModelDirSpec): Record<string, number> {
  mkdirSync(join(spec.dir, 'onnx'), { recursive: true });
  const id2label: Record<string, string> = {};
  const label2id: Record<string, number> = {};
  spec.labels.forEach((l, i) => {
    id2label[String(i)] = l;
    label2id[l] = i;
  });
  const config = {
    model_type: 'bert',
    architectures: ['BertForSequenceClassification'],
    id2label,
    label2id,
    max_position_embeddings: spec.maxTokens,
    vocab_size: spec.vocab.length,
    ...spec.extraConfig,
  };
  const onnx = encodeOnnxModel(
    buildBagGraph(spec.feature, spec.weights, { name: spec.name, docString: spec.docString }),
  );
  writeJson(join(spec.dir, 'config.json'), config);
  if (spec.tokenizerFrom === undefined) {
    // The vocabulary is large: written compact to keep the bundle small.
    writeJson(join(spec.dir, 'tokenizer.json'), buildTokenizerJson(spec.vocab), true);
    writeJson(join(spec.dir, 'tokenizer_config.json'), buildTokenizerConfig(spec.maxTokens));
  }
  writeFileSync(join(spec.dir, 'onnx', 'model.onnx'), onnx);
  return {
    'config.json': Buffer.byteLength(`${JSON.stringify(config, null, 2)}\n`),
    ...(spec.tokenizerFrom === undefined
      ? { 'tokenizer.json': Buffer.byteLength(`${JSON.stringify(buildTokenizerJson(spec.vocab))}\n`) }
      : {}),
    'onnx/model.onnx': onnx.length,
  };
}
