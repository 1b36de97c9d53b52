// @vitest-environment node
// The scripted demo drafts over every demo conversation, read through the extension's reader as in claims.test.ts:
// each variant must fit the conversation (its request's topic, its language and du/Sie) and claim nothing it does
// not show. No model is needed: the mood is the one the demo data expects.
import { Window } from 'happy-dom';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../lib/analysis/language';
import type { TemplateRecord } from '../../../lib/db';
import type { Intent } from '../../../lib/models/types';
import { detectAddressForm, formatSalutation, readCustomerAddress } from '../../../lib/replies/address-form';
import { type ClaimState, conversationFacts, unsupportedClaims } from '../../../lib/replies/claims';
import { buildDraftRequest, draftWarnings, fillTemplateForDraft } from '../../../lib/replies/draft-session';
import { collectDraft, type DraftRequest, draftVariants } from '../../../lib/replies/engine';
import { FakeReplyEngine } from '../../../lib/replies/fake-engine';
import { groundDraft } from '../../../lib/replies/grounding';
import { buildDraftPrompt } from '../../../lib/replies/prompt';
import { suggestionIntents } from '../../../lib/replies/request';
import { TemplateReplyEngine } from '../../../lib/replies/template-engine';
import { packRecordId, STARTER_OWNER } from '../../../lib/replies/templates/schema';
import { starterTemplates } from '../../../lib/replies/templates/starter-pack';
import { defaultSettings } from '../../../lib/settings';
import { readConversation } from '../../../lib/sites';
import type { Conversation } from '../../../lib/sites/types';
import { createDemoClock } from '../../../scripts/demo/clock';
import { type DemoConversation, demoConversations } from '../../../scripts/demo/conversations';
import { renderTicketPage } from '../../../scripts/demo/pages';
import { message, mood } from '../replies/draft-fixtures';

const starter: TemplateRecord[] = starterTemplates.map(({ id, ...template }) => ({
  ...template,
  id: packRecordId(STARTER_OWNER, id),
  owner: STARTER_OWNER,
  updatedAt: 0,
  usageCount: 0,
}));

/** Words that show a draft is about the request, English and German. */
const topicWords: Record<Intent, RegExp> = {
  refund: /refund|erstattung/i,
  'delivery-delay': /deliver|liefertermin|lieferung/i,
  tracking: /tracking|sendungsverfolgung|paket/i,
  invoice: /invoice|rechnung/i,
  cancellation: /cancel|stornieren/i,
  complaint: /went wrong|schiefgelaufen/i,
  'damaged-or-wrong-item': /item|artikel/i,
  return: /return|exchang|rückgabe|umtausch/i,
  payment: /payment|zahlung/i,
  account: /account|kundenkonto/i,
  'order-change': /order|bestellung/i,
  'shipping-address': /address|adresse/i,
  contact: /getting in touch|gemeldet/i,
  'thank-you': /thank|dank/i,
  other: /request|anliegen/i,
};

interface Read {
  demo: DemoConversation;
  conversation: Conversation;
  facts: Set<ClaimState>;
  request: DraftRequest;
}

const reads: Read[] = [];

function requestFor(demo: DemoConversation, conversation: Conversation): DraftRequest {
  const { expected } = demo;
  return buildDraftRequest({
    conversation,
    mood: mood(expected.sentiment, expected.emotion, {
      language: demo.language,
      trajectory: expected.trajectory,
      offensive: expected.offensive ?? false,
    }),
    intents: suggestionIntents([], conversation.messages, conversation.subject),
    templates: starter,
    settings: { replies: defaultSettings.replies, agent: { ...defaultSettings.agent, name: 'Lena Vogt' } },
  });
}

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
    reads.push({ demo, conversation, facts: conversationFacts(conversation), request: requestFor(demo, conversation) });
    await window.happyDOM.close();
  }
}, 120_000);

async function scripted(request: DraftRequest): Promise<Partial<Record<string, string>>> {
  const engine = new FakeReplyEngine({ tokenDelayMs: 0, downloadSteps: 0 });
  await engine.load();
  const { texts, error } = await collectDraft(engine.draft({ ...request, variants: [...draftVariants] }));
  expect(error).toBeUndefined();
  return texts;
}

describe('scripted demo drafts on every demo conversation', () => {
  it('read a main request the team lead expects for each conversation', () => {
    for (const { demo, request } of reads) {
      const main = groundDraft(request).main;
      const expected = demo.expectedIntents;
      expect(main, demo.id).toBeDefined();
      if (!expected || !main) continue;
      expect([expected.main, ...expected.also], demo.id).toContain(main);
    }
  });

  it('mention the request, claim nothing the conversation does not show, and use its language and du/Sie', async () => {
    let checked = 0;
    for (const { demo, conversation, facts, request } of reads) {
      const grounding = groundDraft(request);
      const main = grounding.main ?? 'other';
      const form = detectAddressForm(conversation, demo.language, defaultSettings.replies).form;
      const greeting = formatSalutation(readCustomerAddress(conversation), demo.language, form ?? 'sie').greeting;
      const texts = await scripted(request);
      for (const variant of draftVariants) {
        const text = texts[variant] ?? '';
        const label = `${demo.id} ${variant}:\n${text}`;
        expect(text, label).toMatch(topicWords[main]);
        expect(unsupportedClaims(text, facts, demo.language), label).toEqual([]);
        // Nothing but placeholders to fill: no offer outside the policy, no invented number, no claim.
        expect(
          draftWarnings(text, request).filter((warning) => warning.kind !== 'placeholder'),
          label,
        ).toEqual([]);
        expect(detectLanguage(text).language, label).toBe(demo.language);
        expect(text.startsWith(`${greeting},`), label).toBe(true);
        if (demo.language === 'de') {
          const asReply = { ...conversation, messages: [message('draft', 'agent', text)] };
          expect(detectAddressForm(asReply, 'de', defaultSettings.replies).form, label).toBe(form);
        }
        // The order number the customer gave is named where the request is about an order.
        const order = grounding.facts.orderNumbers[0];
        if (order && ['refund', 'delivery-delay', 'cancellation'].includes(main)) {
          expect(text, label).toContain(order);
        }
        checked++;
      }
    }
    expect(checked).toBe(demoConversations.length * draftVariants.length);
  });

  it('on the angry refund demand: about the pending refund of €349 for #A-55812, nothing about a parcel', async () => {
    const angry = reads.find((read) => read.demo.id === '10481');
    if (!angry) throw new Error('demo 10481 missing');
    const texts = await scripted(angry.request);
    for (const variant of draftVariants) {
      const text = texts[variant] ?? '';
      expect(text).toContain('#A-55812');
      expect(text).toContain('€349');
      expect(text).not.toMatch(/transit|on its way|has been issued|tracking/i);
      expect(text.startsWith('Hi Derek,')).toBe(true);
    }
  });

  it('give the model the same grounding: request, state, facts and what not to claim', () => {
    const angry = reads.find((read) => read.demo.id === '10481');
    if (!angry) throw new Error('demo 10481 missing');
    const system = buildDraftPrompt(angry.request, 'short').messages[0]?.content ?? '';
    expect(system).toContain('What the customer asks for: their refund');
    expect(system).toContain('State: angry');
    expect(system).toContain('#A-55812');
    expect(system).toContain('the return has arrived at the warehouse');
    expect(system).toContain('Do not say the refund has been started or issued; it has not been.');
    expect(system).not.toContain('Do not say the return has arrived');
  });

  it('templates-only drafts claim nothing the conversation does not show either', async () => {
    for (const { demo, facts, request } of reads) {
      const engine = new TemplateReplyEngine({ reason: 'test', fill: fillTemplateForDraft });
      await engine.load();
      const { texts } = await collectDraft(engine.draft({ ...request, variants: [...draftVariants] }));
      for (const [variant, text] of Object.entries(texts)) {
        expect(unsupportedClaims(text ?? '', facts, demo.language), `${demo.id} ${variant}: ${text}`).toEqual([]);
      }
    }
  });
});
