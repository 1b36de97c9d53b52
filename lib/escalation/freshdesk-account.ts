/**
 * A team's Freshdesk account as the settings hold it: where its API lives and how its API key authenticates. Kept
 * apart from the escalation action so the content script (which reads tickets through the same API) stays small.
 */

/** The API origin for a configured domain: "acme" → https://acme.freshdesk.com. */
export function freshdeskBaseUrl(domain: string): string {
  const host = domain
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/\/.*$/, '')
    .toLowerCase();
  return host.includes('.') ? `https://${host}` : `https://${host}.freshdesk.com`;
}

/** The `Authorization` header for an API key: Freshdesk takes `key:X` as Basic credentials. */
export function freshdeskBasicAuth(apiKey: string): string {
  // Freshdesk API keys are ASCII; encode as UTF-8 anyway so a pasted odd character fails at Freshdesk, not in btoa.
  const bytes = new TextEncoder().encode(`${apiKey}:X`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}
