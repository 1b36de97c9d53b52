/**
 * The parts of a message that identify rather than express: people's names, order numbers and codes, numbers,
 * e-mail addresses, links, and the greeting and sign-off formulas around them. None of it says how the customer
 * feels, so none of it may be shown as evidence of a mood (issue 18: "evidence shows customer names, voucher codes,
 * order numbers").
 */
import { findEmailAddresses } from '../email-address';
import { isFeelingWord, isFunctionWord, isIntensifier, isWeakWord } from './lexicon';
import { tokenizeWords, type WordToken } from './text';
import type { Language } from './types';

/**
 * What an identifier range is: a person's `name`, a `code` (order, voucher, tracking), a `number`, an `email`, a
 * `url`, or a `formula` (greeting line, sign-off and the signature under it, "I hope you're well").
 */
export type IdentifierKind = 'name' | 'code' | 'number' | 'email' | 'url' | 'formula';

/** A range of a text that identifies rather than expresses; `[start, end)` index the text searched. */
export interface IdentifierRange {
  start: number;
  end: number;
  kind: IdentifierKind;
}

const urlPattern =
  /\b(?:https?:\/\/|www\.)[^\s<>"“”„]+|\b[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:com|de|net|org|eu|at|ch|io|shop|info|biz|example|co\.uk|uk)\b(?:\/[^\s<>"“”„]*)?/giu;
// Anything that contains a digit, with the letters and separators glued to it: "#A-55812", "RE-2026-004512",
// "KP5-2208-113947", "HAPPY15", "1Z999AA10123456784", "11:30", "€1,299", "3-seater".
const digitPattern = /#?(?:[\p{L}\p{N}]+[-/._:,])*[\p{L}\p{N}]*\p{N}[\p{L}\p{N}]*(?:[-/._:,][\p{L}\p{N}]+)*/gu;
// Short all-capitals tokens are abbreviations and codes ("DHL", "UPS", "RE", "AW"); longer ones are shouted words.
const shortCaps = /^\p{Lu}{2,4}$/u;

// Greetings that may be followed by a name ("Hallo Maria", "Hi Tom", "Sehr geehrte Frau Demir").
const salutationWords = new Set([
  'hi',
  'hello',
  'hey',
  'dear',
  'hallo',
  'liebe',
  'lieber',
  'liebes',
  'moin',
  'servus',
  'hej',
  'howdy',
  'greetings',
  'geehrte',
  'geehrter',
  'geehrtes',
  'sehr',
  'good',
  'guten',
  'morning',
  'afternoon',
  'evening',
  'tag',
  'morgen',
  'abend',
  'grüß',
  'gott',
  'grüezi',
]);
// Who a greeting addresses when it names nobody: "Hi there", "Sehr geehrte Damen und Herren", "Hallo zusammen".
const greetingAddressees = new Set([
  'there',
  'all',
  'everyone',
  'team',
  'support',
  'sir',
  'madam',
  'or',
  'and',
  'damen',
  'und',
  'herren',
  'zusammen',
  'leute',
  'ihr',
]);
// Words that start a greeting line: the line ends where the greeting and the name end.
const greetingStart =
  /^(?:hi|hello|hey|dear|hallo|liebe[rs]?|moin|servus|hej|howdy|greetings|sehr geehrte[rs]?|guten (?:tag|morgen|abend)|good (?:morning|afternoon|evening)|grüß gott|grüezi)(?![\p{L}])/iu;
const titles = /^(?:frau|herr|herrn|mr|mrs|ms|miss|dr|prof|mx)$/i;
// Sign-offs, German and English. A line holding only one of these, or one and a name ("Best, Tom"), starts the
// signature.
const closings = [
  '(?:mit )?(?:den )?(?:freundlichen|besten|herzlichen|lieben|vielen|schönen) grüßen',
  'mit freundlichem gruß',
  '(?:freundliche|viele|beste|liebe|herzliche|schöne|sonnige) grüße',
  'grüße',
  'gruß',
  'lg|mfg|vg|bg',
  '(?:best|kind|warm|warmest) regards',
  'regards',
  'best wishes',
  'all the best',
  'best',
  'cheers',
  '(?:yours )?sincerely',
  'yours truly',
  'yours',
  'take care',
  '(?:many )?thanks in advance',
  'thanks (?:&|and) (?:best |kind )?regards',
  '(?:vielen )?dank im voraus',
  'danke im voraus',
  '(?:vielen )?danke? (?:und|&) (?:viele |beste |liebe )?grüße',
  'have a (?:great|nice|good|lovely) (?:day|week|weekend|evening)',
  '(?:ein )?schönes wochenende',
  '(?:einen )?schönen (?:tag|abend)',
];
const closingLine = new RegExp(`^(?:${closings.join('|')})(?=[\\s,.!]*$|[\\s,]+\\S)`, 'iu');
// Pleasantries that open or close a mail and say nothing about this customer's mood.
const pleasantry =
  /\b(?:i )?hope (?:you(?:'|’)?re|you are|this (?:e-?mail |message )?finds you|all is) (?:well|doing well|good|fine)\b|\bich hoffe,? (?:es geht (?:ihnen|dir|euch) gut|sie sind wohlauf|alles ist gut)\b/giu;

interface Line {
  text: string;
  start: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const part of text.split('\n')) {
    lines.push({ text: part, start });
    start += part.length + 1;
  }
  return lines;
}

function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}

/** A word that could be a name: capitalised, and neither a function word, a weak word nor a feeling word. */
function couldBeName(word: string, language: Language): boolean {
  return (
    isCapitalised(word) &&
    !isFunctionWord(word) &&
    !isWeakWord(word) &&
    !isIntensifier(word) &&
    !isFeelingWord(word, language) &&
    !/\p{N}/u.test(word)
  );
}

/**
 * A line that is only a name, as under a sign-off or above a message ("Tom,", "Rachel Nguyen", "Dr. Klaus
 * Bergmann"): one to three name words, titles allowed, a comma or "!" at most after them.
 */
function nameLine(line: Line, language: Language): WordToken[] | undefined {
  const trimmed = line.text.trim().replace(/\b(?:dr|prof|mr|mrs|ms)\./gi, (title) => title.slice(0, -1));
  if (trimmed === '' || !/^[\p{L}'’\-\s]+[,!]?$/u.test(trimmed) || closingLine.test(trimmed)) return undefined;
  const words = tokenizeWords(line.text).map((w) => ({ ...w, start: w.start + line.start, end: w.end + line.start }));
  const names = words.filter((w) => !titles.test(w.text));
  if (names.length === 0 || names.length > 3) return undefined;
  return names.every((w) => couldBeName(w.text, language)) ? words : undefined;
}

/** The capitalised words right after a greeting on the same line ("Hi Tom", "Hallo liebes Nordwind-Team"). */
function namesAfterGreeting(line: Line, language: Language): WordToken[] {
  const words = tokenizeWords(line.text);
  const names: WordToken[] = [];
  let k = 0;
  while (k < words.length && salutationWords.has((words[k]?.text ?? '').toLowerCase())) k++;
  if (k === 0) return names;
  for (let previousEnd = words[k - 1]?.end ?? 0; k < words.length; k++) {
    const word = words[k];
    if (word === undefined) break;
    // Only spaces, a hyphen or a title's dot between the words of a name; a comma or a verb ends it.
    if (!/^[\s.-]*$/.test(line.text.slice(previousEnd, word.start))) break;
    if (!titles.test(word.text) && !couldBeName(word.text, language)) break;
    names.push({ ...word, start: word.start + line.start, end: word.end + line.start });
    previousEnd = word.end;
    if (names.length >= 4) break;
  }
  return names;
}

/**
 * The identifying parts of `text` (a message, raw or prepared): e-mail addresses, links, codes and numbers (any
 * token with a digit, with what is glued to it: "#A-55812", "HAPPY15", "11:30"), short all-capitals abbreviations
 * ("DHL"), the names in `names` wherever they stand capitalised, names after a greeting ("Hallo Maria"), after a
 * title ("Frau Demir") and on a line of their own at the start or end of the message or under a sign-off, and the
 * formulas around them: the greeting line, the sign-off with the signature under it, "I hope you're well".
 * `language` tells feeling words from names ("Seriously," alone on a line is not a name). Ranges may overlap.
 */
export function identifierRanges(
  text: string,
  names: readonly string[] = [],
  language: Language = 'other',
): IdentifierRange[] {
  const ranges: IdentifierRange[] = [];
  const add = (start: number, end: number, kind: IdentifierKind) => {
    if (end > start) ranges.push({ start, end, kind });
  };
  // Most messages hold no address, digit or pleasantry: a cheap test first spares the long patterns.
  if (text.includes('@')) {
    for (const { start, end } of findEmailAddresses(text)) add(start, end, 'email');
  }
  for (const match of text.matchAll(urlPattern)) {
    // A sentence's full stop or a closing bracket after a link is not part of it.
    const url = match[0].replace(/[.,;:!?)\]]+$/, '');
    add(match.index, match.index + url.length, 'url');
  }
  if (/\p{N}/u.test(text)) {
    for (const match of text.matchAll(digitPattern)) {
      const kind = /^[\p{N}#.,:/\-_]+$/u.test(match[0]) ? 'number' : 'code';
      add(match.index, match.index + match[0].length, kind);
    }
  }
  const tokens = tokenizeWords(text);
  const nameParts = new Set(
    names.flatMap((n) => tokenizeWords(n).map((w) => w.text.toLowerCase())).filter((w) => w.length >= 2),
  );
  for (const token of tokens) {
    const lower = token.text.toLowerCase();
    if (shortCaps.test(token.text) && !isFunctionWord(lower) && !isWeakWord(lower) && !isFeelingWord(lower, language)) {
      add(token.start, token.end, 'code');
    } else if (nameParts.has(lower) && isCapitalised(token.text) && !titles.test(token.text)) {
      add(token.start, token.end, 'name');
    }
  }
  // Names after a title anywhere: "Frau Demir", "Herr Dr. Bergmann", "Mr Holloway".
  tokens.forEach((token, index) => {
    if (!titles.test(token.text) || !isCapitalised(token.text)) return;
    for (let k = index + 1; k < tokens.length && k <= index + 3; k++) {
      const next = tokens[k];
      const previous = tokens[k - 1];
      if (next === undefined || previous === undefined) break;
      if (!/^[\s.]*$/.test(text.slice(previous.end, next.start))) break;
      if (titles.test(next.text)) continue;
      if (!couldBeName(next.text, language)) break;
      add(next.start, next.end, 'name');
    }
  });
  if (/hope|hoffe/i.test(text)) {
    for (const match of text.matchAll(pleasantry)) add(match.index, match.index + match[0].length, 'formula');
  }

  const lines = splitLines(text);
  const contentLines = lines.filter((l) => l.text.trim() !== '' && /[\p{L}]/u.test(l.text));
  const first = contentLines[0];
  const last = contentLines[contentLines.length - 1];
  const addNameLine = (line: Line | undefined) => {
    const words = line ? nameLine(line, language) : undefined;
    for (const word of words ?? []) add(word.start, word.end, titles.test(word.text) ? 'formula' : 'name');
  };
  // "Tom," above the message, "Oliver" or "Rachel Nguyen" under it.
  addNameLine(first);
  if (last !== first) addNameLine(last);
  for (const line of lines) {
    const lead = line.text.length - line.text.trimStart().length;
    const body = line.text.trim();
    if (greetingStart.test(body)) {
      const greetingNames = namesAfterGreeting(line, language);
      for (const name of greetingNames) add(name.start, name.end, 'name');
      // The greeting itself ("Hello", "Hi Tom", "Sehr geehrte Damen und Herren") is a formula; the whole line when
      // nothing but greeting words and names stand on it.
      const words = tokenizeWords(line.text);
      let end = 0;
      for (const word of words) {
        const lower = word.text.toLowerCase();
        const isGreetingWord = salutationWords.has(lower) || greetingAddressees.has(lower) || titles.test(word.text);
        const isName = greetingNames.some((n) => n.start === line.start + word.start);
        if (!isGreetingWord && !isName) break;
        end = word.end;
      }
      add(line.start + lead, line.start + end, 'formula');
    }
  }
  // Sign-offs: the closing line, a name after it on the same line ("Best, Tom"), and the signature under it (name,
  // title, address, phone): up to eight short lines, ending at a long line or a question.
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === undefined) continue;
    const body = line.text.trim();
    const closing = closingLine.exec(body);
    if (closing === null) continue;
    const lead = line.text.length - line.text.trimStart().length;
    const rest = body.slice(closing[0].length).replace(/^[\s,.!]+/, '');
    const restLine = { text: rest, start: line.start + lead + body.length - rest.length };
    if (rest !== '' && !nameLine(restLine, language)) continue;
    add(line.start + lead, line.start + lead + body.length, 'formula');
    addNameLine(restLine);
    for (let k = i + 1; k < lines.length && k <= i + 8; k++) {
      const under = lines[k];
      if (under === undefined) break;
      const underBody = under.text.trim();
      if (underBody === '') continue;
      if (underBody.length > 60 || underBody.includes('?')) break;
      add(under.start, under.start + under.text.length, 'formula');
      addNameLine(under);
    }
  }
  return ranges.sort((a, b) => a.start - b.start || b.end - a.end);
}
