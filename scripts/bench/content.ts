/**
 * The content script's weight (issue 3): it is injected into every Gmail, Zendesk, Outlook and Freshdesk tab, so its
 * bundle must stay small (target ≤ 150 kB) and must never carry model code (transformers.js, ONNX Runtime, web-llm):
 * inference runs in one worker owned by an extension page, never in the host page.
 * `runContentBench()` is called by `scripts/bench/index.ts`; run alone with `npx tsx scripts/bench/content.ts`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = join(import.meta.dirname, '..', '..');
/** Bytes; kB as WXT and Chrome's store report them (1 kB = 1000 bytes). */
const SIZE_TARGET_BYTES = 150_000;
/** Where a bench run builds when no build is named: never the shared `.output` others may be testing. */
const BENCH_OUT_DIR = '.output-bench';

/** Strings only model runtimes contain; any of them in content.js means model code leaked into the host page. */
const MODEL_MARKERS: readonly { name: string; pattern: RegExp }[] = [
  { name: 'ONNX Runtime', pattern: /onnxruntime|InferenceSession|ort-wasm|ort\.env/ },
  { name: 'transformers.js', pattern: /@huggingface\/transformers|PreTrainedTokenizer|AutoTokenizer|AutoModelFor/ },
  { name: 'web-llm', pattern: /@mlc-ai\/web-llm|MLCEngine|tvmjs|CreateWebWorkerMLCEngine/ },
  { name: 'WebAssembly model loading', pattern: /\.wasm\b|WebAssembly\.instantiate/ },
];

export interface ContentBundleReport {
  path: string;
  bytes: number;
  gzipBytes: number;
  /** Names of model runtimes whose code was found in the bundle (empty when clean). */
  modelCode: string[];
}

/** Measures a built content script: raw and gzip size, and which model runtimes (if any) it contains. */
export function measureContentBundle(path: string): ContentBundleReport {
  const source = readFileSync(path);
  const text = source.toString('utf8');
  return {
    path,
    bytes: source.byteLength,
    gzipBytes: gzipSync(source).byteLength,
    modelCode: MODEL_MARKERS.filter((marker) => marker.pattern.test(text)).map((marker) => marker.name),
  };
}

/**
 * The built content script to measure: `RAPPORT_OUT_DIR`'s build when one exists there, else a fresh build into
 * `.output-bench` (a stale build would measure yesterday's code).
 */
function builtContentScript(env: NodeJS.ProcessEnv = process.env): { path: string; built: boolean } {
  const named = env.RAPPORT_OUT_DIR;
  const contentPath = (outDir: string) => join(ROOT, outDir, 'chrome-mv3', 'content-scripts', 'content.js');
  if (named && existsSync(contentPath(named))) return { path: contentPath(named), built: false };
  execFileSync('npx', ['wxt', 'build'], {
    cwd: ROOT,
    env: { ...env, RAPPORT_OUT_DIR: named ?? BENCH_OUT_DIR },
    stdio: 'ignore',
  });
  const path = contentPath(named ?? BENCH_OUT_DIR);
  if (!existsSync(path)) throw new Error(`wxt build produced no content script at ${path}`);
  return { path, built: true };
}

function kB(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

/** Bench section: content.js size against its budget and the check that no model code is in it. */
export async function runContentBench(): Promise<string[]> {
  const { path, built } = builtContentScript();
  const report = measureContentBundle(path);
  const mark = (ok: boolean) => (ok ? 'OK' : 'MISSED');
  return [
    `content.js (${built ? 'fresh build' : 'existing build'} ${path.replace(`${ROOT}/`, '')}): ${kB(report.bytes)} minified, ${kB(report.gzipBytes)} gzip (target ≤ ${kB(SIZE_TARGET_BYTES)}) ${mark(report.bytes <= SIZE_TARGET_BYTES)}`,
    `model code in content.js: ${report.modelCode.length === 0 ? 'none' : report.modelCode.join(', ')} ${mark(report.modelCode.length === 0)}`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await runContentBench()) console.log(line);
}
