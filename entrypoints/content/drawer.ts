import { browser } from 'wxt/browser';

export interface Drawer {
  toggle(): boolean;
  isOpen(): boolean;
}

/**
 * The in-page drawer: the same panel UI, framed from the extension, for browsers where a page click may not open the
 * native sidebar (Firefox). Created on first use so pages that never open it pay nothing.
 */
export function createDrawer(container: HTMLElement, title: string): Drawer {
  let drawer: HTMLElement | null = null;
  return {
    toggle() {
      if (!drawer) {
        drawer = container.ownerDocument.createElement('div');
        drawer.className = 'drawer';
        const frame = container.ownerDocument.createElement('iframe');
        frame.title = title;
        frame.src = browser.runtime.getURL('/sidepanel.html?tabId=current&drawer=1');
        // The panel's Copy buttons: a framed page may only write to the clipboard when its frame allows it.
        frame.allow = 'clipboard-write';
        drawer.append(frame);
        container.append(drawer);
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
