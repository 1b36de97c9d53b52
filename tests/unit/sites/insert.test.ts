import { afterEach, describe, expect, it, vi } from 'vitest';
import { getAdapterFor } from '../../../lib/sites';
import { insertIntoEditor, insertPlainText, isVisibleElement, resolveVisibleEditor } from '../../../lib/sites/insert';
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
      code: 'adapter/reply-box-closed',
      reason: 'The reply box on Freshdesk did not open — click Reply, then try again',
      params: { site: 'Freshdesk' },
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

// Markup below is written by hand after what each editor renders around the textarea it replaces (checked against the
// real editors in tests/e2e/insert-editors.spec.ts); it is not a saved page.
describe('the visible editor', () => {
  it('is never a hidden element: hidden attribute, aria-hidden around it, display:none, visibility:hidden', () => {
    document.body.innerHTML = `
      <textarea id="a" hidden></textarea>
      <div aria-hidden="true"><div id="b" contenteditable="true"></div></div>
      <div style="display:none"><textarea id="c"></textarea></div>
      <div id="d" contenteditable="true" style="visibility:hidden"></div>
      <div id="e" contenteditable="true"></div>`;
    const visible = ['a', 'b', 'c', 'd', 'e'].map((id) => isVisibleElement(must(document.getElementById(id), id)));
    expect(visible).toEqual([false, false, false, false, true]);
  });

  it('behind a hidden textarea is the CKEditor 5 editable placed right after it', () => {
    document.body.innerHTML = `
      <form><textarea id="reply" name="reply" style="display:none"></textarea>
      <div class="ck ck-reset ck-editor"><div class="ck-editor__main">
        <div class="ck-editor__editable ck-content" contenteditable="true" role="textbox"><p>Vorher</p></div>
      </div></div></form>`;
    const textarea = must(document.querySelector<HTMLElement>('#reply'), 'textarea');
    expect(resolveVisibleEditor(textarea)).toBe(document.querySelector('.ck-editor__editable'));
  });

  it('behind a hidden textarea is CKEditor 4’s editor found by its cke_<name> container, not another field', () => {
    document.body.innerHTML = `
      <div id="cke_body"><div class="cke_inner"><div class="cke_contents">
        <div class="cke_wysiwyg_div cke_editable" contenteditable="true"><p>Vorher</p></div>
      </div></div></div>
      <div><textarea name="search"></textarea></div>
      <div><div><textarea name="body" style="visibility:hidden; display:none"></textarea></div></div>`;
    const textarea = must(document.querySelector<HTMLElement>('textarea[name="body"]'), 'textarea');
    expect(resolveVisibleEditor(textarea)).toBe(document.querySelector('.cke_wysiwyg_div'));
  });

  it('behind a hidden textarea is the editor labelled like it, anywhere on the page', () => {
    document.body.innerHTML = `
      <div class="toolbar"><div contenteditable="true" aria-label="Notiz"></div></div>
      <section><label id="reply-label" for="reply">Antwort</label><textarea id="reply" hidden></textarea></section>
      <aside><div class="editor" contenteditable="true" aria-labelledby="reply-label"></div></aside>`;
    const textarea = must(document.querySelector<HTMLElement>('#reply'), 'textarea');
    expect(resolveVisibleEditor(textarea)).toBe(document.querySelector('.editor'));
  });

  it('is the editor inside a container, and nothing when only hidden fields are there', () => {
    document.body.innerHTML = `
      <div id="wrap"><div class="ql-container"><div class="ql-editor" contenteditable="true"></div></div></div>
      <div id="lonely"><textarea hidden></textarea></div>`;
    expect(resolveVisibleEditor(must(document.querySelector<HTMLElement>('#wrap'), 'wrap'))).toBe(
      document.querySelector('.ql-editor'),
    );
    expect(resolveVisibleEditor(must(document.querySelector<HTMLElement>('#lonely textarea'), 'lonely'))).toBeNull();
  });
});

describe('inserting into the visible editor', () => {
  it('writes into the visible editor, never the hidden source textarea, after a blank line', () => {
    document.body.innerHTML = `
      <textarea id="reply" style="display:none"><p>Vorher</p></textarea>
      <div class="ck-editor"><div class="ck-editor__editable" contenteditable="true"><p>Vorher</p></div></div>`;
    const textarea = must(document.querySelector<HTMLTextAreaElement>('#reply'), 'textarea');
    const source = textarea.value;
    const editor = must(document.querySelector('.ck-editor__editable'), 'editor');
    document.getSelection()?.removeAllRanges();
    expect(insertPlainText(textarea, 'Hallo,\nja!')).toEqual({ ok: true, editor });
    expect(visibleText(editor)).toBe('Vorher\n\nHallo,\nja!');
    expect(textarea.value).toBe(source);
  });

  it('says the reply editor is not visible instead of writing into a hidden field', () => {
    document.body.innerHTML = '<textarea id="reply" hidden>Vorher</textarea>';
    const textarea = must(document.querySelector<HTMLTextAreaElement>('#reply'), 'textarea');
    expect(insertPlainText(textarea, 'x')).toEqual({
      ok: false,
      code: 'adapter/reply-editor-hidden',
      reason: 'The reply editor is not visible — open the reply box, then try again',
    });
    expect(textarea.value).toBe('Vorher');
  });

  it('writes into an empty last line after one more break (not two), and adds nothing in an empty editor', () => {
    document.body.innerHTML = `
      <div id="ends-blank" contenteditable="true"><p>Vorher</p><p><br></p></div>
      <div id="empty" contenteditable="true"><p><br></p></div>`;
    document.getSelection()?.removeAllRanges();
    const endsBlank = must(document.querySelector<HTMLElement>('#ends-blank'), 'ends-blank');
    const empty = must(document.querySelector<HTMLElement>('#empty'), 'empty');
    insertPlainText(endsBlank, 'Hallo');
    insertPlainText(empty, 'Hallo');
    // The caret sits on the empty line: one break there makes it the blank line between the two.
    expect(endsBlank.innerHTML).toBe('<p>Vorher</p><p><br>Hallo<br></p>');
    expect(empty.innerHTML).toBe('<p>Hallo<br></p>');
  });

  it('keeps the agent’s caret: mid-text, or right after a space the agent typed, nothing is added', () => {
    document.body.innerHTML = '<div id="box" contenteditable="true">Vorab: </div>';
    const box = must(document.querySelector<HTMLElement>('#box'), 'box');
    box.focus();
    const range = document.createRange();
    const typed = box.firstChild;
    if (!typed) throw new Error('typed text not found');
    range.setStart(typed, 7);
    range.collapse(true);
    document.getSelection()?.removeAllRanges();
    document.getSelection()?.addRange(range);
    insertPlainText(box, 'Zeile eins');
    expect(visibleText(box)).toBe('Vorab: Zeile eins');
  });

  it('in a text field nobody has clicked into, writes at the end after a blank line; above quoted mail, on top', () => {
    document.body.innerHTML = `
      <textarea id="plain">Hallo Frau Bauer,</textarea>
      <textarea id="quoted">> Wann kommt meine Erstattung?</textarea>`;
    const plain = must(document.querySelector<HTMLTextAreaElement>('#plain'), 'plain');
    const quoted = must(document.querySelector<HTMLTextAreaElement>('#quoted'), 'quoted');
    plain.setSelectionRange(0, 0);
    quoted.setSelectionRange(0, 0);
    insertPlainText(plain, 'sie ist unterwegs.');
    (document.activeElement as HTMLElement | null)?.blur();
    insertPlainText(quoted, 'Heute.');
    expect(plain.value).toBe('Hallo Frau Bauer,\n\nsie ist unterwegs.');
    expect(quoted.value).toBe('Heute.\n\n> Wann kommt meine Erstattung?');
  });

  it('reports failure when the editor drops the text, even after its redraw', async () => {
    document.body.innerHTML = '<div id="box" contenteditable="true"><p>Vorher</p></div>';
    const box = must(document.querySelector<HTMLElement>('#box'), 'box');
    // An editor whose model refuses the change and redraws from it.
    box.addEventListener('input', () => {
      box.innerHTML = '<p>Vorher</p>';
    });
    const failed = {
      ok: false,
      code: 'adapter/insert-not-shown',
      reason: 'The text did not appear in the visible reply editor — it was not inserted.',
    };
    expect(insertPlainText(box, 'Hallo\nja')).toEqual(failed);
    const late = must(document.querySelector<HTMLElement>('#box'), 'box');
    const redraw = late.cloneNode(true) as HTMLElement;
    late.replaceWith(redraw);
    redraw.addEventListener('input', () => {
      setTimeout(() => {
        redraw.innerHTML = '<p>Vorher</p>';
      }, 0);
    });
    expect(await insertIntoEditor(redraw, 'Hallo\nja')).toEqual(failed);
  });

  it('on a site, says “Could not insert” material when the reply editor drops the text', async () => {
    const doc = mountPage(fixtureHtml('zendesk', 'agent-workspace'));
    const editor = must(doc.querySelector<HTMLElement>('.ck-editor__editable'), 'editor');
    const before = editor.innerHTML;
    editor.addEventListener('input', () => {
      editor.innerHTML = before;
    });
    const result = await getAdapterFor('https://shopexample.zendesk.com/agent/tickets/48233').insert(doc, REPLY);
    expect(result).toEqual({
      ok: false,
      code: 'adapter/insert-not-shown',
      reason: 'The text did not appear in the visible reply editor — it was not inserted.',
    });
  });

  it('does not count text that was already there as inserted', () => {
    document.body.innerHTML = '<div id="box" contenteditable="true"><p>Hallo</p></div>';
    const box = must(document.querySelector<HTMLElement>('#box'), 'box');
    box.addEventListener('input', () => {
      box.innerHTML = '<p>Hallo</p>';
    });
    expect(insertPlainText(box, 'Hallo').ok).toBe(false);
  });
});

describe('an editor that stops taking editing commands midway (issue 20)', () => {
  /**
   * A stand-in for a rich editor's `execCommand`: inserts text and line breaks at the selection as a browser does,
   * but refuses `insertLineBreak` (false, nothing changed) from its `refuseBreakFrom`-th call on, as some editors do
   * once their own model takes over.
   */
  function fakeEditorCommands(refuseBreakFrom: number) {
    const calls: string[] = [];
    let breaks = 0;
    const execCommand = (command: string, _ui?: boolean, value?: string): boolean => {
      calls.push(value === undefined ? command : `${command}:${value}`);
      const selection = document.getSelection();
      const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
      if (!range) return false;
      let node: Node;
      if (command === 'insertLineBreak') {
        breaks += 1;
        if (breaks >= refuseBreakFrom) return false;
        node = document.createElement('br');
      } else if (command === 'insertText' && value !== undefined) {
        node = document.createTextNode(value);
      } else {
        return false;
      }
      range.deleteContents();
      range.insertNode(node);
      range.setStartAfter(node);
      range.collapse(true);
      selection?.removeAllRanges();
      selection?.addRange(range);
      return true;
    };
    Object.defineProperty(document, 'execCommand', { value: execCommand, configurable: true });
    return calls;
  }

  afterEach(() => {
    Reflect.deleteProperty(document, 'execCommand');
  });

  it('writes the rest once where the commands stopped, never the whole text again', () => {
    document.body.innerHTML = '<div id="box" contenteditable="true"></div>';
    const box = must(document.querySelector<HTMLElement>('#box'), 'box');
    document.getSelection()?.removeAllRanges();
    // The first break goes in, the second is refused: "Liebe Frau Köhler," and "es tut mir leid 🙏" are already in.
    const calls = fakeEditorCommands(2);
    expect(insertPlainText(box, REPLY)).toEqual({ ok: true, editor: box });
    expect(visibleText(box)).toBe(REPLY);
    expect(calls).toEqual([
      'insertText:Liebe Frau Köhler,',
      'insertLineBreak',
      'insertText:es tut mir leid 🙏',
      'insertLineBreak',
    ]);
  });

  it('writes everything by hand when the very first command is refused, and nothing twice', () => {
    document.body.innerHTML = '<div id="box" contenteditable="true"><p>Vorher</p></div>';
    const box = must(document.querySelector<HTMLElement>('#box'), 'box');
    document.getSelection()?.removeAllRanges();
    fakeEditorCommands(1);
    expect(insertPlainText(box, 'Hallo,\nja!').ok).toBe(true);
    expect(visibleText(box)).toBe('Vorher\n\nHallo,\nja!');
  });

  it('writes everything with the commands when the editor takes them all', () => {
    document.body.innerHTML = '<div id="box" contenteditable="true"></div>';
    const box = must(document.querySelector<HTMLElement>('#box'), 'box');
    document.getSelection()?.removeAllRanges();
    const calls = fakeEditorCommands(Number.POSITIVE_INFINITY);
    expect(insertPlainText(box, REPLY).ok).toBe(true);
    expect(visibleText(box)).toBe(REPLY);
    expect(calls.filter((call) => call === 'insertLineBreak')).toHaveLength(3);
  });
});
