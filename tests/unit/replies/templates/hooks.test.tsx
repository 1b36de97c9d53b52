import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../../../lib/db';
import {
  isPackDue,
  useActiveTemplates,
  usePackRefresh,
  useTemplateStoreSync,
  useUpdateTemplate,
} from '../../../../lib/replies/templates/hooks';
import { createTemplate } from '../../../../lib/replies/templates/library';
import { PACK_REFRESH_INTERVAL_MS } from '../../../../lib/replies/templates/pack-sync';
import { PERSONAL_OWNER, STARTER_OWNER } from '../../../../lib/replies/templates/schema';
import { starterTemplates } from '../../../../lib/replies/templates/starter-pack';
import { updateSettings } from '../../../../lib/settings';

interface Rendered<T> {
  result: { current: T | undefined };
  unmount: () => void;
}

const mounted: (() => void)[] = [];

function HookProbe<T>({ hook, result }: { hook: () => T; result: { current: T | undefined } }) {
  result.current = hook();
  return null;
}

/**
 * Renders a hook in a real React root with its own query client (no retries, so failures show at once). Updates are
 * awaited with `vi.waitFor`, as a person waits for the UI, rather than flushed with act().
 */
function renderHook<T>(hook: () => T): Rendered<T> {
  const result: { current: T | undefined } = { current: undefined };
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const root = createRoot(document.createElement('div'));
  root.render(
    <QueryClientProvider client={client}>
      <HookProbe hook={hook} result={result} />
    </QueryClientProvider>,
  );
  const unmount = () => root.unmount();
  mounted.push(unmount);
  return { result, unmount };
}

const packUrl = 'https://packs.example.com/team.json';
const packBody = JSON.stringify({
  format: 'rapport-template-pack',
  version: 1,
  name: 'Team Nord',
  templates: [
    {
      id: 'late',
      title: 'Late parcel',
      body: 'Sorry, {{customer.firstName | "there"}}.',
      language: 'en',
      intents: ['delivery-delay'],
      tone: 'apologetic',
    },
  ],
});

beforeEach(async () => {
  const db = getDb();
  await db.templates.where('owner').notEqual(STARTER_OWNER).delete();
  await db.packs.clear();
});

afterEach(() => {
  for (const unmount of mounted.splice(0)) unmount();
  vi.unstubAllGlobals();
});

describe('template hooks', () => {
  it('installs the starter pack on first use and lists it with personal templates', async () => {
    await createTemplate({ title: 'Mine', body: 'Hello', language: 'en', intents: ['other'], tone: 'warm' });
    const { result } = renderHook(() => useActiveTemplates());
    await vi.waitFor(() => expect(result.current?.isSuccess).toBe(true));
    const owners = new Set(result.current?.data?.map((template) => template.owner));
    expect(owners).toEqual(new Set([STARTER_OWNER, PERSONAL_OWNER]));
    expect(result.current?.data).toHaveLength(starterTemplates.length + 1);
  });

  it('picks up changes written elsewhere, so a library edit reaches an open panel', async () => {
    const mine = await createTemplate({
      title: 'Before',
      body: 'Hello',
      language: 'en',
      intents: ['other'],
      tone: 'warm',
    });
    const { result } = renderHook(() => {
      useTemplateStoreSync();
      return useActiveTemplates();
    });
    await vi.waitFor(() => expect(result.current?.data?.some((t) => t.title === 'Before')).toBe(true));

    // Written straight to the database, as another extension page would.
    await getDb().templates.update(mine.id, { title: 'After' });
    await vi.waitFor(() => expect(result.current?.data?.find((t) => t.id === mine.id)?.title).toBe('After'));
  });

  it('invalidates the lists after a mutation', async () => {
    const mine = await createTemplate({
      title: 'Old',
      body: 'Hello',
      language: 'en',
      intents: ['other'],
      tone: 'warm',
    });
    const { result } = renderHook(() => ({ list: useActiveTemplates(), update: useUpdateTemplate() }));
    await vi.waitFor(() => expect(result.current?.list.isSuccess).toBe(true));
    await result.current?.update.mutateAsync({ id: mine.id, patch: { title: 'New' } });
    await vi.waitFor(() => expect(result.current?.list.data?.find((t) => t.id === mine.id)?.title).toBe('New'));
  });
});

describe('pack refresh', () => {
  it('is due before the first sync, after the interval, and not right after a sync or a failure', () => {
    const now = 10 * PACK_REFRESH_INTERVAL_MS;
    const pack = { url: packUrl, name: 'Team Nord', templateCount: 1 };
    expect(isPackDue({ url: packUrl, managed: false }, now)).toBe(true);
    expect(isPackDue({ url: packUrl, managed: false, pack: { ...pack, lastSyncAt: now - 1000 } }, now)).toBe(false);
    expect(
      isPackDue({ url: packUrl, managed: false, pack: { ...pack, lastSyncAt: now - PACK_REFRESH_INTERVAL_MS } }, now),
    ).toBe(true);
    const failedRecently = {
      ...pack,
      lastSyncAt: 0,
      lastError: { code: 'templates/pack-http-error', message: '', at: now - 5 },
    };
    expect(isPackDue({ url: packUrl, managed: false, pack: failedRecently }, now)).toBe(false);
  });

  it('downloads a due pack in the background and then leaves the network alone until it is due again', async () => {
    await updateSettings({ packUrls: [packUrl] });
    const fetch = vi.fn(
      async () =>
        new Response(packBody, { status: 200, headers: { 'Content-Type': 'application/json', ETag: '"v1"' } }),
    );
    vi.stubGlobal('fetch', fetch);

    const first = renderHook(() => usePackRefresh());
    await vi.waitFor(() => expect(first.result.current?.isSuccess).toBe(true));
    expect(first.result.current?.data?.map((result) => result.status)).toEqual(['updated']);
    expect(fetch).toHaveBeenCalledTimes(1);
    const stored = await getDb().templates.where('owner').equals(packUrl).toArray();
    expect(stored.map((template) => template.title)).toEqual(['Late parcel']);
    first.unmount();

    // Another page opening a minute later does not ask the server again.
    const second = renderHook(() => usePackRefresh());
    await vi.waitFor(() => expect(second.result.current?.isSuccess).toBe(true));
    expect(second.result.current?.data).toEqual([]);
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
