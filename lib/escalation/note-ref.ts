/**
 * The mark that makes a helpdesk note idempotent (issue 20: a retry after a timeout posted the Zendesk or Freshdesk
 * note twice). Helpdesk notes have no idempotency key, so the escalation's own key goes into the note as a short
 * reference line; before posting, the action reads the ticket's notes and posts only when none carries it.
 * Kept free of dependencies: the Zendesk action runs in the content script.
 */

const REF_LABEL = 'Rapport ref:';

/** The short reference of an escalation (`R-` and 12 hex digits of its idempotency key), stable across retries. */
export function noteRefOf(idempotencyKey: string): string {
  const hex = idempotencyKey
    .toLowerCase()
    .replace(/^rapport-/, '')
    .replace(/[^0-9a-f]/g, '');
  return `R-${hex.slice(0, 12).padEnd(12, '0')}`;
}

/** The note with its reference line at the end (a line a team lead can also quote when asking about it). */
export function withNoteRef(note: string, ref: string): string {
  return `${note.replace(/\s+$/, '')}\n\n${REF_LABEL} ${ref}`;
}

/** Whether a note's text (plain or HTML) carries the reference. */
export function hasNoteRef(text: string | null | undefined, ref: string): boolean {
  if (!text || !ref) return false;
  let from = text.indexOf(ref);
  while (from >= 0) {
    // The reference must stand on its own: `R-abc` must not match inside `R-abcdef`.
    const after = text[from + ref.length];
    if (after === undefined || !/[0-9a-z-]/i.test(after)) return true;
    from = text.indexOf(ref, from + 1);
  }
  return false;
}
