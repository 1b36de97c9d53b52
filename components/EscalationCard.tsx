import { useEffect, useMemo, useRef, useState } from 'react';
import { conversationKey } from '../lib/db';
import { describeError } from '../lib/errors';
import { actionRegistry } from '../lib/escalation/actions';
import {
  type EscalateDeps,
  type EscalationRequest,
  missingConfiguration,
  plannedActions,
  shouldAutoEscalate,
} from '../lib/escalation/escalate';
import {
  useEffectiveSettings,
  useEscalate,
  useEscalations,
  useHostPermission,
  useRequestHostPermission,
} from '../lib/escalation/hooks';
import { evaluateEscalation } from '../lib/escalation/rules';
import { buildHandoffSummary, renderHandoffText } from '../lib/escalation/summary';
import type { ActionFollowUp, ActionName, EscalationReason } from '../lib/escalation/types';
import { isAllowedWebhookUrl } from '../lib/escalation/webhook';
import type { Translate } from '../lib/i18n';
import { sendToTab, type TabState } from '../lib/messaging';
import { isFramed, isUserGesture } from '../lib/panel/frame-guard';
import { canRequestPermissions, openSettings, openTab } from '../lib/panel/framed-api';
import type { EscalationSettings } from '../lib/settings';
import { EscalationRecordView } from './EscalationRecordView';
import { useI18n } from './I18nProvider';
import './escalation.css';

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    // An invalid URL still runs (and fails with what to fix); show it as typed meanwhile.
    return url;
  }
}

/** How the "Runs: …" line names an action: the action registry's catalogue key and values. */
function describeAction(action: ActionName, settings: EscalationSettings, t: Translate): string {
  const { key, params } = actionRegistry[action].describe(settings);
  return t(key, params);
}

/** The distinct evidence phrases of a reason that its sentence does not already quote, shown under it. */
function phrasesOf(reason: EscalationReason): string[] {
  const phrases = reason.evidence.flatMap((item) =>
    item.phrase && !reason.text.includes(item.phrase) ? [item.phrase] : [],
  );
  return [...new Set(phrases)];
}

/** Opens the options page at the escalation section, marking the fields to fill in. */
function openEscalationSettings(fields: string[]): void {
  const hash = `#escalation=${encodeURIComponent(fields.join(','))}`;
  void openSettings(hash);
}

/**
 * Finishes what an action left to the panel: opens the email draft (Gmail's compose window in a tab, a mailto link
 * through the system's mail program) and copies the summary. Only called right after the agent's click, so the
 * browser still counts it as their gesture.
 */
function runFollowUps(followUps: ActionFollowUp[], onCopied: (ok: boolean) => void): void {
  for (const followUp of followUps) {
    if (followUp.kind === 'copy-text') {
      navigator.clipboard.writeText(followUp.text).then(
        () => onCopied(true),
        () => onCopied(false),
      );
    } else if (followUp.url.startsWith('mailto:')) {
      // A mailto link hands over to the mail program without leaving an empty tab behind.
      const link = document.createElement('a');
      link.href = followUp.url;
      link.click();
    } else {
      void openTab(followUp.url);
    }
  }
}

/**
 * The panel's escalation card: the rules' advice with its reasons and evidence, one Escalate button with an optional
 * note that runs the actions configured for this site, and the record of earlier escalations with their results.
 */
export function EscalationCard({ state }: { state: TabState }) {
  const { language, t } = useI18n();
  const conversation = state.report?.conversation ?? null;
  const mood = state.mood;
  const key = conversation ? conversationKey(conversation) : null;
  const { settings: allSettings } = useEffectiveSettings();
  const settings = allSettings?.escalation;
  const records = useEscalations(key);
  const [note, setNote] = useState('');
  const [copyState, setCopyState] = useState<'copied' | 'failed' | null>(null);
  const [followUps, setFollowUps] = useState<ActionFollowUp[]>([]);
  const [autoRan, setAutoRan] = useState(false);
  const autoKey = useRef<string | null>(null);
  const tabId = state.tabId;
  // A reading that looks wrong never escalates by itself, and its advice says so.
  const doubtful = state.health !== null && !state.health.ok;

  const deps = useMemo<EscalateDeps | undefined>(
    () =>
      settings
        ? {
            settings,
            fetch: (input, init) => fetch(input, init),
            // The Zendesk session lives in the ticket's tab: its content script makes the same-origin calls.
            runZendesk: (input) => sendToTab(tabId, 'runZendeskEscalation', input),
          }
        : undefined,
    [settings, tabId],
  );
  const escalation = useEscalate(key, deps);

  const advice = useMemo(
    () =>
      conversation && mood && settings
        ? evaluateEscalation(conversation, mood, settings.rules, { lang: language })
        : undefined,
    [conversation, mood, settings, language],
  );

  const webhookUrl = settings?.webhook.url.trim() ?? '';
  const permission = useHostPermission(webhookUrl && isAllowedWebhookUrl(webhookUrl) ? webhookUrl : '');
  const requestPermission = useRequestHostPermission();

  const buildRequest = (text: string): EscalationRequest | undefined => {
    if (!conversation || !mood || !advice) return undefined;
    const request: EscalationRequest = {
      conversation,
      mood,
      reasons: advice.reasons,
      note: text,
      lang: language,
    };
    const intent = state.intents[0]?.intent;
    if (intent) request.intent = intent;
    return request;
  };

  const run = (text: string, isAuto: boolean): void => {
    const request = buildRequest(text);
    if (!request) return;
    setCopyState(null);
    escalation.mutate(request, {
      onSuccess: (outcome) => {
        if (outcome.status === 'not-configured') return;
        const next = outcome.results.flatMap((result) => (result.followUp ? [result.followUp] : []));
        setFollowUps(next);
        if (isAuto) setAutoRan(true);
        // Without the agent's click the browser refuses the clipboard and pop-ups; the buttons stay for them.
        else runFollowUps(next, (ok) => setCopyState(ok ? 'copied' : 'failed'));
        setNote('');
      },
    });
  };

  const missing = conversation && settings ? missingConfiguration(conversation.site, settings, language) : null;

  useEffect(() => {
    if (!key || !advice || !settings || !records.data || missing || doubtful) return;
    // Never from a panel inside a page (the in-page drawer): only the browser's own side panel or sidebar escalates
    // without a click, so no page can set it off by framing or showing us (issue 20).
    if (isFramed()) return;
    if (autoKey.current === key) return;
    if (!shouldAutoEscalate(advice, settings, records.data)) return;
    autoKey.current = key;
    run(t('escalation.card.autoNote'), true);
  });

  if (!conversation) return null;

  const actions = settings ? plannedActions(conversation.site, settings) : [];
  const latest = records.data?.[0];
  const busy = escalation.isPending;
  const outcome = escalation.data;

  const copySummaryOnly = (): void => {
    if (!mood || !advice) return;
    const summary = buildHandoffSummary({ conversation, mood, reasons: advice.reasons, lang: language, note });
    navigator.clipboard.writeText(renderHandoffText(summary)).then(
      () => setCopyState('copied'),
      () => setCopyState('failed'),
    );
  };

  return (
    <section
      className={`card escalation${advice?.recommend ? ' escalation-recommend' : ''}`}
      aria-labelledby="escalation-title"
      data-testid="escalation-card"
      data-recommend={advice ? String(advice.recommend) : 'unknown'}
    >
      <h2 id="escalation-title">{t('escalation.card.title')}</h2>
      {!advice ? (
        <p className="muted small">
          {state.moodError ? t('escalation.card.moodFailed') : t('escalation.card.waiting')}
        </p>
      ) : advice.recommend ? (
        <div className="escalation-advice" data-testid="escalation-advice">
          <p className="escalation-headline" role="status">
            <span aria-hidden="true">⚑ </span>
            {t('escalation.card.recommend')}
          </p>
          {doubtful ? (
            <p className="small escalation-doubtful" data-testid="escalation-doubtful">
              {t('escalation.card.doubtful')}
            </p>
          ) : null}
          <p className="small muted">{t('escalation.card.recommendHelp')}</p>
          <ul className="escalation-reasons" data-testid="escalation-reasons">
            {advice.reasons.map((reason) => (
              <li key={reason.kind} data-kind={reason.kind}>
                <span>{reason.text}</span>
                {phrasesOf(reason).length > 0 ? (
                  <span className="escalation-evidence">
                    {phrasesOf(reason).map((phrase) => (
                      <q key={phrase}>{phrase}</q>
                    ))}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="muted small" data-testid="escalation-quiet">
          {t('escalation.card.quiet')}
        </p>
      )}

      {latest ? (
        <EscalationRecordView
          record={latest}
          earlier={(records.data?.length ?? 1) - 1}
          deps={deps}
          conversationKey={key}
        />
      ) : null}
      {autoRan ? <p className="small muted">{t('escalation.card.auto')}</p> : null}

      {settings && missing ? (
        <div className="escalation-setup">
          <button
            type="button"
            className="escalate-setup"
            data-testid="escalate-button"
            data-missing={missing.fields.join(' ')}
            onClick={() => openEscalationSettings(missing.fields)}
          >
            {missing.message}
          </button>
          {settings.copyToClipboard && advice ? (
            <button type="button" className="link" onClick={copySummaryOnly}>
              {t('escalation.card.copyInstead')}
            </button>
          ) : null}
        </div>
      ) : settings ? (
        <form
          className="escalation-form"
          onSubmit={(event) => {
            event.preventDefault();
            // Only the agent's own click or key press escalates, never a script's (issue 20).
            if (!isUserGesture(event.nativeEvent)) return;
            run(note, false);
          }}
        >
          <label className="escalation-note">
            <span className="small">{t('escalation.card.note')}</span>
            <textarea
              rows={2}
              value={note}
              placeholder={t('escalation.card.notePlaceholder')}
              onChange={(event) => setNote(event.target.value)}
              maxLength={5000}
            />
          </label>
          {permission.data === false ? (
            <p className="escalation-permission small" role="alert">
              {t('escalation.card.permission', { host: hostOf(webhookUrl) })}{' '}
              <button
                type="button"
                className="link"
                onClick={() =>
                  // Firefox's in-page drawer cannot show the prompt: the settings page asks instead.
                  canRequestPermissions() ? void requestPermission(webhookUrl) : openEscalationSettings(['webhook.url'])
                }
              >
                {t('escalation.card.allow', { host: hostOf(webhookUrl) })}
              </button>
            </p>
          ) : null}
          <p className="small muted" data-testid="escalation-planned">
            {t('escalation.card.willRun', {
              actions: actions.map((action) => describeAction(action, settings, t)).join(' · '),
            })}
          </p>
          <button
            type="submit"
            className={advice?.recommend ? 'primary' : ''}
            data-testid="escalate-button"
            disabled={!advice || busy}
            aria-busy={busy}
          >
            {busy
              ? t('escalation.card.escalating')
              : latest
                ? t('escalation.card.escalateAgain')
                : t('escalation.card.escalate')}
          </button>
        </form>
      ) : null}

      {escalation.error ? (
        <p
          role="alert"
          className="escalation-error"
          title={escalation.error.message}
          data-detail={escalation.error.message}
        >
          {t('escalation.card.failed', { message: describeError(escalation.error, t) })}
        </p>
      ) : null}
      {outcome && outcome.status !== 'not-configured' && followUps.length > 0 ? (
        <div className="escalation-followups">
          {followUps.map((followUp) =>
            followUp.kind === 'copy-text' ? (
              <button
                key="copy"
                type="button"
                onClick={() =>
                  navigator.clipboard.writeText(followUp.text).then(
                    () => setCopyState('copied'),
                    () => setCopyState('failed'),
                  )
                }
              >
                {t('escalation.card.copySummary')}
              </button>
            ) : (
              <span key={followUp.url} className="escalation-links">
                <a href={followUp.url} target="_blank" rel="noreferrer">
                  {followUp.label}
                </a>
                {followUp.alternatives.map((alternative) => (
                  <a key={alternative.url} href={alternative.url} target="_blank" rel="noreferrer">
                    {alternative.label}
                  </a>
                ))}
              </span>
            ),
          )}
        </div>
      ) : null}
      {copyState ? (
        <p className="small muted" role="status">
          {copyState === 'copied' ? t('escalation.card.copied') : t('escalation.card.copyFailed')}
        </p>
      ) : null}
    </section>
  );
}
