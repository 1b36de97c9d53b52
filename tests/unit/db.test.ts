// @vitest-environment node
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import {
  conversationKey,
  type EscalationRecord,
  getDb,
  type MoodCorrectionRecord,
  type PackRecord,
  RapportDb,
  type RoleCorrection,
  type SecretRecord,
  type TemplateRecord,
} from '../../lib/db';

/**
 * lib/db.ts: an agent's templates, escalation records and corrections live in IndexedDB (fake-indexeddb here, the
 * same engine semantics). An update must open the database an older version left behind with every row still there.
 */

/**
 * The schemas as they were released. Copied here on purpose: a released version is never edited, so what an agent's
 * browser holds is exactly this, whatever lib/db.ts declares today.
 */
const released: Record<number, Record<string, string>> = {
  1: {
    templates: 'id, owner, language, *intents, updatedAt',
    packs: 'url',
    escalations: '++id, conversationKey, at',
    roleCorrections: 'key, conversationKey',
    pickedAreas: 'origin',
  },
  // Issue 18.
  2: { moodCorrections: 'key, conversationKey' },
  // Issue 20.
  3: { secrets: 'name' },
};

const template: TemplateRecord = {
  id: 'refund',
  title: 'Refund started',
  body: 'Hello {customer.firstName}, your refund is on its way.',
  language: 'en',
  intents: ['refund'],
  tone: 'apologetic',
  owner: 'personal',
  version: 1,
  updatedAt: 1_700_000_000_000,
  usageCount: 4,
  shortcut: ';refund',
};
const packTemplate: TemplateRecord = {
  ...template,
  id: 'pack:delay',
  title: 'Verspätung',
  language: 'de',
  formality: 'sie',
  owner: 'https://packs.example.com/team.json',
  usageCount: 0,
};
const pack: PackRecord = {
  url: 'https://packs.example.com/team.json',
  name: 'Team Nord',
  etag: '"v3"',
  lastSyncAt: 1_700_000_000_000,
  templateCount: 1,
};
const escalations: EscalationRecord[] = [
  {
    conversationKey: 'zendesk:42',
    site: 'zendesk',
    url: 'https://shop.zendesk.com/agent/tickets/42',
    at: 1_700_000_000_000,
    reasons: ['anger'],
    note: 'Customer is angry about a late delivery.',
    actions: [{ action: 'webhook', ok: true, detail: 'Sent' }],
  },
  {
    conversationKey: 'gmail:abc',
    site: 'gmail',
    url: 'https://mail.google.com/mail/u/0/#inbox/abc',
    at: 1_700_000_100_000,
    reasons: ['legal-threat'],
    note: 'Threatens to sue.',
    actions: [{ action: 'email', ok: false, detail: 'No team lead address', retryable: false }],
  },
];
const roleCorrection: RoleCorrection = { key: 'zendesk:42|m1', conversationKey: 'zendesk:42', role: 'agent' };
const moodCorrection: MoodCorrectionRecord = {
  key: 'zendesk:42|m2',
  conversationKey: 'zendesk:42',
  target: 'm2',
  state: 'frustrated',
  text: 'Where is my parcel?',
  language: 'en',
  site: 'zendesk',
  at: 1_700_000_200_000,
};
const secret: SecretRecord = {
  name: 'escalation',
  webhookUrl: 'https://hooks.example.com/T0/B0/x',
  freshdeskApiKey: 'fd-key',
  movedAt: 1_700_000_300_000,
};

const opened: Dexie[] = [];

/** A database left behind by the release that shipped schema `version`, holding the rows that version could store. */
async function createReleasedDatabase(name: string, version: number): Promise<void> {
  const old = new Dexie(name);
  for (let v = 1; v <= version; v++) old.version(v).stores(released[v] ?? {});
  await old.open();
  await old.table('templates').bulkAdd([template, packTemplate]);
  await old.table('packs').add(pack);
  await old.table('escalations').bulkAdd(escalations);
  await old.table('roleCorrections').add(roleCorrection);
  await old.table('pickedAreas').add({ origin: 'https://help.shop.example', selector: 'main', at: 1 });
  if (version >= 2) await old.table('moodCorrections').add(moodCorrection);
  if (version >= 3) await old.table('secrets').add(secret);
  old.close();
}

async function openCurrent(name: string): Promise<RapportDb> {
  const db = new RapportDb(name);
  opened.push(db);
  await db.open();
  return db;
}

afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

describe('RapportDb', () => {
  it('opens empty on a fresh install, with every table the extension reads', async () => {
    const db = await openCurrent(`fresh-${crypto.randomUUID()}`);
    for (const table of [db.templates, db.packs, db.escalations, db.roleCorrections, db.moodCorrections, db.secrets]) {
      expect(await table.count(), table.name).toBe(0);
    }
  });

  it('numbers escalation records itself and finds them by conversation and time', async () => {
    const db = await openCurrent(`records-${crypto.randomUUID()}`);
    const ids = await db.escalations.bulkAdd(escalations, { allKeys: true });
    expect(new Set(ids).size).toBe(2);
    expect(await db.escalations.where('conversationKey').equals('zendesk:42').count()).toBe(1);
    expect((await db.escalations.orderBy('at').reverse().first())?.conversationKey).toBe('gmail:abc');
  });

  it.each(Object.keys(released).map(Number))(
    'opens a database left by the version-%i schema with every row it held',
    async (version) => {
      const name = `upgrade-v${version}-${crypto.randomUUID()}`;
      await createReleasedDatabase(name, version);
      const fresh = await openCurrent(`fresh-${crypto.randomUUID()}`);

      const db = await openCurrent(name);

      expect(db.verno).toBe(fresh.verno);
      expect(await db.templates.toArray()).toEqual(expect.arrayContaining([template, packTemplate]));
      expect(await db.templates.count()).toBe(2);
      expect(await db.packs.get(pack.url)).toEqual(pack);
      expect(await db.roleCorrections.get(roleCorrection.key)).toEqual(roleCorrection);
      const records = await db.escalations.orderBy('at').toArray();
      expect(records.map(({ id: _id, ...record }) => record)).toEqual(escalations);
      expect(await db.moodCorrections.toArray()).toEqual(version >= 2 ? [moodCorrection] : []);
      expect(await db.secrets.toArray()).toEqual(version >= 3 ? [secret] : []);

      // The queries the extension runs still work on the upgraded indexes.
      expect((await db.templates.where('owner').equals(pack.url).toArray()).map((t) => t.id)).toEqual(['pack:delay']);
      expect((await db.templates.where('language').equals('en').toArray()).map((t) => t.id)).toEqual(['refund']);
      expect(await db.escalations.where('conversationKey').equals('gmail:abc').count()).toBe(1);
      expect(await db.roleCorrections.where('conversationKey').equals('zendesk:42').count()).toBe(1);
      // A new escalation record never takes the id of one kept from before.
      const oldIds = records.map((record) => record.id);
      const newId = await db.escalations.add({ ...(escalations[0] as EscalationRecord), at: 1_800_000_000_000 });
      expect(oldIds).not.toContain(newId);
    },
  );
});

describe('RapportDb version 4', () => {
  it.each(Object.keys(released).map(Number))(
    'drops what nothing reads from a version-%i database and keeps every template',
    async (version) => {
      const name = `v4-from-v${version}-${crypto.randomUUID()}`;
      await createReleasedDatabase(name, version);

      const db = await openCurrent(name);

      // Picked areas are kept in storage.local (lib/sites/picks.ts); the table only ever held what a test put there.
      expect([...db.backendDB().objectStoreNames]).not.toContain('pickedAreas');
      expect(db.tables.map((table) => table.name)).not.toContain('pickedAreas');
      // Templates are looked up by owner and language; intents and change times are filtered and sorted in memory.
      expect(db.templates.schema.indexes.map((index) => index.name).sort()).toEqual(['language', 'owner']);
      expect(await db.templates.toArray()).toEqual(expect.arrayContaining([template, packTemplate]));
      expect(await db.templates.where('owner').equals('personal').count()).toBe(1);
      expect(await db.templates.where('language').equals('de').first()).toEqual(packTemplate);
    },
  );
});

describe('getDb', () => {
  it('is one database per context', () => {
    expect(getDb()).toBe(getDb());
    expect(getDb().name).toBe('rapport');
  });
});

describe('conversationKey', () => {
  it('tells the same id on different sites apart', () => {
    expect(conversationKey({ site: 'zendesk', id: '42' })).toBe('zendesk:42');
    expect(conversationKey({ site: 'zendesk', id: '42' })).not.toBe(conversationKey({ site: 'freshdesk', id: '42' }));
  });
});
