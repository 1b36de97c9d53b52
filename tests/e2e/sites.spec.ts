import { badgeState, expect, openPanelPage, tabIdOf, test } from './fixtures';
import {
  expectPanelShows,
  fieldText,
  insertFromPanel,
  loadFixture,
  replyText,
  serveOn,
  setAgent,
  watchPageErrors,
} from './sites-helpers';

/**
 * Issue 3 in real Chromium: saved pages of every site are served on the site's real address, so the content script's
 * real match patterns and adapter selection run; the panel must list what was read with the right roles, and Insert
 * must put multi-line text into that site's reply box.
 */

interface SiteCase {
  name: string;
  site: string;
  variant: string;
  /** The address the page is served on (the real site's URL shape). */
  url: string;
  /** The reply box Insert must fill; absent where this fixture only checks reading. */
  replyBox?: string;
  /** A stand-in for the site's own script: opens the reply editor when Reply is clicked (saved pages have no JS). */
  pageScript?: string;
  /** Quoted history already in the box that must stay below the inserted reply. */
  keepsBelow?: string;
}

const freshdeskOpensEditor = `<script>
  document.querySelector('[data-test-id="ticket-reply"]').addEventListener('click', () => {
    setTimeout(() => {
      const wrap = document.createElement('div');
      wrap.setAttribute('data-test-id', 'reply-editor');
      wrap.innerHTML = '<div class="fr-element fr-view" contenteditable="true"><p><br></p></div>';
      document.querySelector('.reply-actions').after(wrap);
    }, 120);
  });
</script>`;

const cases: SiteCase[] = [
  {
    name: 'Gmail, conversation view on',
    site: 'gmail',
    variant: 'conversation-view-on',
    url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQZTMbKqvVlXwzJbhFdBsRqPkTs',
  },
  {
    name: 'Gmail, 120-message thread with the in-thread reply open',
    site: 'gmail',
    variant: 'long-thread',
    url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQZTMbLongThreadFixture120',
    replyBox: 'div[role="textbox"][aria-label="Message Body"]',
  },
  {
    name: 'Gmail, pop-out compose (German UI)',
    site: 'gmail',
    variant: 'popout-compose',
    url: 'https://mail.google.com/mail/u/0/#label/Reklamationen/FMfcgzQXJWDsKmZlRtRkVbNmLxCnTpHq',
    replyBox: 'div[role="textbox"][aria-label="Nachrichtentext"]',
    keepsBelow: 'schrieb Yusuf Demir',
  },
  {
    name: 'Zendesk Agent Workspace (CKEditor reply)',
    site: 'zendesk',
    variant: 'agent-workspace',
    url: 'https://acme.zendesk.com/agent/tickets/48233',
    replyBox: '[data-test-id="omnicomposer-rich-text-ckeditor"]',
  },
  {
    name: 'Zendesk, right-to-left ticket (plain-text reply)',
    site: 'zendesk',
    variant: 'agent-workspace-rtl',
    url: 'https://acme.zendesk.com/agent/tickets/50912',
    replyBox: 'textarea[data-test-id="omnicomposer-plain-text"]',
  },
  {
    name: 'Outlook, reading pane conversation',
    site: 'outlook',
    variant: 'reading-pane-conversation',
    url: 'https://outlook.office.com/mail/inbox/id/AAQkADAwATM0MDAAMS1hNGY3LWRiNWEtMDACLTAwCgAQAKq1',
  },
  {
    name: 'Outlook, inline reply compose',
    site: 'outlook',
    variant: 'compose-reply',
    url: 'https://outlook.office.com/mail/inbox/id/AAQkADAwATM0MDAAMS1hNGY3LWRiNWEtMDACLTAwCgAQAP01',
    replyBox: 'div[role="textbox"][aria-label="Message body"]',
  },
  {
    name: 'Freshdesk ticket view (Reply opens the editor first)',
    site: 'freshdesk',
    variant: 'ticket-view',
    url: 'https://acme.freshdesk.com/a/tickets/7781',
    replyBox: '[data-test-id="reply-editor"] .fr-element',
    pageScript: freshdeskOpensEditor,
  },
];

test.describe('reading and inserting on each site', () => {
  for (const item of cases) {
    test(`${item.name}: the panel shows what was read, with roles${item.replyBox ? ', and Insert fills the reply box' : ''}`, async ({
      context,
      extensionId,
      serviceWorker,
    }) => {
      const fixture = loadFixture(item.site, item.variant);
      const conversation = fixture.expected.conversation;
      if (!conversation) throw new Error(`${item.site}/${item.variant} has no expected conversation`);
      await setAgent(serviceWorker, fixture.expected.context.agent);
      await serveOn(context, new URL(item.url).origin, fixture.html + (item.pageScript ?? ''));
      const page = await context.newPage();
      const errors = watchPageErrors(page);
      await page.goto(item.url);
      const tabId = await tabIdOf(serviceWorker, page);
      const panel = await openPanelPage(context, extensionId, tabId);
      await expect(panel.getByRole('heading', { level: 2, name: conversation.subject })).toBeVisible();
      await expectPanelShows(panel, conversation);

      if (item.replyBox) {
        const answer = await insertFromPanel(panel, tabId, replyText);
        expect(answer).toEqual({ ok: true, value: { ok: true, target: 'reply-box' } });
        const box = item.replyBox;
        if (item.keepsBelow) {
          // The reply goes where the site puts the caret: on top, with the quoted mail kept below it.
          await expect.poll(async () => (await fieldText(page, box)).slice(0, replyText.length)).toBe(replyText);
          expect((await fieldText(page, box)).indexOf(item.keepsBelow)).toBeGreaterThan(replyText.length);
        } else {
          await expect.poll(() => fieldText(page, box)).toBe(replyText);
        }
        // Nothing is sent for the agent: the conversation is unchanged.
        await expect(panel.getByTestId('read-message')).toHaveCount(conversation.messages.length);
      }
      expect(errors).toEqual([]);
    });
  }

  test('Insert is one undoable edit at the caret in the Zendesk editor', async ({
    context,
    extensionId,
    serviceWorker,
  }) => {
    const fixture = loadFixture('zendesk', 'agent-workspace');
    await serveOn(context, 'https://acme.zendesk.com', fixture.html);
    const page = await context.newPage();
    await page.goto('https://acme.zendesk.com/agent/tickets/48233');
    const box = page.locator('[data-test-id="omnicomposer-rich-text-ckeditor"]');
    await box.click();
    await page.keyboard.type('Vorab: ');
    const tabId = await tabIdOf(serviceWorker, page);
    const panel = await openPanelPage(context, extensionId, tabId);
    await expect(panel.getByTestId('read-message').first()).toBeVisible();
    expect(await insertFromPanel(panel, tabId, 'Zeile eins\nZeile zwei')).toEqual({
      ok: true,
      value: { ok: true, target: 'reply-box' },
    });
    const boxText = async () => (await fieldText(page, '[data-test-id="omnicomposer-rich-text-ckeditor"]')).trim();
    await expect.poll(boxText).toBe('Vorab: Zeile eins\nZeile zwei');
    await page.bringToFront();
    await box.focus();
    await page.keyboard.press('Control+z');
    // One Ctrl+Z takes the whole insert back and leaves what the agent typed.
    await expect.poll(boxText).toBe('Vorab:');
  });

  test("the panel's own Insert button puts a suggested reply into the Zendesk editor with its line breaks", async ({
    context,
    extensionId,
    serviceWorker,
  }) => {
    const fixture = loadFixture('zendesk', 'agent-workspace');
    await serveOn(context, 'https://acme.zendesk.com', fixture.html);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await page.goto('https://acme.zendesk.com/agent/tickets/48233');
    const panel = await openPanelPage(context, extensionId, await tabIdOf(serviceWorker, page));
    await expect(panel.getByTestId('read-message')).toHaveCount(fixture.expected.conversation?.messages.length ?? -1);
    await panel.getByRole('button', { name: 'Insert', exact: true }).first().click();
    // A template with a value the page does not show (an order number) asks for it first: nothing goes in with a gap.
    const missing = panel.getByText(/^Missing values for/);
    if (
      await missing.waitFor({ timeout: 1500 }).then(
        () => true,
        () => false,
      )
    ) {
      const form = missing.locator('..');
      for (const input of await form.getByRole('textbox').all()) await input.fill('10023456');
      await form.getByRole('button', { name: 'Insert', exact: true }).click();
    }
    const box = '[data-test-id="omnicomposer-rich-text-ckeditor"]';
    // The suggestion is addressed to this ticket's customer, and its paragraphs arrive as lines, not one run of text.
    await expect.poll(() => fieldText(page, box)).toMatch(/^(Guten Tag|Hallo) Jonas/);
    expect((await fieldText(page, box)).split('\n').length).toBeGreaterThan(2);
    expect(await page.locator(box).locator('script, img, a').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  test('with no reply box anywhere, Insert says what to do instead of guessing', async ({
    context,
    extensionId,
    serviceWorker,
  }) => {
    const fixture = loadFixture('outlook', 'reading-pane-live');
    await serveOn(context, 'https://outlook.live.com', fixture.html);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await page.goto(fixture.expected.context.url);
    const tabId = await tabIdOf(serviceWorker, page);
    const panel = await openPanelPage(context, extensionId, tabId);
    await expect(panel.getByTestId('read-message')).toHaveCount(1);
    const answer = await insertFromPanel(panel, tabId, replyText);
    expect(answer.ok).toBe(true);
    expect(answer.value?.ok).toBe(false);
    expect(answer.value?.reason).toMatch(/Outlook/);
    expect(errors).toEqual([]);
  });
});

test.describe('when reading fails', () => {
  for (const [site, label, url] of [
    ['zendesk', 'Zendesk', 'https://acme.zendesk.com/agent/tickets/48233'],
    ['freshdesk', 'Freshdesk', 'https://acme.freshdesk.com/a/tickets/7781'],
  ] as const) {
    test(`a layout ${label} no longer has shows "can't read … (missing: …)" with the way out, and no page errors`, async ({
      context,
      extensionId,
      serviceWorker,
    }) => {
      const fixture = loadFixture(site, 'malformed');
      await serveOn(context, new URL(url).origin, fixture.html);
      const page = await context.newPage();
      const errors = watchPageErrors(page);
      await page.goto(url);
      const panel = await openPanelPage(context, extensionId, await tabIdOf(serviceWorker, page));
      const state = panel.getByTestId('read-state');
      await expect(state).toHaveAttribute('data-code', 'adapter/anchor-missing');
      await expect(state).toContainText(`Can't read this conversation on ${label} (missing:`);
      await expect(state.getByRole('button', { name: 'Pick the conversation area' })).toBeVisible();
      await expect(state.getByRole('button', { name: 'Use the selected text' })).toBeVisible();
      await expect(panel.getByTestId('read-message')).toHaveCount(0);
      // The badge still appears on a known site, so the agent can reach the panel to recover.
      await expect.poll(() => badgeState(page)).not.toBeNull();
      expect(errors).toEqual([]);
    });
  }

  test('truncated saved pages of every site never throw into the host page', async ({ context }) => {
    const pages = [
      ['gmail', 'truncated', 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQZTMbKqvVlXwzJbhFdBsRqPkTs'],
      [
        'outlook',
        'truncated',
        'https://outlook.office.com/mail/inbox/id/AAQkADAwATM0MDAAMS1hNGY3LWRiNWEtMDACLTAwCgAQAP01',
      ],
      ['gmail', 'inbox', 'https://mail.google.com/mail/u/0/#inbox'],
      ['zendesk', 'views-list', 'https://acme.zendesk.com/agent/filters/360001'],
      ['freshdesk', 'tickets-list', 'https://acme.freshdesk.com/a/tickets/filters/all_tickets'],
      ['outlook', 'empty-reading-pane', 'https://outlook.office.com/mail/inbox'],
    ] as const;
    for (const [site, variant, url] of pages) {
      await context.unrouteAll();
      await serveOn(context, new URL(url).origin, loadFixture(site, variant).html);
      const page = await context.newPage();
      const errors = watchPageErrors(page);
      await page.goto(url);
      // Let the content script read, observe and report.
      await page.waitForTimeout(400);
      expect(errors, `${site}/${variant}`).toEqual([]);
      await page.close();
    }
  });
});

test.describe('any other helpdesk or webmail (generic adapter)', () => {
  const generic = [
    [
      'Zammad-like (article blocks, contenteditable reply)',
      'zammad-like',
      '/zammad/#ticket/zoom/31044',
      '[contenteditable="true"][data-name="body"]',
    ],
    [
      'Request Tracker-like (transaction history, textarea)',
      'request-tracker-like',
      '/rt/Ticket/Display.html?id=5521',
      '#UpdateContent',
    ],
    ['Znuny/OTRS-like (article table)', 'znuny-table', '/otrs/index.pl?Action=AgentTicketZoom;TicketID=8812', null],
    [
      'Roundcube-like (single message view)',
      'roundcube-message',
      '/roundcube/?_task=mail&_uid=4411&_action=show',
      null,
    ],
    [
      'Help Scout-like (thread items, reply bar)',
      'helpscout-like',
      '/helpscout/conversation/2291001001/8840',
      'textarea[name="reply-body"]',
    ],
  ] as const;

  for (const [name, variant, path, replyBox] of generic) {
    test(`${name}: read by structure${replyBox ? ', Insert into its reply field' : ''}`, async ({
      context,
      extensionId,
      serviceWorker,
    }) => {
      const fixture = loadFixture('generic', variant);
      const conversation = fixture.expected.conversation;
      if (!conversation) throw new Error(`generic/${variant} has no expected conversation`);
      await setAgent(serviceWorker, fixture.expected.context.agent);
      const origin = 'http://localhost:4791';
      await serveOn(context, origin, fixture.html);
      const page = await context.newPage();
      const errors = watchPageErrors(page);
      await page.goto(origin + path);
      const tabId = await tabIdOf(serviceWorker, page);
      const panel = await openPanelPage(context, extensionId, tabId);
      await expectPanelShows(panel, conversation);
      if (replyBox) {
        // On an unknown page the agent's focused field wins; without one, the page's likeliest reply field.
        expect(await insertFromPanel(panel, tabId, replyText)).toMatchObject({ ok: true, value: { ok: true } });
        await expect.poll(() => fieldText(page, replyBox)).toBe(replyText);
      }
      expect(errors).toEqual([]);
    });
  }
});
