import { useId, useMemo, useRef, useState } from 'react';
import type { TemplateRecord } from '../lib/db';
import { describeError } from '../lib/errors';
import { createTranslator } from '../lib/i18n';
import type { Intent } from '../lib/models/types';
import { useSettings } from '../lib/queries';
import { findShortcutClash, isValidShortcut } from '../lib/replies/snippets';
import { useCreateTemplate, useTemplates, useUpdateTemplate } from '../lib/replies/templates/hooks';
import { findEntryProblems } from '../lib/replies/templates/pack-file';
import { fillTemplate, placeholderCatalog } from '../lib/replies/templates/placeholders';
import {
  isTemplateIntent,
  type TemplateFormality,
  type TemplateInput,
  type TemplateLanguage,
  type TemplateTone,
  templateFormalities,
  templateInputSchema,
  templateIntents,
  templateLanguages,
  templateTones,
} from '../lib/replies/templates/schema';
import type { Conversation } from '../lib/sites/types';
import { useI18n } from './I18nProvider';
import { describeProblems } from './TemplateImportDialog';
import { useTemplateMessages } from './TemplateMessages';
import { TemplatePreview } from './TemplatePreview';
import { UnsavedMarker } from './UnsavedMarker';

/** The conversation the live preview fills placeholders from, in the template's language. */
function exampleConversation(language: TemplateLanguage): Conversation {
  // The example is what a customer would write in the template's language, so it comes from that language's catalogue.
  const example = createTranslator(language);
  const text = example('templates.example.text');
  const customer = { name: example('templates.example.customerName') };
  return {
    site: 'zendesk',
    id: '48213',
    subject: example('templates.example.subject'),
    url: 'https://example.zendesk.com/agent/tickets/48213',
    customer: { ...customer, email: 'anna@example.com' },
    messages: [
      {
        id: 'example-1',
        author: customer,
        role: 'customer',
        roleSource: 'page',
        text,
        bodyLoaded: true,
        attachments: [],
      },
    ],
  };
}

function pick<T extends string>(options: readonly T[], value: string): T | undefined {
  return options.find((option) => option === value);
}

/**
 * Creates or edits a personal template, with a live preview that fills placeholders from an example conversation
 * and highlights the ones it cannot fill (those an agent will be asked for before inserting).
 */
export function TemplateEditor({
  template,
  onDone,
}: {
  /** The personal template to edit; null for a new one. */
  template: TemplateRecord | null;
  onDone: (saved: TemplateRecord | null) => void;
}) {
  const { t, language: uiLanguage } = useI18n();
  const { tt, intentLabel, toneLabel, languageLabel, formalityLabel } = useTemplateMessages();
  const settings = useSettings();
  const create = useCreateTemplate();
  const update = useUpdateTemplate();
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const headingId = useId();

  const [title, setTitle] = useState(template?.title ?? '');
  const [body, setBody] = useState(template?.body ?? '');
  const [language, setLanguage] = useState<TemplateLanguage>(template?.language ?? uiLanguage);
  const [tone, setTone] = useState<TemplateTone>(template?.tone ?? 'neutral');
  const [formality, setFormality] = useState<TemplateFormality>(
    template?.formality ?? settings.data?.replies.germanFormality ?? 'sie',
  );
  const [intents, setIntents] = useState<Intent[]>(template?.intents.filter(isTemplateIntent) ?? []);
  const [error, setError] = useState<string | null>(null);
  const [shortcut, setShortcut] = useState(template?.shortcut ?? '');
  const library = useTemplates();
  const shortcutId = useId();
  const titleErrorId = useId();
  const intentsErrorId = useId();
  const bodyErrorId = useId();
  /** What is wrong with each field after a refused save, in plain words, shown under the field. */
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<'title' | 'intents' | 'body', string>>>({});
  // What the editor opened with: it has unsaved edits while any field differs. The fields are never reloaded from
  // the library while open, so a change made elsewhere cannot replace what the agent typed.
  const [opened] = useState(() => ({ title, body, language, tone, formality, intents, shortcut }));
  const dirty =
    title !== opened.title ||
    body !== opened.body ||
    language !== opened.language ||
    tone !== opened.tone ||
    (language === 'de' && formality !== opened.formality) ||
    shortcut !== opened.shortcut ||
    intents.length !== opened.intents.length ||
    intents.some((intent) => !opened.intents.includes(intent));

  /** Why the shortcut cannot be saved (malformed, or another template's), as the agent reads it; null when fine. */
  const shortcutProblem = (() => {
    const wanted = shortcut.trim();
    if (wanted === '') return null;
    if (!isValidShortcut(wanted)) return t('snippet-settings.shortcutInvalid');
    const clash = findShortcutClash(wanted, library.data ?? [], template?.id ?? null);
    return clash ? t('snippet-settings.shortcutTaken', { shortcut: wanted.toLowerCase(), title: clash.title }) : null;
  })();

  const preview = useMemo(
    () =>
      fillTemplate(body, {
        language,
        conversation: exampleConversation(language),
        // Without a name in settings the preview still shows where the signature goes.
        agentName: settings.data?.agent.name || 'Jonas Weber',
      }),
    [body, language, settings.data?.agent.name],
  );

  function insertPlaceholder(key: string): void {
    const textarea = bodyRef.current;
    const token = `{{${key}}}`;
    const start = textarea?.selectionStart ?? body.length;
    const end = textarea?.selectionEnd ?? body.length;
    setBody(body.slice(0, start) + token + body.slice(end));
    // Put the cursor after the placeholder once React has written the new value.
    requestAnimationFrame(() => {
      textarea?.focus();
      textarea?.setSelectionRange(start + token.length, start + token.length);
    });
  }

  function save(): void {
    setError(null);
    if (shortcutProblem) {
      setError(shortcutProblem);
      return;
    }
    const input: TemplateInput = {
      title,
      body,
      language,
      intents,
      tone,
      ...(language === 'de' ? { formality } : {}),
      // An emptied field removes the shortcut the template had.
      shortcut: shortcut.trim() || undefined,
    };
    // Checked here first so each problem stands under its own field, in the agent's language.
    const checked = templateInputSchema.safeParse(input);
    const problems = checked.success ? [] : findEntryProblems(input, checked.error);
    const errors: typeof fieldErrors = {};
    for (const problem of problems) {
      const field = 'field' in problem ? problem.field.split('.')[0] : undefined;
      if (field === 'title' || field === 'intents' || field === 'body') errors[field] = describeProblems([problem], tt);
    }
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) return;
    const options = {
      onSuccess: (saved: TemplateRecord) => onDone(saved),
      onError: (failure: unknown) => setError(describeError(failure, tt)),
    };
    if (template) update.mutate({ id: template.id, patch: input }, options);
    else create.mutate(input, options);
  }

  const saving = create.isPending || update.isPending;

  return (
    <form
      className="tpl-editor"
      aria-labelledby={headingId}
      data-testid="template-editor"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <h3 id={headingId}>
        {template ? tt('templates.editor.edit', { title: template.title }) : tt('templates.editor.new')}
      </h3>
      <label className="field">
        <span>{tt('templates.editor.title')}</span>
        <input
          type="text"
          value={title}
          maxLength={200}
          aria-invalid={fieldErrors.title ? true : undefined}
          aria-describedby={fieldErrors.title ? titleErrorId : undefined}
          onChange={(event) => setTitle(event.target.value)}
        />
        {fieldErrors.title ? (
          <span className="small tpl-error" id={titleErrorId}>
            {fieldErrors.title}
          </span>
        ) : null}
      </label>
      <label className="field">
        <span>{t('snippet-settings.shortcut')}</span>
        <input
          type="text"
          value={shortcut}
          maxLength={31}
          placeholder=";refund"
          spellCheck={false}
          data-testid="template-shortcut"
          aria-describedby={shortcutId}
          aria-invalid={shortcutProblem ? true : undefined}
          onChange={(event) => setShortcut(event.target.value)}
        />
      </label>
      <p id={shortcutId} className={`small ${shortcutProblem ? 'tpl-error' : 'muted'}`}>
        {shortcutProblem ?? t('snippet-settings.shortcutHelp')}
      </p>
      <div className="tpl-editor-grid">
        <label className="field">
          <span>{tt('templates.editor.language')}</span>
          <select
            value={language}
            onChange={(event) => setLanguage(pick(templateLanguages, event.target.value) ?? language)}
          >
            {templateLanguages.map((value) => (
              <option key={value} value={value}>
                {languageLabel(value)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{tt('templates.editor.tone')}</span>
          <select value={tone} onChange={(event) => setTone(pick(templateTones, event.target.value) ?? tone)}>
            {templateTones.map((value) => (
              <option key={value} value={value}>
                {toneLabel(value)}
              </option>
            ))}
          </select>
        </label>
        {language === 'de' ? (
          <label className="field">
            <span>{tt('templates.editor.formality')}</span>
            <select
              value={formality}
              onChange={(event) => setFormality(pick(templateFormalities, event.target.value) ?? formality)}
            >
              {templateFormalities.map((value) => (
                <option key={value} value={value}>
                  {formalityLabel(value)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      <fieldset
        className="tpl-intents"
        aria-invalid={fieldErrors.intents ? true : undefined}
        aria-describedby={fieldErrors.intents ? intentsErrorId : undefined}
      >
        <legend>{tt('templates.editor.intents')}</legend>
        {templateIntents.map((intent) => (
          <label key={intent}>
            <input
              type="checkbox"
              checked={intents.includes(intent)}
              onChange={(event) =>
                setIntents((previous) =>
                  event.target.checked ? [...previous, intent] : previous.filter((other) => other !== intent),
                )
              }
            />
            {intentLabel(intent)}
          </label>
        ))}
        {fieldErrors.intents ? (
          <p className="small tpl-error" id={intentsErrorId}>
            {fieldErrors.intents}
          </p>
        ) : null}
      </fieldset>
      <label className="field">
        <span>{tt('templates.editor.body')}</span>
        <textarea
          ref={bodyRef}
          value={body}
          aria-invalid={fieldErrors.body ? true : undefined}
          aria-describedby={fieldErrors.body ? bodyErrorId : undefined}
          onChange={(event) => setBody(event.target.value)}
        />
        {fieldErrors.body ? (
          <span className="small tpl-error" id={bodyErrorId}>
            {fieldErrors.body}
          </span>
        ) : null}
      </label>
      <div className="tpl-actions">
        <select
          aria-label={tt('templates.editor.placeholder')}
          value=""
          onChange={(event) => {
            if (event.target.value) insertPlaceholder(event.target.value);
          }}
        >
          <option value="">{tt('templates.editor.placeholder')}…</option>
          {placeholderCatalog.map((info) => (
            <option key={info.key} value={info.key}>
              {info.label[uiLanguage]} — {`{{${info.key}}}`}
            </option>
          ))}
        </select>
        <span className="small muted">{tt('templates.editor.placeholderHelp')}</span>
      </div>
      <p className="small muted">{tt('templates.editor.preview')}</p>
      <TemplatePreview segments={preview.segments} testId="template-editor-preview" />
      {preview.missing.length > 0 ? <p className="small muted">{tt('templates.editor.missing')}</p> : null}
      {error ? (
        <p className="small tpl-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="tpl-actions">
        <button type="submit" className="primary" disabled={saving}>
          {t('common.save')}
        </button>
        <button type="button" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </button>
        <UnsavedMarker dirty={dirty} />
      </div>
    </form>
  );
}
