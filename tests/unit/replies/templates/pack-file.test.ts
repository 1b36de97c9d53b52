// @vitest-environment node
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb, type TemplateRecord } from '../../../../lib/db';
import { AppError } from '../../../../lib/errors';
import { createTemplate, listTemplates } from '../../../../lib/replies/templates/library';
import {
  applyImport,
  exportPack,
  packFileName,
  parsePack,
  planImport,
  readPackFile,
  serializePack,
} from '../../../../lib/replies/templates/pack-file';
import { PACK_MAX_BYTES } from '../../../../lib/replies/templates/schema';

function pack(templates: unknown[], extra: Record<string, unknown> = {}) {
  return JSON.stringify({ format: 'rapport-template-pack', version: 1, name: 'Support team', templates, ...extra });
}

const good = {
  id: 'refund-1',
  title: 'Refund',
  body: 'Hi {{customer.firstName | "there"}}, your refund for {{order.number}} is on its way.',
  language: 'en',
  intents: ['refund'],
  tone: 'apologetic',
  version: 2,
  updatedAt: '2024-03-01T10:00:00.000Z',
};

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof AppError ? error.code : 'not-an-app-error';
  }
  return undefined;
}

beforeEach(async () => {
  await getDb().templates.clear();
});

describe('pack files', () => {
  it('round-trips selected templates through export and import', async () => {
    const a = await createTemplate({
      title: 'Erstattung',
      body: 'Guten Tag {{customer.name | ""}}, <b>nicht fett</b>',
      language: 'de',
      intents: ['refund', 'complaint'],
      tone: 'apologetic',
      formality: 'sie',
    });
    const b = await createTemplate({
      title: 'Thanks',
      body: 'Thank you!',
      language: 'en',
      intents: ['thank-you'],
      tone: 'warm',
    });
    const file = await exportPack({ name: 'Mein Team', ids: [a.id, b.id], now: new Date('2024-05-01T00:00:00Z') });
    expect(file).toMatchObject({
      format: 'rapport-template-pack',
      version: 1,
      name: 'Mein Team',
      exportedAt: '2024-05-01T00:00:00.000Z',
    });
    const json = serializePack(file);

    await getDb().templates.clear();
    const plan = await planImport(json);
    expect(plan.invalid).toEqual([]);
    expect(plan.conflicts).toEqual([]);
    expect(await applyImport(plan)).toEqual({ added: 2, replaced: 0, skipped: 0 });

    const imported = await listTemplates();
    expect(
      imported.map(({ id, title, body, language, intents, tone, formality, owner, version }) => ({
        id,
        title,
        body,
        language,
        intents,
        tone,
        formality,
        owner,
        version,
      })),
    ).toEqual([
      {
        id: a.id,
        title: 'Erstattung',
        body: a.body,
        language: 'de',
        intents: ['refund', 'complaint'],
        tone: 'apologetic',
        formality: 'sie',
        owner: 'personal',
        version: 1,
      },
      {
        id: b.id,
        title: 'Thanks',
        body: 'Thank you!',
        language: 'en',
        intents: ['thank-you'],
        tone: 'warm',
        formality: undefined,
        owner: 'personal',
        version: 1,
      },
    ]);
  });

  it('lists every bad entry with its index and reason and keeps the good ones', () => {
    const parsed = parsePack(
      pack([
        good,
        { ...good, id: 'x', title: 'No intents', intents: [] },
        { ...good, id: 'y', title: 'Bad tone', tone: 'sarcastic' },
        'just a string',
        { ...good, id: 'z', title: 'Broken placeholder', body: 'Hi {{first name}}' },
        { ...good, title: 'Other title' },
        { ...good, id: 'refund-2' },
        { ...good, id: 'bad id/with slash', title: 'Slash' },
      ]),
    );
    expect(parsed.valid.map((entry) => entry.index)).toEqual([0]);
    expect(parsed.invalid.map((entry) => [entry.index, entry.title])).toEqual([
      [1, 'No intents'],
      [2, 'Bad tone'],
      [3, undefined],
      [4, 'Broken placeholder'],
      [5, 'Other title'],
      [6, 'Refund'],
      [7, 'Slash'],
    ]);
    expect(parsed.invalid[0]?.reason).toBe('intents: Pick at least one intent.');
    expect(parsed.invalid[1]?.reason).toMatch(/^tone: /);
    expect(parsed.invalid[3]?.reason).toContain('{{first name}}');
    expect(parsed.invalid[4]?.reason).toBe('Same id "refund-1" as entry 0.');
    expect(parsed.invalid[5]?.reason).toBe('Same title and language as entry 0.');
  });

  it('refuses files that are not packs at all', () => {
    expect(codeOf(() => parsePack('{"format": "rapport-template-pack", '))).toBe('templates/pack-malformed');
    expect(codeOf(() => parsePack(JSON.stringify({ hello: 'world' })))).toBe('templates/pack-invalid');
    expect(codeOf(() => parsePack(pack([], { version: 2 })))).toBe('templates/pack-invalid');
    expect(codeOf(() => parsePack(pack([], { name: '' })))).toBe('templates/pack-invalid');
    expect(
      codeOf(() =>
        parsePack(JSON.stringify({ format: 'rapport-template-pack', version: 1, name: 'x', templates: {} })),
      ),
    ).toBe('templates/pack-invalid');
    expect(() => parsePack(pack([], { version: 2 }))).toThrow(/newer Rapport/);
  });

  it('refuses a picked file over 5 MB before reading it (issue 20)', async () => {
    let read = false;
    const huge = {
      size: PACK_MAX_BYTES + 1,
      text: async () => {
        read = true;
        return '';
      },
    };
    const error = await readPackFile(huge).catch((thrown: unknown) => thrown);
    expect(error instanceof AppError && error.code).toBe('templates/pack-too-large');
    expect(error instanceof AppError && error.message).toContain('larger than 5 MB');
    expect(read).toBe(false);

    const real = new Blob([new Uint8Array(PACK_MAX_BYTES + 1)]);
    await expect(readPackFile(real)).rejects.toThrow(/larger than 5 MB/);
    expect(await readPackFile(new Blob([pack([good])]))).toBe(pack([good]));
  });

  it('finds conflicts by id and by title + language, and applies each resolution', async () => {
    const byTitle = await createTemplate({
      title: 'refund',
      body: 'Old body',
      language: 'en',
      intents: ['refund'],
      tone: 'neutral',
    });
    const byId: TemplateRecord = {
      ...byTitle,
      id: 'thanks-1',
      title: 'Thanks',
      body: 'Old thanks',
      intents: ['thank-you'],
      usageCount: 7,
    };
    await getDb().templates.add(byId);
    const untouched = await createTemplate({
      title: 'Invoice',
      body: 'Invoice body',
      language: 'en',
      intents: ['invoice'],
      tone: 'neutral',
    });

    const plan = await planImport(
      pack([
        good,
        {
          ...good,
          id: 'thanks-1',
          title: 'Thanks (new)',
          body: 'New thanks',
          intents: ['thank-you'],
          tone: 'warm',
          version: 1,
        },
        { ...good, id: 'fresh', title: 'Fresh', body: 'Fresh body' },
      ]),
    );
    expect(plan.conflicts.map((c) => [c.index, c.reason, c.existing.id, c.canReplace])).toEqual([
      [0, 'same-title', byTitle.id, true],
      [1, 'same-id', 'thanks-1', true],
    ]);

    // keep both for the first, replace the second; the new one is added without asking.
    const summary = await applyImport(plan, { 0: 'keep-both', 1: 'replace' }, 9000);
    expect(summary).toEqual({ added: 2, replaced: 1, skipped: 0 });

    const all = await listTemplates();
    expect(all.filter((t) => t.title.toLowerCase() === 'refund').map((t) => t.body)).toEqual(
      expect.arrayContaining(['Old body', good.body]),
    );
    expect(await getDb().templates.get('thanks-1')).toMatchObject({
      title: 'Thanks (new)',
      body: 'New thanks',
      version: 2,
      usageCount: 7,
      updatedAt: 9000,
    });
    expect(await getDb().templates.get(untouched.id)).toEqual(untouched);
    expect(all.find((t) => t.title === 'Fresh')?.id).toBe('fresh');
  });

  it('skips unresolved conflicts and never replaces a pack template', async () => {
    const packOwned: TemplateRecord = {
      id: 'https://packs.example.com/p.json#refund-1',
      title: 'Refund',
      body: 'Pack body',
      language: 'en',
      intents: ['refund'],
      tone: 'neutral',
      owner: 'https://packs.example.com/p.json',
      version: 1,
      updatedAt: 1,
      usageCount: 0,
    };
    await getDb().templates.add(packOwned);
    const plan = await planImport(pack([good]));
    expect(plan.conflicts[0]).toMatchObject({ reason: 'same-title', canReplace: false });

    expect(await applyImport(plan)).toEqual({ added: 0, replaced: 0, skipped: 1 });
    expect(await applyImport(plan, { 0: 'replace' })).toEqual({ added: 1, replaced: 0, skipped: 0 });
    expect(await getDb().templates.get(packOwned.id)).toEqual(packOwned);
    expect(await getDb().templates.get('refund-1')).toMatchObject({ owner: 'personal', body: good.body });
  });

  it('loses nothing when an import fails halfway', async () => {
    const existing = await createTemplate({
      title: 'Refund',
      body: 'Mine',
      language: 'en',
      intents: ['refund'],
      tone: 'neutral',
    });
    const plan = await planImport(
      pack([good, { ...good, id: 'second', title: 'Second' }, { ...good, id: 'third', title: 'Third' }]),
    );
    const db = getDb();
    let writes = 0;
    const failOnThird = () => {
      writes++;
      if (writes === 3) throw new Error('disk full');
    };
    db.templates.hook('creating', failOnThird);
    db.templates.hook('updating', failOnThird);
    try {
      await expect(applyImport(plan, { 0: 'replace' })).rejects.toThrow('disk full');
    } finally {
      db.templates.hook('creating').unsubscribe(failOnThird);
      db.templates.hook('updating').unsubscribe(failOnThird);
    }
    expect(await db.templates.toArray()).toEqual([existing]);
  });

  it('exports a whole pack with the templates’ own ids and makes a safe file name', async () => {
    await getDb().templates.bulkAdd([
      {
        ...good,
        id: 'https://p.example.com/a.json#refund-1',
        owner: 'https://p.example.com/a.json',
        updatedAt: 1,
        usageCount: 3,
        language: 'en',
        intents: ['refund'],
        tone: 'apologetic',
      },
      {
        ...good,
        id: 'personal-copy',
        owner: 'personal',
        title: 'Copy',
        updatedAt: 1,
        usageCount: 0,
        language: 'en',
        intents: ['refund'],
        tone: 'apologetic',
      },
    ]);
    const file = await exportPack({ name: 'A', owner: 'https://p.example.com/a.json' });
    expect(file.templates.map((t) => t.id)).toEqual(['refund-1']);
    expect(file.templates[0]).not.toHaveProperty('usageCount');
    expect(packFileName('Kundenservice Süd / Team 2')).toBe('rapport-pack-kundenservice-sud-team-2.json');
    await expect(exportPack({ name: 'Empty', ids: ['missing'] })).rejects.toThrow('no templates');
  });
});
