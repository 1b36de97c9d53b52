// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { TemplateRecord } from '../../../lib/db';
import {
  collectDraft,
  type DraftEvent,
  type DraftRequest,
  FallbackReplyEngine,
  fallbackExplanations,
  pickVariants,
  type ReplyEngineStatus,
} from '../../../lib/replies/engine';
import { FakeReplyEngine } from '../../../lib/replies/fake-engine';
import { assignTemplates, chunkText, TemplateReplyEngine } from '../../../lib/replies/template-engine';
import { englishRequest, germanRequest, mood, template } from './draft-fixtures';

/** The fill a real templates module does, reduced to the two fields these tests use. */
function fill(t: TemplateRecord, request: DraftRequest): string {
  return t.body
    .replaceAll('{{customer.name}}', request.conversation.customer.name ?? '[Name]')
    .replaceAll('{{agent.name}}', request.agentName)
    .replace(/\{\{order\.status \| "([^"]+)"\}\}/gu, '$1');
}

const templatesEngine = (reason = 'No WebGPU here.') => new TemplateReplyEngine({ reason, fill });

describe('FakeReplyEngine', () => {
  it('walks through download, loading and ready', async () => {
    const engine = new FakeReplyEngine({ downloadSteps: 3, totalBytes: 300 });
    const seen: ReplyEngineStatus[] = [];
    engine.subscribe((s) => seen.push(s));
    await engine.load();
    expect(seen.map((s) => s.state)).toEqual(['downloading', 'downloading', 'downloading', 'loading', 'ready']);
    expect(seen[0]).toMatchObject({ progress: 1 / 3, loadedBytes: 100, totalBytes: 300 });
  });

  it('streams each variant as start, tokens, end, then done', async () => {
    const engine = new FakeReplyEngine({ tokenDelayMs: 0 });
    await engine.load();
    const { texts, events, error } = await collectDraft(engine.draft(germanRequest()));
    expect(error).toBeUndefined();
    expect(events.at(-1)).toEqual({ type: 'done' });
    const starts = events.filter((e) => e.type === 'variant-start').map((e) => e.type === 'variant-start' && e.variant);
    expect(starts).toEqual(['de-escalating', 'empathetic-detailed', 'short']);
    const tokens = events.filter(
      (e): e is Extract<DraftEvent, { type: 'token' }> => e.type === 'token' && e.variant === 'short',
    );
    expect(tokens.length).toBeGreaterThan(5);
    expect(tokens.map((t) => t.text).join('')).toBe(texts.short);
    // Grounded in the conversation: where the parcel is, its order number and deadline, Sie as the thread shows.
    expect(texts.short).toContain('Guten Tag Anna Schmidt,');
    expect(texts.short).toContain('Bestellung 100234');
    expect(texts.short).toContain('[Bestellstatus]');
    expect(texts.short?.endsWith('Max Weber')).toBe(true);
    expect(texts['de-escalating']).toContain('Ihre Frist (bis Freitag) habe ich notiert.');
    expect(texts['de-escalating']).not.toMatch(/unterwegs|versandt|storniert/);
  });

  it('stops mid-stream when cancelled and ends with replies/cancelled', async () => {
    const engine = new FakeReplyEngine({ tokenDelayMs: 2 });
    await engine.load();
    const controller = new AbortController();
    const events: DraftEvent[] = [];
    for await (const event of engine.draft(englishRequest(), { signal: controller.signal })) {
      events.push(event);
      if (events.filter((e) => e.type === 'token').length === 3) controller.abort();
    }
    expect(events.filter((e) => e.type === 'token')).toHaveLength(3);
    expect(events.at(-1)).toMatchObject({ type: 'error', code: 'replies/cancelled' });
    expect(events.some((e) => e.type === 'variant-end' || e.type === 'done')).toBe(false);
  });

  it('cancels a load', async () => {
    const engine = new FakeReplyEngine({ downloadSteps: 50, stepDelayMs: 5 });
    const controller = new AbortController();
    const loading = engine.load({ signal: controller.signal });
    setTimeout(() => controller.abort(), 12);
    await expect(loading).rejects.toMatchObject({ code: 'replies/cancelled' });
    expect(engine.status.state).toBe('idle');
  });

  it('refuses to draft before it is loaded', async () => {
    const { error } = await collectDraft(new FakeReplyEngine().draft(englishRequest()));
    expect(error?.code).toBe('model/not-loaded');
  });

  it('rewrites in the rewrite slot', async () => {
    const engine = new FakeReplyEngine({ tokenDelayMs: 0 });
    await engine.load();
    const { texts } = await collectDraft(engine.rewrite('We are on it.', 'shorter', englishRequest()));
    expect(texts.rewrite).toBe('We are on it. (short)');
    expect(engine.calls.map((c) => c.kind)).toEqual(['rewrite']);
  });
});

describe('FallbackReplyEngine', () => {
  it('falls back to templates when the model fails to load, with the plain reason', async () => {
    const primary = new FakeReplyEngine({
      failLoad: { code: 'model/webgpu-unavailable', message: 'WebGPU is not supported' },
    });
    const engine = new FallbackReplyEngine(primary, (reason) => templatesEngine(reason));
    await engine.load();
    expect(engine.kind).toBe('templates');
    expect(engine.reason).toBe(fallbackExplanations['model/webgpu-unavailable'].en);
    expect(engine.status).toEqual({ state: 'ready', modelId: 'templates' });
    const { texts, error } = await collectDraft(engine.draft(englishRequest()));
    expect(error).toBeUndefined();
    expect(texts['de-escalating']).toContain("I'm sorry your item arrived damaged");
  });

  it('switches to templates mid-draft when the GPU is lost, announcing it on the stream', async () => {
    const primary = new FakeReplyEngine({
      tokenDelayMs: 0,
      failAfterTokens: { count: 4, code: 'model/device-lost', message: 'DeviceLostError' },
    });
    const engine = new FallbackReplyEngine(primary, (reason) => templatesEngine(reason), 'de');
    await engine.load();
    expect(engine.kind).toBe('fake');
    const { events, texts, error } = await collectDraft(engine.draft(germanRequest()));
    expect(error).toBeUndefined();
    const fallback = events.find((e) => e.type === 'fallback');
    expect(fallback).toEqual({
      type: 'fallback',
      engine: 'templates',
      code: 'model/device-lost',
      message: fallbackExplanations['model/device-lost'].de,
    });
    expect(events.filter((e) => e.type === 'token').length).toBeGreaterThan(4);
    expect(texts['de-escalating']).toContain('es tut uns leid');
    expect(texts['de-escalating']).toContain('[Bestellstatus]');
    expect(engine.kind).toBe('templates');
    expect(engine.fallbackCode).toBe('model/device-lost');
  });

  it('does not fall back on a cancellation', async () => {
    const primary = new FakeReplyEngine({ tokenDelayMs: 1 });
    const engine = new FallbackReplyEngine(primary, (reason) => templatesEngine(reason));
    await engine.load();
    const controller = new AbortController();
    controller.abort();
    const { error, events } = await collectDraft(engine.draft(englishRequest(), { signal: controller.signal }));
    expect(error?.code).toBe('replies/cancelled');
    expect(events.some((e) => e.type === 'fallback')).toBe(false);
    expect(engine.kind).toBe('fake');
  });

  it('passes other load errors through', async () => {
    const primary = new FakeReplyEngine({ failLoad: { code: 'settings/invalid', message: 'bad host' } });
    const engine = new FallbackReplyEngine(primary, (reason) => templatesEngine(reason));
    await expect(engine.load()).rejects.toMatchObject({ code: 'settings/invalid' });
    expect(engine.kind).toBe('fake');
  });
});

describe('TemplateReplyEngine', () => {
  it('gives each variant its own template, by tone', () => {
    const ranked = [
      template('neutral-long', { tone: 'neutral', body: 'x'.repeat(300) }),
      template('warm', { tone: 'warm', body: 'y'.repeat(200) }),
      template('sorry', { tone: 'apologetic', body: 'z'.repeat(250) }),
      template('tiny', { tone: 'neutral', body: 'ok' }),
    ];
    const assigned = assignTemplates(['de-escalating', 'empathetic-detailed', 'short'], ranked);
    expect(assigned.map((a) => [a.variant, a.template.id])).toEqual([
      ['de-escalating', 'sorry'],
      ['empathetic-detailed', 'warm'],
      ['short', 'tiny'],
    ]);
  });

  it('uses only templates in the reply language and Sie/Du', async () => {
    const engine = templatesEngine();
    await engine.load();
    const request = germanRequest({
      templates: [
        template('en', { language: 'en', tone: 'apologetic' }),
        template('du', { language: 'de', formality: 'du', tone: 'apologetic', body: 'Hey du!' }),
        template('sie', { language: 'de', formality: 'sie', tone: 'warm', body: 'Guten Tag {{customer.name}}' }),
      ],
    });
    const { texts } = await collectDraft(engine.draft(request));
    expect(Object.values(texts)).toEqual(['Guten Tag Anna Schmidt']);
  });

  it('says so when no template fits', async () => {
    const engine = templatesEngine();
    await engine.load();
    const { error } = await collectDraft(engine.draft(germanRequest({ templates: [] })));
    expect(error?.code).toBe('replies/no-templates');
  });

  it('cannot rewrite, and says why', async () => {
    const engine = templatesEngine('Kein WebGPU.');
    const { error } = await collectDraft(engine.rewrite('Hallo', 'shorter', germanRequest()));
    expect(error).toEqual({
      code: 'replies/rewrite-unavailable',
      message: 'Rewriting needs the on-device writing model. Kein WebGPU.',
    });
  });

  it('stops when cancelled', async () => {
    const engine = new TemplateReplyEngine({ reason: 'x', fill, chunkDelayMs: 5 });
    await engine.load();
    const controller = new AbortController();
    const events: DraftEvent[] = [];
    for await (const event of engine.draft(englishRequest(), { signal: controller.signal })) {
      events.push(event);
      if (event.type === 'token') controller.abort();
    }
    expect(events.at(-1)).toMatchObject({ type: 'error', code: 'replies/cancelled' });
  });
});

describe('helpers', () => {
  it('chunks text without losing characters', () => {
    const text = '  Hallo Frau Schmidt,\n\nes tut mir leid.  ';
    expect(chunkText(text, 2).join('')).toBe(text);
    expect(chunkText('', 2)).toEqual([]);
  });

  it('adds the de-escalating variant only for upset customers', () => {
    expect(pickVariants(mood('negative', 'angry'))).toEqual(['de-escalating', 'empathetic-detailed', 'short']);
    expect(pickVariants(mood('positive', 'grateful'))).toEqual(['empathetic-detailed', 'short']);
    expect(pickVariants(undefined)).toEqual(['empathetic-detailed', 'short']);
  });
});
