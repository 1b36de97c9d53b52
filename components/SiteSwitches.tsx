import type { Settings } from '../lib/settings';
import type { SiteId } from '../lib/sites/types';
import { useI18n } from './I18nProvider';

const knownSites: SiteId[] = ['gmail', 'zendesk', 'outlook', 'freshdesk', 'generic'];

type Patch = Partial<Pick<Settings, 'sites' | 'badgeDismissed'>>;

/** Per-site on/off switches, other origins the agent switched, and where the badge is hidden. */
export function SiteSwitches({ settings, onChange }: { settings: Settings; onChange: (patch: Patch) => void }) {
  const { t } = useI18n();
  const origins = Object.keys(settings.sites).filter((key) => key.includes('://'));
  return (
    <section className="card" aria-labelledby="sites">
      <h2 id="sites">{t('options.sites')}</h2>
      <p className="help">{t('options.sitesHelp')}</p>
      {[...knownSites, ...origins].map((key) => {
        const label = key.includes('://') ? key : t(`options.site.${key as SiteId}`);
        const on = settings.sites[key] !== false;
        return (
          <label key={key} className="switch-row">
            <span>{label}</span>
            <input
              type="checkbox"
              data-testid={`site-${key}`}
              checked={on}
              onChange={(event) => onChange({ sites: { ...settings.sites, [key]: event.target.checked } })}
            />
          </label>
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
