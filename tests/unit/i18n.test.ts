// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createTranslator, defineMessages, dictionaryKeys, type MessageKey, resolveLanguage } from '../../lib/i18n';

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

describe('defineMessages', () => {
  const messages = defineMessages({
    en: { greeting: 'Hello {name}', count: '{count} open of {count}' },
    de: { greeting: 'Hallo {name}', count: '{count} offen von {count}' },
  });

  it('gives each language its own strings, placeholders filled', () => {
    expect(messages('en')('greeting', { name: 'Ana' })).toBe('Hello Ana');
    expect(messages('de')('greeting', { name: 'Ana' })).toBe('Hallo Ana');
    expect(messages('de')('count', { count: 2 })).toBe('2 offen von 2');
    expect(messages('en')('greeting')).toBe('Hello {name}');
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
