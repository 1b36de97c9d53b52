/**
 * Debian's Firefox ESR with the built Firefox extension, driven over WebDriver BiDi (Firefox's own remote protocol;
 * Playwright only drives its patched Firefox builds, which it would have to download). A small client: the commands
 * the Firefox end-to-end tests need, nothing more.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';

/** Where Debian installs Firefox ESR (`apt-get install -y firefox-esr`). */
export const defaultFirefoxPaths = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];

/** The Firefox binary: `FIREFOX_PATH` when set, else Debian's; undefined when there is none. */
export function resolveFirefoxPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.FIREFOX_PATH) return existsSync(env.FIREFOX_PATH) ? env.FIREFOX_PATH : undefined;
  return defaultFirefoxPaths.find((path) => existsSync(path));
}

/** Our add-on id (wxt.config.ts, `browser_specific_settings.gecko.id`). */
export const firefoxAddonId = 'rapport@rapport.dev';

/**
 * A fixed internal UUID for the add-on, so its pages have a known `moz-extension://` origin (Firefox otherwise picks
 * a random one per profile).
 */
export const firefoxAddonUuid = '6b1e7c62-3f0a-4d8e-9a55-0c2d1b7e9f10';

/** Profile preferences: the known add-on origin, and no first-run or default-browser prompts; `extra` on top. */
function userPrefs(extra: Record<string, string | boolean | number> = {}): string {
  const prefs: Record<string, string | boolean | number> = {
    'extensions.webextensions.uuids': JSON.stringify({ [firefoxAddonId]: firefoxAddonUuid }),
    'browser.shell.checkDefaultBrowser': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'toolkit.telemetry.reportingpolicy.firstRun': false,
    'browser.aboutwelcome.enabled': false,
    ...extra,
  };
  return Object.entries(prefs)
    .map(([key, value]) => `user_pref(${JSON.stringify(key)}, ${JSON.stringify(value)});`)
    .join('\n');
}

interface BiDiAnswer {
  id?: number;
  type?: string;
  result?: unknown;
  error?: string;
  message?: string;
}

/** A remote value as BiDi returns it from `script.evaluate`. */
interface RemoteValue {
  type: string;
  value?: unknown;
}

export interface FirefoxSession {
  /** Sends one BiDi command; rejects with Firefox's error message, or when no answer comes within `timeoutMs`. */
  send<T>(method: string, params: object, timeoutMs?: number): Promise<T>;
  /** The browsing context (tab) Firefox opened with. */
  tab: string;
  /** Whether the install opened the settings page with the welcome (closed or blanked before the session starts). */
  welcomeOpened: boolean;
  /** Runs `expression` in a browsing context (a tab or a frame) and returns its JSON-serialisable value. */
  evaluate<T>(context: string, expression: string): Promise<T>;
  /** Loads `url` in a context and waits for the load event. */
  navigate(context: string, url: string): Promise<void>;
  /** A real mouse click (a user gesture for the page) at viewport coordinates. */
  click(context: string, x: number, y: number): Promise<void>;
  /** The URLs and context ids of a context's child frames. */
  frames(context: string): Promise<{ context: string; url: string }[]>;
  /** PNG bytes of a context's viewport. */
  screenshot(context: string): Promise<Buffer>;
  /** Everything Firefox printed, for a failing test's report. */
  output(): string;
  close(): Promise<void>;
}

function waitForEndpoint(child: ChildProcess, log: () => string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`Firefox did not open its remote port within ${timeoutMs} ms:\n${log().slice(-2000)}`));
    }, timeoutMs);
    const check = () => {
      const match = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(log());
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve(match[1]);
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Firefox exited (${code}) before opening its remote port:\n${log().slice(-2000)}`));
    });
  });
}

/**
 * Starts Firefox with a fresh profile, installs the unpacked extension at `extensionPath` as a temporary add-on and
 * returns a BiDi session. `close()` ends Firefox and removes the profile.
 */
export async function launchFirefox(options: {
  extensionPath: string;
  firefoxPath: string;
  headless?: boolean;
  viewport?: { width: number; height: number };
  /** More profile preferences, e.g. `extensions.background.idle.timeout` to suspend the background sooner. */
  prefs?: Record<string, string | boolean | number>;
}): Promise<FirefoxSession> {
  const profile = await mkdtemp(join(tmpdir(), 'rapport-firefox-'));
  await writeFile(join(profile, 'user.js'), userPrefs(options.prefs));
  const args = ['--no-remote', '--profile', profile, '--remote-debugging-port=0'];
  if (options.headless !== false) args.unshift('--headless');
  const child = spawn(options.firefoxPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  const append = (chunk: Buffer) => {
    printed = (printed + chunk.toString()).slice(-200_000);
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const cleanUp = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((done) => setTimeout(done, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    await rm(profile, { recursive: true, force: true });
  };

  let socket: WebSocket | undefined;
  try {
    const endpoint = await waitForEndpoint(child, () => printed, 60_000);
    const ws = new WebSocket(`${endpoint}/session`);
    socket = ws;
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    let nextId = 0;
    const pending = new Map<
      number,
      { resolve: (value: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }
    >();
    ws.on('message', (data) => {
      const answer = JSON.parse(data.toString()) as BiDiAnswer;
      if (answer.id === undefined) return;
      const waiting = pending.get(answer.id);
      if (!waiting) return;
      pending.delete(answer.id);
      clearTimeout(waiting.timer);
      if (answer.type === 'error') waiting.reject(new Error(`${answer.error}: ${answer.message}`));
      else waiting.resolve(answer.result);
    });
    ws.on('close', () => {
      for (const waiting of pending.values()) {
        clearTimeout(waiting.timer);
        waiting.reject(new Error('Firefox closed the remote connection'));
      }
      pending.clear();
    });
    const send = <T>(method: string, params: object, timeoutMs = 60_000): Promise<T> =>
      new Promise<T>((resolve, reject) => {
        const id = ++nextId;
        // No command waits forever: an unanswered one fails with its name (a polling caller then tries again).
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${method} got no answer within ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
        ws.send(JSON.stringify({ id, method, params }));
      });

    await send('session.new', { capabilities: {} });
    await send('webExtension.install', { extensionData: { type: 'path', path: options.extensionPath } });
    const welcomeOpened = await closeWelcome(send);
    const tree = await send<{ contexts: { context: string }[] }>('browsingContext.getTree', { maxDepth: 0 });
    const tab = tree.contexts[0]?.context;
    if (!tab) throw new Error('Firefox opened no tab');
    const viewport = options.viewport ?? { width: 1280, height: 800 };
    await send('browsingContext.setViewport', { context: tab, viewport });

    return {
      send,
      tab,
      welcomeOpened,
      async evaluate<T>(context: string, expression: string): Promise<T> {
        const answer = await send<{ type: string; result?: RemoteValue; exceptionDetails?: { text: string } }>(
          'script.evaluate',
          // JSON across the wire: BiDi's own value encoding would need decoding for objects and arrays.
          { expression: `JSON.stringify(${expression})`, target: { context }, awaitPromise: true },
          5_000,
        );
        if (answer.type === 'exception') throw new Error(`evaluate failed: ${answer.exceptionDetails?.text}`);
        const value = answer.result?.value;
        return (typeof value === 'string' ? JSON.parse(value) : undefined) as T;
      },
      async navigate(context: string, url: string): Promise<void> {
        await send('browsingContext.navigate', { context, url, wait: 'complete' });
      },
      async click(context: string, x: number, y: number): Promise<void> {
        await send('input.performActions', {
          context,
          actions: [
            {
              type: 'pointer',
              id: 'mouse',
              parameters: { pointerType: 'mouse' },
              actions: [
                { type: 'pointerMove', x: Math.round(x), y: Math.round(y) },
                { type: 'pointerDown', button: 0 },
                { type: 'pointerUp', button: 0 },
              ],
            },
          ],
        });
      },
      async frames(context: string) {
        const result = await send<{ contexts: { children?: { context: string; url: string }[] }[] }>(
          'browsingContext.getTree',
          { root: context },
        );
        return (result.contexts[0]?.children ?? []).map(({ context: id, url }) => ({ context: id, url }));
      },
      async screenshot(context: string): Promise<Buffer> {
        const shot = await send<{ data: string }>('browsingContext.captureScreenshot', { context });
        return Buffer.from(shot.data, 'base64');
      },
      output: () => printed,
      async close() {
        ws.close();
        await cleanUp();
      },
    };
  } catch (error) {
    socket?.close();
    await cleanUp();
    throw error;
  }
}

/**
 * Closes (or blanks, when it took the start tab) the settings tab a fresh install opens with the welcome (issue 22),
 * so sessions start from a tab without it. It opens a moment after the install; an extension that opens none stops the
 * wait after 10 s. Says whether it opened.
 */
async function closeWelcome(send: <T>(method: string, params: object) => Promise<T>): Promise<boolean> {
  const welcomeUrl = `moz-extension://${firefoxAddonUuid}/options.html`;
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const tree = await send<{ contexts: { context: string; url: string }[] }>('browsingContext.getTree', {
      maxDepth: 0,
    });
    const welcome = tree.contexts.find((candidate) => candidate.url.startsWith(welcomeUrl));
    if (welcome) {
      // Firefox opens it in the start tab when that is empty (about:home), and closing a window's last tab is refused.
      if (tree.contexts.length > 1) await send('browsingContext.close', { context: welcome.context });
      else await send('browsingContext.navigate', { context: welcome.context, url: 'about:blank', wait: 'complete' });
      return true;
    }
    await new Promise((wait) => setTimeout(wait, 100));
  }
  return false;
}
