// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { quotedRanges } from '../../lib/analysis/quoted';
import { replyHistoryStart } from '../../lib/reply-history';
import { stripQuotedHistory } from '../../lib/sites/text';

const reply = 'Das Ersatzgerät ist auch defekt.\nBitte rufen Sie mich an.';
const headers = [
  'Am Mo., 30. Nov. 2026 um 16:05 schrieb Sam Berger <agent@rapport.test>:',
  'On Mon, Nov 30, 2026 at 4:05 PM Sam Berger <agent@rapport.test>\nwrote:',
  '-----Ursprüngliche Nachricht-----\nVon: Sam Berger',
  'Von: Sam Berger <agent@rapport.test>\nGesendet: Montag, 30. November 2026 16:05\nAn: Petra Schulz',
  '________________________________\nFrom: Sam Berger\nSent: Monday, November 30, 2026 4:05 PM',
  // An Outlook header whose From/Sent labels a reader dropped: the sender and date lines above "An:" start it.
  'Sam Berger <agent@rapport.test>\nMontag, 30. November 2026 16:05\nAn: Petra Schulz\nBetreff: AW: Reklamation',
];

describe('reply history', () => {
  it.each(headers)(
    'starts at the header, and the site reader and the mood engine cut at the same place: %s',
    (header) => {
      const text = `${reply}\n\n${header}\n\nSehr geehrte Frau Schulz,\ndas Gerät wird getauscht.`;
      const lines = text.split('\n').map((l) => l.trim());
      expect(replyHistoryStart(lines)).toBe(3);
      expect(stripQuotedHistory(text).trimEnd()).toBe(reply);
      const history = quotedRanges(text).find((r) => r.kind === 'history');
      expect(history?.start).toBe(reply.length + 2);
    },
  );

  it('finds none in a message that only talks about an earlier mail', () => {
    const text = 'Am Montag habe ich angerufen.\nOn hold for an hour, nobody wrote back.\nVon: mir, an: Sie';
    expect(replyHistoryStart(text.split('\n'))).toBe(-1);
    expect(stripQuotedHistory(text)).toBe(text);
  });
});
