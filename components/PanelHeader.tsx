import { openSettings } from '../lib/panel/framed-api';
import { useTabInfo, useToggleShortcut } from '../lib/queries';
import { useI18n } from './I18nProvider';

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    // Not every tab URL parses (about:blank, view-source:); show nothing rather than failing the header.
    return '';
  }
}

/** Title bar: which tab the panel belongs to, the shortcut and how to change it, settings and close. */
export function PanelHeader({ tabId, onClose }: { tabId: number; onClose: () => void }) {
  const { t } = useI18n();
  const tab = useTabInfo(tabId);
  const shortcut = useToggleShortcut();
  const isFirefox = import.meta.env.FIREFOX;
  const where = t(isFirefox ? 'panel.shortcutWhereFirefox' : 'panel.shortcutWhereChrome');
  const title = tab.data ? `${tab.data.title || hostOf(tab.data.url)}` : '…';
  return (
    <header className="panel-header">
      <div className="brand">
        <span className="logo" aria-hidden="true">
          R
        </span>
        <div>
          <h1>{t('app.name')}</h1>
          <p className="belongs" data-testid="panel-tab" title={tab.data?.url}>
            {t('panel.belongsTo', { title })}
            {tab.data ? <span className="muted"> · {hostOf(tab.data.url)}</span> : null}
          </p>
        </div>
      </div>
      <div className="header-actions">
        <button
          type="button"
          className="icon-button"
          onClick={() => void openSettings()}
          title={t('panel.settings')}
          aria-label={t('panel.settings')}
        >
          ⚙
        </button>
        <button
          type="button"
          className="icon-button"
          onClick={onClose}
          title={t('panel.close')}
          aria-label={t('panel.close')}
        >
          ✕
        </button>
      </div>
      <p className="shortcut-hint small muted" data-testid="shortcut-hint">
        {shortcut.data ? t('panel.shortcut', { shortcut: shortcut.data, where }) : t('panel.shortcutUnset', { where })}
      </p>
    </header>
  );
}
