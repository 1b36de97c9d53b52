/**
 * The background's side of the remote panel data layer (lib/panel/panel-data.ts): it answers the drawer's data
 * requests with its own IndexedDB, and feeds it changes over a port. `handleMessages` has already checked that each
 * request comes from one of our pages (a content script or another extension is refused) and validated its payload;
 * escalation records are checked here once more against the full record schema before they are written.
 */
import { browser } from 'wxt/browser';
import { AppError } from '../errors';
import { parseStoredEscalation, type StoredEscalation } from '../escalation/records';
import type { Handlers } from '../messaging';
import { type PanelData, panelDataWatchMessageSchema, panelDataWatchPort } from './panel-data';

type Port = ReturnType<typeof browser.runtime.connect>;

function invalidRecord(): AppError {
  return new AppError('messaging/bad-payload', '"saveEscalationRecord" payload is not an escalation record.');
}

/** The request handlers for the drawer's data, answered with `data` (the background's local implementation). */
export function panelDataHandlers(data: PanelData) {
  return {
    listActiveTemplates: () => data.listActiveTemplates(),
    async recordTemplateUse({ id }) {
      await data.recordTemplateUse(id);
      return undefined;
    },
    refreshDuePacks: () => data.refreshDuePacks(),
    readEscalationSecrets: () => data.readEscalationSecrets(),
    listEscalationRecords: ({ conversationKey }) => data.listEscalations(conversationKey),
    async getEscalationRecord({ id }) {
      return (await data.getEscalation(id)) ?? null;
    },
    async saveEscalationRecord({ id, record }) {
      // The full schema (records.ts) checks the nested summary and retry data the protocol's shape leaves open.
      const parsed: StoredEscalation | undefined = parseStoredEscalation({ ...record, id: id ?? 0 });
      // Reading back drops retry data that no longer parses; a record being written must not have any.
      if (!parsed || (record.retry !== undefined && parsed.retry === undefined)) throw invalidRecord();
      if (id === undefined) {
        const { id: _unsaved, ...draft } = parsed;
        return { id: (await data.addEscalation(draft)) ?? null };
      }
      await data.putEscalation(parsed);
      return { id };
    },
  } satisfies Handlers;
}

/** Whether a port comes from one of our own pages (the drawer), not a content script or another extension. */
function isFromOurPage(port: Port): boolean {
  const url = port.sender?.url;
  return (
    port.sender?.id === browser.runtime.id && typeof url === 'string' && url.startsWith(browser.runtime.getURL('/'))
  );
}

/**
 * Serves change feeds to remote panels: a port named `panel-data-watch` says once what it watches, and is told
 * `changed` whenever that changes. `admit` may refuse a port beyond the own-page check (the background admits a
 * framed drawer only once its frame redeemed its ticket). Returns a function that stops serving.
 */
export function servePanelDataWatches(
  data: PanelData,
  admit: (sender: Port['sender']) => boolean | Promise<boolean> = () => true,
): () => void {
  const listener = (port: Port) => {
    if (port.name !== panelDataWatchPort) return;
    let stop: (() => void) | null = null;
    let gone = false;
    port.onDisconnect.addListener(() => {
      gone = true;
      stop?.();
    });
    const admitted = isFromOurPage(port) ? Promise.resolve(admit(port.sender)) : Promise.resolve(false);
    // Messages wait for the admission: the panel posts what it watches right after connecting.
    const pending: unknown[] = [];
    let open = false;
    const take = (message: unknown) => {
      const parsed = panelDataWatchMessageSchema.safeParse(message);
      if (gone || !parsed.success || parsed.data.type !== 'watch' || stop) return;
      stop = data.watch(parsed.data.target, () => {
        try {
          port.postMessage({ type: 'changed' });
        } catch {
          // The panel closed between the change and the post; onDisconnect stops the feed.
        }
      });
    };
    port.onMessage.addListener((message: unknown) => {
      if (open) take(message);
      else pending.push(message);
    });
    void admitted
      .catch(() => false)
      .then((ok) => {
        if (!ok) {
          port.disconnect();
          return;
        }
        open = true;
        for (const message of pending.splice(0)) take(message);
      });
  };
  browser.runtime.onConnect.addListener(listener);
  return () => browser.runtime.onConnect.removeListener(listener);
}
