// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { createContentTranslator } from '../../entrypoints/content/catalogue';
import { createTranslator, dictionaryKeys, type MessageKey } from '../../lib/i18n';

/**
 * The content script runs in every helpdesk tab and carries only the catalogue features it shows
 * (entrypoints/content/catalogue.ts), not the whole catalogue (issue 22: 304 kB → 186 kB). These tests keep that true:
 * every key its code uses is there, in both languages, with the same words the panel uses; and a build of it holds no
 * other feature's strings.
 */

const root = join(__dirname, '..', '..');
const contentDir = join(root, 'entrypoints', 'content');
const languages = ['en', 'de'] as const;
const allKeys = new Set(dictionaryKeys('en'));

function isKey(key: string): key is MessageKey {
  return allKeys.has(key);
}

/** The keys the content script's files pass to `t()`: literals whole, template literals by their fixed start. */
function keysUsedInContentScript(): { literal: string[]; prefixes: string[] } {
  const literal: string[] = [];
  const prefixes: string[] = [];
  for (const name of readdirSync(contentDir).filter((file) => file.endsWith('.ts'))) {
    const path = join(contentDir, name);
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 't') {
        const [first] = node.arguments;
        if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) literal.push(first.text);
        else if (first && ts.isTemplateExpression(first)) prefixes.push(first.head.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { literal, prefixes };
}

describe('the content script’s catalogue', () => {
  it('has every key the content script shows, in both languages, in the same words as the whole catalogue', () => {
    const { literal, prefixes } = keysUsedInContentScript();
    // It really found the badge's and the snippet form's texts, and the mood words built from data.
    expect(literal).toEqual(expect.arrayContaining(['badge.dismiss', 'states.undo', 'snippets.formInsert']));
    expect(prefixes).toEqual(expect.arrayContaining(['state.', 'mood.']));
    const keys = [...literal, ...[...allKeys].filter((key) => prefixes.some((prefix) => key.startsWith(prefix)))];
    for (const language of languages) {
      const content = createContentTranslator(language);
      const whole = createTranslator(language);
      for (const key of keys) {
        expect(isKey(key), key).toBe(true);
        if (!isKey(key)) continue;
        // A key missing from the subset would come back as the key itself.
        expect(content(key as Parameters<typeof content>[0]), `${language}: ${key}`).toBe(whole(key));
      }
    }
  });

  it('fills placeholders as the whole catalogue does', () => {
    expect(createContentTranslator('de')('badge.open', { mood: 'verärgert' })).toBe(
      createTranslator('de')('badge.open', { mood: 'verärgert' }),
    );
    expect(createContentTranslator('en')('badge.open', { mood: 'Angry' })).toContain('Angry');
  });

  it('refuses a key of another feature at compile time (and would show the bare key at run time)', () => {
    const t = createContentTranslator('en');
    // @ts-expect-error: the panel's strings are not part of the content script; using one must not compile.
    const outside: string = t('panel.thisPage');
    expect(outside).toBe('panel.thisPage');
  });

  it('leaves every other feature out of the content script’s bundle', async () => {
    // The same import graph WXT bundles (wxt's own modules and the inlined CSS left out), tree-shaken as a build is.
    const result = await build({
      entryPoints: [join(contentDir, 'index.ts')],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      external: ['wxt', 'wxt/*', '*?inline'],
      logLevel: 'silent',
    });
    const text = result.outputFiles.map((file) => file.text).join('\n');
    const bundledFeatures = new Set(
      [...text.matchAll(/["']([a-zA-Z]+)\.[\w.-]+["']\s*:/g)]
        .map((match) => match[1] ?? '')
        .filter((feature) => [...allKeys].some((key) => key.startsWith(`${feature}.`))),
    );
    // The badge, mood and state words, "Hidden on this site — Undo", the picker's hint, the snippet form; and the
    // Zendesk escalation's result texts (lib/escalation/zendesk.ts runs in the ticket's page).
    expect([...bundledFeatures].sort()).toEqual([
      'badge',
      'common',
      'escalationActions',
      'mood',
      'picker',
      'snippets',
      'state',
      'states',
    ]);
    // Of the escalation actions' strings only the Zendesk action's results (lib/strings/escalation-zendesk.ts): the
    // other actions run in the background, and their texts and the panel's "Runs: …" lines stay out.
    const escalationKeys = [...text.matchAll(/["'](escalationActions\.[\w.-]+)["']\s*:/g)].map((match) => match[1]);
    expect(escalationKeys.length).toBeGreaterThan(0);
    expect(escalationKeys.filter((key) => !key?.startsWith('escalationActions.zendesk.'))).toEqual([]);
    expect(escalationKeys).not.toContain('escalationActions.zendesk.withNote');
  });
});
