/**
 * `npm run bench`: measures the speed and memory targets of every issue and prints them (never asserted by tests).
 * Sections run one after another so their timings do not disturb each other; `npm run bench -- model read` runs some.
 */
import { createBundledMoodModel } from '../../lib/models/bundled-model';

type Section = { name: string; title: string; run: () => Promise<string[]> };

const sections: Section[] = [
  {
    name: 'model',
    title: 'Bundled mood model in Node (transformers.js, ONNX Runtime CPU) vs lexicon baseline',
    run: async () => (await import('./model')).runModelBench(),
  },
  {
    name: 'analysis',
    title: 'Mood engine (analysis layer on the bundled model, Node)',
    run: async () => {
      const { runAnalysisBench } = await import('./analysis');
      const result = await runAnalysisBench(createBundledMoodModel());
      return Object.entries(result).map(([key, value]) =>
        typeof value === 'number'
          ? `${key}: ${Number.isInteger(value) ? value : value.toFixed(2)}`
          : `${key}: ${String(value)}`,
      );
    },
  },
  {
    name: 'browser',
    title: 'Bundled model and first mood in headless Chromium (WASM, WebGPU via SwiftShader)',
    run: async () => (await import('./browser')).runBrowserBench(),
  },
  {
    name: 'firefox',
    title: 'First mood in headless Firefox ESR (the background page owns the worker)',
    run: async () => (await import('./firefox')).runFirefoxBench(),
  },
  {
    name: 'read',
    title: 'Reading conversations and observer cost in Chromium (issue 3)',
    run: async () => (await import('./read')).runReadBench(),
  },
  {
    name: 'content',
    title: 'Content script bundle (issue 3)',
    run: async () => (await import('./content')).runContentBench(),
  },
  {
    name: 'size',
    title: 'Package size per browser, largest files, libraries or files shipped twice (issue 21)',
    run: async () => (await import('./size')).runSizeBench(),
  },
  {
    name: 'replies',
    title: 'Reply drafting: prompt assembly, tone check, LLM streaming (issue 6)',
    run: async () => (await import('./replies')).runRepliesBench(),
  },
  {
    name: 'mask',
    title: 'PII masking time, 10k–100k characters, ticket text and adversarial input (issue 20)',
    run: async () => (await import('./mask')).runMaskBench(),
  },
];

const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
let failed = 0;
for (const section of sections) {
  if (wanted.length > 0 && !wanted.includes(section.name)) continue;
  console.log(`\n## ${section.title}`);
  const started = performance.now();
  try {
    for (const line of await section.run()) console.log(`  ${line}`);
  } catch (error) {
    failed += 1;
    console.log(`  could not measure: ${error instanceof Error ? error.message : String(error)}`);
  }
  console.log(`  (section took ${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
process.exit(failed > 0 ? 1 : 0);
