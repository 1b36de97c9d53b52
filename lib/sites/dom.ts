/** DOM lookups shared by the site adapters: alternatives tried in order, required anchors, read guards. */
import { AppError } from '../errors';
import type { Conversation, ConversationMessage } from './types';

/** The first element matched by any of `selectors`, tried in order (each is one UI variant's spelling). */
export function queryAny(root: ParentNode, selectors: readonly string[]): Element | null {
  for (const selector of selectors) {
    const found = root.querySelector(selector);
    if (found) return found;
  }
  return null;
}

/** All elements matched by the first of `selectors` that matches anything. */
export function queryAllAny(root: ParentNode, selectors: readonly string[]): Element[] {
  for (const selector of selectors) {
    const found = root.querySelectorAll(selector);
    if (found.length > 0) return Array.from(found);
  }
  return [];
}

/** The error shown when a layout is not recognised; names the site and the anchor so the agent (and we) know what broke. */
export function anchorMissing(siteLabel: string, anchor: string): AppError {
  return new AppError(
    'adapter/anchor-missing',
    `Can't read this conversation on ${siteLabel} (missing: ${anchor}) — select the text or pick the conversation area`,
    { params: { site: siteLabel, anchor } },
  );
}

/** The error for a page that shows no open conversation (an inbox or ticket list). */
export function noConversation(siteLabel: string): AppError {
  return new AppError('adapter/no-conversation', `No conversation is open on ${siteLabel} — open a ticket or message`);
}

/** `queryAny`, throwing `adapter/anchor-missing` naming `anchor` when nothing matches. */
export function requireAnchor(
  root: ParentNode,
  selectors: readonly string[],
  siteLabel: string,
  anchor: string,
): Element {
  const found = queryAny(root, selectors);
  if (!found) throw anchorMissing(siteLabel, anchor);
  return found;
}

/** An element's text on one line, whitespace collapsed ('' for null). */
export function lineText(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}

/** An attribute's trimmed value, or undefined when absent or blank. */
export function attr(el: Element | null | undefined, name: string): string | undefined {
  const value = el?.getAttribute(name)?.trim();
  return value ? value : undefined;
}

/** Makes message ids unique within a thread (two identical short messages would otherwise hash alike), keeping order. */
export function dedupeIds(messages: ConversationMessage[]): ConversationMessage[] {
  const seen = new Map<string, number>();
  return messages.map((message) => {
    const count = seen.get(message.id) ?? 0;
    seen.set(message.id, count + 1);
    return count === 0 ? message : { ...message, id: `${message.id}-${count + 1}` };
  });
}

/**
 * Runs an adapter's read so that only `AppError`s leave it: the content script must never throw into the host page,
 * and a page we did not foresee (malformed, truncated) is a reading failure the agent can act on, not a crash.
 * An empty thread is refused too: a wrong empty thread produces a wrong mood.
 */
export function guardRead(siteLabel: string, read: () => Conversation): Conversation {
  let conversation: Conversation;
  try {
    conversation = read();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'adapter/read-failed',
      `Can't read this conversation on ${siteLabel} (${error instanceof Error ? error.message : String(error)}) — select the text or pick the conversation area`,
      { cause: error, params: { site: siteLabel } },
    );
  }
  if (conversation.messages.length === 0) throw anchorMissing(siteLabel, 'messages');
  return conversation;
}

/** Whether `el` takes no space on the page by its own markup (hidden attribute or inline display:none). */
export function isMarkedHidden(el: Element): boolean {
  for (let cur: Element | null = el; cur; cur = cur.parentElement) {
    if (cur.hasAttribute('hidden')) return true;
    const style = cur.getAttribute('style');
    if (style && /display\s*:\s*none/i.test(style)) return true;
  }
  return false;
}

/** Whether `el` is an HTML element (checked by shape: elements from another frame fail `instanceof`). */
export function isHtmlElement(el: Element | null | undefined): el is HTMLElement {
  return el !== null && el !== undefined && 'focus' in el && 'dataset' in el;
}
