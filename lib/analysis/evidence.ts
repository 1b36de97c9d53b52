import type { RawMood } from '../models/types';
import { identifierRanges } from './identifiers';
import { type CueHit, type CueLabel, findCues, isFunctionWord, isIntensifier, isWeakWord } from './lexicon';
import { overlapsAny, quotedByOthers } from './quoted';
import { type TextChunk, tokenizeWords, type WordToken } from './text';
import type { Emotion, Language, SentimentLabel } from './types';

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

// Words that carry no mood of their own (lexicon.ts `isFunctionWord`): an occlusion window is trimmed of them at its
// edges, and a window made only of them is dropped: "Hallo, ich" may move a small model's output, but it explains
// nothing to an agent. Negators and particles such as "nicht", "noch", "still" are not among them: they carry meaning
// ("nicht zufrieden", "immer noch").
function trimToContent(text: string, span: EvidenceSpan): EvidenceSpan | undefined {
  const words = tokenizeWords(text.slice(span.start, span.end)).filter((w) => !isFunctionWord(w.text));
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
  filter?: EvidenceFilterOptions,
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
    // With a filter, windows become the customer's own phrases before they are ranked, so a name or a parcel the
    // model leaned on does not set the bar for the words that explain the mood.
    const merged = filter
      ? mergeOverlapping(refineEvidence(mergeOverlapping(scored, text), { ...filter, text }))
      : mergeOverlapping(scored, text);
    const strongest = merged[0]?.weight ?? 0;
    const kept: EvidenceSpan[] = [];
    for (const span of merged) {
      if (kept.length >= maxPerLabel || span.weight < strongest * minShareOfStrongest) break;
      const trimmed = filter ? span : trimToContent(text, span);
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
 * with the result it explains. With `context` every span first goes through `refineEvidence` (the customer's own
 * words only, as phrases). At most `maxPerLabel` spans per label, ordered by position.
 */
export function mergeEvidence(
  occlusion: readonly EvidenceSpan[],
  cues: readonly CueHit[],
  labels: readonly EvidenceLabel[],
  maxPerLabel = 3,
  context?: EvidenceContext,
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
    for (const candidate of mergeOverlapping(context ? refineEvidence(candidates, context) : candidates)) {
      if (candidate.weight < 0.15 || kept.length >= maxPerLabel) continue;
      kept.push({ ...candidate, weight: Math.round(candidate.weight * 100) / 100 });
    }
    out.push(...kept);
  }
  return out.filter((s) => active.has(s.label)).sort((a, b) => a.start - b.start || a.label.localeCompare(b.label));
}

/** What the evidence filter needs to know about a message besides its text. */
export interface EvidenceFilterOptions {
  language: Language;
  /** Names of people in the conversation (the message's author at least): never evidence. */
  names?: readonly string[];
}

/** A message's text (the prepared text the spans index) and what the evidence filter needs to know about it. */
export interface EvidenceContext extends EvidenceFilterOptions {
  text: string;
}

/**
 * How a word of the message can serve as evidence: not at all (`blocked`: quoted, a name, a code, a number, an
 * address, a greeting or sign-off), on its own (`feeling`: a lexicon cue or valence word), only in a phrase (`weak`:
 * "not", "still", "nicht", "wieder"), only beside a feeling word (`intensifier`: "really", "sehr"), never at a
 * span's edge (`function`), or only in a phrase with a feeling or weak word (`content`: "parcel", "Paket", "order").
 */
type WordClass = 'blocked' | 'feeling' | 'weak' | 'intensifier' | 'function' | 'content';

interface TextView {
  key: string;
  text: string;
  tokens: WordToken[];
  classes: WordClass[];
  /** Sentence number of each token. */
  sentences: number[];
  /** For each token inside a feeling cue, the first and last token of that cue (else the token itself). */
  cueExtent: [number, number][];
}

// The analyzer asks about one message several times (its cue evidence twice, then occlusion and merging), with other
// messages in between: the views of the last few messages are kept.
const recentViews = new Map<string, TextView>();
const maxRecentViews = 64;

// A sentence ends at ".", "!", "?" or "…" before a space, and at a line break.
const sentenceBreak = /[.!?…]+(?=\s|$)|\n/g;

function viewOf(context: EvidenceContext): TextView {
  const names = context.names ?? [];
  const key = `${context.language}\u0000${names.join('\u0001')}\u0000${context.text}`;
  const known = recentViews.get(key);
  if (known !== undefined) return known;
  const { text, language } = context;
  const blocked = [...quotedByOthers(text, language), ...identifierRanges(text, names, language)];
  const cues = findCues(text, language).filter((c) => !overlapsAny(blocked, c.start, c.end));
  const tokens = tokenizeWords(text);
  const tokensIn = (start: number, end: number) => tokens.filter((t) => start <= t.start && t.end <= end);
  // A cue made only of weak and function words ("schon wieder", "no one") is weak however strong its label.
  const isWeakCue = (cue: CueHit) =>
    cue.weak === true ||
    tokensIn(cue.start, cue.end).every((t) => isWeakWord(t.text) || isIntensifier(t.text) || isFunctionWord(t.text));
  const strong = cues.filter((c) => !isWeakCue(c));
  const weak = cues.filter(isWeakCue);
  const cueExtent: [number, number][] = tokens.map((_, k) => [k, k]);
  const classes = tokens.map((token, k): WordClass => {
    if (overlapsAny(blocked, token.start, token.end)) return 'blocked';
    const around = strong.filter((c) => c.start <= token.start && token.end <= c.end);
    if (around.length > 0) {
      // The whole cue is the phrase: "not" in "not working", "nicht" in "funktioniert nicht".
      const start = Math.min(...around.map((c) => c.start));
      const end = Math.max(...around.map((c) => c.end));
      cueExtent[k] = [tokens.findIndex((t) => t.start >= start), tokens.findLastIndex((t) => t.end <= end)];
      return 'feeling';
    }
    if (isWeakWord(token.text) || weak.some((c) => c.start <= token.start && token.end <= c.end)) return 'weak';
    if (isIntensifier(token.text)) return 'intensifier';
    if (isFunctionWord(token.text)) return 'function';
    return 'content';
  });
  const breaks = [...text.matchAll(sentenceBreak)].map((m) => m.index);
  let sentence = 0;
  const sentences = tokens.map((token) => {
    while (sentence < breaks.length && (breaks[sentence] ?? 0) < token.start) sentence++;
    return sentence;
  });
  const view: TextView = { key, text, tokens, classes, sentences, cueExtent };
  if (recentViews.size >= maxRecentViews) {
    const oldest = recentViews.keys().next().value;
    if (oldest !== undefined) recentViews.delete(oldest);
  }
  recentViews.set(key, view);
  return view;
}

// Between two words of one phrase: spaces, hyphens, apostrophes; a comma, a colon or a quotation mark ends it.
const clauseBreak = /[,;:()[\]{}"“”„«»–—]|[.!?…]/;

/** True when tokens `a` and `b` (a < b) stand in one clause of one sentence. */
function sameClause(view: TextView, a: number, b: number): boolean {
  const from = view.tokens[a];
  const to = view.tokens[b];
  return (
    from !== undefined &&
    to !== undefined &&
    view.sentences[a] === view.sentences[b] &&
    !clauseBreak.test(view.text.slice(from.end, to.start))
  );
}

/** Weak words that may look back to their word: "wrong size again", "funktioniert nicht", "warte immer noch". */
const looksBack = new Set([
  'again',
  'anymore',
  'yet',
  'finally',
  'wieder',
  'mehr',
  'nicht',
  'nie',
  'niemals',
  'noch',
  'immer',
  'nichts',
  'niemand',
  'schon',
  'bereits',
  'endlich',
]);
/** Of those, the ones that usually follow their word (a German negation after its verb: "klappt nicht"). */
const followsItsWord = new Set(['again', 'anymore', 'yet', 'finally', 'wieder', 'mehr', 'nicht', 'nie', 'niemals']);

/** Most content words one phrase extension takes ("no delivery date", "wrong jacket again"). */
const maxExtensionWords = 2;
/** Most function, weak or intensifying words an extension steps over first ("verstehe es ehrlich gesagt nicht"). */
const maxExtensionGap = 3;
/** Longer windows shrink to their feeling and weak words: a highlighted half-sentence explains nothing. */
const maxPhraseWords = 6;

/**
 * The token index a phrase reaches from `from` going `step` (+1 forward, -1 backward): over at most three function,
 * weak or intensifying words to at most two content or feeling words in a row, within the clause; `from` when
 * there is none.
 */
function extendPhrase(view: TextView, from: number, step: 1 | -1): number {
  let reach = from;
  let taken = 0;
  let gap = 0;
  for (let k = from + step; k >= 0 && k < view.tokens.length; k += step) {
    if (!sameClause(view, Math.min(k, k - step), Math.max(k, k - step))) break;
    const kind = view.classes[k];
    if (kind === 'blocked') break;
    if (kind === 'content' || kind === 'feeling') {
      reach = k;
      if (++taken >= maxExtensionWords) break;
      continue;
    }
    if (taken > 0 || ++gap > maxExtensionGap) break;
  }
  return taken > 0 ? reach : from;
}

/** The phrase around a group of weak words ("not", "immer noch"): the words it is about, or nothing. */
function phraseOfWeak(view: TextView, first: number, last: number): [number, number] | undefined {
  const words = view.tokens.slice(first, last + 1).map((t) => t.text.toLowerCase());
  const lastWord = words[words.length - 1] ?? '';
  const nextKind = view.classes[last + 1];
  const nextIsItsWord = (nextKind === 'content' || nextKind === 'feeling') && sameClause(view, last, last + 1);
  const canLookBack = words.some((w) => looksBack.has(w));
  // "nicht zufrieden" reads forward, "funktioniert nicht" backward; English negators only ever read forward.
  const backwardFirst = canLookBack && (followsItsWord.has(lastWord) || lastWord === 'noch') && !nextIsItsWord;
  const forward = (): [number, number] | undefined => {
    const end = extendPhrase(view, last, 1);
    return end === last ? undefined : [first, end];
  };
  const backward = (): [number, number] | undefined => {
    if (!canLookBack) return undefined;
    const start = extendPhrase(view, first, -1);
    return start === first ? undefined : [start, last];
  };
  const phrase = backwardFirst ? (backward() ?? forward()) : (forward() ?? backward());
  if (phrase) {
    // Weak words right after belong to it: "funktioniert schon wieder" + "nicht".
    while (view.classes[phrase[1] + 1] === 'weak' && sameClause(view, phrase[1], phrase[1] + 1)) phrase[1]++;
    return phrase;
  }
  // Two weak words already make a phrase: "still nothing", "immer noch nicht".
  const weakCount = view.classes.slice(first, last + 1).filter((kind) => kind === 'weak').length;
  return weakCount >= 2 ? [first, last] : undefined;
}

/** The customer's own phrases inside one span: split at blocked words and sentence ends, trimmed, extended. */
function phrasesOf(view: TextView, span: EvidenceSpan): [number, number][] {
  const { tokens, classes, sentences } = view;
  const runs: [number, number][] = [];
  let runStart = -1;
  let k = 0;
  for (; k < tokens.length; k++) {
    const token = tokens[k];
    if (token === undefined || token.start >= span.end) break;
    const usable = token.end > span.start && classes[k] !== 'blocked';
    if (runStart >= 0 && (!usable || sentences[k] !== sentences[runStart])) {
      runs.push([runStart, k - 1]);
      runStart = -1;
    }
    if (usable && runStart < 0) runStart = k;
  }
  if (runStart >= 0) runs.push([runStart, k - 1]);

  // An intensifier stays at a phrase's edge only beside a feeling word ("really frustrating").
  const isEdgeNoise = (index: number, inward: number) =>
    classes[index] === 'function' || (classes[index] === 'intensifier' && classes[inward] !== 'feeling');
  const phrases: [number, number][] = [];
  for (const [from, to] of runs) {
    let first = from;
    let last = to;
    while (first <= last && isEdgeNoise(first, first + 1)) first++;
    while (last >= first && isEdgeNoise(last, last - 1)) last--;
    if (first > last) continue;
    const kinds = classes.slice(first, last + 1);
    if (kinds.includes('feeling')) {
      if (last - first + 1 > maxPhraseWords) {
        // Keep the core: from the first to the last word that speaks.
        const speaking = kinds.flatMap((kind, i) => (kind === 'feeling' || kind === 'weak' ? [first + i] : []));
        first = speaking[0] ?? first;
        last = speaking[speaking.length - 1] ?? last;
        if (classes[first - 1] === 'intensifier' && sameClause(view, first - 1, first)) first--;
      }
      // A span inside a cue phrase grows to the whole phrase.
      for (let i = first; i <= last; i++) {
        const [cueFirst, cueLast] = view.cueExtent[i] ?? [i, i];
        if (sentences[cueFirst] === sentences[i]) first = Math.min(first, cueFirst);
        if (sentences[cueLast] === sentences[i]) last = Math.max(last, cueLast);
      }
      phrases.push([first, last]);
      continue;
    }
    // No feeling word: each group of weak words ("hasn't even", "immer noch keine") becomes the phrase around it.
    for (let i = first; i <= last; i++) {
      if (classes[i] !== 'weak') continue;
      let end = i;
      while (
        end + 1 <= last &&
        (classes[end + 1] === 'weak' || classes[end + 1] === 'intensifier') &&
        sameClause(view, end, end + 1)
      )
        end++;
      while (classes[end] !== 'weak') end--;
      const phrase = phraseOfWeak(view, i, end);
      if (phrase) phrases.push(phrase);
      i = end;
    }
    // Content words alone ("parcel", "Paket", "evening"): the model leaned on them, but they explain no mood.
  }
  return phrases;
}

/**
 * Makes evidence spans the customer's own words, as phrases an agent believes (issue 18): drops what is quoted from
 * others (`quotedByOthers`), names, codes, numbers, addresses, links, greetings and sign-offs (`identifierRanges`), keeps
 * spans within one sentence, trims function words off their edges, drops spans of function words or of neutral
 * words without feeling ("parcel", "Paket"), extends weak words to the phrase they belong to ("not" → "not working",
 * "nicht" → "funktioniert nicht", "again" → "wrong size again"), and merges same-label spans that touch or that only
 * function words separate within a clause. Weights are kept; the order is by position.
 */
export function refineEvidence(spans: readonly EvidenceSpan[], context: EvidenceContext): EvidenceSpan[] {
  if (spans.length === 0) return [];
  const view = viewOf(context);
  const { tokens, classes } = view;
  const refined: (EvidenceSpan & { first: number; last: number })[] = [];
  for (const span of spans) {
    for (const [first, last] of phrasesOf(view, span)) {
      const from = tokens[first];
      const to = tokens[last];
      if (from === undefined || to === undefined) continue;
      refined.push({ label: span.label, start: from.start, end: to.end, weight: span.weight, first, last });
    }
  }
  refined.sort((a, b) => a.label.localeCompare(b.label) || a.start - b.start);
  const merged: (EvidenceSpan & { first: number; last: number })[] = [];
  for (const span of refined) {
    const previous = merged[merged.length - 1];
    const joins =
      previous !== undefined &&
      previous.label === span.label &&
      (span.first <= previous.last ||
        (view.sentences[previous.last] === view.sentences[span.first] &&
          (span.first === previous.last + 1 ||
            (sameClause(view, previous.last, span.first) &&
              classes.slice(previous.last + 1, span.first).every((kind) => kind === 'function')))));
    if (previous !== undefined && joins) {
      previous.end = Math.max(previous.end, span.end);
      previous.last = Math.max(previous.last, span.last);
      previous.weight = Math.max(previous.weight, span.weight);
    } else {
      merged.push({ ...span });
    }
  }
  return merged
    .map(({ label, start, end, weight }) => ({ label, start, end, weight }))
    .sort((a, b) => a.start - b.start || a.label.localeCompare(b.label));
}
