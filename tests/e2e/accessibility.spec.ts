import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Frame, Page, Worker } from '@playwright/test';
import {
  badgeLook,
  badgeNotice,
  badgeState,
  clickBadge,
  drawerFrame,
  evaluateInContentScript,
  expect,
  openPanelPage,
  tabIdOf,
  test,
} from './fixtures';

/**
 * Issue 22: axe-core (from its npm package) finds no WCAG 2.1 A/AA violation on the side panel, the options page, the
 * in-page drawer and the badge, in the light and the dark theme, in English and German.
 */

const axeSource = readFileSync(resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** What a violation says, short enough to read in a failed assertion: rule, impact and the elements it found. */
interface Finding {
  id: string;
  impact: string | null;
  nodes: string[];
}

/** What axe found: its violations, and the rules that had something to check and passed (to know it really looked). */
interface Audit {
  violations: Finding[];
  passed: string[];
}

/** Runs axe on a whole extension document (panel, options, drawer). */
async function audit(target: Page | Frame): Promise<Audit> {
  // Our pages' CSP (`script-src 'self'`) refuses an inline <script>, which page.addScriptTag would add; evaluating the
  // library over the DevTools protocol is not subject to the page's CSP and loads the same file.
  await target.evaluate(axeSource);
  return target.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const results = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return {
      violations: results.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact ?? null,
        nodes: violation.nodes.map((node) => `${node.target.join(' ')} — ${node.failureSummary ?? ''}`),
      })),
      passed: results.passes.map((rule) => rule.id),
    };
  }, wcagTags);
}

/**
 * Runs axe on the badge as the page shows it. The badge lives in a closed shadow root, which axe (like the page) cannot
 * enter; so axe runs in Rapport's content-script world, where the browser's own `chrome.dom.openOrClosedShadowRoot`
 * opens it: that world's `Element.prototype.shadowRoot` is pointed at it (the page's world is untouched), and axe
 * tests the real, mounted badge with its real styles on the real page. axe runs on the whole page (a context that
 * names nodes inside WXT's shadow <html> finds nothing) and only what it found inside our host is kept: the demo
 * helpdesk's own markup is not ours to judge.
 */
function auditBadge(page: Page): Promise<Audit> {
  return auditOurHost(page, 'rapport-badge');
}

/**
 * axe in the content-script world (see `auditBadge`) on the page, keeping what it found inside our host `tag`.
 * `moveUnderBody`: a host that hangs from `<html>`, beside the body, is put under the body for the audit (axe measures
 * contrast only on a grid of what lies under `document.body`, its `createGrid`) and then back where it was, with the
 * focus where it was; its shadow root and styles are unchanged.
 */
function auditOurHost(page: Page, tag: string, { moveUnderBody = false } = {}): Promise<Audit> {
  return evaluateInContentScript<Audit>(
    page,
    `(async () => {
      Object.defineProperty(Element.prototype, 'shadowRoot', {
        configurable: true,
        get() { return this instanceof HTMLElement ? (chrome.dom.openOrClosedShadowRoot(this) ?? null) : null; },
      });
      if (!window.axe) (0, eval)(${JSON.stringify(axeSource)});
      const tag = ${JSON.stringify(tag)};
      const move = ${JSON.stringify(moveUnderBody)};
      const host = document.querySelector(tag);
      const home = host.parentNode;
      const after = host.nextSibling;
      const focused = move ? chrome.dom.openOrClosedShadowRoot(host).activeElement : null;
      if (move) document.body.append(host);
      try {
        const results = await window.axe.run(document, {
          iframes: false,
          runOnly: { type: 'tag', values: ${JSON.stringify(wcagTags)} },
        });
        const ours = (node) => Array.isArray(node.target[0]) && node.target[0][0] === tag;
        return {
          violations: results.violations
            .filter((violation) => violation.nodes.some(ours))
            .map((violation) => ({
              id: violation.id,
              impact: violation.impact ?? null,
              nodes: violation.nodes.filter(ours).map((node) => JSON.stringify(node.target) + ' — ' + (node.failureSummary ?? '')),
            })),
          passed: results.passes.filter((rule) => rule.nodes.some(ours)).map((rule) => rule.id),
        };
      } finally {
        if (move) {
          home.insertBefore(host, after);
          focused?.focus();
        }
      }
    })()`,
  );
}

/** The badge's button as assistive technology gets it: its accessible name and its visible text. */
function badgeNameAndText(page: Page): Promise<{ name: string; text: string }> {
  return evaluateInContentScript(
    page,
    `(async () => {
      const root = chrome.dom.openOrClosedShadowRoot(document.querySelector('rapport-badge'));
      const open = root.querySelector('button.open');
      // axe's own accessible-name computation (the one its rules use), on the real button.
      // (Its tree reaches into the closed root through the shadowRoot getter auditBadge set in this world.)
      window.axe.setup(document);
      const name = window.axe.commons.text.accessibleText(open);
      window.axe.teardown();
      // The visible words; the mood icon before them is decorative (aria-hidden), the word says the same.
      const text = open.querySelector('.label').innerText.replace(/\\s+/g, ' ').trim();
      return { name, text };
    })()`,
  );
}

async function openRealDrawer(serviceWorker: Worker, page: Page): Promise<Frame> {
  const tabId = await tabIdOf(serviceWorker, page);
  await serviceWorker.evaluate(
    (id) => chrome.tabs.sendMessage(id, { rapport: 1, type: 'toggleDrawer', payload: {} }, { frameId: 0 }),
    tabId,
  );
  return drawerFrame(page);
}

const languages = [
  { language: 'en', title: 'Rapport settings' },
  { language: 'de', title: 'Rapport-Einstellungen' },
] as const;

test.describe('accessibility (axe-core, WCAG 2.1 AA)', () => {
  for (const { language, title } of languages) {
    test(`panel, options, drawer and badge have no violations in light and dark (${language})`, async ({
      context,
      demo,
      extensionId,
      serviceWorker,
    }) => {
      test.setTimeout(180_000);
      const options = await context.newPage();
      await options.goto(`chrome-extension://${extensionId}/options.html`);
      if (language === 'de') await options.getByTestId('language-select').selectOption('de');
      await expect(options.getByRole('heading', { name: title })).toBeVisible();
      // The webhook's payload preview: a scrollable region the keyboard must reach.
      await options.getByTestId('webhook-url').fill('https://hooks.example.com/rapport');
      await expect(options.getByTestId('webhook-preview').getByRole('region')).toBeVisible();

      const page = await context.newPage();
      await page.goto(`${demo.url}/tickets/10481`);
      await expect.poll(() => badgeState(page), { timeout: 30_000 }).not.toBeNull();
      await expect.poll(async () => (await badgeState(page))?.mood, { timeout: 30_000 }).toMatch(/angry|upset/);
      const panel = await openPanelPage(context, extensionId, await tabIdOf(serviceWorker, page));
      await panel.setViewportSize({ width: 360, height: 900 });
      await expect(panel.getByTestId('read-message').first()).toBeVisible({ timeout: 30_000 });
      await expect(panel.getByTestId('escalation-card')).toBeVisible({ timeout: 30_000 });
      const schemes = ['light', 'dark'] as const;

      /** Fails (softly, to list every finding at once) on any violation; and unless axe really measured something. */
      function expectClean(surface: string, { violations, passed }: Audit): void {
        expect.soft(violations, surface).toEqual([]);
        // axe really measured text contrast and names there (an empty or unreachable surface would pass vacuously).
        expect(passed, surface).toEqual(expect.arrayContaining(['color-contrast', 'button-name']));
      }

      for (const colorScheme of schemes) {
        for (const shown of [options, panel, page]) await shown.emulateMedia({ colorScheme });
        const background = await panel.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
        // The theme really switched (the tokens in components/panel.css follow prefers-color-scheme).
        expect(background).toBe(colorScheme === 'dark' ? 'rgb(11, 17, 32)' : 'rgb(246, 247, 251)');
        expectClean(`side panel, ${colorScheme}, ${language}`, await audit(panel));
        expectClean(`options page, ${colorScheme}, ${language}`, await audit(options));
        // Before the drawer opens: the drawer covers the badge's corner, and axe cannot measure covered text.
        expectClean(`badge, ${colorScheme}, ${language}`, await auditBadge(page));

        // Label in name (WCAG 2.5.3): what a screen reader announces is what the badge shows, the mood's word included.
        const badge = await badgeNameAndText(page);
        expect(badge.name).toBe(badge.text);
        expect(badge.text).toMatch(language === 'de' ? /^Rapport öffnen · \S/u : /^Open Rapport · \S/u);
      }

      // "Hidden on this site — Undo" in the badge's place (issue 22), audited while it shows, then taken back.
      await clickBadge(page, 'dismiss');
      await expect.poll(() => badgeNotice(page)).not.toBeNull();
      expectClean(`badge notice, ${language}`, await auditBadge(page));
      await clickBadge(page, 'undo');
      await expect.poll(() => badgeState(page)).not.toBeNull();

      const drawer = await openRealDrawer(serviceWorker, page);
      await expect(drawer.getByTestId('read-message').first()).toBeVisible({ timeout: 30_000 });
      for (const colorScheme of schemes) {
        await page.emulateMedia({ colorScheme });
        expectClean(`drawer, ${colorScheme}, ${language}`, await audit(drawer));
      }
    });
  }
});

/** The demo helpdesk's own dark theme: its colour tokens, and every surface it paints without them. */
const darkTheme = `
  html.theme-dark { color-scheme: dark; --bg: #101317; --surface: #1a1e24; --surface-muted: #20252c;
    --border: #2c323b; --text: #e6e9ee; --text-muted: #a7b0bc; }
  html.theme-dark body, html.theme-dark body *:not([data-rapport-ui]) {
    background-color: #1a1e24 !important; color: #e6e9ee !important; }`;

/**
 * Serves the demo ticket at `ticket` with the dark theme's styles, switched on by its class on <html> while `dark()`
 * says so; the page can switch it off (or on) by that class as Gmail and Outlook switch theirs.
 */
async function serveWithDarkTheme(context: BrowserContext, ticket: string, dark: () => boolean): Promise<void> {
  await context.route(ticket, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace('</head>', `<style>${darkTheme}</style></head>`);
    await route.fulfill({ response, body: dark() ? html.replace('<html', '<html class="theme-dark"') : html });
  });
}

/**
 * Issue 22: the badge follows the scheme the host page shows, not the browser's preference: a helpdesk in its own dark
 * theme under a light system gets the dark badge, a light one under a dark system the light badge, and a theme switched
 * while the page is open (by a class on <html>, as Gmail and Outlook switch theirs) is followed without a reload.
 */
test.describe('the badge on the host page’s scheme', () => {
  const dark = { scheme: 'dark', surface: 'rgb(19, 28, 46)' };
  const light = { scheme: 'light', surface: 'rgb(255, 255, 255)' };

  test('a light browser on a dark helpdesk shows the dark badge, a dark browser on a light one the light badge', async ({
    context,
    demo,
  }) => {
    test.setTimeout(120_000);
    let servesDark = true;
    const ticket = `${demo.url}/tickets/10481`;
    await serveWithDarkTheme(context, ticket, () => servesDark);
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(ticket);
    await expect.poll(() => badgeState(page), { timeout: 30_000 }).not.toBeNull();
    // The page really is dark where the badge sits, and the browser really prefers light.
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(26, 30, 36)');
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(false);
    await expect.poll(() => badgeLook(page)).toEqual(dark);
    const darkAudit = await auditBadge(page);
    expect(darkAudit.violations, 'dark badge on a dark page').toEqual([]);
    expect(darkAudit.passed).toEqual(expect.arrayContaining(['color-contrast', 'button-name']));

    // The agent switches the helpdesk to its light theme: the badge follows at once, no reload.
    await page.evaluate(() => document.documentElement.classList.remove('theme-dark'));
    await expect.poll(() => badgeLook(page)).toEqual(light);

    // A dark browser on the light helpdesk: the badge stays light, as the page is.
    servesDark = false;
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    await expect.poll(() => badgeState(page), { timeout: 30_000 }).not.toBeNull();
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
    await expect.poll(() => badgeLook(page)).toEqual(light);
    const lightAudit = await auditBadge(page);
    expect(lightAudit.violations, 'light badge on a light page').toEqual([]);
    expect(lightAudit.passed).toEqual(expect.arrayContaining(['color-contrast', 'button-name']));

    // And back to the helpdesk's dark theme under the dark browser.
    await page.evaluate(() => document.documentElement.classList.add('theme-dark'));
    await expect.poll(() => badgeLook(page)).toEqual(dark);
  });
});

/**
 * Issue 22: the snippet fill-in form and the picker's overlay sit on the host page too, so they take the scheme the page
 * shows, as the badge does: a helpdesk in its dark theme under a light browser gets the dark form and hint, and a theme
 * switched while the form is open is followed. The form (in a closed root) is audited in the content script's world.
 */
test.describe('the snippet form and the picker on the host page’s scheme', () => {
  /** axe on the page, keeping what it found inside our `<rapport-snippet-form>`, which hangs from `<html>`. */
  function auditSnippetForm(page: Page): Promise<Audit> {
    return auditOurHost(page, 'rapport-snippet-form', { moveUnderBody: true });
  }

  /** Which scheme the fill-in form took and the surface it paints, read inside its closed root; null while none shows. */
  function formLook(page: Page): Promise<{ scheme: string; surface: string } | null> {
    return evaluateInContentScript<{ scheme: string; surface: string } | null>(
      page,
      `(() => {
        const host = document.querySelector('rapport-snippet-form');
        const form = host && chrome.dom.openOrClosedShadowRoot(host)?.querySelector('form');
        if (!form) return null;
        return { scheme: form.dataset.scheme ?? '', surface: getComputedStyle(form).backgroundColor };
      })()`,
    ).catch(() => null);
  }

  /** The picker's hint (its root is open: the page may see the hint) as it shows. */
  function pickerLook(page: Page): Promise<{ scheme: string; surface: string; text: string } | null> {
    return page.evaluate(() => {
      const hint = document
        .querySelector('[data-rapport-ui="picker"]')
        ?.shadowRoot?.querySelector<HTMLElement>('.hint');
      if (!hint) return null;
      const style = getComputedStyle(hint);
      return { scheme: hint.dataset.scheme ?? '', surface: style.backgroundColor, text: style.color };
    });
  }

  test('a light browser on a dark helpdesk gets the dark snippet form and picker hint; a theme switch is followed', async ({
    context,
    demo,
    extensionId,
    serviceWorker,
  }, testInfo) => {
    test.setTimeout(120_000);
    // A template whose voucher code no conversation gives: typing its shortcut opens the fill-in form.
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await expect(options.getByTestId('library-row').first()).toBeVisible();
    await options.getByRole('button', { name: 'New template' }).click();
    const editor = options.getByTestId('template-editor');
    await editor.getByLabel('Title').fill('Voucher');
    await editor.getByLabel('Shortcut (optional)').fill(';voucher');
    await editor.getByRole('checkbox', { name: 'Refund' }).check();
    await editor.getByLabel('Text').fill('Here is a voucher: {{voucherCode}}');
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect(editor).toBeHidden();
    // Snippets on for pages read by structure (the demo helpdesk), as the settings' switch stores it; in German, whose
    // longer words are what a too narrow form or hint would cut (the English ones show in snippets.spec.ts).
    await serviceWorker.evaluate(() =>
      chrome.storage.local.set({ settings: { snippetSites: { generic: true }, language: 'de' } }),
    );
    await options.close();

    const ticket = `${demo.url}/tickets/10481`;
    await serveWithDarkTheme(context, ticket, () => true);
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(ticket);
    await expect.poll(() => badgeState(page), { timeout: 30_000 }).not.toBeNull();
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(26, 30, 36)');
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(false);

    const reply = page.locator('#reply-body');
    await reply.click();
    await reply.pressSequentially('Thanks! ;voucher ');
    await expect
      .poll(() => formLook(page), { timeout: 15_000 })
      .toEqual({ scheme: 'dark', surface: 'rgb(19, 28, 46)' });
    await page.screenshot({ path: testInfo.outputPath('snippet-form-dark-page.png') });
    const darkAudit = await auditSnippetForm(page);
    expect(darkAudit.violations, 'dark form on a dark page').toEqual([]);
    expect(darkAudit.passed).toEqual(expect.arrayContaining(['color-contrast', 'label']));

    // The agent switches the helpdesk to its light theme while the form is open: the form follows, no reload.
    await page.evaluate(() => document.documentElement.classList.remove('theme-dark'));
    await expect.poll(() => formLook(page)).toEqual({ scheme: 'light', surface: 'rgb(255, 255, 255)' });
    await page.screenshot({ path: testInfo.outputPath('snippet-form-light-page.png') });
    const lightAudit = await auditSnippetForm(page);
    expect(lightAudit.violations, 'light form on a light page').toEqual([]);
    expect(lightAudit.passed).toEqual(expect.arrayContaining(['color-contrast', 'label']));
    await page.keyboard.press('Escape');
    await expect.poll(() => formLook(page)).toBeNull();
    await expect(reply).toHaveValue('Thanks! ;voucher ');

    // The picker ("pick the conversation area"), opened as the panel opens it, on the dark theme again.
    await page.evaluate(() => document.documentElement.classList.add('theme-dark'));
    const tabId = await tabIdOf(serviceWorker, page);
    // Opens the picker as the panel does; settles when the pick ends (Escape cancels it).
    const pick = () =>
      serviceWorker.evaluate(
        (id) =>
          chrome.tabs
            .sendMessage(id, { rapport: 1, type: 'pickConversationArea', payload: {} }, { frameId: 0 })
            .catch(() => 'cancelled'),
        tabId,
      );
    const picking = pick();
    await expect
      .poll(() => pickerLook(page))
      .toEqual({ scheme: 'dark', surface: 'rgb(19, 28, 46)', text: 'rgb(229, 234, 242)' });
    await page.screenshot({ path: testInfo.outputPath('picker-dark-page.png') });
    await page.keyboard.press('Escape');
    await picking;
    await expect.poll(() => pickerLook(page)).toBeNull();

    // And on the light theme the light hint, though the browser's preference is unchanged.
    await page.evaluate(() => document.documentElement.classList.remove('theme-dark'));
    const pickingLight = pick();
    await expect
      .poll(() => pickerLook(page))
      .toEqual({ scheme: 'light', surface: 'rgb(255, 255, 255)', text: 'rgb(15, 23, 42)' });
    await page.screenshot({ path: testInfo.outputPath('picker-light-page.png') });
    await page.keyboard.press('Escape');
    await pickingLight;
  });
});
