import type { BrowserContext, Page } from '@playwright/test';
import { getDemoConversation } from '../../scripts/demo/conversations';
import { badgeState, evaluateInContentScript, expect, test } from './fixtures';

const angryRefund = getDemoConversation('angry-refund');

async function openOptions(context: BrowserContext, extensionId: string): Promise<Page> {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByTestId('template-library')).toBeVisible();
  await expect(options.getByTestId('library-row').first()).toBeVisible();
  return options;
}

test.describe('snippets in the reply box', () => {
  test('a shortcut expands only once switched on for the site, asks for what is missing, and Ctrl+Z brings it back', async ({
    context,
    demo,
    extensionId,
  }, testInfo) => {
    const options = await openOptions(context, extensionId);
    // The agent gives a personal template a shortcut in the editor.
    await options.getByRole('button', { name: 'New template' }).click();
    const editor = options.getByTestId('template-editor');
    await editor.getByLabel('Title').fill('Sorry, with a voucher');
    await editor.getByLabel('Shortcut (optional)').fill(';Sorry-Voucher');
    await editor.getByRole('checkbox', { name: 'Refund' }).check();
    await editor
      .getByLabel('Text')
      .fill('Hi {{customer.firstName}}, sorry about order {{order.number}}. Here is a voucher: {{voucherCode}}');
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect(editor).toBeHidden();
    await options.getByRole('searchbox', { name: 'Search' }).fill('Sorry, with a voucher');
    await expect(options.getByTestId('library-row').getByTestId('template-shortcut-chip')).toHaveText(
      'Shortcut ;sorry-voucher',
    );
    // A second template cannot take the same shortcut: the editor says which template has it.
    await options.getByRole('button', { name: 'New template' }).click();
    await options.getByTestId('template-editor').getByLabel('Shortcut (optional)').fill(';sorry-voucher');
    await expect(options.getByTestId('template-editor')).toContainText(
      'The shortcut ;sorry-voucher is already used by “Sorry, with a voucher”.',
    );
    await options.getByTestId('template-editor').getByRole('button', { name: 'Cancel' }).click();

    const page = await context.newPage();
    await page.goto(`${demo.url}/tickets/${angryRefund.id}`);
    // The content script is running (its badge shows) before anything is typed.
    await expect.poll(() => badgeState(page), { timeout: 30_000 }).not.toBeNull();
    const reply = page.locator('#reply-body');

    // Off by default: the shortcut stays as typed.
    await reply.click();
    await reply.pressSequentially('Thanks! ;sorry-voucher ');
    await page.waitForTimeout(1000);
    await expect(reply).toHaveValue('Thanks! ;sorry-voucher ');
    await expect(page.locator('rapport-snippet-form')).toHaveCount(0);

    // One switch turns it on for the site (the demo is read as an "other" helpdesk).
    await options.bringToFront();
    await expect(options.getByTestId('snippets-note')).toBeVisible();
    // A controlled switch: it shows checked once the setting is stored.
    await options.getByTestId('snippets-generic').click();
    await expect(options.getByTestId('snippets-generic')).toBeChecked();
    await page.bringToFront();
    await reply.fill('');
    await reply.click();
    await reply.pressSequentially('Thanks! foo;sorry-voucher ');
    await page.waitForTimeout(500);
    // Never inside a word.
    await expect(reply).toHaveValue('Thanks! foo;sorry-voucher ');
    await reply.fill('');
    await reply.pressSequentially('Thanks! ;sorry-voucher ');

    // The conversation has the name and the order number; the voucher code is asked for beside the reply box.
    // The form sits in a closed shadow root (the page may not read it): looked at from the content script's world.
    const formText = () =>
      evaluateInContentScript<string | null>(
        page,
        `chrome.dom.openOrClosedShadowRoot(document.querySelector('rapport-snippet-form'))?.querySelector('[data-testid="snippet-fill-form"]')?.textContent ?? null`,
      ).catch(() => null);
    await expect.poll(formText).toContain('Voucher code');
    await page.screenshot({ path: testInfo.outputPath('snippet-fill-form.png') });
    // The form focuses its first field (the voucher code); Enter inserts.
    await page.keyboard.type('SORRY-10');
    await page.keyboard.press('Enter');
    await expect(reply).toHaveValue('Thanks! Hi Derek, sorry about order A-55812. Here is a voucher: SORRY-10');
    await expect(reply).toBeFocused();

    // One undo step: the shortcut is back as typed.
    await page.keyboard.press('Control+z');
    await expect(reply).toHaveValue('Thanks! ;sorry-voucher ');
  });
});
