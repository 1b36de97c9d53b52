/** Placeholder until its feature lands (issue work in progress). */
export function EscalationSettings() {
  return null;
}
