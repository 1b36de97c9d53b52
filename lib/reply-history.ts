/**
 * Where quoted reply history starts in a plain-text message: attribution lines ("Am … schrieb …:", "On … wrote:"),
 * "-----Original Message-----" and "Ursprüngliche Nachricht" separators, and Outlook's "Von:/Gesendet:" header, also
 * without its From/Sent labels. One detector for the site readers (which cut the history off, lib/sites/text.ts) and
 * the mood engine (which never takes evidence from it, lib/analysis/quoted.ts). Kept by hand on purpose: see
 * docs/architecture.md, "Hand-written on purpose".
 */
import { emailAddressPattern } from './email-address';

/** "-----Original Message-----", "-----Ursprüngliche Nachricht-----", forwarded-message markers. */
const separatorLine =
  /^-{2,}\s*(?:original message|ursprüngliche nachricht|originalnachricht|original-nachricht|forwarded message|weitergeleitete nachricht|nachricht weitergeleitet)\s*-{2,}|^(?:begin forwarded message|anfang der weitergeleiteten nachricht)\s*:/i;
/** Attribution lines of Gmail, Apple Mail and Thunderbird, which may wrap over up to three lines. */
const germanAttributionStart = /^Am\s.{4,160}$/i;
const germanAttributionEnd = /(?:schrieb|hat .{0,80}geschrieben)\s*.{0,160}:$/i;
const englishAttributionStart = /^On\s.{4,200}$/i;
const englishAttributionEnd = /wrote\s*:$/i;
/** Outlook's reply header: "Von: … / Gesendet: …" or "From: … / Sent: …". */
const headerFrom = /^\*?(?:von|from)\s*:\*?\s*\S/i;
const headerSent = /^\*?(?:gesendet|sent|date|datum)\s*:\*?\s*\S/i;
/** The header lines a reader keeps when it drops the From/Sent labels (their elements looked like page chrome). */
const headerAddressee = /^\*?(?:to|an|cc|bcc|subject|betreff)\s*:\*?(?:\s|$)/i;
const headerSubject = /^\*?(?:subject|betreff)\s*:/i;
const replySubject = /^\*?(?:subject|betreff)\s*:\*?\s*(?:re|aw|wg|fw|fwd|antw)\s*:/i;
const underscoreRule = /^_{10,}$/;
/** A line of a header block above "To:"/"An:": a sender with an address, or a date. */
const headerish =
  /@|\b\d{1,2}[.:/]\d{1,2}|\b\d{4}\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)\b/i;

/** The start of `window` up to its first ":" at a line's or word's end (a header wraps over at most three lines). */
function upToFirstColon(window: string): string {
  const match = /^.*?:(?=\s|$)/.exec(window);
  return match ? match[0] : window;
}

/**
 * Index of the line where quoted reply history starts in a plain-text message, or -1. `lines` are the message's lines,
 * trimmed. A header may wrap over up to three lines.
 */
export function replyHistoryStart(lines: readonly string[]): number {
  const nonEmptyAfter = (i: number, count: number) =>
    lines
      .slice(i + 1)
      .filter((l) => l !== '')
      .slice(0, count);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '') continue;
    if (separatorLine.test(line)) return i;
    // The window is built only for lines that start like an attribution: this runs on every message the pages show.
    const window = () => upToFirstColon(lines.slice(i, i + 3).join(' '));
    if (germanAttributionStart.test(line) && germanAttributionEnd.test(window())) return i;
    if (englishAttributionStart.test(line) && englishAttributionEnd.test(window())) return i;
    if (headerFrom.test(line) && nonEmptyAfter(i, 5).some((l) => headerSent.test(l))) return i;
    if (underscoreRule.test(line) && nonEmptyAfter(i, 3).some((l) => headerFrom.test(l))) return i;
    // Without its From/Sent labels an Outlook header still has "To:"/"An:" and a reply subject ("Betreff: AW: …"):
    // the block starts at the sender and date lines right above.
    if (headerAddressee.test(line)) {
      const block = [line, ...nonEmptyAfter(i, 3)];
      const isHeader = replySubject.test(line) || block.slice(1).some((l) => headerAddressee.test(l));
      if (!isHeader || !block.some((l) => headerSubject.test(l) || emailAddressPattern.test(l))) continue;
      let first = i;
      for (let k = i - 1; k >= 0 && k >= i - 3; k--) {
        const above = lines[k] ?? '';
        if (above === '' || !headerish.test(above)) break;
        first = k;
      }
      return first;
    }
  }
  return -1;
}
