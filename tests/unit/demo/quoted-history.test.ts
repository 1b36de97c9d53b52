// @vitest-environment node
// The demo pages quote the support team's previous reply the way Gmail, Outlook and Apple Mail do. What the reader
// hands the mood engine must be the customer's own words only: an agent's apology read as the customer's text turns
// the customer's mood and evidence around.
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { readConversation } from '../../../lib/sites';
import { createDemoClock } from '../../../scripts/demo/clock';
import { demoConversations } from '../../../scripts/demo/conversations';
import { renderTicketPage } from '../../../scripts/demo/pages';

describe('quoted history on the demo pages', () => {
  const quoting = demoConversations.flatMap((demo) =>
    demo.messages.filter((message) => message.quote).map((message) => ({ demo, message })),
  );

  it('covers every quote style the demo uses', () => {
    expect(new Set(quoting.map((q) => q.message.quote))).toEqual(
      new Set(['gmail-en', 'outlook-en', 'outlook-de', 'plain-de']),
    );
  });

  it.each(quoting.map((q) => [`${q.demo.id} ${q.message.id} (${q.message.quote})`, q] as const))(
    '%s reaches the engine without the quoted reply',
    async (_name, { demo, message }) => {
      const url = `http://localhost:5757/tickets/${demo.id}`;
      const window = new Window({ url });
      try {
        const html = renderTicketPage(demo, createDemoClock()).replace(/<link[^>]*stylesheet[^>]*>/g, '');
        const page = new window.DOMParser().parseFromString(html, 'text/html');
        const conversation = readConversation(page as unknown as Document, {
          url: new URL(url),
          agent: { names: [], emails: [] },
        });
        const read = conversation.messages.find((m) => m.id === message.id);
        expect(read?.role).toBe('customer');
        const earlierAgentReplies = demo.messages.filter((m) => m.role === 'agent' && m.time < message.time);
        expect(earlierAgentReplies.length).toBeGreaterThan(0);
        for (const reply of earlierAgentReplies) {
          const firstSentence = reply.text.split('\n').find((line) => line.trim().length > 25) ?? '';
          expect(read?.text).not.toContain(firstSentence.trim().slice(0, 40));
        }
        expect(read?.text).not.toMatch(/support@|kundenservice@/);
      } finally {
        await window.happyDOM.close();
      }
    },
  );
});
