import type { CountryCode } from 'libphonenumber-js/max';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * Phone number checks on libphonenumber-js with its `max` metadata: `isValid()` there knows each country's number
 * ranges, not just lengths, which is what lets a genuine order number after "Bestellung" stay visible while a phone
 * number written there is still masked.
 */

/** How sure the text around a number must make us: `valid` after order words, `possible` elsewhere. */
export type PhoneStrictness = 'valid' | 'possible';

// Where Rapport's users and their customers mostly are; numbers written with a trunk "0" are read as from there.
const nationalCountries: readonly CountryCode[] = ['DE', 'AT', 'CH', 'GB'];
// E.164: at most 15 digits after "+"; below 7 no country has subscriber numbers.
const minInternational = 7;
const maxInternational = 15;
// With the trunk "0": "0301234567" (10) is typical, "089 12345" (8) the shortest in use, 13 the longest.
const minNational = 8;
const maxNational = 13;

// Parsing costs microseconds; texts repeat the same number (quotes, signatures), so answers are remembered.
const cache = new Map<string, boolean>();
const maxCached = 2_000;

function remembered(key: string, compute: () => boolean): boolean {
  const known = cache.get(key);
  if (known !== undefined) return known;
  const answer = compute();
  if (cache.size >= maxCached) cache.clear();
  cache.set(key, answer);
  return answer;
}

function passes(input: string, country: CountryCode | undefined, strictness: PhoneStrictness): boolean {
  const parsed = country ? parsePhoneNumberFromString(input, country) : parsePhoneNumberFromString(input);
  if (!parsed) return false;
  return strictness === 'valid' ? parsed.isValid() : parsed.isPossible();
}

/** Whether the digits after "+" or "00" (country code first) are a phone number. */
export function isInternationalPhone(digits: string, strictness: PhoneStrictness): boolean {
  if (digits.length < minInternational || digits.length > maxInternational || digits.startsWith('0')) return false;
  return remembered(`+${strictness}${digits}`, () => passes(`+${digits}`, undefined, strictness));
}

/** Whether digits starting with the trunk "0" are a German, Austrian, Swiss or UK phone number. */
export function isNationalPhone(digits: string, strictness: PhoneStrictness): boolean {
  if (digits.length < minNational || digits.length > maxNational || !digits.startsWith('0') || digits[1] === '0') {
    return false;
  }
  return remembered(`0${strictness}${digits}`, () =>
    nationalCountries.some((country) => passes(digits, country, strictness)),
  );
}

/** Whether 10 digits (11 with the leading "1") are a valid North American number: area code and exchange in use. */
export function isNanpPhone(digits: string): boolean {
  const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  if (!/^[2-9]\d\d[2-9]\d{6}$/.test(national)) return false;
  return remembered(`1${national}`, () => passes(national, 'US', 'valid'));
}
