import { AppError } from '../errors';

/** One dev-set figure of the bundled model, as `npm run train` wrote it (macro-F1 on our own dev split). */
export interface DevFigure {
  /** The dev set as the training script names it, e.g. `sentiment de (sb10k dev)`. */
  name: string;
  /** Which head it measures: the first word of the name. */
  head: 'sentiment' | 'emotions' | 'offensive';
  macroF1: number;
  /** The word-list (lexicon) baseline on the same split, when the training script measured one. */
  lexiconMacroF1?: number;
}

const headOfWord: Readonly<Record<string, DevFigure['head']>> = {
  sentiment: 'sentiment',
  emotion: 'emotions',
  emotions: 'emotions',
  offensive: 'offensive',
};

function readNumbers(value: unknown): Map<string, number> {
  const numbers = new Map<string, number>();
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return numbers;
  for (const [name, figure] of Object.entries(value)) {
    if (typeof figure === 'number' && Number.isFinite(figure)) numbers.set(name, figure);
  }
  return numbers;
}

/**
 * The mood heads' figures from `public/models/dev-figures.json` (`{ model: {name: macroF1}, lexicon: {…} }`, written
 * by `npm run train`). Read at run time, never copied into code: the model is retrained and its figures change.
 * Figures of other models in the file (intent) and anything not a number are left out.
 */
export function readDevFigures(json: unknown): DevFigure[] {
  const model = readNumbers(typeof json === 'object' && json !== null ? Reflect.get(json, 'model') : undefined);
  const lexicon = readNumbers(typeof json === 'object' && json !== null ? Reflect.get(json, 'lexicon') : undefined);
  const figures: DevFigure[] = [];
  for (const [name, macroF1] of model) {
    const head = headOfWord[name.split(' ')[0]?.toLowerCase() ?? ''];
    if (!head) continue;
    const figure: DevFigure = { name, head, macroF1 };
    const baseline = lexicon.get(name);
    if (baseline !== undefined) figure.lexiconMacroF1 = baseline;
    figures.push(figure);
  }
  return figures;
}

/** Fetches and reads the bundled model's dev figures; a missing or broken file is `model/dev-figures-unavailable`. */
export async function loadDevFigures(url: string, fetchImpl: typeof fetch = fetch): Promise<DevFigure[]> {
  let json: unknown;
  try {
    const response = await fetchImpl(url, { cache: 'no-store' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    json = await response.json();
  } catch (error) {
    throw new AppError(
      'model/dev-figures-unavailable',
      `Could not read the bundled model's dev figures at ${url}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return readDevFigures(json);
}
