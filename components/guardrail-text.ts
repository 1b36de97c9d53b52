import type { ClaimState } from '../lib/replies/claims';
import type { GuardrailWarning } from '../lib/replies/guardrails';
import type { DraftsMessageKey } from '../lib/replies/messages';

/** The drafting catalogue's translator (`draftsMessages(language)`). */
export type DraftsTranslate = (key: DraftsMessageKey, params?: Record<string, string | number>) => string;

/** Claimed states as one phrase: "the refund has started and the order has shipped". */
export function describeClaims(states: readonly ClaimState[], td: DraftsTranslate): string {
  return states.map((state) => td(`claim.${state}`)).join(td('claim.and'));
}

/** A stable React key for a warning. */
export function warningKey(warning: GuardrailWarning): string {
  switch (warning.kind) {
    case 'placeholder':
      return `placeholder:${warning.placeholder}`;
    case 'offer-not-in-policy':
      return `offer:${warning.offer}`;
    case 'unknown-number':
      return `number:${warning.value}`;
    case 'unsupported-claim':
      return `claim:${warning.state}`;
  }
}

/** One guardrail warning in the same words for drafts and templates. */
export function describeWarning(warning: GuardrailWarning, td: DraftsTranslate): string {
  switch (warning.kind) {
    case 'placeholder':
      return td('guard.placeholder', { placeholder: warning.placeholder });
    case 'offer-not-in-policy':
      return td('guard.offer', { offer: td(`offer.${warning.offer}`), phrase: warning.phrase });
    case 'unknown-number':
      return td('guard.number', { value: warning.value });
    case 'unsupported-claim':
      return td('guard.claim', { claim: td(`claim.${warning.state}`), phrase: warning.phrase });
  }
}
