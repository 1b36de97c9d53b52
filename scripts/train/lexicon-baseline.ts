/**
 * The lexicon baseline the README compares the model with: English through the `sentiment` package (AFINN-165),
 * German through the NLP.js senticon stems plus the machine-translated AFINN list, with simple negation handling.
 * Polarity sum > 0 → positive, < 0 → negative, 0 → neutral.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Sentiment from 'sentiment';
import { dataDir } from './data';

export type LexiconLabel = 'negative' | 'neutral' | 'positive';

export const germanHints = new Set(
  'und der die das ich nicht ist ein eine mit auf für ist sie wir ihr mein meine bitte danke noch schon aber auch wie was kein keine habe haben wird sind zu den dem des im vom zum'.split(
    ' ',
  ),
);
export const englishHints = new Set(
  'the and i you is not it my to of for with this that was are have please thanks no but what your be do can will me'.split(
    ' ',
  ),
);

/** A rough de/en guess from function words: enough to pick a lexicon. */
export function guessLanguage(text: string): 'de' | 'en' {
  let de = 0;
  let en = 0;
  for (const w of text.toLowerCase().match(/[\p{L}]+/gu) ?? []) {
    if (germanHints.has(w)) de++;
    if (englishHints.has(w)) en++;
  }
  if (/[äöüß]/i.test(text)) de++;
  return de > en ? 'de' : 'en';
}

function readJson(relative: string): unknown {
  return JSON.parse(readFileSync(join(dataDir, relative), 'utf8'));
}

function toNumberRecord(value: unknown): Map<string, number> {
  const out = new Map<string, number>();
  if (typeof value !== 'object' || value === null) return out;
  for (const [k, v] of Object.entries(value)) if (typeof v === 'number') out.set(k.toLowerCase(), v);
  return out;
}

function foldUmlauts(word: string): string {
  return word.replace(/ä/g, 'a').replace(/ö/g, 'o').replace(/ü/g, 'u').replace(/ß/g, 'ss');
}

/** Creates the baseline scorer (reads the lexicons once). */
export function createLexiconBaseline(): { classify(text: string): LexiconLabel; score(text: string): number } {
  const english = new Sentiment();
  const senticon = toNumberRecord(readJson('lexicons/nlpjs-senticon_de.json'));
  const afinnDe = toNumberRecord(readJson('lexicons/afinn-de-machine-translated.json'));
  const negationsRaw = readJson('lexicons/nlpjs-negations_de.json');
  const negations = new Set<string>(
    typeof negationsRaw === 'object' &&
      negationsRaw !== null &&
      Array.isArray((negationsRaw as { words?: unknown }).words)
      ? ((negationsRaw as { words: unknown[] }).words.filter((w) => typeof w === 'string') as string[])
      : [],
  );

  const germanWordScore = (word: string): number => {
    const exact = afinnDe.get(word);
    if (exact !== undefined) return exact / 5;
    const folded = foldUmlauts(word);
    // Senticon keys are stems: take the longest stem the word starts with (at least four letters).
    for (let n = folded.length; n >= 4; n--) {
      const v = senticon.get(folded.slice(0, n));
      // Most senticon stems carry a tiny positive weight (0.004) that would tip every sentence to positive.
      if (v !== undefined) return Math.abs(v) >= 0.25 ? v : 0;
    }
    return 0;
  };

  const germanScore = (text: string): number => {
    const words = text.toLowerCase().match(/[\p{L}]+/gu) ?? [];
    let total = 0;
    words.forEach((w, i) => {
      const s = germanWordScore(w);
      if (!s) return;
      const negated = words.slice(Math.max(0, i - 3), i).some((p) => negations.has(p));
      total += negated ? -s : s;
    });
    return total;
  };

  const score = (text: string) => (guessLanguage(text) === 'de' ? germanScore(text) : english.analyze(text).score);
  return {
    score,
    classify(text) {
      const s = score(text);
      return s > 0 ? 'positive' : s < 0 ? 'negative' : 'neutral';
    },
  };
}
