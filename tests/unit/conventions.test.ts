// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { protocol } from '../../lib/messaging';
import { frameRelayHandlers } from '../../lib/panel/frame-relay';

/**
 * Every message type in the protocol (lib/messaging.ts) has a handler somewhere: a type nobody handles is sent into
 * the void, and the sender only learns it at run time ("Nobody answered"). (STYLE.md: "a convention test checks …
 * every protocol message has a handler".)
 *
 * Why the source is read rather than the handler maps imported: most handlers are registered inside the background's
 * `defineBackground` closure, the content script's `main` and the offscreen document's top level, which only run in
 * a browser with a live page, a worker and the offscreen API. So this test parses the extension's own code with the
 * TypeScript parser and collects the keys of every handler map: the object passed to `handleMessages(…)`, any object
 * literal declared as `Handlers` (`satisfies Handlers`, `: Handlers`, `: Pick<Handlers, …>`), and what those spread
 * in (`...name`, `...(condition ? { … } : {})`), following a spread name to its `const` object literal.
 */

const root = join(import.meta.dirname, '..', '..');
const sourceDirs = ['entrypoints', 'lib', 'components'];

function sourceFiles(): string[] {
  const files: string[] = [];
  for (const dir of sourceDirs) {
    for (const entry of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.tsx?$/.test(entry.name) || entry.name.endsWith('.d.ts')) continue;
      files.push(join(entry.parentPath, entry.name));
    }
  }
  return files;
}

const parsed = sourceFiles().map((file) =>
  ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true),
);

/** Whether a type annotation names the protocol's handler map (`Handlers`, `Partial<Handlers>`, `Pick<Handlers, …>`). */
function namesHandlers(type: ts.TypeNode | undefined): boolean {
  return type !== undefined && /\bHandlers\b/.test(type.getText());
}

function visit(node: ts.Node, fn: (node: ts.Node) => void): void {
  fn(node);
  node.forEachChild((child) => visit(child, fn));
}

/** `const name = { … }` object literals by name, across the scanned files (a spread `...name` is followed to them). */
const constObjects = new Map<string, ts.ObjectLiteralExpression[]>();
for (const file of parsed) {
  visit(file, (node) => {
    if (!ts.isVariableDeclaration(node) || !ts.isIdentifier(node.name) || !node.initializer) return;
    const literal = unwrap(node.initializer);
    if (!literal || !ts.isObjectLiteralExpression(literal)) return;
    constObjects.set(node.name.text, [...(constObjects.get(node.name.text) ?? []), literal]);
  });
}

/** The expression under `( )`, `as …` and `satisfies …`. */
function unwrap(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isSatisfiesExpression(current)) {
    current = current.expression;
  }
  return current;
}

function propertyName(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  return undefined;
}

/** The keys of a handler map, with what it spreads in. */
function handlerKeys(expression: ts.Expression, seen = new Set<ts.Node>()): string[] {
  const node = unwrap(expression);
  if (seen.has(node)) return [];
  seen.add(node);
  if (ts.isConditionalExpression(node)) {
    return [...handlerKeys(node.whenTrue, seen), ...handlerKeys(node.whenFalse, seen)];
  }
  if (ts.isIdentifier(node)) {
    return (constObjects.get(node.text) ?? []).flatMap((literal) => handlerKeys(literal, seen));
  }
  if (!ts.isObjectLiteralExpression(node)) return [];
  return node.properties.flatMap((property) => {
    if (ts.isSpreadAssignment(property)) return handlerKeys(property.expression, seen);
    const name = property.name ? propertyName(property.name) : undefined;
    return name === undefined ? [] : [name];
  });
}

/** Handler keys by the file that registers or declares them. */
function collectHandlers(): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  const add = (file: ts.SourceFile, keys: string[]) => {
    const name = relative(root, file.fileName);
    const set = found.get(name) ?? new Set<string>();
    for (const key of keys) set.add(key);
    found.set(name, set);
  };
  for (const file of parsed) {
    visit(file, (node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'handleMessages') {
        const [map] = node.arguments;
        if (map) add(file, handlerKeys(map));
      } else if (ts.isSatisfiesExpression(node) && namesHandlers(node.type)) {
        add(file, handlerKeys(node.expression));
      } else if (ts.isVariableDeclaration(node) && namesHandlers(node.type) && node.initializer) {
        add(file, handlerKeys(node.initializer));
      }
    });
  }
  return found;
}

const handlersByFile = collectHandlers();
const handled = new Set([...handlersByFile.values()].flatMap((keys) => [...keys]));
const messageTypes = Object.keys(protocol);

describe('protocol conventions', () => {
  it('finds the handler maps it looks for (the scan itself works)', () => {
    // Each registering context contributes: the background routes, the content script answers the page's requests.
    expect(handlersByFile.get(join('entrypoints', 'background.ts'))?.size ?? 0).toBeGreaterThan(5);
    expect(handlersByFile.get(join('entrypoints', 'content', 'index.ts'))?.size ?? 0).toBeGreaterThan(5);
    // A handler map that can be imported is seen in full.
    for (const key of Object.keys(frameRelayHandlers)) expect(handled, key).toContain(key);
  });

  it.each(messageTypes)('%s has a handler', (type) => {
    expect(handled.has(type), `no handleMessages map handles "${type}"`).toBe(true);
  });

  it('handles nothing that is not in the protocol', () => {
    // Also keeps the scan honest: anything it collected that is not a message type would show here.
    expect([...handled].filter((key) => !messageTypes.includes(key))).toEqual([]);
  });
});
