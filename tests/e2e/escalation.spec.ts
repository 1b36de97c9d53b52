import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, openPanelPage, tabIdOf, test } from './fixtures';
import { startReceiver } from './webhook-receiver';

/** Sets the webhook in the options page, as a team lead would. */
async function configureWebhook(context: BrowserContext, extensionId: string, url: string): Promise<void> {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByTestId('webhook-url').fill(url);
  await expect(options.getByTestId('webhook-preview')).toContainText('[email]');
  await options.getByTestId('save-escalation').click();
  await expect(options.getByText('Escalation settings saved')).toBeVisible();
  await options.close();
}

async function openAngryRefund(context: BrowserContext, demoUrl: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${demoUrl}/tickets/10481`);
  return page;
}

test.describe('escalation', () => {
  test('the angry refund is escalated to a local webhook once, masked, and recorded in the panel', async ({
    context,
    demo,
    extensionId,
    serviceWorker,
  }) => {
    const receiver = await startReceiver();
    try {
      await configureWebhook(context, extensionId, receiver.url);
      const page = await openAngryRefund(context, demo.url);
      const panel = await openPanelPage(context, extensionId, await tabIdOf(serviceWorker, page));
      await panel.setViewportSize({ width: 400, height: 1000 });

      const card = panel.getByTestId('escalation-card');
      await expect(card).toHaveAttribute('data-recommend', 'true', { timeout: 30_000 });
      await expect(card.getByText('Escalate to a team lead')).toBeVisible();
      const reasons = card.getByTestId('escalation-reasons').locator('li');
      expect(await reasons.count()).toBeGreaterThan(0);
      await expect(card.getByTestId('escalation-reasons')).toContainText(/chargeback/i);
      await expect(card.getByTestId('escalation-planned')).toContainText(`webhook to ${new URL(receiver.url).host}`);
      await panel.screenshot({ path: 'test-results/escalation-panel-advice.png', fullPage: true });

      await card.getByLabel('Note to the team lead (optional)').fill('Regular customer — please call him today.');
      await card.getByTestId('escalate-button').dblclick();

      const record = card.getByTestId('escalation-record');
      await expect(record).toContainText('escalated just now');
      await expect(record.locator('[data-action="webhook"]')).toHaveAttribute('data-ok', 'true');
      await expect(record.locator('[data-action="webhook"]')).toContainText(`Sent to ${new URL(receiver.url).host}`);
      await expect(record).toContainText('Regular customer — please call him today.');
      await expect(card.getByTestId('escalate-button')).toHaveText('Escalate again');

      // A double click is one escalation: give a second request time to arrive, then count.
      await panel.waitForTimeout(1000);
      expect(receiver.posts).toHaveLength(1);
      const [post] = receiver.posts;
      expect(post?.headers['idempotency-key']).toMatch(/^rapport-/);
      const body = post?.body ?? '';
      expect(body).toContain('Regular customer — please call him today.');
      expect(body).toContain('A-55812');
      expect(body).not.toContain('derek.holloway@example.com');
      expect(body).toContain('[email]');
      const payload: unknown = JSON.parse(body);
      expect(payload).toMatchObject({ escalation: { subject: 'Refund for order #A-55812 still missing' } });
      await panel.screenshot({ path: 'test-results/escalation-panel-record.png', fullPage: true });

      // The record belongs to the conversation: a fresh panel for the same tab shows it.
      const again = await openPanelPage(context, extensionId, await tabIdOf(serviceWorker, page));
      await expect(again.getByTestId('escalation-record')).toContainText('escalated just now');
    } finally {
      await receiver.close();
    }
  });

  test('a failing webhook is reported, nothing is lost, and Retry delivers it', async ({
    context,
    demo,
    extensionId,
    serviceWorker,
  }) => {
    test.setTimeout(90_000);
    const receiver = await startReceiver();
    receiver.status = 500;
    try {
      await configureWebhook(context, extensionId, receiver.url);
      const page = await openAngryRefund(context, demo.url);
      const panel = await openPanelPage(context, extensionId, await tabIdOf(serviceWorker, page));
      await panel.setViewportSize({ width: 400, height: 1000 });
      const card = panel.getByTestId('escalation-card');
      await expect(card).toHaveAttribute('data-recommend', 'true', { timeout: 30_000 });
      await card.getByTestId('escalate-button').click();

      const webhook = card.getByTestId('escalation-record').locator('[data-action="webhook"]');
      // The action retries with backoff (about 3.5 s) before it gives up.
      await expect(webhook).toHaveAttribute('data-ok', 'false', { timeout: 20_000 });
      await expect(webhook).toContainText('Could not deliver');
      await expect(webhook).toContainText('HTTP 500');
      const failedAttempts = receiver.posts.length;
      expect(failedAttempts).toBeGreaterThan(1);
      await panel.screenshot({ path: 'test-results/escalation-panel-failed.png', fullPage: true });

      receiver.status = 200;
      await card.getByTestId('escalation-retry').click();
      await expect(webhook).toHaveAttribute('data-ok', 'true', { timeout: 20_000 });
      await expect(webhook).toContainText('Sent to');
      await expect(card.getByTestId('escalation-retry')).toHaveCount(0);
      expect(receiver.posts).toHaveLength(failedAttempts + 1);
      // Every attempt and the retry carry one idempotency key, so a receiver can drop repeats.
      expect(new Set(receiver.posts.map((post) => post.headers['idempotency-key'])).size).toBe(1);
    } finally {
      await receiver.close();
    }
  });

  test('without configuration the button says what to set and opens the settings', async ({
    context,
    demo,
    extensionId,
    serviceWorker,
  }) => {
    const page = await openAngryRefund(context, demo.url);
    const panel = await openPanelPage(context, extensionId, await tabIdOf(serviceWorker, page));
    await panel.setViewportSize({ width: 400, height: 1000 });
    const button = panel.getByTestId('escalation-card').getByTestId('escalate-button');
    await expect(button).toHaveText('Set a team lead email or a webhook in Settings → Escalation.', {
      timeout: 30_000,
    });
    await panel.screenshot({ path: 'test-results/escalation-panel-missing.png', fullPage: true });
    const [options] = await Promise.all([context.waitForEvent('page'), button.click()]);
    await expect(options).toHaveURL(/options\.html#escalation=/);
    await expect(options.getByRole('heading', { name: 'Escalation', exact: true })).toBeVisible();
    await expect(options.getByTestId('team-lead-email')).toBeVisible();
    await options.setViewportSize({ width: 1000, height: 2400 });
    await options.locator('#escalation').screenshot({ path: 'test-results/escalation-options.png' });
  });

  test('a team lead’s auto-escalation runs once without a click, in German', async ({
    context,
    demo,
    extensionId,
    serviceWorker,
  }) => {
    const receiver = await startReceiver();
    try {
      const options = await context.newPage();
      await options.goto(`chrome-extension://${extensionId}/options.html`);
      await options.getByTestId('language-select').selectOption('de');
      await options.getByTestId('webhook-url').fill(receiver.url);
      await expect(options.getByTestId('auto-escalate')).not.toBeChecked();
      await options.getByTestId('auto-escalate').check();
      await options.getByTestId('save-escalation').click();
      await expect(options.getByText('Eskalations-Einstellungen gespeichert')).toBeVisible();

      const page = await openAngryRefund(context, demo.url);
      const panel = await openPanelPage(context, extensionId, await tabIdOf(serviceWorker, page));
      const card = panel.getByTestId('escalation-card');
      await expect(card.getByText('An die Teamleitung eskalieren')).toBeVisible({ timeout: 30_000 });
      await expect(card.getByTestId('escalation-reasons')).toContainText('Rückbuchung angedroht');
      const record = card.getByTestId('escalation-record');
      await expect(record).toContainText('gerade eskaliert');
      await expect(record.locator('[data-action="webhook"]')).toContainText('An 127.0.0.1');
      expect(receiver.posts).toHaveLength(1);
      expect(receiver.posts[0]?.body).toContain('Automatisch von Rapport eskaliert');

      // A second panel on the same conversation finds the record and does not escalate again.
      const again = await openPanelPage(context, extensionId, await tabIdOf(serviceWorker, page));
      await expect(again.getByTestId('escalation-record')).toContainText('gerade eskaliert');
      await again.waitForTimeout(1000);
      expect(receiver.posts).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });

  test('on Zendesk the ticket gets priority, merged tags and an internal note through the agent’s session', async ({
    context,
    extensionId,
    serviceWorker,
  }) => {
    const fixture = readFileSync(
      resolve(import.meta.dirname, '../fixtures/sites/zendesk/agent-workspace.html'),
      'utf8',
    );
    const token = 'csrf-token-from-session';
    const writes: { csrf: string | undefined; body: unknown }[] = [];
    await context.route('https://acme.zendesk.com/**', async (route) => {
      const request = route.request();
      const { pathname } = new URL(request.url());
      if (pathname === '/agent/tickets/123') {
        await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: fixture });
      } else if (pathname === '/api/v2/users/me.json') {
        await route.fulfill({ status: 200, json: { user: { id: 7, authenticity_token: token } } });
      } else if (pathname === '/api/v2/tickets/123.json' && request.method() === 'GET') {
        await route.fulfill({
          status: 200,
          json: {
            ticket: { id: 123, tags: ['refund', 'vip'], priority: 'normal', updated_at: '2025-02-14T08:00:00Z' },
          },
        });
      } else if (pathname === '/api/v2/tickets/123/comments.json' && request.method() === 'GET') {
        // "List Comments": no note of this escalation yet, so the retry check lets the note through.
        await route.fulfill({ status: 200, json: { comments: [], next_page: null, previous_page: null, count: 0 } });
      } else if (pathname === '/api/v2/tickets/123.json' && request.method() === 'PUT') {
        const csrf = request.headers()['x-csrf-token'];
        writes.push({ csrf, body: request.postDataJSON() });
        await route.fulfill(
          csrf === token
            ? { status: 200, json: { ticket: { id: 123 } } }
            : { status: 403, json: { error: 'invalid CSRF token' } },
        );
      } else {
        await route.fulfill({ status: 404, body: '' });
      }
    });

    const page = await context.newPage();
    await page.goto('https://acme.zendesk.com/agent/tickets/123');
    const panel = await openPanelPage(context, extensionId, await tabIdOf(serviceWorker, page));
    await panel.setViewportSize({ width: 400, height: 1000 });
    const card = panel.getByTestId('escalation-card');
    await expect(card).not.toHaveAttribute('data-recommend', 'unknown', { timeout: 30_000 });
    await expect(card.getByTestId('escalation-planned')).toContainText('Zendesk ticket (urgent, tags, internal note)');
    await card.getByTestId('escalate-button').click();

    const zendesk = card.getByTestId('escalation-record').locator('[data-action="zendesk"]');
    await expect(zendesk).toHaveAttribute('data-ok', 'true');
    await expect(zendesk).toContainText('Zendesk ticket #123 updated');
    await expect(zendesk).toContainText('tags added: rapport-escalated');
    await expect(zendesk).toContainText('internal note added');
    expect(writes).toHaveLength(1);
    const [write] = writes;
    expect(write?.csrf).toBe(token);
    expect(write?.body).toMatchObject({
      ticket: {
        priority: 'urgent',
        tags: ['refund', 'vip', 'rapport-escalated'],
        safe_update: true,
        updated_stamp: '2025-02-14T08:00:00Z',
        comment: { public: false },
      },
    });
    expect(JSON.stringify(write?.body)).toContain('Rückerstattung fehlt');
    // The reference a retry looks for before posting the note again (issue 20).
    expect(JSON.stringify(write?.body)).toMatch(/Rapport ref: R-[0-9a-f]{12}/);
    await panel.screenshot({ path: 'test-results/escalation-panel-zendesk.png', fullPage: true });
  });
});
