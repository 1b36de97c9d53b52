import { isEditableField } from '../../lib/sites/insert';

const settleMs = 400;

/**
 * Reports what the agent types in a reply box (textarea or contenteditable) after typing pauses, so the panel can
 * check the draft's tone. Only the text of the field being edited is read, and only while it is edited.
 */
export function watchReplyDraft(doc: Document, onDraft: (text: string) => void, signal: AbortSignal): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = '';
  const onInput = (event: Event) => {
    const target =
      event.target instanceof Element
        ? event.target.closest('textarea, [contenteditable], [contenteditable="true"]')
        : null;
    if (!isEditableField(target) || target.closest('[data-rapport-ui]')) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      // innerText, not textContent: it keeps the line breaks the agent typed into a contenteditable editor.
      // biome-ignore lint/performance/useDomNodeTextContent: line breaks matter for the tone check's length cues
      const text = (target instanceof HTMLTextAreaElement ? target.value : (target.innerText ?? '')).trim();
      if (text === last) return;
      last = text;
      onDraft(text.slice(0, 20_000));
    }, settleMs);
  };
  doc.addEventListener('input', onInput, { capture: true, passive: true, signal });
  signal.addEventListener('abort', () => clearTimeout(timer));
}
