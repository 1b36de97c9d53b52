import type { BrowserContext, Page } from '@playwright/test';
import { getDemoConversation } from '../../scripts/demo/conversations';
import { expect, openPanelPage, tabIdOf, test } from './fixtures';

const angry = getDemoConversation('angry-refund');

/** Chooses how drafts are written, through the settings page as an agent would. */
async function chooseEngine(context: BrowserContext, extensionId: string, engine: 'auto' | 'templates' | 'demo') {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByTestId('reply-engine').selectOption(engine);
  await expect(options.getByTestId('reply-engine')).toHaveValue(engine);
  await options.close();
}

/** Waits for the mood and tells whether the customer reads as upset (what drafts and the tone check adapt to). */
async function readUpset(panel: Page): Promise<boolean> {
  const mood = panel.getByTestId('mood-card');
  await expect(mood).toHaveAttribute('data-sentiment', /.+/, { timeout: 20_000 });
  const sentiment = await mood.getAttribute('data-sentiment');
  const emotion = await mood.getAttribute('data-emotion');
  return sentiment === 'negative' || ['angry', 'frustrated', 'sad', 'anxious'].includes(emotion ?? '');
}

function draftText(panel: Page, index: number) {
  return panel.getByTestId('draft').nth(index).locator('textarea');
}

test.describe('reply drafts', () => {
  test('demo drafts stream in, can be cancelled mid-stream and inserted; the tone check warns on a curt reply', async ({
    context,
    demo,
    extensionId,
    serviceWorker,
  }, testInfo) => {
    await chooseEngine(context, extensionId, 'demo');
    const page = await context.newPage();
    await page.goto(`${demo.url}/tickets/${angry.id}`);
    const panel = await openPanelPage(context, extensionId, await tabIdOf(serviceWorker, page));
    await panel.setViewportSize({ width: 400, height: 900 });
    const card = panel.getByTestId('drafts-card');
    await expect(card.getByTestId('drafts-engine')).toHaveText('Demo drafts (scripted, no model)');
    // Drafts and the tone check follow the detected mood: an upset customer gets the de-escalating variant first
    // and a warning on a curt reply. The demo expects this thread to read as angry; the mood model decides.
    const upset = await readUpset(panel);

    await card.getByTestId('drafts-draft').click();
    const first = draftText(panel, 0);
    await expect(panel.getByTestId('draft').first()).toHaveAttribute(
      'data-variant',
      upset ? 'de-escalating' : 'empathetic-detailed',
    );
    await expect.poll(async () => (await first.inputValue()).length).toBeGreaterThan(5);
    const early = (await first.inputValue()).length;
    // The text grows as tokens arrive.
    await expect.poll(async () => (await first.inputValue()).length).toBeGreaterThan(early + 10);
    await expect(panel.getByTestId('draft').first()).toContainText('AI-drafted');

    const variants = upset ? 3 : 2;
    await expect(panel.getByTestId('draft')).toHaveCount(variants, { timeout: 20_000 });
    await expect(panel.locator('[data-testid="draft"][data-state="done"]')).toHaveCount(variants, {
      timeout: 20_000,
    });
    await expect(panel.getByTestId('draft').first()).toContainText('Fill in [decision on refund] before sending.');
    // Grounded in this conversation (issue 19): its pending refund, the order and amount the customer gave, the
    // name they sign with — and no claim that the refund was issued or a parcel is on its way.
    for (const index of [0, 1]) {
      const text = await draftText(panel, index).inputValue();
      expect(text.startsWith('Hi Derek,')).toBe(true);
      expect(text).toMatch(/refund of €349 for order #A-55812/);
      expect(text).not.toMatch(/has been issued|in transit|on its way|tracking/i);
    }
    await expect(panel.locator('[data-testid="draft-warnings"] [data-kind="unsupported-claim"]')).toHaveCount(0);
    const written = await first.inputValue();
    await card.screenshot({ path: testInfo.outputPath('drafts-panel.png') });

    // An edit that claims the refund was released, which the conversation does not show: Insert asks first.
    await first.fill(written.replace('[decision on refund]', 'the refund was released today'));
    await expect(
      panel.getByTestId('draft').first().locator('[data-testid="draft-warnings"] [data-kind="unsupported-claim"]'),
    ).toHaveCount(1);
    await panel.getByTestId('draft').first().getByRole('button', { name: 'Insert' }).click();
    const confirm = panel.getByTestId('draft').first().getByTestId('insert-confirm');
    await expect(confirm).toContainText(/is that true\?/);
    // Insert anyway puts the (edited) draft into the demo's reply box; nothing is sent.
    await confirm.getByRole('button', { name: 'Insert anyway' }).click();
    await expect(panel.getByText('Inserted into the reply box')).toBeVisible();
    await expect(page.locator('#reply-body')).toHaveValue(/the refund was released today/);

    // Cancel mid-stream: the text stops growing and the draft is marked stopped.
    await card.getByTestId('drafts-draft').click();
    await expect.poll(async () => (await draftText(panel, 0).inputValue()).length).toBeGreaterThan(10);
    await card.getByTestId('drafts-cancel').click();
    await expect(panel.getByTestId('draft').first()).toHaveAttribute('data-state', 'stopped');
    const stopped = await draftText(panel, 0).inputValue();
    await panel.waitForTimeout(600);
    expect(await draftText(panel, 0).inputValue()).toBe(stopped);
    await expect(panel.getByTestId('draft')).toHaveCount(1);
    await expect(card.getByTestId('drafts-draft')).toBeEnabled();

    // The tone check reads what the agent types in the site's reply box.
    await page.locator('#reply-body').fill('No.');
    const tone = panel.getByTestId('tone-check');
    await expect(tone).toContainText('Lands as: curt and cold', { timeout: 15_000 });
    if (upset) {
      await expect(tone).toHaveAttribute('data-level', 'warn');
      await expect(tone).toContainText(/acknowledge their frustration first|acknowledge the problem first/);
    } else {
      await expect(tone).toHaveAttribute('data-level', 'ok');
    }
    await page
      .locator('#reply-body')
      .fill(
        'Hi Derek, I am really sorry for the wait and I understand how frustrating this is. I am checking your refund right now and will update you today.',
      );
    await expect(tone).toHaveAttribute('data-level', 'ok', { timeout: 15_000 });
    await expect(tone).toContainText('Lands as: warm');
    await card.screenshot({ path: testInfo.outputPath('drafts-tone.png') });
  });

  test('without the model (no WebGPU, or its download not agreed to) drafts come from templates and say why', async ({
    context,
    demo,
    extensionId,
    serviceWorker,
  }, testInfo) => {
    const page = await context.newPage();
    await page.goto(`${demo.url}/tickets/${angry.id}`);
    const panel = await openPanelPage(context, extensionId, await tabIdOf(serviceWorker, page));
    await panel.setViewportSize({ width: 400, height: 900 });
    const card = panel.getByTestId('drafts-card');
    // 'auto' is the default: headless Chromium either has no usable WebGPU or the agent has not agreed to the download.
    await expect(card.getByTestId('drafts-engine')).toHaveText('Team templates', { timeout: 30_000 });
    await expect(card.getByTestId('drafts-reason')).toContainText(
      /no WebGPU|Until you agree to the download|cannot run|could not/,
    );
    const consent = card.getByTestId('drafts-consent');
    if (await consent.isVisible()) {
      // A model could run: its size is shown before anything is downloaded.
      await expect(consent).toContainText(/Needs download: ~?\d/);
    }
    await readUpset(panel);
    await card.getByTestId('drafts-draft').click();
    await expect(panel.locator('[data-testid="draft"][data-state="done"]').first()).toBeVisible({ timeout: 15_000 });
    await expect(panel.getByTestId('draft').first()).toContainText('From a team template');
    expect(await draftText(panel, 0).inputValue()).toMatch(/sorry/i);
    await card.screenshot({ path: testInfo.outputPath('drafts-templates.png') });

    // Rewriting needs the model: the panel says so instead of failing silently.
    await panel.getByTestId('draft').first().getByRole('combobox').selectOption('shorter');
    await expect(card.getByTestId('drafts-error')).toHaveAttribute('data-code', 'replies/rewrite-unavailable');
  });
});
