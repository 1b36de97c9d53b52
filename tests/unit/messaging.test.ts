// @vitest-environment node
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SerializedError } from '../../lib/errors';
import {
  type Handlers,
  handleMessages,
  isContentScriptSender,
  type MessageType,
  protocol,
  type Sender,
} from '../../lib/messaging';
import { senderTab as tab } from './sender-tab';

/**
 * The sender rules of the message protocol, run through the real `handleMessages` listener with the senders each
 * browser hands it. Every rule loops over the whole `protocol` map, so a message type added later is covered
 * without touching this file.
 */

type Answer = { ok: true; value: unknown } | { ok: false; error: SerializedError };

/**
 * Who a sender is, as the protocol tells them apart: our content script, one of our pages in its own context (side
 * panel, options, offscreen, background, or a panel opened as a tab), one of our pages framed inside a web page (the
 * in-page drawer, or a page someone else framed), or anyone else.
 */
type SenderKind = 'content script' | 'our page' | 'our framed page' | 'stranger';

/** The rule under test, stated from the protocol map: which kinds of sender may send `type`. */
function mayAlwaysSend(kind: SenderKind, type: MessageType): boolean {
  const spec = protocol[type];
  switch (kind) {
    case 'content script':
      return spec.from === 'content';
    case 'our page':
      return spec.from === 'extension';
    case 'our framed page':
      return spec.from === 'extension' && isFramedType(type);
    case 'stranger':
      return false;
  }
}

function isFramedType(type: MessageType): boolean {
  const spec = protocol[type];
  return 'framed' in spec && spec.framed === true;
}

const ticketUrl = 'https://shop.zendesk.com/agent/tickets/4711';
/** The tab the senders below are in (the framed page's own tab). */
const ownTabId = 7;

/** Our extension's own URL for `path` (the fake browser's id: `test-extension-id`). */
function ours(path: string): string {
  return fakeBrowser.runtime.getURL(path);
}

/**
 * The senders a listener in the background, offscreen document, a panel or a content script can meet, as Chrome and
 * Firefox describe them. Built per test: the fake browser's id is reset before each one.
 */
function senders(): { name: string; sender: Sender; kind: SenderKind }[] {
  const id = fakeBrowser.runtime.id;
  const other = 'abcdefghijklmnopabcdefghijklmnop';
  const ticketTab = tab(ownTabId, ticketUrl);
  return [
    {
      name: 'our content script (top frame)',
      sender: { id, tab: ticketTab, frameId: 0, url: ticketUrl, origin: 'https://shop.zendesk.com' },
      kind: 'content script',
    },
    {
      name: 'our content script (subframe)',
      sender: { id, tab: ticketTab, frameId: 4, url: 'https://shop.zendesk.com/frame/composer' },
      kind: 'content script',
    },
    // Extension pages in their own contexts: no tab.
    { name: 'the side panel', sender: { id, url: ours('/sidepanel.html?tabId=7') }, kind: 'our page' },
    { name: 'the options page', sender: { id, url: ours('/options.html') }, kind: 'our page' },
    { name: 'the offscreen document', sender: { id, url: ours('/offscreen.html') }, kind: 'our page' },
    { name: 'the background service worker', sender: { id, url: ours('/background.js') }, kind: 'our page' },
    // Firefox's background page, and Chrome builds that leave the worker's URL out: our id, no tab, no URL.
    { name: 'the background without a URL', sender: { id }, kind: 'our page' },
    // A panel page opened as a tab of its own (top frame): one of our pages, not framed by anyone.
    {
      name: 'our page opened as a tab',
      sender: { id, tab: tab(3, ours('/sidepanel.html?tabId=7')), frameId: 0, url: ours('/sidepanel.html?tabId=7') },
      kind: 'our page',
    },
    // Our page framed in a web page has the page's tab but our URL: it may send the requests marked `framed`, for its
    // own tab only, and never speaks for the page (no posing as the content script's page report).
    {
      name: 'the in-page drawer (our page framed in the ticket page)',
      sender: { id, tab: ticketTab, frameId: 12, url: ours('/drawer.html') },
      kind: 'our framed page',
    },
    {
      name: 'our side panel page framed by a hostile page',
      sender: { id, tab: tab(ownTabId, 'https://evil.example/'), frameId: 3, url: ours('/sidepanel.html?tabId=9') },
      kind: 'our framed page',
    },
    // Refused for every message.
    {
      name: 'a web page in a tab',
      sender: {
        tab: tab(9, 'https://evil.example/'),
        frameId: 0,
        url: 'https://evil.example/',
        origin: 'https://evil.example',
      },
      kind: 'stranger',
    },
    { name: 'a web page without a tab', sender: { url: 'https://evil.example/' }, kind: 'stranger' },
    {
      name: 'a web page whose URL names our extension',
      sender: { tab: tab(9, 'https://evil.example/'), url: `https://evil.example/?next=${ours('/sidepanel.html')}` },
      kind: 'stranger',
    },
    {
      name: 'a page of an extension whose id starts like ours',
      sender: { url: `chrome-extension://${id}-evil/sidepanel.html` },
      kind: 'stranger',
    },
    {
      name: 'another extension’s page',
      sender: { id: other, url: `chrome-extension://${other}/popup.html` },
      kind: 'stranger',
    },
    {
      name: 'another extension’s content script',
      sender: { id: other, tab: ticketTab, frameId: 0, url: ticketUrl },
      kind: 'stranger',
    },
    { name: 'another extension’s background', sender: { id: other }, kind: 'stranger' },
    // Browsers never hand this out; a rule that trusted the URL alone would let it through.
    {
      name: 'another extension claiming one of our URLs',
      sender: { id: other, url: ours('/sidepanel.html?tabId=7') },
      kind: 'stranger',
    },
    { name: 'an empty sender', sender: {}, kind: 'stranger' },
  ];
}

const messageTypes = Object.keys(protocol) as MessageType[];

/** A handler for every message type, each answering its own name, so a test sees which one ran. */
function recordingHandlers(): { handlers: Handlers; calls: { type: MessageType; payload: unknown; sender: Sender }[] } {
  const calls: { type: MessageType; payload: unknown; sender: Sender }[] = [];
  const handlers: Record<string, (payload: unknown, sender: Sender) => unknown> = {};
  for (const type of messageTypes) {
    handlers[type] = (payload, sender) => {
      calls.push({ type, payload, sender });
      return `handled ${type}`;
    };
  }
  // The record holds a handler under every key of the protocol; Handlers only narrows each one's payload type.
  return { handlers: handlers as Handlers, calls };
}

type Listener = Parameters<typeof browser.runtime.onMessage.addListener>[0];

/** The listeners this test added, as the browser holds them: called with message, sender and `sendResponse`. */
let listeners: Listener[] = [];

beforeEach(() => {
  listeners = [];
});

/** `handleMessages`, keeping hold of the listener it adds so `deliver` can call it as the browser does. */
function listen(...args: Parameters<typeof handleMessages>): () => void {
  const addListener = vi.spyOn(browser.runtime.onMessage, 'addListener');
  const stop = handleMessages(...args);
  listeners.push(...addListener.mock.calls.map(([listener]) => listener));
  addListener.mockRestore();
  return stop;
}

/**
 * Delivers `message` with `sender` to every listener added so far, as the browser would. Resolves with the answer
 * sent back, or `'left for others'` when no listener took the message (none returned `true`).
 */
async function deliver(message: unknown, sender: Sender): Promise<Answer | 'left for others'> {
  let respond: (answer: Answer) => void = () => undefined;
  const answered = new Promise<Answer>((resolve) => {
    respond = resolve;
  });
  // A listener that will answer returns `true` (it keeps the channel open); any other result leaves the message.
  const taken = listeners
    .filter((listener) => browser.runtime.onMessage.hasListener(listener))
    .map((listener): unknown => listener(message, sender, respond));
  if (!taken.some((result) => result === true)) return 'left for others';
  return answered;
}

function envelope(type: string, payload: unknown): unknown {
  return { rapport: 1, type, payload };
}

/**
 * Payloads that pass validation, for the types whose schema needs fields (the rest accept `{}`). Checked against the
 * schema at run time, not typed: a sample that no longer fits (a type changed) only moves its type to the fallback
 * check below, and the sender rules stay covered either way.
 */
const validPayloads: Record<string, unknown> = {
  reportPage: {
    url: ticketUrl,
    siteLabel: 'Zendesk',
    siteKey: 'zendesk',
    enabled: true,
    conversation: null,
    error: null,
  },
  reportReplyDraft: { text: 'Hello' },
  expandSnippet: { shortcut: ';refund' },
  getTabState: { tabId: ownTabId },
  insertText: { tabId: ownTabId, text: 'Hello' },
  correctRole: { tabId: ownTabId, messageId: 'm1', role: 'customer' },
  correctMood: { tabId: ownTabId, state: 'calm' },
  resetMoodCorrection: { tabId: ownTabId },
  rereadTab: { tabId: ownTabId },
  startPicker: { tabId: ownTabId },
  useSelection: { tabId: ownTabId },
  setSiteEnabled: { tabId: ownTabId, enabled: false },
  closePanel: { tabId: ownTabId },
  forgetPick: { tabId: ownTabId },
  saveReadingReport: { tabId: ownTabId },
  redeemDrawerTicket: { ticket: 'ticket-1' },
  relayToTab: { tabId: ownTabId, type: 'toggleDrawer', payload: {} },
  openTab: { url: 'https://example.com/' },
  hasHostPermission: { origin: 'https://example.com/*' },
  recordTemplateUse: { id: 'starter-refund' },
  listEscalationRecords: { conversationKey: 'zendesk:4711' },
  getEscalationRecord: { id: 1 },
  insertIntoPage: { text: 'Hello' },
  showMood: { mood: null },
  runZendeskEscalation: {
    ticketId: '4711',
    priority: 'high',
    tags: [],
    groupId: '',
    note: 'n',
    noteRef: 'r1',
    lang: 'en',
  },
  analyzeDraft: { text: 'Hello' },
  selectMoodModel: { modelId: 'bundled', mirrorUrl: '' },
};

/** A payload for `type` that its schema accepts, or null when this file has none (a newly added type). */
function validPayloadFor(type: MessageType): unknown {
  const sample = validPayloads[type] ?? {};
  return protocol[type].payload.safeParse(sample).success ? sample : null;
}

/** Sends `type` from `sender` with a valid payload (or, lacking one, an invalid one) and says what came of it. */
async function outcome(type: MessageType, sender: Sender): Promise<'handled' | 'refused' | 'passed the sender check'> {
  const payload = validPayloadFor(type);
  const answer = await deliver(envelope(type, payload), sender);
  if (answer === 'left for others') throw new Error(`${type} was not taken by the listener`);
  if (answer.ok) {
    expect(answer.value).toBe(`handled ${type}`);
    return 'handled';
  }
  if (answer.error.code === 'messaging/bad-sender') return 'refused';
  // Without a valid sample the payload check comes second: failing it shows the sender check passed.
  expect({ type, code: answer.error.code }).toEqual({ type, code: 'messaging/bad-payload' });
  expect(payload).toBeNull();
  return 'passed the sender check';
}

describe('message protocol sender rules', () => {
  it('every message type names who sends it, and a framed page is only ever let into extension requests', () => {
    for (const type of messageTypes) {
      expect(['content', 'extension'], type).toContain(protocol[type].from);
      if (isFramedType(type)) expect(protocol[type].from, type).toBe('extension');
    }
    // The test below would prove little if most types had no valid sample.
    const withSample = messageTypes.filter((type) => validPayloadFor(type) !== null);
    expect(withSample.length).toBeGreaterThan(messageTypes.length * 0.8);
  });

  // One case per sender: every message type is tried from it; the handler runs exactly for the allowed ones.
  for (const { name, kind } of senders()) {
    it(`from ${name} (${kind})`, async () => {
      const sender = senders().find((candidate) => candidate.name === name)?.sender ?? {};
      const { handlers, calls } = recordingHandlers();
      listen(handlers);
      const results: Record<string, string> = {};
      const expected: Record<string, string> = {};
      for (const type of messageTypes) {
        const result = await outcome(type, sender);
        results[type] = result === 'refused' ? 'refused' : 'allowed';
        expected[type] = mayAlwaysSend(kind, type) ? 'allowed' : 'refused';
      }
      expect(results).toEqual(expected);
      for (const call of calls) {
        expect(mayAlwaysSend(kind, call.type), call.type).toBe(true);
        expect(call.sender).toBe(sender);
      }
    });
  }

  it('lets a framed page act for its own tab only, whatever tab id it names', async () => {
    const { handlers, calls } = recordingHandlers();
    listen(handlers);
    const drawer = senders().find((entry) => entry.kind === 'our framed page')?.sender ?? {};
    const naming = messageTypes.filter((type) => {
      const sample = validPayloadFor(type);
      return isFramedType(type) && typeof sample === 'object' && sample !== null && 'tabId' in sample;
    });
    expect(naming.length).toBeGreaterThan(5);
    for (const type of naming) {
      const sample = validPayloadFor(type);
      const otherTab = { ...(typeof sample === 'object' ? sample : {}), tabId: ownTabId + 1 };
      const answer = await deliver(envelope(type, otherTab), drawer);
      expect(answer, type).toMatchObject({ ok: false, error: { code: 'messaging/bad-sender' } });
    }
    expect(calls).toEqual([]);
    // The same requests from the side panel may name any tab: it serves whichever tab the browser opened it for.
    const panel = senders().find((entry) => entry.name === 'the side panel')?.sender ?? {};
    for (const type of naming) {
      const sample = validPayloadFor(type);
      const answer = await deliver(envelope(type, { ...(typeof sample === 'object' ? sample : {}), tabId: 42 }), panel);
      expect(answer, type).toEqual({ ok: true, value: `handled ${type}` });
    }
  });

  it('asks the receiver before taking a framed page’s request, and only a framed page’s', async () => {
    const { handlers, calls } = recordingHandlers();
    const admitted: boolean[] = [];
    let admit = false;
    listen(handlers, {
      admitFramed: async () => {
        admitted.push(admit);
        return admit;
      },
    });
    const drawer = senders().find((entry) => entry.kind === 'our framed page')?.sender ?? {};
    const panel = senders().find((entry) => entry.name === 'the side panel')?.sender ?? {};
    const framedTypes = messageTypes.filter((type) => isFramedType(type) && validPayloadFor(type) !== null);
    expect(framedTypes.length).toBeGreaterThan(0);

    // A frame the receiver does not admit (no redeemed ticket) gets nothing, not even its own tab's state.
    for (const type of framedTypes) expect(await outcome(type, drawer), type).toBe('refused');
    expect(calls).toEqual([]);
    // Our pages in their own contexts never depend on it.
    const consulted = admitted.length;
    for (const type of framedTypes) expect(await outcome(type, panel), type).toBe('handled');
    expect(admitted).toHaveLength(consulted);

    admit = true;
    for (const type of framedTypes) expect(await outcome(type, drawer), type).toBe('handled');
  });

  it('checks the sender before the payload, so a refused sender learns nothing about the expected shape', async () => {
    const { handlers } = recordingHandlers();
    listen(handlers);
    const webPage = { url: 'https://evil.example/', tab: tab(9, 'https://evil.example/') };
    for (const type of messageTypes) {
      const answer = await deliver(envelope(type, { nonsense: true }), webPage);
      expect(answer, type).toMatchObject({ ok: false, error: { code: 'messaging/bad-sender' } });
    }
  });

  it('tells our content script apart from our own pages, other extensions and web pages', () => {
    const all = senders();
    expect(all.some((entry) => entry.kind === 'content script')).toBe(true);
    for (const { name, sender, kind } of all)
      expect(isContentScriptSender(sender), name).toBe(kind === 'content script');
  });
});

describe('handleMessages', () => {
  it('validates payloads and hands the handler only what the schema allows', async () => {
    const { handlers, calls } = recordingHandlers();
    listen(handlers);
    const panel = { id: fakeBrowser.runtime.id, url: ours('/sidepanel.html?tabId=7') };

    await expect(deliver(envelope('getTabState', { tabId: 7, extra: 'dropped' }), panel)).resolves.toEqual({
      ok: true,
      value: 'handled getTabState',
    });
    expect(calls).toEqual([{ type: 'getTabState', payload: { tabId: 7 }, sender: panel }]);

    for (const payload of [{ tabId: -1 }, { tabId: 1.5 }, { tabId: '7' }, {}, null, 'getTabState']) {
      const answer = await deliver(envelope('getTabState', payload), panel);
      expect(answer, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'messaging/bad-payload' } });
    }
    // Text fields have a ceiling: nothing can make the panel push megabytes into an editor.
    const tooLong = await deliver(envelope('insertText', { tabId: 7, text: 'x'.repeat(100_001) }), panel);
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'messaging/bad-payload' } });
    expect(calls).toHaveLength(1);
  });

  it('leaves messages it does not handle for other listeners, and answers nothing to non-protocol messages', async () => {
    const { handlers, calls } = recordingHandlers();
    // This context handles one type; the rest belong to other listeners in the same context.
    listen({ getTabState: handlers.getTabState });
    const panel = { id: fakeBrowser.runtime.id, url: ours('/sidepanel.html') };

    await expect(deliver(envelope('insertText', { tabId: 7, text: 'x' }), panel)).resolves.toBe('left for others');
    for (const message of [
      null,
      'getTabState',
      { type: 'getTabState', payload: { tabId: 7 } },
      { rapport: 2, type: 'getTabState', payload: { tabId: 7 } },
      { rapport: 1, type: 'getTabState' },
      envelope('toString', {}),
      envelope('__proto__', {}),
      envelope('deleteEverything', {}),
    ]) {
      await expect(deliver(message, panel), JSON.stringify(message)).resolves.toBe('left for others');
    }
    expect(calls).toEqual([]);
  });

  it('stays silent where the context declines, so the live listener answers', async () => {
    const { handlers, calls } = recordingHandlers();
    listen({ readPage: handlers.readPage }, { accept: () => false });
    const background = { id: fakeBrowser.runtime.id };
    await expect(deliver(envelope('readPage', {}), background)).resolves.toBe('left for others');
    expect(calls).toEqual([]);
  });

  it('sends thrown errors back as { code, message }', async () => {
    listen({
      getTabState: () => {
        throw new Error('boom');
      },
    });
    const panel = { id: fakeBrowser.runtime.id, url: ours('/sidepanel.html') };
    await expect(deliver(envelope('getTabState', { tabId: 1 }), panel)).resolves.toEqual({
      ok: false,
      error: { code: 'internal/unexpected', message: 'boom' },
    });
  });

  it('stops listening when removed', async () => {
    const { handlers, calls } = recordingHandlers();
    const stop = listen(handlers);
    stop();
    const panel = { id: fakeBrowser.runtime.id, url: ours('/sidepanel.html') };
    await expect(deliver(envelope('getTabState', { tabId: 7 }), panel)).resolves.toBe('left for others');
    expect(calls).toEqual([]);
  });
});

describe('other extensions and web pages', () => {
  /** Every source file of the extension (what the bundles are built from). */
  function sourceFiles(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sourceFiles(path);
      return /\.(ts|tsx)$/.test(name) ? [path] : [];
    });
  }

  it('have no way in: nothing listens for external messages or connections, and none are declared', () => {
    // `runtime.onMessage` only ever carries our own contexts' messages; other extensions and (with
    // `externally_connectable`) web pages reach the `*External` events, which Rapport never listens to.
    const root = resolve(import.meta.dirname, '../..');
    const files = [
      ...['entrypoints', 'lib', 'components'].flatMap((dir) => sourceFiles(join(root, dir))),
      join(root, 'wxt.config.ts'),
    ];
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      expect(source, file).not.toMatch(/onMessageExternal|onConnectExternal|externally_connectable/);
    }
  });
});
