/**
 * Writing a reply into the page: plain text only (never HTML), at the cursor, as an undoable edit where the browser
 * allows, with the input events frameworks listen for. Nothing is ever sent.
 */
import { queryAny } from './dom';
import type { InsertResult } from './types';

/**
 * Whether `el` is a field a reply can go into: a textarea or a contenteditable host. One-line inputs (search, subject)
 * are never reply fields.
 */
export function isEditableField(el: Element | null | undefined): el is HTMLElement {
  if (!el) return false;
  if (el.tagName === 'TEXTAREA') return !(el as HTMLTextAreaElement).readOnly && !(el as HTMLTextAreaElement).disabled;
  const editable = el.getAttribute('contenteditable');
  return editable === '' || editable === 'true' || editable === 'plaintext-only';
}

/** The editing host (outermost contenteditable) around `el`, or `el` itself for text fields. */
function editingHost(el: HTMLElement): HTMLElement {
  if (el.tagName === 'TEXTAREA') return el;
  let host = el;
  for (let cur = el.parentElement; cur && isEditableField(cur); cur = cur.parentElement) host = cur;
  return host;
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

function insertIntoTextField(field: HTMLTextAreaElement, text: string): void {
  const doc = field.ownerDocument;
  const value = field.value;
  const start = field.selectionStart ?? value.length;
  const end = field.selectionEnd ?? start;
  const wasFocused = doc.activeElement === field;
  field.focus();
  if (!wasFocused) {
    // Focusing may move the caret in some browsers: put it back where the agent left it.
    field.setSelectionRange(start, end);
  }
  const exec = execCommandOf(doc);
  // execCommand on a focused text field goes onto the browser's undo stack (Ctrl+Z works) and fires input itself.
  if (exec?.('insertText', false, text) && field.value !== value) return;
  if (typeof field.setRangeText === 'function') {
    field.setRangeText(text, start, end, 'end');
  } else {
    field.value = value.slice(0, start) + text + value.slice(end);
  }
  const caret = start + text.length;
  field.setSelectionRange(caret, caret);
  dispatchInput(field, text);
}

/**
 * Quoted history and the sites' "quote goes below here" markers in reply editors: Gmail (`.gmail_quote`), Outlook on the
 * web (`#appendonsend`, `#divRplyFwdMsg`), Thunderbird/Roundcube-style `blockquote[type=cite]`, and plain blockquotes.
 */
const QUOTED_HISTORY = '.gmail_quote, #appendonsend, [id^="divRplyFwdMsg"], blockquote';

/**
 * The agent's caret inside `host`; when the selection is elsewhere, where the site itself puts the caret on opening a
 * reply: the first line, above any quoted history (seen in real Chromium: Gmail's pop-out compose opens as
 * `<div><br></div><br><div class="gmail_quote">…`, and a caret at the end wrote the reply under the quote).
 * Without quoted history, the end of what is there.
 */
function caretRangeIn(host: HTMLElement): Range {
  const doc = host.ownerDocument;
  const selection = doc.getSelection();
  if (selection && selection.rangeCount > 0) {
    const range = selection.getRangeAt(0);
    if (host.contains(range.startContainer) && host.contains(range.endContainer)) return range.cloneRange();
  }
  const range = doc.createRange();
  const quote = host.querySelector(QUOTED_HISTORY);
  if (quote) {
    const first = host.firstElementChild;
    // An empty first line (`<div><br></div>`, `<p><br></p>`) is where the reply goes; else the very start.
    if (first && first !== quote && !first.contains(quote) && (first.textContent ?? '') === '') {
      range.setStart(first, 0);
    } else {
      range.setStart(host, 0);
    }
    range.collapse(true);
    return range;
  }
  range.selectNodeContents(host);
  range.collapse(false);
  return range;
}

function insertIntoContentEditable(host: HTMLElement, text: string): void {
  const doc = host.ownerDocument;
  const range = caretRangeIn(host);
  host.focus();
  const selection = doc.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
  const lines = text.split(/\r?\n/);
  const exec = execCommandOf(doc);
  if (exec) {
    // One editing command per line and per break: each goes through the editor's own beforeinput handling
    // (CKEditor, Froala, Gmail) and onto the undo stack.
    let ok = true;
    lines.forEach((line, index) => {
      if (!ok) return;
      if (index > 0) ok = exec('insertLineBreak');
      if (ok && line !== '') ok = exec('insertText', false, line);
    });
    if (ok) return;
  }
  // No editing commands here (or the editor refused them): build text nodes and <br>s ourselves. Not undoable, but the
  // text lands where the caret was, and the input event lets the editor's model catch up.
  range.deleteContents();
  const fragment = doc.createDocumentFragment();
  lines.forEach((line, index) => {
    if (index > 0) fragment.appendChild(doc.createElement('br'));
    if (line !== '') fragment.appendChild(doc.createTextNode(line));
  });
  const last = fragment.lastChild;
  range.insertNode(fragment);
  if (last) {
    range.setStartAfter(last);
    range.collapse(true);
    selection?.removeAllRanges();
    selection?.addRange(range);
  }
  dispatchInput(host, text);
}

/** Inserts plain `text` (line breaks kept) into an editable field at its caret. */
export function insertPlainText(field: HTMLElement, text: string): void {
  if (field.tagName === 'TEXTAREA') {
    insertIntoTextField(field as HTMLTextAreaElement, text);
  } else {
    insertIntoContentEditable(editingHost(field), text);
  }
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

/**
 * Site insert: the reply box when it is open (the agent's caret kept if it is in there), else the page's Reply button
 * is clicked and the box awaited, else a focused field anywhere on the page. Never sends.
 */
export async function insertIntoReplyBox(doc: Document, text: string, spec: ReplyBoxSpec): Promise<InsertResult> {
  const focused = focusedEditable(doc);
  const box = spec.findBox(doc);
  if (box) {
    insertPlainText(focused && box.contains(focused) ? focused : box, text);
    return { ok: true, target: 'reply-box' };
  }
  const opener = queryAny(doc, spec.openSelectors);
  if (opener) {
    opener.dispatchEvent(new (doc.defaultView?.MouseEvent ?? MouseEvent)('click', { bubbles: true, cancelable: true }));
    const opened = await waitForElement(doc, () => spec.findBox(doc), spec.timeoutMs ?? 3000);
    if (opened && isEditableField(opened)) {
      insertPlainText(opened, text);
      return { ok: true, target: 'reply-box' };
    }
  }
  if (focused) {
    insertPlainText(focused, text);
    return { ok: true, target: 'focused-field' };
  }
  return opener
    ? { ok: false, reason: `The reply box on ${spec.label} did not open — click Reply, then try again` }
    : { ok: false, reason: `No reply box found on ${spec.label} — click into the reply field, then try again` };
}
