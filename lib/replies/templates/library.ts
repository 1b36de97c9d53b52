import { getDb, type TemplateRecord } from '../../db';
import { AppError } from '../../errors';
import type { Intent } from '../../models/types';
import { findShortcutClash } from '../snippets';
import { toTemplateInput, toTemplateRecord } from './mapping';
import {
  describeIssues,
  PERSONAL_OWNER,
  STARTER_OWNER,
  type TemplateContent,
  type TemplateInput,
  type TemplateLanguage,
  templateInputSchema,
} from './schema';

/** How long a deleted template stays restorable before `purgeDeletedTemplates` removes it. */
export const DELETED_TEMPLATE_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/** Which templates a list shows: everything, the agent's own, all packs, or one pack by its id. */
export type OwnerFilter = 'all' | 'personal' | 'packs' | { pack: string };

export interface TemplateQuery {
  /** Words looked for in title and body, ignoring case and accents ("ruckerstattung" finds "Rückerstattung"). */
  search?: string;
  /** Keeps templates tagged with any of these intents. */
  intents?: readonly Intent[];
  language?: TemplateLanguage;
  owner?: OwnerFilter;
  /** Soft-deleted templates are hidden unless asked for (the undo list). */
  includeDeleted?: boolean;
}

/** True when the agent may edit the template: only personal templates are editable. */
export function isEditable(template: Pick<TemplateRecord, 'owner'>): boolean {
  return template.owner === PERSONAL_OWNER;
}

/** True when the agent may delete (hide) the template: personal ones and starter ones, never team-pack ones. */
export function isDeletable(template: Pick<TemplateRecord, 'owner'>): boolean {
  return template.owner === PERSONAL_OWNER || template.owner === STARTER_OWNER;
}

/**
 * Folds text for accent- and case-insensitive search. German umlauts match both their base letter and their
 * transliteration: "muller" and "mueller" both find "Müller".
 */
export function foldForSearch(text: string): string[] {
  const lower = text.toLowerCase();
  const stripped = lower.normalize('NFD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss');
  const transliterated = lower
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
  return stripped === transliterated ? [stripped] : [stripped, transliterated];
}

/** Whether a template matches every word of a search, in its title or body. */
export function matchesSearch(template: Pick<TemplateRecord, 'title' | 'body'>, search: string): boolean {
  const words = (foldForSearch(search)[0] ?? '').split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystacks = foldForSearch(`${template.title}\n${template.body}`);
  return words.every((word) => haystacks.some((haystack) => haystack.includes(word)));
}

function matchesOwner(template: TemplateRecord, owner: OwnerFilter): boolean {
  if (owner === 'all') return true;
  if (owner === 'personal') return template.owner === PERSONAL_OWNER;
  if (owner === 'packs') return template.owner !== PERSONAL_OWNER;
  return template.owner === owner.pack;
}

/** Applies a query to templates already in memory (the picker filters as the agent types). Sorted by title. */
export function filterTemplates(templates: readonly TemplateRecord[], query: TemplateQuery = {}): TemplateRecord[] {
  const { search = '', intents = [], language, owner = 'all', includeDeleted = false } = query;
  return templates
    .filter((t) => includeDeleted || t.deletedAt === undefined)
    .filter((t) => !language || t.language === language)
    .filter((t) => intents.length === 0 || t.intents.some((intent) => intents.some((wanted) => wanted === intent)))
    .filter((t) => matchesOwner(t, owner))
    .filter((t) => matchesSearch(t, search))
    .sort((a, b) => a.title.localeCompare(b.title, 'de', { sensitivity: 'base' }) || a.id.localeCompare(b.id));
}

/** Reads templates from the database, filtered and sorted by title. */
export async function listTemplates(query: TemplateQuery = {}): Promise<TemplateRecord[]> {
  const db = getDb();
  const candidates = query.language
    ? await db.templates.where('language').equals(query.language).toArray()
    : await db.templates.toArray();
  return filterTemplates(candidates, query);
}

/** Every template that can be suggested or inserted: not deleted, any owner. */
export async function listActiveTemplates(): Promise<TemplateRecord[]> {
  return (await getDb().templates.toArray()).filter((t) => t.deletedAt === undefined);
}

/** One template by id, deleted or not; undefined when there is none. */
export async function getTemplate(id: string): Promise<TemplateRecord | undefined> {
  return getDb().templates.get(id);
}

function validate(input: TemplateInput): TemplateContent {
  const parsed = templateInputSchema.safeParse(input);
  if (!parsed.success) throw new AppError('templates/invalid', describeIssues(parsed.error));
  return parsed.data;
}

/** Refuses a shortcut another template of the library already answers to (snippets must be unambiguous). */
async function requireFreeShortcut(content: TemplateContent, selfId: string | null): Promise<void> {
  if (!content.shortcut) return;
  const clash = findShortcutClash(content.shortcut, await listActiveTemplates(), selfId);
  if (clash) {
    throw new AppError(
      'templates/shortcut-taken',
      `The shortcut ${content.shortcut} is already used by “${clash.title}”. Choose another one.`,
    );
  }
}

function newId(): string {
  return crypto.randomUUID();
}

async function requireTemplate(id: string): Promise<TemplateRecord> {
  const record = await getDb().templates.get(id);
  if (!record) throw new AppError('templates/not-found', 'This template no longer exists; it may have been removed.');
  return record;
}

function readOnlyError(record: TemplateRecord): AppError {
  const from = record.owner === STARTER_OWNER ? 'the starter pack' : `the team pack ${record.owner}`;
  return new AppError(
    'templates/read-only',
    `“${record.title}” comes from ${from} and is read-only. Duplicate it to change your own copy.`,
  );
}

/** Saves a new personal template (version 1). Throws `templates/invalid` with the reasons when the input is not valid. */
export async function createTemplate(input: TemplateInput, now = Date.now()): Promise<TemplateRecord> {
  const content = validate(input);
  await requireFreeShortcut(content, null);
  const record = toTemplateRecord(content, {
    id: newId(),
    owner: PERSONAL_OWNER,
    version: 1,
    updatedAt: now,
    usageCount: 0,
  });
  await getDb().templates.add(record);
  return record;
}

/**
 * Changes a personal template; the version goes up by one and the change time is recorded.
 * Throws `templates/read-only` for pack templates and `templates/not-found` when it is gone.
 */
export async function updateTemplate(
  id: string,
  patch: Partial<TemplateInput>,
  now = Date.now(),
): Promise<TemplateRecord> {
  const db = getDb();
  return db.transaction('rw', db.templates, async () => {
    const existing = await requireTemplate(id);
    if (!isEditable(existing)) throw readOnlyError(existing);
    const content = validate({ ...toTemplateInput(existing), ...patch });
    await requireFreeShortcut(content, id);
    // The editor does not show the states, so the record's own stay unless the patch sets them.
    const record = toTemplateRecord(
      { requires: existing.requires, promises: existing.promises, ...content },
      { ...existing, version: existing.version + 1, updatedAt: now },
    );
    await db.templates.put(record);
    return record;
  });
}

/** Hides a template, keeping it for `restoreTemplate` (undo). Team-pack templates cannot be deleted. */
export async function deleteTemplate(id: string, now = Date.now()): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.templates, async () => {
    const existing = await requireTemplate(id);
    if (!isDeletable(existing)) throw readOnlyError(existing);
    await db.templates.update(id, { deletedAt: now });
  });
}

/** Undoes `deleteTemplate`. */
export async function restoreTemplate(id: string): Promise<TemplateRecord> {
  const db = getDb();
  return db.transaction('rw', db.templates, async () => {
    const { deletedAt: _deletedAt, ...restored } = await requireTemplate(id);
    await db.templates.put(restored);
    return restored;
  });
}

/**
 * Removes personal templates deleted longer ago than the retention time; returns how many. Starter templates stay
 * hidden instead, so that `ensureStarterPack` does not bring them back.
 */
export async function purgeDeletedTemplates(
  now = Date.now(),
  retentionMs = DELETED_TEMPLATE_RETENTION_MS,
): Promise<number> {
  const db = getDb();
  return db.templates
    .where('owner')
    .equals(PERSONAL_OWNER)
    .filter((t) => t.deletedAt !== undefined && t.deletedAt <= now - retentionMs)
    .delete();
}

/** Counts one use (insert or copy) of a template; the count is a tiebreaker in suggestions. */
export async function recordTemplateUse(id: string): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.templates, async () => {
    const existing = await requireTemplate(id);
    await db.templates.update(id, { usageCount: existing.usageCount + 1 });
  });
}

/** Copies any template (typically a read-only pack one) into the agent's personal set, as a new version 1. */
export async function duplicateTemplate(id: string, now = Date.now()): Promise<TemplateRecord> {
  const source = await requireTemplate(id);
  const content = validate(toTemplateInput(source));
  const record = toTemplateRecord(content, {
    id: newId(),
    owner: PERSONAL_OWNER,
    version: 1,
    updatedAt: now,
    usageCount: 0,
  });
  await getDb().templates.add(record);
  return record;
}
