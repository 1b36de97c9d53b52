import { useId } from 'react';
import { describeError } from '../lib/errors';
import { formatBytes, type Translate } from '../lib/i18n';
import type { DevFigure } from '../lib/models/dev-figures';
import type { MoodHead, PublishedFigure } from '../lib/models/hub-catalogue';
import type { HubDevicePlan } from '../lib/models/hub-device';
import { bundledHeads, bundledLanguages, type HubCandidate, type HubRecommendation } from '../lib/models/recommend';

export interface ModelRecommendationProps {
  recommendation: HubRecommendation;
  plan: Pick<HubDevicePlan, 'device' | 'dtype'>;
  /** The team's languages in effect (the UI language when none were ticked). */
  teamLanguages: readonly string[];
  /** Languages offered as checkboxes. */
  languageChoices: readonly string[];
  onLanguagesChange: (languages: string[]) => void;
  /** The model id picked in the list below, to say the recommendation is already chosen. */
  chosenId: string;
  onChoose: (modelId: string) => void;
  /** The bundled model's dev figures; undefined while they load. */
  devFigures: readonly DevFigure[] | undefined;
  devFiguresError: Error | null;
  m: Translate;
  language: 'en' | 'de';
}

function languageName(code: string, language: 'en' | 'de'): string {
  try {
    return new Intl.DisplayNames([language], { type: 'language' }).of(code) ?? code;
  } catch {
    // An invalid code has no name; showing the code itself is still truthful.
    return code;
  }
}

function listOf(items: readonly string[], language: 'en' | 'de'): string {
  return new Intl.ListFormat(language, { type: 'conjunction' }).format(items);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * "Recommended for your team": the strongest Hub model that fits this machine for the team's languages (or the
 * bundled model and why), and a table of the bundled model beside every listed model. Published figures and our dev
 * figures sit in separate, labelled rows: they come from different data and are never compared.
 */
export function ModelRecommendation(props: ModelRecommendationProps) {
  const { recommendation, plan, teamLanguages, m, language } = props;
  const ids = useId();
  const percent = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const gigabytes = new Intl.NumberFormat(language, { maximumFractionDigits: 2 });
  const names = (codes: readonly string[]) =>
    listOf(
      codes.map((c) => languageName(c, language)),
      language,
    );
  const heads = (list: readonly MoodHead[]) =>
    listOf(
      list.map((h) => m(`model-settings.head.${h}`)),
      language,
    );
  const dtype = m(`model-settings.rec.dtype.${plan.dtype}`);
  const backend = m(`model-settings.rec.backend.${plan.device}`);

  const toggleLanguage = (code: string, checked: boolean) => {
    const next = checked ? [...teamLanguages, code] : teamLanguages.filter((l) => l !== code);
    // The last language stays ticked: a recommendation for no language means nothing.
    if (next.length === 0) return;
    props.onLanguagesChange(props.languageChoices.filter((l) => next.includes(l)));
  };

  /** One line per metric and benchmark, the per-language values in the team's order inside it. */
  const figureLines = (figures: readonly PublishedFigure[]) => {
    const groups = new Map<string, PublishedFigure[]>();
    for (const figure of figures) {
      const key = `${figure.metric} ${figure.benchmark} ${figure.weights ?? ''}`;
      groups.set(key, [...(groups.get(key) ?? []), figure]);
    }
    const order = (f: PublishedFigure) => {
      const index = f.language === undefined ? -1 : teamLanguages.indexOf(f.language);
      return index === -1 ? Number.POSITIVE_INFINITY : index;
    };
    return [...groups].map(([key, group]) => {
      const [first] = group;
      if (!first) return { key, text: '' };
      const values = [...group]
        .sort((a, b) => order(a) - order(b))
        .map((f) => {
          const value = f.metric === 'stars-exact-accuracy' ? percent.format(f.value) : decimal.format(f.value);
          return f.language
            ? m('model-settings.rec.figureLanguage', { language: languageName(f.language, language), value })
            : value;
        });
      let text = `${m(`model-settings.rec.figure.${first.metric}`, { value: listOf(values, language) })} ${m(`model-settings.rec.benchmark.${first.benchmark}`)}`;
      if (first.weights) text += ` (${m(`model-settings.rec.weights.${first.weights}`)})`;
      return { key, text };
    });
  };

  const exclusionText = (candidate: HubCandidate) => {
    if (candidate.excluded === 'languages') {
      return m('model-settings.rec.excluded.languages', { languages: names(candidate.missingLanguages) });
    }
    if (candidate.excluded === 'weights') return m('model-settings.rec.excluded.weights', { dtype, backend });
    if (candidate.excluded === 'memory') {
      return m('model-settings.rec.excluded.memory', { memory: gigabytes.format(candidate.minMemoryGB ?? 0) });
    }
    return m('model-settings.rec.fits');
  };

  const best = recommendation.kind === 'hub' ? recommendation.best : undefined;
  const bundledMissing = teamLanguages.filter((l) => !bundledLanguages.includes(l));
  const covering = recommendation.candidates.filter((c) => c.excluded !== 'languages');
  const reasonMemory = Math.min(...covering.map((c) => c.minMemoryGB ?? Number.POSITIVE_INFINITY));

  return (
    <div className="model-recommendation" data-testid="model-recommendation" lang={language}>
      <h3 id={`${ids}-title`}>{m('model-settings.rec.title')}</h3>
      <fieldset className="team-languages" data-testid="team-languages">
        <legend>{m('model-settings.rec.languages')}</legend>
        <div className="team-language-list">
          {props.languageChoices.map((code) => {
            const checked = teamLanguages.includes(code);
            return (
              <label key={code} className="team-language">
                <input
                  type="checkbox"
                  value={code}
                  checked={checked}
                  onChange={(event) => toggleLanguage(code, event.target.checked)}
                  data-testid={`team-language-${code}`}
                />
                {languageName(code, language)}
              </label>
            );
          })}
        </div>
        <span className="small muted">{m('model-settings.rec.languagesHelp')}</span>
      </fieldset>

      <div className="model-verdict" data-testid="model-recommendation-verdict">
        {best ? (
          <>
            <p>
              <strong>{m('model-settings.rec.hub', { languages: names(teamLanguages), name: best.entry.name })}</strong>
            </p>
            <p className="small">
              {m('model-settings.rec.hubDetail', {
                size: formatBytes(language, best.weightsBytes ?? 0),
                dtype,
                backend,
                memory: gigabytes.format(best.minMemoryGB ?? 0),
              })}{' '}
              {recommendation.kind === 'hub' && recommendation.fromBundled.length > 0
                ? m('model-settings.rec.fromBundled', { heads: capitalise(heads(recommendation.fromBundled)) })
                : null}
            </p>
            {props.chosenId === best.entry.id ? (
              <p className="small model-ready">{m('model-settings.rec.chosen')}</p>
            ) : (
              <button
                type="button"
                className="link"
                onClick={() => props.onChoose(best.entry.id)}
                data-testid="model-recommendation-choose"
              >
                {m('model-settings.rec.choose')}
              </button>
            )}
          </>
        ) : recommendation.kind === 'bundled' ? (
          <p>
            <strong>
              {m('model-settings.rec.bundled', {
                reason: m(`model-settings.rec.reason.${recommendation.reason}`, {
                  languages: names(teamLanguages),
                  dtype,
                  backend,
                  memory: gigabytes.format(reasonMemory),
                }),
              })}
            </strong>
          </p>
        ) : null}
        {recommendation.memoryKnown ? null : <p className="small muted">{m('model-settings.rec.memoryUnknown')}</p>}
      </div>

      <div className="model-compare-scroll">
        <table className="model-compare" data-testid="model-compare" aria-labelledby={`${ids}-title`}>
          <thead>
            <tr>
              <td />
              <th scope="col">{m('model-settings.rec.col.bundled')}</th>
              {recommendation.candidates.map((c) => (
                <th scope="col" key={c.entry.id} data-testid={`model-compare-${c.entry.id}`}>
                  {c.entry.name}
                  {c === best ? <span className="model-badge">{m('model-settings.rec.col.recommended')}</span> : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{m('model-settings.rec.row.fit')}</th>
              <td className={bundledMissing.length > 0 ? 'muted' : undefined} data-testid="model-fit-bundled">
                {bundledMissing.length > 0
                  ? m('model-settings.rec.excluded.languages', { languages: names(bundledMissing) })
                  : m('model-settings.rec.fits')}
              </td>
              {recommendation.candidates.map((c) => (
                <td key={c.entry.id} className={c.excluded ? 'muted' : undefined}>
                  {exclusionText(c)}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">{m('model-settings.rec.row.download')}</th>
              <td>{m('model-settings.rec.bundledDownload')}</td>
              {recommendation.candidates.map((c) => (
                <td key={c.entry.id}>
                  {c.weightsBytes === undefined
                    ? m('model-settings.rec.noWeights', { dtype })
                    : m('model-settings.rec.size', { size: formatBytes(language, c.weightsBytes), dtype })}{' '}
                  <a href={c.entry.sizesSource} target="_blank" rel="noreferrer" className="small">
                    {m('model-settings.rec.listing')}
                  </a>
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">{m('model-settings.rec.row.runsOn')}</th>
              <td>{m('model-settings.rec.backend.wasm')}</td>
              {recommendation.candidates.map((c) => (
                <td key={c.entry.id}>{backend}</td>
              ))}
            </tr>
            <tr>
              <th scope="row">{m('model-settings.rec.row.memory')}</th>
              <td>–</td>
              {recommendation.candidates.map((c) => (
                <td key={c.entry.id}>
                  {c.minMemoryGB === undefined
                    ? '–'
                    : m('model-settings.rec.memoryAtLeast', { memory: gigabytes.format(c.minMemoryGB) })}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">{m('model-settings.rec.row.languages')}</th>
              <td>{bundledLanguages.join(', ')}</td>
              {recommendation.candidates.map((c) => (
                <td key={c.entry.id}>{c.entry.languages.join(', ')}</td>
              ))}
            </tr>
            <tr>
              <th scope="row">{m('model-settings.rec.row.heads')}</th>
              <td>{heads(bundledHeads)}</td>
              {recommendation.candidates.map((c) => (
                <td key={c.entry.id}>{heads(c.entry.heads)}</td>
              ))}
            </tr>
            <tr className="model-compare-published">
              <th scope="row">{m('model-settings.rec.row.published')}</th>
              <td className="muted">{m('model-settings.rec.bundledPublished')}</td>
              {recommendation.candidates.map((c) => {
                const shown = c.figures.length > 0 ? c.figures : c.entry.published;
                const sources = [...new Set(shown.map((f) => f.sourceUrl))];
                return (
                  <td key={c.entry.id} data-testid={`model-published-${c.entry.id}`}>
                    {shown.length === 0 ? (
                      <span className="muted">{m('model-settings.rec.notPublished')}</span>
                    ) : (
                      <ul>
                        {figureLines(shown).map((line) => (
                          <li key={line.key}>{line.text}</li>
                        ))}
                      </ul>
                    )}{' '}
                    {(sources.length > 0 ? sources : [c.entry.cardUrl]).map((url) => (
                      <a key={url} href={url} target="_blank" rel="noreferrer" className="small">
                        {m('model-settings.rec.card')}
                      </a>
                    ))}
                  </td>
                );
              })}
            </tr>
            <tr className="model-compare-measured">
              <th scope="row">{m('model-settings.rec.row.measured')}</th>
              {/* One wide cell: only the bundled model is measured by us, and its list needs the room. */}
              <td colSpan={1 + recommendation.candidates.length} data-testid="model-measured-bundled">
                <strong>{m('model-settings.rec.col.bundled')}:</strong>{' '}
                {props.devFiguresError ? (
                  <span
                    className="model-error small"
                    title={props.devFiguresError.message}
                    data-detail={props.devFiguresError.message}
                  >
                    {m('model-settings.rec.devFiguresFailed', { reason: describeError(props.devFiguresError, m) })}
                  </span>
                ) : props.devFigures === undefined ? (
                  <span className="muted">{m('model-settings.rec.devFiguresLoading')}</span>
                ) : (
                  <ul className="model-dev-figures">
                    {props.devFigures.map((f) => (
                      <li key={f.name}>
                        {f.lexiconMacroF1 === undefined
                          ? m('model-settings.rec.devFigure', { value: decimal.format(f.macroF1), name: f.name })
                          : m('model-settings.rec.devFigureLexicon', {
                              value: decimal.format(f.macroF1),
                              name: f.name,
                              lexicon: decimal.format(f.lexiconMacroF1),
                            })}
                      </li>
                    ))}
                  </ul>
                )}
                <span className="muted" data-testid="model-measured-hub">
                  {m('model-settings.rec.hubNotMeasured')}
                </span>
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      <p className="small muted" data-testid="model-not-comparable">
        {m('model-settings.rec.notComparable')}
      </p>
    </div>
  );
}
