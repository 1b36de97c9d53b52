// @vitest-environment node
// The records live in the extension's IndexedDB: fake-indexeddb stands in for it, with the real Dexie schema.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type EscalationRecord, RapportDb } from '../../../lib/db';
import {
  deleteEscalations,
  getEscalations,
  listAllEscalations,
  pruneEscalations,
  restoreEscalations,
} from '../../../lib/escalation/records';
import { defaultSettings } from '../../../lib/settings';

const day = 24 * 60 * 60 * 1000;
const now = Date.UTC(2026, 0, 31, 12, 0);
let db: RapportDb;

function record(conversation: string, ageDays: number): Omit<EscalationRecord, 'id'> {
  return {
    conversationKey: `zendesk:${conversation}`,
    site: 'zendesk',
    url: `https://acme.zendesk.com/agent/tickets/${conversation}`,
    at: now - ageDays * day,
    reasons: ['Customer is angry'],
    note: 'Bitte übernehmen',
    actions: [{ action: 'webhook', ok: true, detail: 'Sent.', retryable: false }],
  };
}

beforeEach(async () => {
  db = new RapportDb(`rapport-records-${Date.now()}-${Math.random()}`);
  await db.escalations.bulkAdd([record('1', 200), record('2', 91), record('2', 89), record('3', 1)]);
});

afterEach(() => db.close());

describe('escalation record retention (issue 20)', () => {
  it('keeps records 90 days by default', () => {
    expect(defaultSettings.escalation.recordRetentionDays).toBe(90);
  });

  it('deletes records older than the retention, keeping the newer ones', async () => {
    expect(await pruneEscalations(90, now, db)).toBe(2);
    expect((await listAllEscalations(db)).map((r) => (now - r.at) / day)).toEqual([1, 89]);
    // Nothing more to do on the next run.
    expect(await pruneEscalations(90, now, db)).toBe(0);
  });

  it('keeps everything until deleted when the retention is 0', async () => {
    expect(await pruneEscalations(0, now, db)).toBe(0);
    expect(await listAllEscalations(db)).toHaveLength(4);
  });
});

describe('deleting escalation records (issue 20)', () => {
  it('deletes one record and undoes it under the same id', async () => {
    const [newest] = await listAllEscalations(db);
    if (!newest) throw new Error('expected records');
    const deleted = await deleteEscalations([newest.id], db);
    expect(deleted.map((r) => r.id)).toEqual([newest.id]);
    expect(await getEscalations('zendesk:3', db)).toEqual([]);
    expect(await listAllEscalations(db)).toHaveLength(3);

    await restoreEscalations(deleted, db);
    expect(await getEscalations('zendesk:3', db)).toEqual([newest]);
  });

  it('deletes all records at once and restores them all', async () => {
    const before = await listAllEscalations(db);
    const deleted = await deleteEscalations('all', db);
    expect(deleted).toHaveLength(4);
    expect(await db.escalations.count()).toBe(0);
    await restoreEscalations(deleted, db);
    expect(await listAllEscalations(db)).toEqual(before);
  });

  it('ignores ids that are already gone', async () => {
    expect(await deleteEscalations([987654], db)).toEqual([]);
    expect(await db.escalations.count()).toBe(4);
  });
});
