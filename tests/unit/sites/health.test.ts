// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { checkReading, isFormLike } from '../../../lib/sites/health';
import type { Conversation, ConversationMessage } from '../../../lib/sites/types';

function message(partial: Partial<ConversationMessage> & Pick<ConversationMessage, 'text'>): ConversationMessage {
  return {
    id: `m${Math.random()}`,
    author: { name: 'Mara Köhler', email: 'mara@example.net' },
    role: 'customer',
    roleSource: 'page',
    bodyLoaded: true,
    attachments: [],
    ...partial,
  };
}

function conversation(messages: ConversationMessage[], patch: Partial<Conversation> = {}): Conversation {
  return {
    site: 'zendesk',
    id: '1',
    subject: 'Bestellung 10-4471',
    url: 'https://x.zendesk.com/agent/tickets/1',
    customer: { name: 'Mara Köhler' },
    messages,
    ...patch,
  };
}

const agentReply = message({
  author: { name: 'Tobias Brandt', email: 'tobias@shop.example' },
  role: 'agent',
  text: 'Das tut mir leid, ich kümmere mich darum.',
});

describe('checkReading', () => {
  it('passes a customer message and an agent reply', () => {
    expect(checkReading(conversation([message({ text: 'Wo bleibt mein Paket?' }), agentReply]))).toEqual({
      ok: true,
      problems: [],
    });
  });

  it('flags a reading without any customer message', () => {
    expect(checkReading(conversation([agentReply])).problems).toEqual([{ code: 'no-customer-message' }]);
  });

  it('flags customer messages that are all collapsed (nothing of theirs was read)', () => {
    const problems = checkReading(conversation([message({ text: '', bodyLoaded: false }), agentReply])).problems;
    expect(problems).toEqual([{ code: 'no-loaded-customer-message' }]);
  });

  it('flags a placeholder such as "Nobody" as the customer or an author', () => {
    const health = checkReading(
      conversation([message({ text: 'Hilfe!', author: { name: 'Nobody' } }), agentReply], {
        customer: { name: 'Nobody' },
      }),
    );
    expect(health.problems).toContainEqual({ code: 'placeholder-author', name: 'Nobody' });
  });

  it('flags a "message" that is a links/relations form', () => {
    const form = 'Depends on:\nDepended on by:\nParents:\nChildren:\nRefers to:\nReferred to by:\nSave Changes';
    const health = checkReading(conversation([message({ text: form }), agentReply]));
    expect(health.problems).toContainEqual({ code: 'form-like-message', index: 0 });
  });

  it('flags every message by one person on a helpdesk, and several people all read as the customer', () => {
    const same = [1, 2, 3].map((n) => message({ text: `Nachricht ${n}: wo bleibt die Erstattung?` }));
    expect(checkReading(conversation(same)).problems).toContainEqual({ code: 'one-author', count: 3 });
    const misread = [message({ text: 'Wo ist mein Geld?' }), { ...agentReply, role: 'customer' as const }];
    expect(checkReading(conversation(misread)).problems).toContainEqual({ code: 'everyone-customer', authors: 2 });
  });

  it("trusts roles from the helpdesk's API", () => {
    const fromApi = [1, 2, 3].map((n) => message({ text: `Nachricht ${n}`, roleSource: 'api' }));
    expect(checkReading(conversation(fromApi)).ok).toBe(true);
  });

  it('flags a missing subject, except for a selection', () => {
    const messages = [message({ text: 'Hallo?' })];
    expect(checkReading(conversation(messages, { subject: '' })).problems).toEqual([{ code: 'no-subject' }]);
    expect(checkReading(conversation(messages, { subject: '', source: 'selection' })).ok).toBe(true);
  });
});

describe('isFormLike', () => {
  it('tells labels and buttons from sentences, in English and German', () => {
    expect(isFormLike('Status:\nPriorität:\nBesitzer:\nSpeichern\nAbbrechen')).toBe(true);
    expect(isFormLike('Hallo,\nmein Paket ist nicht angekommen.\nBitte melden Sie sich.\nDanke')).toBe(false);
    expect(isFormLike('Short note.')).toBe(false);
  });
});
