// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  createTranslator,
  dictionaryKeys,
  formatBytes,
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercent,
  isMessageKey,
  type MessageKey,
  resolveLanguage,
  tPlural,
} from '../../lib/i18n';

/** The `{name}` placeholders of a string, sorted, each once. */
function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? ''))].sort();
}

const english = createTranslator('en');
const german = createTranslator('de');
const keys = dictionaryKeys('en') as MessageKey[];

describe('the catalogue', () => {
  it('has every key in both languages', () => {
    expect(keys.length).toBeGreaterThan(0);
    expect([...dictionaryKeys('de')].sort()).toEqual([...keys].sort());
  });

  it('has each key once: two features never claim the same key', () => {
    // The catalogue merges every `lib/strings/*` file; a key in two files would silently lose one of the texts.
    for (const language of ['en', 'de'] as const) {
      const all = dictionaryKeys(language);
      expect(all.filter((key, index) => all.indexOf(key) !== index)).toEqual([]);
    }
  });

  it('has both forms of every plural', () => {
    // `.other` is also an ordinary name (the intent "other"); a counted `.other` (one that shows `{count}`) is a plural.
    const plurals = keys.filter(
      (key) => key.endsWith('.one') || (key.endsWith('.other') && english(key).includes('{count}')),
    );
    expect(plurals.length).toBeGreaterThan(0);
    for (const key of plurals) {
      const base = key.replace(/\.(one|other)$/, '');
      expect(isMessageKey(`${base}.one`), key).toBe(true);
      expect(isMessageKey(`${base}.other`), key).toBe(true);
      // The count is what chooses the form, so both forms show it.
      const other = `${base}.other`;
      expect(isMessageKey(other) ? english(other) : '', key).toContain('{count}');
    }
  });

  it.each(keys)('%s reads as text in both languages', (key) => {
    expect(english(key).trim(), key).not.toBe('');
    expect(german(key).trim(), key).not.toBe('');
  });

  it.each(keys)('%s has the same placeholders in both languages', (key) => {
    // A placeholder only one language has is a value the other one never shows (or shows as `{name}`).
    expect(placeholdersOf(german(key)), key).toEqual(placeholdersOf(english(key)));
  });

  it('is actually translated, not English copied into German', () => {
    const same = keys.filter((key) => english(key) === german(key));
    // Names, brands and settings paths read the same in both; prose never does.
    expect(same.length / keys.length).toBeLessThan(0.1);
    expect(german('panel.settings')).toBe('Einstellungen');
  });
});

describe('createTranslator', () => {
  it('fills placeholders with strings and numbers', () => {
    expect(english('panel.messagesRead', { count: 3 })).toBe('3 messages');
    expect(english('panel.readError', { site: 'Zendesk', message: 'no thread' })).toBe(
      "Can't read this conversation on Zendesk: no thread",
    );
  });

  it('fills every occurrence and leaves text around placeholders alone', () => {
    const filled = german('panel.shortcut', { shortcut: 'Alt+R', where: 'chrome://extensions/shortcuts' });
    expect(filled).toContain('Alt+R');
    expect(filled).toContain('chrome://extensions/shortcuts');
    expect(placeholdersOf(filled)).toEqual([]);
  });

  it('leaves a placeholder without a value visible, so a missing value is noticed', () => {
    expect(english('panel.readError', { site: 'Gmail' })).toBe("Can't read this conversation on Gmail: {message}");
    expect(english('panel.messagesRead')).toBe('{count} messages');
  });

  it('does not read values as patterns', () => {
    // `$&` and `$1` mean something to String.replace with a string; a customer's text may hold them.
    expect(english('panel.readError', { site: '$&', message: '$1 {site}' })).toBe(
      "Can't read this conversation on $&: $1 {site}",
    );
  });
});

describe('tPlural', () => {
  it('picks the form by the count, with the count formatted in the language', () => {
    expect(tPlural('en', 'templates.packs.count', 1)).toBe('1 template');
    expect(tPlural('en', 'templates.packs.count', 0)).toBe('0 templates');
    expect(tPlural('en', 'templates.packs.count', 12)).toBe('12 templates');
    expect(tPlural('de', 'templates.packs.count', 1)).toBe('1 Vorlage');
    expect(tPlural('de', 'templates.packs.count', 1200)).toBe('1.200 Vorlagen');
  });
});

/** Any kind of space as a plain one. */
function spaced(text: string): string {
  return text.replace(/\s/g, ' ');
}

describe('Intl formatting', () => {
  it('writes sizes with the language’s decimal mark and unit, never "~1.8 GB" by hand', () => {
    expect(formatBytes('en', 1_800_000_000)).toBe('1.8 GB');
    // ICU puts a non-breaking space before some units and not others; the spacing is Intl's business, not ours.
    expect(spaced(formatBytes('de', 1_800_000_000))).toBe('1,8 GB');
    expect(formatBytes('en', 350_000_000)).toBe('350 MB');
    expect(spaced(formatBytes('de', 4_200_000))).toBe('4,2 MB');
    expect(formatBytes('en', 12_000)).toBe('12 kB');
    expect(formatBytes('en', 10)).toBe('1 kB');
  });

  it('writes numbers and percentages as the language does', () => {
    expect(formatNumber('en', 1234.5)).toBe('1,234.5');
    expect(formatNumber('de', 1234.5)).toBe('1.234,5');
    expect(formatPercent('en', 0.42)).toBe('42%');
    // German puts a (non-breaking) space before the percent sign.
    expect(formatPercent('de', 0.42)).toBe('42\u00a0%');
  });

  it('writes dates in the language, not English dates in the German UI', () => {
    const date = new Date(2026, 2, 5, 14, 30);
    expect(formatDate('en', date)).toBe('Mar 5, 2026');
    expect(formatDate('de', date)).toBe('05.03.2026');
    expect(formatDateTime('de', date)).toBe('05.03.2026, 14:30');
    expect(formatDate('de', date.getTime())).toBe(formatDate('de', date));
  });
});

describe('resolveLanguage', () => {
  it('keeps the agent’s choice whatever the browser says', () => {
    expect(resolveLanguage('de', 'en-US')).toBe('de');
    expect(resolveLanguage('en', 'de-DE')).toBe('en');
  });

  it('follows the browser for any German variant, else English', () => {
    expect(resolveLanguage('auto', 'de')).toBe('de');
    expect(resolveLanguage('auto', 'de-AT')).toBe('de');
    expect(resolveLanguage('auto', 'DE-ch')).toBe('de');
    expect(resolveLanguage('auto', 'fr-FR')).toBe('en');
    expect(resolveLanguage('auto', undefined)).toBe('en');
  });
});
