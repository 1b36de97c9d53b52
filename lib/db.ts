import Dexie, { type EntityTable } from 'dexie';
import type { CustomerState, Language } from './analysis/types';
import type { RetryContext } from './escalation/records';
import type { Role, SiteId } from './sites/types';

/** A reply template, personal or from a team pack. */
export interface TemplateRecord {
  id: string;
  title: string;
  body: string;
  language: 'en' | 'de';
  intents: string[];
  tone: 'apologetic' | 'neutral' | 'warm';
  /** Only for German templates. */
  formality?: 'sie' | 'du';
  /** Snippet shortcut (`;refund`, lower case) that expands the template in a reply box. */
  shortcut?: string;
  /** States that must be true before sending (`refund-started`, …; lib/replies/claims.ts). */
  requires?: string[];
  /** States the template promises for later. */
  promises?: string[];
  /** 'personal', or the pack id (its URL or file name) the template came from. */
  owner: string;
  version: number;
  updatedAt: number;
  usageCount: number;
  /** Soft-deleted (kept for undo) when set. */
  deletedAt?: number;
  /**
   * Team-pack templates only: why the stored copy no longer matches the pack (issue 20: an update never loses a
   * template). `invalid`: the pack's new version of it was refused, so this last good copy stays in use;
   * `removed`: the pack dropped it, so it is hidden (`deletedAt`) but kept with its usage count.
   */
  stale?: { kind: 'invalid'; reason: string; at: number } | { kind: 'removed'; at: number };
}

/** A subscribed team pack and its last good copy. */
export interface PackRecord {
  url: string;
  name: string;
  etag?: string;
  lastModified?: string;
  lastSyncAt?: number;
  lastError?: { code: string; message: string; at: number };
  templateCount: number;
}

/** One escalation and the result of each action it ran. */
export interface EscalationRecord {
  id?: number;
  conversationKey: string;
  site: string;
  url: string;
  at: number;
  reasons: string[];
  note: string;
  actions: { action: string; ok: boolean; detail: string; retryable?: boolean }[];
  /** What a retry needs to run the failed actions again with the same idempotency key. */
  retry?: RetryContext;
}

/** The agent's correction of a message's role; sticks for that conversation. */
export interface RoleCorrection {
  /** `${conversationKey}|${messageId}` */
  key: string;
  conversationKey: string;
  role: Role;
}

/**
 * The agent's "Mood wrong?" correction of one message's state, or of the conversation's headline (issue 18). Kept with
 * the text it was about, so the panel applies it only while that text is unchanged and the settings can export it as
 * training data (`state<TAB>text`).
 */
export interface MoodCorrectionRecord {
  /** `${conversationKey}|${target}` */
  key: string;
  conversationKey: string;
  /** The message id, or `conversationMoodTarget` (lib/panel/mood-corrections.ts) for the headline. */
  target: string;
  state: CustomerState;
  /** The message's text; for the headline, the latest customer message's. */
  text: string;
  language: Language;
  site: SiteId;
  /** When the agent made it (ms since the epoch). */
  at: number;
}

/**
 * Credentials the escalation actions need (issue 20): kept in the extension's own IndexedDB, which content scripts
 * cannot open (they run with the page's origin), instead of `storage.local`, which they can read and write.
 * One row, `name: 'escalation'`; lib/escalation/secrets.ts reads and writes it.
 */
export interface SecretRecord {
  name: 'escalation';
  /** The webhook URL, which often carries its receiver's secret (Slack, Teams, Zapier). */
  webhookUrl: string;
  freshdeskApiKey: string;
  /** When the values were moved out of `storage.local` (or first saved here). */
  movedAt: number;
}

/** The extension's IndexedDB. Released versions are never edited: add `this.version(n + 1)` with an upgrade. */
export class RapportDb extends Dexie {
  templates!: EntityTable<TemplateRecord, 'id'>;
  packs!: EntityTable<PackRecord, 'url'>;
  escalations!: EntityTable<EscalationRecord, 'id'>;
  roleCorrections!: EntityTable<RoleCorrection, 'key'>;
  moodCorrections!: EntityTable<MoodCorrectionRecord, 'key'>;
  secrets!: EntityTable<SecretRecord, 'name'>;

  constructor(name = 'rapport') {
    super(name);
    this.version(1).stores({
      templates: 'id, owner, language, *intents, updatedAt',
      packs: 'url',
      escalations: '++id, conversationKey, at',
      roleCorrections: 'key, conversationKey',
      pickedAreas: 'origin',
    });
    // Issue 18: the agent's "Mood wrong?" corrections, read per conversation.
    this.version(2).stores({ moodCorrections: 'key, conversationKey' });
    // Issue 20: the escalation credentials, moved out of `storage.local` where content scripts could reach them.
    this.version(3).stores({ secrets: 'name' });
    // Issue 21: index only what is queried. Picked areas live in `storage.local` (lib/sites/picks.ts), where the
    // content script reads them, so the table was never written; templates are looked up by owner and language only
    // (intents and change times are filtered and sorted in memory). Dropping indexes keeps every row.
    this.version(4).stores({ templates: 'id, owner, language', pickedAreas: null });
  }
}

let instance: RapportDb | undefined;

/** The shared database of this extension context (opened lazily). */
export function getDb(): RapportDb {
  instance ??= new RapportDb();
  return instance;
}

/** Key that identifies a conversation across contexts: site and its own id. */
export function conversationKey(conversation: { site: string; id: string }): string {
  return `${conversation.site}:${conversation.id}`;
}
