/**
 * The 100-message threads of the read bench, built from the fixtures rather than written by hand: a page fixture's
 * message elements are copied (cycling through them, so the fixture's mix of roles and states stays) with their own
 * ids, times and texts; the API fixtures' comments and conversations are copied the same way into one fake API.
 * Runs in the page (scripts/bench/read-page.ts bundles it) and in Node (scripts/bench/read.ts reads the specs);
 * nothing here touches the network or the file system.
 */

import type { SiteId } from '../../lib/sites/types';
import freshdeskAgentsMe from '../../tests/fixtures/api/freshdesk/agents-me.json';
import freshdeskConversations from '../../tests/fixtures/api/freshdesk/conversations.json';
import freshdeskTicket from '../../tests/fixtures/api/freshdesk/ticket.json';
import zendeskCommentsPage1 from '../../tests/fixtures/api/zendesk/comments-page-1.json';
import zendeskCommentsPage2 from '../../tests/fixtures/api/zendesk/comments-page-2.json';
import zendeskTicket from '../../tests/fixtures/api/zendesk/ticket.json';
import zendeskUsersMe from '../../tests/fixtures/api/zendesk/users-me.json';

/** Messages in a bench thread. */
export const THREAD_LENGTH = 100;

/** How one site's fixture page becomes a long thread. */
export interface ThreadSpec {
  site: SiteId;
  /** The page fixture (tests/fixtures/sites/<site>/<variant>.html) whose message markup is copied. */
  variant: string;
  /** The fixture's message elements, siblings in one list: each is a template, used in turn. */
  items: string;
  /** Elements counted as messages but kept once as they are (Freshdesk's ticket description). */
  kept?: string;
  /** Where a copy's text sits: the first of these found in it gets a new text (collapsed rows: their snippet). */
  text: string[];
  /** Gives a copy its own message id the way the site numbers messages (sites without ids on the page hash texts). */
  renumber(item: Element, n: number): void;
}

export const THREAD_SPECS: readonly ThreadSpec[] = [
  {
    site: 'gmail',
    variant: 'conversation-view-on',
    // Three expanded messages (one with only attachments) and one collapsed row.
    items: 'div[role="list"] > div[role="listitem"]',
    text: ['div.a3s', 'span.y2'],
    renumber: (item, n) => {
      item.setAttribute('data-message-id', `#msg-f:18263544091200${String(n).padStart(5, '0')}`);
      item.setAttribute('data-legacy-message-id', `1958b3c0a7d${n.toString(16).padStart(5, '0')}`);
    },
  },
  {
    site: 'zendesk',
    variant: 'agent-workspace',
    // The active ticket's log only: the background tab and the side conversation stay as they are.
    items: '[data-ticket-id="48233"] [data-test-id="omni-log-container"] > article',
    text: ['[data-test-id="omni-log-message-content"]'],
    renumber: () => {
      // Agent Workspace shows no comment ids: the adapter hashes author, time and text, all of which vary.
    },
  },
  {
    site: 'outlook',
    variant: 'reading-pane-conversation-en',
    // A collapsed item, an expanded one by the agent, one whose body is hidden, one with an attachment and a quote.
    items: '#ConversationReadingPaneContainer [aria-label="Email message"]',
    text: ['[aria-label="Message body"]', '.XG5Jd'],
    renumber: (item, n) => {
      for (const el of Array.from(item.querySelectorAll('[id^="MSG_"]'))) {
        el.id = el.id.replace(/^MSG_.+_([A-Z]+)$/, `MSG_AAMkBench${n}_$1`);
      }
      for (const el of Array.from(item.querySelectorAll('[id^="UniqueMessageBody"]'))) el.id = `UniqueMessageBody_${n}`;
    },
  },
  {
    site: 'freshdesk',
    variant: 'ticket-view',
    items: '[data-test-id="conversation-item"]',
    kept: '[data-test-id="ticket-description"]',
    text: ['[data-test-id="conversation-body"]'],
    renumber: (item, n) => item.setAttribute('data-conversation-id', String(67001200000 + n)),
  },
  {
    site: 'generic',
    variant: 'zammad-like',
    items: '.ticket-article > .ticket-article-item',
    text: ['.richtext-content'],
    renumber: (item, n) => {
      item.setAttribute('data-id', String(300000 + n));
      item.id = `article-${300000 + n}`;
      for (const el of Array.from(item.querySelectorAll('[id^="textBubble-content-"]'))) {
        el.id = `textBubble-content-${300000 + n}`;
      }
    },
  },
];

const OPENINGS = [
  'Ich warte jetzt seit einer Woche auf eine Antwort zu meiner Reklamation.',
  'Thanks for getting back to me so quickly, that really helps.',
  'Das Ersatzteil ist angekommen, passt aber leider nicht an das Gerät.',
  'Wir haben Ihre Rücksendung erhalten und die Gutschrift veranlasst.',
  'The tracking link still shows "label created" after five days.',
  'Können Sie mir bitte eine Rechnung mit ausgewiesener Mehrwertsteuer schicken?',
  'I am honestly disappointed: this is the third time the order arrived damaged.',
  'Ich habe beim Versanddienstleister nachgefragt und melde mich morgen früh.',
  'Perfekt, damit ist alles geklärt – vielen Dank für die Geduld!',
  'Sorry for the delay, our warehouse was closed over the holidays.',
  'Wenn das bis Freitag nicht erledigt ist, storniere ich die Bestellung.',
];
const FOLLOW_UPS = [
  '',
  ' Bestellnummer 10-4471, falls Sie sie brauchen.',
  ' Could you please confirm the new delivery date?',
  ' Ich habe die Fotos vom Karton angehängt.',
  ' Let me know if there is anything else I can do.',
  ' Bitte rufen Sie mich nicht an, E-Mail ist mir lieber.',
];

/** A different text for message `n`: an opening line and, for some, a second sentence or two. */
export function messageText(n: number): string {
  const first = OPENINGS[n % OPENINGS.length] ?? '';
  const second = FOLLOW_UPS[(n * 7) % FOLLOW_UPS.length] ?? '';
  const third = n % 3 === 0 ? ` (${n + 1}. Nachricht in diesem Vorgang)` : '';
  return `${first}${second}${third}`;
}

/** Message `n`'s time: one every 97 minutes from 2025-01-06 08:00 UTC. */
export function messageTime(n: number): string {
  return new Date(Date.UTC(2025, 0, 6, 8, 0) + n * 97 * 60_000).toISOString();
}

/** The element's first text long enough to be a sentence (not a blank line or a one-word greeting) outside quotes. */
function firstSentenceNode(el: Element): Text | null {
  const walker = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!(node instanceof Text) || node.data.trim().length < 12) continue;
    if (node.parentElement?.closest('blockquote, .gmail_quote, .freshdesk_quote, #divRplyFwdMsg')) continue;
    return node;
  }
  return null;
}

/**
 * Replaces the spec's message elements in `doc` with `length` messages (kept elements included) copied from them,
 * each with its own id, time and text. Returns how many message elements the list has afterwards.
 */
export function buildThread(doc: Document, spec: ThreadSpec, length = THREAD_LENGTH): number {
  const templates = Array.from(doc.querySelectorAll(spec.items));
  const first = templates[0];
  const parent = first?.parentElement;
  if (!first || !parent) throw new Error(`${spec.site}/${spec.variant}: no message element matches ${spec.items}`);
  const kept = spec.kept ? doc.querySelectorAll(spec.kept).length : 0;
  const after = templates.at(-1)?.nextSibling ?? null;
  for (const template of templates) template.remove();
  for (let n = 0; n < length - kept; n++) {
    const copy = templates[n % templates.length]?.cloneNode(true);
    if (!(copy instanceof Element)) continue;
    spec.renumber(copy, n);
    for (const time of Array.from(copy.querySelectorAll('time[datetime]'))) {
      time.setAttribute('datetime', messageTime(n));
    }
    for (const selector of spec.text) {
      const body = copy.matches(selector) ? copy : copy.querySelector(selector);
      if (!body) continue;
      const node = firstSentenceNode(body);
      if (node) node.data = messageText(n);
      break;
    }
    parent.insertBefore(copy, after);
  }
  return doc.querySelectorAll(spec.items).length + kept;
}

/** A helpdesk API as the content script sees it: the ticket page's URL and a JSON body for each request. */
export interface FakeApiThread {
  site: 'zendesk' | 'freshdesk';
  /** Comments or conversations served (Freshdesk adds the ticket description as one more message). */
  entries: number;
  /** The JSON body for a request, or undefined for a 404. */
  answer(url: URL): string | undefined;
}

/** The first paragraph of a plain-text body that is a sentence, replaced by `line`; greetings and quotes stay. */
function withNewFirstParagraph(text: string, line: string): string {
  const paragraphs = text.split('\n\n');
  const index = paragraphs.findIndex((p) => p.trim().length >= 12 && !p.trim().startsWith('>'));
  if (index < 0) return line;
  paragraphs[index] = line;
  return paragraphs.join('\n\n');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function htmlOf(text: string): string {
  return `<div>${text
    .split('\n\n')
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('')}</div>`;
}

/**
 * Zendesk with `entries` comments on ticket 48233, copied from the documented comment pages: one cursor page (the
 * reader asks for 100 a page), authors side-loaded, the ticket and the signed-in agent as documented.
 */
export function buildZendeskApi(entries = THREAD_LENGTH): FakeApiThread {
  const templates = [...zendeskCommentsPage1.comments, ...zendeskCommentsPage2.comments];
  const users = new Map<number, unknown>();
  for (const user of [...zendeskCommentsPage1.users, ...zendeskCommentsPage2.users]) users.set(user.id, user);
  const comments = Array.from({ length: entries }, (_, n) => {
    const template = templates[n % templates.length];
    if (!template) throw new Error('the Zendesk comment fixtures hold no comments');
    const text = withNewFirstParagraph(template.plain_body, messageText(n));
    return {
      ...template,
      id: 31880000000 + n,
      audit_id: 31880000000 + n,
      body: text,
      plain_body: text,
      html_body: htmlOf(text),
      created_at: messageTime(n),
    };
  });
  const ticketId = zendeskTicket.ticket.id;
  const bodies = new Map<string, string>([
    [`/api/v2/tickets/${ticketId}.json`, JSON.stringify(zendeskTicket)],
    ['/api/v2/users/me.json', JSON.stringify(zendeskUsersMe)],
    [
      `/api/v2/tickets/${ticketId}/comments.json`,
      JSON.stringify({
        comments,
        users: [...users.values()],
        meta: { has_more: false, after_cursor: null, before_cursor: null },
        links: { next: null, prev: null },
      }),
    ],
  ]);
  return { site: 'zendesk', entries, answer: (url) => bodies.get(url.pathname) };
}

/**
 * Freshdesk with `entries` conversations on ticket 7781, copied from the documented list (pages of 100, as the reader
 * asks), plus the documented ticket and agent. `htmlOnly` drops `body_text` so every text comes from parsing `body`.
 */
export function buildFreshdeskApi(entries = THREAD_LENGTH, options: { htmlOnly?: boolean } = {}): FakeApiThread {
  const templates = freshdeskConversations.response;
  const ticketId = freshdeskTicket.response.id;
  const conversations = Array.from({ length: entries }, (_, n) => {
    const template = templates[n % templates.length];
    if (!template) throw new Error('the Freshdesk conversation fixture holds no conversations');
    const text = withNewFirstParagraph(template.body_text, messageText(n));
    return {
      ...template,
      id: 67002000000 + n,
      ticket_id: ticketId,
      body_text: options.htmlOnly ? null : text,
      body: htmlOf(text),
      created_at: messageTime(n),
      updated_at: messageTime(n),
    };
  });
  const ticket = JSON.stringify(freshdeskTicket.response);
  const me = JSON.stringify(freshdeskAgentsMe.response);
  const pages = new Map<string, string>();
  return {
    site: 'freshdesk',
    entries,
    answer: (url) => {
      if (url.pathname === `/api/v2/tickets/${ticketId}`) return ticket;
      if (url.pathname === '/api/v2/agents/me') return me;
      if (url.pathname !== `/api/v2/tickets/${ticketId}/conversations`) return undefined;
      const page = Number(url.searchParams.get('page') ?? '1');
      const perPage = Number(url.searchParams.get('per_page') ?? '30');
      const key = `${page}/${perPage}`;
      let body = pages.get(key);
      if (body === undefined) {
        body = JSON.stringify(conversations.slice((page - 1) * perPage, page * perPage));
        pages.set(key, body);
      }
      return body;
    },
  };
}
