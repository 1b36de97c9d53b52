// @vitest-environment node
// (happy-dom's URL resolves relative paths against http://localhost, not this file.)
// Checks the authored support-conversation set (issue 18) is well formed and balanced; it does not score the engine
// (that is `npm run eval -- --task conversations`).
import { describe, expect, it } from 'vitest';
import { customerStates, upsetStates } from '../../../lib/analysis/types';
import {
  type ConversationItem,
  parseConversationSet,
  readConversationSet,
  toConversation,
} from '../../../scripts/train/eval/conversation-set';

const { conversations } = readConversationSet(
  new URL('../../../scripts/train/eval/support-conversations.json', import.meta.url),
);

function ofLanguage(language: ConversationItem['language']): ConversationItem[] {
  return conversations.filter((item) => item.language === language);
}

describe('support-conversations.json', () => {
  it('has at least 60 conversations: 25 or more German, 25 or more English, and a few mixed', () => {
    expect(conversations.length).toBeGreaterThanOrEqual(60);
    expect(ofLanguage('de').length).toBeGreaterThanOrEqual(25);
    expect(ofLanguage('en').length).toBeGreaterThanOrEqual(25);
    expect(ofLanguage('mixed').length).toBeGreaterThanOrEqual(2);
  });

  it('has unique ids', () => {
    const ids = conversations.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has every state at least three times in German and in English', () => {
    for (const language of ['de', 'en'] as const) {
      for (const state of customerStates) {
        const count = ofLanguage(language).filter((item) => item.expected.state === state).length;
        expect(count, `${language}/${state}`).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it('has no empty message and a customer in every conversation', () => {
    for (const item of conversations) {
      for (const message of item.messages) expect(message.text.trim(), item.id).not.toBe('');
      expect(
        item.messages.some((message) => message.role === 'customer'),
        item.id,
      ).toBe(true);
    }
  });

  it('labels consistently: upset means an upset state, forbidden kinds are never expected', () => {
    for (const item of conversations) {
      const { expected } = item;
      expect(expected.upset, item.id).toBe(upsetStates.has(expected.state));
      for (const kind of expected.forbiddenKinds ?? []) expect(expected.urgencyKinds, item.id).not.toContain(kind);
      expect(item.alsoAcceptable ?? [], item.id).not.toContain(expected.state);
    }
  });

  it('names protected spans that occur in the messages', () => {
    for (const item of conversations) {
      const text = item.messages.map((message) => message.text.toLowerCase()).join('\n');
      for (const span of item.protectedSpans ?? []) expect(text, `${item.id}: ${span}`).toContain(span.toLowerCase());
    }
  });

  it('keeps about a third of the conversations in the dev split', () => {
    const dev = conversations.filter((item) => item.split === 'dev').length / conversations.length;
    expect(dev).toBeGreaterThan(0.25);
    expect(dev).toBeLessThan(0.4);
  });

  it('builds a conversation an adapter could have read, with stable message ids', () => {
    const item = conversations.find((candidate) => candidate.messages.length > 2);
    if (!item) throw new Error('the set has no thread longer than two messages');
    const conversation = toConversation(item);
    expect(conversation.messages.map((message) => message.id)).toEqual(
      item.messages.map((_, index) => `m${index + 1}`),
    );
    expect(conversation.messages.map((message) => message.role)).toEqual(item.messages.map((message) => message.role));
    expect(conversation.customer.name).toBe(item.messages.find((message) => message.role === 'customer')?.author);
  });
});

describe('parseConversationSet', () => {
  it('rejects an unknown state and names where it is', () => {
    const bad = {
      about: '',
      conversations: [
        {
          id: 'x',
          split: 'dev',
          language: 'en',
          note: 'n',
          messages: [{ role: 'customer', author: 'A', text: 'hi' }],
          expected: { state: 'furious', upset: true, escalate: false, urgencyKinds: [] },
        },
      ],
    };
    expect(() => parseConversationSet(bad, 'bad.json')).toThrow(/bad\.json.*conversations\.0\.expected\.state/);
  });

  it('rejects an empty message text', () => {
    const bad = {
      about: '',
      conversations: [
        {
          id: 'x',
          split: 'test',
          language: 'de',
          note: 'n',
          messages: [{ role: 'customer', author: 'A', text: '  \n ' }],
          expected: { state: 'calm', upset: false, escalate: false, urgencyKinds: [] },
        },
      ],
    };
    expect(() => parseConversationSet(bad, 'bad.json')).toThrow(/empty message text/);
  });
});
