import { type HubModelEntry, hubModelCatalogue, type MoodHead, type PublishedFigure } from './hub-catalogue';
import type { HubDevicePlan } from './hub-device';
import { type MemoryHint, memoryBudgetMB } from './webgpu';

/** Languages the bundled model was trained on. */
export const bundledLanguages: readonly string[] = ['de', 'en'];

/** Every head the bundled model gives. */
export const bundledHeads: readonly MoodHead[] = ['sentiment', 'emotions', 'offensive'];

/**
 * Memory a Hub model takes while it loads and runs, in MiB — our estimate, not a published figure. The weights are
 * held about three times over while loading (the downloaded buffer, the copy handed to ONNX Runtime and the
 * session's own), plus the tokenizer and runtime.
 */
export function hubModelMemoryMB(weightsBytes: number): number {
  return Math.ceil((weightsBytes * 3) / 2 ** 20) + 256;
}

/** Values `navigator.deviceMemory` reports (GiB, rounded down to a power of two). */
const deviceMemorySteps = [0.25, 0.5, 1, 2, 4, 8, 16, 32];

/**
 * The least `navigator.deviceMemory` on which a model fits, with the same budget as the reply model (half the
 * reported memory, `memoryBudgetMB`): our estimate, shown as such.
 */
export function minDeviceMemoryGB(weightsBytes: number): number {
  const need = hubModelMemoryMB(weightsBytes);
  return deviceMemorySteps.find((gb) => memoryBudgetMB({ deviceMemoryGB: gb }) >= need) ?? Number.POSITIVE_INFINITY;
}

/** Why a catalogue model is not an option on this machine for this team. */
export type HubExclusion = 'languages' | 'weights' | 'memory';

/** One catalogue model judged for this team and machine. */
export interface HubCandidate {
  entry: HubModelEntry;
  /** Team languages the model was not trained on. */
  missingLanguages: string[];
  /** Size of the weights this machine would download (the plan's dtype); undefined when the model has no such file. */
  weightsBytes: number | undefined;
  /** Least device memory the model needs here, in GiB (our estimate); undefined without weights for the plan. */
  minMemoryGB: number | undefined;
  /** The published figures that speak to the team: per-language ones for its languages, and any not per language. */
  figures: PublishedFigure[];
  /** Why the model is not an option here; absent when it is. */
  excluded?: HubExclusion;
}

/** What the settings recommend: the strongest Hub model that fits, or the bundled model and why. */
export type HubRecommendation =
  | {
      kind: 'hub';
      best: HubCandidate;
      /** Heads the recommended model lacks, which the bundled model keeps giving. */
      fromBundled: MoodHead[];
      candidates: HubCandidate[];
      /** False when the browser does not report its memory (Firefox, Safari): fit was judged on a 4 GiB guess. */
      memoryKnown: boolean;
    }
  | { kind: 'bundled'; reason: HubExclusion; candidates: HubCandidate[]; memoryKnown: boolean };

/** What the recommendation looks at. */
export interface RecommendInput {
  /** The team's languages (ISO 639-1). */
  languages: readonly string[];
  /** Where Hub models run here (`planHubDevice`): decides the dtype and so which file is downloaded. */
  plan: Pick<HubDevicePlan, 'device' | 'dtype'>;
  /** `navigator.deviceMemory` (`readMemoryHint`). */
  memory: MemoryHint;
  catalogue?: readonly HubModelEntry[];
}

function judge(entry: HubModelEntry, input: RecommendInput, languages: string[]): HubCandidate {
  const missingLanguages = languages.filter((l) => !entry.languages.includes(l));
  const weightsBytes = entry.weightsBytes[input.plan.dtype];
  const minMemoryGB = weightsBytes === undefined ? undefined : minDeviceMemoryGB(weightsBytes);
  const figures = entry.published.filter((f) => f.language === undefined || languages.includes(f.language));
  const candidate: HubCandidate = { entry, missingLanguages, weightsBytes, minMemoryGB, figures };
  if (missingLanguages.length > 0) candidate.excluded = 'languages';
  else if (weightsBytes === undefined) candidate.excluded = 'weights';
  else if (hubModelMemoryMB(weightsBytes) > memoryBudgetMB(input.memory)) candidate.excluded = 'memory';
  return candidate;
}

/**
 * Strongest first. The customer's state is read from the emotions head before sentiment (`deriveState`), so a model
 * that gives emotions ranks above a sentiment-only one; then a model with a published figure for the team ranks above
 * one without (a figure someone can check beats none); then the larger model (its full-precision file, i.e. its
 * parameter count). Published figures are never compared with each other: they come from different data and metrics.
 */
function compareStrength(a: HubCandidate, b: HubCandidate): number {
  const emotions = Number(b.entry.heads.includes('emotions')) - Number(a.entry.heads.includes('emotions'));
  if (emotions !== 0) return emotions;
  const heads = b.entry.heads.length - a.entry.heads.length;
  if (heads !== 0) return heads;
  const published = Number(b.figures.length > 0) - Number(a.figures.length > 0);
  if (published !== 0) return published;
  return (b.entry.weightsBytes.fp32 ?? 0) - (a.entry.weightsBytes.fp32 ?? 0);
}

/** The reason to stay with the bundled model: the first hurdle the models that got furthest could not take. */
function bundledReason(candidates: HubCandidate[]): HubExclusion {
  const covering = candidates.filter((c) => c.excluded !== 'languages');
  if (covering.length === 0) return 'languages';
  return covering.some((c) => c.excluded === 'memory') ? 'memory' : 'weights';
}

/**
 * Picks the strongest catalogue model that covers every team language, has weights for this machine's device plan
 * and fits its memory — or recommends staying with the bundled model, saying why. Pure: the caller reads the plan
 * (`planHubDevice`) and memory (`readMemoryHint`).
 */
export function recommendHubModel(input: RecommendInput): HubRecommendation {
  const languages = [...new Set(input.languages.map((l) => l.trim().toLowerCase()).filter(Boolean))];
  const candidates = (input.catalogue ?? hubModelCatalogue)
    .map((entry) => judge(entry, input, languages))
    .sort((a, b) => Number(a.excluded !== undefined) - Number(b.excluded !== undefined) || compareStrength(a, b));
  const memoryKnown = input.memory.deviceMemoryGB !== undefined || input.memory.budgetMB !== undefined;
  const best = candidates[0];
  if (!best || best.excluded) return { kind: 'bundled', reason: bundledReason(candidates), candidates, memoryKnown };
  const fromBundled = bundledHeads.filter((h) => !best.entry.heads.includes(h));
  return { kind: 'hub', best, fromBundled, candidates, memoryKnown };
}
