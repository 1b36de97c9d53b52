import './templates.css';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { TemplateRecord } from '../lib/db';
import { describeError } from '../lib/errors';
import { formatNumber, tPlural } from '../lib/i18n';
import type { Intent } from '../lib/models/types';
import { indexSnippets } from '../lib/replies/snippets';
import {
  useDeleteTemplate,
  useDuplicateTemplate,
  usePackSubscriptions,
  usePlanImport,
  useRestoreTemplate,
  useTemplateStoreSync,
  useTemplates,
} from '../lib/replies/templates/hooks';
import { isDeletable, isEditable, type OwnerFilter } from '../lib/replies/templates/library';
import {
  exportPack,
  type ImportPlan,
  packFileName,
  readPackFile,
  serializePack,
} from '../lib/replies/templates/pack-file';
import {
  isTemplateIntent,
  PERSONAL_OWNER,
  STARTER_OWNER,
  type TemplateLanguage,
  templateIntents,
  templateLanguages,
} from '../lib/replies/templates/schema';
import { TemplateEditor } from './TemplateEditor';
import { TemplateImportDialog } from './TemplateImportDialog';
import { useTemplateMessages } from './TemplateMessages';
import { TemplatePacks } from './TemplatePacks';

/** How long the "deleted — Undo" toast stays. */
const UNDO_MS = 8000;

type OwnerChoice = 'all' | 'personal' | 'starter' | `pack:${string}`;

interface Toast {
  text: string;
  undoId?: string;
}

function ownerFilterOf(choice: OwnerChoice): OwnerFilter {
  if (choice === 'all' || choice === 'personal') return choice;
  if (choice === 'starter') return { pack: STARTER_OWNER };
  return { pack: choice.slice('pack:'.length) };
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = packFileName(name);
  link.click();
  // The download has started from the click; the URL is only needed until then.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The template library in the options page: search and filters, usage counts, owner badges (pack templates are
 * read-only and can be duplicated), create and edit with live preview, delete with undo, export and import of pack
 * files, and team pack subscriptions.
 */
export function TemplateLibrary() {
  const messages = useTemplateMessages();
  const { tt, language } = messages;
  useTemplateStoreSync();
  const headingId = useId();
  const [search, setSearch] = useState('');
  const [intent, setIntent] = useState<Intent | ''>('');
  const [templateLanguage, setTemplateLanguage] = useState<TemplateLanguage | ''>('');
  const [owner, setOwner] = useState<OwnerChoice>('all');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [editing, setEditing] = useState<TemplateRecord | 'new' | null>(null);
  const [importPlan, setImportPlan] = useState<ImportPlan | null>(null);
  const [importResult, setImportResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [toast, setToast] = useState<Toast | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const query = useMemo(
    () => ({
      search,
      intents: intent ? [intent] : [],
      ...(templateLanguage ? { language: templateLanguage } : {}),
      owner: ownerFilterOf(owner),
    }),
    [search, intent, templateLanguage, owner],
  );
  const shown = useTemplates(query);
  const all = useTemplates();
  /** The shortcut each template expands from in a reply box (its own, or the starter pack's `;<intent>`). */
  const shortcutOf = useMemo(() => {
    const byId = new Map<string, string>();
    for (const [shortcut, records] of indexSnippets(all.data ?? [], STARTER_OWNER)) {
      for (const record of records) if (!byId.has(record.id)) byId.set(record.id, shortcut);
    }
    return byId;
  }, [all.data]);
  const packs = usePackSubscriptions();
  const remove = useDeleteTemplate();
  const restore = useRestoreTemplate();
  const duplicate = useDuplicateTemplate();
  const plan = usePlanImport();

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), UNDO_MS);
    return () => clearTimeout(timer);
  }, [toast]);

  const packNames = new Map((packs.data ?? []).map((item) => [item.url, item.pack?.name ?? new URL(item.url).host]));
  const ownerLabel = (record: TemplateRecord) =>
    record.owner === PERSONAL_OWNER
      ? tt('templates.owner.personal')
      : record.owner === STARTER_OWNER
        ? tt('templates.owner.starter')
        : (packNames.get(record.owner) ?? record.owner);
  const dateFormat = new Intl.DateTimeFormat(language, { dateStyle: 'medium' });
  const rows = shown.data ?? [];
  const failure = (error: unknown) =>
    setToast({ text: tt('templates.library.failed', { message: describeError(error, tt) }) });

  function toggle(id: string, on: boolean): void {
    setSelected((previous) => {
      const next = new Set(previous);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  async function exportTemplates(ids: readonly string[] | null): Promise<void> {
    const name = tt('templates.library.exportName');
    try {
      const pack = await exportPack(ids ? { name, ids } : { name });
      download(name, serializePack(pack));
    } catch (error) {
      failure(error);
    }
  }

  async function readImportFile(file: File): Promise<void> {
    setImportResult(null);
    setImportPlan(null);
    try {
      const text = await readPackFile(file);
      setImportPlan(await plan.mutateAsync(text));
    } catch (error) {
      setImportResult({ ok: false, text: tt('templates.import.unreadable', { message: describeError(error, tt) }) });
    }
  }

  return (
    <section className="card" aria-labelledby={headingId} data-testid="template-library">
      <h2 id={headingId}>{tt('templates.library.title')}</h2>
      <p className="help">{tt('templates.library.help')}</p>

      <div className="tpl-toolbar">
        <label className="field grow">
          <span>{tt('templates.library.search')}</span>
          <input type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
        </label>
        <label className="field">
          <span>{tt('templates.library.intent')}</span>
          <select
            value={intent}
            onChange={(event) => setIntent(isTemplateIntent(event.target.value) ? event.target.value : '')}
          >
            <option value="">{tt('templates.library.allIntents')}</option>
            {templateIntents.map((value) => (
              <option key={value} value={value}>
                {messages.intentLabel(value)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{tt('templates.library.language')}</span>
          <select
            value={templateLanguage}
            onChange={(event) =>
              setTemplateLanguage(templateLanguages.find((value) => value === event.target.value) ?? '')
            }
          >
            <option value="">{tt('templates.library.allLanguages')}</option>
            {templateLanguages.map((value) => (
              <option key={value} value={value}>
                {messages.languageLabel(value)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{tt('templates.library.owner')}</span>
          <select
            value={owner}
            onChange={(event) => {
              const value = event.target.value;
              const isChoice = (choice: string): choice is OwnerChoice =>
                ['all', 'personal', 'starter'].includes(choice) || choice.startsWith('pack:');
              setOwner(isChoice(value) ? value : 'all');
            }}
          >
            <option value="all">{tt('templates.library.allOwners')}</option>
            <option value="personal">{tt('templates.owner.personal')}</option>
            <option value="starter">{tt('templates.owner.starter')}</option>
            {(packs.data ?? []).map((item) => (
              <option key={item.url} value={`pack:${item.url}`}>
                {packNames.get(item.url)}
              </option>
            ))}
          </select>
        </label>
      </div>

      <div className="tpl-bulk">
        <button type="button" className="primary" onClick={() => setEditing('new')}>
          {tt('templates.library.new')}
        </button>
        <button type="button" onClick={() => fileRef.current?.click()}>
          {tt('templates.library.import')}
        </button>
        <input
          ref={fileRef}
          type="file"
          accept="application/json,.json"
          hidden
          data-testid="import-file"
          onChange={(event) => {
            const file = event.target.files?.[0];
            // Clear the input so choosing the same file again still fires a change.
            event.target.value = '';
            if (file) void readImportFile(file);
          }}
        />
        <button type="button" disabled={selected.size === 0} onClick={() => void exportTemplates([...selected])}>
          {tt('templates.library.exportSelected', { count: selected.size })}
        </button>
        <button type="button" onClick={() => void exportTemplates(null)}>
          {tt('templates.library.exportAll')}
        </button>
        <span className="spacer" />
        <span className="small muted" data-testid="template-count">
          {tPlural(language, 'templates.library.count', all.data?.length ?? rows.length, {
            shown: formatNumber(language, rows.length),
          })}
        </span>
      </div>

      {importResult ? (
        <p
          className={`small ${importResult.ok ? 'tpl-status-ok' : 'tpl-error'}`}
          role="status"
          data-testid="import-result"
        >
          {importResult.text}
        </p>
      ) : null}
      {importPlan ? (
        <TemplateImportDialog
          plan={importPlan}
          onDone={(summary) => {
            const name = importPlan.name;
            setImportPlan(null);
            if (summary) setImportResult({ ok: true, text: tt('templates.import.done', { name, ...summary }) });
          }}
        />
      ) : null}

      {editing === 'new' ? <TemplateEditor key="new" template={null} onDone={() => setEditing(null)} /> : null}

      {shown.isSuccess && rows.length === 0 ? <p className="small muted">{tt('templates.library.empty')}</p> : null}
      <ul className="tpl-list">
        {rows.map((record) =>
          editing !== 'new' && editing?.id === record.id ? (
            <li key={record.id}>
              <TemplateEditor
                key={record.id}
                template={record}
                onDone={(saved) => {
                  setEditing(null);
                  if (saved) setToast({ text: tt('templates.editor.saved', { title: saved.title }) });
                }}
              />
            </li>
          ) : (
            <li key={record.id} className="tpl-row" data-testid="library-row" data-template-id={record.id}>
              <input
                type="checkbox"
                aria-label={tt('templates.library.select', { title: record.title })}
                checked={selected.has(record.id)}
                onChange={(event) => toggle(record.id, event.target.checked)}
              />
              <div className="tpl-row-main">
                <div className="tpl-title">{record.title}</div>
                <div className="tpl-row-meta">
                  <span
                    className={`chip ${record.owner === PERSONAL_OWNER ? 'tpl-owner-personal' : 'tpl-owner-pack'}`}
                    title={record.owner}
                  >
                    {ownerLabel(record)}
                  </span>
                  {isEditable(record) ? null : (
                    <span className="chip tpl-readonly">🔒 {tt('templates.library.readOnly')}</span>
                  )}
                  {record.stale?.kind === 'invalid' ? (
                    <span className="chip tpl-stale" data-testid="template-stale-chip" title={record.stale.reason}>
                      {tt('templates.library.stale')}
                    </span>
                  ) : null}
                  <span className="chip">
                    {messages.languageLabel(record.language)}
                    {record.formality ? ` · ${messages.formalityLabel(record.formality)}` : ''}
                  </span>
                  <span className={`chip tpl-tone-${record.tone}`}>{messages.toneLabel(record.tone)}</span>
                  {shortcutOf.has(record.id) ? (
                    <span className="chip tpl-shortcut" data-testid="template-shortcut-chip">
                      {tt('snippet-settings.shortcutChip', { shortcut: shortcutOf.get(record.id) ?? '' })}
                    </span>
                  ) : null}
                  {record.intents.filter(isTemplateIntent).map((value) => (
                    <span key={value} className="chip">
                      {messages.intentLabel(value)}
                    </span>
                  ))}
                </div>
                <div className="small muted">
                  {tPlural(language, 'templates.library.uses', record.usageCount)} ·{' '}
                  {tt('templates.library.changed', {
                    version: record.version,
                    date: dateFormat.format(new Date(record.updatedAt)),
                  })}
                </div>
              </div>
              <div className="tpl-row-actions">
                {isEditable(record) ? (
                  <button type="button" onClick={() => setEditing(record)}>
                    {tt('templates.library.edit')}
                  </button>
                ) : (
                  <button
                    type="button"
                    onClick={() =>
                      duplicate.mutate(record.id, {
                        onSuccess: (copy) => {
                          setToast({ text: tt('templates.library.duplicated', { title: copy.title }) });
                          setEditing(copy);
                        },
                        onError: failure,
                      })
                    }
                  >
                    {tt('templates.library.duplicate')}
                  </button>
                )}
                {isDeletable(record) ? (
                  <button
                    type="button"
                    className="link"
                    onClick={() =>
                      remove.mutate(record.id, {
                        onSuccess: () => {
                          toggle(record.id, false);
                          setToast({
                            text: tt('templates.library.deleted', { title: record.title }),
                            undoId: record.id,
                          });
                        },
                        onError: failure,
                      })
                    }
                  >
                    {record.owner === PERSONAL_OWNER ? tt('templates.library.delete') : tt('templates.library.hide')}
                  </button>
                ) : null}
              </div>
            </li>
          ),
        )}
      </ul>

      <TemplatePacks />

      {toast ? (
        <div className="tpl-toast" role="status" data-testid="template-toast">
          <span>{toast.text}</span>
          {toast.undoId ? (
            <button
              type="button"
              className="link"
              onClick={() => {
                const id = toast.undoId;
                setToast(null);
                if (id) restore.mutate(id, { onError: failure });
              }}
            >
              {tt('templates.library.undo')}
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
