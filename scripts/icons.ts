/**
 * Renders the extension's icon set from public/icon/rapport.svg: public/icon/<size>.png for the toolbar (16, 32), the
 * extensions page (48), the store and install prompt (96, 128). WXT lists public/icon/<size>.png in the manifest by
 * itself. Run after editing the SVG: `npx tsx scripts/icons.ts`. Rendered by Debian's Chromium (the browser the tests
 * drive), so the same SVG gives the same PNGs on every machine that has it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { resolveChromiumPath } from './browser';

const iconDir = resolve(import.meta.dirname, '../public/icon');
const sizes = [16, 32, 48, 96, 128] as const;

async function renderIcons(): Promise<void> {
  const svg = await readFile(resolve(iconDir, 'rapport.svg'), 'utf8');
  const browser = await chromium.launch({ executablePath: resolveChromiumPath(), args: ['--no-sandbox'] });
  try {
    for (const size of sizes) {
      // deviceScaleFactor 1: one CSS pixel per PNG pixel, the browser's own antialiasing at each size.
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      const source = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
      await page.setContent(
        `<html><body style="margin:0;background:transparent"><img src="${source}" width="${size}" height="${size}" style="display:block"></body></html>`,
      );
      await page.locator('img').evaluate((image: HTMLImageElement) => image.decode());
      const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      await writeFile(resolve(iconDir, `${size}.png`), png);
      await page.close();
      console.log(`public/icon/${size}.png`);
    }
  } finally {
    await browser.close();
  }
}

await renderIcons();
