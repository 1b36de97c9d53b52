/**
 * The authored support-conversation set (issue 18): its schema, its loader, and the `Conversation` an adapter would
 * have read for each item. Kept apart from the harness so the unit test can validate the file without loading a model.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { type CustomerState, isCustomerState, type UrgencyReasonKind } from '../../../lib/analysis/types';
import type { Conversation } from '../../../lib/sites/types';

/** Every urgency reason kind, so a label in the file can be checked (types.ts exports the type only). */
export const urgencyReasonKinds = [
  'deadline',
  'immediacy',
  'legal-threat',
  'chargeback-threat',
  'cancellation-threat',
  'repeated-contact',
  'public-review',
  'safety',
] as const satisfies readonly UrgencyReasonKind[];

// Fails to compile when a kind is added to UrgencyReasonKind but not to the list above.
type MissingKind = Exclude<UrgencyReasonKind, (typeof urgencyReasonKinds)[number]>;
const everyKindListed: [MissingKind] extends [never] ? true : never = true;
void everyKindListed;

const stateSchema = z.custom<CustomerState>(isCustomerState, { message: 'not a customer state' });
const kindSchema = z.enum(urgencyReasonKinds);

/** The languages of the set; `mixed` threads switch between German and English. */
export const setLanguages = ['de', 'en', 'mixed'] as const;
export type SetLanguage = (typeof setLanguages)[number];

/** The two splits: the lead studies `dev` misses only; `test` stays unread. */
export const setSplits = ['dev', 'test'] as const;
export type SetSplit = (typeof setSplits)[number];

const messageSchema = z.strictObject({
  role: z.enum(['customer', 'agent']),
  author: z.string().trim().min(1),
  text: z.string().refine((text) => text.trim().length > 0, { message: 'empty message text' }),
});

const expectedSchema = z.strictObject({
  state: stateSchema,
  upset: z.boolean(),
  escalate: z.boolean(),
  /** Every urgency reason a careful reader sees that is still live at the end of the thread. */
  urgencyKinds: z.array(kindSchema),
  /** Kinds that must not fire (a legal word in a street name, a completed cancellation, the agent's quoted words). */
  forbiddenKinds: z.array(kindSchema).optional(),
});

const itemSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'ids are kebab-case' }),
  split: z.enum(setSplits),
  language: z.enum(setLanguages),
  note: z.string().trim().min(1),
  /** Other states a careful lead would also accept (sarcasm: angry or frustrated); reported as "lenient". */
  alsoAcceptable: z.array(stateSchema).optional(),
  /** Names, company names and address lines in the messages: no urgency reason may come from inside them. */
  protectedSpans: z.array(z.string().trim().min(1)).optional(),
  messages: z.array(messageSchema).min(1).max(8),
  expected: expectedSchema,
});

/** The file: a note on what it is, and the conversations. */
export const conversationSetSchema = z.strictObject({
  about: z.string(),
  conversations: z.array(itemSchema).min(1),
});

export type ConversationItem = z.infer<typeof itemSchema>;
export type ConversationSet = z.infer<typeof conversationSetSchema>;

/** Parses the set; a malformed file is an error naming the first few problems and where they are. */
export function parseConversationSet(json: unknown, source: string): ConversationSet {
  const parsed = conversationSetSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  throw new Error(`${source} is not a valid conversation set: ${problems}`);
}

/** Reads and validates the set at `path`. */
export function readConversationSet(path: string | URL): ConversationSet {
  return parseConversationSet(JSON.parse(readFileSync(path, 'utf8')), String(path));
}

/** The id a message of an item gets in its `Conversation` (stable, so reasons can point back at it). */
export function messageIdOf(index: number): string {
  return `m${index + 1}`;
}

/**
 * The conversation as an adapter would hand it to the analyzer. The texts keep their quoted history and signatures on
 * purpose: adapters do not always manage to strip them, and the engine must not read them as the customer's words.
 */
export function toConversation(item: ConversationItem): Conversation {
  const customerName = item.messages.find((message) => message.role === 'customer')?.author;
  return {
    site: 'generic',
    id: item.id,
    subject: '',
    url: `https://support.example/conversations/${item.id}`,
    customer: customerName ? { name: customerName } : {},
    messages: item.messages.map((message, index) => ({
      id: messageIdOf(index),
      author: { name: message.author },
      role: message.role,
      roleSource: 'page',
      text: message.text,
      bodyLoaded: true,
      attachments: [],
    })),
  };
}
