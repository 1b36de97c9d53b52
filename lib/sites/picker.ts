/**
 * "This is the conversation": a click-to-pick overlay in its own shadow root. Hovering outlines the element under the
 * pointer, ArrowUp/ArrowDown widen or narrow the choice, a click picks it, Escape cancels. The pick resolves to a CSS
 * selector that finds the same element on the next visit (ids, test ids and roles before hashed class names).
 */

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
    style.textContent = `
      .box { position: fixed; border: 2px solid #2563eb; background: rgb(37 99 235 / 0.12); border-radius: 4px;
             pointer-events: none; transition: all 60ms ease-out; display: none; }
      .hint { position: fixed; top: 12px; left: 50%; transform: translateX(-50%); padding: 8px 14px; border-radius: 8px;
              background: #111827; color: #fff; font: 14px/1.4 system-ui, sans-serif; box-shadow: 0 4px 16px rgb(0 0 0 / .3); }`;
    const box = doc.createElement('div');
    box.className = 'box';
    const hint = doc.createElement('div');
    hint.className = 'hint';
    hint.setAttribute('role', 'status');
    hint.textContent = options.hint ?? 'Click the conversation area · ↑ wider · ↓ narrower · Esc cancels';
    shadow.append(style, box, hint);
    (doc.body ?? doc.documentElement).appendChild(host);

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
      box.style.display = 'block';
      box.style.left = `${rect.left}px`;
      box.style.top = `${rect.top}px`;
      box.style.width = `${rect.width}px`;
      box.style.height = `${rect.height}px`;
    };
    const finish = (result: string | null): void => {
      controller.abort();
      host.remove();
      resolve(result);
    };
    const isOurs = (target: EventTarget | null): boolean => target === host;

    doc.addEventListener(
      'mousemove',
      (event) => {
        const target = event.target;
        if (isOurs(target) || !(target && 'tagName' in target)) return;
        trail.length = 0;
        highlight(target as Element);
      },
      listen,
    );
    doc.addEventListener(
      'click',
      (event) => {
        // The click picks; it must not also follow a link or press the page's button under it.
        event.preventDefault();
        event.stopPropagation();
        const target = event.target;
        const picked = target && 'tagName' in target && !isOurs(target) ? (target as Element) : current;
        finish(picked ? selectorFor(picked) : null);
      },
      listen,
    );
    doc.addEventListener(
      'keydown',
      (event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          finish(null);
        } else if (event.key === 'ArrowUp' && current?.parentElement && current.parentElement !== doc.body) {
          event.preventDefault();
          trail.push(current);
          highlight(current.parentElement);
        } else if (event.key === 'ArrowDown' && trail.length > 0) {
          event.preventDefault();
          highlight(trail.pop() ?? null);
        } else if (event.key === 'Enter' && current) {
          event.preventDefault();
          finish(selectorFor(current));
        }
      },
      listen,
    );
    options.signal?.addEventListener('abort', () => finish(null), { once: true, signal: controller.signal });
  });
}
