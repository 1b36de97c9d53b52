import { useEffect, useMemo, useState } from 'react';
import { describeError } from '../lib/errors';
import type { TabState } from '../lib/messaging';
import { useSettings, useUpdateSettings } from '../lib/queries';
import { buildDraftRequest, draftWarnings, ownReplyKey } from '../lib/replies/draft-session';
import { rewriteInstructions } from '../lib/replies/engine';
import { type DraftingEngineView, useDraftingEngine, useDraftSession, useToneCheck } from '../lib/replies/hooks';
import { type DraftsMessageKey, draftsMessages } from '../lib/replies/messages';
import { useActiveTemplates } from '../lib/replies/templates/hooks';
import { DraftEngineStatus } from './DraftEngineStatus';
import { DraftEntryCard } from './DraftEntryCard';
import { DraftRewriteSelect } from './DraftRewriteSelect';
import { useI18n } from './I18nProvider';
import { ToneIndicator } from './ToneIndicator';
import './drafts.css';

type Td = (key: DraftsMessageKey, params?: Record<string, string | number>) => string;

function engineLabel(view: DraftingEngineView, td: Td): string {
  if (view.kind === 'fake') return td('engine.demo');
  if (view.kind === 'templates') return td('engine.templates');
  if (view.kind === 'webllm') return td('engine.webllm', { model: view.plan?.model.family ?? view.engine?.id ?? '' });
  return td('engine.probing');
}

function markFor(view: DraftingEngineView, td: Td): string {
  if (view.kind === 'fake') return `${td('mark.ai')} · ${td('mark.demo')}`;
  if (view.kind === 'templates') return td('mark.template');
  return td('mark.ai');
}

/**
 * Reply drafts in the panel: which engine writes them (and why templates, when they do), the model download with
 * consent, size and progress, two or three variants streamed into editable text areas with guardrail warnings,
 * Cancel, Rewrite, Insert and Copy — and the tone check of what the agent is typing in the site's reply box.
 */
export function DraftsCard({ state }: { state: TabState }) {
  const { t, language } = useI18n();
  const td: Td = useMemo(() => draftsMessages(language), [language]);
  const settings = useSettings();
  const update = useUpdateSettings();
  const templates = useActiveTemplates();
  const view = useDraftingEngine(settings.data?.replies, language, td('engine.templatesChosen'));
  const session = useDraftSession(view.engine);
  const [loadAfterApproval, setLoadAfterApproval] = useState(false);
  const conversation = state.report?.conversation ?? null;
  const ownText = state.replyDraft?.text ?? '';
  const tone = useToneCheck(ownText, state.mood);

  const request = useMemo(() => {
    if (!conversation || !settings.data) return null;
    return buildDraftRequest({
      conversation,
      mood: state.mood,
      intents: state.intents,
      templates: templates.data ?? [],
      settings: settings.data,
    });
  }, [conversation, state.mood, state.intents, templates.data, settings.data]);

  // The agent agreed to the download: once the engine for the approved model is chosen, start fetching it.
  const { engine, kind, awaitingApproval, load } = view;
  useEffect(() => {
    if (!loadAfterApproval || !engine || awaitingApproval) return;
    setLoadAfterApproval(false);
    if (kind === 'webllm') void load();
  }, [loadAfterApproval, engine, kind, awaitingApproval, load]);

  if (!conversation || !request) {
    return (
      <section className="card drafts" data-testid="drafts-card">
        <h2>{td('card.title')}</h2>
        <p className="small muted">{td('card.noConversation')}</p>
      </section>
    );
  }

  const { entries, activity, error, notice } = session.state;
  const busy = activity !== 'idle';
  const conversationLanguage = request.language ?? 'en';
  const reason = notice ?? view.reason ?? (view.kind === 'fake' ? td('engine.demoNote') : undefined);
  const errorText =
    error?.code === 'replies/no-templates'
      ? td('card.noTemplates')
      : error?.code === 'replies/rewrite-unavailable'
        ? td('card.rewriteUnavailable', { reason: view.reason ?? '' })
        : error
          ? td('card.failed', { message: describeError(error, t) })
          : null;
  const ownEntry = entries.find((entry) => entry.key === ownReplyKey);
  const drafts = entries.filter((entry) => entry.key !== ownReplyKey);
  const mark = markFor(view, td);

  const cancelAll = () => {
    session.cancel();
    view.cancelLoad();
  };

  return (
    <section
      className="card drafts"
      data-testid="drafts-card"
      data-engine={view.kind ?? 'probing'}
      aria-busy={busy}
      aria-labelledby="drafts-title"
    >
      <div className="drafts-head">
        <h2 id="drafts-title">{td('card.title')}</h2>
        <span className={`engine-chip engine-${view.kind ?? 'probing'}`} data-testid="drafts-engine">
          {engineLabel(view, td)}
        </span>
      </div>

      <DraftEngineStatus
        view={view}
        weightsHost={settings.data?.replies.llmWeightsHost ?? ''}
        onDownload={() => {
          setLoadAfterApproval(true);
          update.mutate({ replies: { llmDownloadApproved: true } });
        }}
        onCancel={() => {
          cancelAll();
          // Cancelling a download withdraws the consent: the size and the Download button are shown again.
          if (view.status.state === 'downloading') update.mutate({ replies: { llmDownloadApproved: false } });
        }}
        onRetry={view.retry}
        td={td}
      />

      {reason ? (
        <p className="small muted drafts-reason" data-testid="drafts-reason">
          {reason}
        </p>
      ) : null}

      <div className="drafts-actions">
        {busy ? (
          <>
            <button type="button" onClick={cancelAll} data-testid="drafts-cancel">
              {td('card.cancel')}
            </button>
            <span className="small muted" aria-live="polite">
              {td('card.writing')}
            </span>
          </>
        ) : (
          <button
            type="button"
            className="primary"
            disabled={!view.engine}
            onClick={() => session.draft(request)}
            data-testid="drafts-draft"
          >
            {drafts.length > 0 ? td('card.redraft') : td('card.draft')}
          </button>
        )}
      </div>

      {errorText ? (
        <p className="small drafts-error" role="alert" data-testid="drafts-error" data-code={error?.code}>
          {errorText}
        </p>
      ) : null}

      {drafts.map((entry) => (
        <DraftEntryCard
          key={entry.key}
          entry={entry}
          tabId={state.tabId}
          mark={mark}
          warnings={entry.state === 'streaming' ? [] : draftWarnings(entry.text, request)}
          busy={busy}
          conversationLanguage={conversationLanguage}
          onEdit={(text) => session.edit(entry.key, text)}
          onRewrite={(instruction) => session.rewrite(entry.key, entry.text, instruction, request)}
          onUndo={() => session.undo(entry.key)}
          td={td}
        />
      ))}

      <div className="own-reply" data-testid="own-reply">
        <div className="own-reply-head">
          <h3>{td('own.title')}</h3>
          {ownText.trim() !== '' ? (
            <DraftRewriteSelect
              label={td('own.rewrite')}
              disabled={busy || !view.engine}
              instructions={rewriteInstructions}
              conversationLanguage={conversationLanguage}
              onRewrite={(instruction) => session.rewrite(ownReplyKey, ownText, instruction, request)}
              td={td}
            />
          ) : null}
        </div>
        {tone && ownText.trim() !== '' ? (
          <ToneIndicator check={tone.check} mood={state.mood} td={td} />
        ) : ownText.trim() === '' ? (
          <p className="small muted">{td('own.empty')}</p>
        ) : null}
        {ownEntry ? (
          <DraftEntryCard
            entry={ownEntry}
            tabId={state.tabId}
            mark={mark}
            warnings={ownEntry.state === 'streaming' ? [] : draftWarnings(ownEntry.text, request)}
            busy={busy}
            conversationLanguage={conversationLanguage}
            onEdit={(text) => session.edit(ownEntry.key, text)}
            onRewrite={(instruction) => session.rewrite(ownEntry.key, ownEntry.text, instruction, request)}
            onUndo={() => session.undo(ownEntry.key)}
            td={td}
          />
        ) : null}
      </div>
    </section>
  );
}
