// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  buildDraftRequest,
  type DraftSessionAction,
  type DraftSessionState,
  draftWarnings,
  fillTemplateForDraft,
  initialDraftSession,
  ownReplyKey,
  pumpDraftStream,
  reduceDraftSession,
  splitPlaceholders,
} from '../../../lib/replies/draft-session';
import type { DraftEvent } from '../../../lib/replies/engine';
import { FakeReplyEngine } from '../../../lib/replies/fake-engine';
import { defaultSettings } from '../../../lib/settings';
import { englishConversation, englishRequest, mood, template } from './draft-fixtures';

function run(actions: DraftSessionAction[], from: DraftSessionState = initialDraftSession): DraftSessionState {
  return actions.reduce(reduceDraftSession, from);
}

async function collect(events: AsyncIterable<DraftEvent>): Promise<DraftSessionAction[]> {
  const actions: DraftSessionAction[] = [];
  await pumpDraftStream(events, (action) => actions.push(action));
  return actions;
}

describe('draft session', () => {
  it('streams variants into entries token by token and ends idle', async () => {
    const engine = new FakeReplyEngine({ tokenDelayMs: 0, downloadSteps: 0 });
    await engine.load();
    const request = englishRequest();
    const actions = await collect(engine.draft(request));
    const states: DraftSessionState[] = [];
    let state = run([{ type: 'start-draft' }, { type: 'loaded' }]);
    expect(state.activity).toBe('drafting');
    for (const action of actions) {
      state = reduceDraftSession(state, action);
      states.push(state);
    }
    // The text grows while streaming: some intermediate state holds part of the first variant.
    const partial = states.find((s) => s.entries[0]?.state === 'streaming' && s.entries[0].text.length > 0);
    expect(partial?.entries[0]?.text.length).toBeLessThan(state.entries[0]?.text.length ?? 0);
    expect(state.activity).toBe('idle');
    expect(state.entries.map((e) => [e.slot, e.state])).toEqual([
      ['de-escalating', 'done'],
      ['empathetic-detailed', 'done'],
      ['short', 'done'],
    ]);
    expect(state.entries[0]?.text).toContain('[next step]');
  });

  it('keeps what was written when a draft is cancelled, marked stopped, without an error', async () => {
    const engine = new FakeReplyEngine({ tokenDelayMs: 1, downloadSteps: 0 });
    await engine.load();
    const controller = new AbortController();
    let state = run([{ type: 'start-draft' }, { type: 'loaded' }]);
    let tokens = 0;
    for await (const event of engine.draft(englishRequest(), { signal: controller.signal })) {
      state = reduceDraftSession(state, { type: 'event', event });
      if (event.type === 'token' && ++tokens === 5) controller.abort();
    }
    expect(state.activity).toBe('idle');
    expect(state.error).toBeUndefined();
    expect(state.entries).toHaveLength(1);
    expect(state.entries[0]?.state).toBe('stopped');
    expect(state.entries[0]?.text.trim().split(/\s+/)).toHaveLength(5);
  });

  it('rewrites into an entry, offers undo, and restores the text when a rewrite is cancelled or fails', () => {
    const drafted = run([
      { type: 'start-draft' },
      { type: 'loaded' },
      { type: 'event', event: { type: 'variant-start', variant: 'short' } },
      { type: 'event', event: { type: 'variant-end', variant: 'short', text: 'Original.' } },
      { type: 'event', event: { type: 'done' } },
    ]);
    const rewritten = run(
      [
        { type: 'start-rewrite', key: 'short' },
        { type: 'loaded' },
        { type: 'event', event: { type: 'variant-start', variant: 'rewrite' } },
        { type: 'event', event: { type: 'token', variant: 'rewrite', text: 'Shorter ' } },
        { type: 'event', event: { type: 'variant-end', variant: 'rewrite', text: 'Shorter.' } },
        { type: 'event', event: { type: 'done' } },
      ],
      drafted,
    );
    expect(rewritten.entries).toEqual([
      { key: 'short', slot: 'short', text: 'Shorter.', state: 'done', previous: 'Original.' },
    ]);
    expect(run([{ type: 'undo', key: 'short' }], rewritten).entries[0]).toEqual({
      key: 'short',
      slot: 'short',
      text: 'Original.',
      state: 'done',
    });

    const cancelled = run(
      [
        { type: 'start-rewrite', key: 'short' },
        { type: 'loaded' },
        { type: 'event', event: { type: 'variant-start', variant: 'rewrite' } },
        { type: 'event', event: { type: 'token', variant: 'rewrite', text: 'Half' } },
        { type: 'event', event: { type: 'error', code: 'replies/cancelled', message: 'Stopped.' } },
      ],
      drafted,
    );
    expect(cancelled.entries[0]?.text).toBe('Original.');
    expect(cancelled.error).toBeUndefined();

    const unavailable = run(
      [
        { type: 'start-rewrite', key: 'short' },
        { type: 'loaded' },
        {
          type: 'event',
          event: { type: 'error', code: 'replies/rewrite-unavailable', message: 'Rewriting needs the model.' },
        },
      ],
      drafted,
    );
    expect(unavailable.entries[0]?.text).toBe('Original.');
    expect(unavailable.error?.code).toBe('replies/rewrite-unavailable');
  });

  it("puts a rewrite of the agent's own reply in its own entry, removed again when cancelled", () => {
    const started = run([
      { type: 'start-rewrite', key: ownReplyKey },
      { type: 'loaded' },
      { type: 'event', event: { type: 'variant-start', variant: 'rewrite' } },
      { type: 'event', event: { type: 'token', variant: 'rewrite', text: 'Hi' } },
    ]);
    expect(started.entries).toEqual([{ key: ownReplyKey, slot: 'rewrite', text: 'Hi', state: 'streaming' }]);
    expect(run([{ type: 'failed', error: { code: 'replies/cancelled', message: '' } }], started).entries).toEqual([]);
  });

  it('starts over from the fallback engine and keeps its explanation', () => {
    const state = run([
      { type: 'start-draft' },
      { type: 'loaded' },
      { type: 'event', event: { type: 'variant-start', variant: 'short' } },
      { type: 'event', event: { type: 'token', variant: 'short', text: 'Hal' } },
      {
        type: 'event',
        event: { type: 'fallback', engine: 'templates', code: 'model/device-lost', message: 'The GPU stopped.' },
      },
      { type: 'event', event: { type: 'variant-start', variant: 'short' } },
      { type: 'event', event: { type: 'variant-end', variant: 'short', text: 'From a template.' } },
      { type: 'event', event: { type: 'done' } },
    ]);
    expect(state.notice).toBe('The GPU stopped.');
    expect(state.entries.map((e) => e.text)).toEqual(['From a template.']);
  });

  it('reports a load failure other than cancelling', () => {
    const failed = run([
      { type: 'start-draft' },
      { type: 'failed', error: { code: 'model/out-of-memory', message: 'x' } },
    ]);
    expect(failed).toEqual({ entries: [], activity: 'idle', error: { code: 'model/out-of-memory', message: 'x' } });
  });
});

describe('draft requests and templates', () => {
  it('grounds the request in the ranked templates, mood, top intent and settings', () => {
    const settings = {
      ...defaultSettings,
      agent: { ...defaultSettings.agent, name: 'Lena' },
      replies: { ...defaultSettings.replies, brandVoice: 'Warm.', policyText: 'Vouchers up to 10 EUR.' },
    };
    const angry = mood('negative', 'angry');
    const request = buildDraftRequest({
      conversation: englishConversation,
      mood: angry,
      intents: [
        { intent: 'damaged-or-wrong-item', p: 0.8 },
        { intent: 'refund', p: 0.1 },
      ],
      templates: [
        template('neutral', { intents: ['damaged-or-wrong-item'], tone: 'neutral' }),
        template('sorry', { intents: ['damaged-or-wrong-item'], tone: 'apologetic' }),
        template('german', { intents: ['damaged-or-wrong-item'], language: 'de', formality: 'sie' }),
      ],
      settings,
    });
    expect(request.templates.map((t) => t.id)).toEqual(['sorry', 'neutral']);
    expect(request.intent).toEqual({ intent: 'damaged-or-wrong-item', p: 0.8 });
    expect(request.mood).toBe(angry);
    expect(request.language).toBe('en');
    expect(request.agentName).toBe('Lena');
    expect(request.replies).toEqual({
      brandVoice: 'Warm.',
      policyText: 'Vouchers up to 10 EUR.',
      germanFormality: 'sie',
    });
  });

  it('fills templates for drafts, leaving unknown facts as visible placeholders in the template language', () => {
    const request = englishRequest({ agentName: '' });
    const filled = fillTemplateForDraft(
      template('t', {
        body: 'Hi {{customer.firstName}}, your tracking number is {{tracking.number}}.\n{{agent.name}}',
      }),
      request,
    );
    expect(filled).toBe('Hi John, your tracking number is [Tracking number].\n[Your name]');
    expect(draftWarnings(filled, request).filter((w) => w.kind === 'placeholder')).toHaveLength(2);
    const german = fillTemplateForDraft(
      template('d', { language: 'de', body: 'Ihre Sendungsnummer: {{tracking.number}}' }),
      request,
    );
    expect(german).toBe('Ihre Sendungsnummer: [Sendungsnummer]');
  });

  it('flags offers the policy does not cover', () => {
    const warnings = draftWarnings('We will refund you in full today.', englishRequest());
    expect(warnings).toContainEqual({ kind: 'offer-not-in-policy', offer: 'refund', phrase: 'refund' });
  });

  it('splits placeholders out for highlighting, joining back to the same text', () => {
    const text = 'Status: [order status], sent by {{agent.name}}.';
    const parts = splitPlaceholders(text);
    expect(parts.filter((p) => p.placeholder).map((p) => p.text)).toEqual(['[order status]', '{{agent.name}}']);
    expect(parts.map((p) => p.text).join('')).toBe(text);
  });
});
