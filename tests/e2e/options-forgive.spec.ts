import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * Issue 22 item 6, options that forgive: an error stands next to its field (and is its accessible description) in the
 * agent's language, a broken template pack is explained in plain words, and unsaved edits are marked and asked about
 * before a reload throws them away.
 */

async function openOptions(context: BrowserContext, extensionId: string): Promise<Page> {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  // The escalation section is the last of the first screen's sections; on a busy machine the page takes a while.
  await expect(options.getByTestId('webhook-url')).toBeVisible({ timeout: 60_000 });
  return options;
}

test('a bad webhook URL is explained next to its field, in English and German, and unsaved edits ask first', async ({
  context,
  extensionId,
}) => {
  // Two loads of the settings page (one after a reload) on a shared, busy machine.
  test.setTimeout(180_000);
  const options = await openOptions(context, extensionId);
  const url = options.getByTestId('webhook-url');
  // A click first: Chrome asks before unloading only a page the user has interacted with.
  await url.click();
  await url.fill('http://hooks.example.com/rapport');
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await expect(url).toHaveAccessibleDescription('Use an https:// URL (http only for localhost).');
  const error = options.locator('label.field', { has: url }).locator('.field-error');
  await expect(error).toHaveText('Use an https:// URL (http only for localhost).');
  // Next to the field: right under the input, not at the top of the page or by the Save button.
  const fieldBox = await url.boundingBox();
  const errorBox = await error.boundingBox();
  if (!fieldBox || !errorBox) throw new Error('field or error not laid out');
  expect(errorBox.y - (fieldBox.y + fieldBox.height)).toBeGreaterThanOrEqual(0);
  expect(errorBox.y - (fieldBox.y + fieldBox.height)).toBeLessThan(24);

  const escalation = options.locator('#escalation');
  await expect(escalation.getByTestId('unsaved')).toHaveText('Unsaved changes');

  // Reloading with unsaved edits asks first; going ahead discards them.
  const asked = options.waitForEvent('dialog');
  const reload = options.reload();
  const dialog = await asked;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.accept();
  await reload;
  await expect(url).toBeVisible({ timeout: 30_000 });
  await expect(url).toHaveValue('');
  await expect(escalation.getByTestId('unsaved')).toHaveCount(0);

  // The same message in German, still beside its field.
  await options.getByTestId('language-select').selectOption('de');
  await url.click();
  await url.fill('http://hooks.example.com/rapport');
  await expect(url).toHaveAccessibleDescription('Eine https://-URL verwenden (http nur für localhost).');
  await expect(error).toHaveText('Eine https://-URL verwenden (http nur für localhost).');
  await expect(escalation.getByTestId('unsaved')).toHaveText('Ungespeicherte Änderungen');

  // Fixed and saved: no error, no marker, and a reload no longer asks. (A local receiver: a host the test build
  // declares, so saving asks for no extra permission.)
  await url.fill('http://localhost:9/rapport');
  await expect(url).toHaveAttribute('aria-invalid', 'false');
  await expect(error).toHaveCount(0);
  await options.getByTestId('save-escalation').click();
  await expect(options.getByText('Eskalations-Einstellungen gespeichert')).toBeVisible();
  await expect(escalation.getByTestId('unsaved')).toHaveCount(0);
  let askedAgain = false;
  options.on('dialog', (next) => {
    askedAgain = true;
    void next.accept();
  });
  await options.reload();
  await expect(url).toHaveValue('http://localhost:9/rapport', { timeout: 30_000 });
  expect(askedAgain).toBe(false);
});

test('a broken template pack is explained in plain words, entry by entry', async ({ context, extensionId }) => {
  const options = await openOptions(context, extensionId);
  await expect(options.getByTestId('library-row').first()).toBeVisible();

  // Not a pack at all.
  await options.getByTestId('import-file').setInputFiles({
    name: 'notes.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{ this is not json'),
  });
  await expect(options.getByTestId('template-library')).toContainText(
    'This file cannot be imported: The pack is not valid JSON.',
  );

  const pack = {
    format: 'rapport-template-pack',
    version: 1,
    name: 'Broken team pack',
    templates: [
      { id: 'no-title', body: 'Hello {{customer.firstName}}', language: 'en', intents: ['refund'], tone: 'neutral' },
      { id: 'ok', title: 'Thanks', body: 'Thanks for waiting.', language: 'en', intents: ['refund'], tone: 'neutral' },
      { id: 'no-text', title: 'Empty', body: '', language: 'en', intents: ['refund'], tone: 'neutral' },
    ],
  };
  await options.getByTestId('import-file').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(pack)),
  });
  const dialog = options.getByTestId('import-dialog');
  await expect(dialog).toContainText('1 template can be imported; 2 entries are refused.');
  const refused = dialog.getByTestId('import-invalid').locator('li');
  await expect(refused).toHaveText(['Template 1: The title is missing.', 'Template 3 “Empty”: The text is missing.']);
  await expect(dialog).not.toContainText('Invalid input');
});

/** Reloads `page`, expecting the browser's "Leave site?" prompt first, and goes ahead. */
async function reloadPastPrompt(page: Page): Promise<void> {
  const asked = page.waitForEvent('dialog');
  const reload = page.reload();
  const dialog = await asked;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.accept();
  await reload;
}

/** Counts the "Leave site?" prompts `page` shows from now on, accepting each. */
function countPrompts(page: Page): () => number {
  let prompts = 0;
  page.on('dialog', (dialog) => {
    prompts++;
    void dialog.accept();
  });
  return () => prompts;
}

test('a template being written is marked unsaved and asked about before a reload', async ({ context, extensionId }) => {
  test.setTimeout(180_000);
  const options = await openOptions(context, extensionId);
  const library = options.getByTestId('template-library');
  await library.getByRole('button', { name: 'New template' }).click();
  const editor = options.getByTestId('template-editor');
  await expect(editor.getByTestId('unsaved')).toHaveCount(0);

  const title = editor.getByLabel('Title');
  // A click first: Chrome asks before unloading only a page the user has interacted with.
  await title.click();
  await title.fill('Voucher apology');
  await editor.getByLabel('Text').fill('Sorry for the wait, {{customer.firstName}}.');
  await expect(editor.getByTestId('unsaved')).toHaveText('Unsaved changes');
  // Beside the form's Save button.
  await expect(editor.locator('.tpl-actions', { has: options.getByTestId('unsaved') })).toContainText('Save');

  await reloadPastPrompt(options);
  await expect(options.getByTestId('webhook-url')).toBeVisible({ timeout: 60_000 });
  await expect(options.getByTestId('template-editor')).toHaveCount(0);

  // Written again and saved: the editor closes and a reload no longer asks.
  await library.getByRole('button', { name: 'New template' }).click();
  await editor.getByLabel('Title').click();
  await editor.getByLabel('Title').fill('Voucher apology');
  await editor.getByRole('checkbox').first().check();
  await editor.getByLabel('Text').fill('Sorry for the wait, {{customer.firstName}}.');
  await expect(editor.getByTestId('unsaved')).toBeVisible();
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor).toBeHidden();
  const prompts = countPrompts(options);
  await options.reload();
  await expect(options.getByTestId('webhook-url')).toBeVisible({ timeout: 60_000 });
  await options.getByRole('searchbox', { name: 'Search' }).fill('Voucher apology');
  await expect(options.getByTestId('library-row')).toContainText('Voucher apology');
  expect(prompts()).toBe(0);
});

test('reply settings keep typed text through other changes, mark it unsaved and ask before a reload', async ({
  context,
  extensionId,
}) => {
  test.setTimeout(180_000);
  const options = await openOptions(context, extensionId);
  const section = options.getByTestId('reply-settings');
  const voice = section.getByLabel('Brand voice');
  await voice.click();
  await voice.fill('Warm and brief; no exclamation marks.');
  await expect(section.getByTestId('unsaved')).toHaveText('Unsaved changes');

  // Another reply setting saves at once and the stored settings reload; the text typed above stays.
  await section.getByTestId('reply-engine').selectOption('templates');
  await expect(section.getByTestId('reply-engine')).toHaveValue('templates');
  await expect(voice).toHaveValue('Warm and brief; no exclamation marks.');
  await expect(section.getByTestId('unsaved')).toBeVisible();

  await reloadPastPrompt(options);
  await expect(voice).toBeVisible({ timeout: 60_000 });
  await expect(voice).toHaveValue('');
  await expect(section.getByTestId('reply-engine')).toHaveValue('templates');
  await expect(section.getByTestId('unsaved')).toHaveCount(0);

  // Saved: no marker, a reload keeps the text and does not ask.
  await voice.click();
  await voice.fill('Warm and brief; no exclamation marks.');
  await section.getByTestId('save-replies').click();
  await expect(section.getByTestId('unsaved')).toHaveCount(0);
  const prompts = countPrompts(options);
  await options.reload();
  await expect(voice).toHaveValue('Warm and brief; no exclamation marks.', { timeout: 60_000 });
  expect(prompts()).toBe(0);
});

test('the agent’s name being typed survives switching the language, and is saved with its addresses', async ({
  context,
  extensionId,
  serviceWorker,
}) => {
  const options = await openOptions(context, extensionId);
  const agent = options.locator('section[aria-labelledby="agent"]');
  const name = agent.getByRole('textbox').first();
  await name.fill('Mara Schulz');
  await expect(agent.getByTestId('unsaved')).toBeVisible();

  // Another setting saved meanwhile: the language. The page switches to German; the typed name stays.
  await options.getByTestId('language-select').selectOption('de');
  await expect(options.getByRole('heading', { level: 1 })).toHaveText('Rapport-Einstellungen');
  await expect(name).toHaveValue('Mara Schulz');
  await expect(agent.getByTestId('unsaved')).toBeVisible();

  await agent.getByRole('button', { name: 'Speichern' }).click();
  await expect(agent.getByTestId('unsaved')).toHaveCount(0);
  await expect
    .poll(() =>
      serviceWorker.evaluate(async () => {
        const { settings } = await chrome.storage.local.get('settings');
        return (settings as { agent?: { name?: string } } | undefined)?.agent?.name;
      }),
    )
    .toBe('Mara Schulz');
});
