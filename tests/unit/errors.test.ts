// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { AppError, deserializeError, isSerializedError, serializeError, toAppError } from '../../lib/errors';

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
