import { useEffect, useState } from 'react';
import { type PickedArea, pickedAreasItem, withoutPick } from '../lib/sites/picks';
import { useI18n } from './I18nProvider';

/** The conversation areas the agent picked, per site and page pattern, each with a delete button. */
export function PickedAreas() {
  const { t } = useI18n();
  const [picks, setPicks] = useState<Record<string, PickedArea[]>>({});
  useEffect(() => {
    void pickedAreasItem.getValue().then(setPicks);
    return pickedAreasItem.watch((next) => setPicks(next ?? {}));
  }, []);
  const origins = Object.keys(picks).sort();
  return (
    <section className="card" aria-labelledby="picked-areas" data-testid="picked-areas">
      <h2 id="picked-areas">{t('options.picks')}</h2>
      <p className="help">{t('options.picksHelp')}</p>
      {origins.length === 0 ? <p className="small muted">{t('options.picksNone')}</p> : null}
      {origins.map((origin) => (
        <div key={origin}>
          <h3 className="small">{origin}</h3>
          <ul className="pick-list">
            {(picks[origin] ?? []).map((pick) => (
              <li key={pick.pattern} className="switch-row">
                <span className="small" title={pick.selector}>
                  {pick.pattern.slice(origin.length) || '/'}
                </span>
                <button
                  type="button"
                  className="link"
                  onClick={() => void pickedAreasItem.setValue(withoutPick(picks, pick.pattern))}
                >
                  {t('options.picksDelete')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
