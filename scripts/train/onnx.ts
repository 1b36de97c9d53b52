/**
 * Writes ONNX files. ONNX is plain protobuf; protobufjs (already shipped with onnxruntime-web) does the wire encoding
 * from a schema that copies the few messages a bag-of-embeddings classifier needs (ModelProto, GraphProto, NodeProto,
 * TensorProto, ValueInfoProto) with their field numbers from onnx/onnx.proto (IR version 8, opset 13).
 */
import protobuf from 'protobufjs';

/** ONNX TensorProto.DataType values used here. */
export const DataType = { float: 1, int8: 3, int64: 7 } as const;
type DataTypeValue = (typeof DataType)[keyof typeof DataType];

/**
 * The subset of onnx/onnx.proto used here. proto2, as upstream: repeated scalars stay unpacked and every field that is
 * set is written, so the bytes match what the trainer wrote before protobufjs did the encoding.
 */
const onnxSchema = `
syntax = "proto2";
package onnx;
message AttributeProto {
  optional string name = 1;
  optional float f = 2;
  optional int64 i = 3;
  optional int32 type = 20;
}
message ValueInfoProto {
  optional string name = 1;
  optional TypeProto type = 2;
}
message NodeProto {
  repeated string input = 1;
  repeated string output = 2;
  optional string name = 3;
  optional string op_type = 4;
  repeated AttributeProto attribute = 5;
}
message StringStringEntryProto {
  optional string key = 1;
  optional string value = 2;
}
message GraphProto {
  repeated NodeProto node = 1;
  optional string name = 2;
  repeated TensorProto initializer = 5;
  repeated ValueInfoProto input = 11;
  repeated ValueInfoProto output = 12;
}
message TensorProto {
  repeated int64 dims = 1;
  optional int32 data_type = 2;
  optional string name = 8;
  optional bytes raw_data = 9;
}
message TensorShapeProto {
  message Dimension {
    oneof value {
      int64 dim_value = 1;
      string dim_param = 2;
    }
  }
  repeated Dimension dim = 1;
}
message TypeProto {
  message Tensor {
    optional int32 elem_type = 1;
    optional TensorShapeProto shape = 2;
  }
  oneof value {
    Tensor tensor_type = 1;
  }
}
message OperatorSetIdProto {
  optional string domain = 1;
  optional int64 version = 2;
}
message ModelProto {
  optional int64 ir_version = 1;
  optional string producer_name = 2;
  optional string producer_version = 3;
  optional string doc_string = 6;
  optional GraphProto graph = 7;
  repeated OperatorSetIdProto opset_import = 8;
  repeated StringStringEntryProto metadata_props = 14;
}
`;

const modelProto = protobuf.parse(onnxSchema, { keepCase: true }).root.lookupType('onnx.ModelProto');

/** A constant tensor stored in the graph. */
export interface Initializer {
  name: string;
  dataType: DataTypeValue;
  dims: number[];
  /** Little-endian raw bytes, as ONNX's raw_data expects. */
  data: Float32Array | Int8Array | BigInt64Array;
}

export type AttributeValue = { kind: 'int'; value: number } | { kind: 'float'; value: number };

export interface GraphNode {
  op: string;
  inputs: string[];
  outputs: string[];
  attributes?: Record<string, AttributeValue>;
}

export interface GraphValue {
  name: string;
  dataType: DataTypeValue;
  /** Numbers are fixed sizes; strings are symbolic (batch, sequence). */
  shape: (number | string)[];
}

export interface OnnxGraph {
  name: string;
  nodes: GraphNode[];
  initializers: Initializer[];
  inputs: GraphValue[];
  outputs: GraphValue[];
  docString?: string;
  metadata?: Record<string, string>;
}

function valueInfo(v: GraphValue) {
  return {
    name: v.name,
    type: {
      tensor_type: {
        elem_type: v.dataType,
        shape: { dim: v.shape.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d })) },
      },
    },
  };
}

function toBytes(data: Initializer['data']): Uint8Array {
  // Typed arrays are little-endian on every platform Node and browsers run on, which is what raw_data wants.
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** Serialises a graph to the bytes of an `.onnx` file. */
export function encodeOnnxModel(graph: OnnxGraph): Uint8Array {
  const model = {
    ir_version: 8,
    producer_name: 'rapport-train',
    producer_version: '1',
    ...(graph.docString ? { doc_string: graph.docString } : {}),
    graph: {
      node: graph.nodes.map((n) => ({
        input: n.inputs,
        output: n.outputs,
        name: `${n.op}_${n.outputs[0] ?? ''}`,
        op_type: n.op,
        // AttributeProto.type: 1 FLOAT, 2 INT.
        attribute: Object.entries(n.attributes ?? {}).map(([name, attr]) =>
          attr.kind === 'int' ? { name, i: attr.value, type: 2 } : { name, f: attr.value, type: 1 },
        ),
      })),
      name: graph.name,
      initializer: graph.initializers.map((t) => ({
        dims: t.dims,
        data_type: t.dataType,
        name: t.name,
        raw_data: toBytes(t.data),
      })),
      input: graph.inputs.map(valueInfo),
      output: graph.outputs.map(valueInfo),
    },
    opset_import: [{ domain: '', version: 13 }],
    metadata_props: Object.entries(graph.metadata ?? {}).map(([key, value]) => ({ key, value })),
  };
  // verify() catches a field name or type that drifted from the schema above, which encode() alone would skip.
  const problem = modelProto.verify(model);
  if (problem) throw new Error(`ONNX model does not fit the schema: ${problem}`);
  return modelProto.encode(model).finish();
}

/** Weights of a bag-of-embeddings classifier, already quantised the way the graph stores them. */
export interface BagModelWeights {
  /** Rows = vocabulary size + bigram buckets; int8, one scale per row. */
  embeddingQ: Int8Array;
  embeddingScale: Float32Array;
  rows: number;
  dim: number;
  /** Optional hidden layer (dim → hidden, tanh); with `skip` the head reads [hidden, pooled]. */
  hidden?: { weight: Float32Array; bias: Float32Array; size: number; skip: boolean };
  /** Output layer: (hidden size [+ dim] or dim) → outputs. */
  outWeight: Float32Array;
  outBias: Float32Array;
  outputs: number;
  /** Optional summed lexicon path; its features are appended to the head input (after hidden and pooled). */
  lexicon?: LexiconPathWeights;
  /** Optional wide (linear) sentiment model mixed into logits 0–2; needs `lexicon`. */
  wide?: WidePathWeights;
  /** Optional character n-gram models, each mixed into one softmax head's logits (after the wide path). */
  char?: CharPathWeights[];
}

/**
 * A linear model over the character n-grams of the tokens, collapsed to one row per vocabulary token (see
 * scripts/train/char-model.ts): the head's log-probabilities become `ls_net + mix·(ls_char − ls_net) + shift`, where
 * `ls_char = logSoftmax(Σ_t table[t] / √(Σ_t counts[t]) + bias)` over the text's tokens.
 */
export interface CharPathWeights {
  /** `vocabSize × classes` int8, one scale per token in `rowScale`. */
  tableQ: Int8Array;
  rowScale: Float32Array;
  /** Per token, its number of n-grams (the normaliser). */
  counts: Float32Array;
  bias: Float32Array;
  classes: number;
  /** First output column of the softmax head this model joins. */
  offset: number;
  mix: number;
  /**
   * With a slope, the mix counts only as much as the text looks German: `mix · sigmoid(slope · h)`, `h` the lexicon
   * path's language hints (the mirror of the wide path's English gate). Needs the lexicon path.
   */
  germanGateSlope?: number;
  /** Calibration added to the head's mixed log-probabilities. */
  shift: Float32Array;
}

/**
 * A linear sentiment model over the same feature rows, mixed with the network's sentiment by language: the final
 * sentiment log-probabilities are `ls_net + g·mix·(ls_wide − ls_net) + shift`, where `g = sigmoid(−gateSlope·h)`
 * and `h` sums the lexicon table's language hints (+1 German, −1 English), so English text leans on the wide model
 * and German text on the network.
 */
export interface WidePathWeights {
  /**
   * `vocabSize × 3` int8 (`rows × 3` with `bigrams`), one scale per row in `rowScale`: a weight per word token
   * (zero for tokens without the word flag) and per hashed bigram row; the sum over a text's word tokens and bigrams
   * is divided by √(their count). Per-row scales because one shared scale rounded most word-pair weights to zero.
   */
  weightQ: Int8Array;
  rowScale: Float32Array;
  /**
   * Whether the wide model also reads the hashed bigram rows of the bag features (every adjacent token pair, the
   * same rows the network embeds). Word pairs carry what single words cannot ("not bad", "can't wait").
   */
  bigrams: boolean;
  /** `lexiconFeatureCount × 3` weights of the lexicon features, and the bias. */
  lexWeight: Float32Array;
  bias: Float32Array;
  mix: number;
  gateSlope: number;
  /**
   * Calibration added to the mixed sentiment log-probabilities, per language through the same gate:
   * `shiftDe + g·(shiftEn − shiftDe)`.
   */
  shiftEn: Float32Array;
  shiftDe: Float32Array;
}

/**
 * A fixed lexicon path next to the learned embedding: per-token valence summed over the text (not averaged, so one
 * strong word in a long tweet still counts), flipped after a negator, split into total, positive and negative
 * mass and saturated with tanh — the shape of VADER's scoring, computed inside the graph.
 */
export interface LexiconPathWeights {
  /**
   * `vocabSize × lexiconColumns`, row-major: English valence, German valence, negator flag (0/1), language hint
   * (+1 German, −1 English; read only by the wide path's gate), wide-path word flag (1 for whole words of two or
   * more letters: the only tokens the wide model reads).
   */
  table: Float32Array;
  /** A valence within `negationWindow` tokens after a negator is multiplied by this (VADER uses −0.74). */
  negatedFactor: number;
  /** Sums are divided by this before tanh. */
  saturation: number;
}

export const lexiconColumns = 5;
export const negationWindow = 3;
/** Features the lexicon path adds: total, positive and negative valence mass, each for English and German. */
export const lexiconFeatureCount = 6;

/** Symmetric int8 quantisation of a `rows × cols` table, one scale per row (how the graph stores its tables). */
export function quantizeRows(
  values: ArrayLike<number>,
  rows: number,
  cols: number,
): { q: Int8Array; scale: Float32Array } {
  const q = new Int8Array(rows * cols);
  const scale = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let c = 0; c < cols; c++) max = Math.max(max, Math.abs(values[r * cols + c] as number));
    const s = max > 0 ? max / 127 : 1;
    scale[r] = s;
    for (let c = 0; c < cols; c++) q[r * cols + c] = Math.round((values[r * cols + c] as number) / s);
  }
  return { q, scale };
}

/** How token ids become features; the trainer and the graph must agree on exactly this. */
export interface BagFeatureSpec {
  vocabSize: number;
  buckets: number;
  /** Multiplier of the bigram hash: bucket = (left * prime + right) mod buckets. */
  prime: number;
}

function int64(values: number[]): BigInt64Array {
  return BigInt64Array.from(values.map((v) => BigInt(v)));
}

/**
 * Builds the classifier graph: unigram ids plus hashed bigrams computed in the graph, int8 embedding rows gathered
 * and scaled, masked mean pooling, optional tanh hidden layer, linear head named `logits`. Inputs follow BERT's
 * names so transformers.js feeds it like any Hub sequence classifier.
 */
export function buildBagGraph(
  spec: BagFeatureSpec,
  weights: BagModelWeights,
  meta: { name: string; docString: string },
): OnnxGraph {
  const init: Initializer[] = [
    { name: 'emb_q', dataType: DataType.int8, dims: [weights.rows, weights.dim], data: weights.embeddingQ },
    { name: 'emb_scale', dataType: DataType.float, dims: [weights.rows, 1], data: weights.embeddingScale },
    { name: 'c_zero', dataType: DataType.int64, dims: [1], data: int64([0]) },
    { name: 'c_one', dataType: DataType.int64, dims: [1], data: int64([1]) },
    { name: 'c_minus_one', dataType: DataType.int64, dims: [1], data: int64([-1]) },
    { name: 'c_end', dataType: DataType.int64, dims: [1], data: int64([2 ** 53 - 1]) },
    { name: 'c_prime', dataType: DataType.int64, dims: [], data: int64([spec.prime]) },
    { name: 'c_buckets', dataType: DataType.int64, dims: [], data: int64([spec.buckets]) },
    { name: 'c_vocab', dataType: DataType.int64, dims: [], data: int64([spec.vocabSize]) },
    { name: 'c_axis1', dataType: DataType.int64, dims: [1], data: int64([1]) },
    { name: 'c_axis2', dataType: DataType.int64, dims: [1], data: int64([2]) },
    { name: 'c_min_count', dataType: DataType.float, dims: [], data: Float32Array.from([1]) },
    {
      name: 'out_w',
      dataType: DataType.float,
      dims: [
        (weights.hidden ? weights.hidden.size + (weights.hidden.skip ? weights.dim : 0) : weights.dim) +
          (weights.lexicon ? lexiconFeatureCount : 0),
        weights.outputs,
      ],
      data: weights.outWeight,
    },
    { name: 'out_b', dataType: DataType.float, dims: [weights.outputs], data: weights.outBias },
  ];
  const nodes: GraphNode[] = [
    // Bigrams: ids[:, :-1] and ids[:, 1:], hashed into buckets placed after the vocabulary rows.
    { op: 'Slice', inputs: ['input_ids', 'c_zero', 'c_minus_one', 'c_axis1'], outputs: ['left'] },
    { op: 'Slice', inputs: ['input_ids', 'c_one', 'c_end', 'c_axis1'], outputs: ['right'] },
    { op: 'Mul', inputs: ['left', 'c_prime'], outputs: ['left_p'] },
    { op: 'Add', inputs: ['left_p', 'right'], outputs: ['pair'] },
    { op: 'Mod', inputs: ['pair', 'c_buckets'], outputs: ['bucket'], attributes: { fmod: { kind: 'int', value: 0 } } },
    { op: 'Add', inputs: ['bucket', 'c_vocab'], outputs: ['bigram_ids'] },
    { op: 'Slice', inputs: ['attention_mask', 'c_zero', 'c_minus_one', 'c_axis1'], outputs: ['mask_left'] },
    { op: 'Slice', inputs: ['attention_mask', 'c_one', 'c_end', 'c_axis1'], outputs: ['mask_right'] },
    { op: 'Mul', inputs: ['mask_left', 'mask_right'], outputs: ['bigram_mask'] },
    {
      op: 'Concat',
      inputs: ['input_ids', 'bigram_ids'],
      outputs: ['feature_ids'],
      attributes: { axis: { kind: 'int', value: 1 } },
    },
    {
      op: 'Concat',
      inputs: ['attention_mask', 'bigram_mask'],
      outputs: ['feature_mask_i'],
      attributes: { axis: { kind: 'int', value: 1 } },
    },
    {
      op: 'Cast',
      inputs: ['feature_mask_i'],
      outputs: ['feature_mask'],
      attributes: { to: { kind: 'int', value: 1 } },
    },
    // Gather int8 rows first and dequantise only those: dequantising the whole table per call would cost ~MBs.
    {
      op: 'Gather',
      inputs: ['emb_q', 'feature_ids'],
      outputs: ['rows_q'],
      attributes: { axis: { kind: 'int', value: 0 } },
    },
    { op: 'Cast', inputs: ['rows_q'], outputs: ['rows_f'], attributes: { to: { kind: 'int', value: 1 } } },
    {
      op: 'Gather',
      inputs: ['emb_scale', 'feature_ids'],
      outputs: ['row_scale'],
      attributes: { axis: { kind: 'int', value: 0 } },
    },
    { op: 'Unsqueeze', inputs: ['feature_mask', 'c_axis2'], outputs: ['mask3'] },
    { op: 'Mul', inputs: ['row_scale', 'mask3'], outputs: ['weight3'] },
    { op: 'Mul', inputs: ['rows_f', 'weight3'], outputs: ['rows_masked'] },
    {
      op: 'ReduceSum',
      inputs: ['rows_masked', 'c_axis1'],
      outputs: ['sum'],
      attributes: { keepdims: { kind: 'int', value: 0 } },
    },
    {
      op: 'ReduceSum',
      inputs: ['feature_mask', 'c_axis1'],
      outputs: ['count'],
      attributes: { keepdims: { kind: 'int', value: 1 } },
    },
    { op: 'Max', inputs: ['count', 'c_min_count'], outputs: ['count_safe'] },
    { op: 'Div', inputs: ['sum', 'count_safe'], outputs: ['pooled'] },
  ];
  let headInput = 'pooled';
  if (weights.hidden) {
    init.push(
      {
        name: 'hid_w',
        dataType: DataType.float,
        dims: [weights.dim, weights.hidden.size],
        data: weights.hidden.weight,
      },
      { name: 'hid_b', dataType: DataType.float, dims: [weights.hidden.size], data: weights.hidden.bias },
    );
    nodes.push(
      { op: 'MatMul', inputs: ['pooled', 'hid_w'], outputs: ['hid_mm'] },
      { op: 'Add', inputs: ['hid_mm', 'hid_b'], outputs: ['hid_pre'] },
      { op: 'Tanh', inputs: ['hid_pre'], outputs: ['hidden'] },
    );
    headInput = 'hidden';
    if (weights.hidden.skip) {
      nodes.push({
        op: 'Concat',
        inputs: ['hidden', 'pooled'],
        outputs: ['head_in'],
        attributes: { axis: { kind: 'int', value: 1 } },
      });
      headInput = 'head_in';
    }
  }
  if (weights.lexicon) {
    headInput = addLexiconPath(nodes, init, weights.lexicon, spec.vocabSize, headInput);
  }
  // Each later stage reads the previous stage's logits; the last one is named `logits`.
  const stages = (weights.wide ? 1 : 0) + (weights.char?.length ?? 0);
  let stage = 0;
  const nextName = () => (++stage === stages ? 'logits' : `logits_stage${stage}`);
  let current = stages ? 'net_logits' : 'logits';
  nodes.push(
    { op: 'MatMul', inputs: [headInput, 'out_w'], outputs: ['out_mm'] },
    { op: 'Add', inputs: ['out_mm', 'out_b'], outputs: [current] },
  );

  const { early, late } = charStages(weights);
  // The token mask as floats, [batch, tokens, 1]: the lexicon path's when there is one, else made once here.
  const tokenMask = weights.lexicon ? 'lex_mask3' : 'char_mask3';
  if (weights.char?.length && !weights.lexicon) {
    nodes.push(
      { op: 'Cast', inputs: ['attention_mask'], outputs: ['char_mask2'], attributes: intAttr('to', 1) },
      { op: 'Unsqueeze', inputs: ['char_mask2', 'c_axis2'], outputs: [tokenMask] },
    );
  }
  // Paths over one vocabulary share their n-gram counts: stored once.
  const countsNames: { counts: Float32Array; name: string }[] = [];
  const addChar = (char: CharPathWeights) => {
    const out = nextName();
    const index = weights.char?.indexOf(char) ?? 0;
    const same = countsNames.find(
      (c) => c.counts.length === char.counts.length && c.counts.every((v, i) => v === char.counts[i]),
    );
    const counts = same?.name ?? `char${index}_counts`;
    if (!same) {
      countsNames.push({ counts: char.counts, name: counts });
      init.push({ name: counts, dataType: DataType.float, dims: [spec.vocabSize, 1], data: char.counts });
    }
    const names = { prefix: `char${index}_`, counts, mask: tokenMask, input: current, output: out };
    addCharPath(nodes, init, char, spec.vocabSize, weights.outputs, names);
    current = out;
  };
  early.forEach(addChar);
  if (weights.wide) {
    if (!weights.lexicon) throw new Error('the wide path needs the lexicon path');
    const rows = weights.wide.bigrams ? weights.rows : spec.vocabSize;
    const out = nextName();
    addWidePath(nodes, init, weights.wide, rows, weights.outputs, current, out);
    current = out;
  }
  late.forEach(addChar);
  return {
    name: meta.name,
    docString: meta.docString,
    nodes,
    initializers: init,
    inputs: [
      { name: 'input_ids', dataType: DataType.int64, shape: ['batch_size', 'sequence_length'] },
      { name: 'attention_mask', dataType: DataType.int64, shape: ['batch_size', 'sequence_length'] },
    ],
    outputs: [{ name: 'logits', dataType: DataType.float, shape: ['batch_size', weights.outputs] }],
  };
}

/**
 * The order of the character paths: one on the sentiment head runs before the wide path ("early"), so the wide path's
 * per-language calibration shift stays the last thing added to sentiment; the others run after it.
 */
export function charStages(weights: BagModelWeights): { early: CharPathWeights[]; late: CharPathWeights[] } {
  const chars = weights.char ?? [];
  const isEarly = (c: CharPathWeights) => weights.wide !== undefined && c.offset < 3;
  return { early: chars.filter(isEarly), late: chars.filter((c) => !isEarly(c)) };
}

/** One integer attribute of a node. */
function intAttr(name: string, value: number): Record<string, AttributeValue> {
  return { [name]: { kind: 'int', value } };
}

/** Appends the lexicon path (see LexiconPathWeights) and returns the name of the widened head input. */
function addLexiconPath(
  nodes: GraphNode[],
  init: Initializer[],
  lexicon: LexiconPathWeights,
  vocabSize: number,
  headInput: string,
): string {
  init.push(
    { name: 'lex_table', dataType: DataType.float, dims: [vocabSize, lexiconColumns], data: lexicon.table },
    { name: 'lex_c0', dataType: DataType.int64, dims: [1], data: int64([0]) },
    { name: 'lex_c2', dataType: DataType.int64, dims: [1], data: int64([2]) },
    { name: 'lex_c3', dataType: DataType.int64, dims: [1], data: int64([3]) },
    { name: 'lex_c4', dataType: DataType.int64, dims: [1], data: int64([4]) },
    { name: 'lex_c5', dataType: DataType.int64, dims: [1], data: int64([5]) },
    // Pad `negationWindow` zeros before the first token: pads = [begin b, t, c, end b, t, c].
    { name: 'lex_pads', dataType: DataType.int64, dims: [6], data: int64([0, negationWindow, 0, 0, 0, 0]) },
    { name: 'lex_one', dataType: DataType.float, dims: [], data: Float32Array.from([1]) },
    { name: 'lex_flip', dataType: DataType.float, dims: [], data: Float32Array.from([lexicon.negatedFactor - 1]) },
    { name: 'lex_inv_sat', dataType: DataType.float, dims: [], data: Float32Array.from([1 / lexicon.saturation]) },
  );
  nodes.push(
    { op: 'Gather', inputs: ['lex_table', 'input_ids'], outputs: ['lex_rows'], attributes: intAttr('axis', 0) },
    { op: 'Cast', inputs: ['attention_mask'], outputs: ['lex_mask2'], attributes: intAttr('to', 1) },
    { op: 'Unsqueeze', inputs: ['lex_mask2', 'c_axis2'], outputs: ['lex_mask3'] },
    { op: 'Mul', inputs: ['lex_rows', 'lex_mask3'], outputs: ['lex_masked'] },
    { op: 'Slice', inputs: ['lex_masked', 'lex_c0', 'lex_c2', 'c_axis2'], outputs: ['lex_val'] },
    { op: 'Slice', inputs: ['lex_masked', 'lex_c2', 'lex_c3', 'c_axis2'], outputs: ['lex_neg'] },
    { op: 'Slice', inputs: ['lex_masked', 'lex_c3', 'lex_c4', 'c_axis2'], outputs: ['lex_hint'] },
    { op: 'Slice', inputs: ['lex_masked', 'lex_c4', 'lex_c5', 'c_axis2'], outputs: ['lex_word'] },
    { op: 'Pad', inputs: ['lex_neg', 'lex_pads'], outputs: ['lex_neg_pad'] },
  );
  // Negators among the previous `negationWindow` tokens: shifted slices of the padded flags, summed, capped at 1.
  const shifted: string[] = [];
  for (let k = 0; k < negationWindow; k++) {
    const start = `lex_s${k}`;
    const end = `lex_e${k}`;
    init.push(
      { name: start, dataType: DataType.int64, dims: [1], data: int64([k]) },
      { name: end, dataType: DataType.int64, dims: [1], data: int64([k - negationWindow]) },
    );
    nodes.push({ op: 'Slice', inputs: ['lex_neg_pad', start, end, 'c_axis1'], outputs: [`lex_prev${k}`] });
    shifted.push(`lex_prev${k}`);
  }
  nodes.push(
    { op: 'Sum', inputs: shifted, outputs: ['lex_prev_sum'] },
    { op: 'Min', inputs: ['lex_prev_sum', 'lex_one'], outputs: ['lex_negated'] },
    // factor = 1 + (negatedFactor − 1) · negated
    { op: 'Mul', inputs: ['lex_negated', 'lex_flip'], outputs: ['lex_flip_by'] },
    { op: 'Add', inputs: ['lex_flip_by', 'lex_one'], outputs: ['lex_factor'] },
    { op: 'Mul', inputs: ['lex_val', 'lex_factor'], outputs: ['lex_v'] },
    { op: 'Relu', inputs: ['lex_v'], outputs: ['lex_pos'] },
    { op: 'Neg', inputs: ['lex_v'], outputs: ['lex_v_neg'] },
    { op: 'Relu', inputs: ['lex_v_neg'], outputs: ['lex_negmass'] },
    { op: 'Neg', inputs: ['lex_negmass'], outputs: ['lex_negpart'] },
    { op: 'ReduceSum', inputs: ['lex_v', 'c_axis1'], outputs: ['lex_sum_total'], attributes: intAttr('keepdims', 0) },
    { op: 'ReduceSum', inputs: ['lex_pos', 'c_axis1'], outputs: ['lex_sum_pos'], attributes: intAttr('keepdims', 0) },
    {
      op: 'ReduceSum',
      inputs: ['lex_negpart', 'c_axis1'],
      outputs: ['lex_sum_neg'],
      attributes: intAttr('keepdims', 0),
    },
    {
      op: 'Concat',
      inputs: ['lex_sum_total', 'lex_sum_pos', 'lex_sum_neg'],
      outputs: ['lex_sums'],
      attributes: intAttr('axis', 1),
    },
    { op: 'Mul', inputs: ['lex_sums', 'lex_inv_sat'], outputs: ['lex_scaled'] },
    { op: 'Tanh', inputs: ['lex_scaled'], outputs: ['lex_features'] },
    { op: 'Concat', inputs: [headInput, 'lex_features'], outputs: ['head_in_lex'], attributes: intAttr('axis', 1) },
  );
  return 'head_in_lex';
}

/** Appends the wide sentiment model and the language-gated mix (see WidePathWeights); writes `logits`. */
function addWidePath(
  nodes: GraphNode[],
  init: Initializer[],
  wide: WidePathWeights,
  tableRows: number,
  outputs: number,
  input: string,
  output: string,
): void {
  init.push(
    { name: 'wide_q', dataType: DataType.int8, dims: [tableRows, 3], data: wide.weightQ },
    { name: 'wide_scale', dataType: DataType.float, dims: [tableRows, 1], data: wide.rowScale },
    { name: 'wide_lex_w', dataType: DataType.float, dims: [lexiconFeatureCount, 3], data: wide.lexWeight },
    { name: 'wide_b', dataType: DataType.float, dims: [3], data: wide.bias },
    { name: 'wide_gate_slope', dataType: DataType.float, dims: [], data: Float32Array.from([-wide.gateSlope]) },
    { name: 'wide_mix', dataType: DataType.float, dims: [], data: Float32Array.from([wide.mix]) },
    { name: 'wide_shift_de', dataType: DataType.float, dims: [3], data: wide.shiftDe },
    {
      name: 'wide_shift_diff',
      dataType: DataType.float,
      dims: [3],
      data: Float32Array.from(wide.shiftEn, (v, i) => v - (wide.shiftDe[i] as number)),
    },
    { name: 'wide_c3', dataType: DataType.int64, dims: [1], data: int64([3]) },
    { name: 'wide_cout', dataType: DataType.int64, dims: [1], data: int64([outputs]) },
  );
  // lex_word is already masked by the attention mask: padding and non-word tokens count for nothing. With bigrams,
  // the rows are the bag features' (ids then bigram rows) and the mask is the word flags then the bigram mask.
  const [wideIds, wideMask] = wide.bigrams ? ['feature_ids', 'wide_mask'] : ['input_ids', 'lex_word'];
  if (wide.bigrams) {
    nodes.push(
      { op: 'Shape', inputs: ['input_ids'], outputs: ['wide_ids_shape'] },
      { op: 'Slice', inputs: ['wide_ids_shape', 'c_one', 'c_axis2', 'c_zero'], outputs: ['wide_len'] },
      { op: 'Slice', inputs: ['mask3', 'wide_len', 'c_end', 'c_axis1'], outputs: ['wide_pair_mask'] },
      { op: 'Concat', inputs: ['lex_word', 'wide_pair_mask'], outputs: ['wide_mask'], attributes: intAttr('axis', 1) },
    );
  }
  nodes.push(
    { op: 'Gather', inputs: ['wide_q', wideIds], outputs: ['wide_rows_q'], attributes: intAttr('axis', 0) },
    { op: 'Cast', inputs: ['wide_rows_q'], outputs: ['wide_rows_i'], attributes: intAttr('to', 1) },
    { op: 'Gather', inputs: ['wide_scale', wideIds], outputs: ['wide_row_scale'], attributes: intAttr('axis', 0) },
    { op: 'Mul', inputs: ['wide_rows_i', 'wide_row_scale'], outputs: ['wide_rows'] },
    { op: 'Mul', inputs: ['wide_rows', wideMask], outputs: ['wide_masked'] },
    { op: 'ReduceSum', inputs: ['wide_masked', 'c_axis1'], outputs: ['wide_sum'], attributes: intAttr('keepdims', 0) },
    { op: 'ReduceSum', inputs: [wideMask, 'c_axis1'], outputs: ['wide_count'], attributes: intAttr('keepdims', 0) },
    { op: 'Max', inputs: ['wide_count', 'c_min_count'], outputs: ['wide_count_safe'] },
    { op: 'Sqrt', inputs: ['wide_count_safe'], outputs: ['wide_norm'] },
    { op: 'Div', inputs: ['wide_sum', 'wide_norm'], outputs: ['wide_sparse'] },
    { op: 'MatMul', inputs: ['lex_features', 'wide_lex_w'], outputs: ['wide_lex'] },
    { op: 'Add', inputs: ['wide_sparse', 'wide_lex'], outputs: ['wide_pre'] },
    { op: 'Add', inputs: ['wide_pre', 'wide_b'], outputs: ['wide_logits'] },
    { op: 'LogSoftmax', inputs: ['wide_logits'], outputs: ['wide_ls'], attributes: intAttr('axis', 1) },
    { op: 'Slice', inputs: [input, 'c_zero', 'wide_c3', 'c_axis1'], outputs: ['net_sent'] },
    { op: 'Slice', inputs: [input, 'wide_c3', 'wide_cout', 'c_axis1'], outputs: ['net_rest'] },
    { op: 'LogSoftmax', inputs: ['net_sent'], outputs: ['net_ls'], attributes: intAttr('axis', 1) },
    // Gate: g = sigmoid(−slope · Σ hints), times the mix weight.
    { op: 'ReduceSum', inputs: ['lex_hint', 'c_axis1'], outputs: ['wide_hint'], attributes: intAttr('keepdims', 0) },
    { op: 'Mul', inputs: ['wide_hint', 'wide_gate_slope'], outputs: ['wide_gate_pre'] },
    { op: 'Sigmoid', inputs: ['wide_gate_pre'], outputs: ['wide_gate'] },
    { op: 'Mul', inputs: ['wide_gate', 'wide_mix'], outputs: ['wide_alpha'] },
    { op: 'Sub', inputs: ['wide_ls', 'net_ls'], outputs: ['wide_delta'] },
    { op: 'Mul', inputs: ['wide_delta', 'wide_alpha'], outputs: ['wide_step'] },
    { op: 'Add', inputs: ['net_ls', 'wide_step'], outputs: ['mixed_ls'] },
    { op: 'Mul', inputs: ['wide_gate', 'wide_shift_diff'], outputs: ['wide_shift_gated'] },
    { op: 'Add', inputs: ['wide_shift_gated', 'wide_shift_de'], outputs: ['wide_shift'] },
    { op: 'Add', inputs: ['mixed_ls', 'wide_shift'], outputs: ['sent_out'] },
    { op: 'Concat', inputs: ['sent_out', 'net_rest'], outputs: [output], attributes: intAttr('axis', 1) },
  );
}

/** Appends one character n-gram model (see CharPathWeights), mixing it into its head's columns of `input`. */
function addCharPath(
  nodes: GraphNode[],
  init: Initializer[],
  char: CharPathWeights,
  vocabSize: number,
  outputs: number,
  names: { prefix: string; counts: string; mask: string; input: string; output: string },
): void {
  const { prefix: p, counts: countsName, mask, input, output } = names;
  const end = char.offset + char.classes;
  init.push(
    { name: `${p}q`, dataType: DataType.int8, dims: [vocabSize, char.classes], data: char.tableQ },
    { name: `${p}scale`, dataType: DataType.float, dims: [vocabSize, 1], data: char.rowScale },
    { name: `${p}b`, dataType: DataType.float, dims: [char.classes], data: char.bias },
    { name: `${p}mix`, dataType: DataType.float, dims: [], data: Float32Array.from([char.mix]) },
    { name: `${p}shift`, dataType: DataType.float, dims: [char.classes], data: char.shift },
    { name: `${p}from`, dataType: DataType.int64, dims: [1], data: int64([char.offset]) },
    { name: `${p}to`, dataType: DataType.int64, dims: [1], data: int64([end]) },
  );
  nodes.push(
    { op: 'Gather', inputs: [`${p}q`, 'input_ids'], outputs: [`${p}rows_q`], attributes: intAttr('axis', 0) },
    { op: 'Cast', inputs: [`${p}rows_q`], outputs: [`${p}rows_i`], attributes: intAttr('to', 1) },
    { op: 'Gather', inputs: [`${p}scale`, 'input_ids'], outputs: [`${p}row_scale`], attributes: intAttr('axis', 0) },
    { op: 'Mul', inputs: [`${p}row_scale`, mask], outputs: [`${p}row_weight`] },
    { op: 'Mul', inputs: [`${p}rows_i`, `${p}row_weight`], outputs: [`${p}rows`] },
    { op: 'ReduceSum', inputs: [`${p}rows`, 'c_axis1'], outputs: [`${p}sum`], attributes: intAttr('keepdims', 0) },
    { op: 'Gather', inputs: [countsName, 'input_ids'], outputs: [`${p}row_counts`], attributes: intAttr('axis', 0) },
    { op: 'Mul', inputs: [`${p}row_counts`, mask], outputs: [`${p}counts_masked`] },
    {
      op: 'ReduceSum',
      inputs: [`${p}counts_masked`, 'c_axis1'],
      outputs: [`${p}count`],
      attributes: intAttr('keepdims', 0),
    },
    { op: 'Max', inputs: [`${p}count`, 'c_min_count'], outputs: [`${p}count_safe`] },
    { op: 'Sqrt', inputs: [`${p}count_safe`], outputs: [`${p}norm`] },
    { op: 'Div', inputs: [`${p}sum`, `${p}norm`], outputs: [`${p}scores`] },
    { op: 'Add', inputs: [`${p}scores`, `${p}b`], outputs: [`${p}logits`] },
    { op: 'LogSoftmax', inputs: [`${p}logits`], outputs: [`${p}ls`], attributes: intAttr('axis', 1) },
    { op: 'Slice', inputs: [input, `${p}from`, `${p}to`, 'c_axis1'], outputs: [`${p}head`] },
    { op: 'LogSoftmax', inputs: [`${p}head`], outputs: [`${p}net_ls`], attributes: intAttr('axis', 1) },
    { op: 'Sub', inputs: [`${p}ls`, `${p}net_ls`], outputs: [`${p}delta`] },
  );
  let mix = `${p}mix`;
  if (char.germanGateSlope !== undefined) {
    init.push({
      name: `${p}gate_slope`,
      dataType: DataType.float,
      dims: [],
      data: Float32Array.from([char.germanGateSlope]),
    });
    nodes.push(
      { op: 'ReduceSum', inputs: ['lex_hint', 'c_axis1'], outputs: [`${p}hint`], attributes: intAttr('keepdims', 0) },
      { op: 'Mul', inputs: [`${p}hint`, `${p}gate_slope`], outputs: [`${p}gate_pre`] },
      { op: 'Sigmoid', inputs: [`${p}gate_pre`], outputs: [`${p}gate`] },
      { op: 'Mul', inputs: [`${p}gate`, `${p}mix`], outputs: [`${p}mix_gated`] },
    );
    mix = `${p}mix_gated`;
  }
  nodes.push(
    { op: 'Mul', inputs: [`${p}delta`, mix], outputs: [`${p}step`] },
    { op: 'Add', inputs: [`${p}net_ls`, `${p}step`], outputs: [`${p}mixed`] },
    { op: 'Add', inputs: [`${p}mixed`, `${p}shift`], outputs: [`${p}head_out`] },
  );
  // Columns before and after the head pass through unchanged (an empty slice is left out of the concat).
  const parts: string[] = [];
  if (char.offset > 0) {
    nodes.push({ op: 'Slice', inputs: [input, 'c_zero', `${p}from`, 'c_axis1'], outputs: [`${p}before`] });
    parts.push(`${p}before`);
  }
  parts.push(`${p}head_out`);
  if (end < outputs) {
    init.push({ name: `${p}all`, dataType: DataType.int64, dims: [1], data: int64([outputs]) });
    nodes.push({ op: 'Slice', inputs: [input, `${p}to`, `${p}all`, 'c_axis1'], outputs: [`${p}after`] });
    parts.push(`${p}after`);
  }
  nodes.push({ op: 'Concat', inputs: parts, outputs: [output], attributes: intAttr('axis', 1) });
}
