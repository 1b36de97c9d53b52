import type { Conversation } from '../sites/types';
import { type ClaimState, conversationFacts, unsupportedClaims } from './claims';
import { knownPlaceholders } from './prompt';

/** Kinds of offer a draft may make only when the team's policy text covers them. */
export type OfferKind = 'refund' | 'voucher' | 'discount' | 'compensation';

/** A problem found in a finished draft; the panel shows it beside the draft before the agent inserts it. */
export type GuardrailWarning =
  | { kind: 'offer-not-in-policy'; offer: OfferKind; phrase: string }
  | { kind: 'unknown-number'; value: string }
  | { kind: 'placeholder'; placeholder: string; known: boolean }
  | { kind: 'unsupported-claim'; state: ClaimState; phrase: string };

export interface GuardrailContext {
  conversation: Conversation;
  policyText: string;
  /** Other text the draft may quote numbers from: the templates it was built from, the brand voice. */
  knownText?: string[];
  /** States the conversation shows as true; read from `conversation` when absent. */
  facts?: ReadonlySet<ClaimState>;
  /** The reply's language ('en' | 'de'); anything else checks both. */
  language?: string;
}

/**
 * Offer vocabulary, English and German, as word stems matched at word starts (German compounds such as
 * "Rückerstattung" or "Einkaufsgutschein" are caught by the inner-word patterns).
 */
const offerPatterns: Record<OfferKind, RegExp> = {
  refund:
    /\b(refund\w*|reimburs\w*|money back|pay (?:you )?back)|(?:rück)?erstatt\w*|\bgeld zurück|\bzurückzahl\w*|\bzurückerstatt\w*/giu,
  voucher: /\b(voucher\w*|coupon\w*|gift ?cards?|store credit|credit note)|gutschein\w*|gutschrift\w*/giu,
  discount: /\b(discount\w*|\d+ ?% off|price reduction)|rabatt\w*|preisnachlass\w*|nachlass\w*|\bermäßig\w*/giu,
  compensation:
    /\b(compensat\w*|goodwill|free of charge|free replacement|on the house)|entschädig\w*|kulanz\w*|\bkostenlos\w*|\bkostenfrei\w*|\bgratis\b/giu,
};

/** Words that turn a sentence about an offer into a refusal or a question rather than a promise. */
const negationPattern =
  /\b(not|no|cannot|can't|can ?not|unable|won't|unfortunately|if|whether|check|review|decide|decision|nicht|kein\w*|leider|falls|ob|prüfen|prüf\w*|entscheid\w*)\b/iu;

/** Sentences of a text, with the separator kept out. */
function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/u)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function stripPlaceholders(text: string): string {
  return text.replace(/\[[^\]\n]{1,60}\]/gu, ' ');
}

/** Offer kinds the policy text allows: mentioned in a sentence that does not forbid them. */
export function allowedOffers(policyText: string): Set<OfferKind> {
  const allowed = new Set<OfferKind>();
  for (const sentence of sentences(policyText)) {
    const forbids = /\b(never|no|not|don't|do not|nie|niemals|kein\w*|nicht)\b/iu.test(sentence);
    if (forbids) continue;
    for (const [kind, pattern] of Object.entries(offerPatterns) as [OfferKind, RegExp][]) {
      pattern.lastIndex = 0;
      if (pattern.test(sentence)) allowed.add(kind);
    }
  }
  return allowed;
}

/**
 * Number-like tokens that look like identifiers (order, tracking, invoice numbers): five or more digits, or letters
 * and digits mixed with at least four digits. Money amounts, short counts and dates stay out.
 */
const identifierPattern = /(?<![\w/])#?(?=[A-Z0-9-]*\d{2})[A-Z0-9][A-Z0-9-]{4,}[A-Z0-9](?![\w/])/giu;

function digitsOf(value: string): string {
  return value.replace(/\D/gu, '');
}

function looksLikeIdentifier(token: string): boolean {
  const digits = digitsOf(token).length;
  if (digits >= 5) return true;
  return digits >= 4 && /[a-z]/iu.test(token);
}

function looksLikeDateOrPhone(token: string): boolean {
  // ISO dates and years-with-dashes are dates, not ids.
  return /^\d{4}-\d{2}-\d{2}$/u.test(token) || /^\d{1,2}-\d{1,2}-\d{2,4}$/u.test(token);
}

/**
 * Post-checks a finished draft or a filled template before Insert: offers the policy does not cover, states it asserts
 * that the conversation does not show ("I've started your refund" while the refund is pending), identifiers that
 * appear nowhere in the conversation (likely invented), and placeholders still to be filled. Returns warnings in text
 * order within each kind.
 */
export function checkDraft(draft: string, context: GuardrailContext): GuardrailWarning[] {
  const warnings: GuardrailWarning[] = [];

  const allowed = allowedOffers(context.policyText);
  const reported = new Set<OfferKind>();
  for (const sentence of sentences(stripPlaceholders(draft))) {
    if (negationPattern.test(sentence)) continue;
    for (const [kind, pattern] of Object.entries(offerPatterns) as [OfferKind, RegExp][]) {
      if (allowed.has(kind) || reported.has(kind)) continue;
      pattern.lastIndex = 0;
      const match = pattern.exec(sentence);
      if (match) {
        reported.add(kind);
        warnings.push({ kind: 'offer-not-in-policy', offer: kind, phrase: match[0] });
      }
    }
  }

  const facts = context.facts ?? conversationFacts(context.conversation);
  for (const claim of unsupportedClaims(stripPlaceholders(draft), facts, context.language ?? 'other')) {
    warnings.push({ kind: 'unsupported-claim', state: claim.state, phrase: claim.phrase ?? '' });
  }

  const sources = [
    context.conversation.subject,
    ...context.conversation.messages.map((m) => m.text),
    ...context.conversation.messages.flatMap((m) => m.attachments),
    context.policyText,
    ...(context.knownText ?? []),
  ].join('\n');
  const knownDigits = new Set<string>();
  for (const match of sources.matchAll(identifierPattern)) knownDigits.add(digitsOf(match[0]));
  const knownCompact = sources.replace(/[\s-]/gu, '').toLowerCase();
  const seenNumbers = new Set<string>();
  for (const match of stripPlaceholders(draft).matchAll(identifierPattern)) {
    const token = match[0].replace(/^#/u, '');
    if (!looksLikeIdentifier(token) || looksLikeDateOrPhone(token)) continue;
    const digits = digitsOf(token);
    if (knownDigits.has(digits) || knownCompact.includes(token.replace(/-/gu, '').toLowerCase())) continue;
    if (seenNumbers.has(token)) continue;
    seenNumbers.add(token);
    warnings.push({ kind: 'unknown-number', value: token });
  }

  const known = new Set([...knownPlaceholders.en, ...knownPlaceholders.de].map((p) => p.toLowerCase()));
  const seenPlaceholders = new Set<string>();
  for (const match of draft.matchAll(/\[([^\]\n]{1,60})\]|\{\{\s*([^}\n]{1,60}?)\s*\}\}/gu)) {
    const name = (match[1] ?? match[2] ?? '').trim();
    if (!name || name === '…' || name === '...' || seenPlaceholders.has(name)) continue;
    seenPlaceholders.add(name);
    warnings.push({ kind: 'placeholder', placeholder: match[0], known: known.has(name.toLowerCase()) });
  }

  return warnings;
}
