// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { findPick, pagePatternOf, withoutPick, withPick } from '../../../lib/sites/picks';

describe('page patterns for picked areas', () => {
  it('replace record ids and keep the kind of page', () => {
    expect(pagePatternOf(new URL('https://rt.example.org/Ticket/Display.html?id=12'))).toBe(
      'https://rt.example.org/Ticket/Display.html?id=*',
    );
    expect(pagePatternOf(new URL('https://rt.example.org/Ticket/Update.html?id=12&Action=Respond'))).toBe(
      'https://rt.example.org/Ticket/Update.html?Action=Respond&id=*',
    );
    expect(pagePatternOf(new URL('https://mail.example.org/?_task=mail&_action=show&_uid=5&_mbox=INBOX'))).toBe(
      'https://mail.example.org/?_action=show&_mbox=INBOX&_task=mail&_uid=*',
    );
    expect(pagePatternOf(new URL('https://zammad.example.org/#ticket/zoom/4711'))).toBe(
      'https://zammad.example.org/#ticket/zoom/*',
    );
    expect(pagePatternOf(new URL('https://help.example.org/tickets/a8f3c2d19e/messages'))).toBe(
      'https://help.example.org/tickets/*/messages',
    );
  });

  it('apply a pick to pages like the one it was made on, and nowhere else on the site', () => {
    const origin = 'https://rt.example.org';
    const pick = { pattern: pagePatternOf(new URL(`${origin}/Ticket/Update.html?id=3`)), selector: '#body', at: 1 };
    const picks = withPick({}, origin, pick);
    expect(findPick(picks, new URL(`${origin}/Ticket/Update.html?id=99`))?.selector).toBe('#body');
    expect(findPick(picks, new URL(`${origin}/Ticket/Display.html?id=99`))).toBeUndefined();
    expect(withoutPick(picks, pick.pattern)).toEqual({});
  });
});
