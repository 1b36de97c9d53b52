// @vitest-environment node
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { dictionaryKeys } from '../../lib/i18n';

/**
 * Text the user reads comes from the catalogue (`lib/strings/*`, through `t()`), never written into a component: a
 * sentence typed into JSX is English-only in the German UI and drifts from the catalogue's words. This test reads every
 * component and UI entrypoint with the TypeScript compiler and fails on JSX text, and on string literals in attributes a
 * person reads or hears (title, aria-label, placeholder, alt, label), that hold letters.
 */

const root = join(__dirname, '..', '..');

/** Attributes whose value is shown or read out to the user. */
const userFacingAttributes = new Set(['title', 'aria-label', 'aria-description', 'placeholder', 'alt', 'label']);

/**
 * Text allowed outside the catalogue, with why. Kept short on purpose: add here only what reads the same in every
 * language.
 */
const allowed = new Set([
  // Names of the technical backends the model runs on; the same word in every language.
  'WebGPU',
  'WASM',
  // Product and format names.
  'Rapport',
  'JSON',
  'TSV',
  // The logo's letter.
  'R',
]);

/**
 * Examples of what to type in a field: a URL, an address, a snippet shortcut, a JSON template. They show a format and
 * read the same in every language.
 */
const formatExample = /^(https?:\/\/|;|\{|[\w.+-]+@)/;

/** Catalogue keys a component passes on to a child that translates them (`label="options.language"`). */
const catalogueKeys = new Set(dictionaryKeys('en'));

function filesUnder(dir: string, keep: (path: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path, keep);
    return keep(path) ? [path] : [];
  });
}

const uiFiles = [
  ...filesUnder(join(root, 'components'), (path) => path.endsWith('.tsx')),
  ...filesUnder(join(root, 'entrypoints'), (path) => path.endsWith('.tsx')),
];

/** Whether a piece of text holds something to translate: a letter that is not part of an allowed name. */
function isProse(text: string): boolean {
  const trimmed = text.trim();
  if (catalogueKeys.has(trimmed) || formatExample.test(trimmed)) return false;
  const words = trimmed.split(/[^\p{L}]+/u).filter((word) => word !== '' && !allowed.has(word));
  return words.length > 0;
}

interface Finding {
  file: string;
  line: number;
  text: string;
}

/** The untranslated text in a component's source. */
function findUntranslated(path: string, text = readFileSync(path, 'utf8')): Finding[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const findings: Finding[] = [];
  const report = (node: ts.Node, text: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    findings.push({ file: relative(root, path), line: line + 1, text: text.trim() });
  };
  // A string shown as a child (`{busy ? 'Saving…' : label}`, `{name ?? 'Unknown'}`), not one passed to a call.
  const reportShown = (expression: ts.Expression) => {
    if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) {
      if (isProse(expression.text)) report(expression, expression.text);
    } else if (ts.isParenthesizedExpression(expression)) {
      reportShown(expression.expression);
    } else if (ts.isConditionalExpression(expression)) {
      reportShown(expression.whenTrue);
      reportShown(expression.whenFalse);
    } else if (ts.isBinaryExpression(expression)) {
      reportShown(expression.right);
    }
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && isProse(node.text)) report(node, node.text);
    if (ts.isJsxExpression(node) && node.expression && !ts.isJsxAttribute(node.parent)) reportShown(node.expression);
    if (ts.isJsxAttribute(node) && userFacingAttributes.has(node.name.getText(source)) && node.initializer) {
      const { initializer } = node;
      const literal = ts.isStringLiteral(initializer)
        ? initializer
        : ts.isJsxExpression(initializer) &&
            initializer.expression &&
            (ts.isStringLiteral(initializer.expression) || ts.isNoSubstitutionTemplateLiteral(initializer.expression))
          ? initializer.expression
          : undefined;
      if (literal && isProse(literal.text)) report(literal, literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}

describe('UI text outside the catalogue', () => {
  it('finds the components and entrypoints to check', () => {
    expect(uiFiles.some((path) => path.endsWith('PanelApp.tsx'))).toBe(true);
    expect(uiFiles.some((path) => path.endsWith('OptionsApp.tsx'))).toBe(true);
  });

  it('catches JSX text and user-facing attributes written into a component', () => {
    const probe = join(root, 'tests', 'unit', 'i18n-guard.probe.tsx');
    const findings = findUntranslated(
      probe,
      `export const A = () => <button title="Close panel" aria-label={'Schließen'} data-x="ok" placeholder="https://example.com" label="common.save">Save {t('common.save')} · WebGPU {busy ? 'Saving' : null}</button>;`,
    );
    expect(findings.map((finding) => finding.text)).toEqual(['Close panel', 'Schließen', 'Save', 'Saving']);
  });

  it.each(uiFiles.map((path) => relative(root, path)))('%s shows only catalogue text', (file) => {
    const findings = findUntranslated(join(root, file));
    expect(findings.map((finding) => `${finding.file}:${finding.line} ${JSON.stringify(finding.text)}`)).toEqual([]);
  });
});
