/**
 * "This is the conversation": a click-to-pick overlay in its own shadow root. Hovering outlines the element under the
 * pointer, ArrowUp/ArrowDown widen or narrow the choice, a click picks it, Escape cancels. The pick resolves to a CSS
 * selector that finds the same element on the next visit (ids, test ids and roles before hashed class names).
 */

import { createTranslatorFor } from '../i18n';
import * as pickerStrings from '../strings/picker';
import { readPageScheme } from './page-scheme';

const HOST_ATTRIBUTE = 'data-rapport-ui';

/** Class names that say nothing durable: state, and generated names (CSS modules, emotion, Ember ids). */
const UNSTABLE_CLASS =
  /^(active|selected|hover|focus(ed)?|open|closed|is-|has-|ng-|ember|css-|sc-|jsx-|_)|\d{3,}|[a-z0-9]{6,}_[a-z0-9]{4,}/i;
/** Ids that are generated per render (React `:r1:`, Ember `ember123`, UUIDs, long digit runs). */
const UNSTABLE_ID = /^(ember|:r|react-|radix-|headlessui-)|\d{4,}|[0-9a-f]{8}-[0-9a-f]{4}/i;
/** Attributes sites keep stable for their own tests and accessibility. */
const STABLE_ATTRIBUTES = ['data-testid', 'data-test-id', 'data-qa', 'data-cy', 'itemprop', 'aria-label', 'name'];

function escapeIdent(value: string): string {
  return value.replace(/([^\w-])/g, '\\$1').replace(/^(\d)/, '\\3$1 ');
}

function escapeAttr(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}

function isUnique(doc: Document, selector: string, el: Element): boolean {
  try {
    const found = doc.querySelectorAll(selector);
    return found.length === 1 && found[0] === el;
  } catch {
    // Not a valid selector in this browser: treat as not unique so the next strategy is tried.
    return false;
  }
}

function ownSelector(el: Element): string {
  const tag = el.tagName.toLowerCase();
  if (el.id && !UNSTABLE_ID.test(el.id)) return `#${escapeIdent(el.id)}`;
  for (const name of STABLE_ATTRIBUTES) {
    const value = el.getAttribute(name);
    if (value && value.length <= 80 && !UNSTABLE_ID.test(value)) return `${tag}[${name}="${escapeAttr(value)}"]`;
  }
  const classes = Array.from(el.classList)
    .filter((c) => !UNSTABLE_CLASS.test(c))
    .slice(0, 3)
    .map((c) => `.${escapeIdent(c)}`)
    .join('');
  const role = el.getAttribute('role');
  return `${tag}${classes}${role ? `[role="${escapeAttr(role)}"]` : ''}`;
}

/**
 * A CSS selector that matches `el` alone in its document, built from durable attributes; positions (`:nth-of-type`)
 * only where nothing else tells siblings apart.
 */
export function selectorFor(el: Element): string {
  const doc = el.ownerDocument;
  const parts: string[] = [];
  for (let cur: Element | null = el; cur && cur !== doc.documentElement; cur = cur.parentElement) {
    let part = ownSelector(cur);
    const parent: Element | null = cur.parentElement;
    if (parent && !part.startsWith('#')) {
      const same = Array.from(parent.children).filter((sibling) => sibling.matches(part));
      if (same.length > 1)
        part += `:nth-of-type(${
          Array.from(parent.children)
            .filter((s) => s.tagName === cur?.tagName)
            .indexOf(cur) + 1
        })`;
    }
    parts.unshift(part);
    const selector = parts.join(' > ');
    if (isUnique(doc, selector, el)) return selector;
    if (cur.tagName === 'BODY') break;
  }
  return parts.join(' > ');
}

/** Joins the selector of a same-origin frame and the selector of the picked element inside it. */
export const FRAME_SEPARATOR = ' >>> ';

/** The same-origin frames of `doc` that are shown (a webmail's preview pane), each with its document. */
export function sameOriginFrames(doc: Document): { frame: HTMLIFrameElement; doc: Document }[] {
  const frames: { frame: HTMLIFrameElement; doc: Document }[] = [];
  for (const frame of Array.from(doc.querySelectorAll('iframe'))) {
    let inner: Document | null = null;
    try {
      inner = frame.contentDocument;
    } catch {
      // A cross-origin frame: not ours to read.
    }
    if (inner?.documentElement) frames.push({ frame, doc: inner });
  }
  return frames;
}

/**
 * Where a picked selector points: the document (the page, or a same-origin frame of it) and the selector within it;
 * null when the frame is gone.
 */
export function resolvePickedArea(doc: Document, selector: string): { doc: Document; selector: string } | null {
  const at = selector.indexOf(FRAME_SEPARATOR);
  if (at < 0) return { doc, selector };
  let frame: Element | null = null;
  try {
    frame = doc.querySelector(selector.slice(0, at));
  } catch {
    // A stored selector this browser does not parse: the frame counts as gone.
  }
  const inner = frame ? sameOriginFrames(doc).find((f) => f.frame === frame)?.doc : undefined;
  return inner ? { doc: inner, selector: selector.slice(at + FRAME_SEPARATOR.length) } : null;
}

export interface PickerOptions {
  /** Aborting tears the overlay down and resolves null. */
  signal?: AbortSignal;
  /** Hint shown at the top of the page. */
  hint?: string;
}

/**
 * Lets the agent click the conversation area. Resolves with a stable selector for the picked element, or null when
 * cancelled (Escape, abort). The overlay and its listeners are removed either way.
 */
export function pickConversationArea(doc: Document, options: PickerOptions = {}): Promise<string | null> {
  return new Promise((resolve) => {
    if (options.signal?.aborted) {
      resolve(null);
      return;
    }
    const host = doc.createElement('div');
    host.setAttribute(HOST_ATTRIBUTE, 'picker');
    host.style.cssText = 'position:fixed;inset:0;z-index:2147483647;pointer-events:none;';
    const shadow = host.attachShadow({ mode: 'open' });
    const style = doc.createElement('style');
    // Light or dark as the page shows itself (lib/sites/page-scheme.ts), like the badge and the snippet form (issue 22):
    // a helpdesk in its dark theme gets a dark hint and a lighter outline. The page is read once, where the hint
    // stands: a pick lasts seconds, and the click that would switch the page's theme is the pick itself.
    style.textContent = `
      .box { position: fixed; border: 2px solid #2563eb; background: rgb(37 99 235 / 0.12); border-radius: 4px;
             pointer-events: none; transition: all 60ms ease-out; display: none; }
      .box[data-scheme="dark"] { border-color: #7cb2ff; background: rgb(124 178 255 / 0.16); }
      .hint { position: fixed; top: 12px; left: 50%; transform: translateX(-50%); padding: 8px 14px; border-radius: 8px;
              background: #fff; color: #0f172a; border: 1px solid #cbd5e1; color-scheme: light;
              font: 14px/1.4 system-ui, sans-serif; box-shadow: 0 4px 16px rgb(15 23 42 / .22); }
      .hint[data-scheme="dark"] { background: #131c2e; color: #e5eaf2; border-color: rgb(255 255 255 / .16);
              color-scheme: dark; box-shadow: 0 4px 16px rgb(0 0 0 / .5); }`;
    const box = doc.createElement('div');
    box.className = 'box';
    const hint = doc.createElement('div');
    hint.className = 'hint';
    hint.setAttribute('role', 'status');
    hint.textContent = options.hint ?? createTranslatorFor([pickerStrings], 'en')('picker.hint');
    shadow.append(style, box, hint);
    (doc.body ?? doc.documentElement).appendChild(host);
    const scheme = readPageScheme(doc, { x: (doc.defaultView?.innerWidth ?? 0) / 2, y: 24 });
    box.dataset.scheme = scheme;
    hint.dataset.scheme = scheme;

    let current: Element | null = null;
    const trail: Element[] = [];
    const controller = new AbortController();
    const listen = { capture: true, signal: controller.signal };

    const highlight = (el: Element | null): void => {
      current = el;
      if (!el) {
        box.style.display = 'none';
        return;
      }
      const rect = el.getBoundingClientRect();
      // An element inside a frame is placed by the frame's own position on the page.
      const frameRect = frames.find((f) => f.doc === el.ownerDocument)?.frame.getBoundingClientRect();
      box.style.display = 'block';
      box.style.left = `${rect.left + (frameRect?.left ?? 0)}px`;
      box.style.top = `${rect.top + (frameRect?.top ?? 0)}px`;
      box.style.width = `${rect.width}px`;
      box.style.height = `${rect.height}px`;
    };
    const finish = (result: string | null): void => {
      controller.abort();
      host.remove();
      resolve(result);
    };
    const isOurs = (target: EventTarget | null): boolean => target === host;

    /** The picked element's selector, through its frame when it lies in one. */
    const selectorOf = (el: Element): string => {
      const frame = frames.find((f) => f.doc === el.ownerDocument)?.frame;
      return frame ? `${selectorFor(frame)}${FRAME_SEPARATOR}${selectorFor(el)}` : selectorFor(el);
    };
    // Same-origin frames (a webmail's preview pane) take part: their elements can be picked, and Escape works while
    // focus is inside them.
    const frames = sameOriginFrames(doc);
    for (const target of [doc, ...frames.map((f) => f.doc)]) {
      target.addEventListener(
        'mousemove',
        (event) => {
          const el = event.target;
          if (isOurs(el) || !(el && 'tagName' in el)) return;
          trail.length = 0;
          highlight(el as Element);
        },
        listen,
      );
      target.addEventListener(
        'click',
        (event) => {
          // The click picks; it must not also follow a link or press the page's button under it.
          event.preventDefault();
          event.stopPropagation();
          const el = event.target;
          const picked = el && 'tagName' in el && !isOurs(el) ? (el as Element) : current;
          finish(picked ? selectorOf(picked) : null);
        },
        listen,
      );
      target.addEventListener(
        'keydown',
        (event) => {
          const root = current?.ownerDocument.body;
          if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            finish(null);
          } else if (event.key === 'ArrowUp' && current?.parentElement && current.parentElement !== root) {
            event.preventDefault();
            trail.push(current);
            highlight(current.parentElement);
          } else if (event.key === 'ArrowDown' && trail.length > 0) {
            event.preventDefault();
            highlight(trail.pop() ?? null);
          } else if (event.key === 'Enter' && current) {
            event.preventDefault();
            finish(selectorOf(current));
          }
        },
        listen,
      );
    }
    options.signal?.addEventListener('abort', () => finish(null), { once: true, signal: controller.signal });
  });
}
