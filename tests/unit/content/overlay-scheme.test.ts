import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchSnippets } from '../../../entrypoints/content/snippets';
import { createTranslator } from '../../../lib/i18n';
import type { SnippetExpansion } from '../../../lib/messaging';
import { pickConversationArea } from '../../../lib/sites/picker';

/**
 * Issue 22: the snippet fill-in form and the picker's overlay sit on the host page, so they take the scheme the page
 * shows (lib/sites/page-scheme.ts), as the badge does, not the browser's preference: a helpdesk in its dark theme under a
 * light system gets the dark form and hint, a light one the light form.
 */

const darkPage = 'rgb(16, 19, 23)';
const lightPage = 'rgb(250, 250, 250)';

/** The watcher reads a burst of theme changes once, this long after it began (entrypoints/content/scheme-watch.ts). */
const afterSettle = () => new Promise((resolve) => setTimeout(resolve, 400));

afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
  document.body.removeAttribute('style');
  for (const host of Array.from(document.querySelectorAll('[data-rapport-ui]'))) host.remove();
});

/** Types a shortcut and its space at the end of the textarea, an input event per character, as a person would. */
function type(field: HTMLTextAreaElement, text: string): void {
  for (const char of text) {
    field.value += char;
    field.setSelectionRange(field.value.length, field.value.length);
    field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: char }));
  }
}

/** The closed shadow roots of the fill-in forms opened so far, kept as they are attached (the page cannot reach them). */
const formRoots: ShadowRoot[] = [];

beforeEach(() => {
  formRoots.length = 0;
  const attach = Element.prototype.attachShadow;
  vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
    const root = attach.call(this, init);
    if (this.localName === 'rapport-snippet-form') formRoots.push(root);
    return root;
  });
});

/** Opens the fill-in form for a snippet that needs a voucher code. */
async function openFillInForm(): Promise<{ form: HTMLFormElement; stop: () => void }> {
  const opened = formRoots.length;
  const controller = new AbortController();
  const field = document.createElement('textarea');
  document.body.append(field);
  field.focus();
  const missing = [{ key: 'voucherCode', label: { en: 'Voucher code', de: 'Gutscheincode' } }];
  watchSnippets(document, {
    isEnabled: () => true,
    listShortcuts: async () => [';voucher'],
    expand: async (): Promise<SnippetExpansion> => ({ found: true, title: 'Voucher', text: '', missing }),
    t: createTranslator('en'),
    language: 'en',
    signal: controller.signal,
  });
  type(field, ';voucher ');
  await vi.waitFor(() => expect(formRoots[opened]?.querySelector('form')).toBeTruthy());
  const form = formRoots[opened]?.querySelector('form');
  if (!form) throw new Error('no fill-in form');
  return { form, stop: () => controller.abort() };
}

describe('the snippet fill-in form on the host page’s scheme', () => {
  it('is dark on a dark helpdesk and light on a light one, whatever the browser prefers', async () => {
    expect(matchMedia('(prefers-color-scheme: dark)').matches).toBe(false);
    document.body.style.backgroundColor = darkPage;
    const onDark = await openFillInForm();
    expect(onDark.form.dataset.scheme).toBe('dark');
    // The dark colours really exist for it (the light ones are the form's own defaults).
    expect(onDark.form.getRootNode().textContent).toContain('form[data-scheme="dark"]');
    onDark.stop();

    document.body.innerHTML = '';
    document.body.style.backgroundColor = lightPage;
    const onLight = await openFillInForm();
    expect(onLight.form.dataset.scheme).toBe('light');
    onLight.stop();
  });

  it('follows a theme the agent switches while it is open, and stops following once it is closed', async () => {
    document.body.style.backgroundColor = lightPage;
    const { form, stop } = await openFillInForm();
    expect(form.dataset.scheme).toBe('light');
    document.body.style.backgroundColor = darkPage;
    await afterSettle();
    expect(form.dataset.scheme).toBe('dark');

    // Escape closes it; a later switch is no longer read for it.
    form.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(document.querySelector('rapport-snippet-form')).toBeNull();
    document.body.style.backgroundColor = lightPage;
    await afterSettle();
    expect(form.dataset.scheme).toBe('dark');
    stop();
  });
});

describe('the picker’s overlay on the host page’s scheme', () => {
  function pickerParts(): { hint: HTMLElement; box: HTMLElement } {
    const root = document.querySelector('[data-rapport-ui="picker"]')?.shadowRoot;
    const hint = root?.querySelector<HTMLElement>('.hint');
    const box = root?.querySelector<HTMLElement>('.box');
    if (!hint || !box) throw new Error('no picker overlay');
    return { hint, box };
  }

  it('shows a dark hint and outline on a dark helpdesk under a light browser, light ones on a light helpdesk', async () => {
    document.body.style.backgroundColor = darkPage;
    document.body.innerHTML = '<div class="thread">Hallo</div>';
    const controller = new AbortController();
    const picking = pickConversationArea(document, { signal: controller.signal });
    expect(pickerParts().hint.dataset.scheme).toBe('dark');
    expect(pickerParts().box.dataset.scheme).toBe('dark');
    controller.abort();
    expect(await picking).toBeNull();

    document.body.style.backgroundColor = lightPage;
    const again = new AbortController();
    const pickingAgain = pickConversationArea(document, { signal: again.signal });
    expect(pickerParts().hint.dataset.scheme).toBe('light');
    expect(pickerParts().box.dataset.scheme).toBe('light');
    again.abort();
    expect(await pickingAgain).toBeNull();
  });
});
