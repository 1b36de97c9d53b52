import type { PersonalDataSpan } from './span';

/**
 * Email addresses as customers write them: Unicode local parts and internationalised domains
 * ("jürgen.müller@bücher.de", "用户@例子.广告"), and the "(at)"/"[dot]" spelling German customers use against spam.
 * Found by walking out from each "@" over bounded lengths, so the cost stays linear in the text whatever it holds.
 */

// "@", or "(at)" / "[at]" / "{at}" / "(ät)" with optional inner spaces.
const atSign = /@|[([{] ?(?:at|ät) ?[)\]}]/giu;
// "(dot)", "[dot]", "(punkt)" between domain labels.
const spelledDot = /^ ?[([{] ?(?:dot|punkt) ?[)\]}] ?/iu;
// Full stops of Chinese and Japanese text and their full-width forms separate IDN labels as well.
const dots = new Set(['.', '\u3002', '\uFF0E', '\uFF61']);
const wordChar = /[\p{L}\p{M}\p{N}]/u;
const localPunctuation = new Set(['.', '_', '%', '+', '-']);
// RFC 5321 limits: 64 characters for the local part, 253 for the domain, 63 for a label.
const maxLocal = 64;
const maxDomain = 253;
const maxLabel = 63;

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && wordChar.test(char);
}

/** Where the local part before `end` starts, not crossing `floor`; `end` when there is none. */
function localStart(text: string, end: number, floor: number): number {
  let start = end;
  const limit = Math.max(floor, end - maxLocal);
  while (start > limit) {
    const char = text[start - 1];
    if (isWordChar(char) || (char !== undefined && localPunctuation.has(char))) {
      start--;
      continue;
    }
    // "o'brien@…": an apostrophe between letters belongs to the address, a quote mark before it does not.
    if ((char === "'" || char === '’') && start - 2 >= limit && isWordChar(text[start - 2])) {
      start--;
      continue;
    }
    break;
  }
  while (start < end && !isWordChar(text[start])) start++;
  return start;
}

/** Where the domain starting at `from` ends, or -1 when there is no domain with a top-level label. */
function domainEnd(text: string, from: number): number {
  let position = from;
  let labels = 0;
  let lastLabel = '';
  let end = -1;
  const limit = Math.min(text.length, from + maxDomain);
  while (position < limit) {
    const labelStart = position;
    while (position < limit && position - labelStart < maxLabel) {
      const char = text[position];
      if (!isWordChar(char) && char !== '-') break;
      position++;
    }
    if (position === labelStart) break;
    labels++;
    lastLabel = text.slice(labelStart, position);
    if (labels >= 2 && lastLabel.length >= 2 && /\p{L}/u.test(lastLabel) && !lastLabel.endsWith('-')) end = position;
    const char = text[position];
    if (char !== undefined && dots.has(char) && (isWordChar(text[position + 1]) || text[position + 1] === '-')) {
      position++;
      continue;
    }
    // "web(dot)de", "web [dot] de": a spelled dot, with a space either side at most.
    const spelled =
      char === ' ' || char === '(' || char === '[' || char === '{'
        ? spelledDot.exec(text.slice(position, position + 11))
        : null;
    if (spelled && isWordChar(text[position + spelled[0].length])) {
      position += spelled[0].length;
      continue;
    }
    break;
  }
  return end;
}

/** Email addresses in `text`, each as the span to mask. */
export function findEmails(text: string): PersonalDataSpan[] {
  const spans: PersonalDataSpan[] = [];
  let floor = 0;
  atSign.lastIndex = 0;
  for (let match = atSign.exec(text); match; match = atSign.exec(text)) {
    const spelled = match[0] !== '@';
    const before = spelled && text[match.index - 1] === ' ' ? match.index - 1 : match.index;
    const start = localStart(text, before, floor);
    let after = match.index + match[0].length;
    if (spelled && text[after] === ' ') after++;
    const end = start < before ? domainEnd(text, after) : -1;
    // The next address's local part never reaches back past this "@": that keeps every walk bounded.
    floor = match.index + match[0].length;
    if (end < 0) continue;
    spans.push({ start, end, kind: 'email' });
    floor = end;
    atSign.lastIndex = end;
  }
  return spans;
}
