/**
 * Reply-engine benchmarks: prompt assembly, the draft guardrail check and the tone check (with a fast fake analyzer
 * and, when it loads, the real bundled mood model). Time to first token and tokens per second need web-llm on a real
 * WebGPU adapter in a browser; `measureDraftStream` computes them from any engine's stream and the bench says when
 * that part is skipped and why.
 */
import type { ConversationMood } from '../../lib/analysis/types';
import type { TemplateRecord } from '../../lib/db';
import { intents } from '../../lib/models/types';
import type { DraftRequest, ReplyEngine } from '../../lib/replies/engine';
import { checkDraft } from '../../lib/replies/guardrails';
import { buildDraftPrompt } from '../../lib/replies/prompt';
import { extractRequests } from '../../lib/replies/request';
import { type SuggestionContext, suggestTemplates } from '../../lib/replies/templates/ranking';
import { type AnalyzeText, checkTone } from '../../lib/replies/tone-check';
import type { ConversationMessage } from '../../lib/sites/types';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function time(runs: number, work: () => unknown): Promise<number[]> {
  for (let i = 0; i < Math.min(20, runs); i++) await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return times;
}

const ms = (value: number): string => `${value < 1 ? value.toFixed(3) : value.toFixed(1)} ms`;

function sampleMessage(i: number): ConversationMessage {
  const customer = i % 2 === 0;
  return {
    id: `m${i}`,
    author: { name: customer ? 'Anna Schmidt' : 'Max Weber' },
    role: customer ? 'customer' : 'agent',
    roleSource: 'page',
    text: customer
      ? `Hallo, meine Bestellung 100234 ist immer noch nicht da. Ich habe schon ${i / 2 + 1} Mal geschrieben und brauche das Paket dringend bis Freitag, sonst storniere ich.`
      : 'Guten Tag Frau Schmidt, vielen Dank für Ihre Geduld. Wir haben beim Versanddienstleister nachgefragt und melden uns, sobald wir mehr wissen.',
    bodyLoaded: true,
    attachments: [],
  };
}

function sampleTemplate(id: string, tone: TemplateRecord['tone']): TemplateRecord {
  return {
    id,
    title: `Lieferverzögerung (${tone})`,
    body: 'Guten Tag {{customer.name}},\n\nes tut uns leid, dass Ihre Bestellung noch nicht angekommen ist. Wir haben den Versand geprüft: {{order.status | "[Bestellstatus]"}}. Sobald wir die Sendungsnummer haben, melden wir uns.\n\nViele Grüße\n{{agent.name}}',
    language: 'de',
    intents: ['delivery-delay'],
    tone,
    formality: 'sie',
    owner: 'bench',
    version: 1,
    updatedAt: 0,
    usageCount: 0,
  };
}

const upsetMood: ConversationMood = {
  current: {
    sentiment: { label: 'negative', probs: { negative: 0.8, neutral: 0.15, positive: 0.05 }, score: -0.75 },
    dominantEmotion: 'angry',
    state: 'angry',
    stateSource: 'engine',
    upset: true,
    emotions: [
      { label: 'angry', p: 0.8 },
      { label: 'frustrated', p: 0.6 },
    ],
  },
  trajectory: 'worsening',
  series: [-0.3, -0.6, -0.75],
  confidence: 0.8,
  urgency: { level: 'high', reasons: [{ kind: 'deadline', phrase: 'bis Freitag' }] },
  offensive: false,
  language: 'de',
  messages: {},
};

function sampleRequest(messages: number): DraftRequest {
  return {
    conversation: {
      site: 'zendesk',
      id: 'bench',
      subject: 'Bestellung 100234',
      url: 'https://shop.zendesk.com/agent/tickets/1',
      customer: { name: 'Anna Schmidt' },
      messages: Array.from({ length: messages }, (_, i) => sampleMessage(i)),
    },
    mood: upsetMood,
    intent: { intent: 'delivery-delay', p: 0.8 },
    templates: [sampleTemplate('a', 'apologetic'), sampleTemplate('b', 'warm'), sampleTemplate('c', 'neutral')],
    replies: {
      brandVoice: 'Herzlich, klar, ohne Floskeln.',
      policyText: 'Gutscheine bis 10 € bei Verzögerungen über 7 Tage.',
      germanFormality: 'sie',
    },
    agentName: 'Max Weber',
  };
}

const drafts = [
  'Ok.',
  'Guten Tag Frau Schmidt, es tut mir sehr leid, dass Sie so lange warten mussten. Ich kümmere mich heute persönlich darum und melde mich mit [Bestellstatus].',
  'Hi Anna, your parcel left our warehouse today. Tracking: [tracking number]. Best, Max',
];

/** Time to first token and tokens per second of one draft stream (one token event ≈ one model token in web-llm). */
export async function measureDraftStream(
  engine: ReplyEngine,
  request: DraftRequest,
): Promise<{ firstTokenMs: number; tokensPerSecond: number; tokens: number }> {
  const started = performance.now();
  let first = 0;
  let tokens = 0;
  for await (const event of engine.draft(request)) {
    if (event.type === 'token') {
      if (tokens === 0) first = performance.now();
      tokens++;
    }
    if (event.type === 'error') throw new Error(`${event.code}: ${event.message}`);
  }
  const seconds = (performance.now() - first) / 1000;
  return { firstTokenMs: first - started, tokensPerSecond: seconds > 0 ? (tokens - 1) / seconds : 0, tokens };
}

async function loadRealAnalyzer(): Promise<{ analyzeText: AnalyzeText; id: string } | string> {
  try {
    const [{ createBundledMoodModel }, { createAnalyzer }] = await Promise.all([
      import('../../lib/models/bundled-model'),
      import('../../lib/analysis/analyzer'),
    ]);
    const model = createBundledMoodModel();
    await model.load();
    const analyzer = createAnalyzer(model);
    return { analyzeText: (text, signal) => analyzer.analyzeText(text, signal ? { signal } : {}), id: model.id };
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** A team library of `count` templates: every intent, both languages, three tones, German Sie and du. */
function sampleLibrary(count: number): TemplateRecord[] {
  const tones: TemplateRecord['tone'][] = ['apologetic', 'neutral', 'warm'];
  return Array.from({ length: count }, (_, i) => {
    const language = i % 3 === 0 ? 'en' : 'de';
    const first = intents[i % intents.length] ?? 'other';
    const second = intents[(i * 7 + 3) % intents.length] ?? 'other';
    return {
      ...sampleTemplate(`t${i}`, tones[i % tones.length] ?? 'neutral'),
      title: `Template ${i} (${first})`,
      body: `${sampleTemplate('x', 'neutral').body}\n\nVariante ${i}.`,
      language,
      intents: i % 2 ? [first, second] : [first],
      ...(language === 'de' ? { formality: i % 2 ? 'du' : 'sie' } : {}),
      usageCount: i % 17,
    };
  });
}

/** Runs the reply benchmarks and returns report lines. */
export async function runRepliesBench(): Promise<string[]> {
  const lines: string[] = ['## Replies'];

  for (const [label, count] of [
    ['3 messages', 3],
    ['120 messages, trimmed to a 4k window', 120],
  ] as const) {
    const request = sampleRequest(count);
    const built = buildDraftPrompt(request, 'de-escalating');
    const times = await time(500, () => buildDraftPrompt(request, 'de-escalating'));
    lines.push(
      `prompt assembly, ${label}: median ${ms(median(times))}, p95 ${ms(percentile(times, 95))} (${built.estimatedTokens} est. tokens, ${built.includedMessageIds.length} messages kept)`,
    );
  }

  // Ranking runs on every analysis update in the panel: it must stay instant for big team libraries (issue 19).
  const messages = sampleRequest(6).conversation.messages;
  const requestTimes = await time(500, () => extractRequests(messages, 'Bestellung 100234'));
  lines.push(
    `request extraction, 6 messages: median ${ms(median(requestTimes))}, p95 ${ms(percentile(requestTimes, 95))}`,
  );
  const context: SuggestionContext = {
    intents: [
      { intent: 'delivery-delay', p: 0.62 },
      { intent: 'tracking', p: 0.2 },
      { intent: 'cancellation', p: 0.08 },
      { intent: 'complaint', p: 0.05 },
    ],
    mood: { current: upsetMood.current, confidence: upsetMood.confidence },
    language: 'de',
    formality: 'sie',
  };
  for (const count of [200, 2000]) {
    const library = sampleLibrary(count);
    const cold = performance.now();
    suggestTemplates(library, context);
    const first = performance.now() - cold;
    const rankTimes = await time(300, () => suggestTemplates(library, context));
    lines.push(
      `template ranking, ${count} templates: first call ${ms(first)}, then median ${ms(median(rankTimes))}, p95 ${ms(percentile(rankTimes, 95))} (budget 5 ms)`,
    );
  }

  const guardContext = { conversation: sampleRequest(6).conversation, policyText: 'Gutscheine bis 10 €.' };
  const guardTimes = await time(500, () => {
    for (const draft of drafts) checkDraft(draft, guardContext);
  });
  lines.push(`guardrail check, ${drafts.length} drafts: median ${ms(median(guardTimes))}`);

  const fake: AnalyzeText = (text) => ({
    sentiment: {
      label: text.length > 40 ? 'neutral' : 'negative',
      score: 0,
      probs: { negative: 0.3, neutral: 0.6, positive: 0.1 },
    },
  });
  let index = 0;
  const fakeTimes = await time(500, () => checkTone(drafts[index++ % drafts.length] ?? '', upsetMood, fake));
  lines.push(
    `tone check, fake analyzer: median ${ms(median(fakeTimes))}, p95 ${ms(percentile(fakeTimes, 95))} (budget 50 ms)`,
  );

  const real = await loadRealAnalyzer();
  if (typeof real === 'string') {
    lines.push(`tone check, bundled model: skipped (it did not load: ${real})`);
  } else {
    const modelTimes: number[] = [];
    let skipped = 0;
    index = 0;
    // Every text differs (a counter appended) so the analyzer's cache cannot answer instead of the model.
    const variant = (i: number): string => `${drafts[i % drafts.length] ?? ''} (${i})`;
    // Without a budget first: the model's own latency, then with the 50 ms budget the panel uses.
    const raw = await time(60, () => real.analyzeText(variant(1000 + index++)));
    for (let i = 0; i < 60; i++) {
      const result = await checkTone(variant(i), upsetMood, real.analyzeText);
      modelTimes.push(result.elapsedMs);
      if (!result.sentiment) skipped++;
    }
    lines.push(
      `tone check, bundled model "${real.id}" (Node, CPU): analyzeText median ${ms(median(raw))}, p95 ${ms(percentile(raw, 95))}; checkTone median ${ms(median(modelTimes))}, p95 ${ms(percentile(modelTimes, 95))}, ${skipped}/60 answered from cues (over budget)`,
    );
  }

  const gpu: unknown = typeof navigator === 'undefined' ? undefined : Reflect.get(navigator, 'gpu');
  if (gpu === undefined || typeof Worker === 'undefined') {
    lines.push(
      'web-llm time to first token / tokens per second: skipped (no WebGPU and no web workers in this runtime; web-llm runs in the extension page on a WebGPU adapter with the model weights cached or reachable)',
    );
  } else {
    lines.push(
      'web-llm time to first token / tokens per second: WebGPU present, but the bench does not download model weights; run measureDraftStream() on a loaded WebLlmReplyEngine in the extension page',
    );
  }
  return lines;
}
