/**
 * "Report a reading problem": a file the agent saves and attaches to a bug report themselves. It holds the page's
 * structure with every text and every value that could carry customer data replaced by placeholder text of the same
 * shape, which adapter and anchors were tried and what they matched, and the shape of what was read. Nothing is sent.
 */
import type { ReadingHealth } from './health';
import type { Conversation, SiteAdapter } from './types';

/** Attributes whose values are page structure, kept as they are. */
const KEEP_VALUE = new Set([
  'class',
  'role',
  'type',
  'dir',
  'lang',
  'hidden',
  'tabindex',
  'contenteditable',
  'aria-level',
  'aria-expanded',
  'aria-hidden',
  'aria-selected',
  'aria-multiline',
  'aria-live',
  'data-test-id',
  'data-testid',
  'data-app-section',
  'data-garden-id',
  'data-user-role',
  'colspan',
  'rowspan',
]);

/** Attributes that name UI parts (landmarks, buttons): kept when they are one of these UI words, masked otherwise. */
const LABEL_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt', 'aria-roledescription']);
const UI_LABEL =
  /^(reading pane|lesebereich|message body|nachrichtentext|message list|nachrichtenliste|reply|reply all|antworten|allen antworten|forward|weiterleiten|conversation|unterhaltung|message actions|search mail|attachments?|anhänge?|file attachments|dateianlagen|more|mehr|inbox|posteingang|sent|gesendet|archive|archivieren|delete|löschen|navigation|main|search|suchen|toolbar|menu|close|schließen|from:?|von:?|to:?|an:?|cc:?|subject:?|betreff:?|date:?|datum:?)$/i;

/** Elements whose content is never useful and may be large or sensitive. */
const DROP_CONTENT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'CANVAS', 'VIDEO', 'AUDIO', 'OBJECT']);
/** Form values are the agent's or the customer's text. */
const VALUE_ELEMENTS = new Set(['INPUT', 'TEXTAREA', 'SELECT', 'OPTION']);

/** Longest structure kept (characters); deeper pages are cut with a marker. */
const MAX_STRUCTURE = 3_000_000;

/**
 * Placeholder text of the same shape: letters become x/X by case, digits 0, everything else (spaces, punctuation,
 * line breaks) stays, so the layout of a message survives and its words do not.
 */
export function maskText(text: string): string {
  return text.replace(/(\p{Lu})|(\p{N})|\p{L}|\p{M}/gu, (_all, upper?: string, digit?: string) =>
    upper ? 'X' : digit ? '0' : 'x',
  );
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function maskAttribute(name: string, value: string): string {
  if (KEEP_VALUE.has(name)) return value.includes('@') ? maskText(value) : value;
  if (LABEL_ATTRIBUTES.has(name) && UI_LABEL.test(value.trim())) return value;
  if (name === 'id') return /@|\d{6,}/.test(value) ? maskText(value) : value;
  return maskText(value);
}

/** The page's structure as HTML with every text and data-bearing value masked. */
export function maskedStructure(root: Element, skip: (el: Element) => boolean = () => false): string {
  const out: string[] = [];
  let length = 0;
  let cut = false;
  const push = (part: string) => {
    out.push(part);
    length += part.length;
  };
  const walk = (node: Node): void => {
    if (length > MAX_STRUCTURE) {
      cut = true;
      return;
    }
    if (node.nodeType === 3) {
      const text = node.textContent ?? '';
      if (text.trim() !== '') push(escapeText(maskText(text)));
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    if (skip(el)) return;
    const tag = el.tagName.toLowerCase();
    const attributes = Array.from(el.attributes)
      .filter((a) => !a.name.startsWith('on') && a.name !== 'style' && a.name !== 'srcdoc')
      .map((a) => {
        const value = VALUE_ELEMENTS.has(el.tagName) && a.name === 'value' ? maskText(a.value) : a.value;
        return ` ${a.name}="${escapeAttribute(maskAttribute(a.name, value))}"`;
      })
      .join('');
    // Inline display:none and visibility matter to readers (hidden bodies, collapsed messages): kept as a marker.
    const style = el.getAttribute('style') ?? '';
    const hiddenMark = /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style) ? ' data-rapport-hidden=""' : '';
    push(`<${tag}${attributes}${hiddenMark}>`);
    if (!DROP_CONTENT.has(el.tagName.toUpperCase())) {
      for (const child of Array.from(el.childNodes)) walk(child);
      if (tag === 'iframe') {
        // Same-origin frames (a webmail's message pane) are part of what the agent sees.
        let inner: Document | null = null;
        try {
          inner = (el as HTMLIFrameElement).contentDocument;
        } catch {
          // A cross-origin frame cannot be read: it stays an empty element in the report.
        }
        if (inner?.documentElement) walk(inner.documentElement);
      }
    }
    push(`</${tag}>`);
  };
  walk(root);
  if (cut) push('<!-- cut: the page is larger than the report keeps -->');
  return out.join('');
}

/** How many elements each alternative of each of the adapter's anchors matches on the page. */
export function probeAnchors(
  doc: Document,
  adapter: SiteAdapter,
): { anchor: string; selector: string; matches: number }[] {
  const rows: { anchor: string; selector: string; matches: number }[] = [];
  for (const [anchor, value] of Object.entries(adapter.anchors ?? {})) {
    const selectors = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
    for (const selector of selectors) {
      if (typeof selector !== 'string') continue;
      let matches = -1;
      try {
        matches = doc.querySelectorAll(selector).length;
      } catch {
        // A selector this browser does not parse: reported as -1 so the report shows it.
      }
      rows.push({ anchor, selector, matches });
    }
  }
  return rows;
}

/** The shape of a reading: roles, sources and text shapes, never the text itself. */
export function readingShape(conversation: Conversation) {
  return {
    site: conversation.site,
    source: conversation.source ?? 'page',
    ...(conversation.apiFallback ? { apiFallback: conversation.apiFallback } : {}),
    subject: maskText(conversation.subject),
    customer: { name: maskText(conversation.customer.name ?? ''), hasEmail: Boolean(conversation.customer.email) },
    agentFound: Boolean(conversation.agent?.name || conversation.agent?.email),
    hiddenMessageCount: conversation.hiddenMessageCount ?? 0,
    messages: conversation.messages.map((m) => ({
      role: m.role,
      roleSource: m.roleSource,
      author: maskText(m.author.name ?? ''),
      authorHasEmail: Boolean(m.author.email),
      hasTime: Boolean(m.time),
      bodyLoaded: m.bodyLoaded,
      text: maskText(m.text),
      attachments: m.attachments.length,
    })),
  };
}

export interface DiagnosticInput {
  doc: Document;
  adapter: SiteAdapter;
  url: URL;
  version: string;
  conversation: Conversation | null;
  error: { code: string; message: string } | null;
  health: ReadingHealth | null;
  pickedSelector?: string;
  skip?: (el: Element) => boolean;
  now?: Date;
}

/** The diagnostic report as a JSON string, ready to save. */
export function buildDiagnostic(input: DiagnosticInput): string {
  const { doc, adapter, url } = input;
  const report = {
    format: 'rapport-reading-report/1',
    note: 'Made by Rapport on your computer. Every text on the page was replaced by x, X and 0 before saving; nothing was sent anywhere.',
    createdAt: (input.now ?? new Date()).toISOString(),
    version: input.version,
    page: {
      origin: url.origin,
      path: maskText(url.pathname),
      hash: maskText(url.hash),
      title: maskText(doc.title),
      language: doc.documentElement.getAttribute('lang') ?? '',
    },
    adapter: {
      id: adapter.id,
      label: adapter.label,
      ...(input.pickedSelector ? { picked: input.pickedSelector } : {}),
    },
    anchors: probeAnchors(doc, adapter),
    reading: {
      error: input.error ? { code: input.error.code, message: maskedError(input.error.message) } : null,
      health: input.health,
      conversation: input.conversation ? readingShape(input.conversation) : null,
    },
    structure: doc.documentElement ? maskedStructure(doc.documentElement, input.skip) : '',
  };
  return JSON.stringify(report, null, 2);
}

/** Error messages name anchors, not content; any address or quoted text in them is masked all the same. */
function maskedError(message: string): string {
  return message
    .replace(/\S+@\S+/g, (m) => maskText(m))
    .replace(/[“"„]([^”"“]*)[”"“]/g, (_m, q: string) => `"${maskText(q)}"`);
}
