/**
 * React-query hooks for the template library and team packs, shared by the panel and the options page. Both pages read
 * the extension's IndexedDB directly; Dexie tells every extension page about writes made in another one (a library
 * edit in the options page reaches an open panel), and these hooks turn that into query invalidation.
 */
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { liveQuery } from 'dexie';
import { useEffect } from 'react';
import { getDb } from '../../db';
import { queryKeys } from '../../queries';
import {
  createTemplate,
  deleteTemplate,
  duplicateTemplate,
  listActiveTemplates,
  listTemplates,
  recordTemplateUse,
  restoreTemplate,
  type TemplateQuery,
  updateTemplate,
} from './library';
import { applyImport, type ConflictResolution, type ImportPlan, planImport } from './pack-file';
import {
  listPackSubscriptions,
  PACK_REFRESH_INTERVAL_MS,
  type PackSubscription,
  type PackSyncResult,
  subscribePack,
  syncAllPacks,
  syncPack,
  unsubscribePack,
} from './pack-sync';
import type { TemplateInput } from './schema';
import { ensureStarterPack } from './starter-pack';

/** Prefix of every template query, for invalidation. */
const templatesRoot = [queryKeys.templates()[0]] as const;
/** The background refresh of subscribed packs (a query so react-query schedules it with `refetchInterval`). */
const packRefreshKey = [...queryKeys.packs(), 'refresh'] as const;

let starterPackInstalled: Promise<unknown> | undefined;

/**
 * Installs the starter pack once per page. The background also runs it on install and update; this covers a
 * database that was cleared since, and the first panel opened before the background finished.
 */
function ensureStarterPackOnce(): Promise<unknown> {
  starterPackInstalled ??= ensureStarterPack().catch((error: unknown) => {
    // Let a later call try again rather than remembering a failure for the page's lifetime.
    starterPackInstalled = undefined;
    throw error;
  });
  return starterPackInstalled;
}

function invalidateTemplates(client: QueryClient): Promise<void> {
  return client.invalidateQueries({ queryKey: templatesRoot });
}

function invalidatePacks(client: QueryClient): Promise<void> {
  return client.invalidateQueries({ queryKey: queryKeys.packs(), exact: true });
}

/**
 * Keeps template and pack queries fresh when the database changes in any extension page (the options page, another
 * panel, the background). Mount once per page.
 */
export function useTemplateStoreSync(): void {
  const client = useQueryClient();
  useEffect(() => {
    let first = true;
    // Reading both tables whole makes Dexie observe every row; the first emission is the current state, not a change.
    const subscription = liveQuery(async () => {
      const db = getDb();
      return Promise.all([db.templates.toArray(), db.packs.toArray()]);
    }).subscribe({
      next: () => {
        if (first) {
          first = false;
          return;
        }
        void invalidateTemplates(client);
        void invalidatePacks(client);
      },
      error: (error: unknown) => console.warn('Rapport: template change feed stopped', error),
    });
    return () => subscription.unsubscribe();
  }, [client]);
}

/** Templates matching a library query (deleted ones only when asked for), sorted by title. */
export function useTemplates(query: TemplateQuery = {}) {
  return useQuery({
    queryKey: queryKeys.templates({ list: query }),
    queryFn: async () => {
      await ensureStarterPackOnce();
      return listTemplates(query);
    },
  });
}

/** Every template that can be suggested or inserted; installs the starter pack on first use. */
export function useActiveTemplates() {
  return useQuery({
    queryKey: queryKeys.templates({ active: true }),
    queryFn: async () => {
      await ensureStarterPackOnce();
      return listActiveTemplates();
    },
  });
}

/** Saves a new personal template. */
export function useCreateTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: TemplateInput) => createTemplate(input),
    onSettled: () => invalidateTemplates(client),
  });
}

/** Changes a personal template (its version goes up). */
export function useUpdateTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: Partial<TemplateInput> }) => updateTemplate(id, patch),
    onSettled: () => invalidateTemplates(client),
  });
}

/** Hides a template, restorable with `useRestoreTemplate` (undo). */
export function useDeleteTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteTemplate(id),
    onSettled: () => invalidateTemplates(client),
  });
}

/** Undoes a delete. */
export function useRestoreTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => restoreTemplate(id),
    onSettled: () => invalidateTemplates(client),
  });
}

/** Copies a (read-only) template into the agent's personal set. */
export function useDuplicateTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => duplicateTemplate(id),
    onSettled: () => invalidateTemplates(client),
  });
}

/** Counts an insert or copy of a template. */
export function useRecordTemplateUse() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => recordTemplateUse(id),
    onSettled: () => invalidateTemplates(client),
  });
}

/** Reads a pack file and finds its bad entries and conflicts, writing nothing. */
export function usePlanImport() {
  return useMutation({ mutationFn: (text: string) => planImport(text) });
}

/** Imports a reviewed plan with the agent's conflict choices, all or nothing. */
export function useApplyImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      plan,
      resolutions,
    }: {
      plan: ImportPlan;
      resolutions: Readonly<Record<number, ConflictResolution>>;
    }) => applyImport(plan, resolutions),
    onSettled: () => invalidateTemplates(client),
  });
}

/** Every pack subscription (the agent's and the administrator's) with its last sync and error. */
export function usePackSubscriptions() {
  return useQuery({ queryKey: queryKeys.packs(), queryFn: () => listPackSubscriptions() });
}

/** Whether a subscription is due for a refresh: never synced, or last synced longer ago than the refresh interval. */
export function isPackDue(subscription: PackSubscription, now = Date.now()): boolean {
  // A recent failure counts as a try too, so a broken server is not asked again on every page open.
  const lastTry = Math.max(subscription.pack?.lastSyncAt ?? 0, subscription.pack?.lastError?.at ?? 0);
  return lastTry === 0 || now - lastTry >= PACK_REFRESH_INTERVAL_MS;
}

/**
 * Refreshes subscribed packs in the background while the page is open: at once when one is due, then every
 * `PACK_REFRESH_INTERVAL_MS`. Each refresh is a conditional request (ETag / Last-Modified), so an unchanged pack costs
 * a 304; a failing one keeps its last good copy and records the error that the options page shows.
 */
export function usePackRefresh() {
  const client = useQueryClient();
  return useQuery({
    queryKey: packRefreshKey,
    queryFn: async ({ signal }): Promise<PackSyncResult[]> => {
      const subscriptions = await listPackSubscriptions();
      // Pages open and close all day: only touch the network when a pack is actually due.
      if (!subscriptions.some((subscription) => isPackDue(subscription))) return [];
      const results = await syncAllPacks({ signal });
      await Promise.all([invalidateTemplates(client), invalidatePacks(client)]);
      return results;
    },
    refetchInterval: PACK_REFRESH_INTERVAL_MS,
    refetchIntervalInBackground: true,
    staleTime: PACK_REFRESH_INTERVAL_MS,
    retry: false,
  });
}

/**
 * Subscribes to a team pack and downloads it. The host permission for the pack's origin must have been granted first,
 * from the click (`browser.permissions.request({ origins: [packOriginPattern(url)] })`).
 */
export function useSubscribePack() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (url: string) => subscribePack(url),
    onSettled: () => Promise.all([invalidateTemplates(client), invalidatePacks(client)]),
  });
}

/** Refreshes one pack now (the "Refresh" button); the result says how it went. */
export function useSyncPack() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (url: string) => syncPack(url),
    onSettled: () => Promise.all([invalidateTemplates(client), invalidatePacks(client)]),
  });
}

/** Ends a subscription and removes the pack's templates (not for packs pushed by policy). */
export function useUnsubscribePack() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (url: string) => unsubscribePack(url),
    onSettled: () => Promise.all([invalidateTemplates(client), invalidatePacks(client)]),
  });
}
