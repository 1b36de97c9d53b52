// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { TemplateRecord } from '../../../../lib/db';
import { toPackTemplateJson, toTemplateInput, toTemplateRecord } from '../../../../lib/replies/templates/mapping';
import { PERSONAL_OWNER, packRecordId, packTemplateSchema } from '../../../../lib/replies/templates/schema';

/**
 * lib/replies/templates/mapping.ts is the one mapping between a stored template, what the editor edits and what a
 * pack file carries. Imports, team packs, the starter pack and the editor all store through it, so what survives a
 * trip through a pack file is decided once.
 */

const packUrl = 'https://packs.example.com/team.json';

const germanPackEntry = packTemplateSchema.parse({
  id: 'delay',
  title: 'Lieferverzögerung',
  body: 'Guten Tag {{customer.name | ""}}, Ihre Bestellung {{order.number}} verspätet sich.',
  language: 'de',
  intents: ['delivery-delay'],
  tone: 'apologetic',
  formality: 'sie',
  shortcut: ';Delay',
  requires: ['item-shipped'],
  promises: [],
  version: 3,
  updatedAt: '2026-11-20T00:00:00.000Z',
});

describe('toTemplateRecord', () => {
  it('stores a pack entry with its content, the owner and the bookkeeping it is given', () => {
    const record = toTemplateRecord(germanPackEntry, {
      id: packRecordId(packUrl, germanPackEntry.id),
      owner: packUrl,
      version: germanPackEntry.version,
      updatedAt: Date.parse('2026-11-20T00:00:00.000Z'),
      usageCount: 7,
    });
    expect(record).toStrictEqual({
      id: `${packUrl}#delay`,
      title: 'Lieferverzögerung',
      body: germanPackEntry.body,
      language: 'de',
      intents: ['delivery-delay'],
      tone: 'apologetic',
      formality: 'sie',
      // The pack schema stores shortcuts in lower case.
      shortcut: ';delay',
      requires: ['item-shipped'],
      owner: packUrl,
      version: 3,
      updatedAt: Date.parse('2026-11-20T00:00:00.000Z'),
      usageCount: 7,
    });
    // An empty list of promises is no promise: it is left out rather than stored empty.
    expect(record).not.toHaveProperty('promises');
  });

  it('keeps formality only on German templates, and keeps a hidden or stale mark it is given', () => {
    const english = toTemplateRecord(
      { title: 'Delay', body: 'Sorry.', language: 'en', intents: ['delivery-delay'], tone: 'neutral', formality: 'du' },
      {
        id: 'x',
        owner: packUrl,
        version: 1,
        updatedAt: 1,
        usageCount: 0,
        deletedAt: 5,
        stale: { kind: 'removed', at: 5 },
      },
    );
    expect(english).not.toHaveProperty('formality');
    expect(english.deletedAt).toBe(5);
    expect(english.stale).toEqual({ kind: 'removed', at: 5 });
  });

  it('copies the lists it is given, so a record never shares an array with its source', () => {
    const intents = ['refund'];
    const record = toTemplateRecord(
      { title: 'Refund', body: 'Done.', language: 'en', intents, tone: 'warm' },
      { id: 'y', owner: PERSONAL_OWNER, version: 1, updatedAt: 1, usageCount: 0 },
    );
    intents.push('other');
    expect(record.intents).toEqual(['refund']);
  });
});

describe('a template through a pack file and back', () => {
  it('exports what an import stores, unchanged apart from the owner', () => {
    const stored = toTemplateRecord(germanPackEntry, {
      id: packRecordId(packUrl, germanPackEntry.id),
      owner: packUrl,
      version: germanPackEntry.version,
      updatedAt: Date.parse('2026-11-20T00:00:00.000Z'),
      usageCount: 2,
    });
    const exported = toPackTemplateJson(stored);
    // The export writes the id the template has inside its pack, and reads back as the same entry.
    expect(exported.id).toBe('delay');
    expect(packTemplateSchema.parse(exported)).toEqual({ ...germanPackEntry, promises: undefined });

    const imported = toTemplateRecord(packTemplateSchema.parse(exported), {
      id: exported.id,
      owner: PERSONAL_OWNER,
      version: exported.version,
      updatedAt: Date.parse(exported.updatedAt),
      usageCount: 0,
    });
    expect(imported).toEqual({ ...stored, id: 'delay', owner: PERSONAL_OWNER, usageCount: 0 });
  });

  it('leaves out of an export the intents and states this build does not know', () => {
    const record: TemplateRecord = {
      id: 'personal-1',
      title: 'Mixed',
      body: 'Hello.',
      language: 'en',
      intents: ['refund', 'from-a-newer-build'],
      tone: 'neutral',
      requires: ['refund-started', 'unknown-state'],
      owner: PERSONAL_OWNER,
      version: 1,
      updatedAt: 0,
      usageCount: 0,
    };
    const exported = toPackTemplateJson(record);
    expect(exported.intents).toEqual(['refund']);
    expect(exported.requires).toEqual(['refund-started']);
    expect(packTemplateSchema.safeParse(exported).success).toBe(true);
  });
});

describe('toTemplateInput', () => {
  it('is what the editor edits: the content and tags, without states or bookkeeping', () => {
    const record = toTemplateRecord(germanPackEntry, {
      id: 'z',
      owner: PERSONAL_OWNER,
      version: 4,
      updatedAt: 9,
      usageCount: 3,
    });
    expect(toTemplateInput(record)).toStrictEqual({
      title: 'Lieferverzögerung',
      body: germanPackEntry.body,
      language: 'de',
      intents: ['delivery-delay'],
      tone: 'apologetic',
      formality: 'sie',
      shortcut: ';delay',
    });
  });
});
