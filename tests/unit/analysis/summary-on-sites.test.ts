// @vitest-environment node
/**
 * The "In short" summary on what the site readers read from real pages: the conversations expected from every saved
 * page under tests/fixtures/sites (captures of Gmail, Outlook, Zendesk, Freshdesk, Request Tracker, Roundcube,
 * osTicket, FreeScout, Zammad … — each fixture names its source), with their quoted history, signatures and system
 * lines. Every line is checked with the eval harness's independent checks (scripts/train/eval/summary.ts): the words
 * of the message it names, not quoted history, not a greeting, sign-off or signature, a request only from the customer,
 * and a line for the customer's latest message when they wrote last.
 */
import { describe, expect, it } from 'vitest';
import { summarizeConversation } from '../../../lib/analysis/conversation-summary';
import { summaryProblems } from '../../../scripts/train/eval/summary';
import { loadSiteFixtures } from '../sites/fixture-files';

const read = loadSiteFixtures().flatMap((fixture) =>
  fixture.conversation ? [{ name: `${fixture.site}/${fixture.variant}`, conversation: fixture.conversation }] : [],
);

describe('the summary on conversations read from real pages', () => {
  it('has pages to read', () => {
    expect(read.length).toBeGreaterThan(30);
  });

  it.each(read)('$name', ({ conversation }) => {
    const summary = summarizeConversation(conversation);
    expect(summaryProblems(conversation, summary), JSON.stringify(summary.lines, null, 1)).toEqual([]);
  });
});
