import { createTranslator } from '../i18n';
import { type HandoffSummary, renderHandoffText } from './summary';
import type { ActionResult, EscalationLanguage } from './types';

export interface ClipboardActionInput {
  summary: HandoffSummary;
  lang: EscalationLanguage;
}

/**
 * Prepares the handoff summary for the clipboard. Writing the clipboard needs a user gesture in the page the agent
 * clicked, so the panel copies `followUp.text` itself. Never throws.
 */
export async function runClipboardAction(input: ClipboardActionInput): Promise<ActionResult> {
  const detail = createTranslator(input.lang)('escalationActions.result.clipboardReady');
  return {
    action: 'clipboard',
    ok: true,
    detail,
    retryable: false,
    followUp: { kind: 'copy-text', text: renderHandoffText(input.summary) },
  };
}
