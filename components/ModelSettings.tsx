import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { describeError } from '../lib/errors';
import { formatBytes, tPlural } from '../lib/i18n';
import { getMoodModelState, selectMoodModel } from '../lib/models/analysis-host-client';
import type { MoodModelState } from '../lib/models/analysis-protocol';
import { loadDevFigures } from '../lib/models/dev-figures';
import {
  bundledSelectionId,
  hubModelCatalogue,
  isHubModelId,
  type MoodModelSelection,
} from '../lib/models/hub-catalogue';
import { type HubDevicePlan, planHubDevice, readNavigatorGpu } from '../lib/models/hub-device';
import { fetchDownloadSize, normaliseMirrorUrl } from '../lib/models/hub-files';
import { clearHubModelCache, isHubModelCached } from '../lib/models/model-cache';
import { bundledLanguages, recommendHubModel } from '../lib/models/recommend';
import { readMemoryHint } from '../lib/models/webgpu';
import { queryKeys, useSettings, useUpdateSettings } from '../lib/queries';
import { useI18n } from './I18nProvider';
import './model-settings.css';
import { ModelRecommendation } from './ModelRecommendation';
import { ModelStatusLine } from './ModelStatusLine';

const customChoice = 'custom';

/** Languages offered for the team: the bundled model's first, then every language a listed model was trained on. */
const teamLanguageChoices = [...new Set([...bundledLanguages, ...hubModelCatalogue.flatMap((e) => e.languages)])];

function isBusy(state: MoodModelState | undefined): boolean {
  return state?.status.state === 'downloading' || state?.status.state === 'loading';
}

/** Options card: the bundled model or an opt-in Hugging Face model, its download size, progress and fallback. */
export function ModelSettings() {
  // `m` reads as the model settings' strings throughout this file; it is the catalogue's one `t`.
  const { t: m, language } = useI18n();
  const settings = useSettings();
  const update = useUpdateSettings();
  const client = useQueryClient();
  const ids = useId();
  const saved = settings.data?.mood;
  const [choice, setChoice] = useState<string>(bundledSelectionId);
  const [customId, setCustomId] = useState('');
  const [mirror, setMirror] = useState('');

  // Only the saved model and mirror reset the form: ticking a team language saves settings too and must not undo an
  // unsaved choice.
  const savedId = saved?.modelId;
  const savedMirror = saved?.mirrorUrl;
  useEffect(() => {
    if (savedId === undefined || savedMirror === undefined) return;
    const known = savedId === bundledSelectionId || hubModelCatalogue.some((e) => e.id === savedId);
    setChoice(known ? savedId : customChoice);
    if (!known) setCustomId(savedId);
    setMirror(savedMirror);
  }, [savedId, savedMirror]);

  const modelId = choice === customChoice ? customId.trim() : choice;
  const mirrorValid = (() => {
    try {
      normaliseMirrorUrl(mirror);
      return true;
    } catch {
      // Shown as a hint under the field; nothing is fetched until it is valid.
      return false;
    }
  })();
  const isHub = modelId !== bundledSelectionId;
  const idValid = !isHub || isHubModelId(modelId);
  const selection: MoodModelSelection = { modelId, mirrorUrl: mirror.trim() };

  const plan = useQuery({
    queryKey: queryKeys.moodModelPlan(),
    queryFn: (): Promise<HubDevicePlan> => planHubDevice(readNavigatorGpu(navigator)),
    staleTime: Number.POSITIVE_INFINITY,
  });

  const devFigures = useQuery({
    queryKey: queryKeys.moodModelDevFigures(),
    queryFn: () => loadDevFigures(browser.runtime.getURL('/models/dev-figures.json')),
    retry: false,
  });
  const memory = useMemo(() => readMemoryHint(navigator), []);
  const teamLanguages = saved?.teamLanguages.length ? saved.teamLanguages : [language];
  const recommendation = plan.data
    ? recommendHubModel({ languages: teamLanguages, plan: plan.data, memory })
    : undefined;

  const state = useQuery({
    queryKey: queryKeys.moodModelState(),
    queryFn: getMoodModelState,
    refetchInterval: (query) => (isBusy(query.state.data) ? 250 : false),
    // A download goes on while the agent looks at another tab; its status line keeps following it meanwhile.
    refetchIntervalInBackground: true,
  });

  const canCheck = isHub && idValid && mirrorValid && plan.data !== undefined;
  const dtype = plan.data?.dtype ?? 'q8';
  const cached = useQuery({
    queryKey: queryKeys.moodModelCached(modelId, selection.mirrorUrl, dtype),
    queryFn: () => isHubModelCached(selection, { dtype }),
    enabled: canCheck,
  });
  const size = useQuery({
    queryKey: queryKeys.moodModelSize(modelId, selection.mirrorUrl, dtype),
    queryFn: ({ signal }) => fetchDownloadSize(selection, { dtype }, fetch, signal),
    enabled: canCheck && cached.data === false,
    retry: false,
    staleTime: 5 * 60_000,
  });

  const apply = useMutation({
    mutationFn: async (next: MoodModelSelection) => {
      await update.mutateAsync({ mood: next });
      return selectMoodModel(next);
    },
    onSuccess: (next) => {
      client.setQueryData(queryKeys.moodModelState(), next);
      void client.invalidateQueries({ queryKey: queryKeys.moodModelState() });
    },
  });

  const remove = useMutation({
    mutationFn: () => clearHubModelCache(selection),
    onSuccess: () =>
      client.invalidateQueries({ queryKey: queryKeys.moodModelCached(modelId, selection.mirrorUrl, dtype) }),
  });

  // A finished download is in the cache now: refresh the "works offline" line.
  const status = state.data?.status.state;
  useEffect(() => {
    if (status === 'ready')
      void client.invalidateQueries({ queryKey: queryKeys.moodModelCached('', '', '').slice(0, 2) });
  }, [status, client]);

  const isSavedChoice =
    saved !== undefined && saved.modelId === selection.modelId && saved.mirrorUrl === selection.mirrorUrl;
  const sizeText = size.data ? formatBytes(language, size.data.totalBytes) : '…';
  const canApply = idValid && mirrorValid && !apply.isPending && (!isHub || cached.data === true || size.isSuccess);

  return (
    <section className="card model-settings" aria-labelledby={`${ids}-title`} data-testid="model-settings">
      <h2 id={`${ids}-title`}>{m('model-settings.title')}</h2>
      <p className="help">{m('model-settings.help')}</p>

      {recommendation && plan.data ? (
        <ModelRecommendation
          recommendation={recommendation}
          plan={plan.data}
          teamLanguages={teamLanguages}
          languageChoices={[...new Set([...teamLanguageChoices, ...teamLanguages])]}
          onLanguagesChange={(next) => update.mutate({ mood: { teamLanguages: next } })}
          chosenId={choice}
          onChoose={setChoice}
          devFigures={devFigures.data}
          devFiguresError={devFigures.error}
          m={m}
          language={language}
        />
      ) : null}

      <fieldset className="model-choices">
        <legend className="sr-only">{m('model-settings.title')}</legend>
        <label className="model-choice">
          <input
            type="radio"
            name={`${ids}-model`}
            value={bundledSelectionId}
            checked={choice === bundledSelectionId}
            onChange={() => setChoice(bundledSelectionId)}
            data-testid="model-option-bundled"
          />
          <span>{m('model-settings.bundled')}</span>
        </label>
        {hubModelCatalogue.map((entry) => (
          <label className="model-choice" key={entry.id}>
            <input
              type="radio"
              name={`${ids}-model`}
              value={entry.id}
              checked={choice === entry.id}
              onChange={() => setChoice(entry.id)}
              data-testid={`model-option-${entry.id}`}
            />
            <span>
              {entry.name}
              <span className="small muted model-meta">
                {entry.id} ·{' '}
                {m('model-settings.heads', { heads: entry.heads.map((h) => m(`model-settings.head.${h}`)).join(', ') })}{' '}
                · {m('model-settings.languages', { languages: entry.languages.join(', ') })}
              </span>
            </span>
          </label>
        ))}
        <label className="model-choice">
          <input
            type="radio"
            name={`${ids}-model`}
            value={customChoice}
            checked={choice === customChoice}
            onChange={() => setChoice(customChoice)}
            data-testid="model-option-custom"
          />
          <span>{m('model-settings.custom')}</span>
        </label>
        {choice === customChoice ? (
          <label className="field model-custom">
            <span className="sr-only">{m('model-settings.custom')}</span>
            <input
              type="text"
              value={customId}
              placeholder={m('model-settings.customPlaceholder')}
              spellCheck={false}
              onChange={(event) => setCustomId(event.target.value)}
              data-testid="model-custom-id"
            />
            {customId && !idValid ? <span className="model-error small">{m('model-settings.badId')}</span> : null}
          </label>
        ) : null}
      </fieldset>

      <label className="field">
        <span>{m('model-settings.mirror')}</span>
        <input
          type="url"
          value={mirror}
          placeholder="https://huggingface.co"
          spellCheck={false}
          onChange={(event) => setMirror(event.target.value)}
          data-testid="model-mirror"
        />
        <span className="small muted">{m('model-settings.mirrorHelp')}</span>
        {!mirrorValid ? <span className="model-error small">{m('model-settings.badMirror')}</span> : null}
      </label>

      {isHub && canCheck ? (
        <p
          className="small"
          data-testid="model-size"
          // The English detail (the address and HTTP status) stays for support; the sentence is the agent's language.
          {...(size.isError ? { title: size.error.message, 'data-detail': size.error.message } : {})}
        >
          {cached.data === true
            ? m('model-settings.cached')
            : size.isError
              ? m('model-settings.sizeFailed', { reason: describeError(size.error, m) })
              : size.data
                ? m('model-settings.size', { size: sizeText })
                : m('model-settings.sizeChecking')}
        </p>
      ) : null}

      <div className="model-actions">
        {!isSavedChoice || state.data?.status.state === 'error' ? (
          <button
            type="button"
            className="primary"
            disabled={!canApply}
            onClick={() => apply.mutate(selection)}
            data-testid="model-apply"
          >
            {isHub && cached.data !== true ? m('model-settings.download', { size: sizeText }) : m('model-settings.use')}
          </button>
        ) : null}
        {isHub && cached.data === true && !isBusy(state.data) ? (
          <button type="button" className="link" onClick={() => remove.mutate()} data-testid="model-remove">
            {m('model-settings.remove')}
          </button>
        ) : null}
        {remove.isSuccess ? (
          <span className="small muted">{tPlural(language, 'model-settings.removed', remove.data)}</span>
        ) : null}
      </div>

      <ModelStatusLine
        state={state.data}
        error={apply.error ?? state.error}
        m={m}
        // Retry what failed: the last selection tried, else the saved one (a download that failed in the background).
        onRetry={() => {
          const last = apply.variables ?? (saved ? { modelId: saved.modelId, mirrorUrl: saved.mirrorUrl } : selection);
          apply.mutate(last);
        }}
      />

      <p className="small muted" data-testid="model-backend">
        {m('model-settings.backend.bundled')} {plan.data ? m(`model-settings.backend.${plan.data.reason}`) : null}
      </p>
    </section>
  );
}
