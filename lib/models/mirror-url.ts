import { AppError } from '../errors';

/**
 * Hosts a mirror may serve over plain http: this computer only. A company mirror elsewhere must use https, or anyone
 * on the network path could swap the files (issue 20). The tests' local servers listen on these.
 */
const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether `url` points at this computer (a local test or development server). */
export function isLoopbackUrl(url: URL): boolean {
  return loopbackHosts.has(url.hostname);
}

/**
 * Parses a mirror address typed in settings or pushed by policy. Throws `model/bad-mirror` when it is not a URL, is
 * not https (plain http is accepted for localhost and 127.0.0.1 only), or carries a user name or password (which
 * would sit in settings and in every request log).
 */
export function parseMirrorUrl(raw: string): URL {
  const trimmed = raw.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new AppError('model/bad-mirror', `The mirror URL "${trimmed}" is not a valid URL.`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackUrl(url))) {
    throw new AppError(
      'model/bad-mirror',
      url.protocol === 'http:'
        ? `The mirror URL must start with https:// (plain http only for localhost; got ${url.host}).`
        : `The mirror URL must start with https:// (got ${url.protocol}).`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new AppError('model/bad-mirror', 'The mirror URL must not contain a user name or password.');
  }
  url.search = '';
  url.hash = '';
  return url;
}
