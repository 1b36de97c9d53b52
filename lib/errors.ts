/**
 * Errors that cross module and context boundaries carry a machine-readable code and a message a person can act on.
 * Codes are `<area>/<what>`, e.g. `adapter/anchor-missing`, `model/webgpu-unavailable`; each has a text for the agent
 * in the catalogue (`lib/strings/errors.ts`), filled with the error's `params`.
 */
import { isMessageKey, siteNameOf, type Translate } from './i18n';

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

/** Values for the `{name}` placeholders of the error's catalogue text (`errors.<code>` in `lib/strings/errors.ts`). */
export type ErrorParams = Record<string, string | number>;

/**
 * The shape an error takes when it crosses a context boundary (message passing, ports, workers). `message` is the
 * English detail for logs and the last resort; what the agent reads is the catalogue's text for `code` with `params`.
 */
export interface SerializedError {
  code: ErrorCode;
  message: string;
  params?: ErrorParams;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams | undefined;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; params?: ErrorParams }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.params = options?.params;
  }

  toJSON(): SerializedError {
    return this.params
      ? { code: this.code, message: this.message, params: this.params }
      : { code: this.code, message: this.message };
  }
}

function isErrorParams(value: unknown): value is ErrorParams {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every((item) => typeof item === 'string' || typeof item === 'number');
}

/** True when `value` looks like a serialized error (checked field by field: it came from another context). */
export function isSerializedError(value: unknown): value is SerializedError {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message, params } = value as Record<string, unknown>;
  return (
    typeof code === 'string' &&
    /^[a-z]+\/[\w-]+$/.test(code) &&
    typeof message === 'string' &&
    (params === undefined || isErrorParams(params))
  );
}

/** Turns anything thrown into a `SerializedError`; unknown errors become `internal/unexpected` with their text. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof AppError) return error.toJSON();
  if (isSerializedError(error)) {
    return error.params
      ? { code: error.code, message: error.message, params: error.params }
      : { code: error.code, message: error.message };
  }
  if (error instanceof Error) return { code: 'internal/unexpected', message: error.message || error.name };
  return { code: 'internal/unexpected', message: String(error) };
}

/** Rebuilds an `AppError` on the receiving side of a boundary. */
export function deserializeError(error: SerializedError): AppError {
  return new AppError(error.code, error.message, error.params ? { params: error.params } : undefined);
}

/** Wraps anything thrown into an `AppError`, keeping an existing code. */
export function toAppError(error: unknown, fallbackCode: ErrorCode = 'internal/unexpected'): AppError {
  if (error instanceof AppError) return error;
  const serialized = serializeError(error);
  const code = serialized.code === 'internal/unexpected' ? fallbackCode : serialized.code;
  return new AppError(code, serialized.message, {
    cause: error,
    ...(serialized.params ? { params: serialized.params } : {}),
  });
}

/**
 * What the agent reads for an error, in the UI's language: the catalogue's `errors.<code>` text with the error's
 * params. The English `message` is shown only for a code the catalogue does not know (an error from a newer part of
 * the extension, or a bug), so the agent still sees something to act on.
 */
export function describeError(error: unknown, t: Translate): string {
  const { code, message, params } = serializeError(error);
  const key = `errors.${code}`;
  if (!isMessageKey(key)) return message;
  const site = params?.site;
  return t(key, typeof site === 'string' ? { ...params, site: siteNameOf(site, t) } : params);
}
