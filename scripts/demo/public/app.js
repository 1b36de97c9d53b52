// Nordwind Support demo: a small single-page app over server-rendered pages.
// Links inside the helpdesk load the next page with fetch and swap the main region and the navigation,
// as helpdesk SPAs do; every page also loads directly by URL. Replies stay in this tab (sessionStorage).

const storageKeys = {
  read: 'nordwind-demo:read',
  replies: (ticketId) => `nordwind-demo:replies:${ticketId}`,
};

const statusLabels = { new: 'New', open: 'Open', pending: 'Pending', solved: 'Solved' };

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Berlin',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});
const fullTimeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Berlin',
  dateStyle: 'full',
  timeStyle: 'short',
});

function readJson(key, fallback) {
  try {
    const raw = sessionStorage.getItem(key);
    return raw ? JSON.parse(raw) : fallback;
  } catch {
    // Storage can be unavailable (privacy mode) or hold junk from an older demo: start fresh.
    return fallback;
  }
}

function writeJson(key, value) {
  try {
    sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Without storage the demo still works; replies just do not survive navigation.
  }
}

function pageData() {
  const element = document.getElementById('page-data');
  if (!element) return null;
  try {
    return JSON.parse(element.textContent || 'null');
  } catch {
    return null;
  }
}

let toastTimer = 0;
function showToast(text) {
  const toast = document.getElementById('toast');
  if (!toast) return;
  toast.textContent = text;
  toast.classList.add('toast--visible');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => toast.classList.remove('toast--visible'), 3200);
}

function initialsOf(name) {
  const words = name.split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? '?';
  const last = words.length > 1 ? (words.at(-1)?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Builds a message with the same markup the server renders. */
function buildMessage({ id, kind, author, time, text }) {
  const article = element('article', `message ${kind === 'note' ? 'message--note' : 'message--agent'} message--sent`);
  article.id = id;
  article.setAttribute('aria-labelledby', `${id}-author`);

  const avatar = element('span', 'avatar avatar--md avatar--agent', initialsOf(author.name));
  avatar.setAttribute('aria-hidden', 'true');

  const content = element('div', 'message__content');
  const header = element('header', 'message__header');
  const name = element('span', 'message__author', author.name);
  name.id = `${id}-author`;
  const label = element('span', kind === 'note' ? 'role-label role-label--note' : 'role-label');
  label.textContent = kind === 'note' ? 'Internal note' : 'Agent';
  const email = element('a', 'message__email', author.email);
  email.href = `mailto:${author.email}`;
  const date = new Date(time);
  const timeElement = element('time', 'message__time', timeFormat.format(date));
  timeElement.dateTime = date.toISOString();
  timeElement.title = fullTimeFormat.format(date);
  header.append(name, label, email, timeElement);

  const body = element('div', 'message__body');
  for (const paragraph of text.split(/\n{2,}/)) {
    if (!paragraph.trim()) continue;
    const p = element('p');
    paragraph.split('\n').forEach((line, index) => {
      if (index > 0) p.append(document.createElement('br'));
      p.append(line);
    });
    body.append(p);
  }
  content.append(header, body);
  article.append(avatar, content);
  return article;
}

function setStatus(status) {
  const holder = document.getElementById('ticket-status');
  if (!holder || !statusLabels[status]) return;
  holder.replaceChildren(element('span', `status status--${status}`, statusLabels[status]));
}

function scrollThreadToEnd() {
  const thread = document.getElementById('thread');
  if (thread) thread.scrollTop = thread.scrollHeight;
}

function setUpTicket(data) {
  const thread = document.getElementById('thread');
  const composer = document.getElementById('composer');
  if (!thread || !composer) return;

  const read = new Set(readJson(storageKeys.read, []));
  read.add(data.ticketId);
  writeJson(storageKeys.read, [...read]);

  const saved = readJson(storageKeys.replies(data.ticketId), []);
  for (const reply of saved) thread.append(buildMessage(reply));
  const lastStatus = saved.at(-1)?.status;
  if (lastStatus) setStatus(lastStatus);
  scrollThreadToEnd();

  const textarea = composer.querySelector('textarea');
  const sendButton = composer.querySelector('#send-button');
  const statusSelect = composer.querySelector('#reply-status');

  const updateKind = () => {
    const isNote = composer.querySelector('input[name="kind"]:checked')?.value === 'note';
    composer.classList.toggle('composer--note', isNote);
    sendButton.textContent = isNote ? 'Add note' : 'Send';
    textarea.placeholder = isNote ? 'Write an internal note (only your team sees it)…' : textarea.dataset.replyPlaceholder;
  };
  textarea.dataset.replyPlaceholder = textarea.placeholder;
  composer.addEventListener('change', (event) => {
    if (event.target instanceof HTMLInputElement && event.target.name === 'kind') updateKind();
  });

  composer.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = textarea.value.trim();
    if (!text) {
      showToast('Write something first.');
      textarea.focus();
      return;
    }
    const kind = composer.querySelector('input[name="kind"]:checked')?.value === 'note' ? 'note' : 'reply';
    const reply = {
      id: `sent-${data.ticketId}-${Date.now()}`,
      kind,
      author: data.agent,
      time: new Date().toISOString(),
      text,
      status: statusSelect.value,
    };
    const replies = readJson(storageKeys.replies(data.ticketId), []);
    replies.push(reply);
    writeJson(storageKeys.replies(data.ticketId), replies);
    thread.append(buildMessage(reply));
    setStatus(reply.status);
    textarea.value = '';
    scrollThreadToEnd();
    showToast(kind === 'note' ? 'Internal note added.' : 'Reply added to the thread (demo: nothing was sent).');
  });

  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });
}

function setUpInbox() {
  const list = document.getElementById('ticket-list');
  if (!list) return;
  const read = new Set(readJson(storageKeys.read, []));
  for (const row of list.querySelectorAll('.ticket-row--unread')) {
    const id = row.querySelector('a')?.getAttribute('href')?.split('/').pop();
    if (id && read.has(id)) {
      row.classList.remove('ticket-row--unread');
      row.querySelector('.visually-hidden')?.remove();
    }
  }

  const search = document.getElementById('inbox-search');
  const empty = document.getElementById('search-empty');
  search?.addEventListener('input', () => {
    const query = search.value.trim().toLocaleLowerCase();
    let shown = 0;
    for (const row of list.children) {
      const matches = !query || row.textContent.toLocaleLowerCase().includes(query);
      row.hidden = !matches;
      if (matches) shown += 1;
    }
    if (empty) empty.hidden = shown > 0;
  });
}

function setUpPage() {
  const data = pageData();
  if (data?.ticketId) setUpTicket(data);
  else setUpInbox();
}

// ---------- Navigation without full page loads ----------

function isAppUrl(url) {
  return url.origin === location.origin && /^\/(inbox|tickets\/\d+)?\/?$/.test(url.pathname);
}

let navigation = 0;

async function navigate(url, { push }) {
  const current = ++navigation;
  document.documentElement.setAttribute('aria-busy', 'true');
  // Like Gmail and Zendesk, the address changes first and the conversation arrives a moment later.
  if (push) history.pushState({}, '', url);
  try {
    const response = await fetch(url, { headers: { Accept: 'text/html' } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const text = await response.text();
    if (current !== navigation) return; // A newer click won.
    const next = new DOMParser().parseFromString(text, 'text/html');
    const nextMain = next.getElementById('main');
    const nextNav = next.getElementById('nav');
    const main = document.getElementById('main');
    const nav = document.getElementById('nav');
    if (!nextMain || !main) throw new Error('unexpected page');
    document.title = next.title;
    main.replaceWith(document.adoptNode(nextMain));
    if (nextNav && nav) nav.replaceWith(document.adoptNode(nextNav));
    setUpPage();
    document.querySelector('#main h1')?.focus({ preventScroll: true });
  } catch {
    // Anything odd (server gone, unexpected markup): fall back to a normal page load.
    location.replace(url);
  } finally {
    if (current === navigation) document.documentElement.removeAttribute('aria-busy');
  }
}

document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (!link || link.target || link.hasAttribute('download')) return;
  const url = new URL(link.href, location.href);
  if (!isAppUrl(url)) return;
  event.preventDefault();
  if (url.href === location.href) return;
  void navigate(url.href, { push: true });
});

window.addEventListener('popstate', () => {
  void navigate(location.href, { push: false });
});

setUpPage();
