import { openSettings } from '../lib/panel/framed-api';
import { useSettings, useTabInfo, useToggleShortcut, useUpdateSettings } from '../lib/queries';
import { useI18n } from './I18nProvider';

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    // Not every tab URL parses (about:blank, view-source:); show nothing rather than failing the header.
    return '';
  }
}

/**
 * Title bar: which tab the panel belongs to, settings and close. Below it, one line at most each: a hint to the welcome
 * until the agent finished it, and the shortcut until it was used once or dismissed (issue 22: the header is read all
 * day, and a hint learnt once is noise after).
 */
export function PanelHeader({ tabId, onClose }: { tabId: number; onClose: () => void }) {
  const { t } = useI18n();
  const tab = useTabInfo(tabId);
  const shortcut = useToggleShortcut();
  const settings = useSettings();
  const update = useUpdateSettings();
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
      {settings.data && !settings.data.firstRunDone ? (
        <p className="shortcut-hint small" data-testid="first-run-hint">
          {t('first-run.panelHint')}{' '}
          <button type="button" className="link" onClick={() => void openSettings('#welcome')}>
            {t('first-run.panelHintLink')}
          </button>
        </p>
      ) : null}
      {settings.data && !settings.data.shortcutHintSeen ? (
        <p className="shortcut-hint with-dismiss small muted" data-testid="shortcut-hint">
          {/* The text in its own box and the ✕ beside it: a ✕ in the running text wrapped onto a line of its own. */}
          <span>
            {shortcut.data
              ? t('panel.shortcut', { shortcut: shortcut.data, where })
              : t('panel.shortcutUnset', { where })}
          </span>{' '}
          <button
            type="button"
            className="link"
            data-testid="shortcut-hint-dismiss"
            onClick={() => update.mutate({ shortcutHintSeen: true })}
            title={t('first-run.dismissShortcut')}
            aria-label={t('first-run.dismissShortcut')}
          >
            ✕
          </button>
        </p>
      ) : null}
    </header>
  );
}
