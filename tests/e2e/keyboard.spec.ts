import type { Page } from '@playwright/test';
import { getDemoConversation } from '../../scripts/demo/conversations';
import { expect, openPanelPage, tabIdOf, test } from './fixtures';

/**
 * Issue 22, "full keyboard use with visible focus": pressing Tab through the side panel and the settings page reaches
 * every control a mouse can use, each one shows a focus ring while it has focus, and Enter works where a click does.
 * (Browser shortcuts cannot be pressed in headless Chromium; Tab and Enter inside a page can.)
 */

const angry = getDemoConversation('angry-refund');

/**
 * The controls of the page a person could click (enabled, shown, not inside a closed <details>), each marked with
 * `data-kb` = its number, so two controls with the same text are told apart; radio buttons carry their group.
 */
async function markClickableControls(page: Page): Promise<{ name: string; group: string | undefined }[]> {
  return page.evaluate(() => {
    // What a control is called in a failed assertion: tag, accessible name or text, test id.
    const nameOf = (element: Element): string =>
      `${element.tagName.toLowerCase()}[${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)}]#${element.getAttribute('data-testid') ?? ''}`;
    const selector =
      'button, a[href], input:not([type="hidden"]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';
    const controls = [...document.querySelectorAll(selector)].filter((element) => {
      if ((element as HTMLButtonElement).disabled) return false;
      if (element.closest('[inert], [hidden]')) return false;
      const details = element.parentElement?.closest('details');
      if (details && !details.open && element.tagName !== 'SUMMARY') return false;
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden';
    });
    for (const [index, element] of controls.entries()) {
      element.setAttribute('data-kb', String(index));
      // Tab stops once in a radio group (the arrow keys move inside it): the group is reached through any member.
      if (element instanceof HTMLInputElement && element.type === 'radio')
        element.setAttribute('data-kb-group', element.name);
    }
    return controls.map((element) => ({
      name: nameOf(element),
      group: element.getAttribute('data-kb-group') ?? undefined,
    }));
  });
}

/**
 * Presses Tab `presses` times from the top of the page, recording which marked controls got focus and which of them
 * showed no focus ring (no visible outline and no box shadow) while focused.
 */
async function tabThrough(page: Page, presses: number): Promise<{ reached: Set<number>; withoutRing: Set<number> }> {
  const reached = new Set<number>();
  const withoutRing = new Set<number>();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (let press = 0; press < presses; press++) {
    await page.keyboard.press('Tab');
    const current = await page.evaluate(() => {
      const element = document.activeElement;
      const mark = element?.getAttribute('data-kb');
      if (!element || mark === null || mark === undefined) return null;
      const style = getComputedStyle(element);
      const outline = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0;
      const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
      return { index: Number(mark), ring: outline || shadow };
    });
    if (!current) continue;
    reached.add(current.index);
    if (!current.ring) withoutRing.add(current.index);
  }
  return { reached, withoutRing };
}

/** Tabs through `page` and expects every marked control reached, each with a focus ring. */
async function expectKeyboardComplete(page: Page, minimum: number): Promise<void> {
  // Sections that load stored things render in steps: the count of controls must hold still before they are marked.
  let last = -1;
  await expect
    .poll(
      async () => {
        const count = await page.locator('button, a[href], input, select, textarea, summary').count();
        const settled = count === last;
        last = count;
        return settled;
      },
      { intervals: [1000], timeout: 60_000 },
    )
    .toBe(true);
  const controls = await markClickableControls(page);
  expect(controls.length).toBeGreaterThan(minimum);
  const { reached, withoutRing } = await tabThrough(page, controls.length + 20);
  const reachedGroups = new Set(controls.filter((_, index) => reached.has(index)).map((control) => control.group));
  const missed = controls.filter(
    (control, index) => !reached.has(index) && (control.group === undefined || !reachedGroups.has(control.group)),
  );
  expect(missed.map((control) => control.name)).toEqual([]);
  expect(controls.filter((_, index) => withoutRing.has(index)).map((control) => control.name)).toEqual([]);
}

test('the side panel: Tab reaches every control with a visible focus ring, and Enter follows a summary line', async ({
  context,
  demo,
  extensionId,
  serviceWorker,
}) => {
  const page = await context.newPage();
  await page.goto(`${demo.url}/tickets/${angry.id}`);
  const panel = await openPanelPage(context, extensionId, await tabIdOf(serviceWorker, page));
  await panel.setViewportSize({ width: 420, height: 900 });
  await expect(panel.getByTestId('mood-card')).toHaveAttribute('data-sentiment', /.+/, { timeout: 30_000 });
  await expect(panel.getByTestId('conversation-summary')).toBeVisible();
  await expect(panel.getByRole('button', { name: /^Insert/ }).first()).toBeVisible({ timeout: 30_000 });

  await expectKeyboardComplete(panel, 5);

  // Enter on a summary line does what a click does: the message it quotes gets focus.
  const quote = panel.locator('.summary-quote').first();
  await quote.focus();
  await panel.keyboard.press('Enter');
  await expect
    .poll(() => panel.evaluate(() => document.activeElement?.closest('[data-message-id]') !== null))
    .toBe(true);
});

test('the settings page: Tab reaches every control with a visible focus ring', async ({ context, extensionId }) => {
  const options = await context.newPage();
  await options.setViewportSize({ width: 1000, height: 900 });
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByTestId('first-run')).toBeVisible();
  // The sections that load stored things (templates, escalation secrets) are in before counting.
  await expect(options.locator('#escalation input').first()).toBeVisible({ timeout: 60_000 });
  await expect(options.getByTestId('reply-engine')).toBeVisible();

  await expectKeyboardComplete(options, 20);
});
