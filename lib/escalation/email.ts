import { isEmailAddress } from '../email-address';
import { createTranslator } from '../i18n';
import { type HandoffSummary, renderHandoffText } from './summary';
import type { ActionResult, EscalationLanguage } from './types';

/**
 * The email action prepares a draft to the team lead; the panel opens it (a `mailto:` link, or Gmail's compose window
 * when the agent works in Gmail). Nothing is sent without the agent pressing Send.
 */

export interface EmailActionInput {
  to: string;
  summary: HandoffSummary;
  lang: EscalationLanguage;
  /** The page the agent is on; on Gmail the draft opens in the same Gmail account. */
  pageUrl?: string;
}

// Mail clients on Windows cut mailto links near 2,000 characters; Gmail's compose URL takes far more.
const mailtoMaxLength = 1_900;
const gmailMaxLength = 7_500;

/** Whether `address` looks like an address a draft can go to (the settings form and the escalation check agree). */
export function isTeamLeadAddress(address: string): boolean {
  return isEmailAddress(address);
}

/** The subject line of an escalation email ("Escalation: Where is my order? — Anna Weber"). */
export function escalationSubject(summary: HandoffSummary): string {
  const t = createTranslator(summary.lang);
  const customer = summary.customer.name ?? summary.customer.email;
  const subject = summary.subject.trim() || t('escalationActions.email.noSubject');
  return customer
    ? t('escalationActions.email.subjectWithCustomer', { subject, customer })
    : t('escalationActions.email.subject', { subject });
}

/** Shortens `body` until `build(body)` fits in `max` characters, marking the cut. */
function fitUrl(body: string, max: number, marker: string, build: (body: string) => string): string {
  if (build(body).length <= max) return build(body);
  let length = body.length;
  while (length > 0) {
    length = Math.floor(length * 0.9);
    const candidate = `${body.slice(0, length).trimEnd()}\n${marker}`;
    if (build(candidate).length <= max) return build(candidate);
  }
  return build(marker);
}

/** A `mailto:` URL; RFC 6068 wants %20 for spaces and CRLF line breaks, which encodeURIComponent gives. */
export function buildMailtoUrl(to: string, subject: string, body: string): string {
  const crlf = body.replace(/\r?\n/g, '\r\n');
  return `mailto:${encodeURIComponent(to).replace(/%40/g, '@')}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(crlf)}`;
}

/** Gmail's compose window for the signed-in account at `accountIndex` (the `/u/N/` of the current Gmail URL). */
export function buildGmailComposeUrl(to: string, subject: string, body: string, accountIndex = '0'): string {
  const params = new URLSearchParams({ view: 'cm', fs: '1', to, su: subject, body });
  return `https://mail.google.com/mail/u/${accountIndex}/?${params.toString()}`;
}

function gmailAccountIndex(pageUrl: string | undefined): string | undefined {
  if (!pageUrl) return undefined;
  try {
    const url = new URL(pageUrl);
    if (url.hostname !== 'mail.google.com') return undefined;
    return /^\/mail\/u\/(\d+)/.exec(url.pathname)?.[1] ?? '0';
  } catch {
    // Not a URL: no Gmail account to target, the plain mailto draft serves.
    return undefined;
  }
}

/** Prepares the email draft to the team lead. Never throws. */
export async function runEmailAction(input: EmailActionInput): Promise<ActionResult> {
  const t = createTranslator(input.lang);
  const to = input.to.trim();
  if (!isEmailAddress(to)) {
    return { action: 'email', ok: false, detail: t('escalationActions.result.emailBadAddress'), retryable: false };
  }
  const cut = t('escalationActions.email.cut');
  const openMail = t('escalationActions.email.openMail');
  const subject = escalationSubject(input.summary);
  const body = renderHandoffText(input.summary);
  const mailto = fitUrl(body, mailtoMaxLength, cut, (candidate) => buildMailtoUrl(to, subject, candidate));
  const account = gmailAccountIndex(input.pageUrl);
  const followUp: ActionResult['followUp'] =
    account === undefined
      ? { kind: 'open-url', url: mailto, label: openMail, alternatives: [] }
      : {
          kind: 'open-url',
          url: fitUrl(body, gmailMaxLength, cut, (candidate) => buildGmailComposeUrl(to, subject, candidate, account)),
          label: t('escalationActions.email.openGmail'),
          alternatives: [{ url: mailto, label: openMail }],
        };
  return {
    action: 'email',
    ok: true,
    detail: t('escalationActions.result.emailReady', { to }),
    retryable: false,
    followUp,
  };
}
