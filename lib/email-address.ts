/**
 * The one pattern for mail addresses, used to find them in page and message text and to check the ones agents type.
 *
 * Letters and digits are Unicode (`jürgen@müller.de` is a real address in German mail), which is why zod's default
 * `z.email()` pattern (ASCII only) is not used; zod still does the checking where a schema needs it, given
 * `wholeEmailAddress` as its pattern. Quoted local parts and IP-literal domains (RFC 5322 allows them) are left out:
 * they do not occur in helpdesk pages and would make a pattern that searches running text match prose.
 */
const local = String.raw`[\p{L}\p{N}._%+'-]+`;
const domain = String.raw`[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+`;

/** An address anywhere in a text (no flags besides `u`: callers that need `g` use `findEmailAddresses`). */
export const emailAddressPattern = new RegExp(`${local}@${domain}`, 'u');

/** A string that is exactly one address (for `z.email({ pattern })` and form checks). */
export const wholeEmailAddress = new RegExp(`^${local}@${domain}$`, 'u');

/** Every address in `text`, in order, with its `[start, end)` range. */
export function findEmailAddresses(text: string): { address: string; start: number; end: number }[] {
  const found: { address: string; start: number; end: number }[] = [];
  for (const match of text.matchAll(new RegExp(emailAddressPattern.source, 'gu'))) {
    found.push({ address: match[0], start: match.index, end: match.index + match[0].length });
  }
  return found;
}

/** The first address in `text` (a `mailto:` link, a "Jane Doe <jane@example.com>" line), as written. */
export function findEmailAddress(text: string): string | undefined {
  return emailAddressPattern.exec(text)?.[0];
}

/** Whether `value`, trimmed, is one address and nothing else. */
export function isEmailAddress(value: string): boolean {
  return wholeEmailAddress.test(value.trim());
}
