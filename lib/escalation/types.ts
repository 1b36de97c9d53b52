/** Languages escalation texts (reasons, summaries, action details) are written in. */
export type EscalationLanguage = 'en' | 'de';

/** Why the rules recommend escalating. One kind per rule in `EscalationSettings['rules']`. */
export type EscalationReasonKind =
  | 'anger'
  | 'frustration'
  | 'worsening'
  | 'abusive'
  | 'legal-threat'
  | 'chargeback-threat'
  | 'cancellation-threat'
  | 'public-review'
  | 'critical-urgency'
  | 'repeated-contact'
  | 'vip';

/** What in the conversation made a rule fire: a message, and the phrase in it when one is known. */
export interface EscalationEvidence {
  messageId?: string;
  phrase?: string;
}

export interface EscalationReason {
  kind: EscalationReasonKind;
  /** A sentence a person reads in the panel and the handoff summary, in the language asked for. */
  text: string;
  evidence: EscalationEvidence[];
}

export interface EscalationAdvice {
  recommend: boolean;
  reasons: EscalationReason[];
}

/** The actions an escalation can run, in the order it runs and records them (lib/escalation/actions.ts has each one). */
export const actionNames = ['zendesk', 'freshdesk', 'webhook', 'email', 'clipboard'] as const;
export type ActionName = (typeof actionNames)[number];

/** What the UI does to finish an action it alone can finish (opening a draft, writing the clipboard). */
export type ActionFollowUp =
  | { kind: 'open-url'; url: string; label: string; alternatives: { url: string; label: string }[] }
  | { kind: 'copy-text'; text: string };

/** The outcome of one action. Actions never throw: every failure ends up here. */
export interface ActionResult {
  action: ActionName;
  ok: boolean;
  /** What happened, in the escalation's language, for the panel ("priority raised to urgent, 2 tags added"). */
  detail: string;
  /** True when running the same action again may succeed (network, 5xx, conflict); false for configuration errors. */
  retryable: boolean;
  followUp?: ActionFollowUp;
}

/** The `fetch` actions use; injected so tests (and the content script's page-session fetch) can supply their own. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;
