/**
 * React-query hooks for the template library and team packs, shared by the panel and the options page. What the panel
 * uses goes through its data layer (lib/panel/panel-data.ts: the extension's IndexedDB, or the background's where the
 * page has none, as in the in-page drawer); the library editing only the options page offers reads IndexedDB
 * directly. Writes made in any extension context reach an open page as query invalidation.
 */
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { panelData } from '../../panel/panel-data';
import { queryKeys } from '../../queries';
import {
  createTemplate,
  deleteTemplate,
  duplicateTemplate,
  listTemplates,
  restoreTemplate,
  type TemplateQuery,
  updateTemplate,
} from './library';
import { applyImport, type ConflictResolution, type ImportPlan, planImport } from './pack-file';
import {
  listPackSubscriptions,
  PACK_REFRESH_INTERVAL_MS,
  type PackSyncResult,
  subscribePack,
  syncPack,
  unsubscribePack,
} from './pack-sync';
import type { TemplateInput } from './schema';
import { ensureStarterPackOnce } from './starter-pack';

/** Prefix of every template query, for invalidation. */
const templatesRoot = [queryKeys.templates()[0]] as const;

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
    let stop: (() => void) | null = null;
    let unmounted = false;
    void panelData().then((data) => {
      if (unmounted) return;
      stop = data.watch({ kind: 'templates' }, () => {
        void invalidateTemplates(client);
        void invalidatePacks(client);
      });
    });
    return () => {
      unmounted = true;
      stop?.();
    };
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

/**
 * Every template that can be suggested, inserted or drafted from (not deleted, any owner): the one hook for this query,
 * used by the suggestions and the drafts. Reads through the panel's data layer (the drawer has no IndexedDB of its
 * own), which installs the starter pack on first use, so templates-only drafting works on a fresh install.
 */
export function useActiveTemplates() {
  return useQuery({
    queryKey: queryKeys.templates({ active: true }),
    queryFn: async () => (await panelData()).listActiveTemplates(),
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
    mutationFn: async (id: string) => (await panelData()).recordTemplateUse(id),
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

export { isPackDue } from '../../panel/panel-data';

/**
 * Refreshes subscribed packs in the background while the page is open: at once when one is due, then every
 * `PACK_REFRESH_INTERVAL_MS`. Each refresh is a conditional request (ETag / Last-Modified), so an unchanged pack costs
 * a 304; a failing one keeps its last good copy and records the error that the options page shows.
 */
export function usePackRefresh() {
  const client = useQueryClient();
  return useQuery({
    queryKey: queryKeys.packRefresh(),
    queryFn: async ({ signal }): Promise<PackSyncResult[]> => {
      // Only due packs are fetched; the drawer has the background fetch and store them.
      const results = await (await panelData()).refreshDuePacks({ signal });
      if (results.length > 0) await Promise.all([invalidateTemplates(client), invalidatePacks(client)]);
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
