import { z } from 'zod';
import { emotions, sentimentLabels } from '../analysis/types';
import { type EscalationRecord, getDb, type RapportDb } from '../db';
import { intents } from '../models/types';
import type { HandoffSummary } from './summary';
import { type ActionName, actionNames, type EscalationLanguage } from './types';

/**
 * Escalation records beyond the `EscalationRecord` contract: each action also stores whether it may be retried, and
 * the record keeps what a retry needs (the summary and the webhook's idempotency key), so a failure survives a
 * closed panel. Extra fields are plain data in IndexedDB and are validated when read back.
 */

export { actionNames };

/** Whether a stored action name is one this version can run. */
export function isActionName(value: string): value is ActionName {
  return actionNames.some((name) => name === value);
}

/** What `retryFailed` needs to run an action again without the page. */
export interface RetryContext {
  lang: EscalationLanguage;
  summary: HandoffSummary;
  idempotencyKey: string;
  zendeskTicketId?: string;
  freshdeskTicketId?: string;
}

export interface StoredAction {
  action: string;
  ok: boolean;
  detail: string;
  retryable: boolean;
}

/** An escalation as the panel shows it. */
export interface StoredEscalation extends EscalationRecord {
  id: number;
  actions: StoredAction[];
  retry?: RetryContext;
}

function oneOf<T extends string>(values: readonly T[]) {
  return z.custom<T>((value) => values.some((allowed) => allowed === value));
}

const personSchema = z.object({ name: z.string().optional(), email: z.string().optional() });

const summarySchema: z.ZodType<HandoffSummary> = z.object({
  lang: z.enum(['en', 'de']),
  site: z.enum(['gmail', 'zendesk', 'outlook', 'freshdesk', 'generic']),
  conversationId: z.string(),
  customer: personSchema,
  subject: z.string(),
  link: z.string(),
  mood: z.object({
    emotion: oneOf(emotions),
    emotionLabel: z.string(),
    sentiment: oneOf(sentimentLabels),
    score: z.number(),
    trajectory: z.enum(['improving', 'steady', 'worsening']),
    trajectoryLabel: z.string(),
    series: z.array(z.number()),
    confidence: z.number(),
  }),
  urgency: z.object({
    level: z.enum(['low', 'normal', 'high', 'critical']),
    levelLabel: z.string(),
    reasons: z.array(
      z.object({
        kind: z.enum([
          'deadline',
          'immediacy',
          'legal-threat',
          'chargeback-threat',
          'cancellation-threat',
          'repeated-contact',
          'public-review',
          'safety',
        ]),
        label: z.string(),
        phrase: z.string(),
      }),
    ),
  }),
  reasons: z.array(
    z.object({
      kind: z.enum([
        'anger',
        'frustration',
        'worsening',
        'abusive',
        'legal-threat',
        'chargeback-threat',
        'cancellation-threat',
        'public-review',
        'critical-urgency',
        'repeated-contact',
        'vip',
      ]),
      text: z.string(),
    }),
  ),
  intent: z
    .object({
      intent: z.enum(intents),
      label: z.string(),
    })
    .optional(),
  tried: z.array(z.object({ messageId: z.string(), sentence: z.string() })),
  offers: z.array(
    z.object({ offer: z.enum(['refund', 'replacement', 'voucher', 'discount', 'return-label']), label: z.string() }),
  ),
  orderNumbers: z.array(z.string()),
  lastCustomerMessage: z
    .object({ messageId: z.string(), text: z.string(), time: z.string().optional(), truncated: z.boolean() })
    .optional(),
  note: z.string(),
  agent: personSchema.optional(),
  createdAt: z.string(),
});

const retrySchema: z.ZodType<RetryContext> = z.object({
  lang: z.enum(['en', 'de']),
  summary: summarySchema,
  idempotencyKey: z.string(),
  zendeskTicketId: z.string().optional(),
  freshdeskTicketId: z.string().optional(),
});

const storedSchema = z.object({
  id: z.number(),
  conversationKey: z.string(),
  site: z.string(),
  url: z.string(),
  at: z.number(),
  reasons: z.array(z.string()),
  note: z.string(),
  actions: z.array(
    z.object({ action: z.string(), ok: z.boolean(), detail: z.string(), retryable: z.boolean().default(false) }),
  ),
  // A record whose retry data no longer parses (an older format) is still shown; it just cannot be retried.
  retry: retrySchema.optional().catch(undefined),
});

/** Reads a record back with its extra fields checked; undefined when it is not an escalation record at all. */
export function parseStoredEscalation(value: unknown): StoredEscalation | undefined {
  const parsed = storedSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const { retry, ...rest } = parsed.data;
  return retry ? { ...rest, retry } : rest;
}

/** The escalations of one conversation (`conversationKey` from lib/db.ts), newest first. */
export async function getEscalations(key: string, db: RapportDb = getDb()): Promise<StoredEscalation[]> {
  const rows = await db.escalations.where('conversationKey').equals(key).toArray();
  return rows
    .flatMap((row) => {
      const parsed = parseStoredEscalation(row);
      return parsed ? [parsed] : [];
    })
    .sort((a, b) => b.at - a.at);
}

/** One escalation by id, or undefined. */
export async function getEscalation(id: number, db: RapportDb = getDb()): Promise<StoredEscalation | undefined> {
  const row = await db.escalations.get(id);
  return row ? parseStoredEscalation(row) : undefined;
}

/** The longest retention the settings accept (ten years); 0 means "until deleted". */
export const MAX_RECORD_RETENTION_DAYS = 3650;

const dayMs = 24 * 60 * 60 * 1000;

/** Every escalation record, newest first (the settings page's list). */
export async function listAllEscalations(db: RapportDb = getDb()): Promise<StoredEscalation[]> {
  const rows = await db.escalations.orderBy('at').reverse().toArray();
  return rows.flatMap((row) => {
    const parsed = parseStoredEscalation(row);
    return parsed ? [parsed] : [];
  });
}

/**
 * Deletes the escalation records older than `retentionDays` (0 keeps them until deleted) and returns how many went.
 * Runs when the background starts and before the settings page lists records.
 */
export async function pruneEscalations(
  retentionDays: number,
  now = Date.now(),
  db: RapportDb = getDb(),
): Promise<number> {
  if (!Number.isFinite(retentionDays) || retentionDays <= 0) return 0;
  return db.escalations
    .where('at')
    .below(now - retentionDays * dayMs)
    .delete();
}

/**
 * Deletes escalation records: the given ones, or every record when `ids` is 'all'. Returns what was deleted, raw, so
 * the settings page can undo with `restoreEscalations`.
 */
export async function deleteEscalations(
  ids: readonly number[] | 'all',
  db: RapportDb = getDb(),
): Promise<EscalationRecord[]> {
  return db.transaction('rw', db.escalations, async () => {
    const rows =
      ids === 'all'
        ? await db.escalations.toArray()
        : (await db.escalations.bulkGet([...ids])).filter((row) => row !== undefined);
    await db.escalations.bulkDelete(rows.flatMap((row) => (row.id === undefined ? [] : [row.id])));
    return rows;
  });
}

/** Puts deleted records back under their own ids (undo). */
export async function restoreEscalations(rows: readonly EscalationRecord[], db: RapportDb = getDb()): Promise<void> {
  await db.escalations.bulkPut([...rows]);
}
