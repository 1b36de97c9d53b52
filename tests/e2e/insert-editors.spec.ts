import { readFileSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import type { BrowserContext, Frame, Page } from '@playwright/test';
import { expect, openPanelPage, tabIdOf, test } from './fixtures';
import { insertFromPanel, replyText, watchPageErrors } from './sites-helpers';

/**
 * Issue 4 in real Chromium with the real editors from their npm packages: Insert finds the editor a person sees (not
 * the hidden textarea TinyMCE and CKEditor leave in the form), puts the reply after a blank line when there is text,
 * lets one Ctrl+Z take it back, and the editor's own model — what the helpdesk sends — holds it.
 */

const ROOT = resolve(import.meta.dirname, '..', '..');
const ORIGIN = 'http://localhost:4792';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
};

/** Serves the test pages and the editors' files from node_modules on localhost; nothing else, never the network. */
async function serveEditors(context: BrowserContext): Promise<void> {
  await context.route(`${ORIGIN}/**`, (route) => {
    const path = decodeURIComponent(new URL(route.request().url()).pathname);
    const file = path.startsWith('/node_modules/')
      ? resolve(ROOT, `.${path}`)
      : resolve(import.meta.dirname, 'editors', path.replace(/^\/editors\//, ''));
    const allowed = [resolve(ROOT, 'node_modules') + sep, resolve(import.meta.dirname, 'editors') + sep];
    if (!allowed.some((dir) => file.startsWith(dir))) return route.fulfill({ status: 404, body: '' });
    try {
      return route.fulfill({
        status: 200,
        contentType: TYPES[extname(file)] ?? 'application/octet-stream',
        body: readFileSync(file),
      });
    } catch {
      // A file an editor asks for that its package does not ship (a map, an optional language): absent here too.
      return route.fulfill({ status: 404, body: '' });
    }
  });
}

interface EditorCase {
  name: string;
  page: string;
  /** The surface a person types into, and the frame it lives in (TinyMCE edits inside an iframe). */
  surface: (page: Page) => { frame: Page | Frame; selector: string };
}

const editors: EditorCase[] = [
  {
    name: 'TinyMCE',
    page: 'tinymce.html',
    surface: (page) => {
      const frame = page.frame({ url: /about:blank|^$/ }) ?? page.frames().find((f) => f !== page.mainFrame());
      if (!frame) throw new Error('TinyMCE frame not found');
      return { frame, selector: 'body#tinymce' };
    },
  },
  {
    name: 'CKEditor 5',
    page: 'ckeditor5.html',
    surface: (page) => ({ frame: page, selector: '.ck-editor__editable' }),
  },
  { name: 'Quill', page: 'quill.html', surface: (page) => ({ frame: page, selector: '.ql-editor' }) },
  { name: 'ProseMirror', page: 'prosemirror.html', surface: (page) => ({ frame: page, selector: '.ProseMirror' }) },
];

async function openEditor(context: BrowserContext, item: EditorCase): Promise<Page> {
  await serveEditors(context);
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/editors/${item.page}`);
  await page.waitForFunction(() => Reflect.get(window, 'editorReady') === true);
  return page;
}

/** The editor's own text (its model: what the helpdesk sends), paragraphs and line breaks as `\n`. */
function modelText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const read: unknown = Reflect.get(window, 'modelText');
    return typeof read === 'function' ? String(read()) : '';
  });
}

/** What a person sees in the editor, line by line (blank lines kept). */
async function shownText(page: Page, item: EditorCase): Promise<string> {
  const { frame, selector } = item.surface(page);
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered lines are what is checked
  return frame.locator(selector).evaluate((el) => (el as HTMLElement).innerText.replace(/\n+$/, ''));
}

/** The lines of `text` that say something, in order. */
const linesOf = (text: string): string[] => text.split('\n').filter((line) => line.trim() !== '');

const expectedLines = ['Vorher', ...linesOf(replyText)];

/** The reply stands apart from the text before it: a blank line (or a new paragraph) between them. */
const setOff = /^Vorher\n\s*\nHallo Jonas,/;

for (const item of editors) {
  test.describe(item.name, () => {
    test('Insert without the cursor in the editor writes into the visible editor, a blank line after the text there', async ({
      context,
      extensionId,
      serviceWorker,
    }) => {
      const page = await openEditor(context, item);
      const errors = watchPageErrors(page);
      const tabId = await tabIdOf(serviceWorker, page);
      const panel = await openPanelPage(context, extensionId, tabId);
      const answer = await insertFromPanel(panel, tabId, replyText);
      expect(answer).toMatchObject({ ok: true, value: { ok: true } });
      await expect.poll(async () => linesOf(await modelText(page))).toEqual(expectedLines);
      expect(await shownText(page, item)).toMatch(setOff);
      expect(errors).toEqual([]);
    });

    test('Insert at the cursor after the agent’s text is one Ctrl+Z', async ({
      context,
      extensionId,
      serviceWorker,
    }) => {
      const page = await openEditor(context, item);
      const { frame, selector } = item.surface(page);
      await frame.locator(selector).click();
      await page.keyboard.press('Control+End');
      const tabId = await tabIdOf(serviceWorker, page);
      const panel = await openPanelPage(context, extensionId, tabId);
      const answer = await insertFromPanel(panel, tabId, replyText);
      expect(answer).toMatchObject({ ok: true, value: { ok: true } });
      await expect.poll(async () => linesOf(await modelText(page))).toEqual(expectedLines);
      expect(await shownText(page, item)).toMatch(setOff);
      await page.bringToFront();
      await frame.locator(selector).focus();
      await page.keyboard.press('Control+z');
      // One Ctrl+Z takes the whole insert back (separation included) and leaves what was there.
      await expect.poll(async () => (await modelText(page)).trim()).toBe('Vorher');
    });
  });
}
