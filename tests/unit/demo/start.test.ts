// @vitest-environment node
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertBuiltExtension, chromiumArgs, resolveChromiumPath } from '../../../scripts/browser';
import {
  hasDisplay,
  noDisplayMessage,
  panelImageDir,
  panelShotName,
  panelShots,
  parseStartArgs,
  readToggleShortcut,
  usage,
} from '../../../scripts/start';

describe('npm start options', () => {
  it('opens a window by default and builds first', () => {
    expect(parseStartArgs([])).toEqual({ headless: false, build: true, help: false });
  });

  it('takes --headless, --no-build and --help', () => {
    expect(parseStartArgs(['--headless', '--no-build'])).toEqual({ headless: true, build: false, help: false });
    expect(parseStartArgs(['-h']).help).toBe(true);
  });

  it('refuses unknown flags rather than silently opening a window', () => {
    expect(() => parseStartArgs(['--headles'])).toThrow(/Unknown option "--headles"/);
  });
});

describe('the headless panel pictures (issue 22)', () => {
  it('cover 320 and 420 px, light and dark, English and German, each under its own name', () => {
    const names = panelShots.widths.flatMap((width) =>
      panelShots.schemes.flatMap((scheme) =>
        panelShots.languages.map((language) => panelShotName(width, scheme, language)),
      ),
    );
    expect(new Set(names).size).toBe(8);
    expect(names).toContain('panel-320-light-en.png');
    expect(names).toContain('panel-420-dark-de.png');
  });

  it('says where they go', () => {
    expect(usage).toContain(`./${panelImageDir}/`);
  });
});

describe('display detection', () => {
  it('needs DISPLAY or WAYLAND_DISPLAY on Linux', () => {
    expect(hasDisplay({}, 'linux')).toBe(false);
    expect(hasDisplay({ DISPLAY: ':0' }, 'linux')).toBe(true);
    expect(hasDisplay({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(true);
  });

  it('assumes a display on macOS and Windows', () => {
    expect(hasDisplay({}, 'darwin')).toBe(true);
    expect(hasDisplay({}, 'win32')).toBe(true);
  });

  it('offers the headless mode when there is none', () => {
    expect(noDisplayMessage).toContain('npm start -- --headless');
    expect(noDisplayMessage).toContain('screenshots');
  });
});

describe('Chromium launch helper', () => {
  it('names the missing binary and how to get it', () => {
    expect(() => resolveChromiumPath({ CHROMIUM_PATH: '/nowhere/chromium' })).toThrow(
      'Chromium not found at /nowhere/chromium; install it with `sudo apt-get install -y chromium` or set CHROMIUM_PATH',
    );
  });

  it('uses CHROMIUM_PATH when it exists', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rapport-test-'));
    try {
      const fake = join(dir, 'chromium');
      await writeFile(fake, '');
      expect(resolveChromiumPath({ CHROMIUM_PATH: fake })).toBe(fake);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('says to build when the extension folder has no manifest', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rapport-test-'));
    try {
      expect(() => assertBuiltExtension(dir)).toThrow(/No built extension at .*npx wxt build/);
      await writeFile(join(dir, 'manifest.json'), '{}');
      expect(() => assertBuiltExtension(dir)).not.toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('loads only our extension, keeps the sandbox unless root, and stays off the network', () => {
    const asUser = chromiumArgs('/ext', false);
    expect(asUser).toContain('--disable-extensions-except=/ext');
    expect(asUser).toContain('--load-extension=/ext');
    expect(asUser).toContain('--disable-background-networking');
    expect(asUser).toContain('--enable-unsafe-webgpu');
    expect(asUser).not.toContain('--no-sandbox');
    expect(chromiumArgs('/ext', true)).toContain('--no-sandbox');
  });
});

describe('shortcut hint', () => {
  it('reads the toggle shortcut from the built manifest, and names none when it cannot', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rapport-test-'));
    try {
      expect(await readToggleShortcut(dir)).toBeUndefined();
      const manifest = { commands: { 'toggle-panel': { suggested_key: { default: 'Alt+Shift+K' } } } };
      await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
      expect(await readToggleShortcut(dir)).toBe('Alt+Shift+K');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
