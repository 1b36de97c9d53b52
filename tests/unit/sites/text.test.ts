import { describe, expect, it } from 'vitest';
import { cleanMessageText, elementText, isHiddenElement, parseAddress, parseTime } from '../../../lib/sites/text';

function body(html: string): Element {
  const doc = new DOMParser().parseFromString(`<div id="b">${html}</div>`, 'text/html');
  const el = doc.getElementById('b');
  if (!el) throw new Error('no body');
  return el;
}

describe('cleanMessageText strips quoted history', () => {
  it.each([
    [
      'German Gmail/Apple Mail',
      'Wo bleibt mein Paket?\n\nAm 12.03.2025 um 14:02 schrieb Lena Vogel <lena@shop.de>:\n> Hallo',
    ],
    [
      'German wrapped header',
      'Wo bleibt mein Paket?\n\nAm Mi., 12. März 2025 um 14:02 Uhr schrieb Lena Vogel <\nlena@shop.de>:\nHallo',
    ],
    ['English Gmail', 'Wo bleibt mein Paket?\n\nOn Mon, Mar 10, 2025 at 9:15 AM Jane Doe <jane@shop.com> wrote:\n> Hi'],
    [
      'English wrapped',
      'Wo bleibt mein Paket?\n\nOn Mon, Mar 10, 2025 at 9:15 AM Jane Doe <jane@shop.com>\nwrote:\nHi',
    ],
    ['Outlook English separator', 'Wo bleibt mein Paket?\n-----Original Message-----\nFrom: Shop\nSent: Monday'],
    [
      'Outlook German separator',
      'Wo bleibt mein Paket?\n-----Ursprüngliche Nachricht-----\nVon: Shop\nGesendet: Montag',
    ],
    [
      'Outlook German header block',
      'Wo bleibt mein Paket?\n\nVon: Shop Example <s@shop.de>\nGesendet: Montag, 6. Januar 2025 14:30\nAn: Kunde',
    ],
    [
      'Outlook underscore rule',
      'Wo bleibt mein Paket?\n________________________________\nFrom: Shop <s@shop.de>\nSent: Monday',
    ],
    ['forwarded', 'Wo bleibt mein Paket?\n---------- Forwarded message ---------\nFrom: x'],
  ])('%s', (_name, raw) => {
    expect(cleanMessageText(raw)).toBe('Wo bleibt mein Paket?');
  });

  it('drops > quoted lines but keeps interleaved answers', () => {
    expect(cleanMessageText('> Haben Sie die Nummer?\nJa: 10-4471\n> Und die Adresse?\nLindenstraße 4')).toBe(
      'Ja: 10-4471\nLindenstraße 4',
    );
  });

  it('leaves a message alone that only mentions "from:" in passing', () => {
    expect(cleanMessageText('Ich habe eine Mail bekommen.\nFrom: your shop, I guess?')).toBe(
      'Ich habe eine Mail bekommen.\nFrom: your shop, I guess?',
    );
  });
});

describe('cleanMessageText strips signatures and disclaimers', () => {
  it.each([
    ['sig delimiter', 'Bitte um Rückruf.\n-- \nMax Mustermann\nTel. 0123', 'Bitte um Rückruf.'],
    [
      'German sign-off',
      'Bitte um Rückruf.\n\nMit freundlichen Grüßen\nMax Mustermann\nMusterweg 1',
      'Bitte um Rückruf.',
    ],
    ['English sign-off', 'Please call me back.\n\nBest regards,\nJane Doe\nACME Ltd', 'Please call me back.'],
    [
      'English thank-you sign-off',
      'Please cancel the second order.\n\nThanks a lot,\nTomás',
      'Please cancel the second order.',
    ],
    [
      'German thank-you sign-off',
      'Bitte storniert die zweite Bestellung.\n\nVielen Dank\nMehmet',
      'Bitte storniert die zweite Bestellung.',
    ],
    ['German thanks-and-regards', 'Bitte um Rückruf.\n\nDanke dir und liebe Grüße\nLea', 'Bitte um Rückruf.'],
    ['iPhone English', 'Please call me back.\n\nSent from my iPhone', 'Please call me back.'],
    ['iPhone German', 'Bitte um Rückruf.\n\nVon meinem iPhone gesendet', 'Bitte um Rückruf.'],
    ['Outlook mobile', 'Please call me back.\n\nGet Outlook for Android', 'Please call me back.'],
    [
      'English disclaimer',
      'Please call me back.\n\nThis email and any attachments are confidential and intended solely for the addressee.',
      'Please call me back.',
    ],
    [
      'German disclaimer',
      'Bitte um Rückruf.\n\nDiese E-Mail enthält vertrauliche und/oder rechtlich geschützte Informationen.',
      'Bitte um Rückruf.',
    ],
    ['German register footer', 'Bitte um Rückruf.\nMuster GmbH · Sitz der Gesellschaft: Köln', 'Bitte um Rückruf.'],
  ])('%s', (_name, raw, expected) => {
    expect(cleanMessageText(raw)).toBe(expected);
  });

  it('keeps a sign-off followed by real text (it is not a signature then)', () => {
    const text = `Viele Grüße\n${'Ich warte seit Wochen auf eine Antwort und bin langsam wirklich sauer auf Ihren Laden. '.repeat(2)}`;
    expect(cleanMessageText(text)).toBe(text.trim());
  });

  it('keeps a message made only of a sign-off rather than dropping it', () => {
    expect(cleanMessageText('Danke und Grüße')).toBe('Danke und Grüße');
  });

  it('keeps umlauts, emoji with joiners, and right-to-left text', () => {
    const text = 'Grüße aus Köln 👩‍👩‍👧 שלום עולם مرحبا';
    expect(cleanMessageText(text)).toBe(text);
  });
});

describe('elementText', () => {
  it('turns blocks and <br> into line breaks and leaves out client-marked quotes and hidden parts', () => {
    const el = body(
      '<div>Hallo,</div><div><br></div><div>Zeile 1<br>Zeile&nbsp;2</div><p>Absatz</p><span style="display:none">versteckt</span><div class="gmail_quote">alt</div><blockquote>zitat</blockquote><script>x()</script>',
    );
    expect(elementText(el)).toBe('Hallo,\n\nZeile 1\nZeile 2\n\nAbsatz');
  });

  it('leaves out screen-reader-only headings, hidden utility classes and form fields', () => {
    // Roundcube Elastic's `voice` headings, Bootstrap's sr-only, RT's `.hidden`, a select's options, an input's value.
    const el = body(
      '<h2 class="voice">Attachments</h2><h2 id="aria-label-messagebody" class="voice">Message Body</h2><span class="sr-only">Reply</span><h3 class="hidden">Headers</h3><div>Wo ist mein Geld?</div><select name="Status"><option>new</option><option>open</option></select><input type="text" value="6120"><textarea>Entwurf</textarea>',
    );
    expect(elementText(el)).toBe('Wo ist mein Geld?');
  });

  it("stops at Outlook's quoted-history marker and drops everything after it", () => {
    const el = body(
      '<div>Neu</div><div id="appendonsend"></div><hr><div id="divRplyFwdMsg">Von: x</div><div>Alte Mail</div>',
    );
    expect(elementText(el)).toBe('Neu');
  });
});

describe('isHiddenElement', () => {
  const el = (html: string): Element => body(html).firstElementChild ?? body('<i></i>');

  it('knows the screen-reader-only and hiding classes of common UI kits', () => {
    for (const cls of [
      'sr-only',
      'visually-hidden',
      'visuallyhidden',
      'screen-reader-text',
      'voice',
      'hidden',
      'd-none',
    ]) {
      expect(isHiddenElement(el(`<h2 class="title ${cls}">Attachments</h2>`)), cls).toBe(true);
    }
  });

  it('keeps elements a wider screen shows again, and ordinary ones', () => {
    expect(isHiddenElement(el('<div class="hidden md:block">Hallo</div>'))).toBe(false);
    expect(isHiddenElement(el('<div class="d-none d-md-block">Hallo</div>'))).toBe(false);
    expect(isHiddenElement(el('<div class="hidden-xs message">Hallo</div>'))).toBe(false);
    expect(isHiddenElement(el('<div class="voice-message">Hallo</div>'))).toBe(false);
  });
});

describe('cleanMessageText drops quoted-text toggles', () => {
  it.each([
    ['Request Tracker', 'Show quoted text'],
    ['Request Tracker, open', 'Hide quoted text'],
    ['Horde', '[Show Quoted Text - 12 lines]'],
    ['Gmail', 'Show trimmed content'],
    ['German webmail', 'Zitierten Text anzeigen'],
    ['German webmail, open', 'Zitierten Text ausblenden'],
  ])('%s', (_name, toggle) => {
    expect(cleanMessageText(`Wo bleibt mein Paket?\n${toggle}`)).toBe('Wo bleibt mein Paket?');
  });

  it('keeps sentences that only mention quoted text', () => {
    const text = 'Please show quoted text from your last mail to my lawyer.\nShow quoted text to my lawyer, please.';
    expect(cleanMessageText(text)).toBe(text);
  });
});

describe('parseTime', () => {
  it.each([
    ['2025-02-12T13:05:00Z', '2025-02-12T13:05:00Z'],
    ['2025-02-12T13:05:00.000+0100', '2025-02-12T13:05:00+01:00'],
    ['12.03.2025, 14:02', '2025-03-12T14:02:00'],
    ['Mo 06.01.2025 10:15', '2025-01-06T10:15:00'],
    ['12. März 2025 um 14:02', '2025-03-12T14:02:00'],
    ['15. Jan. 2025, 20:31', '2025-01-15T20:31:00'],
    ['Mi, 19. Feb. 2025 um 21:14', '2025-02-19T21:14:00'],
    ['Mon, Mar 10, 2025, 9:14 AM', '2025-03-10T09:14:00'],
    ['Thu, 20 Feb 2025 at 9:03 AM', '2025-02-20T09:03:00'],
    ['Oct 9, 2024 12:05 PM', '2024-10-09T12:05:00'],
    ['Sat 12/14/2024 11:48 PM', '2024-12-14T23:48:00'],
  ])('%s', (text, iso) => {
    expect(parseTime(text)).toBe(iso);
  });

  it('gives nothing for relative or partial times rather than guessing', () => {
    expect(parseTime('vor 3 Tagen')).toBeUndefined();
    expect(parseTime('8:47 AM')).toBeUndefined();
    expect(parseTime('31.02.2025 25:00')).toBeUndefined();
  });
});

describe('parseAddress', () => {
  it('splits names and addresses, keeping apostrophes', () => {
    expect(parseAddress("Rachel O'Connor <rachel.o@example.com>")).toEqual({
      name: "Rachel O'Connor",
      email: 'rachel.o@example.com',
    });
    expect(parseAddress('"Weiß, Jonas" <Jonas.Weiss@Example.com>')).toEqual({
      name: 'Weiß, Jonas',
      email: 'jonas.weiss@example.com',
    });
  });
});
