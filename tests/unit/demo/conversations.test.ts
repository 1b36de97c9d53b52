// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  type DemoConversation,
  type DemoScenario,
  demoConversations,
  findDemoConversation,
  getDemoConversation,
} from '../../../scripts/demo/conversations';

const allText = (conversation: DemoConversation) => conversation.messages.map((message) => message.text).join('\n');
const customerMessages = (conversation: DemoConversation) =>
  conversation.messages.filter((message) => message.role === 'customer');

describe('demo conversations', () => {
  it('hold a dozen or more tickets with unique ticket and message ids', () => {
    expect(demoConversations.length).toBeGreaterThanOrEqual(12);
    expect(new Set(demoConversations.map((conversation) => conversation.id)).size).toBe(demoConversations.length);
    const messageIds = demoConversations.flatMap((conversation) => conversation.messages.map((message) => message.id));
    expect(new Set(messageIds).size).toBe(messageIds.length);
  });

  it('cover English and German', () => {
    const byLanguage = (language: 'de' | 'en') => demoConversations.filter((c) => c.language === language).length;
    expect(byLanguage('en')).toBeGreaterThanOrEqual(4);
    expect(byLanguage('de')).toBeGreaterThanOrEqual(4);
  });

  it('include one long thread of 40+ messages', () => {
    const longest = getDemoConversation('long-thread');
    expect(longest.messages.length).toBeGreaterThanOrEqual(40);
    expect(customerMessages(longest).length).toBeGreaterThanOrEqual(15);
  });

  it('give every message an author, a time and text, in time order', () => {
    for (const conversation of demoConversations) {
      expect(customerMessages(conversation).length, conversation.id).toBeGreaterThan(0);
      let previous = 0;
      for (const message of conversation.messages) {
        expect(message.author.name.trim(), message.id).not.toBe('');
        expect(message.author.email, message.id).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
        expect(message.text.trim(), message.id).not.toBe('');
        const time = Date.parse(message.time);
        expect(Number.isNaN(time), message.id).toBe(false);
        expect(time, message.id).toBeGreaterThan(previous);
        previous = time;
        if (message.role === 'customer') expect(message.author).toEqual(conversation.customer);
        else expect(message.author.email, message.id).toMatch(/@nordwind-shop\.example$/);
      }
    }
  });

  it('quote only messages that have an earlier support reply to quote', () => {
    for (const conversation of demoConversations) {
      conversation.messages.forEach((message, index) => {
        if (!message.quote) return;
        expect(message.role, message.id).toBe('customer');
        expect(
          conversation.messages.slice(0, index).some((earlier) => earlier.role === 'agent'),
          message.id,
        ).toBe(true);
      });
    }
  });

  it('play every scenario of the issue with the mood a reader would give it', () => {
    const expectMood = (scenario: DemoScenario) => expect(getDemoConversation(scenario).expected);
    expectMood('angry-refund').toMatchObject({ sentiment: 'negative', emotion: 'angry', trajectory: 'worsening' });
    expectMood('late-delivery').toMatchObject({ sentiment: 'negative', emotion: 'anxious' });
    expectMood('invoice-question-de').toMatchObject({ emotion: 'confused' });
    expectMood('grateful-follow-up').toMatchObject({ sentiment: 'positive', emotion: 'grateful' });
    expectMood('abusive').toMatchObject({ sentiment: 'negative', offensive: true });
    expectMood('polite-then-worse').toMatchObject({ sentiment: 'negative', trajectory: 'worsening' });
    expectMood('formal-complaint-de').toMatchObject({ sentiment: 'negative' });
    expect(getDemoConversation('formal-complaint-de').language).toBe('de');
    for (const scenario of ['damaged-item-de', 'tracking-question-de', 'voucher-de'] as const) {
      expect(getDemoConversation(scenario).language).toBe('de');
    }
  });

  it('say what the scenarios are about in the words customers use', () => {
    expect(allText(getDemoConversation('angry-refund'))).toMatch(/chargeback/i);
    expect(allText(getDemoConversation('late-delivery'))).toMatch(/birthday on Saturday/);
    expect(allText(getDemoConversation('grateful-follow-up'))).toMatch(/thank you/i);
    expect(allText(getDemoConversation('abusive'))).toMatch(/idiots/);
    const formal = customerMessages(getDemoConversation('formal-complaint-de')).map((m) => m.text);
    expect(formal.join('\n')).toMatch(/Sehr geehrte/);
    expect(formal.join('\n')).toMatch(/\bIhnen\b/);
    expect(formal.join('\n')).not.toMatch(/\b(du|dir|dich|euch)\b/i);
  });

  it('start polite and worsen over several messages in the polite-then-worse thread', () => {
    const texts = customerMessages(getDemoConversation('polite-then-worse')).map((message) => message.text);
    expect(texts.length).toBeGreaterThanOrEqual(3);
    expect(texts[0]).toMatch(/I hope you're well|Many thanks/);
    expect(texts.at(-1)).toMatch(/unacceptable/);
  });

  it('call a single customer message steady: there is no trajectory to see', () => {
    for (const conversation of demoConversations) {
      if (customerMessages(conversation).length === 1) expect(conversation.expected.trajectory).toBe('steady');
    }
  });

  it('carry order, invoice and tracking numbers, quoted replies, signatures, umlauts and emoji', () => {
    const everything = demoConversations.map(allText).join('\n');
    expect(everything).toMatch(/Bestellung \d{8}/);
    expect(everything).toMatch(/order #A-\d{5}/);
    expect(everything).toMatch(/RE-\d{4}-\d{6}/);
    expect(everything).toMatch(/\b\d{20}\b/); // DHL
    expect(everything).toMatch(/\b1Z[0-9A-Z]{16}\b/); // UPS
    expect(everything).toMatch(/[äöüß]/);
    expect(everything).toMatch(/\p{Extended_Pictographic}/u);
    const messages = demoConversations.flatMap((conversation) => conversation.messages);
    const styles = new Set(messages.flatMap((message) => (message.quote ? [message.quote] : [])));
    expect(styles.size).toBeGreaterThanOrEqual(4);
    expect(messages.filter((message) => message.signature).length).toBeGreaterThanOrEqual(3);
    expect(messages.some((message) => message.role === 'internal-note')).toBe(true);
    expect(messages.some((message) => message.attachments.length > 0)).toBe(true);
  });

  it('vary customer first names', () => {
    const firstNames = demoConversations.map((conversation) => conversation.customer.name.replace(/^Dr\. /, ''));
    expect(new Set(firstNames.map((name) => name.split(' ')[0])).size).toBe(demoConversations.length);
  });

  it('find tickets by number and by scenario', () => {
    const angry = getDemoConversation('angry-refund');
    expect(findDemoConversation(angry.id)).toBe(angry);
    expect(findDemoConversation('1')).toBeUndefined();
  });

  it('list the inbox newest first', () => {
    const latest = demoConversations.map((conversation) => Date.parse(conversation.messages.at(-1)?.time ?? ''));
    expect(latest).toEqual([...latest].sort((a, b) => b - a));
  });
});
