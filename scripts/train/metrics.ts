/** Precision, recall and F1 per class and their macro average; shared by training (dev figures) and `npm run eval`. */

export interface ClassScore {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Report {
  perClass: ClassScore[];
  macroF1: number;
}

function score(label: string, tp: number, fp: number, fn: number): ClassScore {
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { label, precision, recall, f1, support: tp + fn };
}

/**
 * Multi-label report: each example has a set of gold and predicted labels; macro-F1 averages over `labels`.
 * Single-label classification is the special case of one label per side.
 */
export function scoreLabelSets(
  gold: readonly (readonly string[])[],
  pred: readonly (readonly string[])[],
  labels: readonly string[],
): Report {
  const perClass = labels.map((label) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    gold.forEach((g, i) => {
      const inGold = g.includes(label);
      const inPred = (pred[i] ?? []).includes(label);
      if (inGold && inPred) tp++;
      else if (inPred) fp++;
      else if (inGold) fn++;
    });
    return score(label, tp, fp, fn);
  });
  const macroF1 = perClass.length ? perClass.reduce((s, c) => s + c.f1, 0) / perClass.length : 0;
  return { perClass, macroF1 };
}

/** Single-label convenience wrapper. */
export function scoreLabels(gold: readonly string[], pred: readonly string[], labels: readonly string[]): Report {
  return scoreLabelSets(
    gold.map((g) => [g]),
    pred.map((p) => [p]),
    labels,
  );
}

/** A fixed-width table of a report, ending with the `macro-F1: 0.xxxx` line the eval contract requires. */
export function formatReport(report: Report): string[] {
  const lines = [
    `${'label'.padEnd(28)}${'precision'.padStart(10)}${'recall'.padStart(10)}${'f1'.padStart(10)}${'support'.padStart(10)}`,
  ];
  for (const c of report.perClass) {
    lines.push(
      `${c.label.padEnd(28)}${c.precision.toFixed(4).padStart(10)}${c.recall.toFixed(4).padStart(10)}${c.f1.toFixed(4).padStart(10)}${String(c.support).padStart(10)}`,
    );
  }
  lines.push(`macro-F1: ${report.macroF1.toFixed(4)}`);
  return lines;
}
