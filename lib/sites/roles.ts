/** Deciding who wrote a message: the page's own cues first, then the agent's names and addresses, then a guess. */
import type { ConversationMessage, Person, ReadContext, Role, RoleSource } from './types';

export interface RoleDecision {
  role: Role;
  roleSource: RoleSource;
}

function normalizeName(name: string): string {
  return name.toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Names helpdesks show where nobody is assigned (RT's owner "Nobody", Znuny's "Niemand", Zammad's "-"): never a
 * person, neither customer nor agent.
 */
const PLACEHOLDER_NAME =
  /^(nobody|nobody in particular|niemand|unassigned|not assigned|nicht zugewiesen|keine?r?|none|n\/a|[-–—]+|\(none\)|\(kein(e|er)?\))$/i;

/** Whether a name is a helpdesk's "nobody assigned" placeholder ("Nobody", "Owner: Niemand", "—"), never a person. */
export function isPlaceholderName(text: string): boolean {
  return PLACEHOLDER_NAME.test(text.replace(/^(von|from|owner|besitzer)\s*:?\s+/i, '').trim());
}

/** Whether `author` is the agent by the names and addresses in settings. */
export function isAgentBySettings(author: Person, ctx: ReadContext): boolean {
  const email = author.email?.toLowerCase();
  if (email && ctx.agent.emails.some((e) => e.trim().toLowerCase() === email)) return true;
  const name = author.name ? normalizeName(author.name) : '';
  return name !== '' && ctx.agent.names.some((n) => n.trim() !== '' && normalizeName(n) === name);
}

/** Whether `author` is the signed-in agent `signedIn` (same address, else same full name when no address is known). */
export function isSignedInAgent(author: Person, signedIn: Person | undefined): boolean {
  if (!signedIn) return false;
  const email = author.email?.trim().toLowerCase();
  const signedEmail = signedIn.email?.trim().toLowerCase();
  if (email && signedEmail) return email === signedEmail;
  const name = author.name ? normalizeName(author.name) : '';
  return name !== '' && signedIn.name !== undefined && normalizeName(signedIn.name) === name;
}

/**
 * A message's role: `pageRole` when the page said so; else agent when the author is the signed-in agent (`signedIn`,
 * read from the page) or is named in settings; else `fallback` (the adapter's structural guess).
 */
export function decideRole(
  author: Person,
  ctx: ReadContext,
  pageRole: Role | undefined,
  fallback: Role,
  signedIn?: Person,
): RoleDecision {
  if (pageRole) return { role: pageRole, roleSource: 'page' };
  if (isSignedInAgent(author, signedIn) || isAgentBySettings(author, ctx))
    return { role: 'agent', roleSource: 'identity' };
  return { role: fallback, roleSource: 'heuristic' };
}

/** The customer of a thread: the author of its first customer message ({} when none). */
export function customerOf(messages: readonly ConversationMessage[]): Person {
  const first = messages.find((m) => m.role === 'customer');
  return first ? { ...first.author } : {};
}

/**
 * Applies the agent's role corrections (message id → role) kept for a conversation; they win over everything the page
 * said, and are marked `agent-corrected` so the panel shows they came from the agent.
 */
export function applyRoleCorrections(
  messages: readonly ConversationMessage[],
  corrections: Readonly<Record<string, Role>>,
): ConversationMessage[] {
  return messages.map((m) => {
    const role = corrections[m.id];
    return role ? { ...m, role, roleSource: 'agent-corrected' } : m;
  });
}
