import type { CustomerState, Emotion, Language } from '../../analysis/types';
import { emotionOfState } from '../../analysis/verdict';
import type { TemplateRecord } from '../../db';
import type { Intent } from '../../models/types';
import type { GermanFormality } from '../../settings';
import { type ClaimState, claimedStates } from '../claims';
import { isTemplateIntent, type TemplateTone } from './schema';

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
  /**
   * States the conversation shows as true (`conversationFacts`). When given, a template claiming anything else is
   * ranked below every template that does not, and offered only when nothing else fits; absent: claims are not checked.
   */
  facts?: ReadonlySet<ClaimState>;
}

/** Why a template was suggested, structured so the UI can translate it. */
export type SuggestionFactor =
  | { kind: 'intent'; intents: Intent[]; p: number }
  | { kind: 'tone'; tone: TemplateTone; customer: CustomerMood; emotion?: Emotion }
  | { kind: 'language'; language: 'en' | 'de'; formality?: GermanFormality }
  | { kind: 'usage'; count: number }
  | { kind: 'claim'; states: ClaimState[] };

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
const INTENT_REASON_MIN_P = 0.15;
// What counts as on topic (issue 19): the main request is the top intent and any intent nearly as likely; an intent
// is on topic from 10 % and a fifth of the main one's probability. A template's first intent is what it is for;
// a match on a later one ("How to return an item" tagged refund too) counts this much of the probability.
const MAIN_SHARE = 0.8;
const ON_TOPIC_MIN_P = 0.1;
const ON_TOPIC_SHARE = 0.2;
const SECONDARY_INTENT = 0.6;
const LANGUAGE_MATCH = 0.2;
const FORMALITY_MATCH = 0.1;
const FORMALITY_MISMATCH = -0.2;
const USAGE_MAX = 0.03;
// Larger than intent, tone, language and usage together: an unsupported claim ranks below every honest template.
const CLAIM_PENALTY = -2;

/** How the ranking's English reasons name each claimed state. */
const CLAIM_PHRASE: Record<ClaimState, string> = {
  'refund-started': 'the refund has started',
  'item-shipped': 'the order has shipped',
  'item-delivered': 'the order was delivered',
  'cancellation-done': 'the order is cancelled',
  'replacement-sent': 'a replacement was sent',
  'return-received': 'the return has arrived',
  'voucher-issued': 'a voucher was issued',
  'address-changed': 'the address was changed',
};

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
    case 'claim':
      return factor.states.map((state) => `claims ${CLAIM_PHRASE[state]} — not shown in this conversation`).join('; ');
  }
}

/**
 * How a template fits the request, best first: 3 its first intent is the main request, 2 its first intent is on
 * topic, 1 only a later intent is, 0 off topic. Suggestions come from the best tier present, so an off-topic template
 * never fills the list while on-topic ones exist, and the top one fits the main request whenever one does.
 */
type IntentTier = 0 | 1 | 2 | 3;

interface IntentMatch {
  /** The probability of the template's best-matching intent, a later intent's discounted. */
  p: number;
  matched: Intent[];
  tier: IntentTier;
}

function intentMatch(
  template: TemplateRecord,
  probabilities: ReadonlyMap<string, number>,
  main: number,
  onTopic: number,
): IntentMatch {
  let p = 0;
  let tier: IntentTier = 0;
  const matched: Intent[] = [];
  template.intents.forEach((tag, index) => {
    const probability = probabilities.get(tag);
    // "Other" is no request: its templates fit only when nothing else is asked.
    if (probability === undefined || (tag === 'other' && probability < main)) return;
    p = Math.max(p, index === 0 ? probability : probability * SECONDARY_INTENT);
    if (probability >= INTENT_REASON_MIN_P && isTemplateIntent(tag)) matched.push(tag);
    const fit: IntentTier = probability < onTopic ? 0 : index > 0 ? 1 : probability >= main ? 3 : 2;
    if (fit > tier) tier = fit;
  });
  return { p, matched, tier };
}

/** What makes two templates the same reply, whichever source delivered each (a file import and a team pack). */
function sameReplyKey(template: TemplateRecord): string {
  const squash = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();
  return `${template.language}|${template.formality ?? ''}|${squash(template.title)}|${squash(template.body)}`;
}

// Records are immutable snapshots (a store update brings new objects), so a key computed once per record stays
// right; ranking 2,000 templates on every analysis update must not squash every body again (≤ 5 ms, issue 19).
const replyKeys = new WeakMap<TemplateRecord, string>();

function cachedReplyKey(template: TemplateRecord): string {
  let key = replyKeys.get(template);
  if (key === undefined) {
    key = sameReplyKey(template);
    replyKeys.set(template, key);
  }
  return key;
}

// Claims depend on the text only, so they are read once per record (ranking 2,000 templates stays within 5 ms).
const claimCache = new WeakMap<TemplateRecord, ClaimState[]>();

function cachedClaims(template: TemplateRecord): ClaimState[] {
  let claims = claimCache.get(template);
  if (claims === undefined) {
    claims = claimedStates(template);
    claimCache.set(template, claims);
  }
  return claims;
}

/** One template per reply: a team pack's copy is kept over a personal one, then the more used. */
function withoutDuplicates(templates: readonly TemplateRecord[]): TemplateRecord[] {
  const kept = new Map<string, TemplateRecord>();
  for (const template of templates) {
    const key = cachedReplyKey(template);
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
 * The `limit` best items in order, without sorting them all: a big library has thousands of candidates when no
 * intent is known yet, and the panel shows three (issue 19: ranking 2,000 templates stays under 5 ms).
 */
function pickBest<T>(items: readonly T[], limit: number, compare: (a: T, b: T) => number): T[] {
  const best: T[] = [];
  for (const item of items) {
    const last = best.at(-1);
    if (best.length >= limit && last !== undefined && compare(item, last) >= 0) continue;
    let at = best.length;
    for (let before = best[at - 1]; before !== undefined && compare(item, before) < 0; before = best[at - 1]) at--;
    best.splice(at, 0, item);
    if (best.length > limit) best.pop();
  }
  return best;
}

/**
 * Picks the best templates for a conversation (three by default). The score adds up the probability of the template's
 * best-matching intent, how well its tone fits the customer's mood (apologetic for an upset customer, warm for a happy
 * one), its language and German formality, and a small usage-count tiebreaker. Templates in another language than the
 * conversation's are only offered when none in its language exist. What the customer asks decides first (issue 19):
 * templates for the main request (the top intent) come before other on-topic ones, and off-topic templates are
 * offered only when nothing matches the request.
 */
export function suggestTemplates(
  templates: readonly TemplateRecord[],
  context: SuggestionContext,
): TemplateSuggestion[] {
  const active = withoutDuplicates(templates.filter((template) => template.deletedAt === undefined));
  const target = context.language === 'de' || context.language === 'en' ? context.language : null;
  const sameLanguage = target ? active.filter((template) => template.language === target) : [];
  const pool = sameLanguage.length > 0 ? sameLanguage : active;

  const probabilities = new Map<string, number>();
  for (const { intent, p } of context.intents) probabilities.set(intent, Math.max(p, probabilities.get(intent) ?? 0));
  const top = Math.max(0, ...probabilities.values());
  const main = top * MAIN_SHARE;
  const onTopic = Math.max(ON_TOPIC_MIN_P, top * ON_TOPIC_SHARE);
  const matches = new Map(pool.map((template) => [template, intentMatch(template, probabilities, main, onTopic)]));
  let bestTier: IntentTier = 0;
  for (const match of matches.values()) if (match.tier > bestTier) bestTier = match.tier;
  // On-topic templates (tiers 2 and 3) when there are any, else those matching on a later intent, else all.
  const lowestTier = bestTier >= 2 ? 2 : bestTier;
  const candidates = pool.filter((template) => (matches.get(template)?.tier ?? 0) >= lowestTier);
  const tierOf = (template: TemplateRecord): number => matches.get(template)?.tier ?? 0;

  const customer = context.mood ? classifyCustomerMood(context.mood) : null;
  const moodWeight = context.mood ? Math.min(1, Math.max(0.5, context.mood.confidence)) : 0;
  const state = context.mood?.current.state;
  const emotion: Emotion | undefined = state === undefined ? undefined : emotionOfState(state);
  const maxUsage = Math.max(0, ...candidates.map((template) => template.usageCount));

  const scored = candidates.map((template): TemplateSuggestion => {
    const factors: SuggestionFactor[] = [];
    let score = 0;

    const intent = matches.get(template) ?? { p: 0, matched: [], tier: 0 };
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

    if (context.facts) {
      const facts = context.facts;
      const claims = cachedClaims(template).filter((state) => !facts.has(state));
      if (claims.length > 0) {
        score += CLAIM_PENALTY;
        factors.push({ kind: 'claim', states: claims });
      }
    }

    return { template, score: Math.round(score * 1000) / 1000, reasons: factors.map(describeFactor), factors };
  });

  // A reply that states something the conversation does not show ("I've started your refund" while it is pending)
  // is offered only when no honest one fits: the agent would otherwise send a false promise with one click.
  const honest = scored.filter((suggestion) => !suggestion.factors.some((factor) => factor.kind === 'claim'));
  const offered = honest.length > 0 ? honest : scored;
  // A Sie conversation is never offered the du variant of a reply (and the other way round) while a variant in the
  // right form fits: one click would address the customer wrongly.
  const wrongForm = (suggestion: TemplateSuggestion): boolean =>
    suggestion.template.language === 'de' &&
    suggestion.template.formality !== undefined &&
    suggestion.template.formality !== context.formality;
  const rightForm = offered.filter((suggestion) => !wrongForm(suggestion));

  return pickBest(
    rightForm.length > 0 ? rightForm : offered,
    context.limit ?? 3,
    (a, b) =>
      tierOf(b.template) - tierOf(a.template) ||
      b.score - a.score ||
      b.template.usageCount - a.template.usageCount ||
      a.template.title.localeCompare(b.template.title) ||
      a.template.id.localeCompare(b.template.id),
  );
}
