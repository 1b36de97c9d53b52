import { afterEach, describe, expect, it, vi } from 'vitest';
import { getAdapterFor } from '../../../lib/sites';
import { fixtureHtml, mountPage } from './fixture-files';

/** The text a person would see in an editor: <br> as line breaks. */
function visibleText(el: Element): string {
  return Array.from(el.childNodes)
    .map((node) =>
      node.nodeName === 'BR' ? '\n' : node.nodeType === 3 ? (node.nodeValue ?? '') : visibleText(node as Element),
    )
    .join('');
}

function must<T extends Element>(el: T | null, what: string): T {
  if (!el) throw new Error(`${what} not found`);
  return el;
}

const REPLY = 'Liebe Frau Köhler,\nes tut mir leid 🙏\n\nViele Grüße';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('Gmail insert', () => {
  it('opens the in-thread reply with the Reply button, then writes plain text with line breaks', async () => {
    const doc = mountPage(fixtureHtml('gmail', 'conversation-view-on'));
    const reply = must(doc.querySelector('span.ams.bkH'), 'Reply button');
    // Gmail renders the editor when Reply is clicked.
    reply.addEventListener('click', () => {
      const editor = doc.createElement('div');
      editor.className = 'Am aiL Al editable LW-avf';
      editor.setAttribute('role', 'textbox');
      editor.setAttribute('aria-label', 'Message Body');
      editor.setAttribute('contenteditable', 'true');
      setTimeout(() => must(doc.querySelector('div[role="main"]'), 'main').appendChild(editor), 20);
    });
    const result = await getAdapterFor('https://mail.google.com/mail/u/0/#inbox/x').insert(doc, REPLY);
    expect(result).toEqual({ ok: true, target: 'reply-box' });
    const editor = must(doc.querySelector('[aria-label="Message Body"]'), 'editor');
    expect(visibleText(editor)).toBe(REPLY);
    expect(editor.querySelectorAll('br')).toHaveLength(3);
  });

  it("writes into the popped-out compose window at the agent's caret, before the quoted mail", async () => {
    const doc = mountPage(fixtureHtml('gmail', 'popout-compose'));
    const editor = must(doc.querySelector<HTMLElement>('[aria-label="Nachrichtentext"]'), 'compose');
    const firstLine = must(editor.firstElementChild, 'first line');
    editor.focus();
    const range = doc.createRange();
    range.setStart(firstLine, 0);
    range.collapse(true);
    doc.getSelection()?.removeAllRanges();
    doc.getSelection()?.addRange(range);
    const result = await getAdapterFor('https://mail.google.com/mail/u/0/#inbox/x').insert(
      doc,
      'Hallo Herr Demir,\nja!',
    );
    expect(result).toEqual({ ok: true, target: 'reply-box' });
    expect(visibleText(firstLine).startsWith('Hallo Herr Demir,\nja!')).toBe(true);
    expect(must(editor.querySelector('.gmail_quote'), 'quote').textContent).toContain('schrieb Yusuf Demir');
  });

  it('writes above the quoted mail when the caret is elsewhere, as Gmail opens the compose', async () => {
    const doc = mountPage(fixtureHtml('gmail', 'popout-compose'));
    const editor = must(doc.querySelector<HTMLElement>('[aria-label="Nachrichtentext"]'), 'compose');
    doc.getSelection()?.removeAllRanges();
    const result = await getAdapterFor('https://mail.google.com/mail/u/0/#inbox/x').insert(doc, 'Hallo,\nja!');
    expect(result).toEqual({ ok: true, target: 'reply-box' });
    const text = visibleText(editor);
    expect(text.startsWith('Hallo,\nja!')).toBe(true);
    expect(text.indexOf('schrieb Yusuf Demir')).toBeGreaterThan(text.indexOf('ja!'));
  });
});

describe('Zendesk insert', () => {
  it('writes into the active ticket’s CKEditor composer', async () => {
    const doc = mountPage(fixtureHtml('zendesk', 'agent-workspace'));
    const result = await getAdapterFor('https://shopexample.zendesk.com/agent/tickets/48233').insert(doc, REPLY);
    expect(result).toEqual({ ok: true, target: 'reply-box' });
    expect(visibleText(must(doc.querySelector('.ck-editor__editable'), 'editor'))).toContain(REPLY);
  });

  it('writes into the plain-text composer at the cursor and fires input so the app sees it', async () => {
    const doc = mountPage(fixtureHtml('zendesk', 'agent-workspace-rtl'));
    const textarea = must(doc.querySelector<HTMLTextAreaElement>('textarea'), 'textarea');
    textarea.value = 'Hi Noa,\n\nLena';
    textarea.setSelectionRange(9, 9);
    const events: InputEvent[] = [];
    textarea.addEventListener('input', (event) => events.push(event as InputEvent));
    const result = await getAdapterFor('https://shopexample.zendesk.com/agent/tickets/50912').insert(doc, 'sorry!\n');
    expect(result).toEqual({ ok: true, target: 'reply-box' });
    expect(textarea.value).toBe('Hi Noa,\n\nsorry!\nLena');
    expect(textarea.selectionStart).toBe(16);
    expect(events).toHaveLength(1);
    expect(events[0]?.inputType).toBe('insertText');
  });
});

describe('Outlook insert', () => {
  it('writes into the message body, not the focused To field, and never presses Send', async () => {
    const doc = mountPage(fixtureHtml('outlook', 'compose-reply'));
    const send = vi.fn();
    must(doc.querySelector('button[aria-label="Send"]'), 'send').addEventListener('click', send);
    must(doc.querySelector<HTMLElement>('[aria-label="To"]'), 'to').focus();
    const result = await getAdapterFor('https://outlook.office365.com/mail/').insert(
      doc,
      'Hello Oliver,\nit ships today.',
    );
    expect(result).toEqual({ ok: true, target: 'reply-box' });
    expect(visibleText(must(doc.querySelector('[aria-label="Message body"][contenteditable]'), 'body'))).toContain(
      'Hello Oliver,\nit ships today.',
    );
    expect(must(doc.querySelector('[aria-label="To"]'), 'to').textContent).toBe('Oliver Grant');
    expect(send).not.toHaveBeenCalled();
  });

  it('opens the reply with "Antworten" first', async () => {
    const doc = mountPage(fixtureHtml('outlook', 'reading-pane-conversation'));
    must(doc.querySelector('button[aria-label="Antworten"]'), 'Antworten').addEventListener('click', () => {
      const editor = doc.createElement('div');
      editor.setAttribute('role', 'textbox');
      editor.setAttribute('aria-label', 'Nachrichtentext');
      editor.setAttribute('contenteditable', 'true');
      must(doc.querySelector('[aria-label="Lesebereich"]'), 'pane').appendChild(editor);
    });
    const result = await getAdapterFor('https://outlook.office.com/mail/').insert(doc, 'Guten Tag Herr Meyer,');
    expect(result).toEqual({ ok: true, target: 'reply-box' });
    expect(must(doc.querySelector('[aria-label="Nachrichtentext"][contenteditable]'), 'editor').textContent).toBe(
      'Guten Tag Herr Meyer,',
    );
  });
});

describe('Freshdesk insert', () => {
  it('clicks Reply and writes into the Froala editor as text, never as HTML', async () => {
    const doc = mountPage(fixtureHtml('freshdesk', 'ticket-view'));
    must(doc.querySelector('[data-test-id="ticket-reply"]'), 'Reply').addEventListener('click', () => {
      const wrapper = doc.createElement('div');
      wrapper.setAttribute('data-test-id', 'reply-editor');
      const editor = doc.createElement('div');
      editor.className = 'fr-element fr-view';
      editor.setAttribute('contenteditable', 'true');
      wrapper.appendChild(editor);
      doc.body.appendChild(wrapper);
    });
    const result = await getAdapterFor('https://x.freshdesk.com/a/tickets/7781').insert(
      doc,
      'Hallo <b>Herr</b> Hoffmann',
    );
    expect(result).toEqual({ ok: true, target: 'reply-box' });
    const editor = must(doc.querySelector('.fr-element'), 'editor');
    expect(editor.textContent).toBe('Hallo <b>Herr</b> Hoffmann');
    expect(editor.querySelector('b')).toBeNull();
  });

  it('says so when the reply box does not open', async () => {
    const doc = mountPage(fixtureHtml('freshdesk', 'ticket-view'));
    const result = await getAdapterFor('https://x.freshdesk.com/a/tickets/7781').insert(doc, 'x');
    expect(result).toEqual({
      ok: false,
      reason: 'The reply box on Freshdesk did not open — click Reply, then try again',
    });
  });
});

describe('generic insert', () => {
  it('prefers the focused field', async () => {
    const doc = mountPage(fixtureHtml('generic', 'zammad-like'));
    const editor = must(doc.querySelector<HTMLElement>('[data-name="body"]'), 'editor');
    editor.focus();
    const result = await getAdapterFor('https://support.example/').insert(doc, 'Hallo Frau Bauer,\n');
    expect(result).toEqual({ ok: true, target: 'focused-field' });
    expect(visibleText(editor)).toBe('Hallo Frau Bauer,\n');
  });

  it('falls back to the best reply box candidate, never a search field', async () => {
    const doc = mountPage(fixtureHtml('generic', 'helpscout-like'));
    doc.body.insertAdjacentHTML('afterbegin', '<textarea name="search" aria-label="Search"></textarea>');
    const result = await getAdapterFor('https://secure.helpscout.net/').insert(doc, 'Hi Rachel');
    expect(result).toEqual({ ok: true, target: 'reply-box' });
    expect(must(doc.querySelector<HTMLTextAreaElement>('textarea[name="reply-body"]'), 'reply').value).toBe(
      'Hi Rachel',
    );
    expect(must(doc.querySelector<HTMLTextAreaElement>('textarea[name="search"]'), 'search').value).toBe('');
  });

  it('reports when the page has no field to write into', async () => {
    const doc = mountPage(fixtureHtml('generic', 'znuny-table'));
    const result = await getAdapterFor('https://helpdesk.example/').insert(doc, 'x');
    expect(result.ok).toBe(false);
  });
});
