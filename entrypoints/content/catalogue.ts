import { createTranslatorFor, type Language, type TranslateOf } from '../../lib/i18n';
import * as badge from '../../lib/strings/badge';
import * as common from '../../lib/strings/common';
import * as mood from '../../lib/strings/mood';
import * as picker from '../../lib/strings/picker';
import * as snippets from '../../lib/strings/snippets';
import * as state from '../../lib/strings/state';
import * as states from '../../lib/strings/states';

/**
 * The catalogue features the content script shows: the badge (its mood word, × and "Hidden on this site — Undo"), the
 * picker's hint and the snippet fill-in form. Only these are bundled into content.js, which runs in every helpdesk tab;
 * the whole catalogue would make it half again as large. A key from any other feature is a type error here. (The
 * Zendesk escalation, which runs in the ticket's page, brings its own result texts: lib/strings/escalation-zendesk.ts.)
 */
const contentFeatures = [badge, common, mood, picker, snippets, state, states] as const;

/** The content script's translate function: the keys of `contentFeatures` only. */
export type ContentTranslate = TranslateOf<typeof contentFeatures>;

/** The content script's translate function for one language. */
export function createContentTranslator(language: Language): ContentTranslate {
  return createTranslatorFor(contentFeatures, language);
}
