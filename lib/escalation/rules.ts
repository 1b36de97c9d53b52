import type { ConversationMood, Emotion, MessageMood, UrgencyReason, UrgencyReasonKind } from '../analysis/types';
import { createTranslator } from '../i18n';
import type { EscalationSettings } from '../settings';
import type { Conversation, ConversationMessage } from '../sites/types';
import { formatPercent, formatScore } from './format';
import { labelUrgencyReason } from './labels';
import type {
  EscalationAdvice,
  EscalationEvidence,
  EscalationLanguage,
  EscalationReason,
  EscalationReasonKind,
} from './types';

export type EscalationRules = EscalationSettings['rules'];

export interface EvaluateOptions {
  /** The caller knows the customer is a VIP (a helpdesk field, a CRM tag) beyond `rules.vipCustomers`. */
  isVip?: boolean;
  /** Language of the reasons' sentences. */
  lang?: EscalationLanguage;
}

/** A worsening run must lose at least this much sentiment score (−1…1) from its first to its last message. */
const worseningMinDrop = 0.3;
/** …must end clearly negative… */
const worseningMaxLastScore = -0.2;
/** …and may not recover by more than this between two messages (a brief "thanks" does not break the run). */
const worseningStepTolerance = 0.1;
const maxPhraseLength = 80;

function trimPhrase(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > maxPhraseLength ? `${flat.slice(0, maxPhraseLength - 1)}…` : flat;
}

function customerMessages(conversation: Conversation): ConversationMessage[] {
  return conversation.messages.filter((message) => message.role === 'customer');
}

function emotionP(emotions: { label: Emotion; p: number }[], label: Emotion): number {
  return emotions.find((entry) => entry.label === label)?.p ?? 0;
}

/** The strongest evidence span of `labels` in a message, as the text it covers. */
function phraseFromEvidence(message: ConversationMessage, mood: MessageMood, labels: string[]): string | undefined {
  let best: { start: number; end: number; weight: number } | undefined;
  for (const span of mood.evidence) {
    if (!labels.includes(span.label)) continue;
    if (!best || span.weight > best.weight) best = span;
  }
  if (!best) return undefined;
  const phrase = message.text.slice(best.start, best.end).trim();
  return phrase ? trimPhrase(phrase) : undefined;
}

function emotionReason(
  kind: 'anger' | 'frustration',
  emotion: Emotion,
  threshold: number,
  conversation: Conversation,
  mood: ConversationMood,
): { p: number; inLatest: boolean; evidence: EscalationEvidence[] } | undefined {
  const current = emotionP(mood.current.emotions, emotion);
  // The conversation's current mood is what the rule is about; the latest customer message alone can also carry it
  // when the aggregate lags behind (one furious message after several calm ones).
  let strongest: { message: ConversationMessage; mood: MessageMood; p: number } | undefined;
  for (const message of customerMessages(conversation)) {
    const messageMood = mood.messages[message.id];
    if (!messageMood) continue;
    const p = emotionP(messageMood.emotions, emotion);
    if (!strongest || p >= strongest.p) strongest = { message, mood: messageMood, p };
  }
  const latest = lastAnalysedCustomerMessage(conversation, mood);
  // One verdict: the reason names the state the headline and badge show (the conversation's, or the latest
  // message's), so "Anger is high" never stands beside a "Frustrated" headline.
  const conversationIs = mood.current.state === emotion;
  const latestIs = latest?.mood.state === emotion;
  if (!conversationIs && !latestIs) return undefined;
  const latestP = latest && latestIs ? emotionP(latest.mood.emotions, emotion) : 0;
  const p = Math.max(conversationIs ? current : 0, latestP);
  if (threshold <= 0 || p < threshold) return undefined;
  const source = latest && latestP >= threshold ? latest : strongest;
  const evidence: EscalationEvidence[] = [];
  if (source) {
    const phrase = phraseFromEvidence(source.message, source.mood, [emotion, kind]);
    evidence.push(phrase ? { messageId: source.message.id, phrase } : { messageId: source.message.id });
  }
  return { p, inLatest: latestP > (conversationIs ? current : 0), evidence };
}

function lastAnalysedCustomerMessage(
  conversation: Conversation,
  mood: ConversationMood,
): { message: ConversationMessage; mood: MessageMood } | undefined {
  const messages = customerMessages(conversation);
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    const messageMood = message ? mood.messages[message.id] : undefined;
    if (message && messageMood) return { message, mood: messageMood };
  }
  return undefined;
}

/** The last `window` customer messages' scores when they form a worsening run, else undefined. */
function worseningRun(
  conversation: Conversation,
  mood: ConversationMood,
  window: number,
): { ids: string[]; scores: number[] } | undefined {
  if (window < 2) return undefined;
  const analysed = customerMessages(conversation).flatMap((message) => {
    const messageMood = mood.messages[message.id];
    return messageMood ? [{ id: message.id, score: messageMood.sentiment.score }] : [];
  });
  // Without per-message moods (an older analysis result) the sparkline series carries the same scores.
  const points: { id?: string; score: number }[] =
    analysed.length >= window ? analysed : mood.series.map((score) => ({ score }));
  if (points.length < window) return undefined;
  const run = points.slice(-window);
  const scores = run.map((point) => point.score);
  const first = scores[0] ?? 0;
  const last = scores[scores.length - 1] ?? 0;
  if (first - last < worseningMinDrop || last > worseningMaxLastScore) return undefined;
  for (let index = 1; index < scores.length; index++) {
    const step = (scores[index] ?? 0) - (scores[index - 1] ?? 0);
    if (step > worseningStepTolerance) return undefined;
  }
  return { ids: run.flatMap((point) => (point.id ? [point.id] : [])), scores };
}

/** Urgency reasons of one kind, each with the customer message it came from when the per-message moods tell. */
function urgencyEvidence(
  conversation: Conversation,
  mood: ConversationMood,
  kind: UrgencyReasonKind,
): EscalationEvidence[] {
  const evidence: EscalationEvidence[] = [];
  const byPhrase = new Map<string, EscalationEvidence>();
  const add = (reason: UrgencyReason, messageId: string | undefined): void => {
    const phrase = trimPhrase(reason.phrase);
    const existing = byPhrase.get(phrase.toLowerCase());
    if (existing) {
      // The conversation-level reason repeats a message's: keep the one entry, naming its message.
      existing.messageId ??= messageId;
      return;
    }
    const entry: EscalationEvidence = messageId ? { messageId, phrase } : { phrase };
    byPhrase.set(phrase.toLowerCase(), entry);
    evidence.push(entry);
  };
  for (const message of customerMessages(conversation)) {
    for (const reason of mood.messages[message.id]?.urgency.reasons ?? []) {
      if (reason.kind === kind) add(reason, message.id);
    }
  }
  for (const reason of mood.urgency.reasons) {
    if (reason.kind === kind) add(reason, undefined);
  }
  return evidence;
}

function customerEmail(conversation: Conversation): string | undefined {
  const email =
    conversation.customer.email ??
    conversation.messages.find((message) => message.role === 'customer' && message.author.email)?.author.email;
  return email?.trim().toLowerCase() || undefined;
}

/**
 * The VIP entry matching an email: an exact address, or a domain ("acme.com", "@acme.com") that also covers its
 * subdomains.
 */
export function matchVip(email: string | undefined, vipCustomers: readonly string[]): string | undefined {
  if (!email) return undefined;
  const address = email.trim().toLowerCase();
  const domain = address.split('@')[1] ?? '';
  for (const raw of vipCustomers) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry.includes('@') && !entry.startsWith('@')) {
      if (entry === address) return raw.trim();
      continue;
    }
    const vipDomain = entry.replace(/^@/, '').replace(/^\*\./, '');
    if (domain && (domain === vipDomain || domain.endsWith(`.${vipDomain}`))) return raw.trim();
  }
  return undefined;
}

function firstPhrase(evidence: EscalationEvidence[]): string | undefined {
  return evidence.find((entry) => entry.phrase)?.phrase;
}

/**
 * Decides whether to recommend escalating a conversation, and why, from its mood and the team's rules.
 *
 * Rules: anger or frustration at or above their thresholds (current mood or the latest customer message); sentiment
 * worsening over the last `worseningWindow` customer messages; abusive language; legal, chargeback or cancellation
 * threats and critical urgency (from the mood's urgency reasons); `repeatedContactCount` customer messages in a row
 * without an agent answer (or the customer saying they wrote before); a VIP customer whose mood is negative. A VIP
 * with a happy message is not escalation-worthy on its own, so VIP only fires together with a negative mood.
 * A threshold or count of 0 turns its rule off.
 */
export function evaluateEscalation(
  conversation: Conversation,
  mood: ConversationMood,
  rules: EscalationRules,
  options: EvaluateOptions = {},
): EscalationAdvice {
  const lang = options.lang ?? 'en';
  const t = createTranslator(lang);
  const quote = (phrase: string): string => t('escalationReason.quoted', { phrase });
  const reasons: EscalationReason[] = [];
  const add = (kind: EscalationReasonKind, text: string, evidence: EscalationEvidence[]): void => {
    reasons.push({ kind, text, evidence });
  };

  // Anger and frustration share one rule shape: the emotion's figure against its threshold, naming the latest message
  // when the figure is that message's rather than the conversation's the mood card shows.
  const emotionRules = [
    { kind: 'anger', emotion: 'angry', threshold: rules.angerThreshold },
    { kind: 'frustration', emotion: 'frustrated', threshold: rules.frustrationThreshold },
  ] as const;
  for (const rule of emotionRules) {
    const found = emotionReason(rule.kind, rule.emotion, rule.threshold, conversation, mood);
    if (!found) continue;
    const { p, inLatest } = found;
    add(
      rule.kind,
      t(inLatest ? 'escalationReason.emotionHighLatest' : 'escalationReason.emotionHigh', {
        emotion: t(`escalationReason.emotion.${rule.kind}`),
        p: formatPercent(p, lang),
        threshold: formatPercent(rule.threshold, lang),
      }),
      found.evidence,
    );
  }

  const run = worseningRun(conversation, mood, rules.worseningWindow);
  if (run) {
    const from = formatScore(run.scores[0] ?? 0, lang);
    const to = formatScore(run.scores[run.scores.length - 1] ?? 0, lang);
    const count = run.scores.length;
    add(
      'worsening',
      t('escalationReason.worsening', { count, from, to }),
      run.ids.map((messageId) => ({ messageId })),
    );
  }

  if (rules.abusive) {
    const evidence: EscalationEvidence[] = [];
    for (const message of customerMessages(conversation)) {
      const messageMood = mood.messages[message.id];
      if (!messageMood?.offensive.isOffensive) continue;
      const phrase = phraseFromEvidence(message, messageMood, ['offensive', 'abusive', 'insult', 'toxic']);
      evidence.push(phrase ? { messageId: message.id, phrase } : { messageId: message.id });
    }
    if (mood.offensive || evidence.length > 0) {
      const phrase = firstPhrase(evidence);
      add(
        'abusive',
        phrase ? t('escalationReason.abusive', { phrase: quote(phrase) }) : t('escalationReason.abusiveNoPhrase'),
        evidence,
      );
    }
  }

  const threats: {
    kind: 'legal-threat' | 'chargeback-threat' | 'cancellation-threat' | 'public-review';
    on: boolean;
  }[] = [
    { kind: 'legal-threat', on: rules.legalThreats },
    { kind: 'chargeback-threat', on: rules.chargebackThreats },
    { kind: 'cancellation-threat', on: rules.cancellationThreats },
    // Going public is the other way an upset customer takes their business elsewhere: the same switch as leaving.
    { kind: 'public-review', on: rules.cancellationThreats },
  ];
  for (const threat of threats) {
    if (!threat.on) continue;
    const evidence = urgencyEvidence(conversation, mood, threat.kind);
    if (evidence.length === 0) continue;
    const phrase = firstPhrase(evidence);
    const head = t(`escalationReason.threat.${threat.kind}`);
    add(
      threat.kind,
      phrase
        ? t('escalationReason.withPhrase', { head, phrase: quote(phrase) })
        : t('escalationReason.plain', { head }),
      evidence,
    );
  }

  if (rules.criticalUrgency && mood.urgency.level === 'critical') {
    const drivers = mood.urgency.reasons;
    const kinds = [...new Set(drivers.map((reason) => labelUrgencyReason(reason.kind, lang)))];
    add(
      'critical-urgency',
      kinds.length > 0
        ? t('escalationReason.criticalBecause', { kinds: kinds.join(', ') })
        : t('escalationReason.critical'),
      drivers.map((reason) => ({ phrase: trimPhrase(reason.phrase) })),
    );
  }

  if (rules.repeatedContactCount > 0) {
    const unanswered: string[] = [];
    for (let index = conversation.messages.length - 1; index >= 0; index--) {
      const message = conversation.messages[index];
      if (!message || message.role === 'agent') break;
      // Internal notes and system lines are not answers the customer saw: they do not end the run.
      if (message.role === 'customer') unanswered.unshift(message.id);
    }
    const mentioned = urgencyEvidence(conversation, mood, 'repeated-contact');
    if (unanswered.length >= rules.repeatedContactCount) {
      const count = unanswered.length;
      add(
        'repeated-contact',
        t('escalationReason.unanswered', { count }),
        unanswered.map((messageId) => ({ messageId })),
      );
    } else if (mentioned.length > 0) {
      const phrase = firstPhrase(mentioned) ?? '';
      add('repeated-contact', t('escalationReason.inTouchBefore', { phrase: quote(phrase) }), mentioned);
    }
  }

  const email = customerEmail(conversation);
  const vipEntry = matchVip(email, rules.vipCustomers);
  const isVip = options.isVip === true || vipEntry !== undefined;
  if (isVip && (mood.current.sentiment.label === 'negative' || reasons.length > 0)) {
    const who = vipEntry ?? email ?? conversation.customer.name ?? '';
    add('vip', who ? t('escalationReason.vipNamed', { who }) : t('escalationReason.vip'), []);
  }

  return { recommend: reasons.length > 0, reasons };
}
