import { describe, expect, it } from 'vitest';
import { AppError } from '../../../lib/errors';
import { applyRoleCorrections, readConversation, readSelection } from '../../../lib/sites';
import { readRequestor, readSignedInUser } from '../../../lib/sites/generic';
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

describe('page chrome is not the conversation (Request Tracker 5, Roundcube, other helpdesks)', () => {
  const rt: ReadContext = {
    url: new URL('https://rt.shop-example.de/Ticket/Display.html?id=6120'),
    agent: { names: [], emails: [] },
  };

  it("reads a ticket holding only the requestor's first message as theirs, never the links box or owner Nobody", () => {
    const conversation = readConversation(parsePage(fixtureHtml('generic', 'request-tracker-single-message')), rt);
    expect(conversation.customer).toEqual({ name: 'Greta Nilsson', email: 'greta.nilsson@example.se' });
    expect(conversation.messages).toHaveLength(1);
    const [message] = conversation.messages;
    expect(message).toMatchObject({ id: '90211', role: 'customer', author: conversation.customer });
    // The threat is read, and nothing of the page's chrome is: no labels, hidden headings or quote toggles.
    expect(message?.text).toContain('my lawyer will take this further');
    expect(message?.text).not.toMatch(/Depends on|Referred to by|Nobody|Message Body|View source|Show quoted text/);
    expect(message?.text).not.toContain('replacement table');
  });

  it("keeps history entries the helpdesk writes itself as system, never as an agent's empty message", () => {
    const conversation = readConversation(parsePage(fixtureHtml('generic', 'request-tracker-history-entries')), rt);
    expect(conversation.messages.map((m) => [m.author.name, m.role, m.text.split('\n')[0]])).toEqual([
      ['Greta Nilsson', 'customer', 'Hello,'],
      ['RT_System', 'system', 'Outgoing email recorded'],
      ['paul.richter', 'system', "Status changed from 'new' to 'open'"],
    ]);
    expect(conversation.customer.name).toBe('Greta Nilsson');
  });

  it('reads German history entries as system, with or without an author', () => {
    // Hand-written, Znuny-style history list (German UI): a customer mail, then entries the helpdesk wrote.
    const html = `<html><body><h1>Rechnung doppelt abgebucht</h1><ul class="history">
      <li class="entry"><span class="author">Selin Yılmaz &lt;s.yilmaz@example.com&gt;</span> <span class="date">10.09.2024 08:31</span>
        <div class="article-body">Mir wurde die Rechnung zweimal abgebucht. Ich erwarte die Erstattung bis Freitag.</div></li>
      <li class="entry"><span class="date">10.09.2024 08:31</span> <span class="description">Ausgehende E-Mail aufgezeichnet</span></li>
      <li class="entry"><span class="author">Jan Peters</span> <span class="date">10.09.2024 09:02</span> <span class="description">Status geändert von 'neu' auf 'offen'</span></li>
    </ul></body></html>`;
    const conversation = readConversation(parsePage(html), ctx);
    expect(conversation.messages.map((m) => [m.author.name ?? '', m.role, m.text])).toEqual([
      ['Selin Yılmaz', 'customer', 'Mir wurde die Rechnung zweimal abgebucht. Ich erwarte die Erstattung bis Freitag.'],
      ['', 'system', 'Ausgehende E-Mail aufgezeichnet'],
      ['Jan Peters', 'system', "Status geändert von 'neu' auf 'offen'"],
    ]);
  });

  it('takes the requestor as the customer of a single message, however the page spells the person', () => {
    // Hand-written after RT 5's ShowPeople: owner "Nobody", the requestor by name and address, the message by address.
    const html = `<html><body><h1>#77: Refund</h1>
      <div class="ticket-info-people"><div class="row owner"><div class="label">Owner:</div><div class="value"><span class="user"><a href="/User/Summary.html?id=6">Nobody</a></span></div></div>
      <div class="row requestors"><div class="label">Requestors:</div><div class="value"><span class="user"><a href="/User/Summary.html?id=9">Tom Becker &lt;tom.becker@example.org&gt;</a></span></div></div></div>
      <div class="history"><div class="transaction" data-transaction-id="501"><div class="metadata"><span class="date">Tue Aug 20 09:12:44 2024</span>
      <span class="description"><span class="user"><a href="/User/Summary.html?id=9">tom.becker@example.org</a></span> - Ticket created</span></div>
      <div class="messagebody">Where is my refund? I sent the parcel back three weeks ago.</div></div></div></body></html>`;
    const conversation = readConversation(parsePage(html), ctx);
    expect(conversation.messages.map((m) => [m.author, m.role])).toEqual([
      [{ email: 'tom.becker@example.org' }, 'customer'],
    ]);
    expect(readRequestor(parsePage(html))).toEqual({ name: 'Tom Becker', email: 'tom.becker@example.org' });
  });

  it('never takes a placeholder for a person', () => {
    const page = (owner: string) =>
      parsePage(`<html><body><dl><dt>Kunde:</dt><dd><a href="/customer/1">${owner}</a></dd></dl></body></html>`);
    for (const placeholder of ['Nobody', 'Niemand', 'Unassigned', '—']) {
      expect(readRequestor(page(placeholder)), placeholder).toBeUndefined();
    }
    expect(readRequestor(page('Ines Bauer'))).toEqual({ name: 'Ines Bauer' });
  });

  it('reads a webmail message without its hidden headings, attachment list and quote toggle', () => {
    // Hand-written after Roundcube 1.6 Elastic's message template (skins/elastic/templates/message.html): `voice`
    // headings for screen readers beside #messagebody, and a German webmail's "Zitierten Text anzeigen" toggle.
    const html = `<html><body><div class="content frame-content" role="main">
      <div id="message-header"><h2 class="subject"><span class="voice">Subject: </span>Drucker defekt</h2>
        <div class="header"><div class="header-summary"><span class="adr"><a href="mailto:frank.ludwig@example-firma.de" class="rcmContactAddress">Frank Ludwig</a></span> <span class="text-nowrap">18.12.2024 16:47</span></div></div></div>
      <div id="message-content">
        <div class="leftcol" role="region"><h2 id="aria-label-messageattachments" class="voice">Attachments</h2><ul id="attachment-list" class="attachmentslist"><li><a href="#">Lieferschein.pdf</a></li></ul></div>
        <div class="rightcol" role="region"><h2 id="aria-label-messagebody" class="voice">Message Body</h2>
          <div id="messagebody"><div class="message-htmlpart" id="message-htmlpart1"><div class="rcmBody"><p>Das Ersatzgerät ist auch defekt. Ich trete vom Kaufvertrag zurück.</p><p><a href="#" class="quote-toggle">Zitierten Text anzeigen</a></p><div class="quoted" hidden><p>Ihr Ersatzgerät ist unterwegs.</p></div></div></div></div></div>
      </div></div></body></html>`;
    const conversation = readConversation(parsePage(html), ctx);
    expect(conversation.subject).toBe('Drucker defekt');
    expect(conversation.messages).toEqual([
      expect.objectContaining({
        author: { name: 'Frank Ludwig', email: 'frank.ludwig@example-firma.de' },
        role: 'customer',
        text: 'Das Ersatzgerät ist auch defekt. Ich trete vom Kaufvertrag zurück.',
      }),
    ]);
  });

  it('does not take a form with labelled fields for a message', () => {
    // Hand-written: two "messages" that are edit forms with an author picker and a date field.
    const form = (n: number) =>
      `<div class="edit-box"><label>Owner:</label> <span class="user">Nobody</span><label>Requestor:</label> <span class="user">Sara Berg</span><label>Due:</label><span class="date">2025-03-0${n} 10:00</span><input type="text" name="due-${n}"><select name="queue"><option>General</option></select></div>`;
    const html = `<html><body><main>${form(1)}${form(2)}</main></body></html>`;
    expect(() => readConversation(parsePage(html), ctx)).toThrow(AppError);
  });
});
