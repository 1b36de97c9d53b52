// @vitest-environment node
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../../lib/db';
import { detectClaims } from '../../../../lib/replies/claims';
import { deleteTemplate, listTemplates, recordTemplateUse } from '../../../../lib/replies/templates/library';
import { exportPack, planImport } from '../../../../lib/replies/templates/pack-file';
import { fillTemplate, listPlaceholders, placeholderCatalog } from '../../../../lib/replies/templates/placeholders';
import { packTemplateSchema, STARTER_OWNER, templateIntents } from '../../../../lib/replies/templates/schema';
import {
  ensureStarterPack,
  ensureStarterPackOnce,
  starterTemplates,
} from '../../../../lib/replies/templates/starter-pack';
import { makeConversation } from './conversation';

beforeEach(async () => {
  await getDb().templates.clear();
});

describe('starter pack', () => {
  it('has at least one template for every intent in English, German Sie and German du', () => {
    const forms = {
      en: starterTemplates.filter((t) => t.language === 'en'),
      sie: starterTemplates.filter((t) => t.language === 'de' && t.formality === 'sie'),
      du: starterTemplates.filter((t) => t.language === 'de' && t.formality === 'du'),
    };
    for (const [form, templates] of Object.entries(forms)) {
      const covered = new Set(templates.flatMap((t) => t.intents));
      for (const intent of templateIntents) expect(covered, `${form}: ${intent}`).toContain(intent);
    }
    expect(forms.sie.length).toBe(forms.en.length);
    expect(forms.du.length).toBe(forms.en.length);
    expect(new Set(starterTemplates.map((t) => t.id)).size).toBe(starterTemplates.length);
  });

  it('offers a first choice per intent and language that claims nothing the conversation has to show', () => {
    for (const template of starterTemplates.filter((t) => !t.requires)) {
      expect(detectClaims(template.body, template.language), template.id).toEqual([]);
    }
    for (const intent of templateIntents) {
      for (const form of ['en', 'sie', 'du'] as const) {
        const safe = starterTemplates.filter(
          (t) =>
            !t.requires &&
            t.intents.includes(intent) &&
            (form === 'en' ? t.language === 'en' : t.language === 'de' && t.formality === form),
        );
        expect(safe.length, `${form}: ${intent}`).toBeGreaterThan(0);
      }
    }
  });

  it('declares in `requires` every state a variant states as done', () => {
    const variants = starterTemplates.filter((t) => t.requires);
    expect(variants.length).toBeGreaterThanOrEqual(12);
    for (const template of variants) {
      const claimed = detectClaims(template.body, template.language).map((claim) => claim.state);
      expect(claimed.length, template.id).toBeGreaterThan(0);
      for (const state of claimed) expect(template.requires, template.id).toContain(state);
    }
  });

  it('every template is valid and uses only placeholders the engine fills', () => {
    const known = new Set(placeholderCatalog.map((info) => info.key));
    for (const template of starterTemplates) {
      expect(packTemplateSchema.safeParse(template).success, template.id).toBe(true);
      for (const spec of listPlaceholders(template.body))
        expect(known, `${template.id}: ${spec.key}`).toContain(spec.key);
    }
  });

  it('reads naturally once filled, and asks only for what the conversation lacks', () => {
    const conversation = makeConversation([
      {
        text: 'Ich will sofort mein Geld zurück! Bestellung 10023456, bezahlt 89,90 €. Sendungsnummer 00340434161094012345.',
      },
    ]);
    for (const template of starterTemplates) {
      const result = fillTemplate(template.body, {
        language: template.language,
        conversation,
        agentName: 'Jonas Weber',
      });
      expect(
        result.missing.map((spec) => spec.key),
        template.id,
      ).toEqual(template.body.includes('{{invoice.number}}') ? ['invoice.number'] : []);
      expect(result.text, template.id).not.toMatch(/\{\{|\}\}| ,| \.|\n /);
      expect(result.text, template.id).toMatch(
        template.language === 'en' ? /^Hi Anna,/ : /^(Guten Tag Anna Müller,|Hallo Anna,)/,
      );
      expect(result.text.endsWith('Jonas Weber')).toBe(true);
    }
  });

  it('never blames the customer', () => {
    const blaming =
      /you should have|your fault|you failed|as already stated|wie bereits erwähnt|Sie hätten|du hättest|Ihr Fehler|leider haben Sie/i;
    for (const template of starterTemplates) expect(template.body, template.id).not.toMatch(blaming);
  });

  it('apologises in every apologetic template', () => {
    for (const template of starterTemplates.filter((t) => t.tone === 'apologetic')) {
      expect(template.body, template.id).toMatch(/sorry|leid|entschuldig/i);
    }
  });

  it('installs once, idempotently, keeping usage counts and hidden templates', async () => {
    expect(await ensureStarterPack()).toEqual({ added: starterTemplates.length, updated: 0, removed: 0 });
    const installed = await listTemplates({ owner: { pack: STARTER_OWNER } });
    expect(installed).toHaveLength(starterTemplates.length);

    const [first, second] = installed;
    if (!first || !second) throw new Error('starter pack is empty');
    await recordTemplateUse(first.id);
    await deleteTemplate(second.id);
    expect(await ensureStarterPack()).toEqual({ added: 0, updated: 0, removed: 0 });
    expect((await getDb().templates.get(first.id))?.usageCount).toBe(1);
    expect((await getDb().templates.get(second.id))?.deletedAt).toBeDefined();
    expect(await listTemplates({ owner: { pack: STARTER_OWNER } })).toHaveLength(starterTemplates.length - 1);
  });

  it('updates outdated starter templates and removes retired ones, leaving personal ones alone', async () => {
    await ensureStarterPack();
    const db = getDb();
    const [first] = starterTemplates;
    if (!first) throw new Error('starter pack is empty');
    const id = `${STARTER_OWNER}#${first.id}`;
    await db.templates.update(id, { version: 0, body: 'old text', usageCount: 9 });
    const outdated = await db.templates.get(id);
    if (!outdated) throw new Error('starter template not installed');
    await db.templates.add({ ...outdated, id: `${STARTER_OWNER}#retired`, title: 'Retired' });
    await db.templates.add({ ...outdated, id: 'mine', owner: 'personal', title: 'Mine' });

    expect(await ensureStarterPack()).toEqual({ added: 0, updated: 1, removed: 1 });
    expect(await db.templates.get(id)).toMatchObject({ body: first.body, version: first.version, usageCount: 9 });
    expect(await db.templates.get('mine')).toMatchObject({ title: 'Mine', body: 'old text' });
  });

  it('is installed by one function that every caller shares, once per context', async () => {
    // The background (on install and update), the panel's data layer and the settings page's library all call this.
    const calls = [ensureStarterPackOnce(), ensureStarterPackOnce(), ensureStarterPackOnce()];
    expect(new Set(calls).size).toBe(1);
    expect(await calls[0]).toEqual({ added: starterTemplates.length, updated: 0, removed: 0 });
    expect(await getDb().templates.where('owner').equals(STARTER_OWNER).count()).toBe(starterTemplates.length);
    // Later callers in this context get the finished install instead of reading the whole library again.
    expect(ensureStarterPackOnce()).toBe(calls[0]);
  });

  it('exports as a pack that imports cleanly', async () => {
    await ensureStarterPack();
    const file = await exportPack({ name: 'Starter', owner: STARTER_OWNER });
    const json = JSON.parse(JSON.stringify(file));
    await getDb().templates.clear();
    const plan = await planImport(json);
    expect(plan.invalid).toEqual([]);
    expect(plan.valid).toHaveLength(starterTemplates.length);
  });
});
