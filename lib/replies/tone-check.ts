import type { ConversationMood, SentimentResult } from '../analysis/types';

/** What the tone check needs from the mood analyzer for one text (a `MessageMood` satisfies it). */
export interface ToneAnalysis {
  sentiment: SentimentResult;
}

/** The mood model run on the agent's draft; injected so the check works with any analyzer (and fakes in tests). */
export type AnalyzeText = (text: string, signal?: AbortSignal) => Promise<ToneAnalysis> | ToneAnalysis;

export type ToneLabel = 'warm' | 'neutral' | 'curt' | 'cold' | 'curt-and-cold';

export type ToneReasonCode =
  | 'too-short'
  | 'no-greeting'
  | 'no-acknowledgement'
  | 'no-empathy'
  | 'negative-sentiment'
  | 'analysis-skipped';

/** Why a draft reads as curt or cold, as a code; the panel says it in the agent's language (`drafts.tone.reason.<code>`). */
export interface ToneReason {
  code: ToneReasonCode;
}

/** How the agent's draft will land; `warn` only when the customer is upset and the draft is curt or cold. */
export interface ToneCheck {
  level: 'ok' | 'warn';
  label: ToneLabel;
  reasons: ToneReason[];
  /** The draft's sentiment by the mood model, when it answered within the time budget. */
  sentiment?: SentimentResult;
  /** Time the check took, in milliseconds. */
  elapsedMs: number;
}

/** Words a reply must reach before it stops reading as curt. */
const curtWordCount = 15;

/** Greeting cues at the start of a reply, English and German. */
const greetingPattern =
  /^\s*(hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings|hallo|guten (?:morgen|tag|abend)|sehr geehrte[rs]?|liebe[rs]?|moin|servus|grüß (?:gott|dich)|grüezi)\b/iu;

/**
 * Empathy and acknowledgement cues, English and German. Matched anywhere, case-insensitive; German entries are
 * stems so inflected forms count ("verstehe", "verstehen", "nachvollziehen").
 */
export const empathyCues: Record<'en' | 'de', readonly string[]> = {
  en: [
    'sorry',
    'apolog',
    'understand',
    'i can imagine',
    'frustrating',
    'annoying',
    'disappointing',
    'inconvenience',
    'thank you for',
    'thanks for',
    'appreciate',
    'i see why',
    'happy to help',
    'glad to help',
    "i'll make sure",
    'i will make sure',
    'i will personally',
    'i hear you',
    'that must',
    'patience',
  ],
  de: [
    'tut mir leid',
    'tut uns leid',
    'entschuldig',
    'bedauer',
    'versteh',
    'nachvollzieh',
    'ärgerlich',
    'frustrierend',
    'unangenehm',
    'danke',
    'dank für',
    'geduld',
    'verständnis',
    'gerne helfe',
    'gern helfe',
    'helfe ich ihnen gern',
    'helfe ich dir gern',
    'kümmere mich',
    'kümmern uns',
    'ich kann mir vorstellen',
  ],
};

const allCues = [...empathyCues.en, ...empathyCues.de];

/** Acknowledgement cues: thanking or showing the message was read (a subset of empathy that short replies need). */
const acknowledgementPattern =
  /\b(thank|thanks|got your|received your|about your|regarding your|danke|vielen dank|ihre nachricht|deine nachricht|ihre anfrage|deine anfrage|bezüglich)/iu;

function countWords(text: string): number {
  return text.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** Whether the conversation's customer is upset enough for a curt or cold draft to matter. */
export function isCustomerUpset(mood: ConversationMood): boolean {
  // The one verdict decides, as it does for the badge: negative wording alone (a polite question) is not upset.
  return mood.offensive || mood.current.upset;
}

/** Whether `text` carries any English or German empathy cue. */
export function hasEmpathyCue(text: string): boolean {
  const lower = text.toLowerCase();
  return allCues.some((cue) => lower.includes(cue));
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

export interface ToneCheckOptions {
  /** Time the mood model may take; past it the check answers from cues alone. 50 ms by default. */
  budgetMs?: number;
  signal?: AbortSignal;
}

/**
 * Checks how the agent's draft will land with the customer: curt (very short, no greeting or acknowledgement) or
 * cold (neutral or negative by the mood model, with no empathy cue). Warns only for an upset customer. The mood model
 * gets `budgetMs` (50 ms); when it is slower the check still answers, from the cue lists alone.
 */
export async function checkTone(
  draftText: string,
  conversationMood: ConversationMood | undefined,
  analyzeText: AnalyzeText,
  options: ToneCheckOptions = {},
): Promise<ToneCheck> {
  const started = performance.now();
  const budgetMs = options.budgetMs ?? 50;
  const text = draftText.trim();
  const reasons: ToneReason[] = [];

  let sentiment: SentimentResult | undefined;
  if (text !== '') {
    try {
      const analysis = await withTimeout(Promise.resolve(analyzeText(text, options.signal)), budgetMs);
      sentiment = analysis?.sentiment;
    } catch {
      // A failing analyzer must not block typing: the check falls back to the cue lists and says so below.
      sentiment = undefined;
    }
    if (!sentiment) {
      reasons.push({ code: 'analysis-skipped' });
    }
  }

  const words = countWords(text);
  const greeted = greetingPattern.test(text);
  const acknowledged = acknowledgementPattern.test(text) || hasEmpathyCue(text);
  const empathic = hasEmpathyCue(text);

  const curt = text !== '' && words < curtWordCount && (!greeted || !acknowledged);
  if (curt) {
    reasons.push({ code: 'too-short' });
    if (!greeted) reasons.push({ code: 'no-greeting' });
    if (!acknowledged) reasons.push({ code: 'no-acknowledgement' });
  }

  const flatOrNegative = sentiment ? sentiment.label !== 'positive' : true;
  const cold = text !== '' && flatOrNegative && !empathic;
  if (cold) {
    if (sentiment?.label === 'negative') {
      reasons.push({ code: 'negative-sentiment' });
    }
    reasons.push({ code: 'no-empathy' });
  }

  const label: ToneLabel =
    curt && cold ? 'curt-and-cold' : curt ? 'curt' : cold ? 'cold' : empathic || greeted ? 'warm' : 'neutral';
  const upset = conversationMood ? isCustomerUpset(conversationMood) : false;
  const level = upset && (curt || cold) ? 'warn' : 'ok';
  const result: ToneCheck = {
    level,
    label,
    reasons: level === 'warn' ? reasons : reasons.filter((r) => r.code === 'analysis-skipped'),
    elapsedMs: performance.now() - started,
  };
  if (sentiment) result.sentiment = sentiment;
  return result;
}

export interface DebouncedToneChecker {
  /** Schedules a check of the latest text; earlier pending checks are dropped. */
  update(draftText: string, conversationMood: ConversationMood | undefined): void;
  /** Drops any pending or running check. */
  cancel(): void;
}

/**
 * Runs `checkTone` while the agent types: waits `delayMs` after the last keystroke, drops results that arrive after a
 * newer text, and never runs two checks at once.
 */
export function createToneChecker(options: {
  analyzeText: AnalyzeText;
  onResult: (result: ToneCheck, text: string) => void;
  onError?: (error: unknown) => void;
  delayMs?: number;
  budgetMs?: number;
}): DebouncedToneChecker {
  const delayMs = options.delayMs ?? 300;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;
  let controller: AbortController | undefined;

  const cancel = (): void => {
    generation++;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    controller?.abort();
    controller = undefined;
  };

  return {
    update(draftText, conversationMood) {
      cancel();
      const mine = generation;
      timer = setTimeout(() => {
        timer = undefined;
        controller = new AbortController();
        const budget = options.budgetMs === undefined ? {} : { budgetMs: options.budgetMs };
        checkTone(draftText, conversationMood, options.analyzeText, { ...budget, signal: controller.signal }).then(
          (result) => {
            if (mine === generation) options.onResult(result, draftText);
          },
          (error: unknown) => {
            if (mine === generation) options.onError?.(error);
          },
        );
      }, delayMs);
    },
    cancel,
  };
}
