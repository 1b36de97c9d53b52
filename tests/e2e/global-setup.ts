import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Builds the Chrome extension once for the whole run (skipped when `RAPPORT_SKIP_BUILD=1` and a build exists). */
export default function globalSetup(): void {
  const output = resolve(
    import.meta.dirname,
    '../..',
    process.env.RAPPORT_OUT_DIR ?? '.output',
    'chrome-mv3/manifest.json',
  );
  if (process.env.RAPPORT_SKIP_BUILD === '1' && existsSync(output)) return;
  execFileSync('npx', ['wxt', 'build'], { stdio: 'inherit', cwd: resolve(import.meta.dirname, '../..') });
}
