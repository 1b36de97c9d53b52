/**
 * `npm test`: type-check, lint, unit tests (vitest) and end-to-end tests (Playwright + Chromium with the built
 * extension), as CI runs them. Ends with one line `N passed, N failed, N skipped` over unit and e2e tests.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const results = resolve(root, 'test-results');
const only = process.argv.slice(2);

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

function run(label: string, command: string, args: string[]): boolean {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  const ok = result.status === 0;
  console.log(ok ? `✔ ${label}` : `✘ ${label} (exit ${result.status ?? result.signal})`);
  return ok;
}

function readJson(path: string): unknown {
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    // A runner that crashed mid-write leaves a partial file; its exit code already marks the step failed.
    return null;
  }
}

function vitestCounts(path: string): Counts {
  const data = readJson(path) as {
    numPassedTests?: number;
    numFailedTests?: number;
    numPendingTests?: number;
    numTodoTests?: number;
  } | null;
  return {
    passed: data?.numPassedTests ?? 0,
    failed: data?.numFailedTests ?? 0,
    skipped: (data?.numPendingTests ?? 0) + (data?.numTodoTests ?? 0),
  };
}

function playwrightCounts(path: string): Counts {
  const data = readJson(path) as {
    stats?: { expected?: number; unexpected?: number; flaky?: number; skipped?: number };
  } | null;
  const stats = data?.stats;
  return {
    passed: (stats?.expected ?? 0) + (stats?.flaky ?? 0),
    failed: stats?.unexpected ?? 0,
    skipped: stats?.skipped ?? 0,
  };
}

const wants = (step: string) => only.length === 0 || only.includes(step);
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

let ok = true;
// `wxt prepare` writes .wxt/ (the generated types tsconfig extends); install scripts are off (.npmrc), so it runs here.
if (wants('typecheck'))
  ok =
    run('generated types (wxt prepare)', 'npx', ['wxt', 'prepare']) &&
    run('type-check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']) &&
    ok;
if (wants('lint'))
  ok = run('lint and format check', 'npx', ['biome', 'check', '--config-path', 'tests/lint.biome.json', '.']) && ok;
const unitJson = resolve(results, 'unit-results.json');
if (wants('unit')) {
  ok =
    run('unit tests (vitest)', 'npx', [
      'vitest',
      'run',
      '--config',
      'tests/vitest.config.ts',
      '--reporter=default',
      '--reporter=json',
      `--outputFile=${unitJson}`,
    ]) && ok;
}
const e2eJson = resolve(results, 'e2e-results.json');
if (wants('e2e'))
  ok =
    run('end-to-end tests (Playwright: Chromium, and Firefox over WebDriver BiDi)', 'npx', [
      'playwright',
      'test',
      '--config',
      'tests/playwright.config.ts',
    ]) && ok;

const unit = vitestCounts(unitJson);
const e2e = playwrightCounts(e2eJson);
const total = {
  passed: unit.passed + e2e.passed,
  failed: unit.failed + e2e.failed,
  skipped: unit.skipped + e2e.skipped,
};
console.log(`\nunit: ${unit.passed} passed, ${unit.failed} failed · e2e: ${e2e.passed} passed, ${e2e.failed} failed`);
if (!ok && total.failed === 0) console.log('A check failed (see above) — type-check, lint or a runner error.');
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(ok && total.failed === 0 ? 0 : 1);
