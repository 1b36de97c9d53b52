import { describe, expect, it } from 'vitest';
import { readConversation } from '../../../lib/sites';
import { checkReading } from '../../../lib/sites/health';
import { createDemoClock } from '../../../scripts/demo/clock';
import { demoConversations } from '../../../scripts/demo/conversations';
import { renderTicketPage } from '../../../scripts/demo/pages';
import { parsePage } from '../sites/fixture-files';

/** A false "This reading looks wrong" costs the agent's trust as much as a wrong mood: none on well-read pages. */
describe('reading health on the demo helpdesk', () => {
  const clock = createDemoClock();
  it.each(demoConversations.map((c) => [c.id, c] as const))('ticket %s reads as plausible', (id, conversation) => {
    // The stylesheet link is not needed to read the page (and happy-dom would try to load it).
    const page = parsePage(renderTicketPage(conversation, clock).replace(/<link[^>]*stylesheet[^>]*>/g, ''));
    const read = readConversation(page, {
      url: new URL(`http://localhost:5757/tickets/${id}`),
      agent: { names: [], emails: [] },
    });
    expect(checkReading(read)).toEqual({ ok: true, problems: [] });
  });
});
