import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';

export default defineBackground(() => {
  browser.commands.onCommand.addListener((command, tab) => {
    console.log('command', command, tab?.id);
    (globalThis as unknown as { lastCommand: string }).lastCommand = command;
    if (tab?.id) void chrome.sidePanel.open({ tabId: tab.id }).catch((e) => console.log('open failed', String(e)));
  });
  void chrome.sidePanel.setPanelBehavior({ openPanelOnActionClick: true });
});
