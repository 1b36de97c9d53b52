import { getDemoConversation } from '../../scripts/demo/conversations';
import { badgeState, expect, openPanelPage, tabIdOf, test } from './fixtures';

test.describe('mood engine on the demo helpdesk', () => {
  test('the angry refund demand reads angry, negative and worsening, with its evidence highlighted', async ({
    context,
    demo,
    extensionId,
    serviceWorker,
  }) => {
    const ticket = getDemoConversation('angry-refund');
    const page = await context.newPage();
    await page.goto(`${demo.url}/tickets/${ticket.id}`);
    const panel = await openPanelPage(context, extensionId, await tabIdOf(serviceWorker, page));
    const mood = panel.getByTestId('mood-card');
    await expect(mood).toHaveAttribute('data-sentiment', 'negative', { timeout: 30_000 });
    await expect(mood).toHaveAttribute('data-emotion', /angry|frustrated/);
    await expect(mood).toHaveAttribute('data-trajectory', 'worsening');
    await expect(mood).toContainText(/Urgency: (high|critical)/);
    await expect(mood).toContainText('Model: rapport-mood');
    // Evidence: the phrases behind the labels are marked in the messages Rapport read.
    await expect(panel.locator('mark.evidence').first()).toBeVisible();
    await expect(panel.getByText(/Why (angry|frustrated|negative)\?/).first()).toBeVisible();
    // The mood shows before its evidence is complete, marked as updating; the mark goes once the evidence is in.
    await expect(mood).not.toHaveAttribute('data-analyzing', 'true');
    await expect(mood).not.toContainText('Updating the evidence');
    // The badge carries the mood without opening the panel (colour, icon and a text label).
    await expect.poll(async () => (await badgeState(page))?.mood).toMatch(/angry|upset/);
    // The badge names the state the headline shows.
    const state = await mood.getAttribute('data-state');
    await expect.poll(async () => (await badgeState(page))?.label).toMatch(state === 'angry' ? /Angry/ : /Frustrated/);
  });

  test('the panel opens on the mood, then a summary quoted from the messages, then the suggestions', async ({
    context,
    demo,
    extensionId,
    serviceWorker,
  }) => {
    const ticket = getDemoConversation('angry-refund');
    const page = await context.newPage();
    await page.goto(`${demo.url}/tickets/${ticket.id}`);
    const panel = await openPanelPage(context, extensionId, await tabIdOf(serviceWorker, page));
    await panel.setViewportSize({ width: 320, height: 720 });
    await expect(panel.getByTestId('mood-card')).toHaveAttribute('data-sentiment', 'negative', { timeout: 30_000 });
    const summary = panel.getByTestId('conversation-summary');
    await expect(summary).toBeVisible();
    // Every line is a sentence the customer or the agent wrote: nothing in the summary is ours.
    const lines = await summary.locator('.summary-quote').allInnerTexts();
    expect(lines.length).toBeGreaterThanOrEqual(2);
    const written = ticket.messages.map((message) => message.text.replace(/\s+/g, ' ')).join(' ');
    for (const line of lines) expect(written).toContain(line.replace(/^“|…?”$/g, ''));
    await expect(summary.locator('[data-kind="request"]')).toBeVisible();
    // The customer's own request is the first line: a request, not the story before it.
    await expect(summary.locator('[data-kind="request"] .summary-quote')).toContainText('let me know when the money');
    // Right under the mood and the summary: the suggested replies, before escalation and drafts.
    const order = await panel.evaluate(() =>
      ['mood-card', 'conversation-summary', 'suggestions-card', 'escalation-card'].map(
        (id) => document.querySelector(`[data-testid="${id}"]`)?.getBoundingClientRect().top ?? -1,
      ),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  // Above the fold (issue 22): who, how they feel, what they want, and the best answer's Insert, without scrolling, in
  // both languages (German labels run longer) and at both panel widths the README shows.
  for (const { language, insert } of [
    { language: 'en', insert: 'Insert' },
    { language: 'de', insert: 'Einfügen' },
  ] as const) {
    test(`the first screen of a 320 and a 420 px panel holds the mood, the summary and the first Insert (${language})`, async ({
      context,
      demo,
      extensionId,
      serviceWorker,
    }) => {
      const options = await context.newPage();
      await options.goto(`chrome-extension://${extensionId}/options.html`);
      await options.getByTestId('language-select').selectOption(language);
      await expect(options.locator('html')).toHaveAttribute('lang', language);
      await options.close();
      const ticket = getDemoConversation('angry-refund');
      const page = await context.newPage();
      await page.goto(`${demo.url}/tickets/${ticket.id}`);
      const panel = await openPanelPage(context, extensionId, await tabIdOf(serviceWorker, page));
      await expect(panel.locator('html')).toHaveAttribute('lang', language);
      await panel.setViewportSize({ width: 320, height: 720 });
      const mood = panel.getByTestId('mood-card');
      await expect(mood).toHaveAttribute('data-sentiment', 'negative', { timeout: 30_000 });
      await expect(mood).not.toHaveAttribute('data-analyzing', 'true');
      const summary = panel.getByTestId('conversation-summary');
      const first = panel.getByTestId('suggestion').first();
      for (const width of [320, 420]) {
        await panel.setViewportSize({ width, height: 720 });
        expect(await panel.evaluate(() => window.scrollY)).toBe(0);
        await expect(panel.getByTestId('mood-state')).toBeInViewport({ ratio: 1 });
        await expect(summary).toBeInViewport({ ratio: 1 });
        await expect(summary.locator('[data-kind="request"]')).toBeVisible();
        await expect(first.getByRole('button', { name: insert, exact: true })).toBeInViewport({ ratio: 1 });
      }
      // The details the compact mood card tucks away are one click off, and say the confidence and the model.
      const details = mood.getByTestId('mood-details');
      await expect(details).toBeHidden();
      await mood.getByTestId('mood-details-toggle').click();
      await expect(mood.getByTestId('mood-details-toggle')).toHaveAttribute('aria-expanded', 'true');
      await expect(details).toBeVisible();
      await expect(details).toContainText(language === 'de' ? 'Modell: rapport-mood' : 'Model: rapport-mood');
    });
  }

  test('the grateful follow-up reads positive', async ({ context, demo, extensionId, serviceWorker }) => {
    const ticket = getDemoConversation('grateful-follow-up');
    const page = await context.newPage();
    await page.goto(`${demo.url}/tickets/${ticket.id}`);
    const panel = await openPanelPage(context, extensionId, await tabIdOf(serviceWorker, page));
    const mood = panel.getByTestId('mood-card');
    await expect(mood).toHaveAttribute('data-sentiment', 'positive', { timeout: 30_000 });
    await expect.poll(async () => (await badgeState(page))?.mood).toBe('positive');
  });

  test('the worried customer reads anxious, in the headline and on the badge', async ({
    context,
    demo,
    extensionId,
    serviceWorker,
  }) => {
    // A parcel that may miss a daughter's birthday: worry, not delight at the agent's "thanks".
    const ticket = getDemoConversation('late-delivery');
    const page = await context.newPage();
    await page.goto(`${demo.url}/tickets/${ticket.id}`);
    const panel = await openPanelPage(context, extensionId, await tabIdOf(serviceWorker, page));
    const mood = panel.getByTestId('mood-card');
    await expect(mood).toHaveAttribute('data-state', 'anxious', { timeout: 30_000 });
    await expect(mood.locator('.mood-label')).toContainText('Anxious');
    await expect.poll(async () => (await badgeState(page))?.mood).toBe('anxious');
    await expect.poll(async () => (await badgeState(page))?.label).toMatch(/Anxious/);
  });

  test('the polite German invoice question reads calm or confused, with no upset badge and no escalation', async ({
    context,
    demo,
    extensionId,
    serviceWorker,
  }) => {
    const ticket = getDemoConversation('invoice-question-de');
    const page = await context.newPage();
    await page.goto(`${demo.url}/tickets/${ticket.id}`);
    const panel = await openPanelPage(context, extensionId, await tabIdOf(serviceWorker, page));
    const mood = panel.getByTestId('mood-card');
    await expect(mood).toHaveAttribute('data-state', /^(calm|confused)$/, { timeout: 30_000 });
    await expect(mood).not.toHaveAttribute('data-analyzing', 'true');
    await expect.poll(async () => (await badgeState(page))?.mood).toBe('neutral');
    await expect(panel.getByTestId('escalation-card')).toHaveAttribute('data-recommend', 'false');
  });

  test('the 42-message warranty thread ending in "done with Nordwind for good" worsens and is escalated', async ({
    context,
    demo,
    extensionId,
    serviceWorker,
  }) => {
    const ticket = getDemoConversation('long-thread');
    const page = await context.newPage();
    await page.goto(`${demo.url}/tickets/${ticket.id}`);
    const panel = await openPanelPage(context, extensionId, await tabIdOf(serviceWorker, page));
    const mood = panel.getByTestId('mood-card');
    await expect(mood).toHaveAttribute('data-state', /^(frustrated|angry)$/, { timeout: 30_000 });
    await expect(mood).toHaveAttribute('data-trajectory', 'worsening');
    const card = panel.getByTestId('escalation-card');
    await expect(card).toHaveAttribute('data-recommend', 'true', { timeout: 30_000 });
    await expect(card.getByTestId('escalation-reasons')).toContainText(/Cancellation threatened/);
    // More than 12 messages start collapsed, with a marker that says the list opens (issue 22: it was hidden).
    const whatRead = panel.getByTestId('messages-toggle');
    await expect(panel.getByTestId('read-message').first()).toBeHidden();
    const marker = () => whatRead.evaluate((summary) => getComputedStyle(summary, '::before').content);
    expect(await marker()).toContain('▸');
    await whatRead.click();
    await expect(panel.getByTestId('read-message').first()).toBeVisible();
    expect(await marker()).toContain('▾');
    // The badge and the headline say the same thing.
    const state = await mood.getAttribute('data-state');
    await expect.poll(async () => (await badgeState(page))?.label).toMatch(state === 'angry' ? /Angry/ : /Frustrated/);
  });

  test('a new ticket with only the customer’s first message is read and its mood shown', async ({
    context,
    demo,
    extensionId,
    serviceWorker,
  }) => {
    // Most tickets start like this: one message, no reply yet (the broken vase, in German).
    const ticket = getDemoConversation('damaged-item-de');
    const page = await context.newPage();
    await page.goto(`${demo.url}/tickets/${ticket.id}`);
    const panel = await openPanelPage(context, extensionId, await tabIdOf(serviceWorker, page));
    await expect(panel.getByTestId('read-message')).toHaveCount(1);
    const mood = panel.getByTestId('mood-card');
    await expect(mood).toHaveAttribute('data-sentiment', 'negative', { timeout: 30_000 });
    await expect.poll(async () => (await badgeState(page))?.mood).toMatch(/angry|upset|anxious/);
  });

  test('bad input gives a defined result, never a frozen panel', async ({ context, extensionId, serviceWorker }) => {
    // A page with a 1 MB message, emoji only, zero-width characters and HTML entities, read by the generic adapter.
    const huge = `${'Das ist wirklich ärgerlich, ich warte seit Wochen. '.repeat(20_000)}`;
    const html = `<!doctype html><html><head><title>Ticket #77 · Support</title></head><body><main>
      <h1>Ticket #77</h1>
      ${[
        ['Kim Customer', 'kim@example.com', huge],
        ['Support Agent', 'agent@shop.example', 'Hello Kim, we are looking into it.'],
        ['Kim Customer', 'kim@example.com', '😡😡😡'],
        ['Kim Customer', 'kim@example.com', 'wo\u200bist\u200bmein\u200bPaket &amp; &lt;Rechnung&gt;?'],
      ]
        .map(
          ([name, email, text], index) =>
            `<article class="message"><header><strong>${name}</strong> <a href="mailto:${email}">${email}</a> <time datetime="2026-11-2${index}T10:00:00Z">Nov 2${index}, 10:00</time></header><div class="body"><p>${text}</p></div></article>`,
        )
        .join('\n')}
      </main></body></html>`;
    await context.route('http://localhost:7799/**', (route) => route.fulfill({ contentType: 'text/html', body: html }));
    const page = await context.newPage();
    await page.goto('http://localhost:7799/tickets/77');
    const panel = await openPanelPage(context, extensionId, await tabIdOf(serviceWorker, page));
    await expect(panel.getByTestId('mood-card')).toBeVisible({ timeout: 30_000 });
    await expect(panel.getByTestId('read-message')).toHaveCount(4);
    await expect(panel.getByText(/truncated|gekürzt/).first()).toBeVisible();
  });
});
