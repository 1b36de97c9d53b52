// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { type Conversation, conversationSchema } from '../../../lib/sites/types';
import { loadSiteFixtures } from './fixture-files';

/**
 * The conversation's wire schema is its type (lib/sites/types.ts): what an adapter reads must arrive in the panel
 * whole. A field the schema lacked used to be stripped on receipt without a word.
 */

const full: Conversation = {
  site: 'gmail',
  id: 'thread-f:1',
  subject: 'Refund for order 5521',
  url: 'https://mail.google.com/mail/u/0/#inbox/abc',
  customer: { name: 'Ivan', email: 'ivan@example.ru' },
  agent: { name: 'Olga', email: 'olga@shop.example' },
  messages: [
    {
      id: 'm1',
      author: { name: 'Ivan' },
      role: 'customer',
      roleSource: 'page',
      time: '2026-03-01T10:00:00.000Z',
      timeText: '1 Mar, 10:00',
      text: 'Where is my refund?',
      bodyLoaded: true,
      attachments: ['receipt.pdf'],
    },
  ],
  hiddenMessageCount: 3,
  source: 'api',
  apiFallback: { code: 'api/timeout', status: 504 },
};

describe('conversationSchema', () => {
  it('carries every field of a conversation, the optional ones included', () => {
    expect(conversationSchema.parse(full)).toEqual(full);
  });

  it('carries every conversation the adapters read from the saved pages unchanged', () => {
    const read = loadSiteFixtures().flatMap((fixture) => (fixture.conversation ? [fixture.conversation] : []));
    expect(read.length).toBeGreaterThan(10);
    for (const conversation of read) expect(conversationSchema.parse(conversation)).toEqual(conversation);
  });

  it.each([
    ['an unknown site', { ...full, site: 'helpscout' }],
    ['an unknown role', { ...full, messages: [{ ...full.messages[0], role: 'bot' }] }],
    ['a negative hidden count', { ...full, hiddenMessageCount: -1 }],
    ['an id over the limit', { ...full, id: 'x'.repeat(2001) }],
  ])('refuses %s', (_what, conversation) => {
    expect(conversationSchema.safeParse(conversation).success).toBe(false);
  });
});
