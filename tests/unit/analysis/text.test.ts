// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { chunkText, hashText, prepareText, tokenizeWords, toOriginalSpan } from '../../../lib/analysis/text';

function spanOf(original: string, prepared: ReturnType<typeof prepareText>, needle: string): string {
  const start = prepared.text.indexOf(needle);
  expect(start).toBeGreaterThanOrEqual(0);
  const span = toOriginalSpan(prepared, start, start + needle.length);
  return original.slice(span.start, span.end);
}

describe('prepareText', () => {
  it('decodes HTML entities and maps the decoded text back to the entity source', () => {
    const original = 'Das ist &quot;unversch&auml;mt&quot; &amp; teuer&#33; &#x1F621;';
    const prepared = prepareText(original);
    expect(prepared.text).toBe('Das ist "unverschämt" & teuer! 😡');
    expect(spanOf(original, prepared, 'unverschämt')).toBe('unversch&auml;mt');
    expect(spanOf(original, prepared, '😡')).toBe('&#x1F621;');
    expect(prepared.truncated).toBe(false);
  });

  it('leaves unknown or broken entities as written', () => {
    expect(prepareText('A &bogus; B &#xD800; C & D').text).toBe('A &bogus; B &#xD800; C & D');
  });

  it('removes zero-width characters while keeping offsets on the original', () => {
    const original = 'Bitte so\u200bfort\u200d antworten\ufeff';
    const prepared = prepareText(original);
    expect(prepared.text).toBe('Bitte sofort antworten');
    expect(spanOf(original, prepared, 'sofort')).toBe('so\u200bfort');
  });

  it('folds whitespace, keeping a line break where a run had one', () => {
    const prepared = prepareText('  Hallo,\r\n\r\n  ich   warte\t\tnoch.\u00a0Danke  ');
    expect(prepared.text).toBe('Hallo,\nich warte noch. Danke');
  });

  it('composes decomposed umlauts so cues match', () => {
    const original = 'Ich bin entta\u0308uscht';
    const prepared = prepareText(original);
    expect(prepared.text).toBe('Ich bin enttäuscht');
    expect(spanOf(original, prepared, 'enttäuscht')).toBe('entta\u0308uscht');
  });

  it('caps a 1 MB message at a word boundary and marks it truncated', () => {
    const original = 'Das Paket ist kaputt. '.repeat(50_000);
    expect(original.length).toBeGreaterThan(1_000_000);
    const prepared = prepareText(original, 5000);
    expect(prepared.truncated).toBe(true);
    expect(prepared.text.length).toBeLessThanOrEqual(5000);
    expect(prepared.text.endsWith(' ')).toBe(false);
    expect(prepared.text.startsWith('Das Paket ist kaputt.')).toBe(true);
  });

  it('does not mark text truncated when only whitespace follows the cap', () => {
    const prepared = prepareText(`${'a'.repeat(100)}${' '.repeat(10_000)}\u200b`, 100);
    expect(prepared.text).toBe('a'.repeat(100));
    expect(prepared.truncated).toBe(false);
  });

  it('gives defined results for empty, blank and emoji-only text', () => {
    expect(prepareText('').text).toBe('');
    expect(prepareText(' \n\u200b\t ').text).toBe('');
    expect(toOriginalSpan(prepareText(''), 0, 5)).toEqual({ start: 0, end: 0 });
    const emoji = prepareText('😡😡 👍');
    expect(emoji.text).toBe('😡😡 👍');
    expect(tokenizeWords(emoji.text).map((t) => t.text)).toEqual(['😡', '😡', '👍']);
  });

  it('never splits an emoji at the cap', () => {
    const prepared = prepareText('😡'.repeat(10), 5);
    expect(prepared.text).not.toMatch(/[\ud800-\udbff]$/);
  });
});

describe('chunkText', () => {
  it('splits at sentence ends within the size and keeps every word', () => {
    const text = 'Erster Satz ist hier. Zweiter Satz kommt danach! Dritter Satz folgt jetzt? Vierter Satz endet.';
    const chunks = chunkText(text, 50);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      expect(chunk.text.length).toBeLessThanOrEqual(50);
      expect(text.slice(chunk.start, chunk.end)).toBe(chunk.text);
    }
    expect(chunks[0]?.text).toBe('Erster Satz ist hier. Zweiter Satz kommt danach!');
    expect(chunks.map((c) => c.text).join(' ')).toBe(text);
  });

  it('cuts a word longer than a chunk hard and gives no chunks for blank text', () => {
    const chunks = chunkText('x'.repeat(100), 40);
    expect(chunks.map((c) => c.text.length)).toEqual([40, 40, 20]);
    expect(chunkText('   ', 40)).toEqual([]);
  });
});

describe('hashText', () => {
  it('differs when the text changes and is stable otherwise', () => {
    expect(hashText('Hallo')).toBe(hashText('Hallo'));
    expect(hashText('Hallo')).not.toBe(hashText('Hallo!'));
  });
});

describe('chunkSentences', () => {
  it('reads a short text whole and packs a long mail into tweet-sized runs of whole sentences', async () => {
    const { chunkSentences, packChars } = await import('../../../lib/analysis/text');
    const short = 'Hello. This is ridiculous! I want my €349 back today.\nI am done being polite.';
    expect(chunkSentences(short, 400).map((c) => c.text)).toEqual([short]);
    const sentence = 'The parcel was supposed to arrive on Monday and it still has not arrived at all. ';
    const long = sentence.repeat(12).trim();
    const chunks = chunkSentences(long, 400);
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) {
      expect(long.slice(chunk.start, chunk.end)).toBe(chunk.text);
      expect(chunk.text.length).toBeLessThanOrEqual(packChars);
      expect(chunk.text.endsWith('.')).toBe(true);
    }
  });

  it('cuts a sentence before "but" / "aber" and keeps the halves in separate chunks, marked', async () => {
    const { chunkSentences } = await import('../../../lib/analysis/text');
    const text = "Hi Tom, thanks, but I'm really worried now. Die Lieferung war schnell, aber die Vase ist zerbrochen.";
    const chunks = chunkSentences(text, 400);
    expect(chunks.map((c) => [c.contrast ?? null, c.text])).toEqual([
      ['before', 'Hi Tom, thanks,'],
      ['both', "but I'm really worried now. Die Lieferung war schnell,"],
      ['after', 'aber die Vase ist zerbrochen.'],
    ]);
    for (const chunk of chunks) expect(text.slice(chunk.start, chunk.end)).toBe(chunk.text);
  });

  it('leaves particles and dangling conjunctions alone', async () => {
    const { chunkSentences } = await import('../../../lib/analysis/text');
    for (const text of ['Das ist aber schön, danke!', 'All good but', 'But why is it late?']) {
      const chunks = chunkSentences(text, 400);
      expect(chunks).toHaveLength(1);
      expect(chunks[0]?.contrast).toBeUndefined();
    }
  });
});
