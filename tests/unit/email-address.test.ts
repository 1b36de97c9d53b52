// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { findEmailAddress, findEmailAddresses, isEmailAddress, wholeEmailAddress } from '../../lib/email-address';

describe('mail addresses', () => {
  it('finds every address in running text with its range, German letters included', () => {
    const text = 'Bitte an jürgen.müller@bäckerei-süd.de oder (support+de@example.co.uk) schreiben.';
    const found = findEmailAddresses(text);
    expect(found.map((f) => f.address)).toEqual(['jürgen.müller@bäckerei-süd.de', 'support+de@example.co.uk']);
    for (const f of found) expect(text.slice(f.start, f.end)).toBe(f.address);
  });

  it('reads the first address of a sender line and leaves out what is not one', () => {
    expect(findEmailAddress("Jane Doe <jane.o'neil@example.com>, Max <max@example.de>")).toBe(
      "jane.o'neil@example.com",
    );
    expect(findEmailAddress('@support on Twitter, or user@localhost')).toBeUndefined();
  });

  it('accepts an address an agent types, trimmed, and rejects anything more or less', () => {
    expect(isEmailAddress('  lead@firma.de ')).toBe(true);
    expect(isEmailAddress('teamleitung@müller-gmbh.de')).toBe(true);
    for (const bad of ['lead@firma', 'Lead <lead@firma.de>', 'lead@firma.de, b@firma.de', 'lead firma.de', '']) {
      expect(isEmailAddress(bad)).toBe(false);
    }
  });

  it('is the pattern zod checks with, so a managed policy and the settings form agree', () => {
    const schema = z.email({ pattern: wholeEmailAddress });
    for (const value of ['lead@firma.de', 'teamleitung@müller-gmbh.de', 'lead@firma', 'a b@c.de']) {
      expect(schema.safeParse(value).success).toBe(isEmailAddress(value));
    }
  });
});
