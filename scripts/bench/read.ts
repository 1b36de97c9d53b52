/**
 * Reading and watching cost in real Chromium: the site adapters are bundled with esbuild, fixture pages are served on
 * their real URLs by route interception, and we time `read` on 100-message threads built from every site's fixture
 * (scripts/bench/read-threads.ts), the API readers and the conversation reader against a fake API in the page
 * (scripts/bench/read-page.ts), then the watch's cost on the saved long-thread fixtures while the agent types and
 * scrolls (the longest task attributable to us), and check that Insert is one undoable edit.
 * `runReadBench()` is called by `scripts/bench/index.ts`; run alone with `npx tsx scripts/bench/read.ts`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright';
import type { ReaderTimings, ReadTimings } from './read-page';
import { THREAD_LENGTH, THREAD_SPECS } from './read-threads';

const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'sites');
const READ_TARGET_MS = 10;
const TASK_TARGET_MS = 50;
const SETTLE_TARGET_MS = 300;

interface LongThread {
  site: string;
  variant: string;
  url: string;
}

const THREADS: LongThread[] = [
  {
    site: 'gmail',
    variant: 'long-thread',
    url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQZTMbLongThreadFixture120',
  },
  { site: 'generic', variant: 'zammad-long-thread', url: 'https://support.shop-example.de/#ticket/zoom/31099' },
];

/** The adapters as one browser script exposing `window.rapportSites` (what the content script bundles). */
async function bundleAdapters(): Promise<string> {
  const result = await build({
    stdin: {
      contents: `import * as sites from './lib/sites/index.ts'; window.rapportSites = sites;`,
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    write: false,
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild produced no output');
  return file.text;
}

/** The bench's page script (scripts/bench/read-page.ts) as one browser script exposing `window.rapportReadBench`. */
async function bundleReadPage(): Promise<string> {
  const result = await build({
    entryPoints: [join(ROOT, 'scripts', 'bench', 'read-page.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    write: false,
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild produced no output');
  return file.text;
}

async function openFixture(page: Page, thread: LongThread, bundle: string): Promise<void> {
  const html = readFileSync(join(FIXTURES, thread.site, `${thread.variant}.html`), 'utf8');
  await page.route(`${new URL(thread.url).origin}/**`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
  );
  await page.goto(thread.url);
  await page.addScriptTag({ content: bundle });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function p95(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)] ?? Number.NaN;
}

const SITES_GLOBAL = `
  const sites = window.rapportSites;
  const ctx = { url: new URL(location.href), agent: { names: [], emails: [] } };
`;

/** Median and p95 of `read` over repeated runs, after a warm-up. */
async function timeRead(page: Page): Promise<{ messages: number; first: number; times: number[] }> {
  return page.evaluate(`(() => {
    ${SITES_GLOBAL}
    const firstStart = performance.now();
    sites.readConversation(document, ctx);
    const first = performance.now() - firstStart;
    let messages = 0;
    for (let i = 0; i < 5; i++) messages = sites.readConversation(document, ctx).messages.length;
    const times = [];
    for (let i = 0; i < 60; i++) {
      const start = performance.now();
      sites.readConversation(document, ctx);
      times.push(performance.now() - start);
    }
    return { messages, first, times };
  })()`);
}

interface WatchCost {
  longestOwnMs: number;
  ownCallbacks: number;
  reads: number;
  longTasks: number;
  longestTaskMs: number;
  settleMs: number;
}

/**
 * Types 150 characters into the reply box and scrolls, then lets a new message arrive; our observer callbacks and
 * re-reads are timed, and Chromium's long-task entries are collected for the whole run.
 */
async function timeWatch(page: Page): Promise<WatchCost> {
  return page.evaluate(`(async () => {
    ${SITES_GLOBAL}
    const longTasks = [];
    const po = new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push(e.duration); });
    po.observe({ type: 'longtask', buffered: false });
    // Time every observer callback the watch makes (ours only: the page has none in a saved fixture).
    const Native = window.MutationObserver;
    const own = [];
    window.MutationObserver = class extends Native {
      constructor(callback) {
        super((records, observer) => {
          const start = performance.now();
          callback(records, observer);
          own.push(performance.now() - start);
        });
      }
    };
    const adapter = sites.getAdapterFor(location.href);
    let reads = 0;
    let lastReadAt = 0;
    const controller = new AbortController();
    sites.watchConversation(document, adapter, () => {
      const start = performance.now();
      sites.readConversation(document, ctx);
      own.push(performance.now() - start);
      reads++;
      lastReadAt = performance.now();
    }, { signal: controller.signal });
    window.MutationObserver = Native;
    const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
    const editor = document.querySelector('[contenteditable="true"]');
    editor.focus();
    for (let i = 0; i < 150; i++) {
      document.execCommand('insertText', false, i % 40 === 39 ? ' ' : 'abcdefghij'[i % 10]);
      if (i % 10 === 0) window.scrollBy(0, i % 20 === 0 ? 400 : -300);
      await sleep(15);
    }
    await sleep(400);
    const readsWhileTyping = reads;
    // A new message arrives: how long until the watch has re-read the conversation?
    const list = adapter.observeTarget(document);
    const last = list.querySelector('[role="listitem"]:last-of-type, .ticket-article-item:last-of-type') ?? list.lastElementChild;
    const arrivedAt = performance.now();
    list.appendChild(last.cloneNode(true));
    await sleep(600);
    controller.abort();
    po.disconnect();
    return {
      longestOwnMs: Math.max(0, ...own),
      ownCallbacks: own.length,
      reads: readsWhileTyping,
      longTasks: longTasks.length,
      longestTaskMs: Math.max(0, ...longTasks),
      settleMs: reads > readsWhileTyping ? lastReadAt - arrivedAt : Number.POSITIVE_INFINITY,
    };
  })()`);
}

/** Insert through the adapter in Chromium (the execCommand path), then one Ctrl+Z must take it all back. */
async function checkInsertUndo(page: Page): Promise<{ inserted: boolean; lineBreaks: number; undone: boolean }> {
  return page.evaluate(`(async () => {
    const sites = window.rapportSites;
    const editor = document.querySelector('[contenteditable="true"]');
    editor.innerHTML = '<br>';
    const before = editor.innerText;
    const result = await sites.getAdapterFor(location.href).insert(document, 'Liebe Frau Köhler,\\nes tut mir leid.\\nViele Grüße');
    const inserted = result.ok && editor.innerText.includes('es tut mir leid.');
    const lineBreaks = editor.querySelectorAll('br, div').length;
    document.execCommand('undo');
    return { inserted, lineBreaks, undone: editor.innerText.trim() === before.trim() };
  })()`);
}

function mark(ok: boolean): string {
  return ok ? 'ok' : 'OVER TARGET';
}

/** The URL and agent a fixture is read with (its expected.json), so the copied thread reads as the fixture does. */
function fixtureContext(site: string, variant: string): { url: string; agent: { names: string[]; emails: string[] } } {
  const expected = JSON.parse(readFileSync(join(FIXTURES, site, `${variant}.expected.json`), 'utf8')) as {
    context: { url: string; agent: { names: string[]; emails: string[] } };
  };
  return expected.context;
}

/** A bench that read far fewer or more messages than the thread has measured something else: say so, loudly. */
function checkMessages(what: string, timings: ReadTimings, expected: number): void {
  if (Math.abs(timings.messages - expected) > 5) {
    throw new Error(`${what} read ${timings.messages} messages, expected about ${expected}: not a real read`);
  }
}

function formatTimes(timings: ReadTimings): string {
  return `median ${median(timings.timesMs).toFixed(2)} ms, p95 ${p95(timings.timesMs).toFixed(2)} ms`;
}

/**
 * Every adapter's DOM read on a 100-message thread copied from its fixture, then (Zendesk, Freshdesk) the API reader
 * and the conversation reader on the same page with a fake API serving 100 entries built from the API fixtures.
 */
async function benchLongThreads(browser: Browser, bundle: string): Promise<string[]> {
  const domLines: string[] = [];
  const apiLines: string[] = [];
  for (const spec of THREAD_SPECS) {
    const { url, agent } = fixtureContext(spec.site, spec.variant);
    const page = await browser.newPage();
    try {
      await openFixture(page, { site: spec.site, variant: spec.variant, url }, bundle);
      const site = JSON.stringify(spec.site);
      const agentJson = JSON.stringify(agent);
      const built: number = await page.evaluate(`rapportReadBench.buildThread(${site})`);
      const dom: ReadTimings = await page.evaluate(`rapportReadBench.timeDomRead(${agentJson})`);
      checkMessages(`${spec.site} (page)`, dom, THREAD_LENGTH);
      const med = median(dom.timesMs);
      domLines.push(
        `read ${spec.site} (${spec.variant} ×${built}, ${dom.messages} messages read): ${formatTimes(dom)}, first read on the page ${dom.firstMs.toFixed(2)} ms (target ≤ ${READ_TARGET_MS} ms median) ${mark(med <= READ_TARGET_MS)}`,
      );
      if (spec.site !== 'zendesk' && spec.site !== 'freshdesk') continue;

      const reader = spec.site === 'zendesk' ? 'readZendeskFromApi' : 'readFreshdeskFromApi';
      const entries = spec.site === 'zendesk' ? 'comments' : 'conversations';
      const variants: [string, boolean][] =
        spec.site === 'freshdesk'
          ? [
              ['', false],
              ['; HTML bodies only, no body_text: each body parsed', true],
            ]
          : [['', false]];
      for (const [label, htmlOnly] of variants) {
        const api: ReadTimings = await page.evaluate(
          `rapportReadBench.timeApiRead(${site}, ${agentJson}, ${JSON.stringify(htmlOnly)})`,
        );
        checkMessages(`${reader}${label}`, api, THREAD_LENGTH);
        if (api.source !== 'api') throw new Error(`${reader} returned a reading from ${api.source}`);
        apiLines.push(
          `${reader} (${THREAD_LENGTH} ${entries} → ${api.messages} messages, ${api.requests} requests${label}): ${formatTimes(api)}, first read ${api.firstMs.toFixed(2)} ms; fake fetch ${api.fetchMs.toFixed(2)} ms a read, not counted`,
        );
      }

      const orchestrated: ReaderTimings = await page.evaluate(`rapportReadBench.timeReader(${site}, ${agentJson})`);
      const { first, cached } = orchestrated;
      checkMessages(`createConversationReader ${spec.site}`, first, THREAD_LENGTH);
      if (first.source !== 'api' || cached.source !== 'api') {
        throw new Error(`createConversationReader on ${spec.site} fell back to the page (${first.source})`);
      }
      if (cached.requests !== 0) {
        throw new Error(`createConversationReader on ${spec.site} asked the API again on an unchanged page`);
      }
      apiLines.push(
        `createConversationReader ${spec.site}: first read (page read + API, ${first.requests} requests) ${formatTimes(first)}; second read from its cache (page unchanged, page read only, 0 requests) ${formatTimes(cached)}`,
      );
    } finally {
      await page.close();
    }
  }
  return [
    `${THREAD_LENGTH}-message threads copied from each site's fixture (new ids, times and texts), page read:`,
    ...domLines.map((line) => `  ${line}`),
    `API path, ${THREAD_LENGTH} entries copied from tests/fixtures/api served by a fake fetch in the page (the reader's own time: JSON parsing, validation, text cleaning):`,
    ...apiLines.map((line) => `  ${line}`),
  ];
}

/** Runs the read/watch benchmark and returns report lines. */
export async function runReadBench(): Promise<string[]> {
  const lines: string[] = [];
  const [bundle, readPage] = await Promise.all([bundleAdapters(), bundleReadPage()]);
  lines.push(`site adapters bundle: ${(Buffer.byteLength(bundle) / 1024).toFixed(1)} KB minified`);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    lines.push(...(await benchLongThreads(browser, readPage)));
    for (const thread of THREADS) {
      const page = await browser.newPage();
      await openFixture(page, thread, bundle);
      const { messages, first, times } = await timeRead(page);
      const med = median(times);
      lines.push(
        `read ${thread.site}/${thread.variant} (${messages} messages): median ${med.toFixed(2)} ms, p95 ${p95(times).toFixed(2)} ms, first read on the page ${first.toFixed(2)} ms (target ≤ ${READ_TARGET_MS} ms median) ${mark(med <= READ_TARGET_MS)}`,
      );
      const watch = await timeWatch(page);
      lines.push(
        `watch ${thread.site}/${thread.variant} while typing 150 chars + scrolling: ${watch.ownCallbacks} callbacks of ours, longest ${watch.longestOwnMs.toFixed(2)} ms (target < ${TASK_TARGET_MS} ms) ${mark(watch.longestOwnMs < TASK_TARGET_MS)}; re-reads while typing ${watch.reads}; page long tasks ${watch.longTasks} (longest ${watch.longestTaskMs.toFixed(0)} ms)`,
      );
      lines.push(
        `watch ${thread.site}/${thread.variant}: new message read ${Number.isFinite(watch.settleMs) ? `${watch.settleMs.toFixed(0)} ms` : 'never'} after it arrived (target ≤ ${SETTLE_TARGET_MS} ms) ${mark(watch.settleMs <= SETTLE_TARGET_MS)}`,
      );
      if (thread.site === 'gmail') {
        const insert = await checkInsertUndo(page);
        lines.push(
          `insert gmail (execCommand path): text placed ${insert.inserted ? 'yes' : 'NO'}, ${insert.lineBreaks} line elements, one undo restores the box ${insert.undone ? 'yes' : 'NO'}`,
        );
      }
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await runReadBench()) console.log(line);
}
