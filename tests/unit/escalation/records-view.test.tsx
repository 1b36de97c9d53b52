// The settings page's escalation records, rendered in a real React root on happy-dom with fake-indexeddb behind Dexie:
// the agent deletes one record, undoes it, deletes all after confirming, and sets the retention.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EscalationRecords } from '../../../components/EscalationRecords';
import { type EscalationRecord, getDb } from '../../../lib/db';
import { getSettings } from '../../../lib/settings';

const day = 24 * 60 * 60 * 1000;
let root: Root | undefined;
let container: HTMLElement;

function record(subjectless: string, ageDays: number): Omit<EscalationRecord, 'id'> {
  return {
    conversationKey: `generic:${subjectless}`,
    site: 'generic',
    url: `https://shop.example/${subjectless}`,
    at: Date.now() - ageDays * day,
    reasons: ['Customer is angry'],
    note: '',
    actions: [{ action: 'email', ok: true, detail: 'Draft opened.', retryable: false }],
  };
}

function render() {
  container = document.createElement('div');
  document.body.append(container);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  root = createRoot(container);
  root.render(
    <QueryClientProvider client={client}>
      <EscalationRecords />
    </QueryClientProvider>,
  );
}

function rows() {
  return [...container.querySelectorAll('[data-testid="escalation-record-row"]')];
}

function click(testId: string, index = 0) {
  const button = container.querySelectorAll<HTMLButtonElement>(`[data-testid="${testId}"]`)[index];
  if (!button) throw new Error(`no ${testId}`);
  button.click();
}

beforeEach(async () => {
  await getDb().escalations.clear();
  // 120 days old: past the default retention, pruned before the list shows.
  await getDb().escalations.bulkAdd([record('a', 1), record('b', 2), record('c', 120)]);
});

afterEach(() => {
  root?.unmount();
  container.remove();
});

describe('EscalationRecords', () => {
  it('lists the records within the retention, deletes one with undo, and all after a confirmation', async () => {
    render();
    await vi.waitFor(() => expect(rows()).toHaveLength(2));
    expect(await getDb().escalations.count()).toBe(2);

    click('escalation-record-delete', 1);
    await vi.waitFor(() => expect(rows()).toHaveLength(1));
    expect(await getDb().escalations.count()).toBe(1);
    const toast = () => container.querySelector('[data-testid="records-toast"]');
    expect(toast()?.textContent).toContain('1 record deleted.');
    toast()?.querySelector('button')?.click();
    await vi.waitFor(() => expect(rows()).toHaveLength(2));

    click('records-delete-all');
    // Nothing is deleted before the agent confirms.
    await vi.waitFor(() => expect(container.textContent).toContain('Delete all 2 records?'));
    expect(await getDb().escalations.count()).toBe(2);
    click('records-confirm-delete-all');
    await vi.waitFor(() => expect(container.textContent).toContain('No escalation records.'));
    expect(await getDb().escalations.count()).toBe(0);
  });

  it('saves the retention the agent sets', async () => {
    render();
    const input = await vi.waitFor(() => {
      const found = container.querySelector<HTMLInputElement>('[data-testid="record-retention"]');
      if (!found || found.value === '') throw new Error('not rendered yet');
      return found;
    });
    expect(input.value).toBe('90');
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    setValue?.call(input, '30');
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
    await vi.waitFor(async () => expect((await getSettings()).escalation.recordRetentionDays).toBe(30));
  });
});
