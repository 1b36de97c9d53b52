import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { demoHostsEnv, demoSiteMatches } from '../../lib/sites/matches';

/**
 * Builds the Chrome extension once for the whole run: the development build, which declares the demo helpdesk's
 * localhost hosts the tests serve pages on (a store build does not). Skipped when `RAPPORT_SKIP_BUILD=1` and a
 * development build exists. The switch stays set for the tests, so the Firefox tests build the same way.
 */
export default function globalSetup(): void {
  process.env[demoHostsEnv] = '1';
  const output = resolve(
    import.meta.dirname,
    '../..',
    process.env.RAPPORT_OUT_DIR ?? '.output',
    'chrome-mv3/manifest.json',
  );
  if (process.env.RAPPORT_SKIP_BUILD === '1' && isDevelopmentBuild(output)) return;
  execFileSync('npx', ['wxt', 'build'], { stdio: 'inherit', cwd: resolve(import.meta.dirname, '../..') });
}

/** A store build left in the folder (`npx wxt build`) would run no content script on the test pages. */
function isDevelopmentBuild(manifestPath: string): boolean {
  if (!existsSync(manifestPath)) return false;
  const manifest: unknown = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const hosts =
    typeof manifest === 'object' && manifest !== null && 'host_permissions' in manifest
      ? manifest.host_permissions
      : [];
  return Array.isArray(hosts) && demoSiteMatches.every((pattern) => hosts.includes(pattern));
}
