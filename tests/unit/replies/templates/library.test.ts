// @vitest-environment node
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb, type TemplateRecord } from '../../../../lib/db';
import { AppError } from '../../../../lib/errors';
import {
  createTemplate,
  deleteTemplate,
  duplicateTemplate,
  getTemplate,
  listTemplates,
  purgeDeletedTemplates,
  recordTemplateUse,
  restoreTemplate,
  updateTemplate,
} from '../../../../lib/replies/templates/library';
import type { TemplateInput } from '../../../../lib/replies/templates/schema';

const refund: TemplateInput = {
  title: 'Rückerstattung – Entschuldigung',
  body: 'Guten Tag {{customer.name | ""}}, die Erstattung für {{order.number}} ist veranlasst.',
  language: 'de',
  intents: ['refund'],
  tone: 'apologetic',
  formality: 'sie',
};

const tracking: TemplateInput = {
  title: 'Tracking number',
  body: 'Your tracking number is {{tracking.number}}.',
  language: 'en',
  intents: ['tracking', 'delivery-delay'],
  tone: 'neutral',
};

const packTemplate: TemplateRecord = {
  id: 'https://packs.example.com/team.json#refund',
  title: 'Team refund',
  body: 'Refund text',
  language: 'en',
  intents: ['refund'],
  tone: 'apologetic',
  owner: 'https://packs.example.com/team.json',
  version: 3,
  updatedAt: 1,
  usageCount: 0,
};

async function expectCode(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  expect(error instanceof AppError ? error.code : undefined).toBe(code);
}

beforeEach(async () => {
  await getDb().templates.clear();
});

describe('template library', () => {
  it('creates personal templates at version 1 and bumps the version on every update', async () => {
    const created = await createTemplate(refund, 1000);
    expect(created).toMatchObject({ owner: 'personal', version: 1, updatedAt: 1000, usageCount: 0, formality: 'sie' });

    const updated = await updateTemplate(created.id, { title: 'Erstattung' }, 2000);
    expect(updated).toMatchObject({ title: 'Erstattung', version: 2, updatedAt: 2000, body: refund.body });
    expect(await getTemplate(created.id)).toEqual(updated);
  });

  it('refuses invalid input with every reason', async () => {
    const error = await createTemplate({ ...refund, title: ' ', intents: [], body: 'Hi {{first name}}' }).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(AppError);
    const message = error instanceof Error ? error.message : '';
    expect(message).toContain('title: The title is empty.');
    expect(message).toContain('intents: Pick at least one intent.');
    expect(message).toContain('{{first name}}');
  });

  it('drops formality when a template becomes English', async () => {
    const created = await createTemplate(refund);
    const english = await updateTemplate(created.id, { language: 'en' });
    expect(english.formality).toBeUndefined();
  });

  it('soft-deletes with undo, and purges only old personal deletions', async () => {
    const created = await createTemplate(refund);
    await deleteTemplate(created.id, 5000);
    expect(await listTemplates()).toEqual([]);
    expect((await listTemplates({ includeDeleted: true })).map((t) => t.id)).toEqual([created.id]);

    const restored = await restoreTemplate(created.id);
    expect(restored.deletedAt).toBeUndefined();
    expect((await listTemplates()).map((t) => t.id)).toEqual([created.id]);

    await deleteTemplate(created.id, 5000);
    expect(await purgeDeletedTemplates(6000, 10_000)).toBe(0);
    expect(await purgeDeletedTemplates(20_000, 10_000)).toBe(1);
    expect(await getTemplate(created.id)).toBeUndefined();
  });

  it('searches title and body ignoring case and accents, and filters by intent and language', async () => {
    await createTemplate(refund);
    await createTemplate(tracking);
    await createTemplate({ ...tracking, title: 'Lieferung verspätet', language: 'de', intents: ['delivery-delay'] });

    const titles = async (query: Parameters<typeof listTemplates>[0]) =>
      (await listTemplates(query)).map((t) => t.title);
    expect(await titles({ search: 'ruckerstattung' })).toEqual(['Rückerstattung – Entschuldigung']);
    expect(await titles({ search: 'RUECKERSTATTUNG' })).toEqual(['Rückerstattung – Entschuldigung']);
    expect(await titles({ search: 'verspatet' })).toEqual(['Lieferung verspätet']);
    expect(await titles({ search: 'tracking number' })).toEqual(['Lieferung verspätet', 'Tracking number']);
    expect(await titles({ intents: ['delivery-delay'] })).toEqual(['Lieferung verspätet', 'Tracking number']);
    expect(await titles({ intents: ['delivery-delay'], language: 'en' })).toEqual(['Tracking number']);
    expect(await titles({ intents: ['invoice'] })).toEqual([]);
  });

  it('counts uses', async () => {
    const created = await createTemplate(tracking);
    await recordTemplateUse(created.id);
    await recordTemplateUse(created.id);
    expect((await getTemplate(created.id))?.usageCount).toBe(2);
    expect((await getTemplate(created.id))?.version).toBe(1);
  });

  it('keeps pack templates read-only, and duplicates them into the personal set', async () => {
    await getDb().templates.add(packTemplate);
    await expectCode(updateTemplate(packTemplate.id, { title: 'Mine now' }), 'templates/read-only');
    await expectCode(deleteTemplate(packTemplate.id), 'templates/read-only');
    expect(await getTemplate(packTemplate.id)).toEqual(packTemplate);

    const copy = await duplicateTemplate(packTemplate.id, 7000);
    expect(copy).toMatchObject({
      owner: 'personal',
      version: 1,
      title: 'Team refund',
      body: 'Refund text',
      updatedAt: 7000,
    });
    expect(copy.id).not.toBe(packTemplate.id);
    const edited = await updateTemplate(copy.id, { body: 'My refund text' });
    expect(edited.version).toBe(2);
    expect((await getTemplate(packTemplate.id))?.body).toBe('Refund text');

    expect((await listTemplates({ owner: 'personal' })).map((t) => t.id)).toEqual([copy.id]);
    expect((await listTemplates({ owner: { pack: packTemplate.owner } })).map((t) => t.id)).toEqual([packTemplate.id]);
  });

  it('reports a template that is gone', async () => {
    await expectCode(updateTemplate('nope', { title: 'x' }), 'templates/not-found');
  });
});
