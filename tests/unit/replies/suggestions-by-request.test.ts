// @vitest-environment node
// transformers.js must resolve to its Node build (onnxruntime-node) to run the bundled intent model, as the panel does.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../lib/analysis/language';
import { isUpsetState, stateFromEmotion } from '../../../lib/analysis/verdict';
import type { TemplateRecord } from '../../../lib/db';
import { type BundledIntentModel, createBundledIntentModel } from '../../../lib/models/intent-model';
import { type Intent, intents } from '../../../lib/models/types';
import { latestCustomerText, type RequestMessage, suggestionIntents } from '../../../lib/replies/request';
import { type SuggestionContext, suggestTemplates } from '../../../lib/replies/templates/ranking';
import { packRecordId, STARTER_OWNER } from '../../../lib/replies/templates/schema';
import { starterTemplates } from '../../../lib/replies/templates/starter-pack';
import { demoConversations } from '../../../scripts/demo/conversations';

/**
 * The whole path from a conversation to the panel's three suggestions, on the shipped intent model and starter pack:
 * the demo conversations against the intents a team lead wrote into the demo data, and the authored challenge set
 * (scripts/train/eval/requests.tsv, never trained on) scored top-1 and top-3 (issue 19).
 */

const starter: TemplateRecord[] = starterTemplates.map((template) => ({
  id: packRecordId(STARTER_OWNER, template.id),
  title: template.title,
  body: template.body,
  language: template.language,
  intents: template.intents,
  tone: template.tone,
  ...(template.formality ? { formality: template.formality } : {}),
  owner: STARTER_OWNER,
  version: template.version,
  updatedAt: 0,
  usageCount: 0,
}));

let model: BundledIntentModel;

beforeAll(() => {
  model = createBundledIntentModel();
});

afterAll(async () => {
  await model.dispose();
});

async function suggest(
  messages: readonly RequestMessage[],
  subject: string,
  language: 'de' | 'en',
  mood: SuggestionContext['mood'],
) {
  const text = latestCustomerText(messages) || subject;
  const ranked = suggestionIntents(await model.classify(text), messages, subject);
  return {
    intents: ranked,
    suggestions: suggestTemplates(starter, { intents: ranked, mood, language, formality: 'sie' }),
  };
}

/** What a template is for: its first intent (the editor keeps them in the order they were picked). */
const purpose = (template: TemplateRecord): string => template.intents[0] ?? 'other';

describe('suggestions on the demo conversations', () => {
  for (const conversation of demoConversations) {
    const expected = conversation.expectedIntents;
    it(`${conversation.id} (${conversation.scenario}): the top one fits the main request, the top three are on topic`, async () => {
      expect(expected, 'every demo conversation names its expected intents').toBeDefined();
      if (!expected) return;
      const state = stateFromEmotion(conversation.expected.emotion);
      const { intents: ranked, suggestions } = await suggest(
        conversation.messages,
        conversation.subject,
        conversation.language,
        {
          current: {
            sentiment: { label: conversation.expected.sentiment },
            dominantEmotion: conversation.expected.emotion,
            state,
            upset: isUpsetState(state),
          },
          confidence: 0.8,
        },
      );
      const summary = `${ranked
        .slice(0, 4)
        .map((r) => `${r.intent} ${r.p.toFixed(2)}`)
        .join(', ')} → ${suggestions.map((s) => s.template.title).join(' | ')}`;
      if (process.env.SHOW_SUGGESTIONS) console.info(`${conversation.id}: ${summary}`);
      expect(suggestions.length, summary).toBeGreaterThan(0);
      expect(suggestions[0] && purpose(suggestions[0].template), summary).toBe(expected.main);
      const onTopic = new Set<string>([expected.main, ...expected.also]);
      for (const suggestion of suggestions) expect(onTopic.has(purpose(suggestion.template)), summary).toBe(true);
    });
  }
});

function isIntent(value: string): value is Intent {
  return (intents as readonly string[]).includes(value);
}

describe('the authored request challenge set', () => {
  it('ranks a template for the main request first in most messages, and among the top three in nearly all', async () => {
    const rows = readFileSync('scripts/train/eval/requests.tsv', 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => {
        const [intent = '', text = ''] = line.split('\t');
        return { intent, text };
      });
    expect(rows.length).toBeGreaterThanOrEqual(30);
    let top1 = 0;
    let top3 = 0;
    const misses: string[] = [];
    for (const { intent, text } of rows) {
      expect(isIntent(intent), intent).toBe(true);
      const language = detectLanguage(text).language === 'de' ? 'de' : 'en';
      const { suggestions } = await suggest([{ role: 'customer', text }], '', language, null);
      const purposes = suggestions.map((s) => purpose(s.template));
      if (purposes[0] === intent) top1++;
      else misses.push(`${intent} ← ${purposes.join(', ')}: ${text}`);
      if (purposes.includes(intent)) top3++;
    }
    // The figures the issue asks for, printed so `vitest run` shows them next to the thresholds.
    console.info(`requests.tsv: top-1 ${top1}/${rows.length}, top-3 ${top3}/${rows.length}\n${misses.join('\n')}`);
    expect(top1 / rows.length).toBeGreaterThanOrEqual(0.85);
    expect(top3 / rows.length).toBeGreaterThanOrEqual(0.95);
  });
});
