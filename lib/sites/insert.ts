/**
 * Writing a reply into the page: plain text only (never HTML), at the cursor, as an undoable edit where the browser
 * allows, with the input events frameworks listen for. Nothing is ever sent.
 */
import type { ErrorCode } from '../errors';
import { queryAny } from './dom';
import { BLOCK_TAGS } from './text';
import type { InsertResult } from './types';

/**
 * Whether `el` is a field a reply can go into: a textarea, a contenteditable host, or the body of a document in design
 * mode (older iframe editors). One-line inputs (search, subject) are never reply fields.
 */
export function isEditableField(el: Element | null | undefined): el is HTMLElement {
  if (!el) return false;
  if (el.tagName === 'TEXTAREA') return !(el as HTMLTextAreaElement).readOnly && !(el as HTMLTextAreaElement).disabled;
  const editable = el.getAttribute('contenteditable');
  if (editable === '' || editable === 'true' || editable === 'plaintext-only') return true;
  return el.tagName === 'BODY' && el.ownerDocument.designMode === 'on';
}

/** The editing host (outermost contenteditable) around `el`, or `el` itself for text fields. */
function editingHost(el: HTMLElement): HTMLElement {
  if (el.tagName === 'TEXTAREA') return el;
  let host = el;
  for (let cur = el.parentElement; cur && isEditableField(cur); cur = cur.parentElement) host = cur;
  return host;
}

/** The `<iframe>` showing `doc`, when `doc` is a same-origin frame's document. */
function frameElementOf(doc: Document): Element | null {
  try {
    return doc.defaultView?.frameElement ?? null;
  } catch {
    // A cross-origin parent hides its frame element; the frame's own visibility is then not ours to check.
    return null;
  }
}

/** Whether `doc` is laid out (a real browser): DOMs without layout (tests, parsers) report every size as zero. */
function hasLayout(doc: Document): boolean {
  const root = doc.documentElement;
  return root ? root.getBoundingClientRect().width > 0 : false;
}

/**
 * Whether a person can see `el`: no `hidden` or `aria-hidden="true"` on it or around it, not `display: none` or
 * `visibility: hidden`, taking up space where the DOM has layout, and inside a visible frame. TinyMCE and CKEditor 4
 * keep the page's original textarea this way and edit a copy: text written into the textarea is never seen or sent.
 */
export function isVisibleElement(el: Element): boolean {
  const view = el.ownerDocument.defaultView;
  for (let cur: Element | null = el; cur; cur = cur.parentElement) {
    if (cur.hasAttribute('hidden') || cur.getAttribute('aria-hidden') === 'true') return false;
    if (view?.getComputedStyle(cur).display === 'none') return false;
  }
  const visibility = view?.getComputedStyle(el).visibility;
  if (visibility === 'hidden' || visibility === 'collapse') return false;
  // A frame's body may be shorter than its frame; the frame's own size is what a person sees.
  if (el.tagName !== 'BODY' && hasLayout(el.ownerDocument)) {
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) return false;
  }
  const frame = frameElementOf(el.ownerDocument);
  return frame ? isVisibleElement(frame) : true;
}

/**
 * Where rich-text editors let a person type, each with the editor it was seen in, most specific first. Their source
 * textarea stays in the page, hidden, and is what a plain `textarea` selector finds first.
 */
const VISIBLE_EDITORS = [
  // TinyMCE 5–8, classic mode: the editor is an iframe's body.
  'iframe.tox-edit-area__iframe',
  // TinyMCE 4, classic mode.
  '.mce-edit-area iframe',
  // TinyMCE inline mode (all versions).
  '.mce-content-body[contenteditable="true"]',
  // CKEditor 4, classic mode (iframe).
  'iframe.cke_wysiwyg_frame',
  // CKEditor 4, divarea and inline modes.
  '.cke_wysiwyg_div[contenteditable="true"], .cke_editable[contenteditable="true"]',
  // CKEditor 5 (classic, inline, balloon, decoupled).
  '.ck-editor__editable[contenteditable="true"]',
  // Quill.
  '.ql-editor[contenteditable="true"]',
  // ProseMirror and the editors built on it (Tiptap, Remirror).
  '.ProseMirror[contenteditable="true"]',
  // Any other editor, then plain text fields.
  '[contenteditable="true"], [contenteditable=""], [contenteditable="plaintext-only"]',
  'textarea',
] as const;

/** The editable surface of `el`: a same-origin frame's editable body, the editing host, or null. */
function editableSurface(el: Element): HTMLElement | null {
  if (el.tagName === 'IFRAME') {
    let body: HTMLElement | null = null;
    try {
      body = (el as HTMLIFrameElement).contentDocument?.body ?? null;
    } catch {
      // A cross-origin frame: its editor is not ours to reach.
      body = null;
    }
    return body && isEditableField(body) ? body : null;
  }
  return isEditableField(el) ? editingHost(el) : null;
}

/** The first visible editor inside `root` (never one of our own UI's fields). */
function visibleEditorIn(root: ParentNode): HTMLElement | null {
  for (const selector of VISIBLE_EDITORS) {
    for (const el of Array.from(root.querySelectorAll(selector))) {
      if (el.closest('[data-rapport-ui]')) continue;
      const surface = editableSurface(el);
      if (surface && isVisibleElement(surface)) return surface;
    }
  }
  return null;
}

/** The visible editor in or of `el` itself (a container, a frame), if any. */
function visibleEditorAt(el: Element): HTMLElement | null {
  const surface = editableSurface(el);
  if (surface && isVisibleElement(surface)) return surface;
  return isVisibleElement(el) ? visibleEditorIn(el) : null;
}

/** Editors that name `field` (or its label) as what they stand for: `aria-labelledby`, `aria-describedby`, … */
function editorNaming(field: HTMLElement): HTMLElement | null {
  const doc = field.ownerDocument;
  const refs = new Set((field.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean));
  if (field.id) {
    refs.add(field.id);
    for (const label of Array.from(doc.querySelectorAll('label[for]'))) {
      if (label.getAttribute('for') === field.id && label.id) refs.add(label.id);
    }
  }
  if (refs.size === 0) return null;
  for (const el of Array.from(doc.querySelectorAll('[aria-labelledby], [aria-describedby], [aria-controls]'))) {
    if (el === field) continue;
    const names = ['aria-labelledby', 'aria-describedby', 'aria-controls'].flatMap((name) =>
      (el.getAttribute(name) ?? '').split(/\s+/),
    );
    if (!names.some((name) => refs.has(name))) continue;
    const editor = visibleEditorAt(el);
    if (editor) return editor;
  }
  return null;
}

/**
 * The editor a person sees for `field`: `field` itself when visible, else the visible editor standing in for it — by
 * the editors' own naming (TinyMCE's `<id>_ifr` frame, CKEditor 4's `cke_<name>` container), by ARIA references, next
 * to it (CKEditor 5, TinyMCE and CKEditor 4 insert their editor right after the textarea they replace), around it, or
 * in its form. Null when there is none: a hidden field is never written to.
 */
export function resolveVisibleEditor(field: HTMLElement): HTMLElement | null {
  const own = visibleEditorAt(field);
  if (own) return own;
  const doc = field.ownerDocument;
  for (const name of [field.id, field.getAttribute('name') ?? '']) {
    if (!name) continue;
    for (const id of [`${name}_ifr`, `cke_${name}`]) {
      const named = doc.getElementById(id);
      const editor = named ? visibleEditorAt(named) : null;
      if (editor) return editor;
    }
  }
  const naming = editorNaming(field);
  if (naming) return naming;
  for (let sibling = field.nextElementSibling; sibling; sibling = sibling.nextElementSibling) {
    const editor = visibleEditorAt(sibling);
    if (editor) return editor;
  }
  for (let sibling = field.previousElementSibling; sibling; sibling = sibling.previousElementSibling) {
    const editor = visibleEditorAt(sibling);
    if (editor) return editor;
  }
  // Wrappers a few levels up (the editor's container beside the field's own wrapper), then the whole form.
  let scope = field.parentElement;
  for (let depth = 0; scope && depth < 3 && scope !== doc.body; depth++, scope = scope.parentElement) {
    const editor = visibleEditorIn(scope);
    if (editor) return editor;
  }
  const form = field.closest('form');
  return form ? visibleEditorIn(form) : null;
}

/**
 * The field that has focus, following focus into open shadow roots and same-origin frames (older helpdesks put their
 * editor in an iframe). Null when nothing editable is focused.
 */
export function focusedEditable(doc: Document): HTMLElement | null {
  let active: Element | null = doc.activeElement;
  for (let depth = 0; active && depth < 8; depth++) {
    if (active.shadowRoot?.activeElement) {
      active = active.shadowRoot.activeElement;
      continue;
    }
    if (active.tagName === 'IFRAME') {
      let inner: Document | null = null;
      try {
        inner = (active as HTMLIFrameElement).contentDocument;
      } catch {
        // A cross-origin frame: its field is not ours to reach.
        inner = null;
      }
      if (!inner?.activeElement || inner.activeElement === inner.body) {
        return inner?.body && isEditableField(inner.body) ? inner.body : null;
      }
      active = inner.activeElement;
      continue;
    }
    break;
  }
  if (!active) return null;
  if (isEditableField(active)) return editingHost(active);
  // Focus sits on a child of an editor (a paragraph) in some browsers.
  const host = active.closest('[contenteditable="true"], [contenteditable=""], [contenteditable="plaintext-only"]');
  return host instanceof Element && isEditableField(host) ? editingHost(host as HTMLElement) : null;
}

type ExecCommand = (command: string, showUi?: boolean, value?: string) => boolean;

/** `document.execCommand` when the DOM has it (browsers do; happy-dom and linkedom do not). */
function execCommandOf(doc: Document): ExecCommand | null {
  const candidate: unknown = Reflect.get(doc, 'execCommand');
  return typeof candidate === 'function' ? (candidate as ExecCommand).bind(doc) : null;
}

function dispatchInput(el: HTMLElement, data: string): void {
  const view = el.ownerDocument.defaultView;
  const InputEventCtor = view?.InputEvent ?? InputEvent;
  el.dispatchEvent(new InputEventCtor('input', { bubbles: true, inputType: 'insertText', data }));
  const EventCtor = view?.Event ?? Event;
  el.dispatchEvent(new EventCtor('change', { bubbles: true }));
}

/** The lines a person sees in editor markup: `<br>` and each new block start a line. */
function renderedText(node: Node): string {
  let out = '';
  const walk = (current: Node): void => {
    if (current.nodeType === 3) {
      out += current.nodeValue ?? '';
      return;
    }
    if (current.nodeName === 'BR') {
      out += '\n';
      return;
    }
    if (BLOCK_TAGS.has(current.nodeName) && out !== '' && !out.endsWith('\n')) out += '\n';
    current.childNodes.forEach(walk);
  };
  walk(node);
  return out;
}

/** What the visible editor shows now: a text field's value, else its rendered text. */
function shownText(editor: HTMLElement): string {
  if (editor.tagName === 'TEXTAREA') return (editor as HTMLTextAreaElement).value;
  // innerText is what is on screen where there is layout; without layout it is only a guess.
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered lines (<br>, blocks) are what a person sees
  return hasLayout(editor.ownerDocument) ? editor.innerText : renderedText(editor);
}

/**
 * What to put before the reply so it stands apart from text already there: a blank line when the caret is at the end
 * of existing text, less if that text already ends with line breaks. Nothing when the caret is mid-text (the agent
 * chose the spot) or right after a space (the agent is continuing a line: "Vorab: ").
 */
function separatorBefore(before: string, after: string): string {
  if (before.trim() === '' || after.trim() !== '') return '';
  if (/[ \t\u00a0]$/.test(before)) return '';
  const trailing = /\n*$/.exec(before.replace(/[ \t\u00a0]+$/gm, ''))?.[0].length ?? 0;
  return '\n'.repeat(Math.max(0, 2 - trailing));
}

/** Reply-on-top text fields: the first line that says something is quoted history (`> …`, "… wrote:"). */
function startsWithQuote(value: string): boolean {
  const first = value.split('\n').find((line) => line.trim() !== '') ?? '';
  return /^\s*>/.test(first) || /(wrote|schrieb|a écrit|escribió)\s*:\s*$/i.test(first);
}

function insertIntoTextField(field: HTMLTextAreaElement, text: string): void {
  const doc = field.ownerDocument;
  const value = field.value;
  let start = field.selectionStart ?? value.length;
  let end = field.selectionEnd ?? start;
  let suffix = '';
  const wasFocused = doc.activeElement === field;
  if (!wasFocused && start === 0 && end === 0 && value.trim() !== '') {
    // Never focused: the caret is at 0 only because nobody put it anywhere. Reply above quoted history, else at the end.
    if (startsWithQuote(value)) {
      suffix = '\n\n';
    } else {
      start = value.length;
      end = value.length;
    }
  }
  const insert = separatorBefore(value.slice(0, start), start === end ? value.slice(end) : 'x') + text + suffix;
  field.focus();
  // Focusing may move the caret in some browsers: put it back where the agent (or we) left it.
  field.setSelectionRange(start, end);
  const exec = execCommandOf(doc);
  // execCommand on a focused text field goes onto the browser's undo stack (Ctrl+Z works) and fires input itself.
  // Whatever it reports, a changed field means the text went in: writing it again would double it.
  exec?.('insertText', false, insert);
  if (field.value !== value) return;
  if (typeof field.setRangeText === 'function') {
    field.setRangeText(insert, start, end, 'end');
  } else {
    field.value = value.slice(0, start) + insert + value.slice(end);
  }
  const caret = start + insert.length;
  field.setSelectionRange(caret, caret);
  dispatchInput(field, insert);
}

/**
 * Quoted history and the sites' "quote goes below here" markers in reply editors: Gmail (`.gmail_quote`), Outlook on the
 * web (`#appendonsend`, `#divRplyFwdMsg`), Thunderbird/Roundcube-style `blockquote[type=cite]`, and plain blockquotes.
 */
const QUOTED_HISTORY = '.gmail_quote, #appendonsend, [id^="divRplyFwdMsg"], blockquote';

/** The last place text can go in `host`: inside its last line, before a trailing `<br>` placeholder. */
function endRangeIn(host: HTMLElement): Range {
  const range = host.ownerDocument.createRange();
  let node: Node = host;
  for (;;) {
    let child = node.lastChild;
    // Markup indentation between blocks and comments are not where a person types.
    while (
      child &&
      ((child.nodeType === 3 && /^\s*$/.test(child.nodeValue ?? '') && (child.nodeValue ?? '').includes('\n')) ||
        (child.nodeType !== 1 && child.nodeType !== 3))
    ) {
      child = child.previousSibling;
    }
    if (!child) break;
    node = child;
  }
  if (node.nodeName === 'BR' && node !== host) {
    range.setStartBefore(node);
  } else if (node.nodeType === 3) {
    range.setStart(node, (node.nodeValue ?? '').length);
  } else {
    range.setStart(node, 0);
  }
  range.collapse(true);
  return range;
}

/** Whether focus is in `host` (and, for a frame's editor, on its frame). */
function hasFocusIn(host: HTMLElement): boolean {
  const doc = host.ownerDocument;
  const active = doc.activeElement;
  if (!active || !(active === host || host.contains(active))) return false;
  const frame = frameElementOf(doc);
  return frame ? frame.ownerDocument.activeElement === frame : true;
}

/**
 * The agent's caret inside `host`; when the selection is elsewhere, where the site itself puts the caret on opening a
 * reply: the first line, above any quoted history (seen in real Chromium: Gmail's pop-out compose opens as
 * `<div><br></div><br><div class="gmail_quote">…`, and a caret at the end wrote the reply under the quote).
 * Without quoted history, the end of what is there.
 */
function caretRangeIn(host: HTMLElement): { range: Range; atQuote: boolean } {
  const doc = host.ownerDocument;
  const selection = doc.getSelection();
  if (selection && selection.rangeCount > 0) {
    const range = selection.getRangeAt(0);
    const inside = host.contains(range.startContainer) && host.contains(range.endContainer);
    // An editor nobody has clicked into keeps its own caret at the very start (TinyMCE does): not a place anyone chose.
    const isDefault =
      inside &&
      range.collapsed &&
      !hasFocusIn(host) &&
      textBeside(host, range, 'before').trim() === '' &&
      textBeside(host, range, 'after').trim() !== '';
    if (inside && !isDefault) return { range: range.cloneRange(), atQuote: false };
  }
  const quote = host.querySelector(QUOTED_HISTORY);
  if (!quote) return { range: endRangeIn(host), atQuote: false };
  const range = doc.createRange();
  const first = host.firstElementChild;
  // An empty first line (`<div><br></div>`, `<p><br></p>`) is where the reply goes; else the very start.
  if (first && first !== quote && !first.contains(quote) && (first.textContent ?? '') === '') {
    range.setStart(first, 0);
  } else {
    range.setStart(host, 0);
  }
  range.collapse(true);
  return { range, atQuote: true };
}

/** The rendered text of `host` before (or after) a collapsed `range`. */
function textBeside(host: HTMLElement, range: Range, side: 'before' | 'after'): string {
  const part = host.ownerDocument.createRange();
  part.selectNodeContents(host);
  if (side === 'before') part.setEnd(range.startContainer, range.startOffset);
  else part.setStart(range.endContainer, range.endOffset);
  return renderedText(part.cloneContents());
}

/**
 * Hands `text` to the editor as a plain-text paste (text/plain only, never HTML): CKEditor 5, ProseMirror, Quill and
 * TinyMCE turn it into lines through their own paste handling, update their model (what the helpdesk sends) and make it
 * one undo step. Seen in real Chromium: CKEditor 5 ignores `execCommand('insertText')` while reporting success, and
 * ProseMirror turns `insertLineBreak` into spaces. The event is synthetic, so a page that does not handle it gets
 * nothing pasted by the browser. True when the editor took it.
 */
function pasteAsPlainText(host: HTMLElement, text: string): boolean {
  if (typeof ClipboardEvent !== 'function' || typeof DataTransfer !== 'function') return false;
  const before = shownText(host);
  let event: ClipboardEvent;
  try {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
  } catch {
    // A DOM whose clipboard events cannot carry data (test DOMs): the editing commands below do the work.
    return false;
  }
  host.dispatchEvent(event);
  // TinyMCE inserts without marking the event handled.
  return event.defaultPrevented || shownText(host) !== before;
}

function insertIntoContentEditable(host: HTMLElement, text: string): void {
  const doc = host.ownerDocument;
  const { range, atQuote } = caretRangeIn(host);
  const separator =
    atQuote || !range.collapsed
      ? ''
      : separatorBefore(textBeside(host, range, 'before'), textBeside(host, range, 'after'));
  host.focus();
  const selection = doc.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
  // Editors that keep their own selection (CKEditor 5, ProseMirror, Quill) read it on selectionchange, which the
  // browser fires only after this task: without it they would write where their caret was before.
  doc.dispatchEvent(new (doc.defaultView?.Event ?? Event)('selectionchange'));
  if (pasteAsPlainText(host, separator + text)) return;
  // One step per line and per break between lines, so an editor that stops taking them midway is resumed from there.
  const steps = (separator + text)
    .split(/\r?\n/)
    .flatMap((line, index): InsertStep[] => [
      ...(index > 0 ? [{ kind: 'break' } as const] : []),
      ...(line !== '' ? [{ kind: 'text', text: line } as const] : []),
    ]);
  let done = 0;
  const exec = execCommandOf(doc);
  if (exec) {
    // One editing command per step: each goes through the editor's own beforeinput handling (CKEditor, Froala,
    // Gmail) and onto the undo stack. Editors that handle the command themselves may report false, so a step counts
    // as taken when the command succeeded or the editor changed.
    for (; done < steps.length; done++) {
      const step = steps[done];
      if (!step) break;
      const shownBefore = shownText(host);
      const ok = step.kind === 'break' ? exec('insertLineBreak') : exec('insertText', false, step.text);
      if (!ok && shownText(host) === shownBefore) break;
    }
    if (done === steps.length) return;
  }
  // No editing commands here, or the editor refused one midway (issue 20: the whole text then went in a second time):
  // the steps not taken yet are built as text nodes and <br>s where the commands stopped. Not undoable, but the text
  // lands once, where the caret was, and the input event lets the editor's model catch up.
  const at = done > 0 ? (currentRangeIn(host) ?? endRangeIn(host)) : range;
  at.deleteContents();
  const fragment = doc.createDocumentFragment();
  for (const step of steps.slice(done)) {
    fragment.appendChild(step.kind === 'break' ? doc.createElement('br') : doc.createTextNode(step.text));
  }
  const last = fragment.lastChild;
  at.insertNode(fragment);
  if (last) {
    at.setStartAfter(last);
    at.collapse(true);
    selection?.removeAllRanges();
    selection?.addRange(at);
  }
  dispatchInput(
    host,
    steps
      .slice(done)
      .map((step) => (step.kind === 'break' ? '\n' : step.text))
      .join(''),
  );
}

/** One piece of an insert into a rich editor: a line's text, or the break before the next line. */
type InsertStep = { kind: 'text'; text: string } | { kind: 'break' };

/** The selection's range when it is inside `host` (where an editor left its caret), else null. */
function currentRangeIn(host: HTMLElement): Range | null {
  const selection = host.ownerDocument.getSelection();
  if (!selection || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  return host.contains(range.startContainer) ? range.cloneRange() : null;
}

/**
 * Where an insert went, or why it did not happen: a code the panel says after "Could not insert:" in the agent's
 * language (`errors.<code>`), and the English detail.
 */
export type EditorInsert = { ok: true; editor: HTMLElement } | { ok: false; code: ErrorCode; reason: string };

const NOT_VISIBLE: EditorInsert = {
  ok: false,
  code: 'adapter/reply-editor-hidden',
  reason: 'The reply editor is not visible — open the reply box, then try again',
};
const NOT_SHOWN: EditorInsert = {
  ok: false,
  code: 'adapter/insert-not-shown',
  reason: 'The text did not appear in the visible reply editor — it was not inserted.',
};

const normalise = (value: string): string => value.replace(/\s+/g, ' ').trim();

function countOf(haystack: string, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) count++;
  return count;
}

/** Writes `text` into the visible editor for `field` and returns a check that it shows there (one more time than before). */
function write(field: HTMLElement, text: string): { editor: HTMLElement; isShown: () => boolean } | null {
  const editor = resolveVisibleEditor(field);
  if (!editor) return null;
  const lines = text
    .split(/\r?\n/)
    .map(normalise)
    .filter((line) => line !== '');
  const firstLine = lines[0] ?? '';
  const lastLine = lines[lines.length - 1] ?? '';
  const countsIn = (shown: string): [number, number] => [countOf(shown, firstLine), countOf(shown, lastLine)];
  const [firstBefore, lastBefore] = countsIn(normalise(shownText(editor)));
  if (editor.tagName === 'TEXTAREA') insertIntoTextField(editor as HTMLTextAreaElement, text);
  else insertIntoContentEditable(editor, text);
  return {
    editor,
    isShown: () => {
      if (!firstLine) return true;
      const [first, last] = countsIn(normalise(shownText(editor)));
      return first > firstBefore && last > lastBefore;
    },
  };
}

/**
 * Inserts plain `text` (line breaks kept) into the editor a person sees for `field` — never a hidden source textarea —
 * at its caret (at the end when it has none, set off from earlier text by a blank line), as one undoable edit where
 * the browser allows; then reads the editor back. Use {@link insertIntoEditor} where the editor may redraw.
 */
export function insertPlainText(field: HTMLElement, text: string): EditorInsert {
  const written = write(field, text);
  if (!written) return NOT_VISIBLE;
  return written.isShown() ? { ok: true, editor: written.editor } : NOT_SHOWN;
}

/**
 * {@link insertPlainText}, read back once more after the editor has had a turn to redraw from its own model (Quill,
 * ProseMirror and CKEditor 5 rewrite the DOM after an edit, and drop what their model did not take).
 */
export async function insertIntoEditor(field: HTMLElement, text: string): Promise<EditorInsert> {
  const written = write(field, text);
  if (!written) return NOT_VISIBLE;
  await new Promise((resolve) => setTimeout(resolve, 50));
  return written.isShown() ? { ok: true, editor: written.editor } : NOT_SHOWN;
}

/**
 * Resolves with the first element matching `selectors` under `doc`, waiting (without polling) up to `timeoutMs` for the
 * page to render it; null when it never comes.
 */
export function waitForElement(doc: Document, find: () => Element | null, timeoutMs: number): Promise<Element | null> {
  const existing = find();
  if (existing) return Promise.resolve(existing);
  const view = doc.defaultView;
  if (!view || !doc.body) return Promise.resolve(null);
  return new Promise((resolve) => {
    const observer = new view.MutationObserver(() => {
      const found = find();
      if (found) finish(found);
    });
    const timer = view.setTimeout(() => finish(null), timeoutMs);
    function finish(result: Element | null): void {
      observer.disconnect();
      view?.clearTimeout(timer);
      resolve(result);
    }
    observer.observe(doc.body, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['style', 'hidden'],
    });
  });
}

export interface ReplyBoxSpec {
  /** Site label for messages. */
  label: string;
  /** Finds the reply box now (null when closed). */
  findBox: (doc: Document) => HTMLElement | null;
  /** Selectors of the page's own "Reply" buttons, tried in order, clicked to open the box. */
  openSelectors: readonly string[];
  /** How long to wait for the box after clicking Reply. */
  timeoutMs?: number;
}

/** The panel's answer for an insert into the reply box or the focused field. */
function resultOf(done: EditorInsert, target: 'reply-box' | 'focused-field'): InsertResult {
  return done.ok ? { ok: true, target } : { ok: false, code: done.code, reason: done.reason };
}

/**
 * Site insert: the visible editor of the reply box when it is open (the agent's caret kept if it is in there), else
 * the page's Reply button is clicked and the editor awaited, else a focused field anywhere on the page. Reports
 * success only when the text shows in the visible editor. Never sends.
 */
export async function insertIntoReplyBox(doc: Document, text: string, spec: ReplyBoxSpec): Promise<InsertResult> {
  const focused = focusedEditable(doc);
  const box = spec.findBox(doc);
  const editor = box ? resolveVisibleEditor(box) : null;
  if (box && editor) {
    const atCaret = focused && (box.contains(focused) || editor.contains(focused));
    return resultOf(await insertIntoEditor(atCaret ? focused : editor, text), 'reply-box');
  }
  const opener = queryAny(doc, spec.openSelectors);
  if (opener) {
    opener.dispatchEvent(new (doc.defaultView?.MouseEvent ?? MouseEvent)('click', { bubbles: true, cancelable: true }));
    const findEditor = (): HTMLElement | null => {
      const opened = spec.findBox(doc);
      return opened ? resolveVisibleEditor(opened) : null;
    };
    const opened = await waitForElement(doc, findEditor, spec.timeoutMs ?? 3000);
    if (opened && isEditableField(opened)) return resultOf(await insertIntoEditor(opened, text), 'reply-box');
  }
  if (focused) return resultOf(await insertIntoEditor(focused, text), 'focused-field');
  return opener
    ? {
        ok: false,
        code: 'adapter/reply-box-closed',
        reason: `The reply box on ${spec.label} did not open — click Reply, then try again`,
        params: { site: spec.label },
      }
    : {
        ok: false,
        code: 'adapter/reply-box-missing',
        reason: `No reply box found on ${spec.label} — click into the reply field, then try again`,
        params: { site: spec.label },
      };
}
