import { browser } from 'wxt/browser';

export interface Drawer {
  toggle(): boolean;
  isOpen(): boolean;
}

/**
 * The in-page drawer: the panel UI, framed from the extension, where a page click may not open the browser's own side
 * panel or sidebar. Created on first use so pages that never open it pay nothing. The frame loads `drawer.html` with a
 * one-time ticket in its fragment (`issueTicket`, from the background, bound to this tab); the drawer renders nothing
 * until the background has redeemed it. The frame sits in our closed shadow root, so the page can read neither the
 * ticket nor the extension's address (issue 20).
 */
export function createDrawer(container: HTMLElement, title: string, issueTicket: () => Promise<string>): Drawer {
  let drawer: HTMLElement | null = null;
  return {
    toggle() {
      if (!drawer) {
        drawer = container.ownerDocument.createElement('div');
        drawer.className = 'drawer';
        const frame = container.ownerDocument.createElement('iframe');
        frame.title = title;
        // The panel's Copy buttons: a framed page may only write to the clipboard when its frame allows it.
        frame.allow = 'clipboard-write';
        drawer.append(frame);
        container.append(drawer);
        void issueTicket().then(
          (ticket) => {
            // Chrome answers with the per-session address (`use_dynamic_url`), which a page cannot guess.
            frame.src = `${browser.runtime.getURL('/drawer.html')}#${ticket}`;
          },
          () => {
            // No ticket (the background is restarting or Rapport was updated): the drawer stays empty; the next page
            // load brings a fresh content script.
          },
        );
      }
      const open = drawer.dataset.open !== 'true';
      drawer.dataset.open = String(open);
      return open;
    },
    isOpen() {
      return drawer?.dataset.open === 'true';
    },
  };
}
