import type { TabState } from '../lib/messaging';

/** Placeholder until its feature lands (issue work in progress). */
export function DraftsCard(_props: { state: TabState }) {
  return null;
}
