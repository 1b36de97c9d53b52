/**
 * The one mapping between a template's shapes (issue 21): the stored record (lib/db.ts), the content a person edits
 * (`TemplateInput`), and a template as a pack file carries it (`PackTemplateJson`). Personal templates, imports, team
 * packs and the starter pack all become records here, so an optional field is kept or dropped the same way everywhere.
 */
import type { TemplateRecord } from '../../db';
import { isClaimState } from '../claims';
import { isTemplateIntent, ownTemplateId, type PackTemplateJson, type TemplateInput } from './schema';

/** A template's own content, wherever it comes from: validated input, a pack entry, a starter template. */
export interface TemplateFields {
  title: string;
  body: string;
  language: TemplateRecord['language'];
  intents: readonly string[];
  tone: TemplateRecord['tone'];
  formality?: TemplateRecord['formality'] | undefined;
  shortcut?: string | undefined;
  requires?: readonly string[] | undefined;
  promises?: readonly string[] | undefined;
}

/** What the library keeps about a template beyond its content: who owns it, its version, its use. */
export type TemplateBookkeeping = Pick<TemplateRecord, 'id' | 'owner' | 'version' | 'updatedAt' | 'usageCount'> &
  Partial<Pick<TemplateRecord, 'deletedAt' | 'stale'>>;

/**
 * The record stored for a template. Formality is kept only on German templates (it means nothing elsewhere), and an
 * absent shortcut or an empty list of states is left out rather than stored empty.
 */
export function toTemplateRecord(fields: TemplateFields, bookkeeping: TemplateBookkeeping): TemplateRecord {
  return {
    id: bookkeeping.id,
    title: fields.title,
    body: fields.body,
    language: fields.language,
    intents: [...fields.intents],
    tone: fields.tone,
    ...(fields.language === 'de' && fields.formality ? { formality: fields.formality } : {}),
    ...(fields.shortcut ? { shortcut: fields.shortcut } : {}),
    ...(fields.requires?.length ? { requires: [...fields.requires] } : {}),
    ...(fields.promises?.length ? { promises: [...fields.promises] } : {}),
    owner: bookkeeping.owner,
    version: bookkeeping.version,
    updatedAt: bookkeeping.updatedAt,
    usageCount: bookkeeping.usageCount,
    ...(bookkeeping.deletedAt !== undefined ? { deletedAt: bookkeeping.deletedAt } : {}),
    ...(bookkeeping.stale ? { stale: bookkeeping.stale } : {}),
  };
}

/**
 * What the editor edits of a stored template (and what a duplicate starts from). States (`requires`, `promises`) are
 * not edited there, so an update keeps the record's own; a duplicate starts without them.
 */
export function toTemplateInput(record: TemplateRecord): TemplateInput {
  return {
    title: record.title,
    body: record.body,
    language: record.language,
    // Records store plain strings; an intent a newer build wrote and this one does not know is left out.
    intents: record.intents.filter(isTemplateIntent),
    tone: record.tone,
    ...(record.formality ? { formality: record.formality } : {}),
    ...(record.shortcut ? { shortcut: record.shortcut } : {}),
  };
}

/** A stored template as an export writes it into a pack file: its id inside its pack, its change time in ISO 8601. */
export function toPackTemplateJson(record: TemplateRecord): PackTemplateJson {
  return {
    id: ownTemplateId(record),
    title: record.title,
    body: record.body,
    language: record.language,
    intents: record.intents.filter(isTemplateIntent),
    tone: record.tone,
    ...(record.language === 'de' && record.formality ? { formality: record.formality } : {}),
    ...(record.shortcut ? { shortcut: record.shortcut } : {}),
    ...(record.requires?.length ? { requires: record.requires.filter(isClaimState) } : {}),
    ...(record.promises?.length ? { promises: record.promises.filter(isClaimState) } : {}),
    version: record.version,
    updatedAt: new Date(record.updatedAt).toISOString(),
  };
}
