// @vitest-environment node
/**
 * The extractive summary says what a customer wrote without calling it a request when it asks for nothing (issue 22,
 * "being right"): praise, thanks for something in particular, a complaint without a wish. A question is the request
 * before a "bitte" in front of the story. Threads written by hand for this test; none is in the eval set or the demo.
 */
import { describe, expect, it } from 'vitest';
import { summarizeConversation } from '../../../lib/analysis/conversation-summary';
import type { Conversation, Role } from '../../../lib/sites/types';

function thread(messages: [Role, string][]): Conversation {
  return {
    site: 'generic',
    id: 't',
    subject: '',
    url: 'https://helpdesk.example/tickets/2',
    customer: { name: 'Kunde' },
    messages: messages.map(([role, text], index) => ({
      id: `m${index + 1}`,
      author: { name: role },
      role,
      roleSource: 'page' as const,
      text,
      bodyLoaded: true,
      attachments: [],
    })),
  };
}

const summary = (messages: [Role, string][]) =>
  summarizeConversation(thread(messages)).lines.map((line) => [line.kind, line.text]);

describe('summary lines that are not requests', () => {
  it('praise is what the customer writes, not what they want', () => {
    expect(
      summary([['customer', 'wow, lieferung schon nach einem tag da und super verpackt!! macht weiter so 👍']]),
    ).toEqual([['said', 'wow, lieferung schon nach einem tag da und super verpackt!!']]);
  });

  it('thanks for something in particular is the line; a thanks-for-your-message is not', () => {
    const lines = summary([
      ['agent', 'Hi Tom, we have refunded the £24.99 for the cracked mug today, it should show within 5 days.'],
      [
        'customer',
        'Thanks for your message.\n\nThank you so much for refunding the mug even though I had thrown the box away already.\n\nTom',
      ],
    ]);
    expect(lines).toContainEqual([
      'said',
      'Thank you so much for refunding the mug even though I had thrown the box away already.',
    ]);
    expect(lines.some(([, text]) => text === 'Thanks for your message.')).toBe(false);
    expect(lines.some(([kind]) => kind === 'request')).toBe(false);
  });

  it('a complaint without a wish is "said"; the question in the same mail would be the request', () => {
    expect(summary([['customer', 'Zum zweiten Mal kommt das Paket beschädigt an. Langsam reicht es mir.']])[0]).toEqual(
      ['said', 'Zum zweiten Mal kommt das Paket beschädigt an.'],
    );
    expect(
      summary([
        ['customer', 'Zum zweiten Mal kommt das Paket beschädigt an. Bekomme ich jetzt Ersatz oder mein Geld?'],
      ])[0],
    ).toEqual(['request', 'Bekomme ich jetzt Ersatz oder mein Geld?']);
  });

  it('the question is the request, not the "bitte" in front of the story', () => {
    const lines = summary([
      [
        'customer',
        'bitte schnell: mein Sohn steht am Flughafen und sein Koffer ist nicht mitgekommen. Kann er den Koffer nachschicken lassen oder muss er warten?',
      ],
    ]);
    expect(lines[0]).toEqual(['request', 'Kann er den Koffer nachschicken lassen oder muss er warten?']);
  });

  it('a last message that only thanks comes last, as what the customer wrote: nothing is open', () => {
    const lines = summary([
      ['customer', 'Can I swap the blue jumper for a size M?'],
      ['agent', 'Of course! I have sent you a free return label and reserved the size M for you.'],
      ['customer', 'Brilliant, thanks a lot Sam, that was really quick and easy!'],
    ]);
    expect(lines.map(([kind]) => kind)).toEqual(['request', 'happened', 'said']);
    expect(lines.at(-1)?.[1]).toBe('Brilliant, thanks a lot Sam, that was really quick and easy!');
  });

  it('a last message that is nothing but a short thanks is still the customer’s last word', () => {
    const lines = summary([
      ['customer', 'Die Lieferung 7731 fehlt ein Netzteil. Könnt ihr das nachschicken?'],
      ['agent', 'Hallo Jonas, das Netzteil wurde heute verschickt.'],
      ['customer', 'Danke, hat alles geklappt!\n\nLG Jonas'],
    ]);
    expect(lines.at(-1)).toEqual(['said', 'Danke, hat alles geklappt!']);
  });
});
