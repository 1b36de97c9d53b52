import type { Conversation, ConversationMessage, Person, Role } from '../../../../lib/sites/types';

/** A conversation as an adapter would return it, from a few lines per message. */
export function makeConversation(
  messages: { role?: Role; text: string; author?: Person }[],
  overrides: Partial<Omit<Conversation, 'messages'>> = {},
): Conversation {
  return {
    site: 'zendesk',
    id: '48213',
    subject: 'Re: Where is my order?',
    url: 'https://shop.zendesk.com/agent/tickets/48213',
    customer: { name: 'Müller, Anna', email: 'anna.mueller@example.com' },
    ...overrides,
    messages: messages.map(
      (message, i): ConversationMessage => ({
        id: `m${i + 1}`,
        author: message.author ?? { name: 'Anna Müller' },
        role: message.role ?? 'customer',
        roleSource: 'page',
        text: message.text,
        bodyLoaded: true,
        attachments: [],
      }),
    ),
  };
}
