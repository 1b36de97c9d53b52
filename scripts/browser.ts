import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Worker } from '@playwright/test';
import { AppError } from '../lib/errors';

/** Debian's Chromium, which `npm start` and the end-to-end tests drive. */
export const defaultChromiumPath = '/usr/bin/chromium';

/** The Chromium binary to use: `CHROMIUM_PATH` when set, else Debian's. Throws a fix-it message when it is missing. */
export function resolveChromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const path = env.CHROMIUM_PATH || defaultChromiumPath;
  if (!existsSync(path)) {
    throw new AppError(
      'internal/chromium-missing',
      `Chromium not found at ${path}; install it with \`sudo apt-get install -y chromium\` or set CHROMIUM_PATH`,
    );
  }
  return path;
}

/** Throws a fix-it message unless `extensionPath` holds a built extension. */
export function assertBuiltExtension(extensionPath: string): void {
  if (!existsSync(join(extensionPath, 'manifest.json'))) {
    throw new AppError(
      'internal/extension-missing',
      `No built extension at ${extensionPath} (manifest.json is missing); build it with \`npx wxt build\``,
    );
  }
}

/** Command-line switches for a Chromium that loads only our unpacked extension and stays off the network. */
export function chromiumArgs(extensionPath: string, isRoot: boolean): string[] {
  return [
    `--disable-extensions-except=${extensionPath}`,
    `--load-extension=${extensionPath}`,
    // Chromium refuses to start its sandbox as root (containers, CI); elsewhere the sandbox stays on.
    ...(isRoot ? ['--no-sandbox'] : []),
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    // WebGPU is still behind this switch on Linux; the in-browser models use it when the GPU allows.
    '--enable-unsafe-webgpu',
  ];
}

export interface LaunchOptions {
  /** Folder of the unpacked extension, e.g. `.output/chrome-mv3`. */
  extensionPath: string;
  headless: boolean;
  /** Profile folder to keep between runs; without it a fresh one is made and removed by `close()`. */
  userDataDir?: string;
  /** Page size; `null` lets pages follow the window (headful). Default 1280×800. */
  viewport?: { width: number; height: number } | null;
  /** How long to wait for the extension's service worker. Default 20 s. */
  timeoutMs?: number;
  /**
   * The settings tab a fresh install opens with the welcome (issue 22): `'close'` (default) waits for it and closes
   * it, so tests and screenshots start from the pages they open themselves; `'keep'` leaves it.
   */
  welcome?: 'close' | 'keep';
}

export interface LaunchedBrowser {
  context: BrowserContext;
  /** The extension's id, as in `chrome-extension://<id>/`. */
  extensionId: string;
  userDataDir: string;
  /** Closes the browser and removes the profile folder when this launch made it. */
  close(): Promise<void>;
}

function isRunningAsRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * Starts Chromium with our unpacked extension loaded (Playwright persistent context: extensions need a profile)
 * and waits for the extension's service worker to learn its id. Shared by `npm start` and the end-to-end tests.
 */
export async function launchWithExtension(options: LaunchOptions): Promise<LaunchedBrowser> {
  const executablePath = resolveChromiumPath();
  const extensionPath = resolve(options.extensionPath);
  assertBuiltExtension(extensionPath);

  const ownsProfile = options.userDataDir === undefined;
  const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'rapport-chromium-')));
  const removeProfile = async () => {
    // Chromium's helpers may still be writing to the profile for a moment after it closes.
    if (ownsProfile) await rm(userDataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  };

  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: options.headless,
      args: chromiumArgs(extensionPath, isRunningAsRoot()),
      viewport: options.viewport === undefined ? { width: 1280, height: 800 } : options.viewport,
    });
  } catch (error) {
    await removeProfile();
    throw new AppError('internal/chromium-launch', `Chromium did not start: ${String(error)}`, { cause: error });
  }

  // Callers that only close the context (Playwright fixtures) still get the throwaway profile removed.
  const removedOnClose = new Promise<void>((done) => {
    context.once('close', () => {
      removeProfile().then(done, (error: unknown) => {
        console.warn(`Could not remove the Chromium profile ${userDataDir}: ${String(error)}`);
        done();
      });
    });
  });
  const close = async () => {
    await context.close();
    await removedOnClose;
  };

  try {
    const isOurs = (url: string) => url.startsWith('chrome-extension://');
    const worker =
      context.serviceWorkers().find((candidate) => isOurs(candidate.url())) ??
      (await context.waitForEvent('serviceworker', {
        predicate: (candidate) => isOurs(candidate.url()),
        timeout: options.timeoutMs ?? 20_000,
      }));
    const extensionId = new URL(worker.url()).host;
    if (options.welcome !== 'keep') await closeWelcome(context, worker, extensionId);
    return { context, extensionId, userDataDir, close };
  } catch (error) {
    await close();
    throw new AppError(
      'internal/extension-not-loaded',
      `Chromium started but the extension at ${extensionPath} did not start its service worker: ${String(error)}`,
      { cause: error },
    );
  }
}

/**
 * Closes the welcome tab a fresh install opens. It comes a moment after the service worker starts; a profile whose
 * stored settings say the first run is done gets none, and one that was not a fresh install stops the wait after 10 s.
 */
async function closeWelcome(context: BrowserContext, worker: Worker, extensionId: string): Promise<void> {
  const welcomeUrl = `chrome-extension://${extensionId}/options.html`;
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const welcome = context.pages().find((page) => page.url().startsWith(welcomeUrl));
    if (welcome) {
      await welcome.close();
      return;
    }
    const done = await worker
      .evaluate(async () => {
        const { settings } = await chrome.storage.local.get('settings');
        return typeof settings === 'object' && settings !== null && 'firstRunDone' in settings
          ? settings.firstRunDone === true
          : false;
      })
      .catch(() => false);
    if (done) return;
    await new Promise((wait) => setTimeout(wait, 100));
  }
}
