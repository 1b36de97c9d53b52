// @vitest-environment node
// The demo pages are parsed with happy-dom's own window and read by the extension's reader, as in evidence.test.ts;
// no model is needed: the claim check must hold for any intent and mood the models could produce.
import { Window } from 'happy-dom';
import { beforeAll, describe, expect, it } from 'vitest';
import { blendIntents } from '../../../lib/analysis/intent-cues';
import type { Emotion } from '../../../lib/analysis/types';
import { isUpsetState, stateFromEmotion } from '../../../lib/analysis/verdict';
import type { TemplateRecord } from '../../../lib/db';
import { intents } from '../../../lib/models/types';
import { type ClaimState, conversationFacts, unsupportedClaims } from '../../../lib/replies/claims';
import { type SuggestionContext, suggestTemplates } from '../../../lib/replies/templates/ranking';
import { packRecordId, STARTER_OWNER } from '../../../lib/replies/templates/schema';
import { starterTemplates } from '../../../lib/replies/templates/starter-pack';
import { readConversation } from '../../../lib/sites';
import type { Conversation } from '../../../lib/sites/types';
import { createDemoClock } from '../../../scripts/demo/clock';
import { type DemoConversation, demoConversations } from '../../../scripts/demo/conversations';
import { renderTicketPage } from '../../../scripts/demo/pages';

const starter: TemplateRecord[] = starterTemplates.map(({ id, ...template }) => ({
  ...template,
  id: packRecordId(STARTER_OWNER, id),
  owner: STARTER_OWNER,
  updatedAt: 0,
  usageCount: 0,
}));

function mood(emotion: Emotion): SuggestionContext['mood'] {
  const state = stateFromEmotion(emotion);
  const label =
    emotion === 'grateful' || emotion === 'happy' ? 'positive' : emotion === 'neutral' ? 'neutral' : 'negative';
  return {
    current: { sentiment: { label }, dominantEmotion: emotion, state, upset: isUpsetState(state) },
    confidence: 0.9,
  };
}

const reads: { demo: DemoConversation; conversation: Conversation; facts: Set<ClaimState> }[] = [];

beforeAll(async () => {
  const clock = createDemoClock();
  for (const demo of demoConversations) {
    const url = `http://localhost:5757/tickets/${demo.id}`;
    const window = new Window({ url });
    const html = renderTicketPage(demo, clock).replace(/<link[^>]*stylesheet[^>]*>/g, '');
    const page = new window.DOMParser().parseFromString(html, 'text/html');
    const conversation = readConversation(page as unknown as Document, {
      url: new URL(url),
      agent: { names: [], emails: [] },
    });
    reads.push({ demo, conversation, facts: conversationFacts(conversation) });
    await window.happyDOM.close();
  }
}, 120_000);

describe('claims on the demo conversations', () => {
  it('show the angry refund demand without a started refund, its return received', () => {
    const angry = reads.find((read) => read.demo.id === '10481');
    expect(angry?.facts.has('refund-started')).toBe(false);
    expect(angry?.facts.has('return-received')).toBe(true);
  });

  it('never put a claim the conversation does not show into a top three', () => {
    const moods = [null, mood('angry'), mood('neutral'), mood('grateful')];
    let lists = 0;
    for (const { demo, conversation, facts } of reads) {
      const customerText = conversation.messages
        .filter((message) => message.role === 'customer')
        .map((message) => message.text)
        .join('\n');
      // The cue-blended intents of the conversation, and every intent on its own.
      const intentSets = [blendIntents([], customerText), ...intents.map((intent) => [{ intent, p: 0.9 }])];
      for (const intentSet of intentSets) {
        for (const currentMood of moods) {
          for (const formality of ['sie', 'du'] as const) {
            const top = suggestTemplates(starter, {
              intents: intentSet,
              mood: currentMood,
              language: demo.language,
              formality,
              facts,
            });
            lists++;
            expect(top.length, `${demo.id}`).toBeGreaterThan(0);
            for (const { template } of top) {
              expect(unsupportedClaims(template, facts), `${demo.id}: ${template.id}`).toEqual([]);
            }
          }
        }
      }
    }
    expect(lists).toBe(demoConversations.length * (intents.length + 1) * 4 * 2);
  });

  it('still offers the state-specific variant where the conversation shows the state', () => {
    const facts = new Set<ClaimState>(['refund-started']);
    const top = suggestTemplates(starter, {
      intents: [{ intent: 'refund', p: 0.9 }],
      mood: null,
      language: 'en',
      formality: 'sie',
      facts,
    });
    expect(top.map((suggestion) => suggestion.template.id)).toContain('rapport-starter#refund-status-en');
  });
});
