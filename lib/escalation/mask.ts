/**
 * Masks personal data in text that leaves the helpdesk (webhook payloads): email addresses, phone numbers, IBANs and
 * payment card numbers. Tokens are language-neutral so a German and an English payload read the same; IBANs and cards
 * keep their last four characters, the part people use to tell them apart.
 */

export interface MaskOptions {
  /** Strings that must survive as written (order numbers found in the conversation look like phone numbers). */
  keep?: readonly string[];
}

const emailPattern = /[A-Z0-9._%+-]+@[A-Z0-9-]+(?:\.[A-Z0-9-]+)*\.[A-Z]{2,}/gi;
// Groups of four, with or without single spaces, as IBANs are printed and typed; the last group may be shorter.
const ibanPattern = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/g;
const cardPattern = /\b\d(?:[ -]?\d){12,18}\b/g;
// International: +49 …, 0049 …, with an optional "(0)". National: a leading 0 and area code, e.g. 030/1234567.
const phonePattern =
  /(?:(?:\+|\b00)[1-9]\d{0,2}[\s./-]?(?:\(0\)[\s./-]?)?|\(?\b0\d{1,4}\)?[\s/-]?)\d(?:[\s./-]?\d){4,13}\b/g;
const datePattern = /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/;

/** Lengths of IBANs whose account part is all digits, for the countries Rapport's users write from most. */
const numericIbanLengths: Record<string, number> = { DE: 22, AT: 20, CH: 21, LI: 21, LU: 20, BE: 16, NL: 18 };

function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}

/** Whether a digit string passes the Luhn checksum payment card numbers carry. */
export function isLuhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let index = digits.length - 1; index >= 0; index--) {
    let digit = Number(digits[index]);
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Whether an IBAN (spaces allowed) passes its ISO 13616 mod-97 check. */
export function isIbanValid(iban: string): boolean {
  const compact = iban.replace(/\s/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

function looksLikeIban(candidate: string): boolean {
  if (isIbanValid(candidate)) return true;
  // A mistyped IBAN is still the customer's bank account: mask it when its shape matches the country's.
  const compact = candidate.replace(/\s/g, '');
  const length = numericIbanLengths[compact.slice(0, 2)];
  return length !== undefined && compact.length === length && /^\d+$/.test(compact.slice(2));
}

function isKept(match: string, keep: readonly string[]): boolean {
  const digits = digitsOf(match);
  return keep.some((kept) => kept.includes(match.trim()) || (digits.length > 0 && digitsOf(kept) === digits));
}

/** Masks emails, phone numbers, IBANs and Luhn-valid card numbers in `text`. */
export function maskPersonalData(text: string, options: MaskOptions = {}): string {
  const keep = options.keep ?? [];
  return text
    .replace(emailPattern, '[email]')
    .replace(ibanPattern, (match) => (looksLikeIban(match) ? `[IBAN …${match.replace(/\s/g, '').slice(-4)}]` : match))
    .replace(cardPattern, (match) => {
      const digits = digitsOf(match);
      return isLuhnValid(digits) && !isKept(match, keep) ? `[card …${digits.slice(-4)}]` : match;
    })
    .replace(phonePattern, (match) => {
      const digits = digitsOf(match);
      if (digits.length < 7 || digits.length > 15) return match;
      if (datePattern.test(match.trim()) || isKept(match, keep)) return match;
      return '[phone]';
    });
}
