import { describe, expect, it } from 'vitest';
import { AppError } from '../../../lib/errors';
import { adapters, getAdapterFor, readConversation } from '../../../lib/sites';
import { loadSiteFixtures, parsePage } from './fixture-files';

const fixtures = loadSiteFixtures();

describe('site adapters read every saved page as expected', () => {
  it.each(fixtures.map((f) => [`${f.site}/${f.variant}`, f] as const))('%s', (_name, fixture) => {
    const doc = parsePage(fixture.html);
    const adapter = fixture.context.pickedSelector
      ? adapters.find((a) => a.id === 'generic')
      : getAdapterFor(fixture.context.url);
    expect(adapter?.id).toBe(fixture.site);
    const before = doc.documentElement.outerHTML;
    if (fixture.error) {
      let thrown: unknown;
      try {
        readConversation(doc, fixture.context);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(AppError);
      expect(thrown).toMatchObject({ code: fixture.error.code, message: fixture.error.message });
    } else {
      const conversation = readConversation(doc, fixture.context);
      expect(conversation).toEqual(fixture.conversation);
      // Ids stay the same when the same page is read again (the panel keys corrections and history on them).
      expect(readConversation(parsePage(fixture.html), fixture.context).messages.map((m) => m.id)).toEqual(
        conversation.messages.map((m) => m.id),
      );
    }
    // Reading is pure: the page is not touched.
    expect(doc.documentElement.outerHTML).toBe(before);
  });
});

describe('malformed and truncated pages', () => {
  it('only ever throw AppErrors, never an empty thread, for every fixture cut at any point', () => {
    for (const fixture of fixtures) {
      const adapter = getAdapterFor(fixture.context.url);
      for (const fraction of [0.2, 0.4, 0.6, 0.8, 0.95]) {
        const doc = parsePage(fixture.html.slice(0, Math.floor(fixture.html.length * fraction)));
        try {
          const conversation = adapter.read(doc, fixture.context);
          expect(conversation.messages.length).toBeGreaterThan(0);
        } catch (error) {
          expect(error, `${fixture.site}/${fixture.variant} at ${fraction}`).toBeInstanceOf(AppError);
        }
      }
    }
  });

  it('name the site and the missing anchor in the error', () => {
    const doc = parsePage('<html><body><div role="main"></div></body></html>');
    expect(() =>
      getAdapterFor('https://mail.google.com/mail/u/0/#inbox/FMfcgzQZTMbKqvVlXwzJbhFdBsRqPkTs').read(doc, {
        url: new URL('https://mail.google.com/mail/u/0/#inbox/FMfcgzQZTMbKqvVlXwzJbhFdBsRqPkTs'),
        agent: { names: [], emails: [] },
      }),
    ).toThrow(
      "Can't read this conversation on Gmail (missing: subject heading) — select the text or pick the conversation area",
    );
  });
});

describe('roles', () => {
  it('take the agent from settings when the page gives no cue', () => {
    const fixture = fixtures.find((f) => f.site === 'generic' && f.variant === 'znuny-table');
    if (!fixture) throw new Error('znuny-table fixture missing');
    const conversation = readConversation(parsePage(fixture.html), {
      ...fixture.context,
      agent: { names: ['Jan Peters (Buchhaltung)'], emails: [] },
    });
    expect(conversation.messages.map((m) => [m.role, m.roleSource])).toEqual([
      ['customer', 'heuristic'],
      ['agent', 'identity'],
      ['customer', 'heuristic'],
    ]);
  });

  it("let the page's own cues win over settings", () => {
    const fixture = fixtures.find((f) => f.site === 'zendesk' && f.variant === 'agent-workspace');
    if (!fixture) throw new Error('agent-workspace fixture missing');
    // Even if the agent wrongly listed the customer's address as their own, Zendesk's end-user avatar decides.
    const conversation = readConversation(parsePage(fixture.html), {
      ...fixture.context,
      agent: { names: [], emails: ['jonas.weiss@example.com'] },
    });
    expect(conversation.messages[0]).toMatchObject({ role: 'customer', roleSource: 'page' });
  });
});
