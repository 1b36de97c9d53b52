/**
 * Snippets: a template's shortcut (`;refund`) typed in a reply box expands into the filled template, as agents know it
 * from Text Blaze and helpdesk macros. This module is pure and has no runtime imports, because the content script runs
 * the trigger matcher on every qualifying keystroke in the host page and must stay small.
 *
 * The trigger is a space typed right after the shortcut (a no-break space too: contenteditable editors write one at
 * the end of a line). Tab and Enter are left alone: Tab moves the focus in every helpdesk, and Enter sends the reply in
 * chat-style boxes or splits a paragraph in rich editors, so neither can be taken over safely.
 */
import type { TemplateRecord } from '../db';

/** What a shortcut looks like: `;` and 2–30 letters (any script: `;rückgabe`), digits or hyphens. */
export const SHORTCUT_PATTERN = /^;[\p{L}\p{N}-]{2,30}$/u;

/** The longest shortcut, trigger included: how far back before the caret the content script ever has to look. */
export const SHORTCUT_MAX_LENGTH = 32;

/** Whether `char` (the character just typed) can end a shortcut: a space or a no-break space. */
export function isSnippetTrigger(char: string | null | undefined): boolean {
  return char === ' ' || char === '\u00a0';
}

/** The form shortcuts are compared in: trimmed and lower case (`;Refund` and `;refund` are the same shortcut). */
export function normalizeShortcut(shortcut: string): string {
  return shortcut.trim().toLowerCase();
}

/** Whether `shortcut` is written as a shortcut may be (`;` + 2–30 letters, digits or hyphens). */
export function isValidShortcut(shortcut: string): boolean {
  return SHORTCUT_PATTERN.test(shortcut.trim());
}

/**
 * What may stand right before a shortcut: the start of the text, white space, or an opening bracket or quote. Anything
 * else means the `;` is inside a word or a piece of code ("foo;refund", "a;b;c"), which never expands.
 */
const BOUNDARY = /[\s([{"'„“‘«‹]/u;

/** A shortcut found right before the caret. Offsets are into the text that was matched. */
export interface SnippetMatch {
  /** The shortcut as known (normalised). */
  shortcut: string;
  /** Where the `;` stands. */
  start: number;
  /** Just after the trigger (the end of the text): replacing `start…end` removes the shortcut and its trigger. */
  end: number;
}

/**
 * The shortcut that was just completed at the end of `textBefore` (the text before the caret, ending with the character
 * just typed), or null. It matches only when the last character is a trigger, the text before it is a shortcut in
 * `shortcuts` (compared case-insensitively) and the shortcut starts on a word boundary. Cheap: it looks at most at the
 * last {@link SHORTCUT_MAX_LENGTH} characters.
 */
export function matchSnippetTrigger(textBefore: string, shortcuts: ReadonlySet<string>): SnippetMatch | null {
  const end = textBefore.length;
  if (end < 4 || !isSnippetTrigger(textBefore[end - 1])) return null;
  const start = textBefore.lastIndexOf(';', end - 2);
  if (start < 0 || end - start > SHORTCUT_MAX_LENGTH) return null;
  const typed = textBefore.slice(start, end - 1);
  if (!SHORTCUT_PATTERN.test(typed)) return null;
  if (start > 0 && !BOUNDARY.test(textBefore[start - 1] ?? '')) return null;
  const shortcut = normalizeShortcut(typed);
  return shortcuts.has(shortcut) ? { shortcut, start, end } : null;
}

/** The shortcut a template answers to when it declares none: `;` and its first intent (`;refund`). */
export function defaultShortcutFor(template: Pick<TemplateRecord, 'intents'>): string | null {
  const intent = template.intents[0];
  if (!intent || intent === 'other') return null;
  const shortcut = `;${intent}`;
  return isValidShortcut(shortcut) ? shortcut : null;
}

type SnippetTemplate = Pick<TemplateRecord, 'id' | 'owner' | 'intents' | 'language' | 'tone' | 'updatedAt'> & {
  formality?: TemplateRecord['formality'];
  shortcut?: string;
  deletedAt?: number;
};

/**
 * Every shortcut of a library and the templates behind it. Templates' own shortcuts come first. Where the templates
 * of `defaultsOwner` (the starter pack) declare no shortcut at all, each of them also answers to `;<first intent>`
 * (`;refund`, `;delivery-delay`) unless a template declared that shortcut itself; several language and tone variants
 * then share one shortcut and {@link pickSnippetTemplate} chooses for the conversation.
 */
export function indexSnippets<T extends SnippetTemplate>(
  templates: readonly T[],
  defaultsOwner: string,
): Map<string, T[]> {
  const active = templates.filter((template) => template.deletedAt === undefined);
  const index = new Map<string, T[]>();
  const add = (shortcut: string, template: T) => index.set(shortcut, [...(index.get(shortcut) ?? []), template]);
  for (const template of active) {
    if (template.shortcut && isValidShortcut(template.shortcut)) add(normalizeShortcut(template.shortcut), template);
  }
  const defaults = active.filter((template) => template.owner === defaultsOwner);
  if (defaults.some((template) => template.shortcut)) return index;
  const declared = new Set(index.keys());
  for (const template of defaults) {
    const shortcut = defaultShortcutFor(template);
    if (shortcut && !declared.has(shortcut)) add(shortcut, template);
  }
  return index;
}

/** What the conversation asks of a template: its language and, in German, the form of address. */
export interface SnippetPreference {
  /** The conversation's language; 'other' when unknown (then `fallbackLanguage` decides). */
  language: 'en' | 'de' | 'other';
  /** The agent's UI language, for conversations of unknown language. */
  fallbackLanguage: 'en' | 'de';
  formality: string;
}

/**
 * The template a shortcut expands to in this conversation: the agent's own first, then the conversation's language and
 * form of address, then the neutral tone (a snippet is typed, so the agent chooses the words around it), then the newest.
 */
export function pickSnippetTemplate<T extends SnippetTemplate>(
  candidates: readonly T[],
  preference: SnippetPreference,
  personalOwner = 'personal',
): T | null {
  const language = preference.language === 'other' ? preference.fallbackLanguage : preference.language;
  const score = (template: T): number =>
    (template.owner === personalOwner ? 8 : 0) +
    (template.language === language ? 4 : 0) +
    (template.language !== 'de' || template.formality === preference.formality ? 2 : 0) +
    (template.tone === 'neutral' ? 1 : 0);
  let best: T | null = null;
  for (const template of candidates) {
    if (!best) best = template;
    else {
      const difference = score(template) - score(best);
      if (difference > 0 || (difference === 0 && template.updatedAt > best.updatedAt)) best = template;
    }
  }
  return best;
}

/**
 * Another template of the library that already has `shortcut` (compared case-insensitively), other than the one being
 * edited; undefined when the shortcut is free.
 */
export function findShortcutClash<T extends SnippetTemplate>(
  shortcut: string,
  templates: readonly T[],
  selfId: string | null,
): T | undefined {
  const wanted = normalizeShortcut(shortcut);
  return templates.find(
    (template) =>
      template.id !== selfId &&
      template.deletedAt === undefined &&
      template.shortcut !== undefined &&
      normalizeShortcut(template.shortcut) === wanted,
  );
}
