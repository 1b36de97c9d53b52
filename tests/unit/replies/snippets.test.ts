// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { TemplateRecord } from '../../../lib/db';
import { expandSnippet, listSnippetShortcuts } from '../../../lib/replies/snippet-expansion';
import {
  findShortcutClash,
  indexSnippets,
  isValidShortcut,
  matchSnippetTrigger,
  pickSnippetTemplate,
} from '../../../lib/replies/snippets';
import { STARTER_OWNER, templateInputSchema } from '../../../lib/replies/templates/schema';
import type { Conversation } from '../../../lib/sites/types';

const known = new Set([';refund', ';danke', ';rückgabe', ';delivery-delay']);

describe('matchSnippetTrigger', () => {
  it('matches a shortcut at the start of the text, after a space, a line break or an opening bracket', () => {
    expect(matchSnippetTrigger(';refund ', known)).toEqual({ shortcut: ';refund', start: 0, end: 8 });
    expect(matchSnippetTrigger('Hi Derek, ;refund ', known)).toEqual({ shortcut: ';refund', start: 10, end: 18 });
    expect(matchSnippetTrigger('Hallo,\n;danke ', known)?.shortcut).toBe(';danke');
    expect(matchSnippetTrigger('(;refund ', known)?.shortcut).toBe(';refund');
    expect(matchSnippetTrigger('„;danke ', known)?.shortcut).toBe(';danke');
  });

  it('does not expand inside words or after other punctuation', () => {
    expect(matchSnippetTrigger('foo;refund ', known)).toBeNull();
    expect(matchSnippetTrigger('a;b;refund ', known)).toBeNull();
    expect(matchSnippetTrigger('https://x.test/;refund ', known)).toBeNull();
    expect(matchSnippetTrigger('Grüße;danke ', known)).toBeNull();
    expect(matchSnippetTrigger('ä;danke ', known)).toBeNull();
  });

  it('needs the trigger right after the shortcut: a space or a no-break space, nothing else', () => {
    expect(matchSnippetTrigger(';refund', known)).toBeNull();
    expect(matchSnippetTrigger(';refund\t', known)).toBeNull();
    expect(matchSnippetTrigger(';refund\n', known)).toBeNull();
    expect(matchSnippetTrigger(';refund.', known)).toBeNull();
    expect(matchSnippetTrigger(';refund  ', known)).toBeNull();
    expect(matchSnippetTrigger(';refund\u00a0', known)?.shortcut).toBe(';refund');
  });

  it('does not expand a longer word that starts with a shortcut, or an unknown shortcut', () => {
    expect(matchSnippetTrigger(';refunds ', known)).toBeNull();
    expect(matchSnippetTrigger(';refundä ', known)).toBeNull();
    expect(matchSnippetTrigger(';unknown ', known)).toBeNull();
    expect(matchSnippetTrigger('; ', known)).toBeNull();
    expect(matchSnippetTrigger(';r ', new Set([';r']))).toBeNull();
  });

  it('compares shortcuts without regard to case', () => {
    expect(matchSnippetTrigger(';Refund ', known)?.shortcut).toBe(';refund');
    expect(matchSnippetTrigger(';REFUND ', known)?.shortcut).toBe(';refund');
    expect(matchSnippetTrigger(';Rückgabe ', known)?.shortcut).toBe(';rückgabe');
  });

  it('handles German umlauts in the shortcut and in the text around it', () => {
    expect(matchSnippetTrigger('Viele Grüße ;rückgabe ', known)?.shortcut).toBe(';rückgabe');
    expect(matchSnippetTrigger('Schöne Grüße, Jörg.\n\n;danke ', known)).toEqual({
      shortcut: ';danke',
      start: 21,
      end: 28,
    });
    // Only the text before the caret counts: "Grüße" typed later in the same line never completes a shortcut.
    expect(matchSnippetTrigger(';danke Grüße ', known)).toBeNull();
  });

  it('matches hyphenated shortcuts and never looks further back than one shortcut', () => {
    expect(matchSnippetTrigger('Sorry! ;delivery-delay ', known)?.shortcut).toBe(';delivery-delay');
    expect(matchSnippetTrigger(`;${'a'.repeat(31)} `, new Set([`;${'a'.repeat(31)}`]))).toBeNull();
  });
});

describe('shortcut validation', () => {
  it('accepts ";" and 2–30 letters, digits or hyphens', () => {
    expect(isValidShortcut(';refund')).toBe(true);
    expect(isValidShortcut(';rückgabe')).toBe(true);
    expect(isValidShortcut(';re-fund-2')).toBe(true);
    expect(isValidShortcut(`;${'a'.repeat(30)}`)).toBe(true);
    expect(isValidShortcut(`;${'a'.repeat(31)}`)).toBe(false);
    expect(isValidShortcut(';r')).toBe(false);
    expect(isValidShortcut('refund')).toBe(false);
    expect(isValidShortcut(';re fund')).toBe(false);
    expect(isValidShortcut(';re_fund')).toBe(false);
  });

  it('is part of the template schema: optional, stored in lower case, malformed ones rejected', () => {
    const base = { title: 'Refund', body: 'Hi', language: 'en', intents: ['refund'], tone: 'neutral' } as const;
    expect(templateInputSchema.parse(base).shortcut).toBeUndefined();
    expect(templateInputSchema.parse({ ...base, shortcut: ' ;Refund ' }).shortcut).toBe(';refund');
    expect(templateInputSchema.safeParse({ ...base, shortcut: 'refund' }).success).toBe(false);
  });
});

let clock = 0;
function record(partial: Partial<TemplateRecord> & Pick<TemplateRecord, 'id'>): TemplateRecord {
  return {
    title: partial.id,
    body: 'Hi {{customer.firstName}}, thanks.',
    language: 'en',
    intents: ['refund'],
    tone: 'neutral',
    owner: 'personal',
    version: 1,
    updatedAt: ++clock,
    usageCount: 0,
    ...partial,
  };
}

const starter = [
  record({ id: 'refund-en', owner: STARTER_OWNER, intents: ['refund', 'complaint'] }),
  record({ id: 'refund-en-sorry', owner: STARTER_OWNER, tone: 'apologetic' }),
  record({ id: 'refund-de-sie', owner: STARTER_OWNER, language: 'de', formality: 'sie' }),
  record({ id: 'refund-de-du', owner: STARTER_OWNER, language: 'de', formality: 'du' }),
  record({ id: 'other-en', owner: STARTER_OWNER, intents: ['other'] }),
  record({ id: 'delay-en', owner: STARTER_OWNER, intents: ['delivery-delay'] }),
];

describe('indexSnippets', () => {
  it('gives starter templates without shortcuts a default ;<first intent>, never ;other', () => {
    expect(listSnippetShortcuts(starter)).toEqual([';delivery-delay', ';refund']);
    expect(
      indexSnippets(starter, STARTER_OWNER)
        .get(';refund')
        ?.map((t) => t.id),
    ).toEqual(['refund-en', 'refund-en-sorry', 'refund-de-sie', 'refund-de-du']);
  });

  it('lets a declared shortcut win over the default and leaves deleted templates out', () => {
    const mine = record({ id: 'mine', shortcut: ';refund' });
    const gone = record({ id: 'gone', shortcut: ';gone', deletedAt: 1 });
    const index = indexSnippets([...starter, mine, gone], STARTER_OWNER);
    expect(index.get(';refund')?.map((t) => t.id)).toEqual(['mine']);
    expect(index.has(';gone')).toBe(false);
  });

  it('derives nothing once the starter pack declares shortcuts of its own', () => {
    const declared = starter.map((t, i) => (i === 0 ? { ...t, shortcut: ';erstattung' } : t));
    expect(listSnippetShortcuts(declared)).toEqual([';erstattung']);
  });
});

describe('pickSnippetTemplate', () => {
  const candidates = indexSnippets(starter, STARTER_OWNER).get(';refund') ?? [];
  it('follows the conversation language, the German form of address and prefers the neutral tone', () => {
    const pick = (language: 'en' | 'de' | 'other', formality: string, fallbackLanguage: 'en' | 'de' = 'en') =>
      pickSnippetTemplate(candidates, { language, formality, fallbackLanguage })?.id;
    expect(pick('en', 'sie')).toBe('refund-en');
    expect(pick('de', 'sie')).toBe('refund-de-sie');
    expect(pick('de', 'du')).toBe('refund-de-du');
    expect(pick('other', 'du', 'de')).toBe('refund-de-du');
  });
});

describe('findShortcutClash', () => {
  const library = [record({ id: 'a', title: 'Refund', shortcut: ';refund' }), record({ id: 'b' })];
  it('finds another template with the same shortcut, in any case, but not the template itself', () => {
    expect(findShortcutClash(';REFUND', library, 'b')?.title).toBe('Refund');
    expect(findShortcutClash(';refund', library, 'a')).toBeUndefined();
    expect(findShortcutClash(';other', library, null)).toBeUndefined();
  });
});

describe('expandSnippet', () => {
  const conversation: Conversation = {
    site: 'generic',
    id: '1',
    subject: 'Refund',
    url: 'http://localhost/1',
    customer: { name: 'Derek Olsen' },
    messages: [],
  };
  const context = {
    conversation,
    language: 'en' as const,
    uiLanguage: 'en' as const,
    formality: 'sie',
    agentName: 'Lena',
  };

  it('fills the template for the conversation', () => {
    const { templateId, expansion } = expandSnippet(';Refund', context, starter);
    expect(templateId).toBe('refund-en');
    expect(expansion).toEqual({ found: true, title: 'refund-en', text: 'Hi Derek, thanks.', missing: [] });
  });

  it('names what the fill-in form must ask for, and takes the values the agent typed', () => {
    const library = [record({ id: 'voucher', shortcut: ';voucher', body: 'Your code: {{voucherCode}}' })];
    const first = expandSnippet(';voucher', context, library).expansion;
    expect(first.found && first.missing.map((spec) => spec.key)).toEqual(['voucherCode']);
    const filled = expandSnippet(';voucher', { ...context, values: { voucherCode: 'SORRY10' } }, library).expansion;
    expect(filled).toMatchObject({ found: true, text: 'Your code: SORRY10', missing: [] });
  });

  it('answers found: false for a shortcut nobody has', () => {
    expect(expandSnippet(';nothing', context, starter)).toEqual({ templateId: null, expansion: { found: false } });
  });
});
