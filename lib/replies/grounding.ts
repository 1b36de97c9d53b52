/**
 * What a reply draft is grounded in (issue 19): the customer's main request and other asks, their state (the one
 * verdict, not raw sentiment), the facts found in the conversation, what the conversation shows as done, and what
 * a draft must therefore not claim. One pure reading shared by the model's prompt and the scripted demo drafts, so
 * both say only what the conversation supports.
 */
import type { CustomerState, Language } from '../analysis/types';
import type { Intent } from '../models/types';
import type { GermanFormality } from '../settings';
import { type ClaimState, claimStates, conversationFacts } from './claims';
import { type DraftRequest, resolveLanguage } from './engine';
import { conversationDraftFacts, type DraftFacts } from './facts';
import { type ExtractedRequest, extractRequests } from './request';

export interface DraftGrounding {
  language: Language;
  /** Du or Sie for German replies (the request's, which `buildDraftRequest` reads from the conversation). */
  form: GermanFormality;
  /** The customer's asks, main ask first (empty when no message names one). */
  requests: ExtractedRequest[];
  /** The main request: the extracted one, else the intent model's best guess. */
  main: Intent | undefined;
  /** The customer's state (`mood.current.state`); absent while the analysis runs. */
  state: CustomerState | undefined;
  /** Upset or abusive: drafts acknowledge and de-escalate first. */
  upset: boolean;
  facts: DraftFacts;
  /** States the conversation shows as true, in `claimStates` order. */
  shown: ClaimState[];
  /** Every state a draft must not assert: all the conversation does not show. */
  mustNotClaim: ClaimState[];
}

const cache = new WeakMap<DraftRequest, DraftGrounding>();

/** Reads a draft request's grounding; the same request object gives the same (cached) result. */
export function groundDraft(request: DraftRequest): DraftGrounding {
  const cached = cache.get(request);
  if (cached) return cached;
  const { conversation, mood } = request;
  const requests = extractRequests(conversation.messages, conversation.subject);
  const shownSet = conversationFacts(conversation);
  const grounding: DraftGrounding = {
    language: resolveLanguage(request),
    form: request.replies.germanFormality,
    requests,
    // A happy message with no ask ("Juhu, hat geklappt!") is thanks, whatever word the classifier leans on.
    main:
      requests[0]?.intent ??
      (mood?.current.state === 'grateful' || mood?.current.state === 'happy' ? 'thank-you' : request.intent?.intent),
    state: mood?.current.state,
    upset: Boolean(mood && (mood.current.upset || mood.offensive)),
    facts: conversationDraftFacts(conversation),
    shown: claimStates.filter((state) => shownSet.has(state)),
    mustNotClaim: claimStates.filter((state) => !shownSet.has(state)),
  };
  cache.set(request, grounding);
  return grounding;
}

/** What each state means, as the prompt tells the model what the conversation shows. */
export const claimStateMeaning: Record<ClaimState, string> = {
  'refund-started': 'the refund has been started or issued',
  'item-shipped': 'the order has shipped',
  'item-delivered': 'the order has been delivered',
  'cancellation-done': 'the order has been cancelled',
  'replacement-sent': 'a replacement has been sent',
  'return-received': 'the return has arrived at the warehouse',
  'voucher-issued': 'a voucher has been issued',
  'address-changed': 'the delivery address has been changed',
};

/** The prompt's instruction for each state the conversation does not show. */
export const mustNotClaimRule: Record<ClaimState, string> = {
  'refund-started': 'Do not say the refund has been started or issued; it has not been.',
  'item-shipped': 'Do not say the order has shipped or is on its way; nothing shows that it has.',
  'item-delivered': 'Do not say the order has been delivered or has arrived; nothing shows that it has.',
  'cancellation-done': 'Do not say the order has been cancelled; it has not been.',
  'replacement-sent': 'Do not say a replacement has been sent or is on its way; it has not been.',
  'return-received': 'Do not say the return has arrived or been received; nothing shows that it has.',
  'voucher-issued': 'Do not say a voucher or credit has been issued or sent; it has not been.',
  'address-changed': 'Do not say the address has been changed or updated; it has not been.',
};
