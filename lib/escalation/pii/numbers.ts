import { isCardNumber, mayStartCard } from './card';
import { isInternationalPhone, isNanpPhone, isNationalPhone, type PhoneStrictness } from './phone';
import type { PersonalDataSpan } from './span';

/**
 * Card and phone numbers in running text. The text is cut into chains: runs of digit groups joined by at most three
 * separator characters ("030 / 123 456 78", "(415) 555-0132", "4111.1111.1111.1111"). Each chain is read left to
 * right in windows of whole groups of at most 19 digits, so the work per character is bounded and the scan linear.
 *
 * What surrounds a chain decides how sure a phone number must be:
 * - after an order word ("Bestellung", "order", "#", a known order number): valid for its country (libphonenumber
 *   ranges) or, when grouped like a phone, at least possible; "#100245" and "4711-2233" stay;
 * - after a phone word ("Tel.", "Handy", "call me"): any 6–15 digits;
 * - elsewhere: a possible number written with "+", "00" or the trunk "0", or a grouped North American number.
 * Cards (issuer prefix, length and Luhn) are masked in every context: a card number is never an order number.
 */

interface Group {
  start: number;
  end: number;
  digits: string;
  /** The separator characters between the previous group and this one ("" for the first). */
  gapBefore: string;
}

interface Chain {
  /** Where the chain starts, counting a leading "+" or "(". */
  start: number;
  plus: boolean;
  /** Glued to a word before it ("A-2024-11-3", "RE-4711", a path segment): an identifier, never a phone. */
  identifier: boolean;
  groups: Group[];
}

type Context = 'order' | 'phone' | 'plain';

const separatorChars = new Set([
  ' ',
  '\u00A0', // no-break space
  '\u202F', // narrow no-break space (French and Swiss grouping)
  '\u2009', // thin space
  '-',
  '\u2010', // hyphen
  '\u2011', // non-breaking hyphen
  '\u2013', // en dash
  '\u2014', // em dash
  '.',
  '/',
  '(',
  ')',
]);
const maxGap = 3;
const cardSeparators = new Set([' ', '\u00A0', '\u202F', '\u2009', '-', '\u2010', '\u2011', '\u2013', '.']);
const minCardDigits = 13;
const maxWindowDigits = 19;
const maxPhoneDigits = 17;
const minCueDigits = 6;
const maxCueDigits = 15;
const contextReach = 40;

// An order-like reference right before the number (matched on lower-cased text): "Bestellung", "Bestellnr.:", "order no. #", "Auftrag", "Rechnung",
// "Kundennummer", "Sendungsnummer", "ticket", "#". Anchored at the end of a bounded slice, so cheap and linear.
const orderBefore =
  /(?:(?:bestell|auftrag|rechnung|sendung|paket|lieferschein|artikel|vorgang|vertrag|kunden)[a-zäöüß]*|\b(?:order|invoice|customer|ticket|tracking|item|sku|ref(?:erenz|erence)?|aktenzeichen|contract|case)|#)[\s.-]*(?:no|nr|number|nummer|id)?[\s.:#-]*$/;
// A phone word shortly before the number (lower-cased text), possibly with a few words between ("Handy: …", "call me on …").
const phoneBefore =
  /(?:\btel\b|telefon|phone|\bmobil|handy|\bcell|\bfax\b|whats ?app|signal|\bruf|rückruf|zurückruf|\bcall|anruf|erreich|\breach|\btext me|\bsms\b|nummer|number)/;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isWordCode(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}]/u.test(char);
}

/** Whether `gap` separates two numbers rather than two groups of one: " / ", " - ", ". ", "(", two spaces. */
function isStrongGap(gap: string): boolean {
  if (gap.includes('(')) return true;
  if (!/\s/.test(gap)) return false;
  return gap.length >= 2;
}

function joined(groups: readonly Group[], from: number, to: number): string {
  let digits = '';
  for (let index = from; index <= to; index++) digits += groups[index]?.digits ?? '';
  return digits;
}

/** How many groups from `index` form a date, an expiry or a time-like pair that must stay ("05.12.2026", "12/27"). */
function dateLength(text: string, groups: readonly Group[], index: number): number {
  const first = groups[index];
  const second = groups[index + 1];
  if (!first || !second) return 0;
  const gap = second.gapBefore;
  const third = groups[index + 2];
  const a = first.digits;
  const b = second.digits;
  if (third && third.gapBefore === gap && (gap === '.' || gap === '/' || gap === '-')) {
    const c = third.digits;
    const dayMonth = a.length <= 2 && b.length <= 2 && (c.length === 2 || c.length === 4);
    const iso = a.length === 4 && b.length <= 2 && c.length <= 2;
    if ((dayMonth && Number(a) <= 31 && Number(b) <= 31) || (iso && Number(b) <= 12 && Number(c) <= 31)) return 3;
  }
  if (a.length <= 2 && b.length <= 2 && gap === '.' && text[second.end] === '.') return 2; // "am 05.12. um …"
  if (a.length <= 2 && (b.length === 2 || b.length === 4) && gap === '/' && Number(a) <= 12) return 2; // expiry 12/27
  return 0;
}

function readChain(text: string, from: number, stop: number): Chain {
  let start = from;
  if (text[start - 1] === '(') start--;
  const plus = text[start - 1] === '+';
  if (plus) start--;
  const before = text[start - 1];
  const identifier =
    isWordCode(before) ||
    ((before === '-' || before === '/' || before === '_' || before === '\u2013') && isWordCode(text[start - 2]));
  const groups: Group[] = [];
  let position = from;
  let gapBefore = '';
  while (position < stop) {
    const groupStart = position;
    while (position < stop && isDigit(text.charCodeAt(position))) position++;
    groups.push({ start: groupStart, end: position, digits: text.slice(groupStart, position), gapBefore });
    let next = position;
    while (next < stop && next - position < maxGap && separatorChars.has(text[next] ?? '')) next++;
    if (next === position || next >= stop || !isDigit(text.charCodeAt(next))) break;
    gapBefore = text.slice(position, next);
    position = next;
  }
  return { start, plus, identifier, groups };
}

function contextOf(text: string, chain: Chain, keepDigits: ReadonlySet<string>): Context {
  // Lower-cased once so the patterns need neither the "i" nor the "u" flag: V8 runs those several times faster.
  const before = text.slice(Math.max(0, chain.start - contextReach), chain.start).toLowerCase();
  if (orderBefore.test(before)) return 'order';
  if (keepDigits.has(joined(chain.groups, 0, chain.groups.length - 1))) return 'order';
  return phoneBefore.test(before) ? 'phone' : 'plain';
}

/**
 * The digits of each window `from`…`to` (index `to - from`), built in one pass, with an international "(0)" left out
 * ("+49 (0) 30 …"); windows stop before `maxPhoneDigits`.
 */
function phoneWindows(groups: readonly Group[], from: number): string[] {
  const windows: string[] = [];
  let digits = '';
  for (let index = from; index < groups.length; index++) {
    const group = groups[index];
    if (!group || digits.length + group.digits.length > maxPhoneDigits) break;
    const after = groups[index + 1]?.gapBefore ?? '';
    const bracketedZero = index > from && group.digits === '0' && group.gapBefore.includes('(') && after.includes(')');
    if (!bracketedZero) digits += group.digits;
    windows.push(digits);
  }
  return windows;
}

function isNanpGrouping(groups: readonly Group[], from: number, to: number): boolean {
  const lengths = to - from === 2 ? [3, 3, 4] : to - from === 3 ? [1, 3, 3, 4] : undefined;
  return lengths?.every((length, offset) => groups[from + offset]?.digits.length === length) ?? false;
}

function isPhone(
  chain: Chain,
  from: number,
  to: number,
  digits: string,
  context: Context,
  keepDigits: ReadonlySet<string>,
): boolean {
  const groups = chain.groups;
  const strictness: PhoneStrictness = context === 'order' || keepDigits.has(digits) ? 'valid' : 'possible';
  const plus = from === 0 && chain.plus;
  if (plus || (digits.startsWith('00') && digits[2] !== '0')) {
    const international = plus ? digits : digits.slice(2);
    if (isInternationalPhone(international, strictness)) return true;
    // "+1 415 555 0132" is valid; a bare "+" run after an order word must be valid as well.
    return strictness === 'possible' && isCued(context, digits);
  }
  if (digits.startsWith('0')) {
    if (isNationalPhone(digits, 'valid')) return true;
    // Grouped like a phone ("07700 900123", "0664 / 123 45 67"): a possible number is enough even after order words.
    const grouped = to > from && (groups[from]?.digits.length ?? 0) <= 5;
    if ((strictness === 'possible' || grouped) && isNationalPhone(digits, 'possible')) return true;
    return strictness === 'possible' && isCued(context, digits);
  }
  if (isNanpGrouping(groups, from, to) && isNanpPhone(digits)) return true;
  return strictness === 'possible' && isCued(context, digits);
}

function isCued(context: Context, digits: string): boolean {
  return context === 'phone' && digits.length >= minCueDigits && digits.length <= maxCueDigits;
}

/** The card number starting at group `from`: one separator kind throughout, issuer, length and Luhn. */
function cardAt(groups: readonly Group[], from: number): number {
  const first = groups[from];
  if (!first || !mayStartCard(first.digits[0])) return -1;
  let separator: string | undefined;
  let digits = '';
  let found = -1;
  for (let to = from; to < groups.length; to++) {
    const group = groups[to];
    if (!group) break;
    if (to > from) {
      if (group.gapBefore.length !== 1 || !cardSeparators.has(group.gapBefore)) break;
      if (separator !== undefined && group.gapBefore !== separator) break;
      separator = group.gapBefore;
    }
    digits += group.digits;
    if (digits.length > maxWindowDigits) break;
    if (digits.length < minCardDigits || !isCardNumber(digits)) continue;
    found = to;
    // A card ends where the grouping changes ("4111 1111 1111 1111 12/27"): prefer that over a longer lucky Luhn.
    if (groups[to + 1]?.gapBefore !== separator || to === groups.length - 1) break;
  }
  return found;
}

/** The last group of a phone number starting at group `from`, or -1. Longest first. */
/** Whether no window starting at group `from` can be a phone number, judged from its first digits alone. */
function cannotStartPhone(chain: Chain, from: number, context: Context): boolean {
  if (context === 'phone' || (from === 0 && chain.plus)) return false;
  const groups = chain.groups;
  const first = groups[from]?.digits ?? '';
  // North American numbers start with a 3-digit area code, or "1" and then one.
  if (!first.startsWith('0')) return first.length !== 3 && first !== '1';
  // "000…" is neither "00" and a country code nor the trunk "0" and an area code.
  const lead = (first + (groups[from + 1]?.digits ?? '') + (groups[from + 2]?.digits ?? '')).slice(0, 3);
  return lead === '000';
}

function phoneAt(chain: Chain, from: number, context: Context, keepDigits: ReadonlySet<string>): number {
  const groups = chain.groups;
  if (cannotStartPhone(chain, from, context)) return -1;
  const windows = phoneWindows(groups, from);
  for (let to = from + windows.length - 1; to >= from; to--) {
    const next = groups[to + 1];
    // A phone number ends the chain, or the next number starts after a clear break or with its own "0".
    const endsHere = !next || isStrongGap(next.gapBefore) || next.digits.startsWith('0');
    const digits = windows[to - from];
    if (endsHere && digits !== undefined && isPhone(chain, from, to, digits, context, keepDigits)) return to;
  }
  return -1;
}

/** Card and phone numbers in `text` outside the spans already `covered` (sorted), as spans to mask. */
export function findNumbers(
  text: string,
  covered: readonly PersonalDataSpan[],
  keepDigits: ReadonlySet<string>,
): PersonalDataSpan[] {
  const spans: PersonalDataSpan[] = [];
  let coveredIndex = 0;
  let position = 0;
  while (position < text.length) {
    let next = covered[coveredIndex];
    while (next && next.end <= position) next = covered[++coveredIndex];
    if (next && next.start <= position) {
      position = next.end;
      continue;
    }
    if (!isDigit(text.charCodeAt(position))) {
      position++;
      continue;
    }
    const chain = readChain(text, position, next ? next.start : text.length);
    const context = contextOf(text, chain, keepDigits);
    const groups = chain.groups;
    let phoneMayStart = !chain.identifier;
    let index = 0;
    while (index < groups.length) {
      const date = dateLength(text, groups, index);
      if (date > 0) {
        index += date;
        phoneMayStart = true;
        continue;
      }
      const cardEnd = index === 0 && chain.plus ? -1 : cardAt(groups, index);
      if (cardEnd >= 0) {
        const digits = joined(groups, index, cardEnd);
        spans.push({
          start: groups[index]?.start ?? 0,
          end: groups[cardEnd]?.end ?? 0,
          kind: 'card',
          last4: digits.slice(-4),
        });
        index = cardEnd + 1;
        phoneMayStart = true;
        continue;
      }
      const group = groups[index];
      if (group && (phoneMayStart || isStrongGap(group.gapBefore))) {
        const phoneEnd = phoneAt(chain, index, context, keepDigits);
        if (phoneEnd >= 0) {
          const start = index === 0 ? chain.start : group.start - (group.gapBefore.endsWith('(') ? 1 : 0);
          spans.push({ start, end: groups[phoneEnd]?.end ?? group.end, kind: 'phone' });
          index = phoneEnd + 1;
          phoneMayStart = true;
          continue;
        }
      }
      index++;
      phoneMayStart = false;
    }
    position = groups.at(-1)?.end ?? position + 1;
  }
  return spans;
}
