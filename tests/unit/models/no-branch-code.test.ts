// @vitest-environment node
/**
 * Issue 20: nothing Rapport ships fetches code from a branch name.
 *
 * What this checks: (1) the source that goes into the extension (lib/, entrypoints/, components/, public/ and
 * wxt.config.ts) names no GitHub raw URL on a branch (`raw.githubusercontent.com/<owner>/<repo>/main/…`) and no
 * `binary-mlc-llm-libs` path at anything but a 40-hex commit; (2) web-llm's own code — which the bundle includes, and
 * whose prebuilt model list points every library at the `main` branch — comes out of the build's rewrite with none of
 * those URLs left; (3) the build runs that rewrite on web-llm, in the pages' and the drafting worker's bundles. Whether a record could still be loaded from a
 * branch at run time is covered in webllm-libs.test.ts (the worker gate refuses it).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unusableLibraryPrefix, withoutBranchLibraryUrls } from '../../../lib/models/webllm-libs';

/** A raw GitHub URL at a ref that is not a full commit id: `main`, `master`, a tag, any branch. */
const branchRawUrl = /raw\.githubusercontent\.com\/[\w.-]+\/[\w.-]+\/(?![0-9a-f]{40}\/)[^/\s'"`]+\//u;
const branchLibraryPath = /binary-mlc-llm-libs\/(?![0-9a-f]{40}\/)(?:main|master|[\w.-]+)\/web-llm-models/u;
const textExtensions = new Set(['.ts', '.tsx', '.js', '.mjs', '.json', '.html', '.css']);

function shippedFiles(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path).flatMap((name) => {
    // Model weights and tokenizer files are data, never executable code, and large.
    if (path === join('public', 'models')) return [];
    const child = join(path, name);
    return statSync(child).isDirectory() ? shippedFiles(child) : textExtensions.has(extname(name)) ? [child] : [];
  });
}

describe('no code from a branch name', () => {
  it('the shipped source names no GitHub branch URL', () => {
    const files = ['lib', 'entrypoints', 'components', 'public', 'wxt.config.ts'].flatMap(shippedFiles);
    expect(files.length).toBeGreaterThan(50);
    const offending = files.filter((file) => {
      const text = readFileSync(file, 'utf8');
      return branchRawUrl.test(text) || branchLibraryPath.test(text);
    });
    expect(offending).toEqual([]);
  });

  it("the build's rewrite leaves none of web-llm's branch URLs in its code", () => {
    const webLlm = readFileSync(join('node_modules', '@mlc-ai', 'web-llm', 'lib', 'index.js'), 'utf8');
    // The input really has them: the prefix every prebuilt record's model_lib starts with.
    expect(webLlm).toMatch(/binary-mlc-llm-libs\/main\//);
    const rewritten = withoutBranchLibraryUrls(webLlm);
    expect(rewritten).not.toMatch(branchRawUrl);
    expect(rewritten).not.toMatch(/binary-mlc-llm-libs\/main\//);
    expect(rewritten).toContain(`${unusableLibraryPrefix}web-llm-models/`);
    // Nothing else changed: same code apart from the prefix.
    expect(rewritten.replaceAll(unusableLibraryPrefix, '')).toBe(
      webLlm.replace(/https:\/\/raw\.githubusercontent\.com\/mlc-ai\/binary-mlc-llm-libs\/main\//gu, ''),
    );
  });

  it('pinned URLs survive the rewrite untouched', () => {
    const pinned =
      'https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/0123456789abcdef0123456789abcdef01234567/web-llm-models/v0_2_86/base/x.wasm';
    expect(withoutBranchLibraryUrls(`"${pinned}"`)).toBe(`"${pinned}"`);
  });

  it('the build runs the rewrite on web-llm, in the pages and in the drafting worker alike', () => {
    const config = readFileSync('wxt.config.ts', 'utf8');
    expect(config).toMatch(/import \{ withoutBranchLibraryUrls \} from '\.\/lib\/models\/webllm-libs'/);
    expect(config).toMatch(/id\.includes\('@mlc-ai\/web-llm'\) \? withoutBranchLibraryUrls\(code\)/);
    // Vite bundles `?worker` imports (lib/models/llm-worker.ts, which holds web-llm) with `worker.plugins` only.
    expect(config).toMatch(/plugins: \[[^\]]*webLlmUnbranched,?\s*\]/);
    expect(config).toMatch(/worker: \{ plugins: \(\) => \[webLlmUnbranched\] \}/);
  });
});
