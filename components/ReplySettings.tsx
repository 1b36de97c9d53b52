import { useMemo } from 'react';
import { describeError } from '../lib/errors';
import { formatBytes } from '../lib/i18n';
import { describeNoWritingModel } from '../lib/models/writing-model-reasons';
import { useSettings, useUpdateSettings } from '../lib/queries';
import { useRunnableModels } from '../lib/replies/hooks';
import { draftsMessages } from '../lib/replies/messages';
import { validatePackUrl } from '../lib/replies/templates/pack-url';
import type { GermanFormality, ReplyEngineChoice, ReplySettings as ReplySettingsValue } from '../lib/settings';
import { useI18n } from './I18nProvider';
import { useStoredForm } from './stored-form';
import { UnsavedMarker } from './UnsavedMarker';

const engineChoices: readonly ReplyEngineChoice[] = ['auto', 'templates', 'demo'];
// "conversation" follows each conversation's du/Sie (issue 19); the others fix one form for the team.
const formalities: readonly ('conversation' | GermanFormality)[] = ['conversation', 'sie', 'du'];

/** A mirror address is valid when empty (standard hosts) or https (http only for localhost), like team packs. */
function isValidHost(value: string): boolean {
  if (value.trim() === '') return true;
  try {
    validatePackUrl(value.trim());
    return true;
  } catch {
    // Not a usable address; the field says so.
    return false;
  }
}

/** The texts the section's form saves together (the other reply settings save as soon as they are chosen). */
interface TextDraft {
  brandVoice: string;
  policyText: string;
  weightsHost: string;
  libHost: string;
}

function toTextDraft(replies: ReplySettingsValue): TextDraft {
  return {
    brandVoice: replies.brandVoice,
    policyText: replies.policyText,
    weightsHost: replies.llmWeightsHost,
    libHost: replies.llmLibHost,
  };
}

/**
 * Reply settings: how drafts are written (on-device model, templates only, scripted demo), German Sie/Du, the
 * brand voice and policy text drafts follow, the writing model from what this machine can run, and mirror hosts.
 */
export function ReplySettings() {
  const { t, language } = useI18n();
  const td = useMemo(() => draftsMessages(language), [language]);
  const settings = useSettings();
  const update = useUpdateSettings();
  const models = useRunnableModels();
  const replies = settings.data?.replies;
  // The stored texts load into a clean form (first load, another tab, this section's own engine or formality
  // switch), never over edits the agent has not saved.
  const form = useStoredForm(replies, toTextDraft);

  if (!replies || !form) return null;
  const { brandVoice, policyText, weightsHost, libHost } = form.draft;
  const edit = form.edit;
  const hostsValid = isValidHost(weightsHost) && isValidHost(libHost);
  const selection = models.data?.selection;

  return (
    <section className="card" aria-labelledby="reply-settings" data-testid="reply-settings">
      <h2 id="reply-settings">{td('settings.title')}</h2>
      <p className="help">{td('settings.help')}</p>

      <label className="field">
        <span>{td('settings.engine')}</span>
        <select
          data-testid="reply-engine"
          value={replies.engine}
          onChange={(event) => {
            const engine = engineChoices.find((item) => item === event.target.value);
            if (engine) update.mutate({ replies: { engine } });
          }}
        >
          {engineChoices.map((choice) => (
            <option key={choice} value={choice}>
              {td(`settings.engine.${choice}`)}
            </option>
          ))}
        </select>
      </label>

      <div className="field" role="radiogroup" aria-labelledby="reply-formality">
        <span id="reply-formality">{td('settings.formality')}</span>
        {formalities.map((formality) => (
          <label key={formality}>
            <input
              type="radio"
              name="german-formality"
              value={formality}
              checked={
                formality === 'conversation'
                  ? replies.germanFormalityMode === 'conversation'
                  : replies.germanFormalityMode === 'fixed' && replies.germanFormality === formality
              }
              onChange={() =>
                update.mutate({
                  replies:
                    formality === 'conversation'
                      ? { germanFormalityMode: 'conversation' }
                      : { germanFormalityMode: 'fixed', germanFormality: formality },
                })
              }
            />{' '}
            {formality === 'conversation'
              ? td('settings.formality.conversation', { fallback: td(`settings.formality.${replies.germanFormality}`) })
              : td(`settings.formality.${formality}`)}
          </label>
        ))}
      </div>

      <div className="field">
        <span>{td('settings.model')}</span>
        {models.isPending ? (
          <p className="small muted">{td('settings.model.probing')}</p>
        ) : models.error ? (
          <p className="small muted">{td('settings.model.listFailed', { message: describeError(models.error, t) })}</p>
        ) : !selection || selection.runnable.length === 0 ? (
          <p className="small muted" data-testid="reply-model-none">
            {td('settings.model.none', {
              reason: models.data ? describeNoWritingModel(models.data.caps, selection, t, language) : '',
            })}
          </p>
        ) : (
          <select
            data-testid="reply-model"
            aria-label={td('settings.model')}
            value={replies.llmModelId}
            onChange={(event) => update.mutate({ replies: { llmModelId: event.target.value } })}
          >
            <option value="">{td('settings.model.default')}</option>
            {selection.runnable.map((model) => (
              <option key={model.modelId} value={model.modelId}>
                {model.modelId}
                {model.modelId === selection.recommended ? ` (${td('settings.model.recommended')})` : ''} —{' '}
                {td('settings.model.size', {
                  size: formatBytes(language, models.data?.sizes[model.modelId] ?? 0),
                  vram: formatBytes(language, model.vramMB * 2 ** 20),
                })}
              </option>
            ))}
          </select>
        )}
        {selection?.runnable[0]?.runsPoorly === 'software-adapter' ? (
          <p className="small" data-testid="reply-model-runs-poorly">
            {t('states.softwareAdapter', { model: selection.runnable[0].family })}
          </p>
        ) : null}
        {replies.llmDownloadApproved ? (
          <p className="small muted">
            {td('settings.model.approved')}{' '}
            <button
              type="button"
              className="link"
              onClick={() => update.mutate({ replies: { llmDownloadApproved: false } })}
            >
              {td('settings.model.revoke')}
            </button>
          </p>
        ) : null}
      </div>

      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!hostsValid) return;
          update.mutate(
            {
              replies: {
                brandVoice: brandVoice.trim(),
                policyText: policyText.trim(),
                llmWeightsHost: weightsHost.trim(),
                llmLibHost: libHost.trim(),
              },
            },
            // Saved: the stored settings are the form's again, so they load (trimmed) and later changes may too.
            { onSuccess: form.saved },
          );
        }}
      >
        <label className="field">
          <span>{td('settings.brandVoice')}</span>
          <textarea value={brandVoice} onChange={(event) => edit({ brandVoice: event.target.value })} />
          <small className="muted">{td('settings.brandVoiceHelp')}</small>
        </label>
        <label className="field">
          <span>{td('settings.policy')}</span>
          <textarea value={policyText} onChange={(event) => edit({ policyText: event.target.value })} />
          <small className="muted">{td('settings.policyHelp')}</small>
        </label>
        <h3 className="small">{td('settings.hosts')}</h3>
        <p className="help small">{td('settings.hostsHelp')}</p>
        <label className="field">
          <span>{td('settings.weightsHost')}</span>
          <input
            type="url"
            placeholder="https://huggingface.co"
            value={weightsHost}
            aria-invalid={!isValidHost(weightsHost)}
            onChange={(event) => edit({ weightsHost: event.target.value })}
          />
        </label>
        <label className="field">
          <span>{td('settings.libHost')}</span>
          <input
            type="url"
            placeholder="https://models.example.com/web-llm-models"
            value={libHost}
            aria-invalid={!isValidHost(libHost)}
            onChange={(event) => edit({ libHost: event.target.value })}
          />
        </label>
        {hostsValid ? null : (
          <p className="small" role="alert" style={{ color: 'var(--neg)' }}>
            {td('settings.hostInvalid')}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" data-testid="save-replies" disabled={!hostsValid}>
            {t('common.save')}
          </button>
          <UnsavedMarker dirty={form.dirty} />
        </div>
      </form>
    </section>
  );
}
