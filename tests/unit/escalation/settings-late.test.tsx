// The settings page's escalation section shows at once, before the administrator's policy (`storage.managed`, which
// took 3–4 s on a fresh Chrome profile and over 30 s on a loaded machine) and the stored secrets (IndexedDB) are read,
// and takes them in when they arrive without replacing what the agent typed meanwhile or saving empty secrets over
// stored ones. Real React root on happy-dom, WXT's fake browser storage and fake-indexeddb; the policy read and the
// database are only made slow, their answers are the real ones.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import Dexie from 'dexie';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { EscalationSettings } from '../../../components/EscalationSettings';
import { getDb } from '../../../lib/db';
import { readEscalationSecrets, saveEscalationSecrets } from '../../../lib/escalation/secrets';
import { getSettings, updateSettings } from '../../../lib/settings';

let root: Root | undefined;
let container: HTMLElement;

function render() {
  container = document.createElement('div');
  document.body.append(container);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
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

function apiKeyInput(): HTMLInputElement {
  const found = container.querySelector('input[type="password"]');
  if (!(found instanceof HTMLInputElement)) throw new Error('no API key field');
  return found;
}

/** Types into a controlled input the way React notices: the native setter, then an input event. */
function type(input: HTMLInputElement, value: string) {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

/** A promise and the function that settles it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** Makes the policy read wait for `until`, then answer with what the managed area really holds. */
function slowPolicy(until: Promise<void>) {
  const area = fakeBrowser.storage.managed;
  const read = area.get.bind(area);
  return vi.spyOn(area, 'get').mockImplementation(async () => {
    await until;
    return read(null);
  });
}

/** Holds the secrets table, as another page's write would, until `until` settles. */
function holdSecrets(until: Promise<void>): Promise<void> {
  const db = getDb();
  // `Dexie.waitFor` keeps the transaction alive across a promise that is not the database's.
  return db.transaction('rw', db.secrets, () => Dexie.waitFor(until));
}

afterEach(async () => {
  vi.restoreAllMocks();
  root?.unmount();
  container.remove();
  await new Promise((resolve) => setTimeout(resolve, 50));
});

describe('escalation settings before the policy and the secrets are read', () => {
  it('shows the form while the policy is still being read, then locks what the policy sets', async () => {
    const policy = gate();
    slowPolicy(policy.opened);
    await fakeBrowser.storage.managed.set({ escalation: { teamLeadEmail: 'lead@corp.example' } });
    await updateSettings({ escalation: { rules: { angerThreshold: 0.8 } } });
    render();

    // Usable at once: the agent's stored settings, a note that the policy is being checked.
    const email = await vi.waitFor(() => byTestId('team-lead-email', HTMLInputElement));
    expect(byTestId('webhook-url', HTMLInputElement)).toBeTruthy();
    expect(byTestId('escalation-policy-pending', HTMLElement).textContent).toBe(
      'Checking for settings your administrator sets…',
    );
    expect(email.disabled).toBe(false);
    type(apiKeyInput(), 'typed-key');
    type(email, 'mine@shop.example');
    await vi.waitFor(() => expect(container.querySelector('[data-testid="unsaved"]')).not.toBeNull());

    // The policy arrives: the field it sets shows its value, locked; the agent's other edit stays.
    policy.open();
    await vi.waitFor(() => expect(container.querySelector('[data-testid="escalation-policy-pending"]')).toBeNull());
    expect(byTestId('team-lead-email', HTMLInputElement).value).toBe('lead@corp.example');
    expect(byTestId('team-lead-email', HTMLInputElement).disabled).toBe(true);
    expect(apiKeyInput().value).toBe('typed-key');
    expect(container.querySelector('[data-testid="unsaved"]')).not.toBeNull();

    // Saving keeps the agent's own stored value under the locked field and stores the edit.
    await vi.waitFor(() => expect(byTestId('save-escalation', HTMLButtonElement).disabled).toBe(false));
    byTestId('save-escalation', HTMLButtonElement).click();
    await vi.waitFor(async () => expect((await readEscalationSecrets()).freshdeskApiKey).toBe('typed-key'));
    const stored = (await getSettings()).escalation;
    expect(stored.teamLeadEmail).toBe('');
    expect(stored.rules.angerThreshold).toBe(0.8);
  });

  it('fills the stored secrets when they arrive, but not over what the agent typed, and saves none before', async () => {
    await saveEscalationSecrets({ webhookUrl: 'https://hooks.example.com/stored', freshdeskApiKey: 'stored-key' });
    const secrets = gate();
    const held = holdSecrets(secrets.opened);
    render();

    const url = await vi.waitFor(() => byTestId('webhook-url', HTMLInputElement));
    expect(url.value).toBe('');
    // Saving now would write the empty fields over the stored secrets.
    expect(byTestId('save-escalation', HTMLButtonElement).disabled).toBe(true);
    type(apiKeyInput(), 'typed-key');
    type(byTestId('team-lead-email', HTMLInputElement), 'lead@shop.example');
    await vi.waitFor(() => expect(apiKeyInput().value).toBe('typed-key'));

    secrets.open();
    await held;
    await vi.waitFor(() =>
      expect(byTestId('webhook-url', HTMLInputElement).value).toBe('https://hooks.example.com/stored'),
    );
    expect(apiKeyInput().value).toBe('typed-key');
    expect(byTestId('team-lead-email', HTMLInputElement).value).toBe('lead@shop.example');
    expect(container.querySelector('[data-testid="unsaved"]')).not.toBeNull();

    await vi.waitFor(() => expect(byTestId('save-escalation', HTMLButtonElement).disabled).toBe(false));
    byTestId('save-escalation', HTMLButtonElement).click();
    await vi.waitFor(async () =>
      expect(await readEscalationSecrets()).toEqual({
        webhookUrl: 'https://hooks.example.com/stored',
        freshdeskApiKey: 'typed-key',
      }),
    );
    expect((await getSettings()).escalation.teamLeadEmail).toBe('lead@shop.example');
  });
});
