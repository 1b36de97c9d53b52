/**
 * Errors that cross module and context boundaries carry a machine-readable code and a message a person can act on.
 * Codes are `<area>/<what>`, e.g. `adapter/anchor-missing`, `model/webgpu-unavailable`.
 */
export type ErrorArea =
  | 'adapter'
  | 'api'
  | 'messaging'
  | 'model'
  | 'analysis'
  | 'templates'
  | 'replies'
  | 'escalation'
  | 'storage'
  | 'settings'
  | 'panel'
  | 'internal';

export type ErrorCode = `${ErrorArea}/${string}`;

/** The shape an error takes when it crosses a context boundary (message passing, ports, workers). */
export interface SerializedError {
  code: ErrorCode;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }

  toJSON(): SerializedError {
    return { code: this.code, message: this.message };
  }
}

/** True when `value` looks like a serialized error (checked field by field: it came from another context). */
export function isSerializedError(value: unknown): value is SerializedError {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return typeof code === 'string' && /^[a-z]+\/[\w-]+$/.test(code) && typeof message === 'string';
}

/** Turns anything thrown into a `SerializedError`; unknown errors become `internal/unexpected` with their text. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof AppError) return error.toJSON();
  if (isSerializedError(error)) return { code: error.code, message: error.message };
  if (error instanceof Error) return { code: 'internal/unexpected', message: error.message || error.name };
  return { code: 'internal/unexpected', message: String(error) };
}

/** Rebuilds an `AppError` on the receiving side of a boundary. */
export function deserializeError(error: SerializedError): AppError {
  return new AppError(error.code, error.message);
}

/** Wraps anything thrown into an `AppError`, keeping an existing code. */
export function toAppError(error: unknown, fallbackCode: ErrorCode = 'internal/unexpected'): AppError {
  if (error instanceof AppError) return error;
  const serialized = serializeError(error);
  const code = serialized.code === 'internal/unexpected' ? fallbackCode : serialized.code;
  return new AppError(code, serialized.message, { cause: error });
}
