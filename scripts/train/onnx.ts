/**
 * A small hand-written ONNX writer: ONNX files are plain protobuf, and the few messages a bag-of-embeddings
 * classifier needs (ModelProto, GraphProto, NodeProto, TensorProto, ValueInfoProto) fit in this file, so the
 * project needs no protobuf dependency. Field numbers follow onnx/onnx.proto (IR version 8, opset 13).
 */

/** ONNX TensorProto.DataType values used here. */
export const DataType = { float: 1, int8: 3, int64: 7 } as const;
type DataTypeValue = (typeof DataType)[keyof typeof DataType];

class ProtoWriter {
  private chunks: Uint8Array[] = [];
  private length = 0;

  private push(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.length += bytes.length;
  }

  varint(value: number): void {
    // Values here are non-negative and below 2^53 (dims, enums, lengths); negative int64s are not needed.
    if (value < 0 || !Number.isSafeInteger(value)) throw new Error(`varint out of range: ${value}`);
    const out: number[] = [];
    let v = value;
    while (v >= 0x80) {
      out.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    out.push(v);
    this.push(Uint8Array.from(out));
  }

  tag(field: number, wireType: 0 | 1 | 2 | 5): void {
    this.varint(field * 8 + wireType);
  }

  int(field: number, value: number): void {
    this.tag(field, 0);
    this.varint(value);
  }

  bytes(field: number, value: Uint8Array): void {
    this.tag(field, 2);
    this.varint(value.length);
    this.push(value);
  }

  string(field: number, value: string): void {
    this.bytes(field, new TextEncoder().encode(value));
  }

  message(field: number, build: (w: ProtoWriter) => void): void {
    const inner = new ProtoWriter();
    build(inner);
    this.bytes(field, inner.finish());
  }

  float(field: number, value: number): void {
    this.tag(field, 5);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    this.push(b);
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.length);
    let offset = 0;
    for (const c of this.chunks) {
      out.set(c, offset);
      offset += c.length;
    }
    return out;
  }
}

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

function writeValueInfo(w: ProtoWriter, v: GraphValue): void {
  w.string(1, v.name);
  w.message(2, (type) =>
    type.message(1, (tensor) => {
      tensor.int(1, v.dataType);
      tensor.message(2, (shape) => {
        for (const d of v.shape) {
          shape.message(1, (dim) => (typeof d === 'number' ? dim.int(1, d) : dim.string(2, d)));
        }
      });
    }),
  );
}

function toBytes(data: Initializer['data']): Uint8Array {
  // Typed arrays are little-endian on every platform Node and browsers run on, which is what raw_data wants.
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** Serialises a graph to the bytes of an `.onnx` file. */
export function encodeOnnxModel(graph: OnnxGraph): Uint8Array {
  const w = new ProtoWriter();
  w.int(1, 8); // ir_version
  w.string(2, 'rapport-train');
  w.string(3, '1');
  if (graph.docString) w.string(6, graph.docString);
  w.message(7, (g) => {
    for (const n of graph.nodes) {
      g.message(1, (node) => {
        for (const i of n.inputs) node.string(1, i);
        for (const o of n.outputs) node.string(2, o);
        node.string(3, `${n.op}_${n.outputs[0] ?? ''}`);
        node.string(4, n.op);
        for (const [name, attr] of Object.entries(n.attributes ?? {})) {
          node.message(5, (a) => {
            a.string(1, name);
            if (attr.kind === 'int') {
              a.int(3, attr.value);
              a.int(20, 2);
            } else {
              a.float(2, attr.value);
              a.int(20, 1);
            }
          });
        }
      });
    }
    g.string(2, graph.name);
    for (const t of graph.initializers) {
      g.message(5, (tensor) => {
        for (const d of t.dims) tensor.int(1, d);
        tensor.int(2, t.dataType);
        tensor.string(8, t.name);
        tensor.bytes(9, toBytes(t.data));
      });
    }
    for (const v of graph.inputs) g.message(11, (vi) => writeValueInfo(vi, v));
    for (const v of graph.outputs) g.message(12, (vi) => writeValueInfo(vi, v));
  });
  w.message(8, (opset) => {
    opset.string(1, '');
    opset.int(2, 13);
  });
  for (const [key, value] of Object.entries(graph.metadata ?? {})) {
    w.message(14, (entry) => {
      entry.string(1, key);
      entry.string(2, value);
    });
  }
  return w.finish();
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
        weights.hidden ? weights.hidden.size + (weights.hidden.skip ? weights.dim : 0) : weights.dim,
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
  nodes.push(
    { op: 'MatMul', inputs: [headInput, 'out_w'], outputs: ['out_mm'] },
    { op: 'Add', inputs: ['out_mm', 'out_b'], outputs: ['logits'] },
  );
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
