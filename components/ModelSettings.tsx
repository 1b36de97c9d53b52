/** Placeholder until its feature lands (issue work in progress). */
export function ModelSettings() {
  return null;
}
