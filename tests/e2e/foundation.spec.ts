import { badgeNotice, badgeState, clickBadge, expect, openPanelPage, openSidePanels, tabIdOf, test } from './fixtures';

test.describe('foundation', () => {
  test('the badge appears on a demo conversation and toggles the side panel open and closed', async ({
    context,
    demo,
    serviceWorker,
  }) => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${demo.url}/tickets/10481`);
    await expect.poll(() => badgeState(page)).not.toBeNull();
    const badge = await badgeState(page);
    // On a full-height app like the demo (and Gmail, Zendesk) the badge must float in view, bottom right.
    const box = badge?.box;
    const viewport = page.viewportSize();
    expect(box && viewport && box.x > viewport.width / 2 && box.y > viewport.height / 2).toBe(true);
    expect(box && viewport && box.x + box.width <= viewport.width && box.y + box.height <= viewport.height).toBe(true);
    expect(badge?.label).toMatch(/Rapport/);
    const tabId = await tabIdOf(serviceWorker, page);

    expect(await openSidePanels(serviceWorker)).toEqual([]);
    await clickBadge(page);
    await expect
      .poll(async () => (await openSidePanels(serviceWorker)).map((panel) => new URL(panel.url).search))
      .toEqual([`?tabId=${tabId}`]);

    // The same toggle the toolbar button and the keyboard command run: open → closed. A person's second press comes
    // after the panel has painted, not within its first milliseconds.
    await page.waitForTimeout(800);
    await clickBadge(page);
    await expect.poll(async () => (await openSidePanels(serviceWorker)).length).toBe(0);
    await clickBadge(page);
    await expect.poll(async () => (await openSidePanels(serviceWorker)).length).toBe(1);
    expect(errors).toEqual([]);
  });

  test('the toggle command is declared with a non-clashing default and the panel says how to change it', async ({
    context,
    demo,
    extensionId,
    serviceWorker,
  }) => {
    const commands = await serviceWorker.evaluate(() => chrome.commands.getAll());
    const toggle = commands.find((command) => command.name === 'toggle-panel');
    expect(toggle?.shortcut).toBe('Alt+Shift+K');
    const page = await context.newPage();
    await page.goto(`${demo.url}/tickets/10481`);
    const panel = await openPanelPage(context, extensionId, await tabIdOf(serviceWorker, page));
    await expect(panel.getByTestId('shortcut-hint')).toContainText('Alt+Shift+K');
    await expect(panel.getByTestId('shortcut-hint')).toContainText('chrome://extensions/shortcuts');
  });

  test('the panel shows which page it belongs to and that tab’s conversation', async ({
    context,
    demo,
    extensionId,
    serviceWorker,
  }) => {
    const first = await context.newPage();
    await first.goto(`${demo.url}/tickets/10481`);
    const second = await context.newPage();
    await second.goto(`${demo.url}/tickets/10482`);
    const firstTitle = await first.title();
    const panel = await openPanelPage(context, extensionId, await tabIdOf(serviceWorker, first));
    await expect(panel.getByTestId('panel-tab')).toContainText(firstTitle);
    await expect(panel.getByTestId('read-message').first()).toBeVisible();
    const secondPanel = await openPanelPage(context, extensionId, await tabIdOf(serviceWorker, second));
    await expect(secondPanel.getByTestId('panel-tab')).toContainText(await second.title());
  });

  test('the UI switches to German', async ({ context, demo, extensionId, serviceWorker }) => {
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await expect(options.getByRole('heading', { name: 'Rapport settings' })).toBeVisible();
    await options.getByTestId('language-select').selectOption('de');
    await expect(options.getByRole('heading', { name: 'Rapport-Einstellungen' })).toBeVisible();
    await expect(options.getByText('Datenschutz')).toBeVisible();

    const page = await context.newPage();
    await page.goto(`${demo.url}/tickets/10481`);
    const panel = await openPanelPage(context, extensionId, await tabIdOf(serviceWorker, page));
    await expect(panel.getByTestId('panel-tab')).toContainText('Seitenleiste für diesen Tab');
    await expect.poll(async () => (await badgeState(page))?.label).toMatch(/Rapport öffnen/);
  });

  test('the badge can be dismissed for a site and the site switched off from the panel', async ({
    context,
    demo,
    extensionId,
    serviceWorker,
  }) => {
    const page = await context.newPage();
    await page.goto(`${demo.url}/tickets/10481`);
    await expect.poll(() => badgeState(page)).not.toBeNull();
    await clickBadge(page, 'dismiss');
    await expect.poll(() => badgeState(page)).toBeNull();
    // In the badge's place for a few seconds: the hiding can be taken back.
    await expect.poll(() => badgeNotice(page)).toBe('Hidden on this siteUndo');
    await clickBadge(page, 'undo');
    await expect.poll(() => badgeState(page)).not.toBeNull();
    await expect.poll(() => badgeNotice(page)).toBeNull();
    // Undo really took it back: a reload still shows the badge.
    await page.reload();
    await expect.poll(() => badgeState(page)).not.toBeNull();

    await clickBadge(page, 'dismiss');
    await expect.poll(() => badgeState(page)).toBeNull();
    // Without Undo the notice goes away by itself and the badge stays hidden.
    await expect.poll(() => badgeNotice(page), { timeout: 12_000 }).toBeNull();
    expect(await badgeState(page)).toBeNull();
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await expect(options.getByText(/Badge hidden on/)).toContainText(new URL(demo.url).origin);
    await options.getByRole('button', { name: 'Show the badge everywhere again' }).click();
    await expect.poll(() => badgeState(page)).not.toBeNull();

    const panel = await openPanelPage(context, extensionId, await tabIdOf(serviceWorker, page));
    await panel.getByRole('checkbox', { name: /Rapport on/ }).click();
    await expect(panel.getByText(/switched off/)).toBeVisible();
    await expect.poll(() => badgeState(page)).toBeNull();
  });

  test('when the extension is updated under a page, the old content script stops and leaves no dead UI', async ({
    context,
    demo,
    serviceWorker,
  }) => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${demo.url}/tickets/10481`);
    await expect.poll(() => badgeState(page)).not.toBeNull();
    const tabId = await tabIdOf(serviceWorker, page);
    // What the background does on update (runtime.onInstalled): inject the new content script into open tabs.
    await serviceWorker.evaluate(
      (id) => chrome.scripting.executeScript({ target: { tabId: id }, files: ['/content-scripts/content.js'] }),
      tabId,
    );
    await page.waitForTimeout(500);
    // One badge host: the retired copy removed its own.
    await expect.poll(() => page.locator('rapport-badge').count()).toBe(1);
    await clickBadge(page);
    await expect.poll(async () => (await openSidePanels(serviceWorker)).length).toBe(1);
    await page.getByRole('textbox').first().fill('still typing');
    await expect(page.getByRole('textbox').first()).toHaveValue('still typing');
    expect(errors).toEqual([]);
  });
});
