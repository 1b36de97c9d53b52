import { describe, expect, it } from 'vitest';
import { getAdapterFor, readConversation } from '../../../lib/sites';
import { buildDiagnostic, maskedStructure, maskText } from '../../../lib/sites/diagnostics';
import { checkReading } from '../../../lib/sites/health';
import { loadSiteFixtures, parsePage } from './fixture-files';

/** Words of at least four letters from a text: what must never appear in a report. */
function wordsOf(text: string): string[] {
  return [...new Set(text.match(/\p{L}{4,}/gu) ?? [])];
}

/** Every string value in a JSON value (keys left out: they are the report's own words). */
function stringValues(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringValues);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringValues);
  return [];
}

describe('maskText', () => {
  it('keeps the shape and drops the words', () => {
    expect(maskText('Wo bleibt Bestellung 10-4471? Mara <mara@example.net>')).toBe(
      'Xx xxxxxx Xxxxxxxxxx 00-0000? Xxxx <xxxx@xxxxxxx.xxx>',
    );
    expect(maskText('Grüße, Zoë')).toBe('Xxxxx, Xxx');
  });
});

describe('buildDiagnostic', () => {
  const fixtures = loadSiteFixtures().filter((f) => f.conversation && f.site !== 'generic');

  it.each(fixtures.map((f) => [`${f.site}/${f.variant}`, f] as const))(
    '%s: holds structure, anchors and the reading, and no customer text',
    (_name, fixture) => {
      const doc = parsePage(fixture.html);
      const adapter = getAdapterFor(fixture.context.url);
      const conversation = readConversation(doc, fixture.context);
      const json = buildDiagnostic({
        doc,
        adapter,
        url: fixture.context.url,
        version: '0.1.0',
        conversation,
        error: null,
        health: checkReading(conversation),
      });
      const report = JSON.parse(json) as {
        adapter: { id: string };
        anchors: { anchor: string; matches: number }[];
        reading: { conversation: { messages: { role: string; text: string }[] } };
        structure: string;
      };
      expect(report.adapter.id).toBe(fixture.site);
      expect(report.anchors.length).toBeGreaterThan(0);
      expect(report.reading.conversation.messages.map((m) => m.role)).toEqual(conversation.messages.map((m) => m.role));
      expect(report.structure).toContain('<body');
      const secrets = [
        ...conversation.messages.flatMap((m) => [...wordsOf(m.text), m.author.email, m.author.name]),
        conversation.customer.email,
        ...wordsOf(conversation.subject),
      ].filter((s): s is string => Boolean(s) && (s?.length ?? 0) >= 4);
      const reading = stringValues(report.reading).join('\n');
      for (const secret of secrets) expect(reading, `reading leaks "${secret}"`).not.toContain(secret);
      // Every text of the page is placeholder text: letters x/X, digits 0, spaces and punctuation.
      const texts = report.structure.match(/>[^<]+</g) ?? [];
      for (const text of texts) expect(text.replace(/&(amp|lt|gt);/g, '')).toMatch(/^>[xX0\s\p{P}\p{S}]*<$/u);
      // Values that name people (sender attributes, labels such as "From: …") are masked too.
      for (const secret of secrets.filter((word) => /@|\s/.test(word)))
        expect(report.structure, `structure leaks "${secret}"`).not.toContain(secret);
    },
  );

  it('keeps landmarks a reader needs (roles, test ids, UI labels) and marks inline-hidden elements', () => {
    const doc = parsePage(
      '<html><body><div role="main" aria-label="Reading Pane"><div data-testid="x" aria-label="From: Mara Köhler" style="display:none">Geheim</div><input value="Kundennummer 4711"></div></body></html>',
    );
    const html = maskedStructure(doc.documentElement);
    expect(html).toContain('role="main" aria-label="Reading Pane"');
    expect(html).toContain('data-testid="x"');
    expect(html).toContain('data-rapport-hidden=""');
    expect(html).not.toMatch(/Mara|Geheim|Kundennummer|4711/);
  });
});
