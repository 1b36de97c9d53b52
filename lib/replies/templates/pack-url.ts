import { AppError } from '../../errors';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** True for hosts that never leave the machine, where plain http cannot be intercepted on the network. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || hostname.endsWith('.localhost');
}

/**
 * Checks a team pack address and returns it normalised (no fragment). Packs must come over https, so nobody on the
 * network can change what agents send to customers; plain http is accepted only for localhost, for testing a pack.
 * Throws `templates/pack-url-invalid` or `templates/pack-url-insecure` with a message for the subscribe form.
 */
export function validatePackUrl(input: string): URL {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch (error) {
    throw new AppError('templates/pack-url-invalid', `“${input}” is not a web address.`, { cause: error });
  }
  if (url.username || url.password) {
    throw new AppError(
      'templates/pack-url-invalid',
      'Remove the user name and password from the pack address; browsers do not send them this way.',
    );
  }
  const isSecure = url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  if (!isSecure) {
    throw new AppError(
      'templates/pack-url-insecure',
      url.protocol === 'http:'
        ? 'Team packs must be served over https (http only works for localhost).'
        : `Team packs are fetched over https; “${url.protocol}” addresses are not supported.`,
    );
  }
  url.hash = '';
  return url;
}

/** The host permission pattern the UI requests before subscribing (`https://intranet.example.com/*`). */
export function packOriginPattern(input: string): string {
  const url = validatePackUrl(input);
  return `${url.protocol}//${url.hostname}/*`;
}
