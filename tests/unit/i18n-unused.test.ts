// @vitest-environment node
/**
 * Every string in the catalogue is shown somewhere: a key no code names is a text that drifted out of use (ten had,
 * found by this test's first run — "Rapport can't read this page", "Select all shown", …) and only costs translators
 * and bundles. A key counts as used when code names it in quotes, or builds it from a template literal whose fixed
 * start it has (`summary.${line.kind}` uses every `summary.` key; that is the test's known blind spot).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dictionaryKeys } from '../../lib/i18n';

const root = resolve(import.meta.dirname, '../..');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return path.endsWith(join('lib', 'strings')) ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const code = ['lib', 'components', 'entrypoints', 'scripts']
  .flatMap((folder) => sourceFiles(join(root, folder)))
  .map((path) => readFileSync(path, 'utf8'))
  .join('\n');
/** The fixed starts of keys built at run time: `model-settings.backend.${…}` gives `model-settings.backend.`. */
const builtPrefixes = [...code.matchAll(/`([A-Za-z-]+\.[\w./-]*?)\$\{/g)].map((match) => match[1] ?? '');

describe('the catalogue', () => {
  it('has no key that no code shows', () => {
    const unused = dictionaryKeys('en').filter((key) => {
      const base = key.replace(/\.(one|other)$/, '');
      const named = [key, base].some((name) => code.includes(`'${name}'`) || code.includes(`"${name}"`));
      return !named && !builtPrefixes.some((prefix) => key.startsWith(prefix));
    });
    expect(unused).toEqual([]);
  });
});
