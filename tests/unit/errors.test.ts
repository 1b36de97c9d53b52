// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  AppError,
  describeError,
  deserializeError,
  isSerializedError,
  serializeError,
  toAppError,
} from '../../lib/errors';
import { createTranslator, dictionaryKeys } from '../../lib/i18n';

describe('errors', () => {
  it('keeps code and message across a boundary', () => {
    const error = new AppError('adapter/anchor-missing', 'missing: .thread');
    const wire = JSON.parse(JSON.stringify(serializeError(error)));
    expect(isSerializedError(wire)).toBe(true);
    const back = deserializeError(wire);
    expect(back).toBeInstanceOf(AppError);
    expect(back.code).toBe('adapter/anchor-missing');
    expect(back.message).toBe('missing: .thread');
  });

  it('turns unknown throws into internal errors with their text', () => {
    expect(serializeError(new TypeError('boom'))).toEqual({ code: 'internal/unexpected', message: 'boom' });
    expect(serializeError('odd')).toEqual({ code: 'internal/unexpected', message: 'odd' });
    expect(toAppError(new Error('x'), 'model/load-failed').code).toBe('model/load-failed');
  });

  it('rejects payloads that only resemble errors', () => {
    expect(isSerializedError({ code: 'no slash', message: 'x' })).toBe(false);
    expect(isSerializedError({ code: 'a/b' })).toBe(false);
    expect(isSerializedError(null)).toBe(false);
  });
});

describe('errors in the agent’s language', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));

  function sourceFiles(dir: string): string[] {
    return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(path);
      return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
    });
  }

  /** Every error code written as a literal where errors are made: `new AppError('…'`, `code: '…'`, `make('…'`, … */
  function thrownCodes(): Map<string, string> {
    const errorsSource = readFileSync(join(root, 'lib/errors.ts'), 'utf8');
    const areaUnion = /export type ErrorArea =([^;]+);/.exec(errorsSource)?.[1] ?? '';
    const areas = [...areaUnion.matchAll(/'([a-z]+)'/g)].map((match) => match[1]);
    expect(areas).toContain('adapter');
    const literal = new RegExp(`'((?:${areas.join('|')})/[a-z][a-z0-9-]*)'`, 'g');
    const codes = new Map<string, string>();
    for (const file of [...sourceFiles('lib'), ...sourceFiles('entrypoints'), ...sourceFiles('components')]) {
      if (file.startsWith(join('lib', 'strings'))) continue;
      for (const match of readFileSync(join(root, file), 'utf8').matchAll(literal)) {
        if (match[1] && !codes.has(match[1])) codes.set(match[1], file);
      }
    }
    return codes;
  }

  it('has a text in English and German for every error code thrown in lib/, entrypoints/ and components/', () => {
    const codes = thrownCodes();
    // The scan finds what it should: codes made by `new AppError`, by `code:` objects and by helpers.
    expect(codes.has('adapter/anchor-missing')).toBe(true);
    expect(codes.has('replies/no-templates')).toBe(true);
    expect(codes.has('api/rate-limited')).toBe(true);
    expect(codes.size).toBeGreaterThan(50);
    const en = new Set(dictionaryKeys('en'));
    const de = new Set(dictionaryKeys('de'));
    const missing = [...codes].filter(([code]) => !en.has(`errors.${code}`) || !de.has(`errors.${code}`));
    expect(missing.map(([code, file]) => `${code} (${file})`)).toEqual([]);
  });

  it('says a known error in the UI language with its params, and an unknown one by its message', () => {
    const error = new AppError('adapter/anchor-missing', "Can't read … (missing: messages)", {
      params: { site: 'Zendesk', anchor: 'messages' },
    });
    expect(describeError(error, createTranslator('en'))).toBe(
      "Can't read this conversation on Zendesk (missing: messages) — select the text or pick the conversation area",
    );
    expect(describeError(error, createTranslator('de'))).toBe(
      'Diese Unterhaltung auf Zendesk lässt sich nicht lesen (es fehlt: messages) – markieren Sie den Text oder wählen Sie den Unterhaltungsbereich aus',
    );
    // Across a boundary the params travel with the code.
    const wire = JSON.parse(JSON.stringify(serializeError(error)));
    expect(wire.params).toEqual({ site: 'Zendesk', anchor: 'messages' });
    expect(describeError(deserializeError(wire), createTranslator('de'))).toContain('auf Zendesk');
    expect(describeError({ code: 'replies/cancelled', message: 'Stopped by the agent.' }, createTranslator('de'))).toBe(
      'Vom Agenten gestoppt.',
    );
    expect(describeError(new AppError('model/brand-new', 'Something new failed.'), createTranslator('de'))).toBe(
      'Something new failed.',
    );
  });

  it('rejects params that are not plain strings and numbers', () => {
    expect(isSerializedError({ code: 'a/b', message: 'x', params: { site: 'Gmail', count: 2 } })).toBe(true);
    expect(isSerializedError({ code: 'a/b', message: 'x', params: { nested: { a: 1 } } })).toBe(false);
    expect(isSerializedError({ code: 'a/b', message: 'x', params: ['x'] })).toBe(false);
  });
});
