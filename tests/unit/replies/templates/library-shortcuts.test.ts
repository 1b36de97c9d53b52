// @vitest-environment node
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../../lib/db';
import { createTemplate, getTemplate, updateTemplate } from '../../../../lib/replies/templates/library';
import type { TemplateInput } from '../../../../lib/replies/templates/schema';

const refund: TemplateInput = {
  title: 'Refund',
  body: 'Hi {{customer.firstName}}, your refund is on its way.',
  language: 'en',
  intents: ['refund'],
  tone: 'neutral',
};

beforeEach(async () => {
  await getDb().templates.clear();
});

describe('template shortcuts in the library', () => {
  it('keeps a shortcut across edits that do not touch it, and removes it when emptied', async () => {
    const saved = await createTemplate({ ...refund, shortcut: ';Refund' });
    expect(saved.shortcut).toBe(';refund');
    const retitled = await updateTemplate(saved.id, { title: 'Refund (new)' });
    expect(retitled.shortcut).toBe(';refund');
    await updateTemplate(saved.id, { shortcut: undefined });
    expect((await getTemplate(saved.id))?.shortcut).toBeUndefined();
  });

  it('refuses a shortcut another template already has, in any case', async () => {
    await createTemplate({ ...refund, shortcut: ';refund' });
    await expect(createTemplate({ ...refund, title: 'Other', shortcut: ';REFUND' })).rejects.toMatchObject({
      code: 'templates/shortcut-taken',
    });
    const other = await createTemplate({ ...refund, title: 'Other' });
    await expect(updateTemplate(other.id, { shortcut: ';refund' })).rejects.toMatchObject({
      code: 'templates/shortcut-taken',
    });
  });

  it('refuses a malformed shortcut', async () => {
    await expect(createTemplate({ ...refund, shortcut: 'refund' })).rejects.toMatchObject({
      code: 'templates/invalid',
    });
  });
});
