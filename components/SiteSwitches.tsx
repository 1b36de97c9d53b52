import type { Settings } from '../lib/settings';
import type { SiteId } from '../lib/sites/types';
import { useI18n } from './I18nProvider';

const knownSites: SiteId[] = ['gmail', 'zendesk', 'outlook', 'freshdesk', 'generic'];

type Patch = Partial<Pick<Settings, 'sites' | 'badgeDismissed' | 'snippetSites'>>;

/**
 * Per-site on/off switches, other origins the agent switched, where the badge is hidden, and per site whether typed
 * snippet shortcuts expand in its reply boxes (off until switched on).
 */
export function SiteSwitches({ settings, onChange }: { settings: Settings; onChange: (patch: Patch) => void }) {
  const { t } = useI18n();
  const origins = [...new Set([...Object.keys(settings.sites), ...Object.keys(settings.snippetSites)])].filter((key) =>
    key.includes('://'),
  );
  return (
    <section className="card" aria-labelledby="sites">
      <h2 id="sites">{t('options.sites')}</h2>
      <p className="help">{t('options.sitesHelp')}</p>
      <p className="help" data-testid="snippets-note">
        {t('snippet-settings.note')}
      </p>
      {[...knownSites, ...origins].map((key) => {
        const label = key.includes('://') ? key : t(`options.site.${key as SiteId}`);
        const on = settings.sites[key] !== false;
        const snippets = settings.snippetSites[key] === true;
        return (
          <div key={key}>
            <label className="switch-row">
              <span>{label}</span>
              <input
                type="checkbox"
                data-testid={`site-${key}`}
                checked={on}
                onChange={(event) => onChange({ sites: { ...settings.sites, [key]: event.target.checked } })}
              />
            </label>
            <label className="switch-row small">
              <span>↳ {t('snippet-settings.switch')}</span>
              <input
                type="checkbox"
                data-testid={`snippets-${key}`}
                aria-label={t('snippet-settings.switchFor', { site: label })}
                checked={snippets}
                disabled={!on}
                onChange={(event) =>
                  onChange({ snippetSites: { ...settings.snippetSites, [key]: event.target.checked } })
                }
              />
            </label>
          </div>
        );
      })}
      {settings.badgeDismissed.length > 0 ? (
        <p className="small">
          {t('options.badgeHidden', { sites: settings.badgeDismissed.join(', ') })}{' '}
          <button type="button" className="link" onClick={() => onChange({ badgeDismissed: [] })}>
            {t('options.badgeShowAgain')}
          </button>
        </p>
      ) : null}
    </section>
  );
}
