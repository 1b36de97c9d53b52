import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { AppError, serializeError } from '../lib/errors';
import { pruneEscalations } from '../lib/escalation/records';
import { moveSecretsOutOfLocalStorage } from '../lib/escalation/secrets';
import { resolveLanguage } from '../lib/i18n';
import { handleMessages, type PageReport, type PanelPush, parsePanelPortName, sendToTab } from '../lib/messaging';
import { createMoodEngine } from '../lib/models/mood-engine';
import { createAnalysisSessions } from '../lib/panel/analysis-session';
import { createDrawerGate, frameRelayHandlers } from '../lib/panel/frame-relay';
import {
  conversationMoodTarget,
  correctionText,
  deleteAllMoodCorrections,
  latestCustomerMessage,
  loadMoodCorrections,
  removeMoodCorrections,
  resetTargets,
  saveMoodCorrection,
} from '../lib/panel/mood-corrections';
import { createLocalPanelData } from '../lib/panel/panel-data';
import { panelDataHandlers, servePanelDataWatches } from '../lib/panel/panel-data-service';
import { loadRoleCorrections, saveRoleCorrection } from '../lib/panel/role-corrections';
import { TabStates, toBadgeMood } from '../lib/panel/tab-states';
import { configurePanelDefaults, togglePanel } from '../lib/panel/toggle';
import { expandSnippet, listSnippetShortcuts } from '../lib/replies/snippet-expansion';
import { listActiveTemplates, recordTemplateUse } from '../lib/replies/templates/library';
import { ensureStarterPackOnce } from '../lib/replies/templates/starter-pack';
import { getSettings, markShortcutHintSeen, updateSettings } from '../lib/settings';
import { runtimeSiteMatches } from '../lib/sites/matches';

type Port = ReturnType<typeof browser.runtime.connect>;

export default defineBackground(() => {
  const tabs = new TabStates();
  const panels = new Map<number, Port>();
  const openPorts = new Set<Port>();
  // Where the mood comes from, chosen once for this browser (lib/models/mood-engine.ts).
  const engine = createMoodEngine();
  const analysis = createAnalysisSessions({ engine, tabs, push, showMood: showBadgeMood });
  // Issue 20: the in-page drawer renders and asks for anything only after redeeming a ticket for its own tab.
  const drawerGate = createDrawerGate();
  const panelData = createLocalPanelData();

  function push(tabId: number): void {
    const port = panels.get(tabId);
    if (!port) return;
    const message: PanelPush = { type: 'tab-state', state: tabs.get(tabId) };
    try {
      port.postMessage(message);
    } catch {
      // The panel closed between our check and the post; its onDisconnect cleans up.
    }
  }

  async function showBadgeMood(tabId: number): Promise<void> {
    await sendToTab(tabId, 'showMood', { mood: toBadgeMood(tabs.get(tabId).mood, tabs.get(tabId).health) }).catch(
      () => {
        // The page navigated away or has no content script; its next report brings a fresh mood.
      },
    );
  }

  async function acceptReport(tabId: number, incoming: PageReport): Promise<void> {
    const previousKey = tabs.get(tabId).report?.conversation;
    const report = tabs.carryOver(tabId, incoming);
    const state = tabs.setReport(tabId, report);
    const conversation = state.report?.conversation;
    const isNewConversation =
      conversation && (previousKey?.site !== conversation.site || previousKey?.id !== conversation.id);
    if (conversation && isNewConversation) {
      // The agent's earlier role corrections for this conversation stick across visits.
      const stored = await loadRoleCorrections(conversation).catch(() => ({}));
      if (Object.keys(stored).length > 0) tabs.setRoleCorrections(tabId, stored);
      // So do their "Mood wrong?" corrections (applied to every mood stored for the conversation from now on).
      const moods = await loadMoodCorrections(conversation).catch(() => ({}));
      if (Object.keys(moods).length > 0) tabs.setMoodCorrections(tabId, moods);
    }
    push(tabId);
    void analysis.analyze(tabId);
  }

  /** Asks the tab's content script to read now; injects it on demand where the agent granted access (activeTab). */
  async function rereadTab(tabId: number): Promise<void> {
    try {
      await acceptReport(tabId, await sendToTab(tabId, 'readPage', {}));
    } catch (error) {
      const injected = await injectContentScript(tabId);
      if (injected) {
        await acceptReport(tabId, await sendToTab(tabId, 'readPage', {}));
        return;
      }
      // The tab moved on to a page Rapport may not read: keep what was shown, marked as the previous page's.
      if (tabs.get(tabId).report?.conversation) {
        tabs.update(tabId, { stale: true });
        push(tabId);
        return;
      }
      const tab = await browser.tabs.get(tabId).catch(() => undefined);
      tabs.update(tabId, {
        report: {
          url: tab?.url ?? '',
          siteLabel: tab?.url ? new URL(tab.url).host : '',
          siteKey: '',
          enabled: false,
          conversation: null,
          error: {
            code: 'adapter/no-access',
            message: `Rapport has no access to this page (${serializeError(error).message}). Use the toolbar button or shortcut on the page to grant access.`,
          },
        },
      });
      push(tabId);
    }
  }

  async function injectContentScript(tabId: number): Promise<boolean> {
    try {
      await browser.scripting.executeScript({ target: { tabId }, files: ['/content-scripts/content.js'] });
      return true;
    } catch {
      // No host permission and no activeTab grant for this page: the caller reports it to the panel.
      return false;
    }
  }

  handleMessages(
    {
      reportReplyDraft({ text }, sender) {
        const tabId = sender.tab?.id;
        if (tabId !== undefined) {
          tabs.update(tabId, { replyDraft: { text, at: Date.now() } });
          push(tabId);
        }
        return undefined;
      },
      reportPage(report, sender) {
        const tabId = sender.tab?.id;
        if (tabId !== undefined) void acceptReport(tabId, report);
        return undefined;
      },
      async listSnippetShortcuts() {
        return listSnippetShortcuts(await listActiveTemplates());
      },
      async expandSnippet({ shortcut, values }, sender) {
        const state = sender.tab?.id === undefined ? null : tabs.get(sender.tab.id);
        const settings = await getSettings();
        const { templateId, expansion } = expandSnippet(
          shortcut,
          {
            conversation: state?.report?.conversation ?? null,
            language: state?.mood?.language ?? 'other',
            uiLanguage: resolveLanguage(settings.language, navigator.language),
            formality: settings.replies.germanFormality,
            agentName: settings.agent.name,
            ...(values ? { values } : {}),
          },
          await listActiveTemplates(),
        );
        if (templateId && expansion.found && expansion.missing.length === 0) {
          // Usage only orders suggestions: a failed count is not worth bothering the agent with.
          void recordTemplateUse(templateId).catch(() => undefined);
        }
        return expansion;
      },
      togglePanelFromPage(_payload, sender) {
        const tab = sender.tab;
        if (!tab?.id) return { open: false, via: 'side-panel' as const };
        return togglePanel(tab.id, panels.has(tab.id), {
          fromPage: true,
          closePanel: () => closePanelPort(tab.id ?? -1),
        });
      },
      getTabState({ tabId }) {
        return tabs.get(tabId);
      },
      async insertText({ tabId, text }) {
        return sendToTab(tabId, 'insertIntoPage', { text });
      },
      async correctRole({ tabId, messageId, role }) {
        tabs.correctRole(tabId, messageId, role);
        const conversation = tabs.get(tabId).report?.conversation;
        if (conversation) await saveRoleCorrection(conversation, messageId, role);
        push(tabId);
        await analysis.analyze(tabId);
        return undefined;
      },
      async correctMood({ tabId, messageId, state }) {
        const target = messageId ?? conversationMoodTarget;
        const { report, mood } = tabs.get(tabId);
        const conversation = report?.conversation;
        const text = conversation ? correctionText(conversation, target) : null;
        if (!conversation || text === null) {
          throw new AppError('panel/no-message', 'That message is no longer in the conversation; read the page again.');
        }
        tabs.correctMood(tabId, target, { state, text });
        push(tabId);
        await showBadgeMood(tabId);
        const about = target === conversationMoodTarget ? latestCustomerMessage(conversation)?.id : target;
        const language = (about ? mood?.messages[about]?.language : undefined) ?? mood?.language ?? 'other';
        await saveMoodCorrection(conversation, target, { state, text, language });
        return undefined;
      },
      async resetMoodCorrection({ tabId, messageId }) {
        const conversation = tabs.get(tabId).report?.conversation;
        if (!conversation) return undefined;
        const targets = resetTargets(conversation, messageId ?? conversationMoodTarget);
        tabs.resetMood(tabId, targets);
        push(tabId);
        await showBadgeMood(tabId);
        await removeMoodCorrections(conversation, targets);
        return undefined;
      },
      async deleteMoodCorrections() {
        const deleted = await deleteAllMoodCorrections();
        for (const tabId of tabs.clearMoodCorrections()) {
          push(tabId);
          void showBadgeMood(tabId);
        }
        return { deleted };
      },
      async rereadTab({ tabId }) {
        await rereadTab(tabId);
        return undefined;
      },
      async startPicker({ tabId }) {
        await acceptReport(tabId, await sendToTab(tabId, 'pickConversationArea', {}));
        return undefined;
      },
      async useSelection({ tabId }) {
        await acceptReport(tabId, await sendToTab(tabId, 'readSelection', {}));
        return undefined;
      },
      async setSiteEnabled({ tabId, enabled }) {
        const key = tabs.get(tabId).report?.siteKey;
        if (key) await updateSettings({ sites: { [key]: enabled } });
        await rereadTab(tabId);
        return undefined;
      },
      // Panels reach the mood engine through the background, wherever the engine runs.
      analyzeDraft: ({ text }) => engine.analyzeText(text),
      selectMoodModel: (selection) => engine.selectMoodModel(selection),
      getMoodModelState: () => engine.moodModelState(),
      closePanel({ tabId }) {
        closePanelPort(tabId);
        return undefined;
      },
      async forgetPick({ tabId }) {
        await acceptReport(tabId, await sendToTab(tabId, 'forgetPickInPage', {}));
        return undefined;
      },
      async saveReadingReport({ tabId }) {
        const { json } = await sendToTab(tabId, 'describeReading', {});
        const site = tabs.get(tabId).report?.siteKey.replace(/[^\w.-]+/g, '-') || 'page';
        const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
        return { fileName: `rapport-reading-report-${site}-${stamp}.json`, json };
      },
      ...frameRelayHandlers,
      ...drawerGate.handlers,
      // The in-page drawer's stored data: it has no IndexedDB of its own where third-party storage is blocked.
      ...panelDataHandlers(panelData),
    },
    { admitFramed: drawerGate.admitFramed },
  );

  function closePanelPort(tabId: number): void {
    const port = panels.get(tabId);
    const message: PanelPush = { type: 'close' };
    port?.postMessage(message);
  }

  // The drawer's change feeds (templates, escalation records): a framed page only once its frame was admitted.
  servePanelDataWatches(panelData, (sender) => drawerGate.admitsPort(sender, sender?.tab?.id ?? -1));

  browser.runtime.onConnect.addListener((port) => {
    const tabId = parsePanelPortName(port.name);
    if (tabId === null) return;
    let gone = false;
    port.onDisconnect.addListener(() => {
      gone = true;
    });
    // A drawer's port is taken only from an admitted frame and only for its own tab (issue 20).
    void drawerGate.admitsPort(port.sender, tabId).then((admitted) => {
      if (!admitted) port.disconnect();
      else if (!gone) acceptPanelPort(port, tabId);
    });
  });

  function acceptPanelPort(port: Port, tabId: number): void {
    panels.set(tabId, port);
    openPorts.add(port);
    port.onDisconnect.addListener(() => {
      openPorts.delete(port);
      if (panels.get(tabId) !== port) return;
      panels.delete(tabId);
      // The panel holds two ports (presence + UI); the tab stays marked open while another one lives.
      for (const other of openPorts) if (parsePanelPortName(other.name) === tabId) panels.set(tabId, other);
    });
    push(tabId);
    // An opening panel means a conversation is about to be read: wake the analysis path (a cached answer, ~1 ms of
    // work) so the first mood does not wait for an idle offscreen document to get going.
    void analysis.warmUp().catch(() => undefined);
    void rereadTab(tabId);
  }

  // The panel follows its tab: after a page load it reads the new page (or says the old reading is the previous
  // page's, where Rapport may not read the new one). Declared sites report by themselves; this covers the others.
  browser.tabs.onUpdated.addListener((tabId, changeInfo) => {
    if (changeInfo.status === 'complete' && panels.has(tabId)) void rereadTab(tabId);
  });

  browser.tabs.onRemoved.addListener((tabId) => {
    tabs.delete(tabId);
    analysis.forget(tabId);
    void drawerGate.forgetTab(tabId).catch(() => undefined);
  });

  // Toolbar button and keyboard command both toggle: open when closed, close when open.
  browser.action.onClicked.addListener((tab) => {
    if (tab.id !== undefined)
      void togglePanel(tab.id, panels.has(tab.id), { closePanel: () => closePanelPort(tab.id ?? -1) });
  });
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'toggle-panel' && tab?.id !== undefined) {
      void togglePanel(tab.id, panels.has(tab.id), { closePanel: () => closePanelPort(tab.id ?? -1) });
      // Issue 22: the panel shows the shortcut until it was used once. After the toggle call: opening a panel must
      // follow the key press without waiting on storage.
      void markShortcutHintSeen().catch((error: unknown) =>
        console.warn('Rapport: could not record that the shortcut was used', error),
      );
    }
  });

  // After an update or reload, replace the old content scripts in open tabs: the new one tells the old to stop and
  // remove its badge, so no dead UI stays behind.
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason !== 'update' && reason !== 'install') return;
    void ensureStarterPackOnce().catch((error: unknown) =>
      console.warn('Rapport: starter templates not installed', error),
    );
    // Issue 22: a new install opens the settings page, which starts with the welcome while the first run is not done
    // (an install over a profile whose settings say it was done, e.g. restored from a backup, opens nothing).
    if (reason === 'install') void openWelcome();
    // The hosts this build declares (a store build has no demo hosts): read from its manifest.
    void browser.tabs.query({ url: runtimeSiteMatches(browser.runtime.getManifest()) }).then((open) => {
      for (const tab of open) if (tab.id !== undefined) void injectContentScript(tab.id);
    });
  });

  async function openWelcome(): Promise<void> {
    try {
      if ((await getSettings()).firstRunDone) return;
      // The manifest asks for the settings in a tab: this opens one, or shows the one already open.
      await browser.runtime.openOptionsPage();
    } catch (error) {
      // The welcome also shows whenever the agent opens the settings, and the panel points there until it is done.
      console.warn('Rapport: could not open the welcome', error);
    }
  }

  // Start the analysis host (and its model) with the browser, not with the agent's first conversation. Firefox also runs
  // this whenever it wakes its suspended background page, so an agent coming back to the helpdesk finds the model
  // loaded (`npm run bench -- firefox`: first mood 0.3 s after a minute away with it; 2.2 s for the model loading on a
  // first request).
  void analysis.warmUp().catch(() => {
    // Retried by the first analysis, which reports the error to the panel.
  });

  // Issue 20: escalation records (with their unmasked summary) go after the retention the team set. The background
  // starts with the browser and again whenever it was suspended, which is often enough for a limit counted in days.
  void getSettings()
    .then((settings) => pruneEscalations(settings.escalation.recordRetentionDays))
    .catch((error: unknown) => console.warn('Rapport: could not remove old escalation records', error));

  // Issue 20: secrets an older version kept in storage.local (readable by content scripts) move to IndexedDB.
  void moveSecretsOutOfLocalStorage().catch((error: unknown) =>
    console.warn('Rapport: could not move the escalation secrets out of storage.local', error),
  );

  void configurePanelDefaults().catch(() => {
    // Older browsers without panel options still toggle through togglePanel.
  });
});
