/**
 * Reply and compose pages: the conversation is the message being answered, quoted in the reply editor below an
 * "On …, … wrote:" / "Am … schrieb …:" line. Read as one customer message so suggestions and Insert are there while
 * the agent writes; the panel also keeps the ticket read just before in the tab (see the background's carry-over).
 */
import { lineText } from './dom';
import { cleanMessageText, elementText, hashId, parseAddress, parseTime } from './text';
import type { Conversation, Person, ReadContext } from './types';

/** Quote headers of webmails and helpdesks: English "On DATE, NAME wrote:", German "Am DATE schrieb NAME:". */
const QUOTE_HEADERS: readonly RegExp[] = [
  // The date ends with a time (and sometimes a year): the name may contain commas ("Schulz, Petra").
  /^On (?<date>.*?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?(?:\s+\d{4})?),\s+(?<who>.+?)\s+wrote:\s*$/i,
  /^On (?<date>[^,]+,[^,]+),\s+(?<who>.+?)\s+wrote:\s*$/i,
  /^Am (?<date>.+?)\s+schrieb\s+(?<who>.+?):\s*$/i,
];

/** Fields that hold addresses or a subject, not the reply. */
const NOT_A_BODY = /(^|[_-])(to|cc|bcc|from|subject|recipients?)($|[_-])/i;

/** The reply editors' texts: textareas (HTML in a rich editor's hidden source field is read as text) and editables. */
function editorTexts(doc: Document): string[] {
  const texts: string[] = [];
  for (const area of Array.from(doc.querySelectorAll('textarea'))) {
    if (area.getAttribute('role') === 'combobox' || NOT_A_BODY.test(area.name) || NOT_A_BODY.test(area.id)) continue;
    const value = area.value || area.textContent || '';
    if (value.trim() === '') continue;
    if (/<(div|blockquote|br|p|pre)\b/i.test(value)) {
      // A rich editor (CKEditor, TinyMCE) keeps its HTML in the hidden textarea: read it as text, never insert it.
      const holder = new DOMParser().parseFromString(value, 'text/html').body;
      texts.push(elementText(holder, { stripQuotes: false }));
    } else {
      texts.push(value);
    }
  }
  for (const editable of Array.from(doc.querySelectorAll('[contenteditable="true"], [contenteditable=""]'))) {
    texts.push(elementText(editable, { stripQuotes: false }));
  }
  return texts;
}

/** The quoted message under its header: its author, date and text (one quoting level removed). */
function quotedMessage(text: string): { who: string; date: string; body: string } | null {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (const [index, line] of lines.entries()) {
    const trimmed = line.trim();
    for (const header of QUOTE_HEADERS) {
      const groups = header.exec(trimmed)?.groups;
      if (!groups?.who || !groups.date) continue;
      const body = lines
        .slice(index + 1)
        .map((quoted) => quoted.replace(/^>\s?/, ''))
        .join('\n');
      return { who: groups.who.trim(), date: groups.date.trim(), body };
    }
  }
  return null;
}

/** The subject the reply will carry (the form's subject field), else the page's title. */
function subjectOf(doc: Document): string {
  const field = Array.from(doc.querySelectorAll('input')).find(
    (input) => /subject/i.test(input.name) || /subject/i.test(input.id),
  );
  return field?.value.trim() || lineText(doc.querySelector('title'));
}

/**
 * The conversation of a reply or compose page: the quoted message in its reply editor as one customer message, or
 * null where the page has no editor with a quoted message.
 */
export function readQuotedReply(doc: Document, ctx: ReadContext): Conversation | null {
  for (const text of editorTexts(doc)) {
    const quoted = quotedMessage(text);
    if (!quoted) continue;
    const body = cleanMessageText(quoted.body);
    if (body === '') continue;
    const parsed = parseAddress(quoted.who);
    const author: Person = {
      ...(parsed.name ? { name: parsed.name } : {}),
      ...(parsed.email ? { email: parsed.email } : {}),
    };
    if (!author.name && !author.email) author.name = quoted.who;
    const time = parseTime(quoted.date);
    return {
      site: 'generic',
      id: hashId(ctx.url.origin + ctx.url.pathname, quoted.who, quoted.date),
      subject: subjectOf(doc),
      url: ctx.url.href,
      customer: { ...author },
      messages: [
        {
          id: hashId(author.email ?? author.name, quoted.date, body.slice(0, 64)),
          author,
          role: 'customer',
          roleSource: 'heuristic',
          ...(time ? { time } : {}),
          timeText: quoted.date,
          text: body,
          bodyLoaded: true,
          attachments: [],
        },
      ],
    };
  }
  return null;
}
