import { defineConfig } from '@playwright/test';

/** End-to-end tests drive Debian's Chromium with the built extension; one worker, since each test owns a browser. */
export default defineConfig({
  testDir: './e2e',
  outputDir: '../test-results/e2e',
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: '../test-results/e2e-results.json' }]],
});
