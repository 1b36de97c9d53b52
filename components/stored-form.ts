import { useState } from 'react';

/** A form's fields as the agent edits them, loaded from stored settings. */
export interface StoredForm<D> {
  draft: D;
  /** Edited since it was loaded or saved: stored settings that change meanwhile do not load over it. */
  dirty: boolean;
  edit(change: Partial<D>): void;
  /** The edits are stored: the form may load stored changes again. */
  saved(): void;
}

interface FormState<S, D> {
  draft: D;
  dirty: boolean;
  loadedFrom: S;
}

/**
 * A settings form that follows the stored settings — first load, another tab, another section's save (the language,
 * a site switch) — but never over edits the agent has not saved. Adjusted while rendering, so the form shows the
 * settings on the first render that has them and a reload never lands after an edit began. `null` until `stored` is
 * known. (The escalation section, whose secrets and policy arrive late, keeps its own richer version.)
 */
export function useStoredForm<S, D>(stored: S | undefined, toDraft: (stored: S) => D): StoredForm<D> | null {
  const [form, setForm] = useState<FormState<S, D> | null>(null);
  let current = form;
  if (stored !== undefined && (current === null || (!current.dirty && current.loadedFrom !== stored))) {
    current = { draft: toDraft(stored), dirty: false, loadedFrom: stored };
    setForm(current);
  }
  if (!current) return null;
  return {
    draft: current.draft,
    dirty: current.dirty,
    edit: (change) =>
      setForm((state) => (state ? { ...state, draft: { ...state.draft, ...change }, dirty: true } : state)),
    saved: () => setForm((state) => (state ? { ...state, dirty: false } : state)),
  };
}
