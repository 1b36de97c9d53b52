import type { RawMood } from '../models/types';
import type { CueHit, CueLabel } from './lexicon';
import { type TextChunk, tokenizeWords } from './text';
import type { Emotion, SentimentLabel } from './types';

/** A label evidence can explain: a sentiment pole, an emotion, or offensive language. */
export type EvidenceLabel = Exclude<SentimentLabel, 'neutral'> | Exclude<Emotion, 'neutral'> | 'offensive';

/** A span of prepared text that drove `label`; `[start, end)` index the prepared (not the original) text. */
export interface EvidenceSpan {
  label: string;
  start: number;
  end: number;
  weight: number;
}

/** One occluded copy of a chunk: the chunk with `[start, end)` (prepared-text offsets) left out. */
export interface OcclusionVariant {
  text: string;
  start: number;
  end: number;
}

/** How much occlusion one message may cost. */
export const defaultOcclusionBudget = 24;

/**
 * Plans occlusion over word windows of `chunk`: at most `budget` variants, each the chunk with one window of words
 * removed. Windows are as small as the budget allows: one word each for texts up to `budget` words, wider ones side
 * by side for longer texts, so every word is left out exactly once.
 */
export function planOcclusion(chunk: TextChunk, budget: number = defaultOcclusionBudget): OcclusionVariant[] {
  const words = tokenizeWords(chunk.text);
  const limit = Math.max(0, Math.floor(budget));
  if (words.length < 2 || limit === 0) return [];
  // One word at a time while the budget allows (adjacent words that both matter are joined into a phrase when
  // scored); longer texts get wider windows side by side.
  const size = Math.max(1, Math.ceil(words.length / limit));
  const stride = size;
  const variants: OcclusionVariant[] = [];
  for (let first = 0; first < words.length; first += stride) {
    const last = Math.min(words.length, first + size) - 1;
    const from = words[first];
    const to = words[last];
    if (from === undefined || to === undefined) break;
    const text = `${chunk.text.slice(0, from.start).trimEnd()} ${chunk.text.slice(to.end).trimStart()}`.trim();
    variants.push({ text, start: chunk.start + from.start, end: chunk.start + to.end });
    if (last === words.length - 1) break;
  }
  return variants;
}

function probabilityOf(mood: RawMood, label: EvidenceLabel): number {
  if (label === 'negative' || label === 'positive') return mood.sentiment[label];
  if (label === 'offensive') return mood.offensive;
  return mood.emotions[label];
}

/** Below this drop in probability a window is not evidence: models jitter by a few points when any word goes. */
const minOcclusionDelta = 0.06;

// Words that carry no mood of their own. An occlusion window is trimmed of them at its edges, and a window made only
// of them is dropped: "Hallo, ich" may move a small model's output, but it explains nothing to an agent. Negators
// and particles such as "nicht", "noch", "still" are not here: they carry meaning ("nicht zufrieden", "immer noch").
const functionWords = new Set(
  (
    'der die das den dem des ein eine einen einem einer eines und oder aber ich du er sie es wir ihr mich mir dich ' +
    'dir uns euch ihnen mein meine meinen meinem meiner ist sind war bin habe hat haben wird werden kann mit von zu ' +
    'zum zur bei nach aus für auf im in ins an am vom so da dass ob wenn hallo hi hello hey the a an and or i you he ' +
    'she it we they me my your our is are was were am be been have has had will would can could to of for on at by ' +
    'in into with from this that there here as so then'
  ).split(' '),
);

function trimToContent(text: string, span: EvidenceSpan): EvidenceSpan | undefined {
  const words = tokenizeWords(text.slice(span.start, span.end)).filter((w) => !functionWords.has(w.text.toLowerCase()));
  const first = words[0];
  const last = words[words.length - 1];
  if (first === undefined || last === undefined) return undefined;
  return { ...span, start: span.start + first.start, end: span.start + last.end };
}

/** Relative to the strongest window of a label, weaker windows are noise rather than reasons. */
const minShareOfStrongest = 0.4;

/**
 * Scores occluded variants against the chunk's own result: a window is evidence for `label` when leaving it out
 * lowers the label's probability clearly, and by at least 40 % of the strongest window's drop. Windows are trimmed
 * to their content words (`text` is the prepared text the variants' offsets index). Returns at most `maxPerLabel`
 * spans per label, strongest first, weight 0…1.
 */
export function scoreOcclusion(
  text: string,
  base: RawMood,
  variants: readonly OcclusionVariant[],
  occluded: readonly RawMood[],
  labels: readonly EvidenceLabel[],
  maxPerLabel = 3,
): EvidenceSpan[] {
  const spans: EvidenceSpan[] = [];
  for (const label of labels) {
    const baseP = probabilityOf(base, label);
    const scored: EvidenceSpan[] = [];
    variants.forEach((variant, index) => {
      const mood = occluded[index];
      if (mood === undefined) return;
      const delta = baseP - probabilityOf(mood, label);
      if (delta >= minOcclusionDelta) {
        scored.push({ label, start: variant.start, end: variant.end, weight: Math.min(1, delta * 2.5) });
      }
    });
    const merged = mergeOverlapping(scored, text);
    const strongest = merged[0]?.weight ?? 0;
    const kept: EvidenceSpan[] = [];
    for (const span of merged) {
      if (kept.length >= maxPerLabel || span.weight < strongest * minShareOfStrongest) break;
      const trimmed = trimToContent(text, span);
      if (trimmed) kept.push(trimmed);
    }
    spans.push(...kept);
  }
  return spans;
}

/**
 * Joins overlapping spans of one label, and with `text` also spans only whitespace apart ("nicht" + "zufrieden"
 * both mattered: the phrase is "nicht zufrieden"), keeping the stronger weight. Strongest first.
 */
function mergeOverlapping(spans: EvidenceSpan[], text?: string): EvidenceSpan[] {
  const byStart = [...spans].sort((a, b) => a.start - b.start);
  const merged: EvidenceSpan[] = [];
  for (const span of byStart) {
    const last = merged[merged.length - 1];
    const touches =
      last !== undefined &&
      (span.start < last.end || (text !== undefined && /^\s*$/.test(text.slice(last.end, span.start))));
    if (last !== undefined && touches) {
      last.end = Math.max(last.end, span.end);
      last.weight = Math.max(last.weight, span.weight);
    } else {
      merged.push({ ...span });
    }
  }
  return merged.sort((a, b) => b.weight - a.weight);
}

// Emotion cues also explain the sentiment pole they belong to ("unverschämt" is why a message reads negative).
const poleOfCue: Partial<Record<CueLabel, EvidenceLabel>> = {
  angry: 'negative',
  frustrated: 'negative',
  sad: 'negative',
  anxious: 'negative',
  offensive: 'negative',
  grateful: 'positive',
  happy: 'positive',
};

/**
 * Merges model evidence (occlusion spans) with lexicon cue hits for the labels the model chose. A cue inside an
 * occlusion span replaces it (the cue is the tighter phrase) and takes the stronger weight; a cue the model did not
 * confirm counts at reduced weight; cues for labels the model did not choose are dropped, so evidence never argues
 * with the result it explains. At most `maxPerLabel` spans per label, ordered by position.
 */
export function mergeEvidence(
  occlusion: readonly EvidenceSpan[],
  cues: readonly CueHit[],
  labels: readonly EvidenceLabel[],
  maxPerLabel = 3,
): EvidenceSpan[] {
  const active = new Set<string>(labels);
  const out: EvidenceSpan[] = [];
  for (const label of labels) {
    const modelSpans = occlusion.filter((s) => s.label === label);
    const cueSpans = cues
      .filter((c) => c.label === label || poleOfCue[c.label] === label)
      .map((c) => ({ start: c.start, end: c.end, weight: c.label === label ? c.weight : c.weight * 0.8 }));
    const candidates: EvidenceSpan[] = [];
    const usedModel = new Set<EvidenceSpan>();
    for (const cue of cueSpans) {
      const confirming = modelSpans.find((s) => cue.start < s.end && s.start < cue.end);
      if (confirming) usedModel.add(confirming);
      const weight = confirming ? Math.max(confirming.weight, cue.weight) : cue.weight * 0.6;
      candidates.push({ label, start: cue.start, end: cue.end, weight });
    }
    for (const span of modelSpans) if (!usedModel.has(span)) candidates.push(span);
    const kept: EvidenceSpan[] = [];
    for (const candidate of mergeOverlapping(candidates)) {
      if (candidate.weight < 0.15 || kept.length >= maxPerLabel) continue;
      kept.push({ ...candidate, weight: Math.round(candidate.weight * 100) / 100 });
    }
    out.push(...kept);
  }
  return out.filter((s) => active.has(s.label)).sort((a, b) => a.start - b.start || a.label.localeCompare(b.label));
}
