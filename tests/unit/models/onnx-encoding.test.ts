// @vitest-environment node
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DataType, encodeOnnxModel, type OnnxGraph } from '../../../scripts/train/onnx';

// Every kind of field the trainer writes: int and float attributes, int8/float/int64 tensors (a scalar, an int64 at
// 2^53 − 1), symbolic and fixed dims, a non-ASCII doc string and metadata.
const graph: OnnxGraph = {
  name: 'tiny',
  docString: 'Größe 😀',
  nodes: [
    { op: 'Gather', inputs: ['emb', 'input_ids'], outputs: ['rows'], attributes: { axis: { kind: 'int', value: 0 } } },
    { op: 'LeakyRelu', inputs: ['rows'], outputs: ['logits'], attributes: { alpha: { kind: 'float', value: 0.1 } } },
  ],
  initializers: [
    { name: 'emb', dataType: DataType.int8, dims: [3, 2], data: Int8Array.from([1, -2, 3, -4, 127, -128]) },
    { name: 'scale', dataType: DataType.float, dims: [], data: Float32Array.from([0.5]) },
    { name: 'big', dataType: DataType.int64, dims: [1], data: BigInt64Array.from([2n ** 53n - 1n]) },
  ],
  inputs: [{ name: 'input_ids', dataType: DataType.int64, shape: ['batch_size', 'sequence_length'] }],
  outputs: [{ name: 'logits', dataType: DataType.float, shape: ['batch_size', 300] }],
  metadata: { labels: 'a,b' },
};

describe('ONNX encoding', () => {
  it('writes the same bytes as the hand-written protobuf writer it replaced (training output stays byte-identical)', () => {
    const bytes = encodeOnnxModel(graph);
    expect(bytes.length).toBe(334);
    // Digest of the hand-written writer's output for this graph, taken before protobufjs did the encoding.
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(
      '6a5cce00b36c2397bff3be0170c6240029223f73c29ce7aa5582a641eae46232',
    );
  });

  it('rejects a graph whose values do not fit the schema instead of writing a broken file', () => {
    const broken: OnnxGraph = { ...graph, inputs: [{ name: 'x', dataType: DataType.int64, shape: [Number.NaN] }] };
    expect(() => encodeOnnxModel(broken)).toThrow(/schema/);
  });
});
