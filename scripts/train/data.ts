/** Reading the `labels<TAB>text` files of ../shared/data and carving deterministic dev splits. */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Row {
  labels: string[];
  text: string;
}

/** The repository root (scripts/train/ is two levels down). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** ../shared/data next to the checkout, or RAPPORT_DATA_DIR. */
export const dataDir = process.env.RAPPORT_DATA_DIR ?? resolve(repoRoot, '..', 'shared', 'data');

/** Parses `labels<TAB>text` lines; blank lines are skipped, a line without a tab is an error naming the line. */
export function parseTsv(content: string, source: string): Row[] {
  const rows: Row[] = [];
  content.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const tab = line.indexOf('\t');
    if (tab < 0) throw new Error(`${source}:${i + 1}: expected "labels<TAB>text"`);
    const labels = line
      .slice(0, tab)
      .split(',')
      .map((l) => l.trim())
      .filter(Boolean);
    rows.push({ labels, text: line.slice(tab + 1) });
  });
  return rows;
}

export function readTsv(path: string): Row[] {
  return parseTsv(readFileSync(path, 'utf8'), path);
}

/** Reads a file under the data directory. */
export function readData(relative: string): Row[] {
  return readTsv(join(dataDir, relative));
}

/** FNV-1a of a string: stable across runs and machines, used to carve dev splits. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Splits rows into train and dev by text hash (`devPercent` of 100 buckets go to dev). */
export function carveDev(rows: Row[], devPercent: number): { train: Row[]; dev: Row[] } {
  const train: Row[] = [];
  const dev: Row[] = [];
  for (const r of rows) (hashString(r.text) % 100 < devPercent ? dev : train).push(r);
  return { train, dev };
}
