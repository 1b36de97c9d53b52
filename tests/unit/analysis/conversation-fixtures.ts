import type { Conversation, ConversationMessage, Role } from '../../../lib/sites/types';

let counter = 0;

/** A message as an adapter would read it. */
export function message(role: Role, text: string, id?: string): ConversationMessage {
  counter += 1;
  return {
    id: id ?? `m${counter}`,
    author: { name: role === 'agent' ? 'Agent' : 'Kundin' },
    role,
    roleSource: 'page',
    text,
    bodyLoaded: true,
    attachments: [],
  };
}

/** A conversation on a helpdesk page. */
export function conversation(messages: ConversationMessage[], id = 'c1'): Conversation {
  return {
    site: 'zendesk',
    id,
    subject: 'Bestellung 12345',
    url: `https://shop.zendesk.com/agent/tickets/${id}`,
    customer: { name: 'Kundin' },
    messages,
  };
}
