import type { TabState } from '../lib/messaging';

/** Placeholder until its feature lands (issue work in progress). */
export function EscalationCard(_props: { state: TabState }) {
  return null;
}
