// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { AnalysisCache } from '../../../lib/analysis/analysis-cache';
import { createAnalyzer } from '../../../lib/analysis/analyzer';
import type { CacheEntry } from '../../../lib/analysis/message-analysis';
import { conversation, message } from './conversation-fixtures';
import { FakeMoodModel } from './fake-mood-model';

async function entriesFor(text: string): Promise<Map<string, CacheEntry>> {
  // Real entries, as the analyzer builds them, rather than hand-made stand-ins.
  const mood = await createAnalyzer(new FakeMoodModel()).analyzeText(text, { role: 'customer' });
  return new Map([[mood.messageId, { hash: text, mood }]]);
}

describe('AnalysisCache', () => {
  it('keeps at most its capacity of conversations, dropping the least recently stored', async () => {
    const cache = new AnalysisCache(2);
    const entries = await entriesFor('Danke!');
    cache.store('zendesk:1', entries);
    cache.store('zendesk:2', entries);
    // Storing again makes a conversation the newest.
    cache.store('zendesk:1', entries);
    cache.store('zendesk:3', entries);
    expect(cache.get('zendesk:1').size).toBe(1);
    expect(cache.get('zendesk:2').size).toBe(0);
    expect(cache.get('zendesk:3').size).toBe(1);
  });

  it('forgets one conversation or all', async () => {
    const cache = new AnalysisCache(5);
    const entries = await entriesFor('Wo bleibt mein Paket?');
    cache.store('gmail:a', entries);
    cache.store('gmail:b', entries);
    cache.forget('gmail:a');
    expect(cache.get('gmail:a').size).toBe(0);
    expect(cache.get('gmail:b').size).toBe(1);
    cache.forget();
    expect(cache.get('gmail:b').size).toBe(0);
  });

  it('lets the analyzer classify only messages that are new or changed', async () => {
    const model = new FakeMoodModel();
    const analyzer = createAnalyzer(model);
    const first = conversation([message('customer', 'Wo bleibt mein Paket?', 'm1')]);
    await analyzer.analyze(first);
    const calls = model.calls.length;
    await analyzer.analyze(
      conversation([message('customer', 'Wo bleibt mein Paket?', 'm1'), message('customer', 'Hallo?', 'm2')]),
    );
    const texts = model.calls.slice(calls).flat();
    expect(texts.some((t) => t.includes('Hallo?'))).toBe(true);
    expect(texts.some((t) => t.includes('Paket'))).toBe(false);
  });
});
