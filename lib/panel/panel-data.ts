/**
 * The panel's data layer: every read and write of stored data the panel makes (templates, team-pack refresh,
 * escalation records, escalation secrets), behind one interface with two implementations chosen once per page.
 *
 * - `local`: the extension's IndexedDB through Dexie, where the page has it (the side panel, the settings page).
 * - `remote`: typed requests the background answers with the same local implementation. The in-page drawer needs it:
 *   an extension page framed in a web page is a third-party context, and Chrome gives it no IndexedDB when third-party
 *   cookies are blocked (its default for many users; opening fails with "UnknownError"). Firefox gives a framed
 *   extension page a storage partition of its own, which would be a second, empty library.
 *
 * The background offers only these operations (lib/panel/panel-data-service.ts), never "run any query".
 */
import { liveQuery } from 'dexie';
import { browser } from 'wxt/browser';
import { z } from 'zod/mini';
import { getDb, type RapportDb, type TemplateRecord } from '../db';
import { getEscalation, getEscalations, type StoredEscalation } from '../escalation/records';
import { type EscalationSecrets, readEscalationSecrets as readLocalSecrets } from '../escalation/secrets';
import { sendToExtension } from '../messaging';
import { listActiveTemplates, recordTemplateUse } from '../replies/templates/library';
import {
  listPackSubscriptions,
  PACK_REFRESH_INTERVAL_MS,
  type PackSubscription,
  type PackSyncResult,
  syncAllPacks,
} from '../replies/templates/pack-sync';
import { ensureStarterPackOnce } from '../replies/templates/starter-pack';

/** An escalation record before it is first saved (the database gives it its id). */
export type EscalationDraft = Omit<StoredEscalation, 'id'>;

/** The escalation records the escalate and retry flows read and write (lib/escalation/escalate.ts). */
export interface EscalationRecordStore {
  /** Saves a new record and returns its id (undefined: the database gave none, so nothing may run). */
  addEscalation(draft: EscalationDraft): Promise<number | undefined>;
  /** Replaces a saved record (its results after the actions ran). */
  putEscalation(record: StoredEscalation): Promise<void>;
  getEscalation(id: number): Promise<StoredEscalation | undefined>;
  /** The records of one conversation, newest first. */
  listEscalations(conversationKey: string): Promise<StoredEscalation[]>;
}

/**
 * What a change feed watches: the template library (templates and packs), one conversation's escalations, or the
 * escalation secrets.
 */
export type WatchTarget =
  | { kind: 'templates' }
  | { kind: 'escalations'; conversationKey: string }
  | { kind: 'secrets' };

export const watchTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('templates') }),
  z.object({ kind: z.literal('secrets') }),
  z.object({ kind: z.literal('escalations'), conversationKey: z.string().check(z.maxLength(2100)) }),
]) satisfies z.ZodMiniType<WatchTarget>;

/** The panel's data operations. */
export interface PanelData extends EscalationRecordStore {
  readonly kind: 'local' | 'remote';
  /** Every template that can be suggested or inserted; installs the starter pack first when it is missing. */
  listActiveTemplates(): Promise<TemplateRecord[]>;
  /** Counts an insert or copy of a template (orders suggestions). */
  recordTemplateUse(id: string): Promise<void>;
  /**
   * Refreshes the subscribed team packs that are due; [] when none is (no request is made then). `signal` cancels a
   * local refresh; a remote one runs to its end in the background.
   */
  refreshDuePacks(options?: { signal?: AbortSignal }): Promise<PackSyncResult[]>;
  /** The webhook URL and Freshdesk API key (lib/escalation/secrets.ts). */
  readEscalationSecrets(): Promise<EscalationSecrets>;
  /**
   * Calls `onChange` whenever what `target` covers changes in any extension context (not for the current state).
   * Returns the function that stops watching.
   */
  watch(target: WatchTarget, onChange: () => void): () => void;
}

/** Whether a subscription is due for a refresh: never synced, or last synced longer ago than the refresh interval. */
export function isPackDue(subscription: PackSubscription, now = Date.now()): boolean {
  // A recent failure counts as a try too, so a broken server is not asked again on every page open.
  const lastTry = Math.max(subscription.pack?.lastSyncAt ?? 0, subscription.pack?.lastError?.at ?? 0);
  return lastTry === 0 || now - lastTry >= PACK_REFRESH_INTERVAL_MS;
}

/** Runs `read` now and on every change Dexie reports, calling `onChange` for each change after the first reading. */
function watchQuery(read: () => Promise<unknown>, onChange: () => void, what: string): () => void {
  let first = true;
  const subscription = liveQuery(read).subscribe({
    next: () => {
      // The first emission is the current state, which the caller reads itself.
      if (first) {
        first = false;
        return;
      }
      onChange();
    },
    error: (error: unknown) => console.warn(`Rapport: ${what} change feed stopped`, error),
  });
  return () => subscription.unsubscribe();
}

/** The panel's data in this context's own IndexedDB (`db` for tests; the templates always use the shared one). */
export function createLocalPanelData(db: RapportDb = getDb()): PanelData {
  return {
    kind: 'local',
    async listActiveTemplates() {
      await ensureStarterPackOnce();
      return listActiveTemplates();
    },
    recordTemplateUse: (id) => recordTemplateUse(id),
    async refreshDuePacks(options = {}) {
      const subscriptions = await listPackSubscriptions();
      // Pages open and close all day: only touch the network when a pack is actually due.
      if (!subscriptions.some((subscription) => isPackDue(subscription))) return [];
      return syncAllPacks(options.signal ? { signal: options.signal } : {});
    },
    readEscalationSecrets: () => readLocalSecrets(db),
    addEscalation: (draft) => db.escalations.add(draft),
    async putEscalation(record) {
      await db.escalations.put(record);
    },
    getEscalation: (id) => getEscalation(id, db),
    listEscalations: (conversationKey) => getEscalations(conversationKey, db),
    watch(target, onChange) {
      if (target.kind === 'templates') {
        // Reading both tables whole makes Dexie observe every row.
        return watchQuery(
          () => Promise.all([getDb().templates.toArray(), getDb().packs.toArray()]),
          onChange,
          'template',
        );
      }
      if (target.kind === 'secrets') return watchQuery(() => db.secrets.toArray(), onChange, 'secrets');
      const key = target.conversationKey;
      return watchQuery(
        () => db.escalations.where('conversationKey').equals(key).toArray(),
        onChange,
        'escalation record',
      );
    },
  };
}

/** Name of the port a remote change feed opens to the background. */
export const panelDataWatchPort = 'panel-data-watch';

/** What goes over a change-feed port: the panel says what it watches, the background says when it changed. */
export type PanelDataWatchMessage = { type: 'watch'; target: WatchTarget } | { type: 'changed' };

export const panelDataWatchMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('watch'), target: watchTargetSchema }),
  z.object({ type: z.literal('changed') }),
]) satisfies z.ZodMiniType<PanelDataWatchMessage>;

/** How long a remote change feed waits before reconnecting to a background that went away (a service worker restart). */
const reconnectDelayMs = 500;

/** The panel's data through the background, for a page without IndexedDB of its own (the in-page drawer). */
export function createRemotePanelData(): PanelData {
  return {
    kind: 'remote',
    listActiveTemplates: () => sendToExtension('listActiveTemplates', {}),
    async recordTemplateUse(id) {
      await sendToExtension('recordTemplateUse', { id });
    },
    refreshDuePacks: () => sendToExtension('refreshDuePacks', {}),
    readEscalationSecrets: () => sendToExtension('readEscalationSecrets', {}),
    async addEscalation(draft) {
      return (await sendToExtension('saveEscalationRecord', { record: draft })).id ?? undefined;
    },
    async putEscalation({ id, ...record }) {
      await sendToExtension('saveEscalationRecord', { id, record });
    },
    async getEscalation(id) {
      return (await sendToExtension('getEscalationRecord', { id })) ?? undefined;
    },
    listEscalations: (conversationKey) => sendToExtension('listEscalationRecords', { conversationKey }),
    watch(target, onChange) {
      let stopped = false;
      let port: ReturnType<typeof browser.runtime.connect> | null = null;
      let retry: ReturnType<typeof setTimeout> | undefined;
      const connect = (reconnecting: boolean) => {
        port = browser.runtime.connect({ name: panelDataWatchPort });
        port.onMessage.addListener((message: unknown) => {
          const parsed = panelDataWatchMessageSchema.safeParse(message);
          if (parsed.success && parsed.data.type === 'changed') onChange();
        });
        port.onDisconnect.addListener(() => {
          // The background restarted: watch again, and re-read, since a change may have been missed meanwhile.
          if (!stopped) retry = setTimeout(() => connect(true), reconnectDelayMs);
        });
        const request: PanelDataWatchMessage = { type: 'watch', target };
        port.postMessage(request);
        if (reconnecting) onChange();
      };
      connect(false);
      return () => {
        stopped = true;
        clearTimeout(retry);
        port?.disconnect();
      };
    },
  };
}

/**
 * Whether this page is framed in another page (the in-page drawer) rather than shown on its own (side panel, tab).
 * A cross-origin parent makes `top` unreadable in some browsers, which also means framed.
 */
function isFramed(): boolean {
  try {
    return window.top !== window.self;
  } catch {
    return true;
  }
}

async function choosePanelData(): Promise<PanelData> {
  if (isFramed()) return createRemotePanelData();
  try {
    await getDb().open();
    return createLocalPanelData();
  } catch (error) {
    // Storage blocked for this page (a browser setting or policy): the background still has it.
    console.warn('Rapport: no IndexedDB in this page, using the background for stored data', error);
    return createRemotePanelData();
  }
}

let chosen: Promise<PanelData> | undefined;

/** The panel's data layer for this page, chosen on first use. */
export function panelData(): Promise<PanelData> {
  chosen ??= choosePanelData();
  return chosen;
}
