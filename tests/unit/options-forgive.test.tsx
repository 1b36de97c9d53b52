// Issue 22 item 6, "options that forgive": on the settings page an error stands next to its field and is tied to it
// for screen readers, a refused template pack entry is explained in plain words in the agent's language, and a form
// with unsaved edits says so and asks before the page is left. Real React roots on happy-dom, WXT's fake browser
// storage and fake-indexeddb; nothing under test is replaced.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EscalationSettings } from '../../components/EscalationSettings';
import { I18nProvider } from '../../components/I18nProvider';
import { TemplateEditor } from '../../components/TemplateEditor';
import { TemplateImportDialog } from '../../components/TemplateImportDialog';
import { parsePack, planImport } from '../../lib/replies/templates/pack-file';
import { getSettings, type UiLanguage } from '../../lib/settings';

let root: Root | undefined;
let container: HTMLElement;

function render(language: UiLanguage, node: ReactNode) {
  container = document.createElement('div');
  document.body.append(container);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  root = createRoot(container);
  root.render(
    <QueryClientProvider client={client}>
      <I18nProvider setting={language}>{node}</I18nProvider>
    </QueryClientProvider>,
  );
}

function byTestId<E extends HTMLElement>(testId: string, type: new () => E): E {
  const found = container.querySelector(`[data-testid="${testId}"]`);
  if (!(found instanceof type)) throw new Error(`no ${testId}`);
  return found;
}

/** Types into a controlled input the way React notices: the native setter, then an input event. */
function type(input: HTMLInputElement, value: string) {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Whether leaving the page now would ask first: a `beforeunload` listener cancels the event. */
function leavingAsks(): boolean {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

/** The text of the elements an input's `aria-describedby` names. */
function description(input: HTMLElement): string {
  const ids = input.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

afterEach(async () => {
  root?.unmount();
  container.remove();
  // React runs an unmounted form's effect clean-ups (its `beforeunload` listener) a moment later, not inside unmount;
  // on a busy machine that moment can be long, and the next test must start with no form asking.
  await vi.waitFor(() => expect(leavingAsks()).toBe(false));
});

describe('escalation settings: errors at their field, unsaved edits', () => {
  it('puts a bad webhook URL’s message next to the field and tells assistive tech, in English', async () => {
    render('en', <EscalationSettings />);
    const url = await vi.waitFor(() => byTestId('webhook-url', HTMLInputElement));
    expect(url.getAttribute('aria-invalid')).toBe('false');
    expect(url.hasAttribute('aria-describedby')).toBe(false);

    type(url, 'http://hooks.example.com/x');
    await vi.waitFor(() => expect(url.getAttribute('aria-invalid')).toBe('true'));
    expect(description(url)).toBe('Use an https:// URL (http only for localhost).');
    // Next to its field: the message is inside the field's own label, not at the top or bottom of the form.
    const error = document.getElementById(url.getAttribute('aria-describedby') ?? '');
    expect(error?.closest('label')).toBe(url.closest('label'));

    // Fixed: the message goes and the field is valid again.
    type(url, 'https://hooks.example.com/x');
    await vi.waitFor(() => expect(url.getAttribute('aria-invalid')).toBe('false'));
    expect(url.hasAttribute('aria-describedby')).toBe(false);
  });

  it('words the same error in German', async () => {
    render('de', <EscalationSettings />);
    const email = await vi.waitFor(() => byTestId('team-lead-email', HTMLInputElement));
    type(email, 'not an address');
    await vi.waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    expect(description(email)).toBe('Keine gültige E-Mail-Adresse.');
    const url = byTestId('webhook-url', HTMLInputElement);
    type(url, 'ftp://hooks.example.com/x');
    await vi.waitFor(() => expect(description(url)).toBe('Eine https://-URL verwenden (http nur für localhost).'));
  });

  it('marks unsaved edits beside Save and asks before leaving until they are saved', async () => {
    render('en', <EscalationSettings />);
    const email = await vi.waitFor(() => byTestId('team-lead-email', HTMLInputElement));
    expect(container.querySelector('[data-testid="unsaved"]')).toBeNull();
    expect(leavingAsks()).toBe(false);

    type(email, 'lead@shop.example');
    const marker = await vi.waitFor(() => byTestId('unsaved', HTMLElement));
    expect(marker.textContent).toBe('Unsaved changes');
    // Beside Save: in the same row of actions.
    expect(marker.parentElement).toBe(byTestId('save-escalation', HTMLButtonElement).parentElement);
    expect(leavingAsks()).toBe(true);

    // Save waits for the stored secrets (the form shows before them), so it never writes empty ones over them.
    await vi.waitFor(() => expect(byTestId('save-escalation', HTMLButtonElement).disabled).toBe(false));
    byTestId('save-escalation', HTMLButtonElement).click();
    await vi.waitFor(async () => expect((await getSettings()).escalation.teamLeadEmail).toBe('lead@shop.example'));
    await vi.waitFor(() => expect(container.querySelector('[data-testid="unsaved"]')).toBeNull());
    expect(leavingAsks()).toBe(false);
  });
});

const brokenPack = {
  format: 'rapport-template-pack',
  version: 1,
  name: 'Broken team pack',
  templates: [
    { id: 'no-title', body: 'Hello {{customer.firstName}}', language: 'en', intents: ['refund'], tone: 'neutral' },
    { id: 'fine', title: 'Fine', body: 'Thanks for waiting.', language: 'en', intents: ['refund'], tone: 'neutral' },
    { id: 'fine', title: 'Again', body: 'Thanks again.', language: 'en', intents: ['refund'], tone: 'neutral' },
    { id: 'bad-ph', title: 'Bad', body: 'Hi {{first name}}', language: 'en', intents: ['refund'], tone: 'neutral' },
  ],
};

describe('template pack import: refused entries in plain words', () => {
  it('names each problem by field and kind instead of validator text', () => {
    const parsed = parsePack(JSON.stringify(brokenPack));
    expect(parsed.valid.map((entry) => entry.template.id)).toEqual(['fine']);
    expect(parsed.invalid.map((entry) => entry.problems)).toEqual([
      [{ kind: 'missing', field: 'title' }],
      [{ kind: 'duplicate-id', of: 1 }],
      [{ kind: 'placeholders', field: 'body', placeholders: ['{{first name}}'] }],
    ]);
  });

  it.each([
    [
      'en',
      '1 template can be imported; 3 entries are refused.',
      [
        'Template 1: The title is missing.',
        'Template 3 “Again”: It has the same id as template 2.',
        'Template 4 “Bad”: The placeholder {{first name}} is not written as {{name}} or {{name | "fallback"}}.',
      ],
    ],
    [
      'de',
      '1 Vorlage kann importiert werden; 3 Einträge werden abgelehnt.',
      [
        'Vorlage 1: Der Titel fehlt.',
        'Vorlage 3 “Again”: Sie hat dieselbe ID wie Vorlage 2.',
        'Vorlage 4 “Bad”: Der Platzhalter {{first name}} ist nicht als {{name}} oder {{name | "Ersatz"}} geschrieben.',
      ],
    ],
  ] as const)('shows the review in %s with correct plurals', async (language, summary, lines) => {
    const plan = await planImport(JSON.stringify(brokenPack));
    render(language, <TemplateImportDialog plan={plan} onDone={() => undefined} />);
    const list = await vi.waitFor(() => byTestId('import-invalid', HTMLUListElement));
    expect([...list.querySelectorAll('li')].map((item) => item.textContent)).toEqual(lines);
    expect(byTestId('import-dialog', HTMLElement).textContent).toContain(summary);
    expect(list.textContent).not.toMatch(/Invalid input|expected string/);
  });
});

describe('template editor: errors under their fields', () => {
  it.each([
    ['en', 'The title is missing.', 'The intent is missing.', 'The text is missing.'],
    ['de', 'Der Titel fehlt.', 'Das Anliegen fehlt.', 'Der Text fehlt.'],
  ] as const)(
    'refuses an empty template field by field in %s, nothing saved',
    async (language, title, intents, body) => {
      const onDone = vi.fn();
      render(language, <TemplateEditor template={null} onDone={onDone} />);
      const form = await vi.waitFor(() => byTestId('template-editor', HTMLFormElement));
      form.requestSubmit();
      const titleInput = await vi.waitFor(() => {
        const input = form.querySelector<HTMLInputElement>('input[type="text"][aria-invalid="true"]');
        if (!input) throw new Error('title not marked yet');
        return input;
      });
      expect(description(titleInput)).toBe(title);
      const intentsSet = form.querySelector('fieldset.tpl-intents');
      if (!(intentsSet instanceof HTMLFieldSetElement)) throw new Error('no intents');
      expect(intentsSet.getAttribute('aria-invalid')).toBe('true');
      expect(description(intentsSet)).toBe(intents);
      const textarea = form.querySelector('textarea');
      if (!textarea) throw new Error('no body');
      expect(textarea.getAttribute('aria-invalid')).toBe('true');
      expect(description(textarea)).toBe(body);
      expect(onDone).not.toHaveBeenCalled();
    },
  );
});
