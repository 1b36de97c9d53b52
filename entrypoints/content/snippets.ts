import type { SnippetExpansion } from '../../lib/messaging';
import { matchSnippetTrigger, SHORTCUT_MAX_LENGTH, SHORTCUT_PATTERN } from '../../lib/replies/snippets';
import { insertIntoEditor, isEditableField } from '../../lib/sites/insert';
import type { ContentTranslate } from './catalogue';
import { watchPageScheme } from './scheme-watch';

/** How long a fetched shortcut list is trusted before the next candidate refreshes it (templates change rarely). */
const SHORTCUTS_TTL_MS = 60_000;

type Missing = Extract<SnippetExpansion, { found: true }>['missing'];

export interface SnippetWatchOptions {
  /** Whether snippets are switched on for this page now (read on every candidate, so the switch applies at once). */
  isEnabled: () => boolean;
  listShortcuts: () => Promise<string[]>;
  expand: (shortcut: string, values?: Record<string, string>) => Promise<SnippetExpansion>;
  t: ContentTranslate;
  language: 'en' | 'de';
  signal: AbortSignal;
}

/** Where the typed shortcut stands, so it can be checked and replaced after the background answered. */
type TypedShortcut =
  | { kind: 'text-field'; field: HTMLTextAreaElement; start: number; end: number; typed: string }
  | { kind: 'editable'; field: HTMLElement; node: Text; start: number; end: number; typed: string };

/** The text field or editing host an input event came from (never our own UI). */
function fieldOf(target: EventTarget | null): HTMLElement | null {
  if (!target || typeof (target as Element).closest !== 'function') return null;
  const el = (target as Element).closest('textarea, [contenteditable], body');
  if (!isEditableField(el) || el.closest('[data-rapport-ui]')) return null;
  return el;
}

/** Text just before the caret (up to one shortcut long plus the character before it), and where it lies. */
function textBeforeCaret(
  field: HTMLElement,
): { before: string; locate: (start: number, end: number) => TypedShortcut } | null {
  const span = SHORTCUT_MAX_LENGTH + 1;
  if (field.tagName === 'TEXTAREA') {
    const area = field as HTMLTextAreaElement;
    const caret = area.selectionStart;
    if (caret === null || caret !== area.selectionEnd) return null;
    const from = Math.max(0, caret - span);
    const before = area.value.slice(from, caret);
    return {
      before,
      locate: (start, end) => ({
        kind: 'text-field',
        field: area,
        start: from + start,
        end: from + end,
        typed: before.slice(start, end),
      }),
    };
  }
  const selection = field.ownerDocument.getSelection();
  const node = selection?.focusNode;
  // Editors keep the word being typed in one text node; a caret between elements has no shortcut before it.
  if (!selection?.isCollapsed || !node || node.nodeType !== 3) return null;
  const text = node as Text;
  const caret = selection.focusOffset;
  const from = Math.max(0, caret - span);
  const before = text.data.slice(from, caret);
  return {
    before,
    locate: (start, end) => ({
      kind: 'editable',
      field,
      node: text,
      start: from + start,
      end: from + end,
      typed: before.slice(start, end),
    }),
  };
}

/** Whether the shortcut is still where it was typed (the agent may have typed on or deleted it meanwhile). */
function isStillThere(typed: TypedShortcut): boolean {
  if (typed.kind === 'text-field') return typed.field.value.slice(typed.start, typed.end) === typed.typed;
  return typed.node.isConnected && typed.node.data.slice(typed.start, typed.end) === typed.typed;
}

/** Selects the shortcut (and its trigger), so that the insert path writes over it as one edit. */
function selectShortcut(typed: TypedShortcut): void {
  typed.field.focus();
  if (typed.kind === 'text-field') {
    typed.field.setSelectionRange(typed.start, typed.end);
    return;
  }
  const doc = typed.field.ownerDocument;
  const range = doc.createRange();
  range.setStart(typed.node, typed.start);
  range.setEnd(typed.node, typed.end);
  const selection = doc.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}

/**
 * The form sits on the host page, so it takes the scheme the page shows there, as the badge does (issue 22): a helpdesk
 * in its own dark theme under a light system gets the dark form. `data-scheme` on the form is set from the page's
 * background (entrypoints/content/scheme-watch.ts); the dark colours are the badge's (badge.css). Every text is at least
 * 4.5:1 on the form's surface, and field borders and the focus ring at least 3:1, in both schemes.
 */
const formCss = `
:host { all: initial; }
form { --surface: #fff; --text: #1f2328; --muted: #57606a; --border: #d0d7de; --field: #fff; --field-border: #8c959f;
  --button: #f6f8fa; --primary: #0969da; --on-primary: #fff; --focus: #0969da;
  color-scheme: light; position: fixed; z-index: 2147483647; width: 280px; box-sizing: border-box; padding: 12px;
  background: var(--surface); color: var(--text); border: 1px solid var(--border); border-radius: 8px;
  box-shadow: 0 8px 24px rgba(0,0,0,.18); font: 13px/1.4 system-ui, sans-serif; }
form[data-scheme="dark"] { --surface: #131c2e; --text: #e5eaf2; --muted: #a3b1c6; --border: #3a475e; --field: #0b1120;
  --field-border: #7d8ba1; --button: #243047; --primary: #7cb2ff; --on-primary: #0b1120; --focus: #7cb2ff;
  color-scheme: dark;
  /* A dark page swallows a dark shadow: a faint light edge keeps the form apart from it. */
  box-shadow: 0 8px 24px rgba(0,0,0,.5), 0 0 0 1px rgb(255 255 255 / 12%); }
p { margin: 0 0 8px; } .help { color: var(--muted); font-size: 12px; }
label { display: block; margin: 0 0 8px; } label span { display: block; margin-bottom: 2px; font-weight: 600; }
input { width: 100%; box-sizing: border-box; padding: 4px 6px; font: inherit; color: var(--text);
  background: var(--field); border: 1px solid var(--field-border); border-radius: 4px; }
input::placeholder { color: var(--muted); opacity: 1; }
.actions { display: flex; gap: 8px; }
button { font: inherit; padding: 4px 10px; border-radius: 4px; border: 1px solid var(--field-border);
  background: var(--button); color: var(--text); cursor: pointer; }
button.primary { background: var(--primary); border-color: var(--primary); color: var(--on-primary); }
input:focus-visible, button:focus-visible { outline: 2px solid var(--focus); outline-offset: 1px; }
`;

/**
 * Asks the agent for the values a snippet's template needs, in a small form beside the reply box (in a shadow root, so
 * the page's styles and scripts stay out). Resolves with the values, or null when the agent cancels.
 */
function askForValues(
  near: HTMLElement,
  title: string,
  missing: Missing,
  options: Pick<SnippetWatchOptions, 't' | 'language' | 'signal'>,
): Promise<Record<string, string> | null> {
  const { t, language, signal } = options;
  const doc = document;
  const host = doc.createElement('rapport-snippet-form');
  // Our own UI: the conversation watcher, the generic adapter and the draft watcher skip it.
  host.setAttribute('data-rapport-ui', '');
  // Closed: the form shows the customer's details being filled in, which the page's scripts must not read (issue 20).
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = formCss;
  const form = doc.createElement('form');
  form.setAttribute('data-testid', 'snippet-fill-form');
  form.setAttribute('aria-label', t('snippets.formTitle', { title }));
  const heading = doc.createElement('p');
  heading.textContent = t('snippets.formTitle', { title });
  const help = doc.createElement('p');
  help.className = 'help';
  help.textContent = t('snippets.formHelp');
  form.append(heading, help);
  const inputs = missing.map((spec) => {
    const label = doc.createElement('label');
    const name = doc.createElement('span');
    name.textContent = spec.label[language];
    const input = doc.createElement('input');
    input.type = 'text';
    input.required = true;
    input.dataset.placeholder = spec.key;
    if (spec.example) input.placeholder = spec.example;
    label.append(name, input);
    form.append(label);
    return { key: spec.key, input };
  });
  const actions = doc.createElement('div');
  actions.className = 'actions';
  const submit = doc.createElement('button');
  submit.type = 'submit';
  submit.className = 'primary';
  submit.textContent = t('snippets.formInsert');
  const cancel = doc.createElement('button');
  cancel.type = 'button';
  cancel.textContent = t('common.cancel');
  actions.append(submit, cancel);
  form.append(actions);
  shadow.append(style, form);

  // Below the reply box where there is room, else above it; the box of a frame's editor is its frame's.
  const anchor = near.ownerDocument === doc ? near : (near.ownerDocument.defaultView?.frameElement ?? near);
  const rect = anchor.getBoundingClientRect();
  const top = rect.bottom + 8 + 220 < window.innerHeight ? rect.bottom + 8 : Math.max(8, rect.top - 228);
  form.style.top = `${Math.round(top)}px`;
  form.style.left = `${Math.round(Math.min(Math.max(8, rect.left), window.innerWidth - 288))}px`;
  doc.documentElement.append(host);
  // Light or dark as the page shows itself where the form stands (our host is skipped), read before the form is first
  // painted, and followed while it is open: the agent may switch the helpdesk's theme meanwhile.
  const shown = new AbortController();
  const scheme = watchPageScheme(doc, {
    point: () => {
      const box = form.getBoundingClientRect();
      return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    },
    onChange: (next) => {
      form.dataset.scheme = next;
    },
    signal: shown.signal,
  });
  form.dataset.scheme = scheme.current();
  inputs[0]?.input.focus();

  return new Promise((resolve) => {
    const finish = (values: Record<string, string> | null) => {
      shown.abort();
      host.remove();
      signal.removeEventListener('abort', onAbort);
      resolve(values);
    };
    const onAbort = () => finish(null);
    signal.addEventListener('abort', onAbort);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const values = Object.fromEntries(inputs.map(({ key, input }) => [key, input.value.trim()]));
      if (Object.values(values).some((value) => value === '')) return;
      finish(values);
    });
    cancel.addEventListener('click', () => finish(null));
    // Keys typed here are ours: helpdesks bind single letters to shortcuts of their own.
    form.addEventListener('keydown', (event) => {
      event.stopPropagation();
      if (event.key === 'Escape') finish(null);
    });
  });
}

/**
 * Expands snippet shortcuts typed in the page's reply boxes: when the agent types a space right after a known
 * shortcut (`;refund `), the shortcut is replaced by the template filled for the conversation, through the same insert
 * path as the panel's Insert (one undo step: Ctrl+Z brings the shortcut back). A template that needs a value the
 * conversation does not give asks for it first. Typing costs one string check per space; the shortcut list is fetched
 * the first time something shaped like a shortcut is typed, never at page load.
 */
export function watchSnippets(doc: Document, options: SnippetWatchOptions): void {
  const { signal } = options;
  let shortcuts: Set<string> | null = null;
  let fetchedAt = 0;
  let fetching: Promise<Set<string>> | null = null;
  let expanding = false;

  function loadShortcuts(): Promise<Set<string>> {
    fetching ??= options
      .listShortcuts()
      .then((list) => {
        shortcuts = new Set(list);
        fetchedAt = Date.now();
        return shortcuts;
      })
      .catch(() => shortcuts ?? new Set<string>())
      .finally(() => {
        fetching = null;
      });
    return fetching;
  }

  async function expandAt(typed: TypedShortcut, shortcut: string): Promise<void> {
    let expansion = await options.expand(shortcut);
    if (!expansion.found || signal.aborted) return;
    if (expansion.missing.length > 0) {
      const values = await askForValues(typed.field, expansion.title, expansion.missing, options);
      if (!values || signal.aborted) {
        typed.field.focus();
        return;
      }
      expansion = await options.expand(shortcut, values);
      if (!expansion.found || expansion.missing.length > 0) return;
    }
    if (!isStillThere(typed)) return;
    selectShortcut(typed);
    await insertIntoEditor(typed.field, expansion.text);
  }

  async function onCandidate(typed: TypedShortcut, before: string): Promise<void> {
    const stale = !shortcuts || Date.now() - fetchedAt > SHORTCUTS_TTL_MS;
    const known = stale ? await loadShortcuts() : (shortcuts ?? new Set<string>());
    const match = matchSnippetTrigger(before, known);
    if (!match || !isStillThere(typed)) return;
    expanding = true;
    try {
      await expandAt(typed, match.shortcut);
    } finally {
      expanding = false;
    }
  }

  const onInput = (event: Event) => {
    // Cheap first: only a typed space (or no-break space) can complete a shortcut, and only outside IME composition.
    const data: unknown = Reflect.get(event, 'data');
    if (expanding || typeof data !== 'string' || Reflect.get(event, 'isComposing') === true) return;
    const last = data.slice(-1);
    if (last !== ' ' && last !== '\u00a0') return;
    const field = fieldOf(event.target);
    if (!field) return;
    const caret = textBeforeCaret(field);
    if (!caret?.before.includes(';') || !options.isEnabled()) return;
    const start = caret.before.lastIndexOf(';');
    if (!SHORTCUT_PATTERN.test(caret.before.slice(start, -1))) return;
    const typed = caret.locate(start, caret.before.length);
    void onCandidate(typed, caret.before).catch(() => {
      // The page or the extension went away mid-expansion: the shortcut simply stays as typed.
    });
  };

  const watched = new WeakSet<Document>();
  const watch = (target: Document) => {
    if (watched.has(target)) return;
    watched.add(target);
    target.addEventListener('input', onInput, { capture: true, passive: true, signal });
  };
  watch(doc);
  // Editors in same-origin frames (TinyMCE and CKEditor 4 classic) type into the frame's own document: watch it once
  // the agent clicks into it.
  doc.addEventListener(
    'focusin',
    (event) => {
      if (!(event.target instanceof HTMLIFrameElement)) return;
      try {
        const inner = event.target.contentDocument;
        if (inner) watch(inner);
      } catch {
        // A cross-origin frame: not ours to read or write.
      }
    },
    { capture: true, passive: true, signal },
  );
}
