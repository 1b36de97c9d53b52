import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    root: '.',
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
    // Files that need a DOM (site adapters, pickers, watchers, React hooks and views) run in happy-dom. Pure logic
    // says `// @vitest-environment node` on its first line and skips building a DOM per file, which is most of the
    // suite's set-up time. Happy-dom stays the default so a new test that reads a page works without a note.
    environment: 'happy-dom',
    setupFiles: ['tests/unit/setup.ts'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
