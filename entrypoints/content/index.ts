// Inlined into the badge's shadow root: on pages Rapport is injected into on demand (activeTab), a stylesheet file
// of the extension is not web-accessible, so a fetched one would leave the badge unstyled there.

import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { storage } from 'wxt/utils/storage';
import { AppError, serializeError } from '../../lib/errors';
import { runZendeskAction } from '../../lib/escalation/zendesk';
import { resolveLanguage } from '../../lib/i18n';
import { type BadgeMood, handleMessages, type PageReport, sendToExtension } from '../../lib/messaging';
import {
  getSettings,
  isSiteEnabled,
  isSnippetsEnabled,
  type Settings,
  settingsItem,
  updateSettings,
} from '../../lib/settings';
import { adapters, getAdapterFor, pickConversationArea, readSelection, watchConversation } from '../../lib/sites';
import { buildDiagnostic } from '../../lib/sites/diagnostics';
import { anchorMissing } from '../../lib/sites/dom';
import { checkReading } from '../../lib/sites/health';
import { declaredSiteMatches } from '../../lib/sites/matches';
import { pageFetchOf } from '../../lib/sites/page-fetch';
import { resolvePickedArea, sameOriginFrames } from '../../lib/sites/picker';
import { findPick, pagePatternOf, pickedAreasItem, withoutPick, withPick } from '../../lib/sites/picks';
import { createConversationReader } from '../../lib/sites/reader';
import type { Conversation, ReadContext, SiteAdapter } from '../../lib/sites/types';
import { type BadgePosition, type BadgeView, createBadge } from './badge';
import badgeCss from './badge.css?inline';
import { createContentTranslator } from './catalogue';
import { createDrawer, type Drawer } from './drawer';
import { watchReplyDraft } from './reply-draft';
import { type PageSchemeWatch, watchPageScheme } from './scheme-watch';
import { watchSnippets } from './snippets';

/** Where the agent dragged the badge, per origin. */
const badgePositions = storage.defineItem<Record<string, BadgePosition>>('local:badgePositions', { fallback: {} });

export default defineContentScript({
  matches: declaredSiteMatches,
  cssInjectionMode: 'manual',
  async main(ctx) {
    // The host page must never break because of us: nothing thrown here reaches it.
    try {
      await runContentScript(ctx);
    } catch (error) {
      if (!ctx.isInvalid) console.debug('[Rapport] stopped on this page:', serializeError(error).message);
    }
  },
});

/** Settings key for the page: known sites by id, other pages by origin. */
function siteKeyFor(adapter: SiteAdapter): string {
  return adapter.id === 'generic' ? location.origin : adapter.id;
}

function isEnabled(settings: Settings, adapter: SiteAdapter): boolean {
  const key = siteKeyFor(adapter);
  if (adapter.id === 'generic' && !isSiteEnabled(settings, 'generic') && settings.sites[key] !== true) return false;
  return isSiteEnabled(settings, key);
}

async function runContentScript(ctx: ContentScriptContext): Promise<void> {
  let settings = await getSettings();
  let picks = await pickedAreasItem.getValue();
  /** The area the agent picked on a page like this one (picks apply per page pattern, never to the whole site). */
  let picked = findPick(picks, new URL(location.href));
  const genericAdapter = adapters.find((candidate) => candidate.id === 'generic');
  /** The site's reader, or the structure reader for a picked area, whatever the site. */
  const adapterFor = (url: URL): SiteAdapter => (picked && genericAdapter ? genericAdapter : getAdapterFor(url));
  let adapter = adapterFor(new URL(location.href));
  // A newer copy (injected on install or update) may have replaced us while we awaited: its abort event has already
  // fired, so listeners registered from here on would never be removed and would answer the panel with bad-sender.
  if (ctx.isInvalid) return;
  let selectionReport: PageReport | null = null;
  const t = createContentTranslator(resolveLanguage(settings.language, navigator.language));

  const readContext = (): ReadContext => ({
    url: new URL(location.href),
    agent: {
      names: [settings.agent.name, ...settings.agent.names].filter(Boolean),
      emails: settings.agent.emails,
    },
    ...(picked ? { pickedSelector: picked.selector } : {}),
  });

  // Same-origin requests in the agent's own helpdesk session (Zendesk, Freshdesk): no token to configure.
  const reader = createConversationReader({ fetch: (url, init) => fetch(url, init) });

  async function read(): Promise<PageReport> {
    const current = adapter;
    const base = {
      url: location.href,
      siteLabel: current.label,
      siteKey: siteKeyFor(current),
      enabled: isEnabled(settings, current),
    };
    if (!base.enabled) return { ...base, conversation: null, error: null };
    if (selectionReport && selectionReport.url === location.href) return selectionReport;
    const pick = picked ? { pattern: picked.pattern, found: true } : null;
    try {
      const conversation = await readBestDocument(current);
      return {
        ...base,
        conversation: picked ? { ...conversation, source: 'picked' } : conversation,
        error: null,
        pick,
      };
    } catch (error) {
      // A picked area this page does not have: the page is read as if nothing was picked, and the panel says so.
      if (picked && error instanceof AppError && error.code === 'adapter/anchor-missing') {
        const unpicked = { pattern: picked.pattern, found: false };
        try {
          const conversation = await readBestDocument(getAdapterFor(new URL(location.href)), false);
          return { ...base, conversation, error: null, pick: unpicked };
        } catch (fallbackError) {
          return { ...base, conversation: null, error: serializeError(fallbackError), pick: unpicked };
        }
      }
      return { ...base, conversation: null, error: serializeError(error), pick };
    }
  }

  /** The frame's own address (its conversation id), or the page's where the frame's cannot be read. */
  function addressOf(doc: Document): URL {
    try {
      const href = doc.defaultView?.location.href;
      if (href?.startsWith('http')) return new URL(href);
    } catch {
      // A frame navigating away: the page's address stands in.
    }
    return new URL(location.href);
  }

  /**
   * Reads the conversation: the picked area (on the page or in a same-origin frame), else the page, else — for pages
   * read by structure — the largest shown same-origin frame that holds one (a webmail's preview pane).
   */
  async function readBestDocument(current: SiteAdapter, usePick = true): Promise<Conversation> {
    const ctxNow = readContext();
    if (usePick && picked) {
      const area = resolvePickedArea(document, picked.selector);
      if (!area) throw anchorMissing(current.label, 'the picked conversation area');
      const ctxPicked = { ...ctxNow, url: addressOf(area.doc), pickedSelector: area.selector };
      return reader.read({ adapter: current, doc: area.doc, ctx: ctxPicked });
    }
    const ctxPage = { ...ctxNow, pickedSelector: undefined };
    try {
      // The agent's session only: the Freshdesk API key is kept where content scripts cannot read it (issue 20).
      return await reader.read({ adapter: current, doc: document, ctx: ctxPage });
    } catch (error) {
      if (current.id !== 'generic') throw error;
      const frames = sameOriginFrames(document)
        .map(({ frame, doc }) => ({ doc, area: frame.getBoundingClientRect() }))
        .filter(({ area }) => area.width >= 200 && area.height >= 120)
        .sort((a, b) => b.area.width * b.area.height - a.area.width * a.area.height);
      for (const { doc } of frames) {
        try {
          return await reader.read({ adapter: current, doc, ctx: { ...ctxPage, url: addressOf(doc) } });
        } catch {
          // This frame holds no conversation either: the next one is tried, then the page's own error stands.
        }
      }
      throw error;
    }
  }

  let ui: Awaited<
    ReturnType<typeof createShadowRootUi<{ badge: BadgeView; drawer: Drawer; scheme: PageSchemeWatch }>>
  > | null = null;
  let lastReport: PageReport = {
    url: location.href,
    siteLabel: adapter.label,
    siteKey: siteKeyFor(adapter),
    enabled: isEnabled(settings, adapter),
    conversation: null,
    error: null,
  };
  /** Reads finish out of order (the API path waits on the network): only the newest one is reported. */
  let readSequence = 0;
  async function readLatest(): Promise<PageReport | null> {
    const sequence = ++readSequence;
    const next = await read();
    if (sequence !== readSequence) return null;
    lastReport = next;
    return next;
  }

  function shouldShowBadge(report: PageReport): boolean {
    if (!report.enabled || settings.badgeDismissed.includes(location.origin)) return false;
    if (report.conversation) return true;
    // On unknown pages stay invisible unless a conversation was found; on known sites a read error is worth showing.
    return adapter.id !== 'generic' && report.error?.code !== 'adapter/no-conversation';
  }

  let mounting: Promise<void> | null = null;
  /** The last mood the background sent, kept for a badge that mounts after it arrived. */
  let lastMood: BadgeMood | null | undefined;
  function ensureUi(): Promise<void> {
    mounting ??= mountUi();
    return mounting;
  }

  async function mountUi(): Promise<void> {
    if (ui || ctx.isInvalid) return;
    const positions = await badgePositions.getValue();
    const created = await createShadowRootUi(ctx, {
      name: 'rapport-badge',
      // Closed: a page script cannot reach the badge's mood text or the drawer frame's extension address (issue 20).
      mode: 'closed',
      position: 'inline',
      anchor: 'body',
      css: badgeCss,
      append: 'last',
      onMount(container, _shadow, host) {
        // Our own UI: the conversation watcher and the generic adapter skip it.
        host.setAttribute('data-rapport-ui', '');
        const badge = createBadge({
          container,
          t,
          signal: ctx.signal,
          position: positions[location.origin] ?? null,
          onOpen: () => void openPanel(),
          onDismiss: () => void dismissBadge(),
          onUndo: () => void undoDismissBadge(),
          onMoved: (position) => {
            scheme.recheck();
            void badgePositions
              .getValue()
              .then((all) => badgePositions.setValue({ ...all, [location.origin]: position }));
          },
        });
        // Light or dark as the page shows itself behind the badge, not as the browser prefers (issue 22): a helpdesk
        // in its dark theme under a light system gets the dark badge. badge.css keys its colours on this attribute.
        const scheme = watchPageScheme(document, {
          point: () => badge.anchorPoint(),
          onChange: (next) => {
            container.dataset.scheme = next;
          },
          signal: ctx.signal,
        });
        container.dataset.scheme = scheme.current();
        const issueTicket = async () => (await sendToExtension('issueDrawerTicket', {})).ticket;
        return { badge, drawer: createDrawer(container, 'Rapport', issueTicket), scheme };
      },
    });
    // A newer copy of this script (injected after an install or update) may have retired this one meanwhile: then
    // the newer one shows the badge, and this one must not leave a second.
    if (ctx.isInvalid) return;
    ui = created;
    ui.mount();
    // A mood that arrived while the badge was still being created (a conversation analysed before, answered from the
    // cache at once) would otherwise wait for the next change.
    if (lastMood !== undefined) ui.mounted?.badge.setMood(lastMood);
  }

  function updateBadge(report: PageReport): void {
    const show = shouldShowBadge(report);
    // Shown: what lies under it may have changed with the conversation (a pane opened, a page navigated).
    if (show)
      void ensureUi().then(() => {
        ui?.mounted?.badge.setVisible(true);
        ui?.mounted?.scheme.recheck();
      });
    else ui?.mounted?.badge.setVisible(false);
  }

  async function openPanel(): Promise<void> {
    try {
      const result = await sendToExtension('togglePanelFromPage', {});
      if (result.via === 'drawer') ui?.mounted?.drawer.toggle();
    } catch (error) {
      // Chrome refuses when the gesture did not carry over: fall back to the drawer so the click still works.
      if (!ctx.isInvalid && serializeError(error).code !== 'messaging/context-invalidated')
        ui?.mounted?.drawer.toggle();
    }
  }

  async function dismissBadge(): Promise<void> {
    settings = await updateSettings({ badgeDismissed: [...new Set([...settings.badgeDismissed, location.origin])] });
    updateBadge(lastReport);
  }

  async function undoDismissBadge(): Promise<void> {
    settings = await updateSettings({
      badgeDismissed: settings.badgeDismissed.filter((origin) => origin !== location.origin),
    });
    updateBadge(lastReport);
  }

  async function report(): Promise<void> {
    if (ctx.isInvalid) return;
    const next = await readLatest();
    if (!next || ctx.isInvalid) return;
    updateBadge(next);
    try {
      await sendToExtension('reportPage', lastReport);
    } catch (error) {
      // The background may be restarting; the panel re-reads on connect. Invalidated contexts stop quietly.
      if (serializeError(error).code === 'messaging/context-invalidated') ctx.abort?.();
    }
  }

  const stopHandling = handleMessages(
    {
      readPage: async () => {
        const next = (await readLatest()) ?? lastReport;
        updateBadge(next);
        return next;
      },
      insertIntoPage: ({ text }) => adapter.insert(document, text),
      showMood: ({ mood }) => {
        lastMood = mood;
        ui?.mounted?.badge.setMood(mood);
        return undefined;
      },
      async pickConversationArea() {
        const selector = await pickConversationArea(document, { signal: ctx.signal, hint: t('picker.hint') });
        if (!selector) throw new AppError('adapter/pick-cancelled', 'Picking was cancelled.');
        picked = { pattern: pagePatternOf(new URL(location.href)), selector, at: Date.now() };
        selectionReport = null;
        picks = withPick(await pickedAreasItem.getValue(), location.origin, picked);
        await pickedAreasItem.setValue(picks);
        adapter = adapterFor(new URL(location.href));
        lastReport = (await readLatest()) ?? lastReport;
        // Also report it: a report read before the pick may still be in flight and must not land last.
        void report();
        return lastReport;
      },
      async forgetPickInPage() {
        if (picked) {
          picks = withoutPick(await pickedAreasItem.getValue(), picked.pattern);
          await pickedAreasItem.setValue(picks);
        }
        picked = undefined;
        adapter = adapterFor(new URL(location.href));
        lastReport = (await readLatest()) ?? lastReport;
        void report();
        return lastReport;
      },
      readSelection() {
        // Text selected in a same-origin frame (a webmail's preview pane) counts as much as text selected on the page.
        const text =
          [window, ...sameOriginFrames(document).map((f) => f.doc.defaultView)]
            .map((view) => view?.getSelection()?.toString() ?? '')
            .find((selected) => selected.trim() !== '') ?? '';
        if (!text.trim()) throw new AppError('adapter/no-selection', 'Select the conversation text on the page first.');
        selectionReport = {
          url: location.href,
          siteLabel: adapter.label,
          siteKey: siteKeyFor(adapter),
          enabled: true,
          conversation: { ...readSelection(text, readContext(), document.title), source: 'selection' },
          error: null,
        };
        lastReport = selectionReport;
        // Also report it: a report read before the selection may still be in flight and must not land last.
        void report();
        return lastReport;
      },
      describeReading: () => ({
        json: buildDiagnostic({
          doc: document,
          adapter,
          url: new URL(location.href),
          version: browser.runtime.getManifest().version,
          conversation: lastReport.conversation,
          error: lastReport.error,
          health: lastReport.conversation ? checkReading(lastReport.conversation) : null,
          ...(picked ? { pickedSelector: picked.selector } : {}),
          // Our own badge and drawer are not the page.
          skip: (el) => el.hasAttribute('data-rapport-ui'),
        }),
      }),
      toggleDrawer: () => ({ open: ui?.mounted?.drawer.toggle() ?? false }),
      // Same-origin REST with the agent's own Zendesk session; refused anywhere but Zendesk.
      runZendeskEscalation: (input) => {
        if (adapter.id !== 'zendesk') throw new AppError('escalation/wrong-site', 'This tab is not a Zendesk ticket.');
        // The page's own fetch: in Firefox the content script's would leave the agent's session cookies behind.
        return runZendeskAction(input, { fetch: pageFetchOf(), document });
      },
    },
    { accept: () => !ctx.isInvalid },
  );

  const unwatchSettings = settingsItem.watch(() => {
    void getSettings().then((next) => {
      settings = next;
      void report();
    });
  });

  const watcher = watchConversation(
    document,
    { observeTarget: (doc) => adapter.observeTarget(doc) },
    () => void report(),
    { signal: ctx.signal, onError: () => undefined },
  );
  watchReplyDraft(
    document,
    (text) => void sendToExtension('reportReplyDraft', { text }).catch(() => undefined),
    ctx.signal,
  );
  // Typed shortcuts expand only where the agent switched snippets on, and only where Rapport itself is on.
  watchSnippets(document, {
    isEnabled: () =>
      isEnabled(settings, adapter) && isSnippetsEnabled(settings, siteKeyFor(adapter), adapter.id === 'generic'),
    listShortcuts: () => sendToExtension('listSnippetShortcuts', {}),
    expand: (shortcut, values) => sendToExtension('expandSnippet', { shortcut, ...(values ? { values } : {}) }),
    t,
    language: resolveLanguage(settings.language, navigator.language),
    signal: ctx.signal,
  });
  // A preview pane loading another message changes nothing in the page itself: its frame's load event tells.
  document.addEventListener(
    'load',
    (event) => {
      if (event.target instanceof HTMLIFrameElement) void report();
    },
    { capture: true, signal: ctx.signal },
  );
  ctx.addEventListener(window, 'wxt:locationchange', () => {
    selectionReport = null;
    picked = findPick(picks, new URL(location.href));
    adapter = adapterFor(new URL(location.href));
    watcher.notifyNavigation();
  });

  ctx.onInvalidated(() => {
    stopHandling();
    unwatchSettings();
    ui?.remove();
    ui = null;
    mounting = null;
  });

  void report();
}
