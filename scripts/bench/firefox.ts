/**
 * `npm run bench -- firefox`: the Firefox build in headless Firefox ESR, where the background page owns the analysis
 * worker. Firefox lets no automation open an extension page in a tab, so the first mood is timed on the in-page badge:
 * from the ticket page's DOMContentLoaded to the badge carrying a mood (this includes the content script starting and
 * reading the page, which Chromium's "read → first mood" figure leaves out).
 */
import { getDemoConversation } from '../demo/conversations';
import { startDemoServer } from '../demo/server';
import { launchFirefox, resolveFirefoxPath } from '../firefox';
import { ensureBuiltExtension, fmt } from './browser';

/** Runs in the page before its own scripts: marks DOMContentLoaded and the moment the badge first carries a mood. */
const markBadgeMood = `() => {
  const marks = {};
  window.rapportBenchMarks = marks;
  const watch = () => {
    const badge = document.querySelector('rapport-badge')?.shadowRoot?.querySelector('.badge');
    const mood = badge?.dataset.mood;
    if (mood && mood !== 'unknown') marks.mood = performance.now();
    else setTimeout(watch, 2);
  };
  document.addEventListener('DOMContentLoaded', () => {
    marks.ready = performance.now();
    watch();
  });
}`;

const idleMs = 60_000;

export async function runFirefoxBench(): Promise<string[]> {
  const firefoxPath = resolveFirefoxPath();
  if (!firefoxPath)
    return ['skipped: Firefox is not installed (`sudo apt-get install -y firefox-esr` or FIREFOX_PATH)'];
  const extensionPath = ensureBuiltExtension('firefox');
  const demo = await startDemoServer({ port: 0 });
  const firefox = await launchFirefox({ extensionPath, firefoxPath });
  const lines: string[] = [];
  try {
    const version = await firefox.evaluate<string>(firefox.tab, 'navigator.userAgent');
    lines.push(`browser: ${/Firefox\/[\d.]+/.exec(version)?.[0] ?? version}, headless`);
    await firefox.send('script.addPreloadScript', { functionDeclaration: markBadgeMood });
    const steps: { ticket: Parameters<typeof getDemoConversation>[0]; idle?: 'on-ticket' | 'no-helpdesk-page' }[] = [
      { ticket: 'angry-refund' },
      { ticket: 'grateful-follow-up' },
      { ticket: 'late-delivery' },
      { ticket: 'angry-refund' },
      // Past Firefox's 30 s idle limit for event pages: with a ticket in view, then with no helpdesk page open.
      { ticket: 'voucher-de', idle: 'on-ticket' },
      { ticket: 'damaged-item-de', idle: 'no-helpdesk-page' },
    ];
    const timings: string[] = [];
    for (const step of steps) {
      if (step.idle === 'no-helpdesk-page') await firefox.navigate(firefox.tab, 'about:blank');
      if (step.idle) await new Promise((done) => setTimeout(done, idleMs));
      const ticket = getDemoConversation(step.ticket);
      await firefox.navigate(firefox.tab, `${demo.url}/tickets/${ticket.id}`);
      let marks: { ready?: number; mood?: number } = {};
      for (let waited = 0; waited < 30_000 && marks.mood === undefined; waited += 50) {
        marks = await firefox.evaluate(firefox.tab, 'window.rapportBenchMarks ?? {}');
        if (marks.mood === undefined) await new Promise((done) => setTimeout(done, 50));
      }
      const label = step.idle
        ? ` (after ${idleMs / 1000} s idle ${step.idle === 'on-ticket' ? 'on a ticket' : 'with no helpdesk page'})`
        : '';
      timings.push(
        marks.mood === undefined || marks.ready === undefined
          ? `no mood within 30 s${label}`
          : `${fmt(marks.mood - marks.ready, 0)} ms${label}`,
      );
    }
    lines.push(`page ready (DOMContentLoaded) → mood on the badge (target 300 ms from the conversation being read):`);
    lines.push(`  first conversation after start, then the next three: ${timings.slice(0, 4).join(', ')}`);
    for (const timing of timings.slice(4)) lines.push(`  ${timing}`);
  } finally {
    await firefox.close();
    await demo.close();
  }
  return lines;
}
