import { describe, expect, it } from 'vitest';
import { AppError } from '../../../lib/errors';
import { applyRoleCorrections, readConversation, readSelection } from '../../../lib/sites';
import { readSignedInUser } from '../../../lib/sites/generic';
import type { ReadContext } from '../../../lib/sites/types';
import { fixtureHtml, mountPage, parsePage } from './fixture-files';

const ctx: ReadContext = { url: new URL('https://help.example.org/tickets/12'), agent: { names: [], emails: [] } };

describe('readSelection ("use the selected text")', () => {
  it('reads the selection as one customer message with quotes and signature removed', () => {
    const conversation = readSelection(
      'Ich warte seit 2 Wochen! 😠\n\nMit freundlichen Grüßen\nA. Kunde\n\nAm 01.03.2025 um 10:00 schrieb Shop <s@shop.de>:\n> Hallo',
      ctx,
      'Bestellung 123',
    );
    expect(conversation).toMatchObject({ site: 'generic', subject: 'Bestellung 123', url: ctx.url.href });
    expect(conversation.messages).toEqual([
      expect.objectContaining({
        role: 'customer',
        roleSource: 'heuristic',
        text: 'Ich warte seit 2 Wochen! 😠',
        bodyLoaded: true,
      }),
    ]);
  });

  it('refuses an empty selection', () => {
    expect(() => readSelection('  \n ', ctx)).toThrow(AppError);
  });
});

describe('picked conversation area', () => {
  it('reads the picked area by structure when it holds message blocks', () => {
    const doc = parsePage(fixtureHtml('generic', 'zammad-like'));
    const conversation = readConversation(doc, { ...ctx, pickedSelector: '.ticket-article' });
    expect(conversation.messages).toHaveLength(4);
  });

  it('names the picked area when it is gone or the selector no longer parses', () => {
    const doc = parsePage(fixtureHtml('generic', 'zammad-like'));
    for (const pickedSelector of ['#not-there', 'div[[broken']) {
      expect(() => readConversation(doc, { ...ctx, pickedSelector })).toThrow(
        "Can't read this conversation on help.example.org (missing: the picked conversation area) — select the text or pick the conversation area",
      );
    }
  });
});

describe('applyRoleCorrections', () => {
  it("applies the agent's corrections over the page's cues and marks them", () => {
    const conversation = readConversation(parsePage(fixtureHtml('generic', 'znuny-table')), ctx);
    const [first, second] = conversation.messages;
    const corrected = applyRoleCorrections(conversation.messages, { [second?.id ?? '']: 'internal-note' });
    expect(corrected[0]).toEqual(first);
    expect(corrected[1]).toMatchObject({ role: 'internal-note', roleSource: 'agent-corrected' });
  });
});

describe('re-reading a live page', () => {
  it('finds the new conversation when the page swaps it out (SPA ticket switch)', () => {
    const doc = mountPage(fixtureHtml('generic', 'zammad-like'));
    const url = { ...ctx, url: new URL('https://support.shop-example.de/#ticket/zoom/31044') };
    expect(readConversation(doc, url).messages).toHaveLength(4);
    // Same container, a message arrives.
    const list = doc.querySelector('.ticket-article');
    const copy = list?.lastElementChild?.cloneNode(true);
    if (!list || !(copy instanceof Element)) throw new Error('zammad fixture changed');
    copy.setAttribute('data-id', '118400');
    list.appendChild(copy);
    expect(
      readConversation(doc, url)
        .messages.map((m) => m.id)
        .at(-1),
    ).toBe('118400');
    // The whole ticket view is replaced by another page layout.
    doc.body.innerHTML = parsePage(fixtureHtml('generic', 'helpscout-like')).body.innerHTML;
    expect(readConversation(doc, url).subject).toBe('Wrong colour delivered');
  });
});

describe('the signed-in agent on other helpdesks ("Logged in as …")', () => {
  it('is read from the page chrome, in English and German, with the name in its own element or inline', () => {
    const rt = parsePage(
      '<html><body><div id="header"><span>Logged in as <a href="/User/Prefs.html">jan.peters</a></span></div><main><p>x</p></main></body></html>',
    );
    expect(readSignedInUser(rt)).toEqual({ name: 'jan.peters' });
    const de = parsePage(
      '<html><body><header><div class="user">Angemeldet als: Lena Vogel &lt;lena@shop.example&gt;</div></header></body></html>',
    );
    expect(readSignedInUser(de)).toEqual({ name: 'Lena Vogel', email: 'lena@shop.example' });
    expect(readSignedInUser(parsePage('<html><body><p>Hello</p></body></html>'))).toBeUndefined();
  });

  it("makes the signed-in agent's messages the agent's, whatever order they come in", () => {
    const html = `<html><body><header>Logged in as <b>Jan Peters</b></header><main><h1>Refund missing</h1>
      ${[
        ['Jan Peters', 'Hello Ms Berg, we are looking into the refund for you right now.'],
        ['Sara Berg', 'It has been two weeks now and there is still no refund on my card.'],
        ['Jan Peters', 'The refund was sent today, it should arrive within three days.'],
      ]
        .map(
          ([who, text], i) =>
            `<article class="message"><div class="message-header"><span class="author">${who}</span><time datetime="2025-03-0${i + 1}T10:00:00Z">Mar ${i + 1}</time></div><div class="message-body"><p>${text}</p></div></article>`,
        )
        .join('')}</main></body></html>`;
    const conversation = readConversation(parsePage(html), ctx);
    expect(conversation.agent).toEqual({ name: 'Jan Peters' });
    expect(conversation.customer.name).toBe('Sara Berg');
    expect(conversation.messages.map((m) => [m.author.name, m.role, m.roleSource])).toEqual([
      ['Jan Peters', 'agent', 'identity'],
      ['Sara Berg', 'customer', 'heuristic'],
      ['Jan Peters', 'agent', 'identity'],
    ]);
  });
});
