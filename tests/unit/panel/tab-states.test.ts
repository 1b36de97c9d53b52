// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { PageReport } from '../../../lib/messaging';
import { isSameRecord, TabStates, toBadgeMood } from '../../../lib/panel/tab-states';
import type { Conversation } from '../../../lib/sites/types';
import { conversationMood } from '../escalation/fixtures';

const conversation: Conversation = {
  site: 'generic',
  id: 'rt-12',
  subject: 'Rechnung falsch',
  url: 'https://rt.example.org/Ticket/Display.html?id=12',
  customer: { name: 'Ute Kranz' },
  messages: [
    {
      id: 'm1',
      author: { name: 'Ute Kranz' },
      role: 'customer',
      roleSource: 'heuristic',
      text: 'Die Rechnung ist falsch.',
      bodyLoaded: true,
      attachments: [],
    },
  ],
};

function report(url: string, withConversation: boolean): PageReport {
  return {
    url,
    siteLabel: 'rt.example.org',
    siteKey: 'https://rt.example.org',
    enabled: true,
    conversation: withConversation ? { ...conversation, url } : null,
    error: withConversation ? null : { code: 'adapter/anchor-missing', message: 'missing: message blocks' },
  };
}

describe('the panel on a reply page of the ticket just read', () => {
  it('carries the ticket over and says from where', () => {
    const tabs = new TabStates();
    tabs.setReport(1, report('https://rt.example.org/Ticket/Display.html?id=12', true));
    const carried = tabs.carryOver(1, report('https://rt.example.org/Ticket/Update.html?id=12&Action=Respond', false));
    expect(carried.conversation?.id).toBe('rt-12');
    expect(carried.carriedFrom).toBe('https://rt.example.org/Ticket/Display.html?id=12');
    expect(carried.error).toBeNull();
  });

  it('does not carry to another ticket, another site, or the same page failing', () => {
    const tabs = new TabStates();
    tabs.setReport(1, report('https://rt.example.org/Ticket/Display.html?id=12', true));
    expect(tabs.carryOver(1, report('https://rt.example.org/Ticket/Update.html?id=13', false)).conversation).toBeNull();
    expect(
      tabs.carryOver(1, report('https://other.example.org/Ticket/Update.html?id=12', false)).conversation,
    ).toBeNull();
    expect(
      tabs.carryOver(1, report('https://rt.example.org/Ticket/Display.html?id=12', false)).conversation,
    ).toBeNull();
  });

  it('matches pages of one record by a shared number', () => {
    expect(
      isSameRecord(
        'https://m.example.org/?_task=mail&_uid=5&_action=show',
        'https://m.example.org/?_task=mail&_reply_uid=5&_action=compose',
      ),
    ).toBe(true);
    expect(isSameRecord('https://z.example.org/#ticket/zoom/4711', 'https://z.example.org/#ticket/zoom/4712')).toBe(
      false,
    );
  });
});

describe('the reading health in the tab state', () => {
  it('is checked on every report and a doubtful reading claims no mood on the badge', () => {
    const tabs = new TabStates();
    const state = tabs.setReport(1, {
      ...report('https://rt.example.org/Ticket/Display.html?id=12', true),
      conversation: { ...conversation, customer: { name: 'Nobody' } },
    });
    expect(state.health?.ok).toBe(false);
    const mood = conversationMood(conversation, { m1: { score: -0.8, angry: 0.9 } });
    expect(toBadgeMood(mood, state.health)?.label).toBe('doubtful');
    expect(toBadgeMood(mood, null)?.label).toBe('angry');
  });
});
