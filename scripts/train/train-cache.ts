/**
 * An optional on-disk cache for the trainer's deterministic linear models (wide and character paths), for
 * experiments: with TRAIN_CACHE=dir, a model whose inputs hash the same as a stored one is read back instead of being
 * trained again, so a run that only changes the network's seed or the calibration skips minutes of work. The key
 * covers every example (features, targets, weights) and every option, so a stale entry cannot be read back; the
 * shipped `npm run train` does not set TRAIN_CACHE.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** FNV-1a over bytes, continued from `h`. */
function hashBytes(bytes: Uint8Array, h: number): number {
  let x = h;
  for (let i = 0; i < bytes.length; i++) {
    x ^= bytes[i] as number;
    x = Math.imul(x, 0x01000193) >>> 0;
  }
  return x;
}

/** A key over typed arrays, numbers and strings, in order. */
export function hashInputs(parts: Iterable<ArrayBufferView | number | string>): string {
  let a = 0x811c9dc5;
  let b = 0x12345678;
  const encoder = new TextEncoder();
  for (const p of parts) {
    const bytes =
      typeof p === 'string'
        ? encoder.encode(p)
        : typeof p === 'number'
          ? new Uint8Array(Float64Array.of(p).buffer)
          : new Uint8Array(p.buffer, p.byteOffset, p.byteLength);
    a = hashBytes(bytes, a);
    b = hashBytes(bytes, b ^ 0x9e3779b9);
  }
  return `${a.toString(16)}${b.toString(16)}`;
}

/** Runs `train`, or reads its result back from TRAIN_CACHE when one with the same key is stored there. */
export function cachedModel<K extends string>(
  name: string,
  key: string,
  fields: readonly K[],
  train: () => Record<K, Float32Array>,
  log: (line: string) => void,
): Record<K, Float32Array> {
  const dir = process.env.TRAIN_CACHE;
  if (!dir) return train();
  const path = join(dir, `${name}-${key}.json`);
  if (existsSync(path)) {
    const stored: unknown = JSON.parse(readFileSync(path, 'utf8'));
    const read = (field: K): Float32Array => {
      const v: unknown = typeof stored === 'object' && stored !== null ? Reflect.get(stored, field) : undefined;
      if (typeof v !== 'string') throw new Error(`${path}: ${field} is missing`);
      const bytes = Buffer.from(v, 'base64');
      return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    };
    const out = Object.fromEntries(fields.map((f) => [f, read(f)]));
    log(`${name}: read back from ${path}`);
    return out as Record<K, Float32Array>;
  }
  const model = train();
  mkdirSync(dir, { recursive: true });
  const stored = Object.fromEntries(
    fields.map((f) => [f, Buffer.from(model[f].buffer, model[f].byteOffset, model[f].byteLength).toString('base64')]),
  );
  writeFileSync(path, JSON.stringify(stored));
  return model;
}
