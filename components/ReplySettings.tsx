/** Placeholder until its feature lands (issue work in progress). */
export function ReplySettings() {
  return null;
}
