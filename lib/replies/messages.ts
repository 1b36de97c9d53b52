/**
 * The reply-drafting feature's strings live in the one catalogue (`lib/strings/drafts.ts`, keys `drafts.<name>`). This
 * gives the drafting components a translator over that slice, so they name a key without the `drafts.` prefix.
 */
import { createTranslator, type Language, type MessageKey, type MessageParams } from '../i18n';

type DraftsKeyOf<K> = K extends `drafts.${infer Name}` ? Name : never;

/** A key of the drafting feature's strings, without its `drafts.` prefix. */
export type DraftsMessageKey = DraftsKeyOf<MessageKey>;

/** Translator for the drafting feature's strings: `draftsMessages(language)(key, params)`. */
export function draftsMessages(language: Language): (key: DraftsMessageKey, params?: MessageParams) => string {
  const t = createTranslator(language);
  return (key, params) => t(`drafts.${key}`, params);
}
