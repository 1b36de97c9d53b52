import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { getDemoConversation } from '../../scripts/demo/conversations';
import { badgeState, expect, openPanelPage, tabIdOf, test } from './fixtures';

/** The text of a message as the panel shows it, folded to one line as the export writes it. */
async function shownText(panel: Page, index: number): Promise<string> {
  const text = await panel.getByTestId('read-message').nth(index).locator('.message-text').textContent();
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

test.describe('"Mood wrong?" on the demo helpdesk', () => {
  test('the agent corrects the mood: the headline and badge follow, it sticks, and the settings export it', async ({
    context,
    demo,
    extensionId,
    serviceWorker,
  }) => {
    const ticket = getDemoConversation('angry-refund');
    const ticketUrl = `${demo.url}/tickets/${ticket.id}`;
    const page = await context.newPage();
    await page.goto(ticketUrl);
    const panel = await openPanelPage(context, extensionId, await tabIdOf(serviceWorker, page));
    const card = panel.getByTestId('mood-card');
    await expect(card).toHaveAttribute('data-state-source', 'engine', { timeout: 30_000 });
    await expect(card).toHaveAttribute('data-state', /angry|frustrated/);
    await expect(card.getByTestId('mood-state')).toHaveText(/Angry|Frustrated/);

    // Keyboard: the menu opens on the current state, Escape closes it and focus returns to the button.
    const wrong = card.getByTestId('mood-wrong');
    await wrong.focus();
    await panel.keyboard.press('Enter');
    const menu = panel.getByRole('menu', { name: 'How does the customer feel?' });
    await expect(menu).toBeVisible();
    await expect(menu.getByRole('menuitemradio')).toHaveCount(8);
    await expect(menu.getByRole('menuitemradio', { checked: true })).toBeFocused();
    await panel.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    await expect(wrong).toBeFocused();

    // One click picks the state: the headline says it at once, marked as the agent's, and the badge follows.
    await wrong.click();
    await menu.getByRole('menuitemradio', { name: 'Anxious' }).click();
    await expect(menu).toBeHidden();
    await expect(card).toHaveAttribute('data-state', 'anxious');
    await expect(card).toHaveAttribute('data-state-source', 'agent');
    await expect(card.getByTestId('mood-state')).toHaveText('Anxious');
    await expect(card.getByTestId('mood-corrected')).toContainText('Corrected by you');
    await expect.poll(async () => (await badgeState(page))?.mood).toBe('anxious');
    await expect.poll(async () => (await badgeState(page))?.label).toMatch(/Anxious/);

    // Undo takes it back to the engine's reading; then the agent settles on anxious again, by keyboard.
    await card.getByTestId('mood-undo').click();
    await expect(card).toHaveAttribute('data-state-source', 'engine');
    await expect.poll(async () => (await badgeState(page))?.mood).toMatch(/angry|upset/);
    await wrong.focus();
    await panel.keyboard.press('Enter');
    await expect(menu).toBeVisible();
    await panel.keyboard.press('Home');
    // calm, confused, anxious
    await panel.keyboard.press('ArrowDown');
    await panel.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitemradio', { name: 'Anxious' })).toBeFocused();
    await panel.keyboard.press('Enter');
    await expect(card).toHaveAttribute('data-state', 'anxious');
    await expect(wrong).toBeFocused();

    // A single message: the customer's first one was a calm question.
    const first = panel.getByTestId('read-message').first();
    await first.getByTestId('message-mood-wrong').click();
    await first.getByRole('menuitemradio', { name: 'Calm' }).click();
    await expect(first.getByTestId('message-mood')).toHaveAttribute('data-state', 'calm');
    await expect(first.getByTestId('message-mood')).toHaveAttribute('data-state-source', 'agent');
    const firstText = await shownText(panel, 0);
    const messages = panel.getByTestId('read-message');
    const latestText = await shownText(panel, (await messages.count()) - 1);

    // Reloading the page keeps it, and so does the same ticket opened afresh in another tab (read from storage).
    await page.reload();
    await expect(card).toHaveAttribute('data-state', 'anxious', { timeout: 30_000 });
    await expect.poll(async () => (await badgeState(page))?.mood).toBe('anxious');
    await page.close();
    await panel.close();
    const again = await context.newPage();
    await again.goto(ticketUrl);
    const panel2 = await openPanelPage(context, extensionId, await tabIdOf(serviceWorker, again));
    const card2 = panel2.getByTestId('mood-card');
    await expect(card2).toHaveAttribute('data-state', 'anxious', { timeout: 30_000 });
    await expect(card2).toHaveAttribute('data-state-source', 'agent');
    await expect(panel2.getByTestId('read-message').first().getByTestId('message-mood')).toHaveAttribute(
      'data-state',
      'calm',
    );
    await expect.poll(async () => (await badgeState(again))?.mood).toBe('anxious');

    // The settings export both corrections as `state<TAB>text` lines, the format `npm run eval` reads.
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    const section = options.getByTestId('mood-corrections');
    await expect(section.getByTestId('mood-corrections-count')).toHaveText('Corrections stored: 2');
    await expect(section).toContainText('The file contains what your customers wrote');
    let downloads = 0;
    options.on('download', () => {
      downloads++;
    });
    const [download] = await Promise.all([
      options.waitForEvent('download'),
      section.getByRole('button', { name: 'Export mood corrections (TSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^rapport-mood-corrections-\d{4}-\d{2}-\d{2}\.tsv$/);
    const tsv = await readFile(await download.path(), 'utf8');
    const lines = tsv.split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines).toContain(`anxious\t${latestText}`);
    expect(lines).toContain(`calm\t${firstText}`);

    // Delete all: gone from storage and from the open panel; exporting now says so instead of saving an empty file.
    await section.getByRole('button', { name: 'Delete all corrections' }).click();
    await section.getByTestId('mood-corrections-delete-yes').click();
    await expect(section.getByTestId('mood-corrections-note')).toHaveText('Mood corrections deleted: 2');
    await expect(section.getByTestId('mood-corrections-count')).toContainText('No mood corrections yet');
    await expect(card2).toHaveAttribute('data-state-source', 'engine');
    await section.getByRole('button', { name: 'Export mood corrections (TSV)' }).click();
    await expect(section.getByTestId('mood-corrections-note')).toContainText('No mood corrections yet');
    expect(downloads).toBe(1);
  });
});
