import type { CustomerState, Emotion, Language } from '../../analysis/types';
import { emotionOfState } from '../../analysis/verdict';
import type { TemplateRecord } from '../../db';
import type { Intent } from '../../models/types';
import type { GermanFormality } from '../../settings';
import type { TemplateTone } from './schema';

/** What the panel knows about the conversation when it asks for suggestions. */
export interface SuggestionContext {
  /** The intent classifier's output, highest first (empty while it is not ready). */
  intents: readonly { intent: Intent; p: number }[];
  /** The conversation's mood; null while it is being analysed. */
  mood: {
    current: {
      sentiment: { label: 'negative' | 'neutral' | 'positive' };
      dominantEmotion: Emotion;
      /** The one verdict (lib/analysis/verdict.ts): tone follows it, as the badge and headline do. */
      state: CustomerState;
      upset: boolean;
    };
    confidence: number;
    offensive?: boolean;
  } | null;
  /** The conversation's language; 'other' prefers nothing. */
  language: Language;
  /** The team's German form of address (settings `replies.germanFormality`). */
  formality: GermanFormality;
  /** How many suggestions (3 in the panel). */
  limit?: number;
}

/** Why a template was suggested, structured so the UI can translate it. */
export type SuggestionFactor =
  | { kind: 'intent'; intents: Intent[]; p: number }
  | { kind: 'tone'; tone: TemplateTone; customer: CustomerMood; emotion?: Emotion }
  | { kind: 'language'; language: 'en' | 'de'; formality?: GermanFormality }
  | { kind: 'usage'; count: number };

export interface TemplateSuggestion {
  template: TemplateRecord;
  /** Higher is better; only meaningful relative to the other suggestions. */
  score: number;
  /** Short English phrases ("matches: refund", "apologetic tone for an angry customer", "German, Sie"). */
  reasons: string[];
  factors: SuggestionFactor[];
}

/** How the customer comes across, as far as the choice of tone is concerned. */
export type CustomerMood = 'upset' | 'happy' | 'calm';

// Tone fit by customer mood. The gap between the apologetic and the neutral variant (0.25) is larger than the usage
// tiebreaker can ever add, so an upset customer always sees the apologetic variant of the same intent first.
const TONE_FIT: Record<CustomerMood, Record<TemplateTone, number>> = {
  upset: { apologetic: 0.35, neutral: 0.1, warm: -0.15 },
  happy: { apologetic: -0.1, neutral: 0.1, warm: 0.35 },
  calm: { apologetic: 0, neutral: 0.15, warm: 0.05 },
};
const INTENT_MIN_P = 0.05;
const INTENT_REASON_MIN_P = 0.15;
const LANGUAGE_MATCH = 0.2;
const FORMALITY_MATCH = 0.1;
const FORMALITY_MISMATCH = -0.2;
const USAGE_MAX = 0.03;

/**
 * Reads the customer's mood for tone choice from the one verdict: upset (angry, frustrated, anxious, sad) or abusive
 * gets the apologetic variant; a confused or calm customer is not upset, whatever the sentiment's wording.
 */
export function classifyCustomerMood(mood: NonNullable<SuggestionContext['mood']>): CustomerMood {
  const { state, upset } = mood.current;
  if (mood.offensive || upset) return 'upset';
  if (state === 'grateful' || state === 'happy') return 'happy';
  return 'calm';
}

const CUSTOMER_PHRASE: Record<Emotion, string> = {
  angry: 'an angry customer',
  frustrated: 'a frustrated customer',
  sad: 'a disappointed customer',
  anxious: 'a worried customer',
  confused: 'a confused customer',
  grateful: 'a grateful customer',
  happy: 'a happy customer',
  neutral: 'a calm customer',
};

function describeFactor(factor: SuggestionFactor): string {
  switch (factor.kind) {
    case 'intent':
      return `matches: ${factor.intents.map((intent) => intent.replace(/-/g, ' ')).join(', ')}`;
    case 'tone': {
      let who = factor.emotion ? CUSTOMER_PHRASE[factor.emotion] : 'a calm customer';
      // The dominant emotion may be neutral while the sentiment is clearly negative or positive.
      if (factor.customer === 'upset' && !factor.emotion) who = 'an unhappy customer';
      if (factor.customer === 'happy' && !factor.emotion) who = 'a happy customer';
      return `${factor.tone} tone for ${who}`;
    }
    case 'language':
      return factor.language === 'en' ? 'English' : `German, ${factor.formality === 'du' ? 'du' : 'Sie'}`;
    case 'usage':
      return `used ${factor.count} times`;
  }
}

function intentMatch(template: TemplateRecord, intents: SuggestionContext['intents']) {
  let p = 0;
  const matched: Intent[] = [];
  for (const { intent, p: probability } of intents) {
    if (!template.intents.includes(intent)) continue;
    p = Math.max(p, probability);
    if (probability >= INTENT_REASON_MIN_P) matched.push(intent);
  }
  return { p, matched };
}

/** What makes two templates the same reply, whichever source delivered each (a file import and a team pack). */
function sameReplyKey(template: TemplateRecord): string {
  const squash = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();
  return `${template.language}|${template.formality ?? ''}|${squash(template.title)}|${squash(template.body)}`;
}

/** One template per reply: a team pack's copy is kept over a personal one, then the more used. */
function withoutDuplicates(templates: readonly TemplateRecord[]): TemplateRecord[] {
  const kept = new Map<string, TemplateRecord>();
  for (const template of templates) {
    const key = sameReplyKey(template);
    const other = kept.get(key);
    const better =
      !other ||
      (other.owner === 'personal' && template.owner !== 'personal') ||
      ((other.owner === 'personal') === (template.owner === 'personal') && template.usageCount > other.usageCount);
    if (better) kept.set(key, template);
  }
  return [...kept.values()];
}

/**
 * Picks the best templates for a conversation (three by default). The score adds up the probability of the template's
 * best-matching intent, how well its tone fits the customer's mood (apologetic for an upset customer, warm for a happy
 * one), its language and German formality, and a small usage-count tiebreaker. Templates in another language than the
 * conversation's are only offered when none in its language exist; when some template matches a likely intent, only
 * matching templates are offered.
 */
export function suggestTemplates(
  templates: readonly TemplateRecord[],
  context: SuggestionContext,
): TemplateSuggestion[] {
  const active = withoutDuplicates(templates.filter((template) => template.deletedAt === undefined));
  const target = context.language === 'de' || context.language === 'en' ? context.language : null;
  const sameLanguage = target ? active.filter((template) => template.language === target) : [];
  const pool = sameLanguage.length > 0 ? sameLanguage : active;

  const matches = new Map(pool.map((template) => [template.id, intentMatch(template, context.intents)]));
  const anyMatch = pool.some((template) => (matches.get(template.id)?.p ?? 0) >= INTENT_MIN_P);
  const candidates = anyMatch ? pool.filter((template) => (matches.get(template.id)?.p ?? 0) >= INTENT_MIN_P) : pool;

  const customer = context.mood ? classifyCustomerMood(context.mood) : null;
  const moodWeight = context.mood ? Math.min(1, Math.max(0.5, context.mood.confidence)) : 0;
  const state = context.mood?.current.state;
  const emotion: Emotion | undefined = state === undefined ? undefined : emotionOfState(state);
  const maxUsage = Math.max(0, ...candidates.map((template) => template.usageCount));

  const scored = candidates.map((template): TemplateSuggestion => {
    const factors: SuggestionFactor[] = [];
    let score = 0;

    const intent = matches.get(template.id) ?? { p: 0, matched: [] };
    score += intent.p;
    if (intent.matched.length > 0) factors.push({ kind: 'intent', intents: intent.matched, p: intent.p });

    if (customer) {
      const fit = TONE_FIT[customer][template.tone];
      score += fit * moodWeight;
      if (fit > 0.1) {
        const shownEmotion = emotion && emotion !== 'neutral' ? emotion : undefined;
        factors.push({
          kind: 'tone',
          tone: template.tone,
          customer,
          ...(shownEmotion ? { emotion: shownEmotion } : {}),
        });
      }
    }

    if (target && template.language === target) {
      score += LANGUAGE_MATCH;
      if (template.language === 'de' && template.formality) {
        const fits = template.formality === context.formality;
        score += fits ? FORMALITY_MATCH : FORMALITY_MISMATCH;
        if (fits) factors.push({ kind: 'language', language: 'de', formality: template.formality });
      } else {
        factors.push({ kind: 'language', language: template.language });
      }
    }

    if (maxUsage > 0 && template.usageCount > 0) {
      score += (USAGE_MAX * Math.log1p(template.usageCount)) / Math.log1p(maxUsage);
      if (template.usageCount >= 5) factors.push({ kind: 'usage', count: template.usageCount });
    }

    return { template, score: Math.round(score * 1000) / 1000, reasons: factors.map(describeFactor), factors };
  });

  return scored
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.template.usageCount - a.template.usageCount ||
        a.template.title.localeCompare(b.template.title) ||
        a.template.id.localeCompare(b.template.id),
    )
    .slice(0, context.limit ?? 3);
}
