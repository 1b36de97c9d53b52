// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { overlapsAny, quotedByOthers, quotedRanges } from '../../../lib/analysis/quoted';

/** The quoted parts of `text` as `kind: text` pairs. */
function quoted(text: string): string[] {
  return quotedRanges(text).map((r) => `${r.kind}: ${text.slice(r.start, r.end)}`);
}

describe('quotedRanges: reply history', () => {
  it('finds a German attribution line and everything after it', () => {
    const text =
      'Das hilft mir nicht weiter.\n\nAm 01.12.2026 um 13:20 schrieb Nordwind Kundenservice <kundenservice@nordwind-shop.example>:\n> Wir haben die Erstattung als dringend markiert.';
    const ranges = quotedRanges(text);
    expect(ranges.map((r) => r.kind)).toEqual(['history']);
    expect(text.slice(ranges[0]?.start)).toMatch(/^Am 01\.12\.2026/);
    expect(ranges[0]?.end).toBe(text.length);
  });

  it('finds an English attribution that wraps over two lines', () => {
    const text =
      'Still nothing.\n\nOn Tue, 1 Dec 2026 at 10:15, Nordwind Shop Support\n<support@nordwind-shop.example> wrote:\n\nWe will get back to you within 3 working days.';
    expect(quoted(text)).toEqual([`history: ${text.slice(text.indexOf('On Tue'))}`]);
  });

  it('finds "-----Original Message-----" and "Ursprüngliche Nachricht" separators', () => {
    const en = 'Fine.\n-----Original Message-----\nFrom: Support\nWe apologise for the delay.';
    expect(quoted(en)).toEqual([`history: ${en.slice(en.indexOf('-----'))}`]);
    const de = 'Gut.\n-----Ursprüngliche Nachricht-----\nVon: Support\nEs tut uns leid.';
    expect(quoted(de)).toEqual([`history: ${de.slice(de.indexOf('-----'))}`]);
  });

  it('finds an Outlook "Von: … Gesendet: …" header and everything after it', () => {
    const text =
      'Ich warte weiter.\n\nVon: Nordwind Shop <kundenservice@nordwind-shop.example>\nGesendet: Dienstag, 1. Dezember 2026 13:20\nAn: Klaus Bergmann\nBetreff: AW: Erstattung\n\nBitte entschuldigen Sie die Verzögerung.';
    expect(quoted(text)).toEqual([`history: ${text.slice(text.indexOf('Von:'))}`]);
  });

  it('finds an Outlook header whose From/Sent labels a reader dropped (the demo helpdesk)', () => {
    // What the generic reader makes of the demo's Outlook quote: the bold "From:"/"Sent:" labels are gone.
    const text =
      "And don't send me another one of your stupid copy-paste apologies.\n\nNordwind Shop Support <support@nordwind-shop.example>\nTuesday, 1 December 2026 10:15\nTo: Gary Mitchell <gary.mitchell@example.net>\nSubject: RE: Wrong jacket AGAIN\n\nHi Gary,\n\nI'm sorry about the mix-up.";
    expect(quoted(text)).toEqual([`history: ${text.slice(text.indexOf('Nordwind Shop Support'))}`]);
    const de =
      'Meine Frist bleibt bestehen.\n\nNordwind Shop Kundenservice <kundenservice@nordwind-shop.example>\nDienstag, 1. Dezember 2026 13:20\nAn: Dr. Klaus Bergmann <k.bergmann@example.com>\nBetreff: AW: Beschwerde\n\nIch habe die Erstattung als dringend markiert.';
    expect(quoted(de)).toEqual([`history: ${de.slice(de.indexOf('Nordwind Shop Kundenservice'))}`]);
  });

  it('marks each ">" line, not the customer text between them', () => {
    const text = '> We will call you today.\nNobody called.\n> It should ship on Monday.\nIt did not.';
    expect(quoted(text)).toEqual(['line: > We will call you today.', 'line: > It should ship on Monday.']);
  });

  it('leaves a message without quotes alone, and does not take "Am Montag" or "On Friday" for a header', () => {
    expect(quotedRanges('')).toEqual([]);
    expect(quotedRanges('Am Montag kam nichts an. On Friday I was at home all day.\nTo be honest: awful.')).toEqual([]);
    expect(quotedRanges('Hallo,\nich warte seit zwei Wochen auf mein Paket.\nViele Grüße\nLea')).toEqual([]);
  });
});

describe('quotedRanges: quotation marks', () => {
  it('marks words the customer attributes to the agent as reported, in English and German', () => {
    expect(quoted('You wrote "within 3 working days" two weeks ago.')).toEqual(['reported: "within 3 working days"']);
    expect(quoted('Sie schrieben: „Wir melden uns morgen.“ Passiert ist nichts.')).toEqual([
      'reported: „Wir melden uns morgen.“',
    ]);
    expect(quoted('You\'ve said "tomorrow" and "by Monday at the latest" before.')).toEqual([
      'reported: "tomorrow"',
      'reported: "by Monday at the latest"',
    ]);
  });

  it('marks other quotation marks as inline: statuses, product names, the shop’s own words', () => {
    expect(quoted('The tracking still shows “label created”.')).toEqual(['inline: “label created”']);
    expect(quoted('The tracking still says “label created”.')).toEqual(['reported: “label created”']);
    expect(quoted('Im Warenkorb steht immer „Code ungültig“ und »Fehler«.')).toEqual([
      'inline: „Code ungültig“',
      'inline: »Fehler«',
    ]);
  });

  it('does not take apostrophes for quotation marks', () => {
    expect(quotedRanges("I don't think it's fair, it's the customer's money.")).toEqual([]);
  });
});

describe('quotedByOthers', () => {
  it('keeps one quoted feeling word as the customer’s own emphasis, everything else as somebody else’s', () => {
    const text = 'Das ist "unverschämt". Sie schrieben "bis Montag", und im Konto steht „Zahlung offen“.';
    expect(quotedByOthers(text, 'de').map((r) => text.slice(r.start, r.end))).toEqual([
      '"bis Montag"',
      '„Zahlung offen“',
    ]);
  });
});

describe('overlapsAny', () => {
  it('tells whether a span touches a range', () => {
    const ranges = [{ start: 5, end: 10 }];
    expect(overlapsAny(ranges, 0, 5)).toBe(false);
    expect(overlapsAny(ranges, 4, 6)).toBe(true);
    expect(overlapsAny(ranges, 9, 12)).toBe(true);
    expect(overlapsAny(ranges, 10, 12)).toBe(false);
  });
});
