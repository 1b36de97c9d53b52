// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { RapportDb } from '../../../lib/db';
import type { SerializedError } from '../../../lib/errors';
import { saveEscalationSecrets } from '../../../lib/escalation/secrets';
import { buildHandoffSummary } from '../../../lib/escalation/summary';
import { handleMessages, type Sender } from '../../../lib/messaging';
import {
  createLocalPanelData,
  createRemotePanelData,
  type EscalationDraft,
  type PanelData,
  panelDataWatchPort,
} from '../../../lib/panel/panel-data';
import { panelDataHandlers, servePanelDataWatches } from '../../../lib/panel/panel-data-service';
import { STARTER_OWNER } from '../../../lib/replies/templates/schema';
import { starterTemplates } from '../../../lib/replies/templates/starter-pack';
import { angryGermanConversation } from '../escalation/fixtures';
import { senderTab as tab } from '../sender-tab';

/**
 * The panel's remote data layer (the in-page drawer's, which has no IndexedDB of its own) against the background's
 * real handlers and database: the requests go through the real `handleMessages` listener with the sender each browser
 * reports, so the sender rules and payload checks are the production ones.
 */

type Answer = { ok: true; value: unknown } | { ok: false; error: SerializedError };

const ticketUrl = 'https://shop.zendesk.com/agent/tickets/4711';

/** The senders the background meets (built per test: the fake browser's id is reset before each one). */
function senders() {
  const id = fakeBrowser.runtime.id;
  return {
    sidePanel: { id, url: fakeBrowser.runtime.getURL('/sidepanel.html?tabId=7') } satisfies Sender,
    contentScript: { id, tab: tab(7, ticketUrl), frameId: 0, url: ticketUrl } satisfies Sender,
    otherExtension: { id: 'abcdefghijklmnopabcdefghijklmnop', url: 'chrome-extension://abcdefghijklmnop/x.html' },
    webPage: { url: 'https://evil.example/', tab: tab(9, 'https://evil.example/') } satisfies Sender,
  };
}

/** Delivers `message` to the listeners as the browser would, with `sender`, and resolves with the answer. */
async function deliver(message: unknown, sender: Sender): Promise<Answer> {
  let respond: (answer: Answer) => void = () => undefined;
  const answered = new Promise<Answer>((resolve) => {
    respond = resolve;
  });
  const taken = listeners.map((listener): unknown => listener(message, sender, respond));
  if (!taken.includes(true)) throw new Error('no listener took the message');
  return answered;
}

type Listener = Parameters<typeof browser.runtime.onMessage.addListener>[0];

/** The background's listeners, called as the browser calls them: with message, sender and `sendResponse`. */
let listeners: Listener[] = [];

/** Routes this page's `sendMessage` to the listeners with `sender` (the fake browser passes an empty sender). */
function sendAs(sender: Sender): void {
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((message: unknown) => deliver(message, sender));
}

function handoffSummary() {
  const { conversation, mood } = angryGermanConversation('4711', 'zendesk', ticketUrl);
  return buildHandoffSummary({ conversation, mood, reasons: [], lang: 'en', note: '', now: 1_700_000_000_000 });
}

function draft(overrides: Partial<EscalationDraft> = {}): EscalationDraft {
  return {
    conversationKey: 'zendesk:4711',
    site: 'zendesk',
    url: ticketUrl,
    at: 1_700_000_000_000,
    reasons: ['Anger is high'],
    note: 'Please call her back',
    actions: [{ action: 'webhook', ok: false, detail: 'Not finished', retryable: true }],
    retry: { lang: 'en', summary: handoffSummary(), idempotencyKey: 'rapport-1' },
    ...overrides,
  };
}

let db: RapportDb;
let background: PanelData;

beforeEach(async () => {
  db = new RapportDb(`panel-data-${crypto.randomUUID()}`);
  await db.open();
  background = createLocalPanelData(db);
  const addListener = vi.spyOn(browser.runtime.onMessage, 'addListener');
  handleMessages(panelDataHandlers(background));
  listeners = addListener.mock.calls.map(([listener]) => listener);
  addListener.mockRestore();
});

afterEach(async () => {
  vi.restoreAllMocks();
  db.close();
  await db.delete();
});

describe('the remote panel data layer (in-page drawer → background)', () => {
  it('lists the templates the background holds, the starter pack installed on first use', async () => {
    sendAs(senders().sidePanel);
    const remote = createRemotePanelData();
    const templates = await remote.listActiveTemplates();
    expect(templates.filter((template) => template.owner === STARTER_OWNER)).toHaveLength(starterTemplates.length);
    expect(templates.map((template) => template.id).sort()).toEqual(
      (await background.listActiveTemplates()).map((template) => template.id).sort(),
    );
  });

  it('counts a use of a template in the background’s database', async () => {
    sendAs(senders().sidePanel);
    const remote = createRemotePanelData();
    const [first] = await remote.listActiveTemplates();
    if (!first) throw new Error('no starter template');
    await remote.recordTemplateUse(first.id);
    await remote.recordTemplateUse(first.id);
    const after = (await background.listActiveTemplates()).find((template) => template.id === first.id);
    expect(after?.usageCount).toBe(first.usageCount + 2);
  });

  it('adds, updates, reads and lists escalation records in the background’s database', async () => {
    sendAs(senders().sidePanel);
    const remote = createRemotePanelData();
    const id = await remote.addEscalation(draft());
    expect(id).toBeGreaterThan(0);
    if (id === undefined) return;
    const saved = await remote.getEscalation(id);
    expect(saved).toMatchObject({ id, conversationKey: 'zendesk:4711', note: 'Please call her back' });
    expect(saved?.retry?.idempotencyKey).toBe('rapport-1');

    const done = { ...draft(), id, actions: [{ action: 'webhook', ok: true, detail: 'Delivered', retryable: false }] };
    await remote.putEscalation(done);
    expect(await background.getEscalation(id)).toEqual(done);
    await remote.addEscalation(draft({ at: 1_700_000_100_000, note: 'Second' }));
    expect((await remote.listEscalations('zendesk:4711')).map((record) => record.note)).toEqual([
      'Second',
      'Please call her back',
    ]);
    expect(await remote.listEscalations('zendesk:other')).toEqual([]);
    expect(await remote.getEscalation(9999)).toBeUndefined();
  });

  it('refuses a record that is not an escalation record and stores nothing', async () => {
    const { sidePanel } = senders();
    const broken = { ...draft(), retry: { lang: 'fr', summary: 'not a summary', idempotencyKey: 3 } };
    const noActions = { ...draft(), actions: 'all of them' };
    for (const record of [broken, noActions, null, { conversationKey: 'zendesk:4711' }]) {
      const answer = await deliver({ rapport: 1, type: 'saveEscalationRecord', payload: { record } }, sidePanel);
      expect(answer).toMatchObject({ ok: false, error: { code: 'messaging/bad-payload' } });
    }
    expect(await db.escalations.count()).toBe(0);
  });

  it('hands the escalation secrets only to our own pages', async () => {
    await saveEscalationSecrets(
      { webhookUrl: 'https://hooks.slack.com/services/T0/B0/s3cret', freshdeskApiKey: 'k3y' },
      db,
    );
    const { sidePanel, contentScript, otherExtension, webPage } = senders();
    const read = { rapport: 1, type: 'readEscalationSecrets', payload: {} };
    expect(await deliver(read, sidePanel)).toEqual({
      ok: true,
      value: { webhookUrl: 'https://hooks.slack.com/services/T0/B0/s3cret', freshdeskApiKey: 'k3y' },
    });
    for (const sender of [contentScript, otherExtension, webPage]) {
      const answer = await deliver(read, sender);
      expect(answer).toMatchObject({ ok: false, error: { code: 'messaging/bad-sender' } });
      expect(JSON.stringify(answer)).not.toContain('s3cret');
    }
  });

  it('refuses every data request from a content script, another extension or a web page', async () => {
    const requests = [
      { type: 'listActiveTemplates', payload: {} },
      { type: 'recordTemplateUse', payload: { id: 'starter-refund-en' } },
      { type: 'refreshDuePacks', payload: {} },
      { type: 'listEscalationRecords', payload: { conversationKey: 'zendesk:4711' } },
      { type: 'getEscalationRecord', payload: { id: 1 } },
      { type: 'saveEscalationRecord', payload: { record: draft() } },
    ];
    const { contentScript, otherExtension, webPage } = senders();
    for (const sender of [contentScript, otherExtension, webPage]) {
      for (const { type, payload } of requests) {
        const answer = await deliver({ rapport: 1, type, payload }, sender);
        expect(answer, type).toMatchObject({ ok: false, error: { code: 'messaging/bad-sender' } });
      }
    }
    expect(await db.escalations.count()).toBe(0);
  });
});

/** A pair of connected in-memory ports, shaped like the browser's (the transport; what runs over it is under test). */
function portPair(name: string, sender: Sender) {
  type Listener = (message: unknown) => void;
  const make = () => {
    const messages: Listener[] = [];
    const disconnects: (() => void)[] = [];
    return { messages, disconnects };
  };
  const a = make();
  const b = make();
  let open = true;
  const close = () => {
    if (!open) return;
    open = false;
    for (const listener of [...a.disconnects, ...b.disconnects]) listener();
  };
  const side = (own: ReturnType<typeof make>, other: ReturnType<typeof make>, portSender?: Sender) => ({
    name,
    sender: portSender,
    postMessage(message: unknown) {
      if (!open) throw new Error('Attempting to use a disconnected port object');
      const copy: unknown = structuredClone(message);
      queueMicrotask(() => {
        if (open) for (const listener of other.messages) listener(copy);
      });
    },
    disconnect: close,
    onMessage: { addListener: (listener: Listener) => own.messages.push(listener) },
    onDisconnect: { addListener: (listener: () => void) => own.disconnects.push(listener) },
  });
  return { client: side(a, b), server: side(b, a, sender), close };
}

describe('the remote change feed', () => {
  it('tells the drawer when the background’s templates or a conversation’s records change', async () => {
    const connectListeners: ((port: unknown) => void)[] = [];
    const opened: ReturnType<typeof portPair>[] = [];
    Reflect.set(fakeBrowser.runtime, 'onConnect', {
      addListener: (listener: (port: unknown) => void) => connectListeners.push(listener),
      removeListener: () => undefined,
    });
    Reflect.set(fakeBrowser.runtime, 'connect', ({ name }: { name: string }) => {
      const pair = portPair(name, senders().sidePanel);
      opened.push(pair);
      for (const listener of connectListeners) listener(pair.server);
      return pair.client;
    });
    // The starter pack is installed before anything watches, so its writes are not mistaken for the change below.
    const [template] = await background.listActiveTemplates();
    if (!template) throw new Error('no starter template');
    servePanelDataWatches(background);
    const remote = createRemotePanelData();
    const templateChanges = vi.fn();
    const recordChanges = vi.fn();
    const stopTemplates = remote.watch({ kind: 'templates' }, templateChanges);
    const stopRecords = remote.watch({ kind: 'escalations', conversationKey: 'zendesk:4711' }, recordChanges);
    expect(opened.map((pair) => pair.client.name)).toEqual([panelDataWatchPort, panelDataWatchPort]);
    // Dexie's first reading is the current state, not a change.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(templateChanges).not.toHaveBeenCalled();

    await background.recordTemplateUse(template.id);
    await vi.waitFor(() => expect(templateChanges).toHaveBeenCalled());
    expect(recordChanges).not.toHaveBeenCalled();
    await background.addEscalation(draft());
    await vi.waitFor(() => expect(recordChanges).toHaveBeenCalled());
    const before = recordChanges.mock.calls.length;
    await background.addEscalation(draft({ conversationKey: 'zendesk:other' }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(recordChanges.mock.calls.length).toBe(before);

    stopTemplates();
    stopRecords();
  });

  it('serves no feed to a port from a content script', async () => {
    let server: ReturnType<typeof portPair> | null = null;
    const connectListeners: ((port: unknown) => void)[] = [];
    Reflect.set(fakeBrowser.runtime, 'onConnect', {
      addListener: (listener: (port: unknown) => void) => connectListeners.push(listener),
      removeListener: () => undefined,
    });
    servePanelDataWatches(background);
    server = portPair(panelDataWatchPort, senders().contentScript);
    const disconnected = vi.fn();
    server.client.onDisconnect.addListener(disconnected);
    for (const listener of connectListeners) listener(server.server);
    server.client.postMessage({ type: 'watch', target: { kind: 'templates' } });
    const changes = vi.fn();
    server.client.onMessage.addListener(changes);
    await vi.waitFor(() => expect(disconnected).toHaveBeenCalled());
    await background.listActiveTemplates();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(changes).not.toHaveBeenCalled();
  });
});
