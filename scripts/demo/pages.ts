import {
  calendarDay,
  type DemoClock,
  formatFullTime,
  formatListTime,
  formatMessageTime,
  formatThreadDay,
  quoteDates,
} from './clock';
import {
  type DemoConversation,
  type DemoMessage,
  type DemoPerson,
  demoConversations,
  lastMessage,
  type QuoteStyle,
  signedInAgent,
  supportMailbox,
  type TicketPriority,
  type TicketStatus,
} from './conversations';
import { html, SafeHtml } from './html';

/** Inbox views, chosen with `/inbox?view=…`. */
export type InboxView = 'all' | 'unread' | 'mine' | 'open' | 'pending' | 'solved';

const views: { id: InboxView; label: string; icon: keyof typeof icons }[] = [
  { id: 'all', label: 'Inbox', icon: 'inbox' },
  { id: 'unread', label: 'Unread', icon: 'dot' },
  { id: 'mine', label: 'Assigned to me', icon: 'user' },
  { id: 'pending', label: 'Pending', icon: 'clock' },
  { id: 'solved', label: 'Solved', icon: 'check' },
];

/** Whether `value` names an inbox view. */
export function isInboxView(value: string): value is InboxView {
  return ['all', 'unread', 'mine', 'open', 'pending', 'solved'].includes(value);
}

const statusLabels: Record<TicketStatus, string> = { new: 'New', open: 'Open', pending: 'Pending', solved: 'Solved' };
const priorityLabels: Record<TicketPriority, string> = { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' };

// Icons are inline so the demo needs nothing from outside (no icon font, no CDN).
const icons = {
  inbox: 'M3 13h4l2 3h6l2-3h4M5 5h14l2 8v6H3v-6z',
  dot: 'M12 8a4 4 0 1 1 0 8a4 4 0 0 1 0-8z',
  user: 'M12 12a4 4 0 1 0 0-8a4 4 0 0 0 0 8zm-7 8c0-3.3 3.1-6 7-6s7 2.7 7 6',
  clock: 'M12 3a9 9 0 1 1 0 18a9 9 0 0 1 0-18zm0 4v5l3 2',
  check: 'M4 12l5 5L20 6',
  search: 'M11 4a7 7 0 1 1 0 14a7 7 0 0 1 0-14zm5 12l4 4',
  back: 'M15 5l-7 7l7 7',
  paperclip: 'M16 7l-7.5 7.5a2 2 0 0 0 2.8 2.8L19 9.6a4 4 0 0 0-5.7-5.7L5.6 11.6a6 6 0 0 0 8.5 8.5L20 14',
  note: 'M5 4h14v11l-5 5H5zm9 16v-5h5',
  file: 'M6 3h8l4 4v14H6zm8 0v4h4',
  image: 'M4 5h16v14H4zm0 11l4-4l3 3l3-3l6 6M15 9.5a1.5 1.5 0 1 0 0 .01',
  video: 'M4 6h11v12H4zm11 4l5-3v10l-5-3',
  mail: 'M3 6h18v12H3zm0 0l9 7l9-7',
} as const;

function icon(name: keyof typeof icons, className = 'icon'): SafeHtml {
  return html`<svg class="${className}" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false"><path d="${icons[name]}"/></svg>`;
}

const titles = /^(dr|prof|mr|mrs|ms)\.?$/i;

/** Initials for an avatar: "Dr. Klaus Bergmann" → "KB", "Megan O'Brien" → "MO". */
export function initialsOf(name: string): string {
  const words = name.split(/\s+/).filter((word) => word.length > 0 && !titles.test(word));
  const first = words[0]?.[0] ?? '?';
  const last = words.length > 1 ? (words.at(-1)?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** The name a reply opens with: "Dr. Klaus Bergmann" → "Klaus". */
function firstNameOf(name: string): string {
  return name.split(/\s+/).find((word) => word.length > 0 && !titles.test(word)) ?? name;
}

/** A stable hue per person, so each customer keeps their avatar colour everywhere. */
function hueOf(text: string): number {
  let hash = 0;
  for (const char of text) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) % 360;
  return hash;
}

function isAgent(person: DemoPerson): boolean {
  return person.email.endsWith('@nordwind-shop.example');
}

function avatar(person: DemoPerson, size: 'sm' | 'md' | 'lg' = 'md'): SafeHtml {
  const kind = isAgent(person) ? 'avatar--agent' : '';
  return html`<span class="avatar avatar--${size} ${kind}" style="--avatar-hue: ${hueOf(person.email)}" aria-hidden="true">${initialsOf(person.name)}</span>`;
}

function statusPill(status: TicketStatus): SafeHtml {
  return html`<span class="status status--${status}">${statusLabels[status]}</span>`;
}

function priorityBadge(priority: TicketPriority): SafeHtml {
  return html`<span class="priority priority--${priority}">${priorityLabels[priority]}</span>`;
}

/** Mail text as the helpdesk shows it: blank lines make paragraphs, single line breaks stay. */
function renderText(text: string): SafeHtml[] {
  return text
    .split(/\n{2,}/)
    .filter((paragraph) => paragraph.trim().length > 0)
    .map((paragraph) => {
      const lines = paragraph.split('\n').map((line, index) => (index === 0 ? html`${line}` : html`<br>${line}`));
      return html`<p>${lines}</p>`;
    });
}

/** The latest public support reply before `index`: what a customer's mail client quotes. */
function quotedMessage(conversation: DemoConversation, index: number): DemoMessage | undefined {
  return conversation.messages.slice(0, index).findLast((message) => message.role === 'agent');
}

function renderQuote(
  style: QuoteStyle,
  quoted: DemoMessage,
  conversation: DemoConversation,
  clock: DemoClock,
): SafeHtml[] {
  const mailbox = supportMailbox[conversation.language];
  const from = `${mailbox.name} <${mailbox.email}>`;
  const to = `${conversation.customer.name} <${conversation.customer.email}>`;
  const sent = clock.shift(quoted.time);
  switch (style) {
    case 'gmail-en':
    case 'gmail-de': {
      // Gmail's own markup (gmail_quote, gmail_attr), collapsed behind "•••" the way helpdesks show mail history.
      const attribution =
        style === 'gmail-en'
          ? `On ${quoteDates.gmailEn(sent)}, ${from} wrote:`
          : `Am ${quoteDates.gmailDe(sent)} schrieb ${from}:`;
      return [
        html`<details class="quoted-text"><summary aria-label="Show quoted text">•••</summary><div class="gmail_quote"><div class="gmail_attr">${attribution}<br></div><blockquote class="gmail_quote">${renderText(quoted.text)}</blockquote></div></details>`,
      ];
    }
    case 'outlook-en':
    case 'outlook-de': {
      // Outlook puts the header block under a rule and does not mark the quoted text up at all.
      const labels =
        style === 'outlook-en'
          ? {
              from: 'From:',
              sent: 'Sent:',
              to: 'To:',
              subject: 'Subject:',
              re: 'RE:',
              date: quoteDates.outlookEn(sent),
            }
          : {
              from: 'Von:',
              sent: 'Gesendet:',
              to: 'An:',
              subject: 'Betreff:',
              re: 'AW:',
              date: quoteDates.outlookDe(sent),
            };
      return [
        html`<div class="outlook-reply"><hr><p><b>${labels.from}</b> ${from}<br><b>${labels.sent}</b> ${labels.date}<br><b>${labels.to}</b> ${to}<br><b>${labels.subject}</b> ${labels.re} ${conversation.subject}</p>${renderText(quoted.text)}</div>`,
      ];
    }
    case 'plain-de': {
      // Apple Mail in plain text: an attribution line and "> " before every quoted line, nothing else to go by.
      const quotedLines = quoted.text.split('\n').map((line) => (line ? `> ${line}` : '>'));
      return renderText(`Am ${quoteDates.appleDe(sent)} schrieb ${from}:\n\n${quotedLines.join('\n')}`);
    }
  }
}

function attachmentIcon(name: string): keyof typeof icons {
  if (/\.(jpe?g|png|gif|webp|heic)$/i.test(name)) return 'image';
  if (/\.(mp4|mov|webm)$/i.test(name)) return 'video';
  return 'file';
}

function renderAttachments(conversation: DemoConversation, message: DemoMessage): SafeHtml | false {
  if (message.attachments.length === 0) return false;
  const items = message.attachments.map(
    (attachment) =>
      html`<li><a class="attachment" href="/attachments/${conversation.id}/${encodeURIComponent(attachment.name)}">${icon(attachmentIcon(attachment.name), 'attachment__icon')}<span class="attachment__name">${attachment.name}</span><span class="attachment__size">${attachment.size}</span></a></li>`,
  );
  return html`<ul class="attachments" aria-label="Attachments">${items}</ul>`;
}

const roleClass = { customer: 'message--customer', agent: 'message--agent', 'internal-note': 'message--note' } as const;

function renderMessage(conversation: DemoConversation, message: DemoMessage, index: number, clock: DemoClock) {
  const time = clock.shift(message.time);
  const label =
    message.role === 'agent'
      ? html`<span class="role-label">Agent</span>`
      : message.role === 'internal-note'
        ? html`<span class="role-label role-label--note">${icon('note', 'icon icon--xs')}Internal note</span>`
        : false;
  const quoted = message.quote ? quotedMessage(conversation, index) : undefined;
  return html`
        <article class="message ${roleClass[message.role]}" id="${message.id}" aria-labelledby="${message.id}-author">
          ${avatar(message.author)}
          <div class="message__content">
            <header class="message__header">
              <span class="message__author" id="${message.id}-author">${message.author.name}</span>
              ${label}
              <a class="message__email" href="mailto:${message.author.email}">${message.author.email}</a>
              <time class="message__time" datetime="${time.toISOString()}" title="${formatFullTime(time)}">${formatMessageTime(time)}</time>
            </header>
            <div class="message__body">
              ${renderText(message.text)}
              ${message.signature ? renderText(message.signature) : false}
              ${message.quote && quoted ? renderQuote(message.quote, quoted, conversation, clock) : false}
            </div>
            ${renderAttachments(conversation, message)}
          </div>
        </article>`;
}

function renderThread(conversation: DemoConversation, clock: DemoClock): SafeHtml {
  let previousDay = '';
  const parts = conversation.messages.map((message, index) => {
    const time = clock.shift(message.time);
    const day = calendarDay(time);
    const separator =
      day === previousDay
        ? false
        : html`
        <h2 class="thread__day"><span>${formatThreadDay(time, clock.today)}</span></h2>`;
    previousDay = day;
    return html`${separator}${renderMessage(conversation, message, index, clock)}`;
  });
  return html`<div class="thread" id="thread">${parts}
      </div>`;
}

function isInView(conversation: DemoConversation, view: InboxView): boolean {
  switch (view) {
    case 'all':
      return conversation.status !== 'solved';
    case 'unread':
      return conversation.unread;
    case 'mine':
      return conversation.assignee.email === signedInAgent.email && conversation.status !== 'solved';
    case 'open':
      return conversation.status === 'open' || conversation.status === 'new';
    case 'pending':
      return conversation.status === 'pending';
    case 'solved':
      return conversation.status === 'solved';
  }
}

function renderNav(active: InboxView | null): SafeHtml {
  const items = views.map((view) => {
    const count = demoConversations.filter((conversation) => isInView(conversation, view.id)).length;
    const href = view.id === 'all' ? '/inbox' : `/inbox?view=${view.id}`;
    const current = view.id === active ? html` aria-current="page"` : false;
    return html`<li><a class="nav__link" href="${href}"${current}>${icon(view.icon)}<span class="nav__label">${view.label}</span><span class="nav__count">${count}</span></a></li>`;
  });
  return html`<ul class="nav" id="nav">${items}</ul>`;
}

const logo = html`<svg class="brand__mark" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true" focusable="false"><rect width="32" height="32" rx="8" fill="var(--brand)"/><path d="M9 22V10l14 12V10" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/></svg>`;

/** JSON for an inline data block; `<` is escaped so text can never close the script element. */
function jsonForScript(value: unknown): SafeHtml {
  return new SafeHtml(JSON.stringify(value).replace(/</g, '\\u003c'));
}

function layout(options: { title: string; activeView: InboxView | null; main: SafeHtml }): string {
  const page = html`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${options.title} · Nordwind Support</title>
  <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/assets/app.css">
  <script type="module" src="/assets/app.js"></script>
</head>
<body>
  <a class="skip-link" href="#main">Skip to content</a>
  <div class="app">
    <nav class="sidebar" aria-label="Helpdesk">
      <a class="brand" href="/inbox">${logo}<span class="brand__name">Nordwind<span class="brand__product">Support</span></span></a>
      ${renderNav(options.activeView)}
      <div class="sidebar__agent">
        ${avatar(signedInAgent, 'sm')}
        <div class="sidebar__agent-text">
          <span class="sidebar__agent-name">${signedInAgent.name}</span>
          <span class="sidebar__agent-status"><span class="presence" aria-hidden="true"></span>Online</span>
        </div>
      </div>
    </nav>
    <main class="main" id="main" tabindex="-1">
${options.main}
    </main>
  </div>
  <div class="toast" id="toast" role="status" aria-live="polite"></div>
</body>
</html>
`;
  return page.value;
}

function previewOf(conversation: DemoConversation): string {
  const text = lastMessage(conversation).text.replace(/\s+/g, ' ').trim();
  return text.length > 140 ? `${text.slice(0, 139).trimEnd()}…` : text;
}

function renderInboxRow(conversation: DemoConversation, clock: DemoClock): SafeHtml {
  const last = lastMessage(conversation);
  const time = clock.shift(last.time);
  const unread = conversation.unread;
  const tags = conversation.tags.slice(0, 2).map((tag) => html`<span class="tag">${tag}</span>`);
  return html`
        <li class="ticket-row${unread ? ' ticket-row--unread' : ''}">
          <a class="ticket-row__link" href="/tickets/${conversation.id}">
            <span class="ticket-row__unread" aria-hidden="true"></span>
            ${avatar(conversation.customer)}
            <span class="ticket-row__main">
              <span class="ticket-row__line">
                <span class="ticket-row__customer">${conversation.customer.name}</span>
                <span class="ticket-row__count" title="${conversation.messages.length} messages">${conversation.messages.length}</span>
                ${unread ? html`<span class="visually-hidden">Unread,</span>` : false}
              </span>
              <span class="ticket-row__subject">${conversation.subject}</span>
              <span class="ticket-row__preview">${previewOf(conversation)}</span>
            </span>
            <span class="ticket-row__meta">
              ${statusPill(conversation.status)}
              ${conversation.priority === 'high' || conversation.priority === 'urgent' ? priorityBadge(conversation.priority) : false}
              ${tags}
            </span>
            <span class="ticket-row__side">
              <time class="ticket-row__time" datetime="${time.toISOString()}" title="${formatFullTime(time)}">${formatListTime(time, clock.today)}</time>
              <span class="ticket-row__assignee" title="Assigned to ${conversation.assignee.name}">${avatar(conversation.assignee, 'sm')}</span>
            </span>
          </a>
        </li>`;
}

/** The inbox page for `view`. */
export function renderInboxPage(view: InboxView, clock: DemoClock): string {
  const shown = demoConversations.filter((conversation) => isInView(conversation, view));
  const unread = shown.filter((conversation) => conversation.unread).length;
  const title = views.find((candidate) => candidate.id === view)?.label ?? 'Inbox';
  const filters = (['all', 'open', 'pending', 'solved'] as const).map((filter) => {
    const href = filter === 'all' ? '/inbox' : `/inbox?view=${filter}`;
    const label = filter === 'all' ? 'All active' : statusLabels[filter];
    const current = filter === view ? html` aria-current="page"` : false;
    return html`<a class="segmented__item" href="${href}"${current}>${label}</a>`;
  });
  const list =
    shown.length > 0
      ? html`<ul class="ticket-list" id="ticket-list" aria-label="Conversations">${shown.map((conversation) => renderInboxRow(conversation, clock))}
      </ul>`
      : html`<p class="empty">Nothing here. Enjoy the quiet.</p>`;
  const main = html`
      <div class="inbox">
        <header class="page-header">
          <div>
            <h1 class="page-header__title" tabindex="-1">${title}</h1>
            <p class="page-header__meta">${shown.length} conversations · ${unread} unread</p>
          </div>
          <label class="search">
            ${icon('search')}
            <span class="visually-hidden">Search conversations</span>
            <input type="search" id="inbox-search" placeholder="Search customers, subjects, order numbers…" autocomplete="off">
          </label>
        </header>
        <nav class="segmented" aria-label="Filter by status">${filters}</nav>
        ${list}
        <p class="empty" id="search-empty" hidden>No conversations match your search.</p>
      </div>`;
  return layout({ title, activeView: view === 'open' ? 'all' : view, main });
}

function renderComposer(conversation: DemoConversation): SafeHtml {
  const statuses = (['open', 'pending', 'solved'] as const).map(
    (status) =>
      html`<option value="${status}"${status === 'pending' ? ' selected' : ''}>${statusLabels[status]}</option>`,
  );
  return html`
        <form class="composer" id="composer" method="post" action="/tickets/${conversation.id}/reply" aria-label="Reply to ${conversation.customer.name}">
          <fieldset class="composer__kinds">
            <legend class="visually-hidden">Reply type</legend>
            <label class="composer__kind"><input type="radio" name="kind" value="reply" checked><span>${icon('mail', 'icon icon--xs')}Public reply</span></label>
            <label class="composer__kind composer__kind--note"><input type="radio" name="kind" value="note"><span>${icon('note', 'icon icon--xs')}Internal note</span></label>
          </fieldset>
          <p class="composer__to"><span class="composer__to-label">To</span> ${conversation.customer.name} &lt;${conversation.customer.email}&gt;</p>
          <label class="visually-hidden" for="reply-body">Message</label>
          <textarea class="composer__input" id="reply-body" name="body" rows="3" placeholder="Write your reply to ${firstNameOf(conversation.customer.name)}…"></textarea>
          <div class="composer__footer">
            <span class="composer__hint"><kbd>Ctrl</kbd> + <kbd>Enter</kbd> to send · demo: nothing leaves this browser</span>
            <label class="composer__status">Then set to
              <select name="status" id="reply-status">${statuses}</select>
            </label>
            <button class="button button--primary" type="submit" id="send-button">Send</button>
          </div>
        </form>`;
}

function renderTicketSidebar(conversation: DemoConversation, clock: DemoClock): SafeHtml {
  const { customer, order } = conversation;
  const first = conversation.messages[0];
  const created = first ? clock.shift(first.time) : clock.today;
  const orderCard = order
    ? html`
          <section class="card" aria-labelledby="order-heading">
            <h2 class="card__title" id="order-heading">Order ${order.number}</h2>
            <ul class="order-items">${order.items.map((item) => html`<li>${item}</li>`)}</ul>
            <dl class="facts">
              <dt>Placed</dt><dd>${order.placed}</dd>
              <dt>Total</dt><dd>${order.total}</dd>
              <dt>Status</dt><dd>${order.status}</dd>
            </dl>
          </section>`
    : false;
  return html`
        <aside class="ticket__sidebar" aria-label="Customer and ticket details">
          <section class="card" aria-labelledby="customer-heading">
            <h2 class="card__title" id="customer-heading">Customer</h2>
            <div class="customer">
              ${avatar(customer, 'lg')}
              <div class="customer__text">
                <p class="customer__name">${customer.name}</p>
                <a class="customer__email" href="mailto:${customer.email}">${customer.email}</a>
              </div>
            </div>
            <dl class="facts">
              <dt>Location</dt><dd>${customer.location}</dd>
              <dt>Customer since</dt><dd>${customer.customerSince}</dd>
              <dt>Orders</dt><dd>${customer.orders}</dd>
            </dl>
          </section>${orderCard}
          <section class="card" aria-labelledby="details-heading">
            <h2 class="card__title" id="details-heading">Ticket details</h2>
            <dl class="facts">
              <dt>Assignee</dt><dd>${conversation.assignee.name}</dd>
              <dt>Priority</dt><dd>${priorityBadge(conversation.priority)}</dd>
              <dt>Channel</dt><dd>${conversation.channel === 'email' ? 'Email' : 'Web form'}</dd>
              <dt>Created</dt><dd><time datetime="${created.toISOString()}">${formatMessageTime(created)}</time></dd>
            </dl>
          </section>
        </aside>`;
}

/** The conversation page of one ticket. */
export function renderTicketPage(conversation: DemoConversation, clock: DemoClock): string {
  const pageData = { ticketId: conversation.id, status: conversation.status, agent: signedInAgent };
  const main = html`
      <div class="ticket">
        <section class="ticket__conversation" aria-labelledby="ticket-subject">
          <header class="ticket-header">
            <a class="back-link" href="/inbox">${icon('back', 'icon icon--xs')}Inbox</a>
            <h1 class="ticket-header__subject" id="ticket-subject" tabindex="-1">${conversation.subject}</h1>
            <div class="ticket-header__meta">
              <span class="ticket-header__number">#${conversation.id}</span>
              <span id="ticket-status">${statusPill(conversation.status)}</span>
              ${priorityBadge(conversation.priority)}
              ${conversation.tags.map((tag) => html`<span class="tag">${tag}</span>`)}
              <span class="ticket-header__count">${conversation.messages.length} messages</span>
            </div>
          </header>
          ${renderThread(conversation, clock)}
          ${renderComposer(conversation)}
        </section>
        ${renderTicketSidebar(conversation, clock)}
        <script type="application/json" id="page-data">${jsonForScript(pageData)}</script>
      </div>`;
  return layout({ title: conversation.subject, activeView: null, main });
}

/** A page for a URL the demo does not know. */
export function renderNotFoundPage(path: string): string {
  const main = html`
      <div class="not-found">
        <h1 class="page-header__title" tabindex="-1">Page not found</h1>
        <p>There is no page at <code>${path}</code> in the demo helpdesk.</p>
        <p><a class="button" href="/inbox">Back to the inbox</a></p>
      </div>`;
  return layout({ title: 'Not found', activeView: null, main });
}

/** What an attachment link shows: the demo keeps names, not files. */
export function renderAttachmentPage(conversation: DemoConversation, name: string): string | undefined {
  const attachment = conversation.messages.flatMap((message) => message.attachments).find((a) => a.name === name);
  if (!attachment) return undefined;
  const main = html`
      <div class="not-found">
        <h1 class="page-header__title" tabindex="-1">${attachment.name}</h1>
        <p>${attachment.size} · attached to ticket #${conversation.id}. The demo helpdesk shows attachments by name only; it stores no files.</p>
        <p><a class="button" href="/tickets/${conversation.id}">Back to the conversation</a></p>
      </div>`;
  return layout({ title: attachment.name, activeView: null, main });
}
