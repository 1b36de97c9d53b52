import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import type { Conversation, Role } from '../../lib/sites/types';
import { expect } from './fixtures';

const FIXTURES = resolve(import.meta.dirname, '..', 'fixtures', 'sites');

/** A saved-page fixture and the conversation (or error) its adapter must produce. */
export interface SiteFixture {
  html: string;
  expected: {
    context: { url: string; agent: { names: string[]; emails: string[] }; pickedSelector?: string };
    conversation?: Conversation;
    error?: { code: string; message: string };
  };
}

export function loadFixture(site: string, variant: string): SiteFixture {
  const base = resolve(FIXTURES, site, variant);
  return {
    html: readFileSync(`${base}.html`, 'utf8'),
    expected: JSON.parse(readFileSync(`${base}.expected.json`, 'utf8')) as SiteFixture['expected'],
  };
}

/**
 * Serves `html` as the document at every URL under `origin` (the real site's address, so the content script's real
 * match patterns apply); sub-resources the saved page names get an empty 404, never the network.
 */
export async function serveOn(context: BrowserContext, origin: string, html: string): Promise<void> {
  await context.route(`${origin}/**`, (route) =>
    route.request().resourceType() === 'document'
      ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html })
      : route.fulfill({ status: 404, body: '' }),
  );
}

/** Stores the agent's own names and addresses (Settings → agent), as the options page does. */
export async function setAgent(worker: Worker, agent: { names: string[]; emails: string[] }): Promise<void> {
  await worker.evaluate(
    (value) =>
      chrome.storage.local.set({ settings: { agent: { name: '', names: value.names, emails: value.emails } } }),
    agent,
  );
}

/** Collects errors thrown into the host page and console errors that name us, for "never throws into the page". */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /rapport/i.test(message.text())) errors.push(message.text());
  });
  return errors;
}

export interface ReadMessage {
  author: string;
  role: string;
  text: string | null;
}

/** What the panel's "What Rapport read" list shows: author, selected role and the message text per message. */
export function readMessagesIn(panel: Page): Promise<ReadMessage[]> {
  return panel.getByTestId('read-message').evaluateAll((items) =>
    items.map((item) => ({
      author: item.querySelector('.author')?.textContent ?? '',
      role: item.querySelector('select')?.value ?? '',
      text: item.querySelector('.message-text')?.textContent ?? null,
    })),
  );
}

/** Waits until the panel lists exactly the expected conversation: same count, authors, roles, and message texts. */
export async function expectPanelShows(panel: Page, conversation: Conversation): Promise<ReadMessage[]> {
  await expect(panel.getByTestId('read-message')).toHaveCount(conversation.messages.length);
  const shown = await readMessagesIn(panel);
  const roles: Role[] = conversation.messages.map((message) => message.role);
  expect(shown.map((message) => message.role)).toEqual(roles);
  expect(shown.map((message) => message.author)).toEqual(
    conversation.messages.map((message) => message.author.name || message.author.email || '—'),
  );
  conversation.messages.forEach((message, index) => {
    if (message.bodyLoaded && message.text) expect(shown[index]?.text).toBe(message.text);
  });
  return shown;
}

/** Sends `insertText` from the panel page exactly as the panel's Insert action does (the typed protocol envelope). */
export function insertFromPanel(
  panel: Page,
  tabId: number,
  text: string,
): Promise<{ ok: boolean; value?: { ok: boolean; target?: string; reason?: string }; error?: { code: string } }> {
  return panel.evaluate(
    ({ tabId: id, text: value }) =>
      chrome.runtime.sendMessage({ rapport: 1, type: 'insertText', payload: { tabId: id, text: value } }),
    { tabId, text },
  );
}

/** The reply text used for Insert: several lines, a blank line, umlauts and an emoji. */
export const replyText = 'Hallo Jonas,\n\ndanke für Ihre Geduld – die Erstattung ist unterwegs. 🙂\nViele Grüße';

/** The text of an editable field as the agent sees it (textarea value, or a contenteditable's rendered lines). */
export function fieldText(page: Page, selector: string): Promise<string> {
  return page.locator(selector).evaluate((field) =>
    field instanceof HTMLTextAreaElement
      ? field.value
      : // biome-ignore lint/performance/useDomNodeTextContent: the rendered lines (<br>, blocks) are what is checked
        (field as HTMLElement).innerText.replace(/\n$/, ''),
  );
}
