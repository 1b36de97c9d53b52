/**
 * The package's weight (issue 21): what an agent downloads from the store, per browser. Target ≤ 40 MB each, each large
 * library bundled once (web-llm, transformers.js with ONNX Runtime) and no file shipped twice under two names.
 * `runSizeBench()` is called by `scripts/bench/index.ts`; run alone with `npx tsx scripts/bench/size.ts`.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
/** Bytes; MB as WXT and the stores report them (1 MB = 1,000,000 bytes). */
const SIZE_TARGET_BYTES = 40_000_000;
/** Where a bench run builds when no build is named: never the shared `.output` others may be testing. */
const BENCH_OUT_DIR = '.output-bench';
const BROWSERS = ['chrome', 'firefox'] as const;
type Browser = (typeof BROWSERS)[number];

/** Strings only each large library's code contains: a library found in two script files ships twice. */
const LIBRARY_MARKERS: readonly { name: string; pattern: RegExp }[] = [
  { name: 'web-llm', pattern: /tvmjs/ },
  { name: 'transformers.js', pattern: /PreTrainedModel/ },
  { name: 'ONNX Runtime', pattern: /onnxruntime/ },
];

export interface PackageFile {
  /** Path inside the package, `/`-separated. */
  path: string;
  bytes: number;
}

export interface PackageReport {
  browser: Browser;
  totalBytes: number;
  /** The largest files, largest first. */
  largest: PackageFile[];
  /** Per library: the script files carrying its code (more than one means it ships twice). */
  libraries: { name: string; files: string[] }[];
  /** Groups of files with identical bytes (each group ships one file's bytes more than once). */
  duplicates: PackageFile[][];
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path) : [path];
  });
}

/** Measures one built package folder (`<outDir>/<browser>-mv3`). */
export function measurePackage(dir: string, browser: Browser): PackageReport {
  const files = listFiles(dir).map((path) => ({ path, bytes: statSync(path).size }));
  const byHash = new Map<string, PackageFile[]>();
  const scripts: { path: string; text: string }[] = [];
  for (const file of files) {
    const content = readFileSync(file.path);
    const entry = { path: relative(dir, file.path).split('\\').join('/'), bytes: file.bytes };
    const hash = createHash('sha256').update(content).digest('hex');
    byHash.set(hash, [...(byHash.get(hash) ?? []), entry]);
    if (/\.m?js$/u.test(file.path)) scripts.push({ path: entry.path, text: content.toString('utf8') });
  }
  return {
    browser,
    totalBytes: files.reduce((sum, file) => sum + file.bytes, 0),
    largest: [...byHash.values()]
      .flat()
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 8),
    libraries: LIBRARY_MARKERS.map((marker) => ({
      name: marker.name,
      files: scripts.filter((script) => marker.pattern.test(script.text)).map((script) => script.path),
    })),
    // Tiny files (a shared config, an empty chunk) may coincide; only what weighs something is worth reporting.
    duplicates: [...byHash.values()].filter((group) => group.length > 1 && (group[0]?.bytes ?? 0) >= 10_000),
  };
}

/**
 * The built package to measure: `RAPPORT_OUT_DIR`'s build when one exists there, else a fresh store build into
 * `.output-bench` (a stale build would measure yesterday's code).
 */
function builtPackage(browser: Browser, env: NodeJS.ProcessEnv = process.env): string {
  const named = env.RAPPORT_OUT_DIR;
  const packageDir = (outDir: string) => join(ROOT, outDir, `${browser}-mv3`);
  if (named && existsSync(join(packageDir(named), 'manifest.json'))) return packageDir(named);
  execFileSync('npx', ['wxt', 'build', '-b', browser], {
    cwd: ROOT,
    env: { ...env, RAPPORT_OUT_DIR: named ?? BENCH_OUT_DIR },
    stdio: 'ignore',
  });
  const dir = packageDir(named ?? BENCH_OUT_DIR);
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`wxt build -b ${browser} produced nothing in ${dir}`);
  return dir;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(2)} MB`;
}

/** Builds (or reads) both packages and reports their size, their largest files and anything shipped twice. */
export async function runSizeBench(): Promise<string[]> {
  const lines: string[] = [];
  for (const browser of BROWSERS) {
    const report = measurePackage(builtPackage(browser), browser);
    const verdict = report.totalBytes <= SIZE_TARGET_BYTES ? 'within' : 'OVER';
    lines.push(`${browser}: ${megabytes(report.totalBytes)} (${verdict} the ${megabytes(SIZE_TARGET_BYTES)} target)`);
    for (const file of report.largest) lines.push(`  ${megabytes(file.bytes).padStart(9)}  ${file.path}`);
    for (const library of report.libraries) {
      const times = library.files.length === 1 ? 'once' : `${library.files.length} times`;
      lines.push(`  ${library.name}: bundled ${times} (${library.files.join(', ') || 'nowhere'})`);
    }
    for (const group of report.duplicates) {
      lines.push(
        `  same ${megabytes(group[0]?.bytes ?? 0)} file shipped ${group.length}×: ${group.map((f) => f.path).join(', ')}`,
      );
    }
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await runSizeBench()) console.log(line);
}
