import type { z } from 'zod';
import { getDb, type TemplateRecord } from '../../db';
import { AppError } from '../../errors';
import { toPackTemplateJson, toTemplateRecord } from './mapping';
import { findMalformedPlaceholders } from './placeholders';
import {
  describeIssues,
  PACK_FORMAT,
  PACK_FORMAT_VERSION,
  PACK_MAX_BYTES,
  type PackFile,
  type PackTemplate,
  PERSONAL_OWNER,
  packEnvelopeSchema,
  packTemplateSchema,
} from './schema';

/** A pack entry that passed validation, with its position in the file (0-based, as the UI lists "entry 3"). */
export interface ValidPackEntry {
  index: number;
  template: PackTemplate;
}

/** A pack entry that was refused, and why. */
export interface InvalidPackEntry {
  index: number;
  /** The entry's title when it had a readable one, to help find it. */
  title?: string;
  /** The entry's id when it had a string one: a sync keeps the last good copy of that template (see `syncPack`). */
  id?: string;
  /** Why, in English, for logs and a synced template's stale mark. */
  reason: string;
  /** Why, as codes the settings page words in the agent's language ("Template 3: the title is missing"). */
  problems: PackEntryProblem[];
}

/**
 * One thing wrong with a pack entry: a field missing, too long or not valid (the field named as in the file), or the
 * entry repeating an earlier entry's id or title (`of`: that entry's 0-based index).
 */
export type PackEntryProblem =
  | { kind: 'missing' | 'too-long' | 'invalid'; field: string }
  | { kind: 'placeholders'; field: string; placeholders: string[] }
  | { kind: 'duplicate-id' | 'duplicate-title'; of: number };

/**
 * The problems of an entry (a pack's, or the template editor's form) its schema refused: one per field, missing when
 * there is no usable value there.
 */
export function findEntryProblems(entry: unknown, error: z.ZodError): PackEntryProblem[] {
  const problems: PackEntryProblem[] = [];
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.');
    if (problems.some((problem) => 'field' in problem && problem.field === field)) continue;
    const top = issue.path[0];
    const value =
      typeof entry === 'object' && entry !== null && typeof top === 'string' ? Reflect.get(entry, top) : undefined;
    const absent = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
    const malformed = typeof value === 'string' && issue.code === 'custom' ? findMalformedPlaceholders(value) : [];
    if (malformed.length > 0) {
      problems.push({ kind: 'placeholders', field, placeholders: malformed });
      continue;
    }
    const kind = issue.code === 'too_big' ? 'too-long' : absent || issue.code === 'too_small' ? 'missing' : 'invalid';
    problems.push({ kind, field });
  }
  return problems;
}

/** A pack file read and checked entry by entry. */
export interface ParsedPack {
  name: string;
  description?: string;
  valid: ValidPackEntry[];
  invalid: InvalidPackEntry[];
}

/**
 * Reads a pack document (JSON text or an already parsed value). The envelope must be right (format, version, name,
 * a templates array) or it throws `templates/pack-malformed` / `templates/pack-invalid`; entries are then checked one
 * by one so every bad entry is listed with its index and reason while the good ones stay usable. An entry repeating an
 * earlier entry's id, or its title in the same language, is refused as a duplicate.
 */
export function parsePack(document: unknown): ParsedPack {
  let value = document;
  if (typeof document === 'string') {
    if (document.length > PACK_MAX_BYTES) {
      throw new AppError('templates/pack-too-large', 'The pack file is larger than 5 MB; split it into smaller packs.');
    }
    try {
      value = JSON.parse(document);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new AppError('templates/pack-malformed', `The pack is not valid JSON (${detail}).`, { cause: error });
    }
  }
  const envelope = packEnvelopeSchema.safeParse(value);
  if (!envelope.success) throw new AppError('templates/pack-invalid', describeIssues(envelope.error));

  const valid: ValidPackEntry[] = [];
  const invalid: InvalidPackEntry[] = [];
  envelope.data.templates.forEach((entry, index) => {
    const title = titleOf(entry);
    const parsed = packTemplateSchema.safeParse(entry);
    if (!parsed.success) {
      const id = idOf(entry);
      invalid.push({
        index,
        ...(title ? { title } : {}),
        ...(id ? { id } : {}),
        reason: describeIssues(parsed.error),
        problems: findEntryProblems(entry, parsed.error),
      });
      return;
    }
    const template = parsed.data;
    const sameId = valid.find((other) => other.template.id === template.id);
    const sameTitle = valid.find((other) => sameTitleAndLanguage(other.template, template));
    if (sameId || sameTitle) {
      const reason = sameId
        ? `Same id "${template.id}" as entry ${sameId.index}.`
        : `Same title and language as entry ${sameTitle?.index}.`;
      const problem: PackEntryProblem = sameId
        ? { kind: 'duplicate-id', of: sameId.index }
        : { kind: 'duplicate-title', of: sameTitle?.index ?? 0 };
      invalid.push({ index, title: template.title, reason, problems: [problem] });
      return;
    }
    valid.push({ index, template });
  });
  return {
    name: envelope.data.name,
    ...(envelope.data.description ? { description: envelope.data.description } : {}),
    valid,
    invalid,
  };
}

function titleOf(entry: unknown): string | undefined {
  if (typeof entry !== 'object' || entry === null || !('title' in entry)) return undefined;
  return typeof entry.title === 'string' && entry.title.trim() ? entry.title.trim().slice(0, 200) : undefined;
}

function idOf(entry: unknown): string | undefined {
  if (typeof entry !== 'object' || entry === null || !('id' in entry)) return undefined;
  return typeof entry.id === 'string' && entry.id.trim() ? entry.id.trim().slice(0, 200) : undefined;
}

function normaliseTitle(title: string): string {
  return title.trim().toLocaleLowerCase('de');
}

function sameTitleAndLanguage(
  a: Pick<TemplateRecord, 'title' | 'language'>,
  b: Pick<TemplateRecord, 'title' | 'language'>,
): boolean {
  return a.language === b.language && normaliseTitle(a.title) === normaliseTitle(b.title);
}

export interface ExportOptions {
  /** The pack's name, shown to whoever imports or subscribes to it. */
  name: string;
  description?: string;
  /** Exactly these templates (in this order)… */
  ids?: readonly string[];
  /** …or every template of an owner ('personal', a pack URL, the starter pack). */
  owner?: string;
  now?: Date;
}

/**
 * Builds a versioned pack document from selected templates or a whole owner's set. Deleted templates are left out.
 * Throws `templates/export-empty` when nothing is left to export.
 */
export async function exportPack(options: ExportOptions): Promise<PackFile> {
  const db = getDb();
  let records: TemplateRecord[];
  if (options.ids) {
    const found = await db.templates.bulkGet([...options.ids]);
    records = found.filter((record): record is TemplateRecord => record !== undefined);
  } else if (options.owner) {
    records = await db.templates.where('owner').equals(options.owner).sortBy('title');
  } else {
    records = (await db.templates.toArray()).sort((a, b) => a.title.localeCompare(b.title));
  }
  records = records.filter((record) => record.deletedAt === undefined);
  if (records.length === 0) throw new AppError('templates/export-empty', 'There are no templates to export.');

  // Two owners may use the same inner id (two packs, or a pack and a personal copy); the file needs unique ids.
  const used = new Set<string>();
  const templates = records.map((record) => {
    const json = toPackTemplateJson(record);
    let id = json.id;
    for (let n = 2; used.has(id); n++) id = `${json.id}-${n}`;
    used.add(id);
    return { ...json, id };
  });
  return {
    format: PACK_FORMAT,
    version: PACK_FORMAT_VERSION,
    name: options.name.trim() || 'Rapport templates',
    ...(options.description ? { description: options.description } : {}),
    exportedAt: (options.now ?? new Date()).toISOString(),
    templates,
  };
}

/** The JSON text of a pack file, indented so that changes read well in Git. */
export function serializePack(pack: PackFile): string {
  return `${JSON.stringify(pack, null, 2)}\n`;
}

/** A safe file name for a pack: "rapport-pack-support-team.json". */
export function packFileName(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `rapport-pack-${slug || 'templates'}.json`;
}

export type ConflictResolution = 'keep-both' | 'replace' | 'skip';

/** An incoming template that meets an existing one. */
export interface ImportConflict {
  index: number;
  incoming: PackTemplate;
  existing: TemplateRecord;
  reason: 'same-id' | 'same-title';
  /** Only personal templates can be replaced; for pack and starter ones the choice is keep both or skip. */
  canReplace: boolean;
}

/** What an import would do, for the user to review before `applyImport`. */
export interface ImportPlan {
  name: string;
  description?: string;
  /** Entries that can be imported (conflicting ones included: they are also listed in `conflicts`). */
  valid: ValidPackEntry[];
  invalid: InvalidPackEntry[];
  conflicts: ImportConflict[];
}

export interface ImportSummary {
  added: number;
  replaced: number;
  skipped: number;
}

/**
 * Reads a pack file the agent picked for import as text, refusing one over `maxBytes` before a byte of it is read
 * (issue 20: a huge file must not be loaded into the settings page first). Throws `templates/pack-too-large`.
 */
export async function readPackFile(file: Pick<Blob, 'size' | 'text'>, maxBytes = PACK_MAX_BYTES): Promise<string> {
  if (file.size > maxBytes) {
    const mb = Math.round((maxBytes / (1024 * 1024)) * 10) / 10;
    throw new AppError(
      'templates/pack-too-large',
      `The pack file is larger than ${mb} MB, the most Rapport imports; split it into smaller packs.`,
    );
  }
  return file.text();
}

/**
 * Reads a pack file for import and finds what it would collide with: an existing template with the same id, or with
 * the same title in the same language. Throws like `parsePack` when the file itself is unreadable.
 */
export async function planImport(document: unknown): Promise<ImportPlan> {
  const parsed = parsePack(document);
  const existing = (await getDb().templates.toArray()).filter((record) => record.deletedAt === undefined);
  const conflicts: ImportConflict[] = [];
  for (const entry of parsed.valid) {
    const sameId = existing.find((record) => record.id === entry.template.id);
    const sameTitle = existing.find((record) => sameTitleAndLanguage(record, entry.template));
    const match = sameId ?? sameTitle;
    if (!match) continue;
    conflicts.push({
      index: entry.index,
      incoming: entry.template,
      existing: match,
      reason: sameId ? 'same-id' : 'same-title',
      canReplace: match.owner === PERSONAL_OWNER,
    });
  }
  return { ...parsed, conflicts };
}

/** When an imported template last changed: the time its entry states, else now. */
function importedUpdatedAt(template: PackTemplate, now: number): number {
  const updatedAt = template.updatedAt ? Date.parse(template.updatedAt) : now;
  return Number.isFinite(updatedAt) ? updatedAt : now;
}

/**
 * Imports a plan's valid entries into the personal set, in one transaction: when anything fails nothing is written
 * and every existing template is as it was. A conflict without a resolution is skipped. "replace" overwrites the
 * personal template it met (its id and usage count stay, its version goes up); asked of a pack or starter template it
 * keeps both instead, because packs are read-only.
 */
export async function applyImport(
  plan: ImportPlan,
  resolutions: Readonly<Record<number, ConflictResolution>> = {},
  now = Date.now(),
): Promise<ImportSummary> {
  const db = getDb();
  return db.transaction('rw', db.templates, async () => {
    const summary: ImportSummary = { added: 0, replaced: 0, skipped: 0 };
    for (const entry of plan.valid) {
      const conflict = plan.conflicts.find((c) => c.index === entry.index);
      const resolution: ConflictResolution = conflict ? (resolutions[entry.index] ?? 'skip') : 'keep-both';
      if (resolution === 'skip') {
        summary.skipped++;
        continue;
      }
      if (resolution === 'replace' && conflict) {
        // Read again: the template may have changed or gone since the plan was made.
        const current = await db.templates.get(conflict.existing.id);
        if (current && current.owner === PERSONAL_OWNER) {
          await db.templates.put(
            toTemplateRecord(entry.template, {
              id: current.id,
              owner: PERSONAL_OWNER,
              version: Math.max(current.version + 1, entry.template.version),
              updatedAt: now,
              usageCount: current.usageCount,
            }),
          );
          summary.replaced++;
          continue;
        }
      }
      const idTaken = (await db.templates.get(entry.template.id)) !== undefined;
      const id = idTaken ? crypto.randomUUID() : entry.template.id;
      // `add`, not `put`: should an id be taken after all, the transaction fails instead of overwriting.
      await db.templates.add(
        toTemplateRecord(entry.template, {
          id,
          owner: PERSONAL_OWNER,
          version: entry.template.version,
          updatedAt: importedUpdatedAt(entry.template, now),
          usageCount: 0,
        }),
      );
      summary.added++;
    }
    return summary;
  });
}
