import { conversationKey, getDb } from '../db';
import type { Conversation, Role } from '../sites/types';

/** The agent's role corrections for one conversation, by message id (they stick across re-reads and visits). */
export async function loadRoleCorrections(
  conversation: Pick<Conversation, 'site' | 'id'>,
): Promise<Record<string, Role>> {
  const rows = await getDb().roleCorrections.where('conversationKey').equals(conversationKey(conversation)).toArray();
  return Object.fromEntries(rows.map((row) => [row.key.slice(row.conversationKey.length + 1), row.role]));
}

/** Stores one correction for the conversation. */
export async function saveRoleCorrection(
  conversation: Pick<Conversation, 'site' | 'id'>,
  messageId: string,
  role: Role,
): Promise<void> {
  const key = conversationKey(conversation);
  await getDb().roleCorrections.put({ key: `${key}|${messageId}`, conversationKey: key, role });
}
