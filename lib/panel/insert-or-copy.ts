/**
 * Insert as the panel does it: the page's reply editor when the text really lands there, else the clipboard, so a
 * failed insert never loses the reply and "Inserted" is only said when it is true.
 */
import { type SerializedError, serializeError } from '../errors';
import { sendToExtension } from '../messaging';

/** Why the text was not inserted travels as an error (code, params): the panel says it with `describeError`. */
export type InsertOutcome =
  | { kind: 'inserted'; target: 'reply-box' | 'focused-field' }
  | { kind: 'copied'; reason: SerializedError }
  | { kind: 'failed'; reason: SerializedError };

/** Inserts `text` into the tab's reply editor; when that fails, puts it on the clipboard and says why. */
export async function insertOrCopy(
  tabId: number,
  text: string,
  clipboard: Pick<Clipboard, 'writeText'> = navigator.clipboard,
): Promise<InsertOutcome> {
  let reason: SerializedError;
  try {
    const result = await sendToExtension('insertText', { tabId, text });
    if (result.ok) return { kind: 'inserted', target: result.target };
    reason = { code: result.code, message: result.reason, ...(result.params ? { params: result.params } : {}) };
  } catch (error) {
    reason = serializeError(error);
  }
  try {
    await clipboard.writeText(text);
    return { kind: 'copied', reason };
  } catch {
    // No clipboard either (the panel lost focus): the reason stands and the text stays in the panel to copy by hand.
    return { kind: 'failed', reason };
  }
}
