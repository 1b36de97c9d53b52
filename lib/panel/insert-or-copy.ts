/**
 * Insert as the panel does it: the page's reply editor when the text really lands there, else the clipboard, so a
 * failed insert never loses the reply and "Inserted" is only said when it is true.
 */
import { serializeError } from '../errors';
import { sendToExtension } from '../messaging';

export type InsertOutcome =
  | { kind: 'inserted'; target: 'reply-box' | 'focused-field' }
  | { kind: 'copied'; reason: string }
  | { kind: 'failed'; reason: string };

/** Inserts `text` into the tab's reply editor; when that fails, puts it on the clipboard and says why. */
export async function insertOrCopy(
  tabId: number,
  text: string,
  clipboard: Pick<Clipboard, 'writeText'> = navigator.clipboard,
): Promise<InsertOutcome> {
  let reason: string;
  try {
    const result = await sendToExtension('insertText', { tabId, text });
    if (result.ok) return { kind: 'inserted', target: result.target };
    reason = result.reason;
  } catch (error) {
    reason = serializeError(error).message;
  }
  try {
    await clipboard.writeText(text);
    return { kind: 'copied', reason };
  } catch {
    // No clipboard either (the panel lost focus): the reason stands and the text stays in the panel to copy by hand.
    return { kind: 'failed', reason };
  }
}
