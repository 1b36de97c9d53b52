/** Loading the saved-page fixtures under tests/fixtures/sites for the adapter tests. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Conversation, ReadContext } from '../../../lib/sites/types';

export const FIXTURES_DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'sites');

export interface SiteFixture {
  site: string;
  variant: string;
  html: string;
  context: ReadContext;
  conversation?: Conversation;
  error?: { code: string; message: string };
  hasExpected: boolean;
}

interface ExpectedJson {
  context: { url: string; agent: { names: string[]; emails: string[] }; pickedSelector?: string };
  conversation?: Conversation;
  error?: { code: string; message: string };
}

/** Every fixture page with its expected result. */
export function loadSiteFixtures(): SiteFixture[] {
  const fixtures: SiteFixture[] = [];
  for (const site of readdirSync(FIXTURES_DIR).sort()) {
    for (const file of readdirSync(join(FIXTURES_DIR, site)).sort()) {
      if (!file.endsWith('.html')) continue;
      const variant = file.replace(/\.html$/, '');
      const expectedPath = join(FIXTURES_DIR, site, `${variant}.expected.json`);
      const hasExpected = existsSync(expectedPath);
      const expected: ExpectedJson = hasExpected
        ? (JSON.parse(readFileSync(expectedPath, 'utf8')) as ExpectedJson)
        : { context: { url: 'https://example.invalid/', agent: { names: [], emails: [] } } };
      fixtures.push({
        site,
        variant,
        html: readFileSync(join(FIXTURES_DIR, site, file), 'utf8'),
        context: {
          url: new URL(expected.context.url),
          agent: expected.context.agent,
          ...(expected.context.pickedSelector ? { pickedSelector: expected.context.pickedSelector } : {}),
        },
        ...(expected.conversation ? { conversation: expected.conversation } : {}),
        ...(expected.error ? { error: expected.error } : {}),
        hasExpected,
      });
    }
  }
  return fixtures;
}

/** Parses a saved page into its own document (scripts never run). */
export function parsePage(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

/** Puts a saved page's body into the live test document (for insert and watch tests, which need focus and events). */
export function mountPage(html: string): Document {
  const parsed = parsePage(html);
  document.title = parsed.title;
  document.body.innerHTML = parsed.body.innerHTML;
  return document;
}

export function fixtureHtml(site: string, variant: string): string {
  return readFileSync(join(FIXTURES_DIR, site, `${variant}.html`), 'utf8');
}
