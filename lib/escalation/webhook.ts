import { createTranslator, tPlural } from '../i18n';
import { type Attempt, attemptFetch, isRetryableStatus, readErrorText } from './http';
import { type HandoffSummary, maskHandoffSummary, renderHandoffText } from './summary';
import type { ActionResult, EscalationLanguage, FetchLike } from './types';

/**
 * The webhook action posts the handoff to Slack, Teams, Discord or any JSON endpoint. Every attempt of one escalation
 * carries the same `Idempotency-Key`, so a receiver that honours it never records the same escalation twice, and this
 * module itself never sends a key twice at once or again after it was delivered.
 */

export interface WebhookActionInput {
  url: string;
  /** JSON with `{{placeholder}}`s (see `webhookPlaceholders`); '' picks a default for the URL's service. */
  payloadTemplate: string;
  summary: HandoffSummary;
  /** Mask emails, phone numbers, IBANs and card numbers before anything leaves the browser (settings default: on). */
  maskPersonalData: boolean;
  /** One per escalation; reused by retries. */
  idempotencyKey: string;
  lang: EscalationLanguage;
}

export interface WebhookActionDeps {
  fetch: FetchLike;
  /** Per attempt. */
  timeoutMs?: number;
  /** Further attempts after the first, on 5xx, 408, 429, timeouts and network errors (never on other 4xx). */
  retries?: number;
  /** First backoff; each further one doubles, capped at `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Placeholders a payload template may use; each renders as the inside of a JSON string, except `{{json}}`. */
export const webhookPlaceholders = [
  'title',
  'summary',
  'link',
  'customer',
  'subject',
  'mood',
  'score',
  'trajectory',
  'urgency',
  'reasons',
  'intent',
  'tried',
  'offers',
  'orders',
  'note',
  'lastMessage',
  'site',
  'agent',
  'createdAt',
  'idempotencyKey',
  // The whole structured summary as a JSON object; write it without quotes: {"data": {{json}}}.
  'json',
] as const;

export type WebhookPlaceholder = (typeof webhookPlaceholders)[number];

const defaults = {
  timeoutMs: 10_000,
  retries: 3,
  backoffMs: 500,
  maxBackoffMs: 8_000,
  /** Longest Retry-After honoured; a receiver asking for more gets a failed, retryable result instead. */
  maxRetryAfterMs: 30_000,
};

/** Redirects followed at most; each one is checked like the configured address before anything is sent to it. */
export const WEBHOOK_MAX_REDIRECTS = 3;

const delivered = new Map<string, ActionResult>();
const inFlight = new Map<string, Promise<ActionResult>>();
const maxRemembered = 200;

/** The webhook action's result texts in one language, from the catalogue (lib/strings/escalation-actions.ts). */
function webhookText(lang: EscalationLanguage) {
  const t = createTranslator(lang);
  return {
    badUrl: t('escalationActions.webhook.badUrl'),
    badTemplate: (message: string) => t('escalationActions.webhook.badTemplate', { message }),
    rejected: (host: string, status: number, body: string) =>
      body
        ? t('escalationActions.webhook.rejectedWithBody', { host, status, body })
        : t('escalationActions.webhook.rejected', { host, status }),
    failed: (host: string, why: string, attempts: number) =>
      tPlural(lang, 'escalationActions.webhook.failed', attempts, { host, why }),
    timeout: t('escalationActions.webhook.timeout'),
    // A protocol status, the same in every language.
    status: (status: number) => `HTTP ${status}`,
    sent: (host: string, status: number, attempts: number) =>
      attempts > 1
        ? t('escalationActions.webhook.sentAfterRetries', { host, status, attempts })
        : t('escalationActions.webhook.sent', { host, status }),
    already: (host: string) => t('escalationActions.webhook.already', { host }),
    credentials: t('escalationActions.problem.webhook-url-credentials'),
    redirectRefused: (host: string, target: string) => t('escalationActions.webhook.redirectRefused', { host, target }),
    redirectHidden: (host: string) => t('escalationActions.webhook.redirectHidden', { host }),
    tooManyRedirects: (host: string) =>
      t('escalationActions.webhook.tooManyRedirects', { host, max: WEBHOOK_MAX_REDIRECTS }),
  };
}

/** Why a webhook URL may not receive customer data (see `webhookUrlProblem`). */
export type WebhookUrlProblem = 'invalid' | 'insecure' | 'credentials';

/**
 * What is wrong with a webhook URL, or null when it may receive customer data: https, or http to this machine (local
 * receivers, tests), and no user name or password in it (issue 20: they would travel in every request's
 * Authorization header and sit in settings in plain sight). The same rules apply to every redirect target.
 */
export function webhookUrlProblem(url: string): WebhookUrlProblem | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not a URL at all: the caller says what to fix.
    return 'invalid';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'invalid';
  if (parsed.username || parsed.password) return 'credentials';
  if (parsed.protocol === 'https:') return null;
  return ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname) ? null : 'insecure';
}

/** Whether a webhook URL may receive customer data (`webhookUrlProblem` finds nothing). */
export function isAllowedWebhookUrl(url: string): boolean {
  return webhookUrlProblem(url) === null;
}

/** The message for a webhook URL problem, for the settings form and the escalation result. */
export function describeWebhookUrlProblem(problem: WebhookUrlProblem, lang: EscalationLanguage): string {
  return problem === 'credentials' ? webhookText(lang).credentials : webhookText(lang).badUrl;
}

function jsonInner(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

function escapeSlack(value: string): string {
  // Slack's mrkdwn reads <…> as links and mentions; its docs ask for these three escapes in message text.
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The placeholder values for a summary, as plain strings. */
export function webhookValues(summary: HandoffSummary): Record<Exclude<WebhookPlaceholder, 'json'>, string> {
  const customer = summary.customer.name ?? summary.customer.email ?? '';
  const title =
    summary.lang === 'de'
      ? `Eskalation: ${summary.subject || '(kein Betreff)'}${customer ? ` — ${customer}` : ''}`
      : `Escalation: ${summary.subject || '(no subject)'}${customer ? ` — ${customer}` : ''}`;
  return {
    title,
    summary: renderHandoffText(summary),
    link: summary.link,
    customer,
    subject: summary.subject,
    mood: summary.mood.emotionLabel,
    score: summary.mood.score.toFixed(2),
    trajectory: summary.mood.trajectoryLabel,
    urgency: summary.urgency.levelLabel,
    reasons: summary.reasons.map((reason) => reason.text).join(' '),
    intent: summary.intent?.label ?? '',
    tried: summary.tried.map((entry) => entry.sentence).join(' | '),
    offers: summary.offers.map((offer) => offer.label).join(', '),
    orders: summary.orderNumbers.join(', '),
    note: summary.note,
    lastMessage: summary.lastCustomerMessage?.text ?? '',
    site: summary.site,
    agent: summary.agent?.name ?? summary.agent?.email ?? '',
    createdAt: summary.createdAt,
    idempotencyKey: '',
  };
}

/**
 * Fills a payload template: `{{name}}` becomes the JSON-escaped value (so it belongs inside a JSON string),
 * `{{json}}` the structured summary. Unknown placeholders stay as written so a typo is visible where it lands.
 * Throws a SyntaxError when the result is not JSON.
 */
export function renderWebhookPayload(template: string, summary: HandoffSummary, idempotencyKey = ''): string {
  const values = { ...webhookValues(summary), idempotencyKey };
  const body = template.replace(/\{\{\s*(\w+)\s*\}\}/g, (match, name: string) => {
    if (name === 'json') return JSON.stringify(summary);
    const value = Object.entries(values).find(([key]) => key === name)?.[1];
    return value === undefined ? match : jsonInner(value);
  });
  JSON.parse(body);
  return body;
}

/** The payload when no template is set: the shape the URL's service expects, else text plus the structured summary. */
export function defaultWebhookPayload(url: string, summary: HandoffSummary): string {
  const host = new URL(url).hostname;
  const textBody = renderHandoffText(summary);
  if (host === 'hooks.slack.com') return JSON.stringify({ text: escapeSlack(textBody) });
  if (host === 'discord.com' || host === 'discordapp.com') return JSON.stringify({ content: textBody.slice(0, 2000) });
  if (host.endsWith('.webhook.office.com') || host.endsWith('.logic.azure.com')) {
    return JSON.stringify({ text: textBody.replace(/\n/g, '\n\n') });
  }
  return JSON.stringify({ text: textBody, escalation: summary });
}

function retryAfterMs(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function isRedirectStatus(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/** A redirect that was not followed, and the message saying why. */
type Refusal = { kind: 'refused'; detail: string };

/**
 * Posts to the webhook without letting the runtime follow redirects (issue 20: a receiver could otherwise forward the
 * customer data anywhere). A redirect whose target can be read is checked like the configured address — https (http
 * only between loopback addresses), no credentials, the configured host — and the same body is posted there, at most
 * `WEBHOOK_MAX_REDIRECTS` times. Browsers hide redirect targets from `redirect: 'manual'` (an opaque redirect), so
 * there a redirect is reported and nothing is sent on.
 */
async function postChecked(
  fetch: FetchLike,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  t: ReturnType<typeof webhookText>,
): Promise<Attempt | Refusal> {
  const configured = new URL(url);
  let current = configured;
  for (let hop = 0; hop <= WEBHOOK_MAX_REDIRECTS; hop++) {
    const attempt = await attemptFetch(fetch, current.href, { ...init, redirect: 'manual' }, timeoutMs);
    if (attempt.kind !== 'response') return attempt;
    const { response } = attempt;
    if (response.type === 'opaqueredirect') return { kind: 'refused', detail: t.redirectHidden(configured.host) };
    if (!isRedirectStatus(response.status)) return attempt;
    const location = response.headers.get('location');
    // The body is not needed; reading it frees the connection.
    await readErrorText(response);
    if (!location) return { kind: 'refused', detail: t.redirectHidden(configured.host) };
    let target: URL;
    try {
      target = new URL(location, current);
    } catch {
      // A Location that is not an address cannot be checked, so nothing is sent to it.
      return { kind: 'refused', detail: t.redirectHidden(configured.host) };
    }
    const downgrade = current.protocol === 'https:' && target.protocol !== 'https:';
    if (webhookUrlProblem(target.href) !== null || downgrade || target.host !== configured.host) {
      return { kind: 'refused', detail: t.redirectRefused(configured.host, `${target.protocol}//${target.host}`) };
    }
    current = target;
  }
  return { kind: 'refused', detail: t.tooManyRedirects(configured.host) };
}

function remember(key: string, result: ActionResult): void {
  delivered.set(key, result);
  if (delivered.size > maxRemembered) {
    const oldest = delivered.keys().next().value;
    if (oldest !== undefined) delivered.delete(oldest);
  }
}

async function deliver(input: WebhookActionInput, deps: WebhookActionDeps): Promise<ActionResult> {
  const t = webhookText(input.lang);
  const problem = webhookUrlProblem(input.url);
  if (problem) {
    return { action: 'webhook', ok: false, detail: describeWebhookUrlProblem(problem, input.lang), retryable: false };
  }
  const host = new URL(input.url).host;
  const summary = input.maskPersonalData ? maskHandoffSummary(input.summary) : input.summary;
  let body: string;
  try {
    body = input.payloadTemplate.trim()
      ? renderWebhookPayload(input.payloadTemplate, summary, input.idempotencyKey)
      : defaultWebhookPayload(input.url, summary);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { action: 'webhook', ok: false, detail: t.badTemplate(message), retryable: false };
  }

  const retries = Math.max(0, deps.retries ?? defaults.retries);
  const backoffMs = deps.backoffMs ?? defaults.backoffMs;
  const maxBackoffMs = deps.maxBackoffMs ?? defaults.maxBackoffMs;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let lastProblem = '';
  let attempts = 0;
  for (let attempt = 1; attempt <= retries + 1; attempt++) {
    attempts = attempt;
    const result = await postChecked(
      deps.fetch,
      input.url,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': input.idempotencyKey },
        body,
        // Webhook URLs hold their secret in the path; no cookies or referrer need to travel with it.
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
      },
      deps.timeoutMs ?? defaults.timeoutMs,
      t,
    );
    if (result.kind === 'refused') return { action: 'webhook', ok: false, detail: result.detail, retryable: false };
    let waitMs = Math.min(maxBackoffMs, backoffMs * 2 ** (attempt - 1));
    if (result.kind === 'response') {
      const { status } = result.response;
      if (result.response.ok) {
        // The body is not needed, but reading it lets the connection be reused.
        await readErrorText(result.response);
        return { action: 'webhook', ok: true, detail: t.sent(host, status, attempt), retryable: false };
      }
      if (!isRetryableStatus(status)) {
        const detail = t.rejected(host, status, await readErrorText(result.response));
        return { action: 'webhook', ok: false, detail, retryable: false };
      }
      lastProblem = t.status(status);
      const asked = retryAfterMs(result.response);
      if (asked !== undefined) {
        if (asked > defaults.maxRetryAfterMs) break;
        waitMs = Math.max(waitMs, asked);
      }
      await readErrorText(result.response);
    } else {
      lastProblem = result.kind === 'timeout' ? t.timeout : result.message;
    }
    if (attempt <= retries) await sleep(waitMs);
  }
  return { action: 'webhook', ok: false, detail: t.failed(host, lastProblem, attempts), retryable: true };
}

/**
 * Posts the handoff to the configured webhook with a timeout per attempt and exponential backoff between attempts.
 * A second call with the same idempotency key while the first runs shares its result; one after a delivery does not
 * send again. Never throws.
 */
export async function runWebhookAction(input: WebhookActionInput, deps: WebhookActionDeps): Promise<ActionResult> {
  const key = input.idempotencyKey;
  const done = delivered.get(key);
  if (done) return { ...done, detail: webhookText(input.lang).already(safeHost(input.url)) };
  const running = inFlight.get(key);
  if (running) return running;
  const promise = deliver(input, deps)
    .catch(
      (error: unknown): ActionResult => ({
        action: 'webhook',
        ok: false,
        detail: error instanceof Error ? error.message : String(error),
        retryable: true,
      }),
    )
    .then((result) => {
      if (result.ok) remember(key, result);
      return result;
    })
    .finally(() => inFlight.delete(key));
  inFlight.set(key, promise);
  return promise;
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    // Only reached for a key that was delivered, so the URL parsed then; fall back to the raw text.
    return url;
  }
}
