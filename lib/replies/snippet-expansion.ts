/**
 * The background's side of snippets: which shortcuts the library knows, and the template a typed shortcut expands to,
 * filled for the tab's conversation. The library stays in the extension; a page only ever gets shortcut names and the
 * one filled text the agent asked for.
 */
import type { Language } from '../analysis/types';
import type { TemplateRecord } from '../db';
import type { SnippetExpansion } from '../messaging';
import type { Conversation } from '../sites/types';
import { indexSnippets, normalizeShortcut, pickSnippetTemplate } from './snippets';
import { fillTemplate } from './templates/placeholders';
import { PERSONAL_OWNER, STARTER_OWNER } from './templates/schema';

/** Every shortcut of the library (declared ones and the starter pack's `;<intent>` defaults), sorted. */
export function listSnippetShortcuts(templates: readonly TemplateRecord[]): string[] {
  const index = indexSnippets(templates, STARTER_OWNER);
  return [...index.keys()].sort();
}

/** What the background knows about the tab the shortcut was typed in. */
export interface SnippetContext {
  conversation: Conversation | null;
  /** The conversation's language (from the mood analysis); 'other' while unknown. */
  language: Language;
  uiLanguage: 'en' | 'de';
  formality: string;
  agentName: string;
  /** What the agent typed into the fill-in form, by placeholder key. */
  values?: Record<string, string>;
}

/**
 * The filled text for `shortcut` in this conversation, or `{ found: false }` when no template answers to it. With
 * `missing` non-empty nothing may be inserted yet: the page asks the agent for those values and calls again.
 * `templateId`: the template used, for counting the use once the text is complete.
 */
export function expandSnippet(
  shortcut: string,
  context: SnippetContext,
  templates: readonly TemplateRecord[],
): { templateId: string | null; expansion: SnippetExpansion } {
  const index = indexSnippets(templates, STARTER_OWNER);
  const template = pickSnippetTemplate(
    index.get(normalizeShortcut(shortcut)) ?? [],
    { language: context.language, fallbackLanguage: context.uiLanguage, formality: context.formality },
    PERSONAL_OWNER,
  );
  if (!template) return { templateId: null, expansion: { found: false } };
  const filled = fillTemplate(template.body, {
    language: template.language,
    conversation: context.conversation,
    agentName: context.agentName,
    ...(context.values ? { overrides: context.values } : {}),
  });
  return {
    templateId: template.id,
    expansion: {
      found: true,
      title: template.title,
      text: filled.text,
      missing: filled.missing.map((spec) => ({
        key: spec.key,
        label: spec.label,
        ...(spec.example ? { example: spec.example } : {}),
      })),
    },
  };
}
