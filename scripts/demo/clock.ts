import { demoNow } from './conversations';

const dayMs = 24 * 60 * 60 * 1000;
const weekMs = 7 * dayMs;
const timeZone = 'Europe/Berlin';

/**
 * How far the demo's fixed week is moved so that its "now" falls within the last seven days before `today`.
 * Whole weeks only, so a weekday named in a message ("birthday on Saturday") still matches its date.
 */
export function demoTimeShiftMs(today: Date): number {
  const weeks = Math.floor((today.getTime() - Date.parse(demoNow)) / weekMs);
  return Math.max(0, weeks) * weekMs;
}

/** The demo's clock: shifts data times into the present and formats them as the helpdesk shows them. */
export interface DemoClock {
  today: Date;
  /** A data time moved by the week shift, as a Date. */
  shift(iso: string): Date;
}

/** A clock for `today` (the real date unless a test pins it). */
export function createDemoClock(today: Date = new Date()): DemoClock {
  const shiftMs = demoTimeShiftMs(today);
  return { today, shift: (iso) => new Date(Date.parse(iso) + shiftMs) };
}

const formats = {
  time: new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' }),
  weekday: new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short' }),
  dayMonth: new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short' }),
  message: new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }),
  full: new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'full', timeStyle: 'short' }),
  day: new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long' }),
  calendarDay: new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
  quoteEn: new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }),
  outlookEn: new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }),
  gmailDeDate: new Intl.DateTimeFormat('de-DE', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }),
  outlookDeDate: new Intl.DateTimeFormat('de-DE', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }),
  numericDe: new Intl.DateTimeFormat('de-DE', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric' }),
};

/** `YYYY-MM-DD` of `date` in Berlin: two times on the same key are on the same day for the helpdesk. */
export function calendarDay(date: Date): string {
  return formats.calendarDay.format(date);
}

/** Inbox column: "14:32" today, "Wed" within the week, "12 Nov" before. */
export function formatListTime(date: Date, today: Date): string {
  if (calendarDay(date) === calendarDay(today)) return formats.time.format(date);
  if (today.getTime() - date.getTime() < 6 * dayMs) return formats.weekday.format(date);
  return formats.dayMonth.format(date);
}

/** Message header: "Fri 20 Nov, 15:48". */
export function formatMessageTime(date: Date): string {
  return formats.message.format(date);
}

/** Tooltip: "Friday, 20 November 2026 at 15:48". */
export function formatFullTime(date: Date): string {
  return formats.full.format(date);
}

/** Day separator in a thread: "Today", "Yesterday" or "Monday, 16 November". */
export function formatThreadDay(date: Date, today: Date): string {
  const day = calendarDay(date);
  if (day === calendarDay(today)) return 'Today';
  if (day === calendarDay(new Date(today.getTime() - dayMs))) return 'Yesterday';
  return formats.day.format(date);
}

/** Quote attributions as mail clients write them. */
export const quoteDates = {
  /** Gmail EN: "Wed, 18 Nov 2026 at 09:40" */
  gmailEn: (date: Date) => formats.quoteEn.format(date).replace(/, (\d\d:\d\d)$/, ' at $1'),
  /** Gmail DE: "Mi., 18. Nov. 2026 um 09:40 Uhr" */
  gmailDe: (date: Date) => `${formats.gmailDeDate.format(date)} um ${formats.time.format(date)} Uhr`,
  /** Outlook EN: "Tuesday, 17 November 2026 10:15" */
  outlookEn: (date: Date) => formats.outlookEn.format(date).replace(' at ', ' '),
  /** Outlook DE: "Dienstag, 17. November 2026 13:20" */
  outlookDe: (date: Date) => `${formats.outlookDeDate.format(date)} ${formats.time.format(date)}`,
  /** Apple Mail DE: "19.11.2026 um 15:22" */
  appleDe: (date: Date) => `${formats.numericDe.format(date)} um ${formats.time.format(date)}`,
};
