/**
 * Whether a reading is plausible. A wrong reading makes every mood, suggestion and escalation after it wrong, so after
 * every read the panel checks what came out and says "This reading looks wrong" (with the reason) instead of showing
 * a confident mood.
 */
import { isPlaceholderName } from './roles';
import type { Conversation, ConversationMessage, SiteId } from './types';

/** One reason a reading looks wrong; the panel turns the code into a sentence. */
export type ReadingProblem =
  | { code: 'no-customer-message' }
  | { code: 'no-loaded-customer-message' }
  | { code: 'placeholder-author'; name: string }
  | { code: 'form-like-message'; index: number }
  | { code: 'one-author'; count: number }
  | { code: 'everyone-customer'; authors: number }
  | { code: 'no-subject' };

export interface ReadingHealth {
  ok: boolean;
  problems: ReadingProblem[];
}

/** Beyond the helpdesks' "nobody assigned" placeholders: names that stand for no person (a deleted user, a bot). */
const NO_PERSON = /^(no one|unknown|system|anonymous|unbekannt|anonym|\?+)$/i;

/** Words that label form fields and buttons (English and German) rather than say something. */
const FORM_WORDS =
  /^(save|cancel|submit|delete|edit|add|remove|search|reset|apply|update|ok|close|back|next|select|choose|browse|upload|speichern|abbrechen|absenden|löschen|bearbeiten|hinzufügen|entfernen|suchen|zurücksetzen|übernehmen|aktualisieren|schließen|zurück|weiter|auswählen|hochladen|depends on|depended on by|refers to|referred to by|parents?|children|members? of|has members|links?|relations?|status|priority|owner|queue|requestors?|subject|due|starts?|started|created|updated|resolved|told|cc|admincc|bcc|to|from|date|time|tags?|type|group|assignee|kategorie|priorität|besitzer|warteschlange|betreff|fällig|erstellt|aktualisiert|gruppe|zuständig|typ)\s*:?$/i;

/** Sites where more than one person writes by nature (helpdesks): one author for everything means roles went wrong. */
const HELPDESK_SITES: ReadonlySet<SiteId> = new Set(['zendesk', 'freshdesk']);

/**
 * Whether a message's text is mostly form labels, field names and button captions (a links/relations widget or a
 * properties table read as a message) rather than sentences.
 */
export function isFormLike(text: string): boolean {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (lines.length < 3) return false;
  let labels = 0;
  let sentences = 0;
  for (const line of lines) {
    const words = line.split(/\s+/);
    if (words.length >= 5 || /[.!?]["»“”)]?$/.test(line)) sentences++;
    else if (FORM_WORDS.test(line) || /:$/.test(line)) labels++;
  }
  // Greetings, names and sign-offs are short lines too: only field labels and captions count, and a message with
  // more than one sentence is something a person wrote.
  return sentences <= 1 && labels / lines.length >= 0.5;
}

function authorKey(message: ConversationMessage): string {
  return (message.author.email ?? message.author.name ?? '').trim().toLowerCase();
}

/**
 * Checks a reading for the ways it goes wrong on real pages: no customer message, a placeholder author ("Nobody"),
 * a "message" that is mostly form labels, everything by one person on a helpdesk (or several people all read as the
 * customer: agent replies taken for the customer's), no subject.
 * A reading of a selection is taken as the agent gave it: only its content is checked.
 */
export function checkReading(conversation: Conversation): ReadingHealth {
  const problems: ReadingProblem[] = [];
  const { messages } = conversation;
  const customerMessages = messages.filter((m) => m.role === 'customer');
  if (customerMessages.length === 0) problems.push({ code: 'no-customer-message' });
  else if (!customerMessages.some((m) => m.bodyLoaded && m.text.trim() !== ''))
    problems.push({ code: 'no-loaded-customer-message' });

  const placeholder = [conversation.customer, ...messages.filter((m) => m.role !== 'system').map((m) => m.author)]
    .map((person) => person.name?.trim() ?? '')
    .find((name) => name !== '' && (isPlaceholderName(name) || NO_PERSON.test(name)));
  if (placeholder) problems.push({ code: 'placeholder-author', name: placeholder });

  const formIndex = messages.findIndex((m) => m.role !== 'system' && m.bodyLoaded && isFormLike(m.text));
  if (formIndex >= 0) problems.push({ code: 'form-like-message', index: formIndex });

  // Roles the helpdesk's API gave are the helpdesk's own word; the page's are checked for the two ways they go wrong.
  const fromPage = messages.filter((m) => m.roleSource !== 'api' && m.roleSource !== 'agent-corrected');
  const written = fromPage.filter((m) => m.role !== 'system' && m.role !== 'internal-note');
  const authors = new Set(written.map(authorKey).filter((key) => key !== ''));
  if (HELPDESK_SITES.has(conversation.site) && written.length >= 3 && authors.size === 1)
    problems.push({ code: 'one-author', count: written.length });
  if (HELPDESK_SITES.has(conversation.site) && authors.size >= 2 && written.every((m) => m.role === 'customer'))
    problems.push({ code: 'everyone-customer', authors: authors.size });

  if (conversation.source !== 'selection' && conversation.subject.trim() === '') problems.push({ code: 'no-subject' });
  return { ok: problems.length === 0, problems };
}
