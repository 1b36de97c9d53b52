/**
 * Payment card numbers: a Luhn checksum alone passes one random digit string in ten, so a number also needs an issuer
 * prefix (IIN) and a length that issuer uses before it counts as a card.
 */

/** Whether a digit string passes the Luhn checksum payment card numbers carry. */
export function isLuhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let index = digits.length - 1; index >= 0; index--) {
    let digit = digits.charCodeAt(index) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return sum % 10 === 0;
}

interface Issuer {
  /** Inclusive ranges of the number's leading digits, compared as numbers of the same width. */
  prefixes: readonly (readonly [number, number])[];
  lengths: readonly number[];
}

const range = (from: number, to: number): readonly [number, number] => [from, to];
const upTo19 = [16, 17, 18, 19];

// Issuer ranges as the card networks publish them (ISO/IEC 7812 IINs); Maestro's wide range also covers the national
// debit schemes customers type in Germany and Austria. No 13-digit lengths: such cards are no longer issued, and every
// product barcode (EAN-13, German ones start 400–440) has 13 digits — one in ten of them would pass Luhn.
const issuers: readonly Issuer[] = [
  { prefixes: [range(4, 4)], lengths: [16, 19] }, // Visa
  { prefixes: [range(51, 55), range(2221, 2720)], lengths: [16] }, // Mastercard
  { prefixes: [range(34, 34), range(37, 37)], lengths: [15] }, // American Express
  { prefixes: [range(6011, 6011), range(644, 649), range(65, 65)], lengths: upTo19 }, // Discover
  { prefixes: [range(300, 305), range(36, 36), range(38, 39)], lengths: [14, ...upTo19] }, // Diners Club
  { prefixes: [range(3528, 3589)], lengths: upTo19 }, // JCB
  { prefixes: [range(62, 62), range(81, 81)], lengths: upTo19 }, // UnionPay
  { prefixes: [range(2200, 2204)], lengths: upTo19 }, // Mir
  { prefixes: [range(50, 50), range(56, 69)], lengths: [14, 15, ...upTo19] }, // Maestro and national debit
];

const noLengths: ReadonlySet<number> = new Set();
// Keyed by the first four digits (10,000 keys at most): the issuer lookup runs once per prefix, not per candidate.
const lengthsByPrefix = new Map<string, ReadonlySet<number>>();

/** The card lengths issuers use for numbers starting with these four digits. */
function issuerLengths(prefix: string): ReadonlySet<number> {
  const known = lengthsByPrefix.get(prefix);
  if (known) return known;
  const lengths = new Set<number>();
  for (const issuer of issuers) {
    const matches = issuer.prefixes.some(([from, to]) => {
      const lead = Number(prefix.slice(0, String(from).length));
      return lead >= from && lead <= to;
    });
    if (matches) for (const length of issuer.lengths) lengths.add(length);
  }
  const result = lengths.size > 0 ? lengths : noLengths;
  lengthsByPrefix.set(prefix, result);
  return result;
}

/** Whether a number starting with `digit` can be a card at all (no issuer starts with 0, 1, 7 or 9). */
export function mayStartCard(digit: string | undefined): boolean {
  return digit !== undefined && '234568'.includes(digit);
}

/** Whether 14–19 digits are a plausible payment card number: a known issuer's prefix and length, and the Luhn check. */
export function isCardNumber(digits: string): boolean {
  return (
    digits.length >= 14 &&
    digits.length <= 19 &&
    issuerLengths(digits.slice(0, 4)).has(digits.length) &&
    isLuhnValid(digits)
  );
}
