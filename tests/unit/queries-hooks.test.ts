// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Convention (issue 21): one hook per query. Two `useQuery` calls with the same key share one cache entry, so the
 * second one's `queryFn` and options silently lose to whichever ran first (useDraftTemplates and useActiveTemplates
 * once did this). Every key also comes from the factory in lib/queries.ts, so invalidation has one place to look.
 */

const root = join(import.meta.dirname, '../..');

interface QueryCall {
  file: string;
  line: number;
  /** The key as written, with a module-level constant replaced by what it is built from. */
  key: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

/** Every `useQuery({ queryKey })` call of one source file. */
function findQueryCalls(file: string, text: string): QueryCall[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const constants = new Map<string, string>();
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.initializer) {
        constants.set(declaration.name.text, declaration.initializer.getText(source));
      }
    }
  }
  const calls: QueryCall[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      /^use(Suspense)?Query$/.test(node.expression.text)
    ) {
      const [options] = node.arguments;
      const keyProperty =
        options && ts.isObjectLiteralExpression(options)
          ? options.properties.find(
              (property): property is ts.PropertyAssignment =>
                ts.isPropertyAssignment(property) && property.name.getText(source) === 'queryKey',
            )
          : undefined;
      const written = keyProperty?.initializer.getText(source) ?? '(no queryKey)';
      const key =
        keyProperty && ts.isIdentifier(keyProperty.initializer) ? (constants.get(written) ?? written) : written;
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      calls.push({ file, line, key: key.replace(/\s+/g, ' ') });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return calls;
}

/** Keys used by more than one `useQuery` call, with where. */
function sharedKeys(calls: readonly QueryCall[]): Record<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const call of calls) byKey.set(call.key, [...(byKey.get(call.key) ?? []), `${call.file}:${call.line}`]);
  return Object.fromEntries([...byKey].filter(([, places]) => places.length > 1));
}

const calls = ['lib', 'components', 'entrypoints']
  .flatMap(sourceFiles)
  .flatMap((file) => findQueryCalls(file, readFileSync(join(root, file), 'utf8')));

describe('react-query hooks', () => {
  it('finds the queries it checks (the scan itself works)', () => {
    expect(calls.length).toBeGreaterThanOrEqual(10);
    expect(calls.map((call) => call.key)).toContain('queryKeys.templates({ active: true })');
  });

  it('has one hook per query key', () => {
    expect(sharedKeys(calls)).toEqual({});
  });

  it('builds every key with the factory in lib/queries.ts', () => {
    const outside = calls.filter((call) => !call.key.includes('queryKeys.'));
    expect(outside.map((call) => `${call.file}:${call.line} ${call.key}`)).toEqual([]);
  });

  it('catches two hooks sharing one key, and a key written by hand', () => {
    const twoHooks = `
      const localKey = ['templates', 'by-hand'] as const;
      export function useActiveTemplates() {
        return useQuery({ queryKey: queryKeys.templates({ active: true }), queryFn: listA });
      }
      export function useDraftTemplates() {
        return useQuery({
          queryKey: queryKeys.templates({ active: true }),
          queryFn: listB,
        });
      }
      export function useHandKey() {
        return useQuery({ queryKey: localKey, queryFn: listC });
      }`;
    const found = findQueryCalls('example.ts', twoHooks);
    expect(sharedKeys(found)).toEqual({ 'queryKeys.templates({ active: true })': ['example.ts:4', 'example.ts:7'] });
    expect(found.filter((call) => !call.key.includes('queryKeys.')).map((call) => call.key)).toEqual([
      "['templates', 'by-hand'] as const",
    ]);
  });
});
