import { z } from 'zod';
import type { TemplateRecord } from '../../db';
import { type Intent, intents } from '../../models/types';
import { type ClaimState, claimStates } from '../claims';
import { SHORTCUT_PATTERN } from '../snippets';
import { findMalformedPlaceholders } from './placeholders';

/** Every intent a template can be tagged with, in the order the editor lists them. */
export const templateIntents = intents;

// Fails to compile when an intent is added to the model's union but not to the list above.
type MissingIntent = Exclude<Intent, (typeof templateIntents)[number]>;
const allIntentsListed: [MissingIntent] extends [never] ? true : false = true;
void allIntentsListed;

export type TemplateLanguage = TemplateRecord['language'];
export type TemplateTone = TemplateRecord['tone'];
export type TemplateFormality = NonNullable<TemplateRecord['formality']>;

export const templateLanguages = ['en', 'de'] as const satisfies readonly TemplateLanguage[];
export const templateTones = ['apologetic', 'neutral', 'warm'] as const satisfies readonly TemplateTone[];
export const templateFormalities = ['sie', 'du'] as const satisfies readonly TemplateFormality[];

/** Owner of templates the agent wrote, imported or duplicated; everything else is read-only. */
export const PERSONAL_OWNER = 'personal';

/** Owner of the bundled starter pack: read-only like a team pack, but an agent may hide its templates. */
export const STARTER_OWNER = 'rapport-starter';

/** Largest pack file or download accepted (5 MB). */
export const PACK_MAX_BYTES = 5 * 1024 * 1024;

/**
 * Record id of a template that belongs to a pack: the pack id and the template's own id. Personal ids never contain
 * "#" (UUIDs, or pack-file ids that are restricted to `[\w.:-]`), so a pack can never take a personal template's id.
 */
export function packRecordId(owner: string, templateId: string): string {
  return `${owner}#${templateId}`;
}

/** The id a template has inside its pack (what exports write), given its record. */
export function ownTemplateId(record: Pick<TemplateRecord, 'id' | 'owner'>): string {
  const prefix = `${record.owner}#`;
  return record.id.startsWith(prefix) ? record.id.slice(prefix.length) : record.id;
}

/** Longest title and body accepted, so a pack cannot fill the database with one entry. */
export const TEMPLATE_TITLE_MAX = 200;
export const TEMPLATE_BODY_MAX = 10_000;

const bodySchema = z
  .string()
  .max(TEMPLATE_BODY_MAX, `The text is longer than ${TEMPLATE_BODY_MAX} characters.`)
  .refine((body) => body.trim().length > 0, 'The text is empty.')
  .superRefine((body, ctx) => {
    const malformed = findMalformedPlaceholders(body);
    if (malformed.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `Placeholder ${malformed.map((m) => `"${m}"`).join(', ')} is not written as {{name}} or {{name | "fallback"}}.`,
      });
    }
  });

const templateShape = {
  title: z
    .string()
    .trim()
    .min(1, 'The title is empty.')
    .max(TEMPLATE_TITLE_MAX, `The title is longer than ${TEMPLATE_TITLE_MAX} characters.`),
  body: bodySchema,
  language: z.enum(templateLanguages),
  intents: z
    .array(z.enum(templateIntents))
    .min(1, 'Pick at least one intent.')
    .transform((intents) => [...new Set(intents)]),
  tone: z.enum(templateTones),
  formality: z.enum(templateFormalities).optional(),
  /** Snippet shortcut (`;refund`), stored in lower case; unique per library (checked where templates are saved). */
  shortcut: z
    .string()
    .trim()
    .regex(SHORTCUT_PATTERN, 'The shortcut must be “;” followed by 2–30 letters, digits or hyphens (e.g. ;refund).')
    .transform((shortcut) => shortcut.toLowerCase())
    .optional(),
  /** States that must be true before this is sent (the refund started, the parcel shipped …); optional, so older packs stay valid. */
  requires: z
    .array(z.enum(claimStates))
    .transform((states) => [...new Set(states)])
    .optional(),
  /** States this template promises for later ("we will refund you once the return arrives"). */
  promises: z
    .array(z.enum(claimStates))
    .transform((states) => [...new Set(states)])
    .optional(),
};

// Formality only means something in German; dropping it elsewhere keeps ranking and filters honest.
function dropForeignFormality<T extends { language: TemplateLanguage; formality?: TemplateFormality }>(input: T): T {
  if (input.language === 'de') return input;
  const copy = { ...input };
  delete copy.formality;
  return copy;
}

/** What a person edits: the template's content and tags. */
export const templateInputSchema = z.object(templateShape).transform(dropForeignFormality);

/** A template's editable content (validated with `templateInputSchema`). */
export type TemplateInput = z.input<typeof templateInputSchema>;
/** Validated content: intents deduplicated, formality only on German templates. */
export type TemplateContent = z.output<typeof templateInputSchema>;

/** One template as it travels in a pack file. Unknown fields are ignored so newer exports still import. */
export const packTemplateSchema = z
  .object({
    ...templateShape,
    id: z
      .string()
      .trim()
      .min(1, 'The id is empty.')
      .max(200, 'The id is longer than 200 characters.')
      .regex(/^[\w.:-]+$/, 'The id may only contain letters, digits, ".", ":", "_" and "-".'),
    version: z.number().int().positive().default(1),
    /** ISO 8601 time of the last change. */
    updatedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .transform(dropForeignFormality);

export type PackTemplate = z.output<typeof packTemplateSchema>;

/** The format marker and version a pack file must carry. */
export const PACK_FORMAT = 'rapport-template-pack';
export const PACK_FORMAT_VERSION = 1;
/** Most templates one pack may hold. */
export const PACK_MAX_TEMPLATES = 2000;

/** The envelope of a pack file; entries are checked one by one so a bad entry does not hide the good ones. */
export const packEnvelopeSchema = z.object({
  format: z.literal(PACK_FORMAT, `This is not a Rapport template pack (expected "format": "${PACK_FORMAT}").`),
  version: z
    .number()
    .int()
    .positive()
    .max(
      PACK_FORMAT_VERSION,
      `This pack was made by a newer Rapport (format version above ${PACK_FORMAT_VERSION}); update the extension to read it.`,
    ),
  name: z.string().trim().min(1, 'The pack has no name.').max(200),
  description: z.string().max(2000).optional(),
  exportedAt: z.string().optional(),
  templates: z.array(z.unknown()).max(PACK_MAX_TEMPLATES, `The pack holds more than ${PACK_MAX_TEMPLATES} templates.`),
});

/** A pack file as written by `exportPack` (version 1). */
export interface PackFile {
  format: typeof PACK_FORMAT;
  version: typeof PACK_FORMAT_VERSION;
  name: string;
  description?: string;
  exportedAt: string;
  templates: PackTemplateJson[];
}

/** One template as written into a pack file. */
export interface PackTemplateJson {
  id: string;
  title: string;
  body: string;
  language: TemplateLanguage;
  intents: Intent[];
  tone: TemplateTone;
  formality?: TemplateFormality;
  shortcut?: string;
  requires?: ClaimState[];
  promises?: ClaimState[];
  version: number;
  updatedAt: string;
}

/** Turns zod issues into one sentence a person can act on ("intents: Pick at least one intent."). */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join(' ');
}

/** True for the intents templates can carry (records store them as plain strings). */
export function isTemplateIntent(value: string): value is Intent {
  return (templateIntents as readonly string[]).includes(value);
}
