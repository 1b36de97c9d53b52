// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleMessages, isAllowedSender, type MessageType, type Sender } from '../../../lib/messaging';

const id = fakeBrowser.runtime.id;
const page = (path: string) => `chrome-extension://${id}/${path}`;

/** A sender as the browser describes it, with only the fields the rules look at (a tab needs only its id here). */
function sender(fields: {
  id?: string;
  url?: string;
  origin?: string;
  frameId?: number;
  tab?: { id: number };
}): Sender {
  return fields as Sender;
}

/** Who may write to us. */
const senders = {
  contentScript: sender({ id, tab: { id: 7 }, frameId: 0, url: 'https://shop.zendesk.com/agent/tickets/1' }),
  sidePanel: sender({ id, url: page('sidepanel.html?tabId=7') }),
  settingsTab: sender({ id, tab: { id: 9 }, frameId: 0, url: page('options.html') }),
  background: sender({ id }),
  drawer: sender({ id, tab: { id: 7 }, frameId: 3, url: page('drawer.html') }),
  otherExtension: sender({ id: 'another-extension', url: 'chrome-extension://another-extension/page.html' }),
  otherExtensionInTab: sender({
    id: 'another-extension',
    tab: { id: 7 },
    frameId: 0,
    url: 'https://shop.zendesk.com/',
  }),
  webPage: sender({ tab: { id: 7 }, frameId: 0, url: 'https://evil.example/', origin: 'https://evil.example' }),
};

async function allowed(type: MessageType, sender: Sender, admit?: boolean): Promise<boolean> {
  return isAllowedSender(type, sender, admit === undefined ? undefined : () => admit);
}

describe('message protocol sender rules', () => {
  it('takes content-script requests from our content scripts only', async () => {
    expect(await allowed('reportPage', senders.contentScript)).toBe(true);
    for (const sender of [
      senders.sidePanel,
      senders.settingsTab,
      senders.background,
      senders.drawer,
      senders.otherExtensionInTab,
      senders.webPage,
    ]) {
      expect(await allowed('reportPage', sender)).toBe(false);
      expect(await allowed('issueDrawerTicket', sender)).toBe(false);
    }
  });

  it('takes extension-only requests from our pages and the background, never from a content script', async () => {
    for (const sender of [senders.sidePanel, senders.settingsTab, senders.background]) {
      expect(await allowed('getTabState', sender)).toBe(true);
      expect(await allowed('deleteMoodCorrections', sender)).toBe(true);
      expect(await allowed('insertIntoPage', sender)).toBe(true);
    }
    expect(await allowed('getTabState', senders.contentScript)).toBe(false);
    expect(await allowed('insertIntoPage', senders.contentScript)).toBe(false);
  });

  it('refuses another extension and a web page everything', async () => {
    for (const type of ['reportPage', 'getTabState', 'insertIntoPage', 'redeemDrawerTicket'] as const) {
      for (const sender of [senders.otherExtension, senders.otherExtensionInTab, senders.webPage]) {
        expect(await allowed(type, sender, true)).toBe(false);
      }
    }
  });

  it('takes from a page framed in a tab only the requests marked for the drawer, and only once admitted', async () => {
    // Never what only the side panel, the settings page or the background send, admitted or not.
    for (const type of ['deleteMoodCorrections', 'selectMoodModel', 'getMoodModelState', 'insertIntoPage'] as const) {
      expect(await allowed(type, senders.drawer, true)).toBe(false);
    }
    expect(await allowed('getTabState', senders.drawer, true)).toBe(true);
    expect(await allowed('getTabState', senders.drawer, false)).toBe(false);
  });

  it('lets a framed page name its own tab only', async () => {
    const listeners: Parameters<typeof fakeBrowser.runtime.onMessage.addListener>[0][] = [];
    vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener').mockImplementation((listener) => listeners.push(listener));
    const seen: number[] = [];
    handleMessages(
      {
        rereadTab({ tabId }) {
          seen.push(tabId);
          return undefined;
        },
      },
      { admitFramed: () => true },
    );
    const ask = (tabId: number, sender: Sender) =>
      new Promise<unknown>((answer) => {
        listeners[0]?.({ rapport: 1, type: 'rereadTab', payload: { tabId } }, sender, answer);
      });
    expect(await ask(7, senders.drawer)).toEqual({ ok: true, value: undefined });
    expect(await ask(8, senders.drawer)).toMatchObject({ ok: false, error: { code: 'messaging/bad-sender' } });
    // The side panel may show any tab.
    expect(await ask(8, senders.sidePanel)).toEqual({ ok: true, value: undefined });
    expect(seen).toEqual([7, 8]);
  });
});
