/**
 * The site adapter registry: core code finds the adapter for a page here and never imports a site file.
 * Order matters: specific sites first, the generic adapter (which matches everything) last.
 */
import { freshdeskAdapter } from './freshdesk';
import { genericAdapter } from './generic';
import { gmailAdapter } from './gmail';
import { outlookAdapter } from './outlook';
import type { Conversation, ReadContext, SiteAdapter } from './types';
import { zendeskAdapter } from './zendesk';

/** Every adapter, tried in this order; `generic` is last. */
export const adapters: readonly SiteAdapter[] = [
  gmailAdapter,
  zendeskAdapter,
  outlookAdapter,
  freshdeskAdapter,
  genericAdapter,
];

/** The adapter for the page at `url` (the generic adapter when no site adapter claims it). */
export function getAdapterFor(url: URL | string): SiteAdapter {
  const parsed = typeof url === 'string' ? new URL(url) : url;
  return adapters.find((adapter) => adapter.matches(parsed)) ?? genericAdapter;
}

/**
 * Reads the open conversation with the adapter for `ctx.url`; a picked area always goes through the generic adapter.
 * Throws only `AppError`s (`adapter/anchor-missing`, `adapter/no-conversation`, `adapter/read-failed`).
 */
export function readConversation(doc: Document, ctx: ReadContext): Conversation {
  const adapter = ctx.pickedSelector ? genericAdapter : getAdapterFor(ctx.url);
  return adapter.read(doc, ctx);
}

export { readSelection } from './generic';
export { pickConversationArea, selectorFor } from './picker';
export { applyRoleCorrections } from './roles';
export { type ConversationWatch, type WatchOptions, watchConversation } from './watch';
