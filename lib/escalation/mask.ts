import { isCardNumber, isLuhnValid } from './pii/card';
import { findEmails } from './pii/email';
import { findIbans, isIbanValid } from './pii/iban';
import { findNumbers } from './pii/numbers';
import type { PersonalDataSpan } from './pii/span';

/**
 * Masks personal data in text that leaves the helpdesk (webhook payloads): email addresses, phone numbers, IBANs and
 * payment card numbers. Tokens are language-neutral so a German and an English payload read the same; IBANs and cards
 * keep their last four characters, the part people use to tell them apart.
 *
 * Order numbers are found first and masking is never bypassed for them: a number after "order", "Bestellung" or "#"
 * (or listed in `keep`) stays visible unless it validates as a card, an IBAN or a phone number, so a customer who writes
 * their phone or card number where an order number belongs is still protected. Every step scans the text once with
 * bounded look-around, so masking time grows linearly with the text.
 */

export type { PersonalDataKind, PersonalDataSpan } from './pii/span';
export { isCardNumber, isIbanValid, isLuhnValid };

export interface MaskOptions {
  /**
   * Order numbers known for this conversation (a helpdesk field, the summary's list). Where they appear they are read
   * as order numbers: kept unless they validate as a card, an IBAN or a phone number.
   */
  keep?: readonly string[];
}

function keptDigits(keep: readonly string[]): Set<string> {
  const digits = new Set<string>();
  for (const kept of keep) {
    const only = kept.replace(/\D/g, '');
    if (only.length > 0) digits.add(only);
  }
  return digits;
}

function byStart(a: PersonalDataSpan, b: PersonalDataSpan): number {
  return a.start - b.start;
}

/** `spans` less those overlapping one of `taken`; both sorted, walked once. */
function withoutOverlaps(spans: readonly PersonalDataSpan[], taken: readonly PersonalDataSpan[]): PersonalDataSpan[] {
  const kept: PersonalDataSpan[] = [];
  let index = 0;
  for (const span of spans) {
    while (index < taken.length && (taken[index]?.end ?? 0) <= span.start) index++;
    const next = taken[index];
    if (!next || next.start >= span.end) kept.push(span);
  }
  return kept;
}

/** Where `text` holds emails, IBANs, cards and phone numbers, in text order, not overlapping. */
export function findPersonalData(text: string, options: MaskOptions = {}): PersonalDataSpan[] {
  const emails = findEmails(text);
  const ibans = withoutOverlaps(findIbans(text), emails);
  const covered = [...emails, ...ibans].sort(byStart);
  const numbers = findNumbers(text, covered, keptDigits(options.keep ?? []));
  return [...covered, ...numbers].sort(byStart);
}

function tokenFor(span: PersonalDataSpan): string {
  switch (span.kind) {
    case 'email':
      return '[email]';
    case 'phone':
      return '[phone]';
    case 'iban':
      return `[IBAN …${span.last4 ?? ''}]`;
    case 'card':
      return `[card …${span.last4 ?? ''}]`;
  }
}

/** `text` with emails, phone numbers, IBANs and card numbers replaced by `[email]`, `[phone]`, `[IBAN …1234]`, `[card …4242]`. */
export function maskPersonalData(text: string, options: MaskOptions = {}): string {
  const spans = findPersonalData(text, options);
  if (spans.length === 0) return text;
  let masked = '';
  let position = 0;
  for (const span of spans) {
    masked += text.slice(position, span.start) + tokenFor(span);
    position = span.end;
  }
  return masked + text.slice(position);
}

/**
 * Whether a reference found after an order word is in fact personal data (a card, an IBAN or a phone number written
 * where the order number belongs); such a value is never listed as an order number.
 */
export function isPersonalReference(value: string): boolean {
  return findPersonalData(value, { keep: [value] }).length > 0;
}
