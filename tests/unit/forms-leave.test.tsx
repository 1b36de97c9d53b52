// Issue 22 item 6, "options that forgive", for the reply settings and the template editor: unsaved edits are marked
// beside Save and asked about before the page is left, and stored settings that change meanwhile never replace them.
// Real React roots on happy-dom, WXT's fake browser storage and fake-indexeddb; nothing under test is replaced.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../components/I18nProvider';
import { ReplySettings } from '../../components/ReplySettings';
import { TemplateEditor } from '../../components/TemplateEditor';
import { queryKeys } from '../../lib/queries';
import { getSettings, type Settings, updateSettings } from '../../lib/settings';

let root: Root | undefined;
let container: HTMLElement;
let client: QueryClient;

function render(node: ReactNode) {
  container = document.createElement('div');
  document.body.append(container);
  client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  root = createRoot(container);
  root.render(
    <QueryClientProvider client={client}>
      <I18nProvider setting="en">{node}</I18nProvider>
    </QueryClientProvider>,
  );
}

/** Types into a controlled field the way React notices: the native setter, then an input event. */
function type(field: HTMLInputElement | HTMLTextAreaElement, value: string) {
  const prototype = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(prototype, 'value')?.set?.call(field, value);
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Whether leaving the page now would ask first: a `beforeunload` listener cancels the event. */
function leavingAsks(): boolean {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

function marker(): Element | null {
  return container.querySelector('[data-testid="unsaved"]');
}

function brandVoice(): HTMLTextAreaElement {
  const found = container.querySelector('[data-testid="reply-settings"] textarea');
  if (!(found instanceof HTMLTextAreaElement)) throw new Error('no brand voice field');
  return found;
}

afterEach(async () => {
  root?.unmount();
  container.remove();
  // React runs an unmounted form's effect clean-ups (its `beforeunload` listener) a moment later, not inside unmount;
  // on a busy machine that moment can be long, and the next test must start with no form asking.
  await vi.waitFor(() => expect(leavingAsks()).toBe(false));
});

describe('reply settings: unsaved text', () => {
  it('keeps typed text when stored settings change, asks before leaving, and loads again once saved', async () => {
    render(<ReplySettings />);
    const voice = await vi.waitFor(brandVoice);
    expect(marker()).toBeNull();
    expect(leavingAsks()).toBe(false);

    type(voice, '  Warm and brief.  ');
    await vi.waitFor(() => expect(marker()?.textContent).toBe('Unsaved changes'));
    expect(leavingAsks()).toBe(true);

    // Another setting changes (this section's engine switch, another tab): the stored settings reload, not the text.
    await updateSettings({ replies: { engine: 'templates', policyText: 'Refunds within 14 days.' } });
    await vi.waitFor(() => {
      const data = client.getQueryData<Settings>(queryKeys.settings());
      if (data?.replies.engine !== 'templates') throw new Error('settings not refreshed yet');
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(brandVoice().value).toBe('  Warm and brief.  ');
    expect(marker()).not.toBeNull();

    const form = brandVoice().closest('form');
    if (!form) throw new Error('no form');
    form.requestSubmit();
    await vi.waitFor(async () => expect((await getSettings()).replies.brandVoice).toBe('Warm and brief.'));
    // Saved: what is stored shows (trimmed), nothing is marked and leaving no longer asks.
    await vi.waitFor(() => expect(brandVoice().value).toBe('Warm and brief.'));
    expect(marker()).toBeNull();
    expect(leavingAsks()).toBe(false);

    // Clean again, so a later change made elsewhere shows.
    await updateSettings({ replies: { brandVoice: 'Formal.' } });
    await vi.waitFor(() => expect(brandVoice().value).toBe('Formal.'));
  });
});

describe('template editor: unsaved template', () => {
  it('is marked and asks before leaving while any field differs from what it opened with', async () => {
    render(<TemplateEditor template={null} onDone={() => undefined} />);
    const title = await vi.waitFor(() => {
      const found = container.querySelector('[data-testid="template-editor"] input[type="text"]');
      if (!(found instanceof HTMLInputElement)) throw new Error('no title field');
      return found;
    });
    expect(marker()).toBeNull();
    expect(leavingAsks()).toBe(false);

    type(title, 'Voucher apology');
    await vi.waitFor(() => expect(marker()?.textContent).toBe('Unsaved changes'));
    expect(leavingAsks()).toBe(true);

    // Back to what it opened with: nothing to lose.
    type(title, '');
    await vi.waitFor(() => expect(marker()).toBeNull());
    expect(leavingAsks()).toBe(false);
  });
});
