import './templates.css';
import { useMemo, useState } from 'react';
import { detectLanguage } from '../lib/analysis/language';
import type { TemplateRecord } from '../lib/db';
import { describeError, toAppError } from '../lib/errors';
import { tPlural } from '../lib/i18n';
import type { TabState } from '../lib/messaging';
import { openSettings } from '../lib/panel/framed-api';
import { insertOrCopy } from '../lib/panel/insert-or-copy';
import { useSettings } from '../lib/queries';
import { type AddressFormDetection, detectAddressForm } from '../lib/replies/address-form';
import { type ClaimState, conversationFacts, isClaimState } from '../lib/replies/claims';
import { checkDraft, type GuardrailWarning } from '../lib/replies/guardrails';
import { draftsMessages } from '../lib/replies/messages';
import { extractRequests } from '../lib/replies/request';
import {
  useActiveTemplates,
  usePackRefresh,
  useRecordTemplateUse,
  useTemplateStoreSync,
} from '../lib/replies/templates/hooks';
import { fillTemplate, type PlaceholderSpec } from '../lib/replies/templates/placeholders';
import { type SuggestionFactor, suggestTemplates } from '../lib/replies/templates/ranking';
import { type DraftsTranslate, describeClaims } from './guardrail-text';
import { useI18n } from './I18nProvider';
import { InsertConfirm } from './InsertConfirm';
import { TemplateFillForm } from './TemplateFillForm';
import { type TemplateTranslate, useTemplateMessages } from './TemplateMessages';
import { TemplatePicker } from './TemplatePicker';
import { TemplatePreview } from './TemplatePreview';

type UseAction = 'insert' | 'copy';

interface PendingFill {
  template: TemplateRecord;
  action: UseAction;
  missing: PlaceholderSpec[];
}

interface PendingConfirm {
  template: TemplateRecord;
  action: UseAction;
  text: string;
  warnings: GuardrailWarning[];
}

interface UseStatus {
  templateId: string;
  ok: boolean;
  text: string;
}

/**
 * The best three templates for this tab's conversation (by intent, mood, language and formality) with why each was
 * suggested, Insert (into the site's reply box) and Copy, and a keyboard picker over all templates. A template with
 * values nothing can fill asks for them first, so an unfilled `{{…}}` never reaches the customer.
 */
export function SuggestionsCard({ state }: { state: TabState }) {
  const { t, language } = useI18n();
  const td: DraftsTranslate = useMemo(() => draftsMessages(language), [language]);
  const messages = useTemplateMessages();
  const { tt } = messages;
  useTemplateStoreSync();
  usePackRefresh();
  const settings = useSettings();
  const templates = useActiveTemplates();
  const recordUse = useRecordTemplateUse();
  const [pending, setPending] = useState<PendingFill | null>(null);
  const [confirm, setConfirm] = useState<PendingConfirm | null>(null);
  const [status, setStatus] = useState<UseStatus | null>(null);
  const [pickerOpen, setPickerOpen] = useState(false);

  const conversation = state.report?.conversation ?? null;
  const agentName = settings.data?.agent.name ?? '';
  // Until the mood arrives, the customer's language and request come from the text itself (both cheap): the first
  // suggestions must not be English templates for a German customer while the model loads.
  const earlyLanguage = useMemo(
    () =>
      conversation
        ? detectLanguage(
            conversation.messages
              .filter((message) => message.role === 'customer')
              .map((message) => message.text)
              .join('\n'),
          ).language
        : 'other',
    [conversation],
  );
  const conversationLanguage = state.mood?.language ?? earlyLanguage;
  const intents = useMemo(
    () =>
      state.intents.length > 0 || !conversation
        ? state.intents
        : extractRequests(conversation.messages, conversation.subject).map((request) => ({
            intent: request.intent,
            p: request.weight,
          })),
    [state.intents, conversation],
  );
  const policyText = settings.data?.replies.policyText ?? '';
  // What the conversation shows as done: suggestions claiming anything else rank down and ask before Insert.
  const facts = useMemo(() => (conversation ? conversationFacts(conversation) : undefined), [conversation]);
  const replySettings = settings.data?.replies;
  // du/Sie as the conversation shows it unless the team fixed it (issue 19); the chip says which and why.
  const address = useMemo(
    () =>
      detectAddressForm(conversation, conversationLanguage, {
        germanFormality: replySettings?.germanFormality ?? 'sie',
        germanFormalityMode: replySettings?.germanFormalityMode ?? 'conversation',
      }),
    [conversation, conversationLanguage, replySettings?.germanFormality, replySettings?.germanFormalityMode],
  );
  const formality = address.form ?? replySettings?.germanFormality ?? 'sie';

  const suggestions = useMemo(
    () =>
      suggestTemplates(templates.data ?? [], {
        intents,
        mood: state.mood,
        language: conversationLanguage,
        formality,
        ...(facts ? { facts } : {}),
      }),
    [templates.data, intents, state.mood, conversationLanguage, formality, facts],
  );

  const fill = (template: TemplateRecord, overrides?: Record<string, string>) =>
    fillTemplate(template.body, {
      language: template.language,
      ...(template.formality ? { formality: template.formality } : {}),
      conversation,
      agentName,
      ...(overrides ? { overrides } : {}),
    });

  async function deliver(template: TemplateRecord, action: UseAction, text: string): Promise<void> {
    try {
      if (action === 'insert') {
        const outcome = await insertOrCopy(state.tabId, text);
        if (outcome.kind !== 'inserted') {
          const key = outcome.kind === 'copied' ? 'panel.insertCopied' : 'panel.insertFailed';
          setStatus({ templateId: template.id, ok: false, text: t(key, { reason: describeError(outcome.reason, t) }) });
          return;
        }
        setStatus({
          templateId: template.id,
          ok: true,
          text: outcome.target === 'reply-box' ? t('panel.inserted') : tt('templates.suggest.insertedFocused'),
        });
      } else {
        await navigator.clipboard.writeText(text);
        setStatus({ templateId: template.id, ok: true, text: t('panel.copied') });
      }
      recordUse.mutate(template.id);
    } catch (error) {
      // A clipboard refusal is a browser DOMException, not an AppError: name it so the agent reads what happened.
      const reason = describeError(action === 'insert' ? error : toAppError(error, 'panel/copy-failed'), t);
      setStatus({
        templateId: template.id,
        ok: false,
        text:
          action === 'insert' ? t('panel.insertFailed', { reason }) : tt('templates.suggest.copyFailed', { reason }),
      });
    }
  }

  function use(template: TemplateRecord, action: UseAction, overrides?: Record<string, string>): void {
    setStatus(null);
    setConfirm(null);
    const result = fill(template, overrides);
    if (result.missing.length > 0) {
      setPending({ template, action, missing: result.missing });
      return;
    }
    setPending(null);
    const warnings = policyWarnings(template, result.text);
    if (warnings.length > 0) {
      setConfirm({ template, action, text: result.text, warnings });
      return;
    }
    void deliver(template, action, result.text);
  }

  // The team's policy check, as drafts get it (issue 19): states the conversation does not show, and offers the
  // team's written policy does not cover. Without a written policy nothing is forbidden, so only claims are asked about.
  function policyWarnings(template: TemplateRecord, text: string): GuardrailWarning[] {
    if (!conversation || !facts) return [];
    const found = checkDraft(text, {
      conversation,
      policyText,
      knownText: [template.body],
      facts,
      language: template.language,
    }).filter(
      (warning) =>
        warning.kind === 'unsupported-claim' || (warning.kind === 'offer-not-in-policy' && policyText.trim() !== ''),
    );
    const claimed = new Set(found.flatMap((warning) => (warning.kind === 'unsupported-claim' ? [warning.state] : [])));
    const declared: GuardrailWarning[] = (template.requires ?? [])
      .filter((state): state is ClaimState => isClaimState(state) && !facts.has(state) && !claimed.has(state))
      .map((state) => ({ kind: 'unsupported-claim', state, phrase: '' }));
    return [...declared, ...found];
  }

  const confirmBox = (template: TemplateRecord) =>
    confirm && confirm.template.id === template.id ? (
      <InsertConfirm
        warnings={confirm.warnings}
        action={confirm.action}
        td={td}
        onConfirm={() => {
          setConfirm(null);
          void deliver(confirm.template, confirm.action, confirm.text);
        }}
        onCancel={() => setConfirm(null)}
      />
    ) : null;

  const fillForm = (template: TemplateRecord) =>
    pending && pending.template.id === template.id ? (
      <TemplateFillForm
        key={`${template.id}:${pending.action}`}
        title={template.title}
        missing={pending.missing}
        submitLabel={pending.action === 'insert' ? t('panel.insert') : t('panel.copy')}
        onSubmit={(values) => use(template, pending.action, values)}
        onCancel={() => setPending(null)}
      />
    ) : null;

  const statusLine = (template: TemplateRecord) =>
    status && status.templateId === template.id ? (
      <p
        className={`small tpl-status ${status.ok ? 'tpl-status-ok' : 'tpl-status-error'}`}
        role={status.ok ? 'status' : 'alert'}
        data-testid="template-use-status"
      >
        {status.text}
      </p>
    ) : null;

  const pickedTemplate = pending?.template ?? confirm?.template ?? null;
  const pickedOutside =
    pickedTemplate && !suggestions.some((suggestion) => suggestion.template.id === pickedTemplate.id)
      ? pickedTemplate
      : null;
  const statusOutside =
    status && !suggestions.some((suggestion) => suggestion.template.id === status.templateId)
      ? (templates.data ?? []).find((template) => template.id === status.templateId)
      : undefined;

  return (
    <section className="card tpl-card" aria-labelledby="tpl-suggestions" data-testid="suggestions-card">
      <div className="tpl-card-head">
        <h2 id="tpl-suggestions">{tt('templates.suggest.title')}</h2>
        <button type="button" className="link small" onClick={() => void openSettings()}>
          {tt('templates.suggest.manage')}
        </button>
      </div>

      {templates.isPending ? <p className="muted small">{tt('templates.suggest.loading')}</p> : null}
      {templates.isError ? (
        <p className="small tpl-status-error" role="alert" data-detail={toAppError(templates.error).message}>
          {tt('templates.suggest.loadFailed', { message: describeError(templates.error, tt) })}
        </p>
      ) : null}
      {templates.isSuccess && suggestions.length === 0 ? (
        <p className="muted small">{tt('templates.suggest.none')}</p>
      ) : null}

      <ol className="tpl-suggestions">
        {suggestions.map((suggestion) => {
          const { template } = suggestion;
          const preview = fill(template);
          return (
            <li key={template.id} className="tpl-suggestion" data-testid="suggestion" data-template-id={template.id}>
              <div className="tpl-suggestion-head">
                <h3 className="tpl-title">{template.title}</h3>
                <span className={`chip tpl-tone tpl-tone-${template.tone}`}>{messages.toneLabel(template.tone)}</span>
              </div>
              <TemplatePreview segments={preview.segments} className="tpl-preview-clamped" />
              {fillForm(template) ?? confirmBox(template) ?? (
                <div className="tpl-actions">
                  <button type="button" className="primary" onClick={() => use(template, 'insert')}>
                    {t('panel.insert')}
                  </button>
                  <button type="button" onClick={() => use(template, 'copy')}>
                    {t('panel.copy')}
                  </button>
                </div>
              )}
              {statusLine(template)}
              {/* The reasons after the actions (issue 22): the text and its Insert come first, so the best answer is
                  usable without scrolling at 320 px. */}
              <ul className="tpl-reasons" aria-label={tt('templates.suggest.why')}>
                {suggestion.factors.map((factor) => (
                  <li key={factor.kind} className={factor.kind === 'claim' ? 'tpl-reason-claim' : undefined}>
                    {describeFactor(factor, messages, t, address, td)}
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ol>

      {pickedOutside ? (
        <div className="tpl-suggestion tpl-picked">
          <h3 className="tpl-title">{pickedOutside.title}</h3>
          {fillForm(pickedOutside) ?? confirmBox(pickedOutside)}
        </div>
      ) : null}
      {statusOutside ? statusLine(statusOutside) : null}

      {pickerOpen ? (
        <TemplatePicker
          templates={templates.data ?? []}
          preferredLanguage={conversationLanguage === 'other' ? null : conversationLanguage}
          onClose={() => setPickerOpen(false)}
          onChoose={(template) => {
            setPickerOpen(false);
            use(template, 'insert');
          }}
        />
      ) : (
        <button
          type="button"
          className="tpl-picker-open"
          disabled={!templates.isSuccess}
          onClick={() => setPickerOpen(true)}
        >
          {tt('templates.picker.open')}
        </button>
      )}
    </section>
  );
}

/** One reason, translated from the ranking's structured factor. */
function describeFactor(
  factor: SuggestionFactor,
  messages: ReturnType<typeof useTemplateMessages>,
  t: ReturnType<typeof useI18n>['t'],
  address: AddressFormDetection,
  td: DraftsTranslate,
): string {
  const tt: TemplateTranslate = messages.tt;
  switch (factor.kind) {
    case 'intent':
      return tt('templates.suggest.reason.intent', { intents: factor.intents.map(messages.intentLabel).join(', ') });
    case 'tone':
      return tt('templates.suggest.reason.tone', {
        tone: messages.toneLabel(factor.tone),
        emotion: factor.emotion ? t(`emotion.${factor.emotion}`) : tt(`templates.suggest.mood.${factor.customer}`),
      });
    case 'language':
      return factor.language === 'en'
        ? tt('templates.suggest.reason.en')
        : tt('templates.suggest.reason.de', {
            formality: messages.formalityLabel(factor.formality ?? 'sie'),
            why: messages.addressReason(address),
          });
    case 'usage':
      return tPlural(messages.language, 'templates.suggest.reason.usage', factor.count);
    case 'claim':
      return td('claim.chip', { claim: describeClaims(factor.states, td) });
  }
}
