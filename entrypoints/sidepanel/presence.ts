import { browser } from 'wxt/browser';
import { isPanelPush, panelPortName } from '../../lib/messaging';
import { isFramed } from '../../lib/panel/frame-guard';

// Loaded before the panel's UI bundle: tells the background at once that this tab's panel is open, so a second press
// of the shortcut closes it even while the UI is still loading. The UI opens its own port for the tab's state.
const params = new URLSearchParams(location.search);
const tabId = Number(params.get('tabId'));
// Never from a frame: the side panel page refuses to run inside another page (issue 20).
if (!isFramed() && params.get('tabId') !== null && Number.isInteger(tabId) && tabId >= 0) {
  const port = browser.runtime.connect({ name: panelPortName(tabId) });
  port.onMessage.addListener((message: unknown) => {
    if (isPanelPush(message) && message.type === 'close') window.close();
  });
}
