import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { sendToTab } from '../lib/messaging';
import { currentTabId } from '../lib/panel/framed-api';
import { useSettings, useTabState } from '../lib/queries';
import { ConversationPanel } from './ConversationPanel';
import { I18nProvider, useI18n } from './I18nProvider';
import { PanelHeader } from './PanelHeader';

const params = new URLSearchParams(location.search);
const isDrawer = params.get('drawer') === '1';

/**
 * Finds the tab this panel belongs to: the `tabId` it was opened with; the tab that frames it (in-page drawer);
 * or, for a sidebar opened by the browser itself (Firefox), the active tab, followed as the agent switches tabs.
 */
function useResolvedTabId(): number | null {
  const [tabId, setTabId] = useState<number | null>(() => {
    const fromUrl = Number(params.get('tabId'));
    return Number.isInteger(fromUrl) && fromUrl >= 0 && params.get('tabId') !== null ? fromUrl : null;
  });
  useEffect(() => {
    if (tabId !== null) return;
    if (params.get('tabId') === 'current') {
      // The drawer: the tab whose page frames it (asked of the background where the frame has no tabs API).
      currentTabId().then(setTabId, () => setTabId(null));
      return;
    }
    const follow = () =>
      void browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => setTabId(tab?.id ?? null));
    follow();
    browser.tabs.onActivated.addListener(follow);
    return () => browser.tabs.onActivated.removeListener(follow);
  }, [tabId]);
  return tabId;
}

function Panel({ tabId }: { tabId: number }) {
  const { t, language } = useI18n();
  const close = useCallback(() => {
    if (isDrawer) void sendToTab(tabId, 'toggleDrawer', {});
    else window.close();
  }, [tabId]);
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

/** The panel UI, in Chrome's side panel, Firefox's sidebar and the in-page drawer alike. */
export function PanelApp() {
  const settings = useSettings();
  const tabId = useResolvedTabId();
  return (
    <I18nProvider setting={settings.data?.language ?? 'auto'}>
      {tabId === null ? <NoTab /> : <Panel tabId={tabId} />}
    </I18nProvider>
  );
}

function NoTab() {
  const { t } = useI18n();
  return <p className="state">{t('panel.noTab')}</p>;
}
