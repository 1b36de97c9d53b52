// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createAnalyzer, isCancelled } from '../../../lib/analysis/analyzer';
import type { ConversationMood } from '../../../lib/analysis/types';
import { AppError } from '../../../lib/errors';
import type { MoodModel } from '../../../lib/models/types';
import { conversation, message } from './conversation-fixtures';
import { FakeMoodModel, fakeMood } from './fake-mood-model';

function politeToAngry() {
  return conversation([
    message('customer', 'Hallo, danke für die schnelle Bestätigung, super! Wann kommt mein Paket?', 'a1'),
    message('agent', 'Es ist unterwegs.', 'a2'),
    message('customer', 'Ich warte immer noch auf mein Paket.', 'a3'),
    message('internal-note', 'Bitte DHL fragen', 'a4'),
    message('customer', 'Das ist unverschämt! Eine Frechheit, ich will sofort mein Geld zurück.', 'a5'),
  ]);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

describe('createAnalyzer().analyze', () => {
  it('reads a polite thread turning angry as negative, worsening, with urgency and evidence', async () => {
    const analyzer = createAnalyzer(new FakeMoodModel());
    const mood = await analyzer.analyze(politeToAngry());
    expect(mood.current.sentiment.label).toBe('negative');
    expect(mood.current.dominantEmotion).toBe('angry');
    expect(mood.trajectory).toBe('worsening');
    expect(mood.series).toHaveLength(3);
    expect(mood.urgency.reasons.map((r) => r.kind)).toContain('immediacy');
    expect(Object.keys(mood.messages).sort()).toEqual(['a1', 'a2', 'a3', 'a5']);
    const last = mood.messages.a5;
    const text = politeToAngry().messages[4]?.text ?? '';
    const angry = last?.evidence.filter((e) => e.label === 'angry').map((e) => text.slice(e.start, e.end));
    expect(angry).toEqual(expect.arrayContaining(['unverschämt', 'Frechheit']));
  });

  it('maps evidence to the original text of a message with entities and zero-width characters', async () => {
    const text = 'Das ist &quot;unversch&auml;mt&quot;, ich warte im\u200bmer noch!';
    const analyzer = createAnalyzer(new FakeMoodModel());
    const mood = await analyzer.analyze(conversation([message('customer', text, 'e1')]));
    const evidence = mood.messages.e1?.evidence ?? [];
    const angry = evidence.filter((e) => e.label === 'angry').map((e) => text.slice(e.start, e.end));
    expect(angry).toEqual(['unversch&auml;mt']);
    const frustrated = evidence.filter((e) => e.label === 'frustrated').map((e) => text.slice(e.start, e.end));
    expect(frustrated.join(' ')).toContain('im\u200bmer noch');
  });

  it('classifies only new or changed messages on later calls', async () => {
    const model = new FakeMoodModel();
    const analyzer = createAnalyzer(model);
    const thread = politeToAngry();
    await analyzer.analyze(thread);
    const firstTexts = model.calls[0] ?? [];
    // Short messages are read whole (internal notes not at all); then a message of several sentences also one
    // sentence at a time, for the emotion peaks. Only new or changed messages are read again below.
    expect(firstTexts).toEqual(thread.messages.filter((m) => m.role !== 'internal-note').map((m) => m.text));
    expect(model.calls[1]).toEqual([
      'Hallo, danke für die schnelle Bestätigung, super!',
      'Wann kommt mein Paket?',
      'Das ist unverschämt!',
      'Eine Frechheit, ich will sofort mein Geld zurück.',
    ]);
    const callsAfterFirst = model.calls.length;

    await analyzer.analyze(politeToAngry());
    expect(model.calls.length).toBe(callsAfterFirst);

    const grown = politeToAngry();
    grown.messages.push(message('customer', 'Hallo???', 'a6'));
    await analyzer.analyze(grown);
    expect(model.calls.slice(callsAfterFirst)[0]).toEqual(['Hallo???']);

    const edited = politeToAngry();
    const first = edited.messages[0];
    if (first) first.text = 'Hallo, wo ist mein Paket?';
    const before = model.calls.length;
    await analyzer.analyze(edited);
    expect(model.calls.slice(before).flat()).toEqual(['Hallo, wo ist mein Paket?']);
  });

  it('reads a message again when the agent corrects its role: an agent message carries no evidence', async () => {
    const analyzer = createAnalyzer(new FakeMoodModel());
    const thread = politeToAngry();
    const before = await analyzer.analyze(thread);
    expect(before.messages.a5?.evidence.length).toBeGreaterThan(0);
    const corrected = {
      ...thread,
      messages: thread.messages.map((m) => (m.id === 'a5' ? { ...m, role: 'agent' as const } : m)),
    };
    const after = await analyzer.analyze(corrected);
    expect(after.messages.a5?.role).toBe('agent');
    expect(after.messages.a5?.evidence.filter((e) => !e.label.startsWith('urgency:'))).toEqual([]);
    expect(after.series).toHaveLength(2);
  });

  it('keeps results per conversation and forgets them on request', async () => {
    const model = new FakeMoodModel();
    const analyzer = createAnalyzer(model);
    await analyzer.analyze(politeToAngry());
    const calls = model.calls.length;
    await analyzer.analyze({ ...politeToAngry(), id: 'other' });
    expect(model.calls.length).toBeGreaterThan(calls);
    const afterOther = model.calls.length;
    analyzer.forget('zendesk:c1');
    await analyzer.analyze(politeToAngry());
    expect(model.calls.length).toBeGreaterThan(afterOther);
  });

  it('cancels an older request for the same conversation when a newer one arrives', async () => {
    const model = new FakeMoodModel();
    model.delayMs = 40;
    const analyzer = createAnalyzer(model);
    const older = analyzer.analyze(politeToAngry());
    const newer = analyzer.analyze(politeToAngry());
    const error = await rejection(older);
    expect(isCancelled(error)).toBe(true);
    expect(error).toBeInstanceOf(AppError);
    const mood = await newer;
    expect(mood.current.sentiment.label).toBe('negative');
  });

  it('runs requests for different conversations one after another without cancelling', async () => {
    const model = new FakeMoodModel();
    model.delayMs = 10;
    const analyzer = createAnalyzer(model);
    const [a, b] = await Promise.all([
      analyzer.analyze(politeToAngry()),
      analyzer.analyze(conversation([message('customer', 'Danke, alles super!', 'b1')], 'c2')),
    ]);
    expect(a.current.sentiment.label).toBe('negative');
    expect(b.current.sentiment.label).toBe('positive');
  });

  it("stops at the caller's signal, before or during the work", async () => {
    const model = new FakeMoodModel();
    model.delayMs = 50;
    const analyzer = createAnalyzer(model);
    const aborted = new AbortController();
    aborted.abort();
    expect(isCancelled(await rejection(analyzer.analyze(politeToAngry(), { signal: aborted.signal })))).toBe(true);
    expect(model.calls).toHaveLength(0);

    const controller = new AbortController();
    const pending = analyzer.analyze(politeToAngry(), { signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    expect(isCancelled(await rejection(pending))).toBe(true);
    // The analyzer is still usable afterwards.
    model.delayMs = 0;
    await expect(analyzer.analyze(politeToAngry())).resolves.toMatchObject({ trajectory: 'worsening' });
  });

  it('reports a first result from the chunks alone, before the sentence peaks and the occlusion evidence', async () => {
    const model = new FakeMoodModel();
    const analyzer = createAnalyzer(model);
    const partials: { mood: ConversationMood; calls: number }[] = [];
    const final = await analyzer.analyze(politeToAngry(), {
      onPartial: (mood) => partials.push({ mood, calls: model.calls.length }),
    });
    expect(partials).toHaveLength(1);
    expect(partials[0]?.calls).toBe(1);
    expect(partials[0]?.mood.current.sentiment.label).toBe(final.current.sentiment.label);
    // Chunks, then the sentences of the two-sentence messages, then one batch of occluded variants.
    expect(model.calls).toHaveLength(3);
  });

  it('finishes the sentence peaks on the next call when a newer request cancelled them', async () => {
    const model = new FakeMoodModel();
    model.delayMs = 10;
    const analyzer = createAnalyzer(model);
    const first = analyzer.analyze(politeToAngry(), {
      onPartial: () => {
        // A newer request for the same conversation arrives while the sentences are being read.
        void analyzer.analyze(politeToAngry()).catch(() => undefined);
      },
    });
    expect(isCancelled(await rejection(first))).toBe(true);
    const settled = await analyzer.analyze(politeToAngry());
    const reference = await createAnalyzer(new FakeMoodModel()).analyze(politeToAngry());
    expect(settled.messages).toEqual(reference.messages);
    // The sentences were read twice: by the cancelled run, and again by the next one, which finished them.
    expect(model.calls.filter((texts) => texts.includes('Das ist unverschämt!'))).toHaveLength(2);
  });

  it('spreads occlusion over calls when the per-run budget runs out', async () => {
    const model = new FakeMoodModel();
    const analyzer = createAnalyzer(model, { occlusionBudgetPerRun: 5, occlusionBudget: 5 });
    await analyzer.analyze(politeToAngry());
    const afterFirst = model.calls.length;
    await analyzer.analyze(politeToAngry());
    // Nothing is classified again; only the occlusion left over is done, older messages' turn now.
    expect(model.calls.length).toBe(afterFirst + 1);
    expect(model.calls.at(-1)?.every((t) => !t.includes('Frechheit'))).toBe(true);
    await analyzer.analyze(politeToAngry());
    await analyzer.analyze(politeToAngry());
    const settled = model.calls.length;
    await analyzer.analyze(politeToAngry());
    expect(model.calls.length).toBe(settled);
  });

  it.each([
    ['empty text', ''],
    ['only emoji', '😡😡😡👎'],
    ['mixed German and English', 'Hallo, this is ridiculous, ich warte immer noch, please help!'],
    ['HTML entities', 'Das &amp; das &lt;b&gt;unverschämt&lt;/b&gt; &#128545; &bogus; &#xFFFFFFF;'],
    ['zero-width characters', '\u200b\u200c\u200d\ufeff'],
    ['a lone surrogate', '\ud83d unverschämt'],
  ])('gives a defined result for %s', async (_name, text) => {
    const analyzer = createAnalyzer(new FakeMoodModel());
    const mood = await analyzer.analyze(conversation([message('customer', text, 'x1')]));
    const result = mood.messages.x1;
    expect(result).toBeDefined();
    expect(['negative', 'neutral', 'positive']).toContain(result?.sentiment.label);
    expect(Number.isFinite(result?.sentiment.score)).toBe(true);
    expect(result?.confidence).toBeGreaterThanOrEqual(0);
    expect(result?.confidence).toBeLessThanOrEqual(1);
    for (const e of result?.evidence ?? []) {
      expect(e.start).toBeGreaterThanOrEqual(0);
      expect(e.end).toBeLessThanOrEqual(text.length);
      expect(e.end).toBeGreaterThan(e.start);
    }
  });

  it('does not send empty or unloaded messages to the model', async () => {
    const model = new FakeMoodModel();
    const analyzer = createAnalyzer(model);
    const collapsed = message('customer', '', 'u1');
    collapsed.bodyLoaded = false;
    const mood = await analyzer.analyze(conversation([collapsed, message('customer', '\u200b', 'u2')]));
    expect(model.calls).toHaveLength(0);
    expect(mood.messages.u1?.confidence).toBe(0);
    expect(mood.current.sentiment.label).toBe('neutral');
  });

  it('truncates a 1 MB message with a note and bounds what the model reads', async () => {
    const model = new FakeMoodModel(64);
    const analyzer = createAnalyzer(model);
    const huge = `Das ist unverschämt. ${'Bla bla bla. '.repeat(80_000)}`;
    expect(huge.length).toBeGreaterThan(1_000_000);
    const mood = await analyzer.analyze(conversation([message('customer', huge, 'h1')]));
    expect(mood.messages.h1?.truncated).toBe(true);
    // One angry sentence in a huge mail still counts.
    expect(mood.messages.h1?.emotions.find((e) => e.label === 'angry')?.p).toBeGreaterThan(0.3);
    const sent = model.calls.flat();
    expect(Math.max(...sent.map((t) => t.length))).toBeLessThanOrEqual(64 * 3);
    expect(model.calls[0]?.join(' ').length).toBeLessThanOrEqual(5000);
  });

  it('rejects with a coded error when the model fails or answers wrongly', async () => {
    const failing = new FakeMoodModel();
    failing.failWith = new Error('onnx session broke');
    const error = await rejection(createAnalyzer(failing).analyze(politeToAngry()));
    expect(error).toMatchObject({ code: 'analysis/model-failed', message: 'onnx session broke' });

    const coded = new FakeMoodModel();
    coded.failWith = new AppError('model/load-failed', 'The bundled model could not be loaded.');
    expect(await rejection(createAnalyzer(coded).analyze(politeToAngry()))).toMatchObject({
      code: 'model/load-failed',
    });

    const short: MoodModel = { id: 'short', maxTokens: 128, classify: async () => [] };
    expect(await rejection(createAnalyzer(short).analyze(politeToAngry()))).toMatchObject({
      code: 'analysis/model-output',
    });
  });
});

describe('createAnalyzer().analyzeText', () => {
  it("reads a draft's tone with one model call and no occlusion", async () => {
    const model = new FakeMoodModel();
    const analyzer = createAnalyzer(model);
    const mood = await analyzer.analyzeText('Danke für Ihre Geduld, das ist super!');
    expect(mood.role).toBe('agent');
    expect(mood.sentiment.label).toBe('positive');
    expect(model.calls).toEqual([['Danke für Ihre Geduld, das ist super!']]);
    // The agent's own words are no evidence of a customer's mood (issue 18).
    expect(mood.evidence).toEqual([]);
  });

  it('runs ahead of queued conversation work and a newer draft cancels an older waiting one', async () => {
    const model = new FakeMoodModel();
    model.delayMs = 20;
    const analyzer = createAnalyzer(model);
    const running = analyzer.analyze(politeToAngry());
    const queued = analyzer.analyze({ ...politeToAngry(), id: 'c9' });
    const oldDraft = analyzer.analyzeText('Sehr geehrte');
    const draft = analyzer.analyzeText('Sehr geehrte Frau Müller, danke!');
    expect(isCancelled(await rejection(oldDraft))).toBe(true);
    await draft;
    await Promise.all([running, queued]);
    const order = model.calls.map((texts) => texts[0]);
    const draftAt = order.indexOf('Sehr geehrte Frau Müller, danke!');
    const firstText = politeToAngry().messages[0]?.text;
    const queuedAt = model.calls.findIndex((texts, i) => i > 0 && texts[0] === firstText);
    expect(draftAt).toBeGreaterThan(0);
    expect(draftAt).toBeLessThan(queuedAt);
    expect(order).not.toContain('Sehr geehrte');
  });

  it('gives a defined result for empty text without calling the model', async () => {
    const model = new FakeMoodModel();
    const mood = await createAnalyzer(model).analyzeText('');
    expect(mood.sentiment.label).toBe('neutral');
    expect(mood.confidence).toBe(0);
    expect(model.calls).toHaveLength(0);
    expect(fakeMood('').sentiment.neutral).toBeGreaterThan(0);
  });
});
