import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchSnippets } from '../../../entrypoints/content/snippets';
import { createTranslator } from '../../../lib/i18n';
import type { SnippetExpansion } from '../../../lib/messaging';

/** Types `text` at the end of the textarea as a person would: value changed, then an input event per character. */
function type(field: HTMLTextAreaElement, text: string): void {
  for (const char of text) {
    field.value += char;
    field.setSelectionRange(field.value.length, field.value.length);
    field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: char }));
  }
}

function setup(options: { enabled?: boolean; expansion?: SnippetExpansion } = {}) {
  const controller = new AbortController();
  const field = document.createElement('textarea');
  document.body.append(field);
  field.focus();
  const listShortcuts = vi.fn(async () => [';refund']);
  const expand = vi.fn(
    async (): Promise<SnippetExpansion> =>
      options.expansion ?? { found: true, title: 'Refund', text: 'Hi Derek,\nyour refund is on its way.', missing: [] },
  );
  watchSnippets(document, {
    isEnabled: () => options.enabled ?? true,
    listShortcuts,
    expand,
    t: createTranslator('en'),
    language: 'en',
    signal: controller.signal,
  });
  return { field, listShortcuts, expand, stop: () => controller.abort() };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 120));

afterEach(() => {
  document.body.innerHTML = '';
  for (const form of Array.from(document.querySelectorAll('rapport-snippet-form'))) form.remove();
});

describe('watchSnippets', () => {
  it('replaces the shortcut and its space with the filled template, keeping the text before it', async () => {
    const { field, expand, stop } = setup();
    type(field, 'Thanks! ;refund ');
    await settle();
    expect(expand).toHaveBeenCalledWith(';refund');
    expect(field.value).toBe('Thanks! Hi Derek,\nyour refund is on its way.');
    stop();
  });

  it('asks for nothing and fetches no shortcut list while the agent types ordinary text', async () => {
    const { field, listShortcuts, expand, stop } = setup();
    type(field, 'Hello there; see you soon. ');
    await settle();
    expect(listShortcuts).not.toHaveBeenCalled();
    expect(expand).not.toHaveBeenCalled();
    stop();
  });

  it('does not expand inside a word or an unknown shortcut', async () => {
    const { field, expand, stop } = setup();
    type(field, 'foo;refund ;unknown ');
    await settle();
    expect(expand).not.toHaveBeenCalled();
    expect(field.value).toBe('foo;refund ;unknown ');
    stop();
  });

  it('does nothing where snippets are switched off', async () => {
    const { field, listShortcuts, expand, stop } = setup({ enabled: false });
    type(field, ';refund ');
    await settle();
    expect(listShortcuts).not.toHaveBeenCalled();
    expect(expand).not.toHaveBeenCalled();
    expect(field.value).toBe(';refund ');
    stop();
  });

  it('asks for a missing value in a small form and inserts once it is given', async () => {
    const missing = [{ key: 'voucherCode', label: { en: 'Voucher code', de: 'Gutscheincode' } }];
    // The form sits in a closed shadow root the page cannot reach; the test keeps the root as it is attached.
    const roots: ShadowRoot[] = [];
    const attach = Element.prototype.attachShadow;
    const spy = vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (
      this: Element,
      init: ShadowRootInit,
    ) {
      const root = attach.call(this, init);
      roots.push(root);
      return root;
    });
    const { field, expand, stop } = setup({ expansion: { found: true, title: 'Voucher', text: '', missing } });
    type(field, ';refund ');
    await settle();
    expect(document.querySelector('rapport-snippet-form')).not.toBeNull();
    expect(field.value).toBe(';refund ');
    expand.mockResolvedValueOnce({ found: true, title: 'Voucher', text: 'Your code: SORRY10', missing: [] });
    const host = document.querySelector('rapport-snippet-form');
    expect(host?.shadowRoot).toBeNull();
    expect(roots[0]?.mode).toBe('closed');
    const form = roots[0]?.querySelector('form');
    const input = form?.querySelector<HTMLInputElement>('input[data-placeholder="voucherCode"]');
    expect(form?.textContent).toContain('Voucher code');
    if (!form || !input) throw new Error('no fill-in form');
    input.value = 'SORRY10';
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    expect(expand).toHaveBeenLastCalledWith(';refund', { voucherCode: 'SORRY10' });
    expect(field.value).toBe('Your code: SORRY10');
    expect(document.querySelector('rapport-snippet-form')).toBeNull();
    spy.mockRestore();
    stop();
  });
});
