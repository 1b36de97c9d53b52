import { countrySpecs, ValidationErrorsIBAN, validateIBAN } from 'ibantools';
import type { PersonalDataSpan } from './span';

/**
 * IBANs as customers type them: any case, in groups of four, in odd groups ("DE8937 0400…"), with dots or dashes, with
 * a space after the country code, or not grouped at all. ibantools knows each country's length and account format.
 */

// A country code and the two check digits, not inside a longer word. Fixed width, so the search stays linear.
const start = /(?<![\p{L}\p{N}])([A-Za-z]{2}) ?(\d{2})/gu;
// Single characters customers put between groups.
const separators = new Set([' ', '\u00A0', '\u202F', '\u2009', '-', '.']);
// "IBAN: …", "Kontonummer …": the text right before says a bank account follows, so a mistyped one is masked too.
const cue = /iban|konto|account|bank/i;
const cueDistance = 16;
// A mistyped or cut-short IBAN after a cue: long enough to be an account, not a short reference.
const minCuedLength = 12;
// Checksum failures of an otherwise well-formed IBAN: a typo in the customer's account is still that account.
const checksumErrors = new Set([
  ValidationErrorsIBAN.WrongIBANChecksum,
  ValidationErrorsIBAN.WrongAccountBankBranchChecksum,
]);

function isAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function runEnd(text: string, from: number): number {
  let end = from;
  while (end < text.length && isAlphanumeric(text.charCodeAt(end))) end++;
  return end;
}

/** Whether an IBAN (spaces and any case allowed) is valid: country, length, account format and mod-97 checksum. */
export function isIbanValid(iban: string): boolean {
  const compact = iban.replace(/[\s.-]/g, '').toUpperCase();
  return validateIBAN(compact).valid;
}

const bbanFormats = new Map<string, RegExp | null>();

/**
 * Whether the account part has the country's format, from ibantools' own pattern compiled once per country: a cheap
 * first test, since text full of "DE00 DE00 …" would otherwise have ibantools compile it for every candidate.
 */
function hasBbanFormat(compact: string): boolean {
  const country = compact.slice(0, 2);
  let format = bbanFormats.get(country);
  if (format === undefined) {
    const pattern = countrySpecs[country]?.bban_regexp;
    format = pattern ? new RegExp(pattern) : null;
    bbanFormats.set(country, format);
  }
  return format === null || format.test(compact.slice(4));
}

function shouldMask(compact: string, expected: number, typedUppercase: boolean, cued: () => boolean): boolean {
  if (compact.length === expected) {
    if (!hasBbanFormat(compact)) return false;
    const { valid, errorCodes } = validateIBAN(compact);
    if (valid) return true;
    const onlyChecksum = errorCodes.every((code) => checksumErrors.has(code));
    return onlyChecksum && (typedUppercase || cued());
  }
  return compact.length >= minCuedLength && cued();
}

/** IBANs in `text`, valid or with only a checksum typo, as spans keeping the last four characters. */
export function findIbans(text: string): PersonalDataSpan[] {
  const spans: PersonalDataSpan[] = [];
  start.lastIndex = 0;
  for (let match = start.exec(text); match; match = start.exec(text)) {
    const country = (match[1] ?? '').toUpperCase();
    const expected = countrySpecs[country]?.chars;
    if (!expected) continue;
    let compact = country + (match[2] ?? '');
    let position = match.index + match[0].length;
    let end = position;
    while (compact.length < expected) {
      const gap = text[position];
      if (gap !== undefined && separators.has(gap) && isAlphanumeric(text.charCodeAt(position + 1))) {
        position += 1;
      }
      const runStop = runEnd(text, position);
      if (runStop === position) break;
      const needed = expected - compact.length;
      if (runStop - position > needed) {
        // Letters glued to an IBAN ("…3000bitte"): cut at the IBAN's length only when its checksum proves the cut.
        const head = compact + text.slice(position, position + needed).toUpperCase();
        if (hasBbanFormat(head) && validateIBAN(head).valid) {
          compact = head;
          end = position + needed;
        }
        break;
      }
      compact += text.slice(position, runStop).toUpperCase();
      end = runStop;
      position = runStop;
    }
    const at = match.index;
    const cued = (): boolean => cue.test(text.slice(Math.max(0, at - cueDistance), at));
    if (!shouldMask(compact, expected, match[1] === country, cued)) continue;
    spans.push({ start: match.index, end, kind: 'iban', last4: compact.slice(-4) });
    start.lastIndex = end;
  }
  return spans;
}
