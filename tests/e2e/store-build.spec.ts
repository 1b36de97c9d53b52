import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { demoHostsEnv } from '../../lib/sites/matches';

/**
 * The store build as `npx wxt build` makes it (issue 20), for both browsers: no localhost host, no extension page
 * web-accessible at a fixed URL. The rest of the end-to-end tests run the development build (global-setup.ts).
 */
const root = resolve(import.meta.dirname, '../..');
const outDir = '.output-store';

function buildStore(browser: 'chrome' | 'firefox'): string {
  const path = join(root, outDir, `${browser}-mv3`);
  if (process.env.RAPPORT_SKIP_BUILD === '1' && existsSync(join(path, 'manifest.json'))) return path;
  const env: NodeJS.ProcessEnv = { ...process.env, RAPPORT_OUT_DIR: outDir };
  delete env[demoHostsEnv];
  execFileSync('npx', ['wxt', 'build', '-b', browser], { cwd: root, env, stdio: 'inherit' });
  return path;
}

interface Resource {
  resources: string[];
  matches?: string[];
  use_dynamic_url?: boolean;
}

test.describe('the store build', () => {
  for (const browser of ['chrome', 'firefox'] as const) {
    test(`${browser}: no localhost host and no extension page web-accessible at a fixed URL`, async () => {
      test.setTimeout(300_000);
      const path = buildStore(browser);
      const text = readFileSync(join(path, 'manifest.json'), 'utf8');
      expect(text).not.toMatch(/localhost|127\.0\.0\.1/);
      const manifest: { web_accessible_resources?: Resource[]; content_scripts?: { matches: string[] }[] } =
        JSON.parse(text);
      const resources = manifest.web_accessible_resources ?? [];
      expect(resources.flatMap((entry) => entry.resources)).toEqual(['drawer.html']);
      // Chrome: a page can load the drawer only at a per-session address; Firefox has no such option.
      if (browser === 'chrome') expect(resources.every((entry) => entry.use_dynamic_url === true)).toBe(true);
      // The content script is still declared, for the real helpdesks only.
      expect(manifest.content_scripts?.flatMap((script) => script.matches)).toContain('https://*.zendesk.com/*');
    });
  }
});
