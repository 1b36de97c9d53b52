/** Sites with an adapter. `generic` reads any other helpdesk or webmail page by structure. */
export type SiteId = 'gmail' | 'zendesk' | 'outlook' | 'freshdesk' | 'generic';

/** Who wrote a message, as far as the page (or the agent's correction) tells. */
export type Role = 'customer' | 'agent' | 'internal-note' | 'system';

/** Where a message's role came from: the page's own cues, the agent's names/addresses in settings, a structural guess, or the agent's correction. */
export type RoleSource = 'page' | 'settings' | 'heuristic' | 'user';

export interface Person {
  name?: string;
  email?: string;
}

export interface ConversationMessage {
  /** Stable within the conversation across re-reads (the site's own id, else a hash of author, time and text start). */
  id: string;
  author: Person;
  role: Role;
  roleSource: RoleSource;
  /** ISO 8601 when the page shows a parseable time; the page's own text in `timeText` either way. */
  time?: string;
  timeText?: string;
  /** Plain text: quoted history, signatures and disclaimers stripped; line breaks kept. Empty when `bodyLoaded` is false. */
  text: string;
  /** False when the page has not loaded the body (a collapsed Gmail message): the text is never invented. */
  bodyLoaded: boolean;
  /** File names of attachments shown with the message. */
  attachments: string[];
}

export interface Conversation {
  site: SiteId;
  /** Stable id of the conversation on its site (thread id, ticket id, or a hash of the URL for generic pages). */
  id: string;
  subject: string;
  url: string;
  customer: Person;
  /** The signed-in agent when the page shows it (Gmail account, Zendesk user). */
  agent?: Person;
  messages: ConversationMessage[];
  /** Messages the page collapsed out of the DOM entirely (Gmail's "N older messages"): known to exist, not read. */
  hiddenMessageCount?: number;
}

/** What an adapter may know beyond the DOM. */
export interface ReadContext {
  url: URL;
  /** The agent's own names and addresses from settings, used after the page's own cues. */
  agent: { names: string[]; emails: string[] };
  /** A CSS selector the agent picked as "this is the conversation" on this site (generic adapter). */
  pickedSelector?: string;
}

export type InsertResult = { ok: true; target: 'reply-box' | 'focused-field' } | { ok: false; reason: string };

export interface SiteAdapter {
  id: SiteId;
  /** Human name of the site, used in messages ("can't read this conversation on Zendesk …"). */
  label: string;
  /** Whether this adapter is meant for the page at `url` (generic matches everything, and is tried last). */
  matches(url: URL): boolean;
  /**
   * Reads the open conversation. Pure: the DOM is not changed.
   * Throws `AppError('adapter/anchor-missing')` naming the missing anchor when the layout is not recognised,
   * and `AppError('adapter/no-conversation')` when the page shows no open conversation (an inbox list).
   */
  read(doc: Document, ctx: ReadContext): Conversation;
  /** The smallest element whose mutations mean the conversation changed; null when none is open. */
  observeTarget(doc: Document): Element | null;
  /**
   * Puts plain text (line breaks kept) into the site's reply box at the cursor, opening the box first where the site
   * allows, as an undoable edit. Never sends.
   */
  insert(doc: Document, text: string): Promise<InsertResult>;
}
