import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import { type LaunchedBrowser, launchWithExtension, resolveChromiumPath } from './browser';
import { type DemoScenario, getDemoConversation } from './demo/conversations';
import { type DemoServer, defaultDemoPort, portFromEnv, startDemoServer } from './demo/server';

/**
 * `npm start`: builds the Chrome extension, serves the demo helpdesk and opens Chromium with Rapport loaded on it.
 * `npm start -- --headless` does the same without a window and saves screenshots instead.
 */

export const extensionDir = `${process.env.RAPPORT_OUT_DIR ?? '.output'}/chrome-mv3`;
/** The headful profile is kept between runs, so downloaded models and settings survive a restart. */
export const headfulProfileDir = `${process.env.RAPPORT_OUT_DIR ?? '.output'}/demo-profile`;
export const screenshotDir = 'screenshots';
/** The panel's pictures for the README (issue 22): both widths, both themes, both languages, the first screen only. */
export const panelImageDir = 'docs/images';
export const panelShots = {
  widths: [320, 420],
  height: 720,
  schemes: ['light', 'dark'],
  languages: ['en', 'de'],
} as const;

/** `docs/images/panel-420-dark-en.png`: the file one panel picture is saved as. */
export function panelShotName(width: number, scheme: 'light' | 'dark', language: 'en' | 'de'): string {
  return `panel-${width}-${scheme}-${language}.png`;
}

/** The in-page badge's custom element and the panel page, as the extension names them. */
export const badgeSelector = 'rapport-badge';
export const panelPage = 'sidepanel.html';

export interface StartOptions {
  headless: boolean;
  build: boolean;
  help: boolean;
}

export const usage = `Usage: npm start [-- options]

Builds the Rapport extension, serves the demo helpdesk on http://localhost:${defaultDemoPort} (PORT overrides)
and opens Chromium with the extension loaded on its inbox.

Options:
  --headless   no window: visit a few demo conversations and save screenshots to ./${screenshotDir}/, and the panel
               at 320 and 420 px, light and dark, English and German, to ./${panelImageDir}/; then exit
  --no-build   use the extension already built in ${extensionDir}
  --help       show this text

Environment: PORT (demo server port), CHROMIUM_PATH (default /usr/bin/chromium)`;

/** Reads `npm start` flags; unknown flags are an error so a typo never silently opens a window. */
export function parseStartArgs(argv: readonly string[]): StartOptions {
  const options: StartOptions = { headless: false, build: true, help: false };
  for (const arg of argv) {
    if (arg === '--headless') options.headless = true;
    else if (arg === '--no-build') options.build = false;
    else if (arg === '--help' || arg === '-h') options.help = true;
    else throw new Error(`Unknown option "${arg}".\n\n${usage}`);
  }
  return options;
}

/** Whether a browser window can open: on Linux only with an X11 or Wayland display; elsewhere always. */
export function hasDisplay(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): boolean {
  if (platform !== 'linux') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

export const noDisplayMessage = `No display found: neither DISPLAY nor WAYLAND_DISPLAY is set, so Chromium cannot open a window here.

Run it headless instead:

  npm start -- --headless

It opens the demo helpdesk with Rapport in a headless Chromium, visits a few conversations
and saves screenshots (inbox, a conversation with the badge, the Rapport panel) to ./${screenshotDir}/.`;

function runBuild(): Promise<void> {
  console.log('Building the development extension (RAPPORT_DEMO_HOSTS=1 npx wxt build)…');
  return new Promise((done, fail) => {
    // The development build: it declares the demo helpdesk's localhost hosts, which the store build leaves out.
    const child = spawn('npx', ['wxt', 'build'], {
      stdio: 'inherit',
      env: { ...process.env, RAPPORT_DEMO_HOSTS: '1' },
    });
    child.once('error', (error) => fail(new Error(`Could not run npx wxt build: ${error.message}`)));
    child.once('exit', (code, signal) => {
      if (code === 0) done();
      else
        fail(
          new Error(`The extension build failed (npx wxt build ended with ${signal ?? `code ${code}`}); see above.`),
        );
    });
  });
}

function isAddressInUse(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';
}

async function startServer(): Promise<DemoServer> {
  const port = portFromEnv();
  try {
    return await startDemoServer({ port });
  } catch (error) {
    if (!isAddressInUse(error) || port === 0) throw error;
    console.log(`Port ${port} is in use; serving the demo on a free port instead.`);
    return startDemoServer({ port: 0 });
  }
}

const settleMs = 3_000;

/**
 * Waits until nothing on the page has changed for `quietMs` (models loading, mood filling in), at most `maxMs`.
 * Generic on purpose: the extension's UI is free to change its wording without breaking the screenshots.
 */
async function waitForQuiet(page: Page, quietMs = 1_500, maxMs = 20_000): Promise<void> {
  // A string expression: it runs in the page, where `document` exists; this file is type-checked for Node.
  await page.evaluate(`new Promise((done) => {
    let timer = setTimeout(finish, ${quietMs});
    const limit = setTimeout(finish, ${maxMs});
    const observer = new MutationObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(finish, ${quietMs});
    });
    observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    function finish() {
      observer.disconnect();
      clearTimeout(timer);
      clearTimeout(limit);
      done(undefined);
    }
  })`);
}

type BadgeState = 'absent' | 'visible' | 'off-screen';

async function waitForBadge(page: Page, timeoutMs: number): Promise<BadgeState> {
  try {
    await page.waitForSelector(badgeSelector, { state: 'attached', timeout: timeoutMs });
  } catch {
    // No badge within the time: reported to the user as a note, the screenshots go on.
    return 'absent';
  }
  // The badge fills in once the mood is worked out; give it a moment before the picture.
  await page.waitForTimeout(settleMs);
  await waitForQuiet(page);
  // The badge positions itself inside its shadow root (the host element itself is reset by WXT and has no box).
  const box = await page
    .locator(badgeSelector)
    .first()
    .locator('button.open')
    .boundingBox({ timeout: 5_000 })
    // A badge host without its button yet (still working the mood out) is reported as not visible, not a crash.
    .catch(() => null);
  const viewport = page.viewportSize();
  if (!box || !viewport) return 'off-screen';
  const isInside = box.x < viewport.width && box.y < viewport.height && box.x + box.width > 0 && box.y + box.height > 0;
  return isInside ? 'visible' : 'off-screen';
}

interface TabInfo {
  id: number;
  url: string;
}

function isTabInfo(value: unknown): value is TabInfo {
  if (typeof value !== 'object' || value === null) return false;
  const { id, url } = value as Record<string, unknown>;
  return typeof id === 'number' && typeof url === 'string';
}

/** The browser's tab id of `page`, asked of the extension's service worker (only it sees tab ids). */
async function findTabId(launched: LaunchedBrowser, page: Page): Promise<number | undefined> {
  const worker =
    launched.context.serviceWorkers().find((candidate) => candidate.url().includes(launched.extensionId)) ??
    (await launched.context.waitForEvent('serviceworker', { timeout: 10_000 }));
  // A string expression: it runs in the worker, where `chrome` exists; this file is type-checked for Node.
  const tabs: unknown = await worker.evaluate(
    'chrome.tabs.query({}).then((tabs) => tabs.map((tab) => ({ id: tab.id, url: tab.url ?? "" })))',
  );
  if (!Array.isArray(tabs)) return undefined;
  return tabs.filter(isTabInfo).find((tab) => tab.url === page.url())?.id;
}

/** One picture of the conversation and the panel side by side, for the README. */
async function composeSideBySide(launched: LaunchedBrowser, left: Buffer, right: Buffer, path: string): Promise<void> {
  const page = await launched.context.newPage();
  try {
    await page.setViewportSize({ width: 1280 + 420, height: 800 });
    const image = (png: Buffer, width: number) =>
      `<img src="data:image/png;base64,${png.toString('base64')}" width="${width}" height="800" alt="">`;
    await page.setContent(
      `<body style="margin:0;display:flex;background:#fff">${image(left, 1280)}<div style="width:1px;background:#cfd4db"></div>${image(right, 419)}</body>`,
    );
    await page.screenshot({ path });
  } finally {
    await page.close();
  }
}

async function captureScreenshots(launched: LaunchedBrowser, server: DemoServer): Promise<string[]> {
  const outDir = resolve(screenshotDir);
  await mkdir(outDir, { recursive: true });
  const notes: string[] = [];
  const saved: string[] = [];
  const shot = async (page: Page, name: string) => {
    const path = resolve(outDir, `${name}.png`);
    const png = await page.screenshot({ path });
    saved.push(path);
    return png;
  };

  const page = launched.context.pages()[0] ?? (await launched.context.newPage());
  await page.setViewportSize({ width: 1280, height: 800 });

  console.log('Inbox…');
  await page.goto(`${server.url}/inbox`);
  await waitForBadge(page, 2_000);
  await shot(page, 'inbox');

  // Opened from the inbox by a click: the demo swaps the page without a reload, as helpdesk SPAs do.
  const late = getDemoConversation('late-delivery');
  console.log(`Conversation ${late.id} (opened from the inbox)…`);
  await page.click(`a[href="/tickets/${late.id}"]`);
  await page.waitForURL(`**/tickets/${late.id}`);
  await page.waitForSelector('#thread');
  const badgeStates = new Set<BadgeState>([await waitForBadge(page, 15_000)]);
  await shot(page, `ticket-${late.scenario}`);

  const visits: DemoScenario[] = ['formal-complaint-de', 'long-thread', 'angry-refund'];
  for (const scenario of visits) {
    const conversation = getDemoConversation(scenario);
    console.log(`Conversation ${conversation.id} (${scenario})…`);
    await page.goto(`${server.url}/tickets/${conversation.id}`);
    badgeStates.add(await waitForBadge(page, badgeStates.has('absent') ? 3_000 : 10_000));
    await shot(page, `ticket-${scenario}`);
  }
  if (badgeStates.has('absent')) {
    notes.push(
      `The in-page badge (<${badgeSelector}>) did not appear on every demo conversation; the extension's page UI may not be built yet.`,
    );
  }
  if (badgeStates.has('off-screen')) {
    notes.push(`The in-page badge (<${badgeSelector}>) is on the page but outside the visible area.`);
  }

  console.log('Rapport panel…');
  const tabId = await findTabId(launched, page).catch(() => undefined);
  if (tabId === undefined)
    notes.push('Could not find the tab id of the demo conversation; the panel was opened without one.');
  const panel = await launched.context.newPage();
  await panel.setViewportSize({ width: 420, height: 800 });
  const panelUrl = `chrome-extension://${launched.extensionId}/${panelPage}${tabId === undefined ? '' : `?tabId=${tabId}`}`;
  try {
    await panel.goto(panelUrl);
    await panel.waitForTimeout(settleMs);
    await waitForQuiet(panel, 2_000, 45_000);
    const panelPng = await shot(panel, 'panel');
    await page.bringToFront();
    const conversationPng = await page.screenshot();
    const sideBySide = resolve(outDir, 'demo-with-panel.png');
    await composeSideBySide(launched, conversationPng, panelPng, sideBySide);
    saved.push(sideBySide);
  } catch (error) {
    notes.push(`The panel page ${panelUrl} did not open (${String(error).split('\n')[0]}); it may not be built yet.`);
  } finally {
    await panel.close();
  }

  if (tabId !== undefined) {
    try {
      saved.push(...(await capturePanelShots(launched, panelUrl)));
    } catch (error) {
      notes.push(`The panel pictures for ${panelImageDir}/ could not be made (${String(error).split('\n')[0]}).`);
    }
  }

  await writeFile(
    resolve(outDir, 'README.txt'),
    `Screenshots of Rapport on the demo helpdesk, made by \`npm start -- --headless\` on ${new Date().toISOString()}.\n`,
  );
  console.log(`\nSaved ${saved.length} screenshots:\n${saved.map((path) => `  ${path}`).join('\n')}`);
  return notes;
}

/** Switches the UI language on the options page, as an agent would (the panel follows the saved setting). */
async function chooseLanguage(launched: LaunchedBrowser, language: 'en' | 'de'): Promise<void> {
  const options = await launched.context.newPage();
  try {
    await options.goto(`chrome-extension://${launched.extensionId}/options.html`);
    await options.getByTestId('language-select').selectOption(language);
    // The choice is saved as it is made; give storage a moment before the panel reloads.
    await options.waitForTimeout(500);
  } finally {
    await options.close();
  }
}

/**
 * The panel on the demo conversation as an agent first sees it (the first screen, not scrolled) at each width, theme and
 * language of `panelShots`, saved to `panelImageDir` for the README.
 */
async function capturePanelShots(launched: LaunchedBrowser, panelUrl: string): Promise<string[]> {
  const outDir = resolve(panelImageDir);
  await mkdir(outDir, { recursive: true });
  const saved: string[] = [];
  for (const language of panelShots.languages) {
    console.log(`Rapport panel pictures (${language})…`);
    await chooseLanguage(launched, language);
    const panel = await launched.context.newPage();
    try {
      for (const width of panelShots.widths) {
        for (const colorScheme of panelShots.schemes) {
          await panel.setViewportSize({ width, height: panelShots.height });
          await panel.emulateMedia({ colorScheme });
          // A fresh load per picture: the first screen exactly as the panel opens, with nothing scrolled or expanded.
          await panel.goto(panelUrl);
          await panel.waitForTimeout(settleMs);
          await waitForQuiet(panel, 1_500, 30_000);
          const path = resolve(outDir, panelShotName(width, colorScheme, language));
          await panel.screenshot({ path });
          saved.push(path);
        }
      }
    } finally {
      await panel.close();
    }
  }
  // Leave the demo profile as it was found: English.
  await chooseLanguage(launched, 'en');
  return saved;
}

/** `value[key]` when `value` is an object; read from a JSON file, so nothing about its shape is assumed. */
function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
}

/** The panel's keyboard shortcut as the built manifest suggests it, e.g. "Alt+Shift+K". */
export async function readToggleShortcut(extensionPath: string): Promise<string | undefined> {
  try {
    const manifest: unknown = JSON.parse(await readFile(resolve(extensionPath, 'manifest.json'), 'utf8'));
    const shortcut = field(field(field(field(manifest, 'commands'), 'toggle-panel'), 'suggested_key'), 'default');
    return typeof shortcut === 'string' ? shortcut : undefined;
  } catch {
    // Only used in a hint; without a readable manifest the hint names no key.
    return undefined;
  }
}

async function main(): Promise<void> {
  const options = parseStartArgs(process.argv.slice(2));
  if (options.help) {
    console.log(usage);
    return;
  }
  if (!options.headless && !hasDisplay()) {
    console.error(noDisplayMessage);
    process.exitCode = 1;
    return;
  }
  // Fail before a minute of building when the browser is not there.
  resolveChromiumPath();
  if (options.build) await runBuild();

  const server = await startServer();
  let launched: LaunchedBrowser | undefined;
  let isStopping = false;
  const stop = async () => {
    if (isStopping) return;
    isStopping = true;
    await launched?.close().catch(() => {
      // The browser may already be gone (window closed by the user); nothing is left to close.
    });
    await server.close();
  };
  const onSignal = () => {
    console.log('\nStopping…');
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    launched = await launchWithExtension({
      extensionPath: extensionDir,
      headless: options.headless,
      userDataDir: options.headless ? undefined : resolve(headfulProfileDir),
      viewport: options.headless ? { width: 1280, height: 800 } : null,
      // A first start shows the welcome an agent gets at install, in a tab beside the demo helpdesk.
      welcome: options.headless ? 'close' : 'keep',
    });

    if (options.headless) {
      const notes = await captureScreenshots(launched, server);
      for (const note of notes) console.log(`Note: ${note}`);
      await stop();
      return;
    }

    const page = launched.context.pages()[0] ?? (await launched.context.newPage());
    await page.goto(`${server.url}/inbox`);
    await page.bringToFront();
    const shortcut = await readToggleShortcut(extensionDir);
    console.log(`
Rapport is loaded in Chromium on the demo helpdesk: ${server.url}/inbox
Open a conversation: the Rapport badge appears on the page, and the toolbar button${shortcut ? ` or ${shortcut}` : ''} opens the panel.
Press Ctrl+C here (or close the browser) to stop.`);
    await new Promise<void>((done) => launched?.context.once('close', () => done()));
    await stop();
  } catch (error) {
    await stop();
    throw error;
  }
}

const isDirectRun = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isDirectRun) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
