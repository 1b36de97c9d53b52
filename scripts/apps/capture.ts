/**
 * Saves the pages of the real Request Tracker and Roundcube (scripts/apps/start.sh) as fixtures for the generic
 * reader: scripts and styles stripped, structure kept, each headed by the app, its Debian package version and the
 * capture date. Run as root after install.sh: `npx tsx scripts/apps/capture.ts` (starts and stops the apps itself).
 * The .expected.json files beside them are written by hand (what a person expects), never by this script.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Frame, type Page } from '@playwright/test';
import { resolveChromiumPath } from '../browser';
import {
  openRtTicket,
  previewRoundcubeMessage,
  roundcubeUid,
  signInToRoundcube,
  signInToRt,
  startApps,
  stopApps,
  whyAppsUnavailable,
} from './apps';

const OUT = resolve(import.meta.dirname, '..', '..', 'tests', 'fixtures', 'sites', 'generic');

function packageVersion(name: string): string {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own field syntax, not a JavaScript template
  return execFileSync('dpkg-query', ['-W', '-f', '${Version}', name], { encoding: 'utf8' }).trim();
}

/** The document as the browser holds it now, without scripts, styles, stylesheets and icons. */
function strippedMarkup(target: Page | Frame): Promise<string> {
  return target.evaluate(() => {
    const root = document.documentElement.cloneNode(true) as HTMLElement;
    for (const node of root.querySelectorAll('script, style, noscript, link, template, svg, iframe[src=""]')) {
      node.remove();
    }
    for (const node of root.querySelectorAll('[style]')) {
      // Layout styles are noise for the reader, but "display: none" is what hides a thing from the agent.
      const style = node.getAttribute('style') ?? '';
      if (/display:\s*none|visibility:\s*hidden/.test(style)) node.setAttribute('style', 'display: none');
      else node.removeAttribute('style');
    }
    return root.outerHTML;
  });
}

async function save(target: Page | Frame, name: string, app: string, view: string): Promise<void> {
  const date = new Date().toISOString().slice(0, 10);
  const header = `<!-- Source: saved page of ${app}, ${view}, captured ${date} by scripts/apps/capture.ts from the Debian package installed by scripts/apps/install.sh; seed data written by us (scripts/apps/seed-rt.pl, scripts/apps/mail/) -->`;
  const markup = await strippedMarkup(target);
  writeFileSync(resolve(OUT, `${name}.html`), `${header}\n<!DOCTYPE html>\n${markup}\n`);
  console.log(`saved tests/fixtures/sites/generic/${name}.html (${target.url()})`);
}

const why = whyAppsUnavailable();
if (why) {
  console.error(`Cannot capture: ${why}`);
  process.exit(1);
}
const rtVersion = packageVersion('request-tracker5');
const rcVersion = packageVersion('roundcube-core');
const rt = `Request Tracker ${rtVersion.replace(/\+.*/, '')} (Debian 12 package request-tracker5 ${rtVersion})`;
const rc = `Roundcube Webmail ${rcVersion.replace(/\+.*/, '')} (Debian 12 package roundcube-core ${rcVersion}), Elastic skin`;

const apps = startApps();
const browser = await chromium.launch({ executablePath: resolveChromiumPath(), args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  await signInToRt(page, apps);
  await openRtTicket(page, apps, apps.rt.singleTicket);
  await save(page, 'rt-5.0-ticket-single', rt, 'ticket display, one German message from the requestor, owner Nobody');
  await openRtTicket(page, apps, apps.rt.threadTicket);
  await save(page, 'rt-5.0-ticket-thread', rt, 'ticket display, requestor report, agent reply, requestor follow-up');
  // The Reply button on the last message: RT's reply page quoting it.
  await page.locator('a[href*="Action=Respond"][href*="QuoteTransaction="]').last().click();
  await page.locator('textarea[name="UpdateContent"]').waitFor({ state: 'attached' });
  await save(page, 'rt-5.0-reply', rt, 'reply page (Update.html?Action=Respond, quoting the last message)');

  await signInToRoundcube(page, apps);
  await previewRoundcubeMessage(page, 'Order 4471');
  await save(page, 'roundcube-1.6-preview-outer', rc, 'mail list with the message in the preview pane (outer page)');
  const frame = page.frame({ name: 'messagecontframe' });
  if (!frame) throw new Error('Roundcube showed no #messagecontframe');
  await save(frame, 'roundcube-1.6-preview-frame', rc, 'preview pane document (#messagecontframe, _action=preview)');
  const uid = await roundcubeUid(page, 'Order 4471');
  await page.goto(`${apps.roundcube.url}/?_task=mail&_mbox=INBOX&_uid=${uid}&_action=show`);
  await page.locator('#messagebody').waitFor();
  await save(
    page,
    'roundcube-1.6-show',
    rc,
    'single message view (_action=show), English follow-up with quoted history',
  );
  const germanUid = await (async () => {
    await page.goto(`${apps.roundcube.url}/?_task=mail&_mbox=INBOX`);
    await page.locator('#messagelist tbody tr').first().waitFor();
    return roundcubeUid(page, 'Reklamation');
  })();
  await page.goto(`${apps.roundcube.url}/?_task=mail&_reply_uid=${germanUid}&_mbox=INBOX&_action=compose`);
  await page.locator('#composebody').waitFor();
  await save(
    page,
    'roundcube-1.6-compose-reply',
    rc,
    'compose, reply to a German Outlook-style mail with quoted history',
  );
} finally {
  await browser.close();
  stopApps();
}
