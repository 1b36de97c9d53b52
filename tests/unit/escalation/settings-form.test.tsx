// The settings page's escalation section, rendered in a real React root on happy-dom with WXT's fake browser storage
// and fake-indexeddb: settings that change elsewhere (another tab, the background) show while the form is clean, but
// never replace what the agent typed and has not saved yet.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EscalationSettings } from '../../../components/EscalationSettings';
import { queryKeys } from '../../../lib/queries';
import { getSettings, type Settings, updateSettings } from '../../../lib/settings';

let root: Root | undefined;
let container: HTMLElement;
let client: QueryClient;

function render() {
  container = document.createElement('div');
  document.body.append(container);
  client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  root = createRoot(container);
  root.render(
    <QueryClientProvider client={client}>
      <EscalationSettings />
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

/** Waits until the page's settings query holds what another context wrote, then lets React render it. */
async function settingsReached(check: (settings: Settings) => boolean) {
  await vi.waitFor(() => {
    const data = client.getQueryData<Settings>(queryKeys.settings());
    if (!data || !check(data)) throw new Error('settings not refreshed yet');
  });
  await new Promise((resolve) => setTimeout(resolve, 50));
}

afterEach(() => {
  root?.unmount();
  container.remove();
});

describe('EscalationSettings', () => {
  it('loads changes made elsewhere while clean, and keeps the agent’s unsaved edits when settings change', async () => {
    render();
    const email = await vi.waitFor(() => byTestId('team-lead-email', HTMLInputElement));
    expect(email.value).toBe('');

    // Clean form: a change made in another tab shows.
    await updateSettings({ escalation: { teamLeadEmail: 'first@shop.example' } });
    await vi.waitFor(() => expect(byTestId('team-lead-email', HTMLInputElement).value).toBe('first@shop.example'));

    // The agent edits two fields, then settings change elsewhere before they save.
    type(byTestId('team-lead-email', HTMLInputElement), 'mine@shop.example');
    byTestId('auto-escalate', HTMLInputElement).click();
    await vi.waitFor(() => expect(byTestId('auto-escalate', HTMLInputElement).checked).toBe(true));
    await updateSettings({ escalation: { teamLeadEmail: 'other@shop.example', copyToClipboard: false } });
    await settingsReached((settings) => settings.escalation.teamLeadEmail === 'other@shop.example');
    expect(byTestId('team-lead-email', HTMLInputElement).value).toBe('mine@shop.example');
    expect(byTestId('auto-escalate', HTMLInputElement).checked).toBe(true);

    // Saving stores the agent's form; afterwards the form follows the stored settings again.
    // Save waits for the stored secrets (the form shows before them), so it never writes empty ones over them.
    await vi.waitFor(() => expect(byTestId('save-escalation', HTMLButtonElement).disabled).toBe(false));
    byTestId('save-escalation', HTMLButtonElement).click();
    await vi.waitFor(async () => {
      const stored = (await getSettings()).escalation;
      expect(stored.teamLeadEmail).toBe('mine@shop.example');
      expect(stored.autoEscalate).toBe(true);
    });
    await vi.waitFor(() => expect(container.querySelector('.saved')?.textContent).toBe('Escalation settings saved'));
    await updateSettings({ escalation: { teamLeadEmail: 'later@shop.example' } });
    await vi.waitFor(() => expect(byTestId('team-lead-email', HTMLInputElement).value).toBe('later@shop.example'));
  });
});
