// @vitest-environment node
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adapters, getAdapterFor } from '../../../lib/sites';
import { FIXTURES_DIR } from './fixture-files';

const SITE_FILES = join(import.meta.dirname, '..', '..', '..', 'lib', 'sites');

describe('site adapter conventions', () => {
  it('registers every adapter file, generic last', () => {
    const ids = adapters.map((a) => a.id);
    for (const id of ['gmail', 'zendesk', 'outlook', 'freshdesk', 'generic']) {
      expect(ids).toContain(id);
      expect(existsSync(join(SITE_FILES, `${id}.ts`))).toBe(true);
    }
    expect(ids.at(-1)).toBe('generic');
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has fixtures with expected results for every adapter, and no fixtures for unknown sites', () => {
    const folders = readdirSync(FIXTURES_DIR);
    expect(folders.sort()).toEqual(adapters.map((a) => a.id).sort());
    for (const site of folders) {
      const pages = readdirSync(join(FIXTURES_DIR, site)).filter((f) => f.endsWith('.html'));
      expect(pages.length, site).toBeGreaterThanOrEqual(site === 'generic' ? 4 : 2);
      for (const page of pages) {
        const html = readFileSync(join(FIXTURES_DIR, site, page), 'utf8');
        expect(existsSync(join(FIXTURES_DIR, site, page.replace(/\.html$/, '.expected.json'))), page).toBe(true);
        // Each saved page says which UI variant and when it shows.
        expect(html, `${site}/${page} needs a dated UI-variant comment`).toMatch(
          /<!--(?:(?!-->)[\s\S])*\b20\d\d(-\d\d)?\b[\s\S]*?-->/,
        );
      }
    }
  });

  it('keeps selectors together at the top of each site file', () => {
    for (const id of ['gmail', 'zendesk', 'outlook', 'freshdesk']) {
      const source = readFileSync(join(SITE_FILES, `${id}.ts`), 'utf8');
      const selectorsAt = source.indexOf('const SELECTORS = {');
      const firstFunction = source.search(/\nfunction |\nexport function /);
      expect(selectorsAt, id).toBeGreaterThan(0);
      expect(selectorsAt, id).toBeLessThan(firstFunction);
    }
  });

  it('routes each site URL to its adapter', () => {
    const cases: [string, string][] = [
      ['https://mail.google.com/mail/u/0/#inbox', 'gmail'],
      ['https://shopexample.zendesk.com/agent/tickets/48233', 'zendesk'],
      ['https://outlook.office.com/mail/inbox', 'outlook'],
      ['https://outlook.office365.com/mail/', 'outlook'],
      ['https://outlook.live.com/mail/0/', 'outlook'],
      ['https://shopexample.freshdesk.com/a/tickets/7781', 'freshdesk'],
      ['https://support.shop-example.de/#ticket/zoom/31044', 'generic'],
      // The Zendesk help centre (customer-facing) is not the agent interface.
      ['https://shopexample.zendesk.com/hc/en-us', 'generic'],
      ['http://localhost:5757/tickets/1', 'generic'],
    ];
    for (const [url, id] of cases) expect(getAdapterFor(url).id, url).toBe(id);
  });
});
