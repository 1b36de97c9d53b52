/**
 * `npm run train`: trains the bundled mood model (sentiment, emotions, offensive language) and the intent model from
 * ../shared/data plus the authored examples in ./authored.ts, and writes them in the transformers.js layout under
 * public/models/. Deterministic: seeded PRNG, one thread, fixed iteration orders; rerunning gives the same bytes.
 *
 * Only licence-compatible rows are trained on (CC BY 4.0, CDLA-Sharing 1.0, MIT, ODbL); TweetEval is read only to
 * report a figure, never to fit or calibrate anything.
 */
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AutoModelForSequenceClassification, AutoTokenizer, env, type Tensor } from '@huggingface/transformers';
import {
  authoredAbuseExamples,
  authoredCustomerStyleExamples,
  authoredIntentExamples,
  authoredSupportExamples,
  authoredTransportFeedbackExamples,
  hasEnglishAbuseSeed,
} from './authored';
import {
  BagModel,
  bagFeatures,
  DivergedError,
  type Example,
  englishGate,
  forwardQuantized,
  type Head,
  lexiconFeatures,
  wideFeatures,
} from './bag-model';
import { buildCharNgrams, type CharExample, quantizeChar, trainChar } from './char-model';
import { carveDev, type Row, readData, readTsv, repoRoot } from './data';
import { writeModelDir } from './export';
import { createLexiconBaseline } from './lexicon-baseline';
import { buildLexiconPrior, buildLexiconTable, priorDims, readVader } from './lexicon-prior';
import { formatReport, scoreLabelSets, scoreLabels } from './metrics';
import { type BagFeatureSpec, type BagModelWeights, type CharPathWeights, lexiconFeatureCount } from './onnx';
import { buildVocab } from './tokenizer';
import { cachedModel, hashInputs } from './train-cache';
import { quantizeWide, trainWide, type WideExample } from './wide-model';

const sentimentLabels = ['negative', 'neutral', 'positive'] as const;
const emotionLabels = ['angry', 'frustrated', 'sad', 'anxious', 'confused', 'grateful', 'happy', 'neutral'] as const;
const offensiveLabels = ['other', 'offensive'] as const;

/** Output layout of the mood model's `logits` (also written to config.json as `rapport_heads`). */
const pooledHeads = (process.env.MOOD_POOLED_HEADS ?? 'emotion,offensive').split(',');
const headList: Head[] = [
  { name: 'sentiment', kind: 'softmax', offset: 0, labels: sentimentLabels },
  { name: 'emotion', kind: 'sigmoid', offset: 3, labels: emotionLabels },
  { name: 'offensive', kind: 'softmax', offset: 11, labels: offensiveLabels },
];
const lexiconHeads = (process.env.MOOD_LEXICON_HEADS ?? 'sentiment').split(',');
export const moodHeads: Head[] = headList.map((h) => ({
  ...h,
  readsPooled: pooledHeads.includes(h.name),
  readsLexicon: lexiconHeads.includes(h.name),
}));

// RAPPORT_MODELS_OUT lets experiments write elsewhere without touching the committed artifacts.
const modelsDir = process.env.RAPPORT_MODELS_OUT ?? join(repoRoot, 'public', 'models');
const maxTokens = 128;
/**
 * MOOD_SEED retrains with another seed (see docs/model-card.md on how much the network's figures depend on it). The
 * default was picked among 20240601, 11 and 12 on the SB10k, GoEmotions and GermEval dev splits after the issue-18
 * support data went in (it is a draw, like the seed before it).
 */
const seed = Number(process.env.MOOD_SEED ?? 12);
/** The intent model keeps its own seed (it was MOOD_SEED + 7 when that was 20240601), so a mood reseed leaves it be. */
const intentSeed = Number(process.env.INTENT_SEED ?? 20240608);
/**
 * A first-epoch mean loss above this marks a run whose SGD diverged early (measured: 2.3 for a diverged seed against
 * 1.2–1.3 for stable ones, and SB10k dev 0.54 instead of 0.63–0.64).
 */
const divergedFirstEpochLoss = 1.5;

const hyper = {
  mood: {
    dim: Number(process.env.MOOD_DIM ?? 64),
    hidden: Number(process.env.MOOD_HIDDEN ?? 96),
    hiddenPerHead: (process.env.MOOD_PER_HEAD ?? '1') === '1',
    skip: (process.env.MOOD_SKIP ?? '1') === '1',
    epochs: Number(process.env.MOOD_EPOCHS ?? 3),
    lr: Number(process.env.MOOD_LR ?? 0.2),
    warmup: Number(process.env.MOOD_WARMUP ?? 0.1),
    /** Seeds tried after the first when a draw derails (0: keep a derailed draw, as before). */
    retries: Number(process.env.MOOD_RETRIES ?? 4),
    buckets: 65536,
    sb10kWeight: Number(process.env.SB_WEIGHT ?? 4),
    germevalNegativeWeight: Number(process.env.GE_NEG ?? 1),
    xedDeWeight: Number(process.env.XEDDE ?? 0.6),
    englishSeededWeight: Number(process.env.EN_SEEDED ?? 0.5),
    /** Magnitude of the fixed lexicon valence dimensions (0 turns the prior off). */
    priorScale: Number(process.env.PRIOR_SCALE ?? 2),
    /** Add VADER's single words to the vocabulary, so tweet words the training text lacks still carry valence. */
    vaderVocab: (process.env.VADER_VOCAB ?? '1') === '1',
    /** The summed lexicon path (0 turns it off); its tanh saturation and the factor a negator applies. */
    lexiconPath: (process.env.LEX_PATH ?? '1') === '1',
    lexiconSaturation: Number(process.env.LEX_SAT ?? 1),
    lexiconNegated: Number(process.env.LEX_NEG ?? -0.74),
    /**
     * Percent of XED English carved off as a dev set (joins the sentiment calibration mix). Off by default: XED
     * repeats near-identical subtitle lines, so a hash carve leaks (dev macro-F1 0.84) and skewed the calibration.
     */
    xedEnDevPercent: Number(process.env.XEDEN_DEV ?? 0),
    xedEnWeight: Number(process.env.XEDEN_W ?? 0.3),
    goWeight: Number(process.env.GO_W ?? 0.6),
    /** The authored customer-style support messages and German train/shop feedback (./authored-support.ts). */
    styleWeight: Number(process.env.STYLE_W ?? 0.5),
    feedbackWeight: Number(process.env.FEEDBACK_W ?? 0.5),
    /** Bitext's `complaint` requests ("I'm not happy with ur service, help me file a claim") as negative. */
    bitextComplaintWeight: Number(process.env.BITEXT_COMPLAINT_W ?? 0.5),
    /** Weight of the customer-style and feedback rows in the emotion head. */
    styleEmotionWeight: Number(process.env.STYLE_EMO_W ?? 0.5),
    /**
     * The customer-style and feedback dev carve joins the support-desk dev set in the sentiment calibration and the
     * wide mix (1), as one support-domain set so that tweets and Reddit keep their share, or is only reported (0).
     */
    calibrateOnStyle: (process.env.CAL_STYLE ?? '0') === '1',
  },
  wide: {
    enabled: (process.env.WIDE ?? '1') === '1',
    /** The wide model also reads the hashed word-pair rows (see WidePathWeights.bigrams). */
    bigrams: (process.env.WIDE_BIGRAMS ?? '1') === '1',
    l2: Number(process.env.WIDE_L2 ?? 2e-5),
    iterations: Number(process.env.WIDE_ITERS ?? 400),
    lr: Number(process.env.WIDE_LR ?? 0.1),
    gateSlope: Number(process.env.WIDE_GATE ?? 2),
    xedWeight: Number(process.env.WIDE_XED ?? 0),
    /** The English customer-style rows (sarcasm excluded) and Bitext complaints in the wide model. */
    styleWeight: Number(process.env.WIDE_STYLE_W ?? 0.5),
    bitextComplaintWeight: Number(process.env.WIDE_COMPLAINT_W ?? 0.5),
    mix: process.env.WIDE_MIX ? Number(process.env.WIDE_MIX) : undefined,
    /** How far below the best English dev mean a larger mix may score and still be chosen. */
    mixTolerance: Number(process.env.WIDE_MIX_TOL ?? 0.005),
  },
  char: {
    enabled: (process.env.CHAR ?? '1') === '1',
    minN: 2,
    maxN: Number(process.env.CHAR_MAXN ?? 5),
    buckets: 1 << 18,
    l2: Number(process.env.CHAR_L2 ?? 2e-5),
    iterations: Number(process.env.CHAR_ITERS ?? 300),
    lr: Number(process.env.CHAR_LR ?? 0.1),
    offensiveMix: Number(process.env.CHAR_OFF_MIX ?? 0.5),
    /**
     * The German-gated sentiment copy is off: it measured SB10k dev 0.653 against 0.644 without it, within run-to-run
     * noise, for ~30 more graph nodes and 0.25 MB. CHAR_SENT_MIX=0.5 turns it on.
     */
    sentimentMix: Number(process.env.CHAR_SENT_MIX ?? 0),
    sentimentGate: (process.env.CHAR_SENT_GATE ?? '1') === '1',
  },
  intent: { dim: 32, hidden: 0, epochs: 12, lr: 0.3, buckets: 16384 },
  calibration: {
    /** The customer-style and feedback dev carve joins the emotion calibration beside GoEmotions dev. */
    emotionsOnStyle: (process.env.EMO_CAL_STYLE ?? '1') === '1',
  },
};

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

interface Tokenized {
  ids: Map<string, number[]>;
}

async function tokenizeAll(modelDir: string, texts: Iterable<string>): Promise<Tokenized> {
  env.localModelPath = `${modelsDir}/`;
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  // Train on exactly what inference will see: the generated tokenizer.json run by transformers.js itself.
  const tokenizer = await AutoTokenizer.from_pretrained(modelDir);
  const ids = new Map<string, number[]>();
  for (const t of texts) {
    if (ids.has(t)) continue;
    const enc = tokenizer(t, { truncation: true, max_length: maxTokens });
    const data = (enc.input_ids as Tensor).data as BigInt64Array;
    ids.set(
      t,
      Array.from(data, (v) => Number(v)),
    );
  }
  return { ids };
}

function idsOf(tok: Tokenized, text: string): number[] {
  const ids = tok.ids.get(text);
  if (!ids) throw new Error(`text was not tokenized: ${text.slice(0, 40)}`);
  return ids;
}

function featuresOf(tok: Tokenized, spec: BagFeatureSpec, text: string): Int32Array {
  return bagFeatures(idsOf(tok, text), spec);
}

function argmax(values: readonly number[]): number {
  let best = 0;
  values.forEach((v, i) => {
    if (v > (values[best] as number)) best = i;
  });
  return best;
}

/** Class weights that balance a head's classes within one source (capped so rare classes do not explode). */
function balance(labels: string[], cap = 4): Map<string, number> {
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  const k = counts.size;
  const out = new Map<string, number>();
  for (const [l, c] of counts) out.set(l, Math.min(cap, labels.length / (k * c)));
  return out;
}

interface Source {
  name: string;
  rows: Row[];
  weight: number;
}

/** A text's model inputs: bag features and, when the model has one, its lexicon path features. */
type InputsOf = (text: string) => Pick<Example, 'features' | 'lexicon'>;

function sentimentExamples(inputsOf: InputsOf, sources: Source[]): Example[] {
  const out: Example[] = [];
  for (const s of sources) {
    if (s.weight <= 0) continue;
    const w = balance(s.rows.map((r) => r.labels[0] ?? ''));
    for (const r of s.rows) {
      const label = r.labels[0] ?? '';
      const target = sentimentLabels.indexOf(label as (typeof sentimentLabels)[number]);
      if (target < 0) throw new Error(`${s.name}: unknown sentiment label ${label}`);
      out.push({ ...inputsOf(r.text), head: 0, target, weight: s.weight * (w.get(label) ?? 1) });
    }
  }
  return out;
}

function emotionExamples(inputsOf: InputsOf, sources: (Source & { annotated: readonly string[] })[]): Example[] {
  const out: Example[] = [];
  for (const s of sources) {
    for (const r of s.rows) {
      const target = new Float32Array(emotionLabels.length);
      emotionLabels.forEach((l, j) => {
        target[j] = s.annotated.includes(l) ? (r.labels.includes(l) ? 1 : 0) : Number.NaN;
      });
      out.push({ ...inputsOf(r.text), head: 1, target, weight: s.weight });
    }
  }
  return out;
}

function offensiveExamples(inputsOf: InputsOf, sources: Source[]): Example[] {
  const out: Example[] = [];
  for (const s of sources) {
    for (const r of s.rows) {
      const target = r.labels[0] === 'offensive' ? 1 : 0;
      out.push({ ...inputsOf(r.text), head: 2, target, weight: s.weight * (target ? 1.5 : 1) });
    }
  }
  return out;
}

/** Logits of every text under quantised weights (the reference forward pass). */
function logitsOf(w: BagModelWeights, tok: Tokenized, spec: BagFeatureSpec, texts: string[]): Float64Array[] {
  return texts.map((t) => forwardQuantized(w, featuresOf(tok, spec, t), idsOf(tok, t)));
}

function predictSentiment(logits: Float64Array, shift: readonly number[]): string {
  const scores = [0, 1, 2].map((j) => (logits[j] as number) + (shift[j] ?? 0));
  return sentimentLabels[argmax(scores)] ?? 'neutral';
}

interface SentimentDev {
  rows: Row[];
  logits: Float64Array[];
  /** Per row, how English the wide path's gate finds it (absent: one shift for every row). */
  gate?: number[];
}

/** Grid search over (negative, positive) logit shifts, neutral fixed at 0, maximising `score`. */
function searchShift(score: (shift: number[]) => number): number[] {
  let best = { score: -1, shift: [0, 0, 0] };
  for (let neg = -3; neg <= 3.0001; neg += 0.1) {
    for (let pos = -3; pos <= 3.0001; pos += 0.1) {
      const shift = [Math.round(neg * 10) / 10, 0, Math.round(pos * 10) / 10];
      const s = score(shift);
      if (s > best.score + 1e-9) best = { score: s, shift };
    }
  }
  return best.shift;
}

/** Mean macro-F1 over the dev sets when row i gets the shift `shiftOf(gate_i)`. */
function meanSentimentF1(devs: SentimentDev[], shiftOf: (gate: number) => readonly number[]): number {
  const scores = devs.map(
    (d) =>
      scoreLabels(
        d.rows.map((r) => r.labels[0] ?? ''),
        d.logits.map((l, i) => predictSentiment(l, shiftOf(d.gate?.[i] ?? 0))),
        sentimentLabels,
      ).macroF1,
  );
  return scores.reduce((a, b) => a + b, 0) / scores.length;
}

/** Picks per-class logit shifts for sentiment that maximise the mean macro-F1 over the dev sets (grid search). */
function calibrateSentiment(devs: SentimentDev[]): number[] {
  return searchShift((shift) => meanSentimentF1(devs, () => shift));
}

/**
 * Per-language shifts for the gated model: row i gets `de + g_i·(en − de)`. Coordinate ascent, English then German,
 * two rounds.
 */
function calibrateSentimentByLanguage(devs: SentimentDev[]): { en: number[]; de: number[] } {
  let en = [0, 0, 0];
  let de = [0, 0, 0];
  const mixed = (e: readonly number[], d: readonly number[], g: number) =>
    [0, 1, 2].map((j) => (d[j] as number) + g * ((e[j] as number) - (d[j] as number)));
  for (let round = 0; round < 2; round++) {
    const fixedDe = de;
    en = searchShift((shift) => meanSentimentF1(devs, (g) => mixed(shift, fixedDe, g)));
    const fixedEn = en;
    de = searchShift((shift) => meanSentimentF1(devs, (g) => mixed(fixedEn, shift, g)));
  }
  return { en, de };
}

/** Emotions predicted from sigmoid logits: every label above 0 (p ≥ 0.5), or the best one when none is. */
export function predictEmotions(logits: ArrayLike<number>, offset: number): string[] {
  const picked = emotionLabels.filter((_, j) => (logits[offset + j] as number) >= 0);
  if (picked.length) return picked;
  const values = emotionLabels.map((_, j) => logits[offset + j] as number);
  return [emotionLabels[argmax(values)] ?? 'neutral'];
}

/** Per-label logit shifts for emotions, one coordinate at a time, maximising dev macro-F1 under predictEmotions. */
function calibrateEmotions(devs: { rows: Row[]; logits: Float64Array[] }[]): number[] {
  const shift = new Array<number>(emotionLabels.length).fill(0);
  const evaluateOne = ({ rows, logits }: { rows: Row[]; logits: Float64Array[] }) =>
    scoreLabelSets(
      rows.map((r) => r.labels),
      logits.map((l) => {
        const shifted = Array.from(l);
        emotionLabels.forEach((_, j) => {
          shifted[3 + j] = (shifted[3 + j] as number) + (shift[j] as number);
        });
        return predictEmotions(shifted, 3);
      }),
      emotionLabels,
    ).macroF1;
  const evaluate = () => devs.reduce((sum, d) => sum + evaluateOne(d), 0) / devs.length;
  for (let round = 0; round < 2; round++) {
    for (let j = 0; j < emotionLabels.length; j++) {
      let bestV = shift[j] as number;
      let bestS = evaluate();
      for (let v = -1; v <= 3.0001; v += 0.1) {
        shift[j] = Math.round(v * 10) / 10;
        const s = evaluate();
        if (s > bestS + 1e-9) {
          bestS = s;
          bestV = shift[j] as number;
        }
      }
      shift[j] = bestV;
    }
  }
  return shift;
}

function calibrateBinary(
  rows: Row[],
  logits: Float64Array[],
  positive: string,
  negative: string,
  at: [number, number],
): number {
  let best = { score: -1, shift: 0 };
  for (let v = -2; v <= 2.0001; v += 0.05) {
    const shift = Math.round(v * 100) / 100;
    const pred = logits.map((l) => ((l[at[1]] as number) + shift > (l[at[0]] as number) ? positive : negative));
    const score = scoreLabels(
      rows.map((r) => r.labels[0] ?? ''),
      pred,
      [negative, positive],
    ).macroF1;
    if (score > best.score + 1e-9) best = { score, shift };
  }
  return best.shift;
}

async function checkParity(
  dir: string,
  w: BagModelWeights,
  spec: BagFeatureSpec,
  texts: string[],
  tokenizerDir = dir,
): Promise<number> {
  const tokenizer = await AutoTokenizer.from_pretrained(tokenizerDir);
  const model = await AutoModelForSequenceClassification.from_pretrained(dir, { dtype: 'fp32', device: 'cpu' });
  const inputs = tokenizer(texts, { padding: true, truncation: true, max_length: maxTokens });
  const out = (await model(inputs)) as { logits: Tensor };
  const data = out.logits.data as Float32Array;
  let maxDiff = 0;
  texts.forEach((t, i) => {
    const single = tokenizer(t, { truncation: true, max_length: maxTokens });
    const ids = Array.from((single.input_ids as Tensor).data as BigInt64Array, (v) => Number(v));
    const ref = forwardQuantized(w, bagFeatures(ids, spec), ids);
    ref.forEach((v, j) => {
      maxDiff = Math.max(maxDiff, Math.abs(v - (data[i * w.outputs + j] as number)));
    });
  });
  await model.dispose();
  return maxDiff;
}

/** Rows reduced to their sentiment label (authored support rows carry [sentiment, ...emotions]). */
function sentimentOnly(rows: Row[]): Row[] {
  return rows.map((r) => ({ text: r.text, labels: [r.labels[0] ?? ''] }));
}

/** Rows reduced to their emotion labels. */
function emotionOnly(rows: Row[]): Row[] {
  return rows.map((r) => ({ text: r.text, labels: r.labels.slice(1) }));
}

/** Case- and space-folded text, to compare authored training text with the challenge sets. */
function foldText(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Stops the run when an authored training text is also in a challenge set: those must stay unseen. */
function assertUnseen(training: Row[], challenge: Row[]): void {
  const held = new Set(challenge.map((r) => foldText(r.text)));
  const leaked = training.filter((r) => held.has(foldText(r.text)));
  if (leaked.length) throw new Error(`authored examples repeat challenge-set texts: ${leaked[0]?.text}`);
}

function sampleEvery<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items;
  const step = items.length / n;
  return Array.from({ length: n }, (_, i) => items[Math.floor(i * step)] as T);
}

function dirSize(paths: string[]): number {
  return paths.reduce((s, p) => s + statSync(p).size, 0);
}

async function main(): Promise<void> {
  const started = Date.now();
  const toRows = (xs: { text: string; labels: string[] }[]) => xs.map((x) => ({ text: x.text, labels: x.labels }));

  // --- data -------------------------------------------------------------------------------------------------
  const sb10k = readData('sentiment/de/sb10k.train.tsv');
  const sb10kDev = readData('sentiment/de/sb10k.dev.tsv');
  const xedDeSent = readData('sentiment/de/xed.train.tsv');
  const goSent = readData('sentiment/en/goemotions.train.tsv');
  const goSentDev = readData('sentiment/en/goemotions.dev.tsv');
  // XED English gets a held-back dev part: a second English register (film subtitles) next to GoEmotions' Reddit.
  const xedEnCarve = carveDev(readData('sentiment/en/xed.train.tsv'), hyper.mood.xedEnDevPercent);
  const xedEnSent = xedEnCarve.train;
  const xedEnSentDev = xedEnCarve.dev;
  const uci = readData('sentiment/en/uci-reviews.train.tsv');
  const tweetevalSent = readData('sentiment/en/tweeteval.dev.tsv'); // report only
  // Authored real-world-style support mails (sarcasm, idioms, mixed feelings), never trained or calibrated on.
  const evalDir = join(repoRoot, 'scripts', 'train', 'eval');
  const supportChallenge = readTsv(join(evalDir, 'support-challenge.tsv')); // report only
  // Authored after issue 18, before any tuning, and never trained or calibrated on: single customer messages (40
  // German, 40 English) and German feedback about trains and shops.
  const supportMessages = readTsv(join(evalDir, 'support-messages.tsv')); // report only
  const feedbackDe = readTsv(join(evalDir, 'feedback-de.tsv')); // report only
  const goEmo = readData('emotion/en/goemotions.train.tsv');
  const goEmoDev = readData('emotion/en/goemotions.dev.tsv');
  const xedEnEmo = readData('emotion/en/xed.train.tsv');
  const xedDeEmo = readData('emotion/de/xed.train.tsv');
  const germeval = carveDev(readData('offensive/de/germeval2018.train.tsv'), 15);
  const tweetevalOff = readData('offensive/en/tweeteval.dev.tsv'); // report only
  const bitext = carveDev(readData('intent/en/bitext.train.tsv'), 15);

  const support = carveDev(toRows(authoredSupportExamples()), 20);
  // Customer-style messages and German feedback, carved the same way (20 % by text hash). Being composed from shared
  // phrase parts, the dev parts share clauses with the train parts: their figure is optimistic.
  const styleExamples = authoredCustomerStyleExamples();
  const style = carveDev(toRows(styleExamples), 20);
  // The wide model is linear: sarcasm ("great, the replacement is broken too") would only teach it that "great" is
  // a weaker word. It reads the other English recipes; the network reads all of them.
  const wideStyleTexts = new Set(
    styleExamples.filter((x) => x.lang === 'en' && x.kind !== 'sarcasm').map((x) => x.text),
  );
  const feedback = carveDev(toRows(authoredTransportFeedbackExamples()), 20);
  assertUnseen(
    [...support.train, ...support.dev, ...style.train, ...style.dev, ...feedback.train, ...feedback.dev],
    [...supportChallenge, ...supportMessages, ...feedbackDe],
  );
  const abuse = toRows(authoredAbuseExamples());
  const intentAuthored = carveDev(toRows(authoredIntentExamples()), 15);

  // Customer requests without feelings: Bitext rows (minus complaints and reviews) and the German intent phrasings
  // teach the sentiment and emotion heads that a plain support request is neutral, in both languages.
  const emotionalIntents = new Set(['complaint', 'review', 'damaged_or_wrong_item', 'thank_you']);
  const plainRequests = [...bitext.train, ...intentAuthored.train]
    .filter((r) => !emotionalIntents.has(r.labels[0] ?? ''))
    .filter((_, i) => i % 3 === 0)
    .map((r) => ({ text: r.text, labels: ['neutral'] }));

  const englishSeeded = goSent
    .filter((r) => hasEnglishAbuseSeed(r.text))
    .map((r) => ({ text: r.text, labels: ['offensive'] }));

  // --- vocabulary and tokenizer -------------------------------------------------------------------------------
  const trainTexts = [
    ...sb10k,
    ...xedDeSent,
    ...goSent,
    ...xedEnSent,
    ...uci,
    ...goEmo,
    ...xedEnEmo,
    ...xedDeEmo,
    ...germeval.train,
    ...bitext.train,
    ...support.train,
    ...abuse,
    ...intentAuthored.train,
  ].map((r) => r.text);
  // The customer-style and feedback texts are tokenised with this vocabulary but do not build it: their repeated
  // phrase parts would take some 700 word-piece slots from the licensed corpora and change how every tweet splits.
  const vocab = buildVocab(trainTexts, {
    maxWords: 18000,
    minWordCount: 2,
    maxPrefixes: 5000,
    maxSuffixes: 5000,
    minPieceCount: 8,
    minCharCount: 3,
  });
  if (hyper.mood.vaderVocab) {
    const known = new Set(vocab);
    for (const word of [...readVader().keys()].sort()) if (!known.has(word)) vocab.push(word);
  }
  log(`vocabulary: ${vocab.length} tokens from ${trainTexts.length} training texts`);
  const moodDir = join(modelsDir, 'rapport-mood');
  const intentDir = join(modelsDir, 'rapport-intent');
  rmSync(moodDir, { recursive: true, force: true });
  rmSync(intentDir, { recursive: true, force: true });

  const moodSpec: BagFeatureSpec = { vocabSize: vocab.length, buckets: hyper.mood.buckets, prime: 1000003 };
  const intentSpec: BagFeatureSpec = { vocabSize: vocab.length, buckets: hyper.intent.buckets, prime: 1000003 };

  // Write the tokenizer first (with a placeholder graph) so transformers.js can load it for tokenising.
  const placeholder = new BagModel({ dim: 1, hidden: 0, rows: 1, epochs: 0, lr: 0, seed }, moodHeads).quantize();
  writeModelDir({
    dir: moodDir,
    name: 'placeholder',
    docString: '',
    vocab,
    maxTokens,
    feature: { vocabSize: 1, buckets: 1, prime: 1 },
    weights: placeholder,
    labels: [],
    extraConfig: {},
  });
  const allTexts = [
    ...trainTexts,
    ...[...style.train, ...feedback.train].map((r) => r.text),
    ...plainRequests.map((r) => r.text),
    ...[
      sb10kDev,
      goSentDev,
      xedEnSentDev,
      tweetevalSent,
      supportChallenge,
      supportMessages,
      feedbackDe,
      goEmoDev,
      germeval.dev,
      tweetevalOff,
      bitext.dev,
      support.dev,
      style.dev,
      feedback.dev,
      intentAuthored.dev,
    ]
      .flat()
      .map((r) => r.text),
  ];
  const tok = await tokenizeAll('rapport-mood', allTexts);
  log(`tokenised ${tok.ids.size} distinct texts (${((Date.now() - started) / 1000).toFixed(1)} s)`);

  // --- mood model ---------------------------------------------------------------------------------------------
  const moodLexicon = hyper.mood.lexiconPath
    ? {
        table: buildLexiconTable(vocab),
        negatedFactor: hyper.mood.lexiconNegated,
        saturation: hyper.mood.lexiconSaturation,
      }
    : undefined;
  const moodInputs: InputsOf = (text) => ({
    features: featuresOf(tok, moodSpec, text),
    lexicon: moodLexicon ? lexiconFeatures(idsOf(tok, text), moodLexicon) : undefined,
  });
  const supportSentiment = sentimentOnly(support.train);
  // Bitext's complaint requests are the one intent whose customers say they are unhappy.
  const bitextComplaints = bitext.train
    .filter((r) => r.labels[0] === 'complaint')
    .map((r) => ({ text: r.text, labels: ['negative'] }));
  const sentimentSources: Source[] = [
    { name: 'sb10k', rows: sb10k, weight: hyper.mood.sb10kWeight },
    { name: 'xed-de', rows: xedDeSent, weight: hyper.mood.xedDeWeight },
    // GermEval's offensive tweets are negative German tweets: the same register as SB10k, whose negative class
    // is its smallest. (Only the train part of the carve; the offensive dev split stays unseen.)
    {
      name: 'germeval-offensive-as-negative',
      rows: germeval.train
        .filter((r) => r.labels[0] === 'offensive')
        .map((r) => ({ text: r.text, labels: ['negative'] })),
      weight: hyper.mood.germevalNegativeWeight,
    },
    { name: 'goemotions', rows: goSent, weight: hyper.mood.goWeight },
    { name: 'xed-en', rows: xedEnSent, weight: hyper.mood.xedEnWeight },
    { name: 'uci', rows: uci, weight: 0.8 },
    { name: 'support', rows: supportSentiment, weight: 1.5 },
    { name: 'customer-style', rows: sentimentOnly(style.train), weight: hyper.mood.styleWeight },
    { name: 'feedback-de', rows: sentimentOnly(feedback.train), weight: hyper.mood.feedbackWeight },
    { name: 'bitext-complaint', rows: bitextComplaints, weight: hyper.mood.bitextComplaintWeight },
    { name: 'plain-requests', rows: plainRequests, weight: 0.5 },
  ];
  const offensiveSources: Source[] = [
    { name: 'germeval', rows: germeval.train, weight: 2 },
    { name: 'abuse-authored', rows: abuse, weight: 1 },
    // Angry-but-civil support messages and everyday English are `other`: anger alone is not abuse.
    { name: 'support', rows: support.train.map((r) => ({ text: r.text, labels: ['other'] })), weight: 1 },
    // English sentences with a seed-list insult or profanity, labelled offensive by that list (distant labels).
    { name: 'english-seeded', rows: englishSeeded, weight: hyper.mood.englishSeededWeight },
    {
      name: 'english-other',
      rows: sampleEvery(
        goSent.filter((r) => !hasEnglishAbuseSeed(r.text)),
        1500,
      ).map((r) => ({ text: r.text, labels: ['other'] })),
      weight: 0.5,
    },
  ];
  const supportEmotion = support.train.map((r) => ({ text: r.text, labels: r.labels.slice(1) }));
  const examples: Example[] = [
    ...sentimentExamples(moodInputs, sentimentSources),
    ...emotionExamples(moodInputs, [
      { name: 'goemotions', rows: goEmo, weight: 1, annotated: emotionLabels },
      { name: 'xed-en', rows: xedEnEmo, weight: 0.4, annotated: ['angry', 'sad', 'anxious', 'happy'] },
      { name: 'xed-de', rows: xedDeEmo, weight: 0.6, annotated: ['angry', 'sad', 'anxious', 'happy'] },
      { name: 'support', rows: supportEmotion, weight: 1.5, annotated: emotionLabels },
      {
        name: 'customer-style',
        rows: emotionOnly(style.train),
        weight: hyper.mood.styleEmotionWeight,
        annotated: emotionLabels,
      },
      {
        name: 'feedback-de',
        rows: emotionOnly(feedback.train),
        weight: hyper.mood.styleEmotionWeight,
        annotated: emotionLabels,
      },
      { name: 'plain-requests', rows: plainRequests, weight: 0.5, annotated: emotionLabels },
    ]),
    ...offensiveExamples(moodInputs, offensiveSources),
  ];
  log(`mood: ${examples.length} training examples`);
  const usePrior = hyper.mood.priorScale > 0;
  const moodDim = hyper.mood.dim + (usePrior ? priorDims : 0);
  const moodRows = vocab.length + hyper.mood.buckets;
  const createMood = (networkSeed: number) =>
    new BagModel(
      {
        dim: moodDim,
        prior: usePrior
          ? { values: buildLexiconPrior(vocab, moodRows, hyper.mood.priorScale), dims: priorDims, head: 0 }
          : undefined,
        hidden: hyper.mood.hidden,
        hiddenPerHead: hyper.mood.hiddenPerHead,
        skip: hyper.mood.skip,
        rows: moodRows,
        lexicon: moodLexicon,
        epochs: hyper.mood.epochs,
        lr: hyper.mood.lr,
        warmup: hyper.mood.warmup,
        stopOnDivergence: hyper.mood.retries > 0,
        seed: networkSeed,
      },
      moodHeads,
    );
  const moodKey = hashInputs([
    JSON.stringify({ ...hyper.mood, seed, heads: moodHeads, moodDim, moodRows }),
    ...examples.flatMap((e) => [e.features, e.lexicon ?? '', e.head, e.weight, e.target]),
  ]);
  let mood = createMood(seed);
  const trained = cachedModel(
    'mood',
    moodKey,
    ['emb', 'hidW', 'hidB', 'outW', 'outB', 'loss', 'attempt'],
    () => {
      // A derailed draw is retried with the next seed (seed + 1, + 2 …): deterministic, since the same data derails
      // the same draws. Plain SGD at this rate derails on some draws (see the model card).
      for (let attempt = 0; ; attempt++) {
        try {
          const losses = mood.train(examples, log);
          return { ...mood.parameters(), loss: Float32Array.of(losses[0] ?? 0), attempt: Float32Array.of(attempt) };
        } catch (error) {
          if (!(error instanceof DivergedError) || attempt >= hyper.mood.retries) throw error;
          log(`mood: ${error.message} with seed ${seed + attempt}; retrying with seed ${seed + attempt + 1}`);
          mood = createMood(seed + attempt + 1);
        }
      }
    },
    log,
  );
  mood.load(trained);
  const networkSeed = seed + (trained.attempt[0] ?? 0);
  log(`mood: network trained with seed ${networkSeed}`);
  const firstEpochLoss = trained.loss[0] ?? 0;
  if (firstEpochLoss > divergedFirstEpochLoss) {
    log(
      `warning: the mood network's first epoch diverged (mean loss ${firstEpochLoss.toFixed(2)} > ${divergedFirstEpochLoss}); ` +
        'expect lower figures — retrain with another MOOD_SEED or MOOD_LR=0.1',
    );
  }
  const moodWeights = mood.quantize();

  // Dev-split logits under the current weights (the wide mix and the calibration below read them).
  const devLogits = (rows: Row[]) =>
    logitsOf(
      moodWeights,
      tok,
      moodSpec,
      rows.map((r) => r.text),
    );
  // The authored support-desk dev split joins the calibration: tweets and Reddit alone pull the thresholds towards
  // "neutral", which reads mildly annoyed customers as neutral — the case agents care about most.
  const supportSentimentDev = sentimentOnly(support.dev);
  const styleSentimentDev = sentimentOnly([...style.dev, ...feedback.dev]);
  const supportDomainDev = hyper.mood.calibrateOnStyle
    ? [...supportSentimentDev, ...styleSentimentDev]
    : supportSentimentDev;

  // The character n-gram model for sentiment (German compounds and inflections; SB10k is small). It joins the
  // sentiment head before the wide path, which keeps the per-language calibration last.
  const grams = buildCharNgrams(vocab, { minN: hyper.char.minN, maxN: hyper.char.maxN, buckets: hyper.char.buckets });
  const charPaths: CharPathWeights[] = [];
  // The character models train on the same examples (targets, class and source weights) as the network's heads,
  // read as token ids.
  const idsInputs: InputsOf = (text) => ({ features: Int32Array.from(idsOf(tok, text)) });
  const toCharExample = (e: Example): CharExample => ({
    ids: Array.from(e.features),
    target: e.target as number,
    weight: e.weight,
  });
  if (hyper.char.enabled && hyper.char.sentimentMix > 0) {
    const charExamples = sentimentExamples(idsInputs, sentimentSources).map(toCharExample);
    log(`char: ${charExamples.length} sentiment examples`);
    const charModel = trainChar(
      grams,
      charExamples,
      { classes: 3, l2: hyper.char.l2, iterations: hyper.char.iterations, lr: hyper.char.lr },
      log,
    );
    // Gated to German text (the wide path carries English; ungated, this path cost the English dev sets).
    charPaths.push(
      quantizeChar(charModel, 3, {
        offset: 0,
        mix: hyper.char.sentimentMix,
        ...(hyper.char.sentimentGate ? { germanGateSlope: hyper.wide.gateSlope } : {}),
      }),
    );
    moodWeights.char = charPaths;
  }

  // The wide sentiment model: English sources only (German text is gated to the network in the graph).
  if (moodLexicon && hyper.wide.enabled) {
    const lex = moodLexicon;
    const wideInputs: InputsOf = (text) => ({
      features: wideFeatures(idsOf(tok, text), featuresOf(tok, moodSpec, text), lex, hyper.wide.bigrams),
      lexicon: lexiconFeatures(idsOf(tok, text), lex),
    });
    const wideExamples: WideExample[] = sentimentExamples(wideInputs, [
      { name: 'goemotions', rows: goSent, weight: 1 },
      { name: 'xed-en', rows: xedEnSent, weight: hyper.wide.xedWeight },
      { name: 'uci', rows: uci, weight: 1 },
      { name: 'support', rows: supportSentiment, weight: 1 },
      {
        name: 'customer-style-en',
        rows: sentimentOnly(style.train.filter((r) => wideStyleTexts.has(r.text))),
        weight: hyper.wide.styleWeight,
      },
      { name: 'bitext-complaint', rows: bitextComplaints, weight: hyper.wide.bitextComplaintWeight },
      { name: 'plain-requests', rows: plainRequests, weight: 0.5 },
    ]).map((e) => ({
      features: e.features,
      lexicon: e.lexicon ?? new Float32Array(lexiconFeatureCount),
      target: e.target as number,
      weight: e.weight,
    }));
    log(`wide: ${wideExamples.length} English sentiment examples`);
    const wideOptions = {
      rows: hyper.wide.bigrams ? moodRows : vocab.length,
      classes: 3,
      l2: hyper.wide.l2,
      iterations: hyper.wide.iterations,
      lr: hyper.wide.lr,
    };
    const wideKey = hashInputs([
      JSON.stringify(wideOptions),
      ...wideExamples.flatMap((e) => [e.features, e.lexicon, e.target, e.weight]),
    ]);
    const wide = cachedModel(
      'wide',
      wideKey,
      ['weight', 'lexWeight', 'bias'],
      () => trainWide(wideExamples, wideOptions, log),
      log,
    );
    moodWeights.wide = quantizeWide(wide, { weight: 0, gateSlope: hyper.wide.gateSlope }, hyper.wide.bigrams);
    // The mix weight, in steps of 0.05, from the English dev sets (GoEmotions, support desk). Their mean is flat near
    // its top, so the largest mix within `mixTolerance` of the best wins: where those sets cannot tell, the linear
    // model, which carries over to registers the data lacks (tweets), gets the benefit of the doubt.
    const mixScores: { mix: number; score: number }[] = [];
    for (let mix = 0; mix <= 1.0001; mix += 0.05) {
      moodWeights.wide.mix = Math.round(mix * 100) / 100;
      const englishDevs = [goSentDev, supportDomainDev].map((rows) => ({ rows, logits: devLogits(rows) }));
      mixScores.push({ mix: moodWeights.wide.mix, score: meanSentimentF1(englishDevs, () => [0, 0, 0]) });
    }
    const top = Math.max(...mixScores.map((m) => m.score));
    const best = mixScores.filter((m) => m.score >= top - hyper.wide.mixTolerance).pop() ?? { mix: 0, score: top };
    log(`wide: English dev mean by mix ${mixScores.map((m) => `${m.mix}:${m.score.toFixed(4)}`).join(' ')}`);
    moodWeights.wide.mix = hyper.wide.mix ?? best.mix;
    log(`wide: mix ${moodWeights.wide.mix} (English dev mean macro-F1 ${best.score.toFixed(4)} at ${best.mix})`);
  }

  // Calibrate on dev splits (never TweetEval): sentiment shifts go into the output biases, or per language into the
  // wide path's gate; emotion and offensive shifts into the output biases.
  const sentimentDev = (rows: Row[]): SentimentDev => {
    const wide = moodWeights.wide;
    const lex = moodWeights.lexicon;
    return {
      rows,
      logits: devLogits(rows),
      gate: wide && lex ? rows.map((r) => englishGate(idsOf(tok, r.text), lex, wide)) : undefined,
    };
  };
  const sentimentDevs = [
    sentimentDev(sb10kDev),
    sentimentDev(goSentDev),
    ...(xedEnSentDev.length ? [sentimentDev(xedEnSentDev)] : []),
    sentimentDev(supportDomainDev),
  ];
  let sentShift = [0, 0, 0];
  if (moodWeights.wide) {
    const byLanguage = calibrateSentimentByLanguage(sentimentDevs);
    moodWeights.wide.shiftEn = Float32Array.from(byLanguage.en);
    moodWeights.wide.shiftDe = Float32Array.from(byLanguage.de);
    log(`calibration by language: English ${JSON.stringify(byLanguage.en)}, German ${JSON.stringify(byLanguage.de)}`);
    // SB10k dev is also where its figure is reported: two-fold cross-fitting of the shifts says how optimistic that is.
    const half = (d: SentimentDev, fold: number, inFold: boolean): SentimentDev => {
      const keep = (_: unknown, i: number) => (i % 2 === fold) === inFold;
      return { rows: d.rows.filter(keep), logits: d.logits.filter(keep), gate: d.gate?.filter(keep) };
    };
    const sb = sentimentDevs[0] as SentimentDev;
    const sbCrossFitted = [0, 1].map((fold) => {
      const shifts = calibrateSentimentByLanguage([half(sb, fold, true), ...sentimentDevs.slice(1)]);
      const mixed = (g: number) =>
        [0, 1, 2].map((j) => (shifts.de[j] as number) + g * ((shifts.en[j] as number) - (shifts.de[j] as number)));
      return meanSentimentF1([half(sb, fold, false)], mixed);
    });
    log(
      `calibration: SB10k dev with cross-fitted shifts (two folds): macro-F1 ${sbCrossFitted.map((f) => f.toFixed(4)).join(' / ')}, mean ${(
        sbCrossFitted.reduce((x, y) => x + y, 0) / sbCrossFitted.length
      ).toFixed(4)}`,
    );
  } else {
    sentShift = calibrateSentiment(sentimentDevs);
  }
  // Emotion shifts on GoEmotions dev and the customer-style dev carve (mean macro-F1). GoEmotions dev alone tuned
  // "frustrated" up by about 1.2 (Reddit annoyance is faint), which on support text put ordinary complaints past the
  // frustration escalation threshold (authored conversations: escalation right 76 of 84 against 80 with both).
  // EMO_CAL_STYLE=0 fits on GoEmotions dev alone, as before.
  const styleEmotionCalibration = emotionOnly([...style.dev, ...feedback.dev]);
  const emoShift = calibrateEmotions([
    { rows: goEmoDev, logits: devLogits(goEmoDev) },
    ...(hyper.calibration.emotionsOnStyle
      ? [{ rows: styleEmotionCalibration, logits: devLogits(styleEmotionCalibration) }]
      : []),
  ]);
  // The character n-gram model for abusive language (German compounds and spellings the word features miss).
  if (hyper.char.enabled) {
    const charExamples = offensiveExamples(idsInputs, offensiveSources).map(toCharExample);
    log(`char: ${charExamples.length} offensive examples, ${hyper.char.buckets} n-gram buckets`);
    const charOptions = { classes: 2, l2: hyper.char.l2, iterations: hyper.char.iterations, lr: hyper.char.lr };
    const charKey = hashInputs([
      JSON.stringify({ ...charOptions, minN: hyper.char.minN, maxN: hyper.char.maxN, buckets: hyper.char.buckets }),
      vocab.join('\n'),
      ...charExamples.flatMap((e) => [Int32Array.from(e.ids), e.target, e.weight]),
    ]);
    const charModel = cachedModel(
      'char-offensive',
      charKey,
      ['table', 'counts', 'bias'],
      () => trainChar(grams, charExamples, charOptions, log),
      log,
    );
    const path = quantizeChar(charModel, 2, { offset: 11, mix: hyper.char.offensiveMix });
    charPaths.push(path);
    moodWeights.char = charPaths;
  }
  const germevalDevLogits = devLogits(germeval.dev);
  const offShift = calibrateBinary(germeval.dev, germevalDevLogits, 'offensive', 'other', [11, 12]);
  // The reported GermEval figure is scored on the rows its threshold was fitted on. Two-fold cross-fitting (fit on the
  // even rows, score the odd ones, and the other way round) says how much of it is that optimism.
  const crossFitted = [0, 1].map((fold) => {
    const pick = <T>(xs: T[], inFold: boolean) => xs.filter((_, i) => (i % 2 === fold) === inFold);
    const shift = calibrateBinary(
      pick(germeval.dev, true),
      pick(germevalDevLogits, true),
      'offensive',
      'other',
      [11, 12],
    );
    const rows = pick(germeval.dev, false);
    return scoreLabels(
      rows.map((r) => r.labels[0] ?? ''),
      pick(germevalDevLogits, false).map((l) =>
        (l[12] as number) + shift > (l[11] as number) ? 'offensive' : 'other',
      ),
      offensiveLabels,
    ).macroF1;
  });
  sentShift.forEach((s, j) => {
    moodWeights.outBias[j] = (moodWeights.outBias[j] as number) + s;
  });
  emoShift.forEach((s, j) => {
    moodWeights.outBias[3 + j] = (moodWeights.outBias[3 + j] as number) + s;
  });
  // With a character path the shift goes after its mix, where the graph adds it; else into the head's bias.
  const offensiveChar = moodWeights.char?.find((c) => c.offset === 11);
  if (offensiveChar) offensiveChar.shift[1] = (offensiveChar.shift[1] as number) + offShift;
  else moodWeights.outBias[12] = (moodWeights.outBias[12] as number) + offShift;
  log(
    `calibration: sentiment ${JSON.stringify(sentShift)}, emotions ${JSON.stringify(emoShift)}, offensive ${offShift}`,
  );

  // --- dev figures --------------------------------------------------------------------------------------------
  const figures: Record<string, number> = {};
  const report = (name: string, r: ReturnType<typeof scoreLabels>) => {
    figures[name] = Math.round(r.macroF1 * 10000) / 10000;
    log(`\n${name}`);
    for (const line of formatReport(r)) log(`  ${line}`);
  };
  const sentReport = (rows: Row[]) =>
    scoreLabels(
      rows.map((r) => r.labels[0] ?? ''),
      devLogits(rows).map((l) => predictSentiment(l, [0, 0, 0])),
      sentimentLabels,
    );
  report('sentiment de (sb10k dev)', sentReport(sb10kDev));
  report('sentiment en (goemotions dev)', sentReport(goSentDev));
  if (xedEnSentDev.length) report('sentiment en (xed-en held-back dev)', sentReport(xedEnSentDev));
  report('sentiment en (tweeteval dev, report only)', sentReport(tweetevalSent));
  report('sentiment support-desk (authored dev, also used to calibrate: optimistic)', sentReport(supportSentimentDev));
  report('sentiment support-desk challenge (authored, report only)', sentReport(supportChallenge));
  report(
    `sentiment customer-style + German feedback (authored dev${hyper.mood.calibrateOnStyle ? ', also used to calibrate' : ''}: optimistic)`,
    sentReport(styleSentimentDev),
  );
  report('sentiment support messages de/en (authored, report only)', sentReport(supportMessages));
  report('sentiment feedback de (authored, report only)', sentReport(feedbackDe));
  report(
    'emotion en (goemotions dev)',
    scoreLabelSets(
      goEmoDev.map((r) => r.labels),
      devLogits(goEmoDev).map((l) => predictEmotions(l, 3)),
      emotionLabels,
    ),
  );
  // The support states (anxious, confused, frustrated …) on the customer-style dev carve; GoEmotions has them too, in
  // another register.
  const styleEmotionDev = emotionOnly([...style.dev, ...feedback.dev]);
  report(
    'emotion customer-style + German feedback (authored dev: optimistic)',
    scoreLabelSets(
      styleEmotionDev.map((r) => r.labels),
      devLogits(styleEmotionDev).map((l) => predictEmotions(l, 3)),
      emotionLabels,
    ),
  );
  const offPred = (rows: Row[]) =>
    devLogits(rows).map((l) => ((l[12] as number) > (l[11] as number) ? 'offensive' : 'other'));
  report(
    'offensive de (germeval 15% carved dev)',
    scoreLabels(
      germeval.dev.map((r) => r.labels[0] ?? ''),
      offPred(germeval.dev),
      offensiveLabels,
    ),
  );
  log(
    `  cross-fitted threshold (two folds): macro-F1 ${crossFitted.map((f) => f.toFixed(4)).join(' / ')}, mean ${(
      crossFitted.reduce((x, y) => x + y, 0) / crossFitted.length
    ).toFixed(4)}`,
  );
  report(
    'offensive en (tweeteval dev, report only)',
    scoreLabels(
      tweetevalOff.map((r) => r.labels[0] ?? ''),
      offPred(tweetevalOff),
      offensiveLabels,
    ),
  );

  // The lexicon baseline on the same sentiment sets, so every model figure sits next to the bar it must clear.
  const lexicon = createLexiconBaseline();
  const lexiconFigures: Record<string, number> = {};
  for (const [name, rows] of [
    ['sentiment de (sb10k dev)', sb10kDev],
    ['sentiment en (goemotions dev)', goSentDev],
    ['sentiment en (tweeteval dev, report only)', tweetevalSent],
    ['sentiment support-desk challenge (authored, report only)', supportChallenge],
    ['sentiment support messages de/en (authored, report only)', supportMessages],
    ['sentiment feedback de (authored, report only)', feedbackDe],
  ] as const) {
    const r = scoreLabels(
      rows.map((x) => x.labels[0] ?? ''),
      rows.map((x) => lexicon.classify(x.text)),
      sentimentLabels,
    );
    lexiconFigures[name] = Math.round(r.macroF1 * 10000) / 10000;
    log(`lexicon baseline, ${name}: macro-F1 ${lexiconFigures[name]}`);
  }

  const moodLabels = moodHeads.flatMap((h) => h.labels.map((l) => `${h.name}:${l}`));
  writeModelDir({
    dir: moodDir,
    name: 'rapport-mood',
    docString:
      'Rapport bundled mood model: sentiment (softmax 0-2), emotions (sigmoid 3-10), offensive (softmax 11-12).',
    vocab,
    maxTokens,
    feature: moodSpec,
    weights: moodWeights,
    labels: moodLabels,
    extraConfig: {
      rapport_heads: moodHeads.map((h) => ({ name: h.name, kind: h.kind, offset: h.offset, labels: h.labels })),
      rapport_dev_macro_f1: figures,
      rapport_network_seed: networkSeed,
      rapport_sources: [
        'SB10k (CC BY 4.0)',
        'XED de/en (CC BY 4.0)',
        'GoEmotions (CC BY 4.0)',
        'UCI Sentiment Labelled Sentences (CC BY 4.0)',
        'GermEval 2018 (CC BY 4.0)',
        'Bitext customer-service sample (CDLA-Sharing 1.0)',
        'Rapport authored examples (MIT)',
      ],
    },
  });

  // --- intent model -------------------------------------------------------------------------------------------
  const intentTrain = [...bitext.train, ...intentAuthored.train];
  const intentLabels = [...new Set(intentTrain.map((r) => r.labels[0] ?? ''))].sort();
  const intentW = balance(intentTrain.map((r) => r.labels[0] ?? ''));
  const intentExamples: Example[] = intentTrain.map((r) => ({
    features: featuresOf(tok, intentSpec, r.text),
    head: 0,
    target: intentLabels.indexOf(r.labels[0] ?? ''),
    // German rows are few and authored: up-weighted so German requests are not drowned by English ones.
    weight: (intentW.get(r.labels[0] ?? '') ?? 1) * (intentAuthored.train.includes(r) ? 2 : 1),
  }));
  const intentHeads: Head[] = [{ name: 'intent', kind: 'softmax', offset: 0, labels: intentLabels }];
  const intent = new BagModel(
    {
      dim: hyper.intent.dim,
      hidden: hyper.intent.hidden,
      rows: vocab.length + hyper.intent.buckets,
      epochs: hyper.intent.epochs,
      lr: hyper.intent.lr,
      seed: intentSeed,
    },
    intentHeads,
  );
  log(`\nintent: ${intentExamples.length} training examples, ${intentLabels.length} labels`);
  intent.train(intentExamples, log);
  const intentWeights = intent.quantize();
  const intentPred = (rows: Row[]) =>
    logitsOf(
      intentWeights,
      tok,
      intentSpec,
      rows.map((r) => r.text),
    ).map((l) => intentLabels[argmax(Array.from(l))] ?? '');
  report(
    'intent en (bitext 15% carved dev)',
    scoreLabels(
      bitext.dev.map((r) => r.labels[0] ?? ''),
      intentPred(bitext.dev),
      intentLabels.filter((l) => bitext.dev.some((r) => r.labels[0] === l)),
    ),
  );
  const deDev = intentAuthored.dev.filter((r) => /[äöüß]|ich|sie|bitte/i.test(r.text));
  report(
    'intent authored de/en (authored dev, optimistic)',
    scoreLabels(
      intentAuthored.dev.map((r) => r.labels[0] ?? ''),
      intentPred(intentAuthored.dev),
      intentLabels.filter((l) => intentAuthored.dev.some((r) => r.labels[0] === l)),
    ),
  );
  log(`  (${deDev.length} of ${intentAuthored.dev.length} authored dev rows are German)`);
  writeModelDir({
    dir: intentDir,
    name: 'rapport-intent',
    docString: 'Rapport bundled intent model: Bitext e-commerce intents plus three authored ones (softmax).',
    vocab,
    maxTokens,
    feature: intentSpec,
    weights: intentWeights,
    labels: intentLabels,
    // Same vocabulary and length as the mood model: the extension ships one tokenizer (lib/models/intent-model.ts).
    tokenizerFrom: 'rapport-mood',
    extraConfig: {
      rapport_dev_macro_f1: {
        intent_en: figures['intent en (bitext 15% carved dev)'],
        intent_authored: figures['intent authored de/en (authored dev, optimistic)'],
      },
      rapport_sources: ['Bitext customer-service sample (CDLA-Sharing 1.0)', 'Rapport authored examples (MIT)'],
    },
  });

  // --- parity: transformers.js must reproduce the trainer's forward pass ------------------------------------------
  const probe = [...sampleEvery(sb10kDev, 24), ...sampleEvery(goEmoDev, 24), ...sampleEvery(bitext.dev, 16)].map(
    (r) => r.text,
  );
  probe.push('', '🙂🙂🙂', 'Ich will sofort mein Geld zurück!!!', `${'sehr '.repeat(400)}gut`);
  const moodDiff = await checkParity('rapport-mood', moodWeights, moodSpec, probe);
  const intentDiff = await checkParity('rapport-intent', intentWeights, intentSpec, probe, 'rapport-mood');
  log(
    `\nparity (max |transformers.js − trainer| over ${probe.length} texts): mood ${moodDiff.toExponential(2)}, intent ${intentDiff.toExponential(2)}`,
  );
  if (moodDiff > 1e-4 || intentDiff > 1e-4) throw new Error('ONNX output differs from the trainer forward pass');

  const moodBytes = dirSize(
    ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'].map((f) => join(moodDir, f)),
  );
  // The intent model reads the mood model's tokenizer (counted above).
  const intentBytes = dirSize(['config.json', 'onnx/model.onnx'].map((f) => join(intentDir, f)));
  log(
    `sizes: rapport-mood ${(moodBytes / 1e6).toFixed(2)} MB, rapport-intent ${(intentBytes / 1e6).toFixed(2)} MB, total ${((moodBytes + intentBytes) / 1e6).toFixed(2)} MB`,
  );
  log(`training time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // Dev figures for the README and the lead (no timings in it, so the file stays byte-identical across runs).
  writeFileSync(
    join(modelsDir, 'dev-figures.json'),
    `${JSON.stringify({ model: figures, lexicon: lexiconFigures }, null, 2)}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
