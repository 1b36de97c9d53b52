import type { BrowserContext, Page } from '@playwright/test';
import { getDemoConversation } from '../../scripts/demo/conversations';
import { expect, openPanelPage, tabIdOf, test } from './fixtures';

const angryRefund = getDemoConversation('angry-refund');
const refundTemplateId = 'rapport-starter#refund-apologetic-en';

async function openOptions(context: BrowserContext, extensionId: string): Promise<Page> {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByTestId('template-library')).toBeVisible();
  // The starter pack is installed on first use; wait for it so counts and conflicts are stable.
  await expect(options.getByTestId('library-row').first()).toBeVisible();
  return options;
}

/** Signs replies as the demo's agent, as an agent does once in the settings. */
async function setAgentName(context: BrowserContext, extensionId: string): Promise<Page> {
  const options = await openOptions(context, extensionId);
  await options.getByLabel('Your name (signs replies)').fill('Lena Vogt');
  await options.getByRole('button', { name: 'Save', exact: true }).first().click();
  await expect(options.getByText('Saved', { exact: true })).toBeVisible();
  return options;
}

test.describe('reply templates', () => {
  test('the panel suggests the refund template first for the angry refund demand and inserts it filled', async ({
    context,
    demo,
    extensionId,
    serviceWorker,
  }, testInfo) => {
    await setAgentName(context, extensionId);
    const page = await context.newPage();
    await page.goto(`${demo.url}/tickets/${angryRefund.id}`);
    const panel = await openPanelPage(context, extensionId, await tabIdOf(serviceWorker, page));
    await panel.setViewportSize({ width: 400, height: 900 });
    const card = panel.getByTestId('suggestions-card');
    await expect(card).toBeVisible();
    // Suggestions are re-ranked once the mood (and the conversation's language) is known.
    await expect(panel.getByTestId('mood-card')).toBeVisible({ timeout: 30_000 });

    const suggestions = card.getByTestId('suggestion');
    await expect(suggestions).toHaveCount(3);
    await panel.screenshot({ path: testInfo.outputPath('panel-suggestions.png'), fullPage: true });
    const first = suggestions.first();
    await expect(first).toHaveAttribute('data-template-id', refundTemplateId);
    await expect(first.getByRole('list', { name: 'Why this template' })).toContainText('refund');
    await expect(first.getByRole('list', { name: 'Why this template' })).toContainText('Apologetic tone');

    await first.getByRole('button', { name: 'Insert' }).click();
    await expect(first.getByTestId('template-use-status')).toHaveText('Inserted into the reply box');
    const reply = page.locator('#reply-body');
    await expect(reply).toHaveValue(/I'm sorry about the trouble with your refund for order A-55812/);
    await expect(reply).toHaveValue(/^Hi Derek,/);
    await expect(reply).toHaveValue(/Best regards,\nLena Vogt$/);
    expect(await reply.inputValue()).not.toContain('{{');
  });

  test('a library edit shows in the panel suggestions, and Insert asks for the value it needs first', async ({
    context,
    demo,
    extensionId,
    serviceWorker,
  }, testInfo) => {
    const options = await setAgentName(context, extensionId);
    const page = await context.newPage();
    await page.goto(`${demo.url}/tickets/${angryRefund.id}`);
    const panel = await openPanelPage(context, extensionId, await tabIdOf(serviceWorker, page));
    await panel.setViewportSize({ width: 400, height: 900 });
    await expect(panel.getByTestId('mood-card')).toBeVisible({ timeout: 30_000 });
    const top = panel.getByTestId('suggestion').first();
    await expect(top).toBeVisible();
    const topTitle = (await top.locator('.tpl-title').textContent()) ?? '';

    // The top suggestion is a read-only starter template: duplicate it, then change the copy.
    await options.bringToFront();
    await options.getByRole('searchbox', { name: 'Search' }).fill(topTitle);
    const original = options.getByTestId('library-row').filter({ hasText: topTitle }).first();
    await expect(original).toContainText('read-only');
    await original.getByRole('button', { name: 'Duplicate to personal' }).click();
    const editor = options.getByTestId('template-editor');
    await expect(editor.getByLabel('Title')).toHaveValue(topTitle);
    const title = `A – ${topTitle} (with voucher)`;
    await editor.getByLabel('Title').fill(title);
    const body = editor.getByLabel('Text');
    await body.fill(`${await body.inputValue()}\n\nPS: here is a voucher for your next order: {{voucherCode}}`);
    // The live preview fills what the example conversation has and highlights the custom field nobody can fill.
    const preview = editor.getByTestId('template-editor-preview');
    await expect(preview.locator('mark[data-placeholder="voucherCode"]')).toHaveText('Voucher code');
    await options.getByTestId('template-library').screenshot({ path: testInfo.outputPath('options-editor.png') });
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect(editor).toBeHidden();
    await options.getByRole('searchbox', { name: 'Search' }).fill('with voucher');
    await expect(options.getByTestId('library-row')).toContainText('Personal');

    // The edit reaches the open panel without a reload: same content and tags, so the copy ranks with the original.
    const copy = panel.getByTestId('suggestion').filter({ hasText: title });
    await expect(copy).toBeVisible();
    await copy.getByRole('button', { name: 'Insert' }).click();
    const form = copy.getByTestId('template-fill-form');
    await expect(form).toContainText('Voucher code');
    await expect(form.getByRole('button', { name: 'Insert' })).toBeDisabled();
    await expect(page.locator('#reply-body')).toHaveValue('');
    await panel.screenshot({ path: testInfo.outputPath('panel-fill-form.png'), fullPage: true });
    // Whatever else the conversation lacks for this template (a tracking number, say) is asked for too.
    const fields = form.getByRole('textbox');
    for (let i = 0; i < (await fields.count()); i++) {
      const field = fields.nth(i);
      const key = await field.getAttribute('data-placeholder');
      await field.fill(key === 'voucherCode' ? 'SORRY-10' : `value-of-${key}`);
      if (i < (await fields.count()) - 1) await expect(form.getByRole('button', { name: 'Insert' })).toBeDisabled();
    }
    await form.getByRole('button', { name: 'Insert' }).click();
    await expect(copy.getByTestId('template-use-status')).toHaveText('Inserted into the reply box');
    const reply = page.locator('#reply-body');
    await expect(reply).toHaveValue(/here is a voucher for your next order: SORRY-10$/);
    expect(await reply.inputValue()).not.toMatch(/\{\{|\}\}/);
    // Its use is counted in the library.
    await expect(options.getByTestId('library-row')).toContainText('used 1 time');
  });

  test('inserting a template that claims the refund has started asks first on the angry refund demand', async ({
    context,
    demo,
    extensionId,
    serviceWorker,
  }, testInfo) => {
    await setAgentName(context, extensionId);
    const page = await context.newPage();
    await page.goto(`${demo.url}/tickets/${angryRefund.id}`);
    const panel = await openPanelPage(context, extensionId, await tabIdOf(serviceWorker, page));
    await panel.setViewportSize({ width: 400, height: 900 });
    await expect(panel.getByTestId('mood-card')).toBeVisible({ timeout: 30_000 });
    const card = panel.getByTestId('suggestions-card');
    await expect(card.getByTestId('suggestion').first()).toBeVisible();
    // The refund is still pending: the "Refund issued" variant is not among the suggestions.
    await expect(card.getByTestId('suggestion').filter({ hasText: 'Refund issued' })).toHaveCount(0);

    const reply = page.locator('#reply-body');
    const confirm = panel.getByTestId('insert-confirm');
    const chooseRefundIssued = async () => {
      await panel.getByRole('button', { name: 'All templates…' }).click();
      const search = panel.getByTestId('template-picker').getByRole('combobox', { name: 'Search all templates' });
      await search.fill('Refund issued');
      await search.press('Enter');
      // The amount may be missing from what the page shows: the fill-in form comes first, the question after it.
      const form = panel.getByTestId('template-fill-form');
      await expect(confirm.or(form)).toBeVisible();
      if (await form.isVisible()) {
        const fields = form.getByRole('textbox');
        for (let i = 0; i < (await fields.count()); i++) await fields.nth(i).fill('€349.00');
        await form.getByRole('button', { name: 'Insert' }).click();
      }
    };

    await chooseRefundIssued();
    await expect(confirm).toContainText('This says the refund has started — is that true?');
    await panel.screenshot({ path: testInfo.outputPath('panel-claim-confirm.png'), fullPage: true });
    await expect(reply).toHaveValue('');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(confirm).toBeHidden();
    await expect(reply).toHaveValue('');

    await chooseRefundIssued();
    await confirm.getByRole('button', { name: 'Insert anyway' }).click();
    await expect(confirm).toBeHidden();
    await expect(reply).toHaveValue(/has been issued/);
  });

  test('the keyboard picker filters all templates and Enter inserts the chosen one', async ({
    context,
    demo,
    extensionId,
    serviceWorker,
  }) => {
    await setAgentName(context, extensionId);
    const page = await context.newPage();
    await page.goto(`${demo.url}/tickets/${angryRefund.id}`);
    const panel = await openPanelPage(context, extensionId, await tabIdOf(serviceWorker, page));
    await panel.getByRole('button', { name: 'All templates…' }).click();
    const picker = panel.getByTestId('template-picker');
    const search = picker.getByRole('combobox', { name: 'Search all templates' });
    await expect(search).toBeFocused();
    await search.fill('rechnung');
    await expect(picker.getByRole('option')).toHaveText([/^Rechnungskopie/, /^Rechnungskopie/]);
    await search.press('Escape');
    await expect(picker).toBeHidden();

    await panel.getByRole('button', { name: 'All templates…' }).click();
    await search.fill('item');
    const options = picker.getByRole('option');
    await expect(options).toHaveText([
      /Change to an order/,
      /Damaged or wrong item/,
      /How to return an item/,
      /Refund request/,
    ]);
    await expect(options.first()).toHaveAttribute('aria-selected', 'true');
    await search.press('ArrowDown');
    await search.press('ArrowDown');
    await expect(picker.getByRole('option', { selected: true })).toHaveText(/How to return an item/);
    await search.press('Enter');
    await expect(picker).toBeHidden();
    await expect(page.locator('#reply-body')).toHaveValue(/of course you can return your order A-55812/);
  });

  test('importing a pack file lists the bad entry, resolves the conflict and adds the rest', async ({
    context,
    extensionId,
  }, testInfo) => {
    const options = await openOptions(context, extensionId);
    const pack = {
      format: 'rapport-template-pack',
      version: 1,
      name: 'Support team NRW',
      templates: [
        {
          id: 'late-refund-update',
          title: 'Refund delayed – update',
          body: 'Hi {{customer.firstName | "there"}},\n\nyour refund for {{order.number}} is on its way.\n\n{{agent.name}}',
          language: 'en',
          intents: ['refund'],
          tone: 'apologetic',
          version: 2,
        },
        {
          id: 'broken',
          title: 'Broken placeholder',
          body: 'Hello {{first name}}',
          language: 'en',
          intents: ['other'],
          tone: 'neutral',
        },
        {
          id: 'refund-copy',
          title: 'Refund – sorry for the trouble',
          body: 'Our own wording for {{order.number}}.',
          language: 'en',
          intents: ['refund'],
          tone: 'apologetic',
        },
      ],
    };
    await options.getByTestId('import-file').setInputFiles({
      name: 'support-team.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(pack)),
    });
    const dialog = options.getByTestId('import-dialog');
    await expect(dialog).toContainText('Import “Support team NRW”');
    await expect(dialog.getByTestId('import-invalid')).toContainText('Template 2 “Broken placeholder”');
    await expect(dialog.getByTestId('import-invalid')).toContainText('{{first name}}');
    const conflict = dialog.getByTestId('import-conflict');
    await expect(conflict).toContainText('same title as “Refund – sorry for the trouble”');
    // The existing one is a starter template: read-only, so only keep both or skip.
    await expect(conflict.getByRole('radio')).toHaveCount(2);
    await conflict.getByRole('radio', { name: 'Skip' }).check();
    await options.getByTestId('template-library').screenshot({ path: testInfo.outputPath('options-import.png') });
    await dialog.getByRole('button', { name: 'Import' }).click();
    await expect(options.getByTestId('import-result')).toHaveText(
      'Imported “Support team NRW”: 1 added, 0 replaced, 1 skipped.',
    );
    await options.getByRole('searchbox', { name: 'Search' }).fill('refund delayed');
    const rows = options.getByTestId('library-row').filter({ hasText: 'Refund delayed – update' });
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText('Personal');

    // Delete with undo.
    await rows.getByRole('button', { name: 'Delete' }).click();
    await expect(options.getByTestId('template-toast')).toContainText('“Refund delayed – update” deleted.');
    await expect(rows).toHaveCount(0);
    await options.getByTestId('template-toast').getByRole('button', { name: 'Undo' }).click();
    await expect(rows).toHaveCount(1);
  });
});
