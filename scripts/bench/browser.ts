/**
 * `npm run bench -- browser`: the bundled mood model in headless Chromium with the built extension — median latency
 * per message and messages per second on WASM and on WebGPU (SwiftShader here), peak memory, and the time from the
 * conversation being read to the first mood in the panel. The bench page is bundled into a temporary copy of the
 * built extension, never into the product build.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { launchWithExtension } from '../browser';
import { demoConversations, getDemoConversation } from '../demo/conversations';
import { startDemoServer } from '../demo/server';
import type { PageBenchResult } from './browser-page';

const repo = resolve(import.meta.dirname, '../..');

/**
 * The built extension to measure: `RAPPORT_OUT_DIR` when built there, else a bench-only build in `.output-bench`
 * (rebuilt with `RAPPORT_BENCH_REBUILD=1`).
 */
export function ensureBuiltExtension(target: 'chrome' | 'firefox' = 'chrome'): string {
  const outDir = process.env.RAPPORT_OUT_DIR ?? '.output-bench';
  const path = join(repo, outDir, target === 'chrome' ? 'chrome-mv3' : 'firefox-mv3');
  if (!existsSync(join(path, 'manifest.json')) || process.env.RAPPORT_BENCH_REBUILD === '1') {
    execFileSync('npx', ['wxt', 'build', '-b', target], {
      cwd: repo,
      // The development build: the bench reads the demo helpdesk on localhost, which a store build does not declare.
      env: { ...process.env, RAPPORT_OUT_DIR: outDir, RAPPORT_DEMO_HOSTS: '1' },
      stdio: 'ignore',
    });
  }
  return path;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Resident memory of the Chromium processes using `profile`, in MiB (Linux `ps`). */
function chromiumRssMiB(profile: string): number {
  try {
    const out = execFileSync('ps', ['-eo', 'rss=,args='], { encoding: 'utf8', maxBuffer: 16 * 2 ** 20 });
    let kib = 0;
    for (const line of out.split('\n')) {
      // Other Chromium instances on this machine (parallel test runs) must not count.
      if (!line.includes(profile)) continue;
      kib += Number.parseInt(line.trim().split(/\s+/)[0] ?? '0', 10) || 0;
    }
    return kib / 1024;
  } catch {
    // No `ps` (not Linux): the figure is reported as 0 rather than failing the whole bench.
    return 0;
  }
}

export const fmt = (n: number, digits = 1) => n.toFixed(digits);

/** Runs the browser bench and returns the lines to print. */
export async function runBrowserBench(): Promise<string[]> {
  const built = ensureBuiltExtension();
  const work = await mkdtemp(join(tmpdir(), 'rapport-bench-'));
  const extensionPath = join(work, 'chrome-mv3');
  await cp(built, extensionPath, { recursive: true });
  await mkdir(join(extensionPath, 'bench'), { recursive: true });
  await build({
    entryPoints: [join(import.meta.dirname, 'browser-page.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    outfile: join(extensionPath, 'bench', 'bench.js'),
    logLevel: 'silent',
    define: { 'import.meta.env.FIREFOX': 'false' },
  });
  await writeFile(
    join(extensionPath, 'bench', 'bench.html'),
    '<!doctype html><meta charset="utf-8"><title>bench</title><script type="module" src="bench.js"></script>',
  );

  const texts = demoConversations.flatMap((c) => c.messages.map((m) => m.text)).filter((t) => t.trim());
  const lines: string[] = [];
  const launched = await launchWithExtension({ extensionPath, headless: true });
  let peakRss = chromiumRssMiB(launched.userDataDir);
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, chromiumRssMiB(launched.userDataDir));
  }, 200);
  try {
    const page = await launched.context.newPage();
    await page.goto(`chrome-extension://${launched.extensionId}/bench/bench.html`);
    await page.waitForFunction(() => document.title === 'bench-ready', null, { timeout: 20_000 });
    const cdp = await launched.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    let peakHeap = 0;
    const adapter = await page.evaluate(async () => {
      const gpu = Reflect.get(navigator, 'gpu') as { requestAdapter?: () => Promise<unknown> } | undefined;
      const found = await gpu?.requestAdapter?.();
      const info = typeof found === 'object' && found !== null ? Reflect.get(found, 'info') : undefined;
      return info ? `${String(Reflect.get(info, 'vendor'))} ${String(Reflect.get(info, 'architecture'))}` : 'none';
    });
    lines.push(
      `messages: ${texts.length} (demo conversations), batch size 16 for throughput; WebGPU adapter: ${adapter}`,
    );
    for (const device of ['wasm', 'webgpu'] as const) {
      const result = await page.evaluate(
        ([d, t]) =>
          (
            Reflect.get(globalThis, 'rapportBench') as (
              device: 'wasm' | 'webgpu',
              texts: string[],
            ) => Promise<PageBenchResult>
          )(d, t),
        [device, texts] as const,
      );
      const metrics = await cdp.send('Performance.getMetrics');
      const heap = metrics.metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
      peakHeap = Math.max(peakHeap, heap);
      if (result.error) {
        lines.push(`${device}: could not run (${result.error})`);
        continue;
      }
      const med = median(result.latenciesMs);
      lines.push(
        `${device}: load ${fmt(result.loadMs, 0)} ms; median ${fmt(med, 2)} ms/message (${fmt(1000 / med, 0)} messages/s one at a time); batched ${fmt(result.batchMessagesPerSecond, 0)} messages/s`,
      );
    }
    lines.push(`peak JS heap (bench page, CDP JSHeapUsedSize): ${fmt(peakHeap / 2 ** 20)} MiB`);
    await page.close();

    // Time from the conversation being read (the panel lists its messages) to the first mood in the panel.
    const demo = await startDemoServer({ port: 0 });
    try {
      const firstMoods: number[] = [];
      for (const scenario of ['angry-refund', 'grateful-follow-up'] as const) {
        const ticket = getDemoConversation(scenario);
        const tab = await launched.context.newPage();
        // The helpdesk's ticket list first (no conversation), so the panel is open before the ticket is read.
        await tab.goto(`${demo.url}/`);
        const worker = launched.context.serviceWorkers()[0];
        const tabId = worker
          ? await worker.evaluate(async (url) => {
              const tabs = await chrome.tabs.query({});
              return tabs.find((t) => t.url?.startsWith(url))?.id ?? -1;
            }, demo.url)
          : -1;
        const panel = await launched.context.newPage();
        await panel.goto(`chrome-extension://${launched.extensionId}/sidepanel.html?tabId=${tabId}`);
        // A string, not a function: tsx's name helper (`__name`) does not exist inside the page.
        await panel.evaluate(`(() => {
          const marks = {};
          globalThis.benchMarks = marks;
          new MutationObserver(() => {
            if (!marks.read && document.querySelector('[data-testid="read-message"]')) marks.read = performance.now();
            if (!marks.mood && document.querySelector('[data-testid="mood-card"][data-sentiment]')) marks.mood = performance.now();
          }).observe(document.body, { subtree: true, childList: true, attributes: true });
        })()`);
        await tab.goto(`${demo.url}/tickets/${ticket.id}`);
        await panel.waitForFunction(
          () => {
            const marks = Reflect.get(globalThis, 'benchMarks') as Record<string, number>;
            return marks.read !== undefined && marks.mood !== undefined;
          },
          null,
          { timeout: 30_000 },
        );
        const marks = await panel.evaluate(() => Reflect.get(globalThis, 'benchMarks') as Record<string, number>);
        firstMoods.push((marks.mood ?? 0) - (marks.read ?? 0));
        await panel.close();
        await tab.close();
      }
      lines.push(
        `conversation read → first mood in the panel: ${firstMoods.map((ms) => `${fmt(ms, 0)} ms`).join(', ')} (cold worker first, then warm; target 300 ms)`,
      );
    } finally {
      await demo.close();
    }
    lines.push(`peak Chromium resident memory (all processes): ${fmt(peakRss, 0)} MiB`);
  } finally {
    clearInterval(sampler);
    await launched.close();
    await rm(work, { recursive: true, force: true });
  }
  return lines;
}
