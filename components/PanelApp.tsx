import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { sendToTab } from '../lib/messaging';
import { useSettings, useTabState } from '../lib/queries';
import { ConversationPanel } from './ConversationPanel';
import { I18nProvider, useI18n } from './I18nProvider';
import { PanelHeader } from './PanelHeader';

const params = new URLSearchParams(location.search);

/**
 * Finds the tab this side panel belongs to: the `tabId` it was opened with or, for a sidebar opened by the browser
 * itself (Firefox), the active tab, followed as the agent switches tabs. The in-page drawer is given its tab by the
 * background instead (`drawerTabId`), never by its URL (issue 20).
 */
function useResolvedTabId(drawerTabId: number | undefined): number | null {
  const [tabId, setTabId] = useState<number | null>(() => {
    if (drawerTabId !== undefined) return drawerTabId;
    const fromUrl = Number(params.get('tabId'));
    return Number.isInteger(fromUrl) && fromUrl >= 0 && params.get('tabId') !== null ? fromUrl : null;
  });
  useEffect(() => {
    if (tabId !== null || drawerTabId !== undefined) return;
    const follow = () =>
      void browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => setTabId(tab?.id ?? null));
    follow();
    browser.tabs.onActivated.addListener(follow);
    return () => browser.tabs.onActivated.removeListener(follow);
  }, [tabId, drawerTabId]);
  return tabId;
}

function Panel({ tabId, isDrawer }: { tabId: number; isDrawer: boolean }) {
  const { t, language } = useI18n();
  const close = useCallback(() => {
    if (isDrawer) void sendToTab(tabId, 'toggleDrawer', {});
    else window.close();
  }, [tabId, isDrawer]);
  const state = useTabState(tabId, close);
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('app.name');
  }, [language, t]);
  return (
    <div className="panel">
      <PanelHeader tabId={tabId} onClose={close} />
      <main className="panel-body">
        <ConversationPanel state={state} />
      </main>
    </div>
  );
}

/**
 * The panel UI, in Chrome's side panel, Firefox's sidebar and the in-page drawer alike. `drawerTabId`: the drawer's own
 * tab, as the background confirmed it when redeeming the drawer's ticket.
 */
export function PanelApp({ drawerTabId }: { drawerTabId?: number } = {}) {
  const settings = useSettings();
  const tabId = useResolvedTabId(drawerTabId);
  return (
    <I18nProvider setting={settings.data?.language ?? 'auto'}>
      {tabId === null ? <NoTab /> : <Panel tabId={tabId} isDrawer={drawerTabId !== undefined} />}
    </I18nProvider>
  );
}

function NoTab() {
  const { t } = useI18n();
  return <p className="state">{t('panel.noTab')}</p>;
}
