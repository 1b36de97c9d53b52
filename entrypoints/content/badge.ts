import type { BadgeMood } from '../../lib/messaging';
import type { ViewportPoint } from '../../lib/sites/page-scheme';
import type { ContentTranslate } from './catalogue';

const icons: Record<BadgeMood['label'], string> = {
  angry: '!',
  upset: '☹',
  anxious: '~',
  neutral: '•',
  positive: '☺',
  unknown: '…',
  doubtful: '?',
};

export interface BadgePosition {
  right: number;
  bottom: number;
}

export interface BadgeView {
  setMood(mood: BadgeMood | null): void;
  setVisible(visible: boolean): void;
  /** The middle of the badge (or of the notice in its place): where the page's background behind it is read. */
  anchorPoint(): ViewportPoint;
}

/** How long "Hidden on this site — Undo" stays in the badge's place after the × (issue 22). */
export const undoNoticeMs = 8000;

interface BadgeOptions {
  container: HTMLElement;
  t: ContentTranslate;
  position: BadgePosition | null;
  signal: AbortSignal;
  onOpen(): void;
  onDismiss(): void;
  /** The agent took the hiding back from the notice shown in the badge's place. */
  onUndo(): void;
  onMoved(position: BadgePosition): void;
}

const dragThreshold = 4;

/**
 * The floating badge: mood colour, icon and a text label (for screen readers and at a glance), draggable out of the
 * way, dismissible per site. Built from plain DOM inside our shadow root — the page's styles never reach it.
 */
export function createBadge(options: BadgeOptions): BadgeView {
  const { container, t, signal } = options;
  const doc = container.ownerDocument;
  const badge = doc.createElement('div');
  badge.className = 'badge';
  badge.dataset.mood = 'unknown';
  const open = doc.createElement('button');
  open.type = 'button';
  open.className = 'open';
  const dot = doc.createElement('span');
  dot.className = 'dot';
  dot.setAttribute('aria-hidden', 'true');
  const label = doc.createElement('span');
  label.className = 'label';
  open.append(dot, label);
  const dismiss = doc.createElement('button');
  dismiss.type = 'button';
  dismiss.className = 'dismiss';
  dismiss.textContent = '×';
  dismiss.title = t('badge.dismiss');
  dismiss.setAttribute('aria-label', t('badge.dismiss'));
  badge.append(open, dismiss);
  // Shown in the badge's place for a few seconds after the ×, so hiding for a whole site can be taken back.
  const notice = doc.createElement('div');
  notice.className = 'badge notice';
  notice.setAttribute('role', 'status');
  notice.hidden = true;
  const noticeText = doc.createElement('span');
  noticeText.className = 'notice-text';
  noticeText.textContent = t('states.badgeHidden');
  const undo = doc.createElement('button');
  undo.type = 'button';
  undo.className = 'undo';
  undo.textContent = t('states.undo');
  notice.append(noticeText, undo);
  container.append(badge, notice);
  let noticeTimer: ReturnType<typeof setTimeout> | undefined;
  function hideNotice(): void {
    clearTimeout(noticeTimer);
    notice.hidden = true;
  }
  function showNotice(): void {
    notice.style.right = badge.style.right;
    notice.style.bottom = badge.style.bottom;
    badge.hidden = true;
    notice.hidden = false;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(hideNotice, undoNoticeMs);
    // Focus was on the × that is now gone; keep keyboard users on the one thing they can still do.
    undo.focus();
  }
  signal.addEventListener('abort', () => clearTimeout(noticeTimer), { once: true });

  if (options.position) applyPosition(badge, options.position);

  function render(mood: BadgeMood | null): void {
    const kind = mood?.label ?? 'unknown';
    // The state's own name ("Frustrated"), as the panel's headline says it; the colour shows the group.
    const text = mood?.state ? t(`state.${mood.state}`) : t(`mood.${kind}`);
    badge.dataset.mood = kind;
    badge.dataset.urgent = String(mood?.urgent ?? false);
    dot.textContent = icons[kind];
    // The button says what it does and what it shows; its accessible name is exactly that visible text (WCAG 2.5.3).
    label.textContent = t('badge.open', { mood: text });
    open.setAttribute('aria-label', label.textContent);
    open.title = `${t('badge.open', { mood: text })} — ${t('badge.drag')}`;
  }
  render(null);

  let drag: { x: number; y: number; start: BadgePosition; moved: boolean } | null = null;
  open.addEventListener(
    'pointerdown',
    (event) => {
      const rect = badge.getBoundingClientRect();
      const view = doc.defaultView;
      if (!view) return;
      drag = {
        x: event.clientX,
        y: event.clientY,
        start: { right: view.innerWidth - rect.right, bottom: view.innerHeight - rect.bottom },
        moved: false,
      };
      open.setPointerCapture(event.pointerId);
    },
    { signal },
  );
  open.addEventListener(
    'pointermove',
    (event) => {
      if (!drag) return;
      const dx = event.clientX - drag.x;
      const dy = event.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < dragThreshold) return;
      drag.moved = true;
      badge.dataset.dragging = 'true';
      applyPosition(badge, clampPosition(badge, { right: drag.start.right - dx, bottom: drag.start.bottom - dy }));
    },
    { signal },
  );
  open.addEventListener(
    'pointerup',
    () => {
      const moved = drag?.moved ?? false;
      drag = null;
      delete badge.dataset.dragging;
      if (!moved) return;
      badge.dataset.justDragged = 'true';
      setTimeout(() => delete badge.dataset.justDragged, 0);
      options.onMoved(readPosition(badge));
    },
    { signal },
  );
  open.addEventListener(
    'click',
    (event) => {
      // A drag ends with a click event; only a click without movement opens the panel.
      if (badge.dataset.justDragged === 'true') {
        event.preventDefault();
        return;
      }
      options.onOpen();
    },
    { signal },
  );
  dismiss.addEventListener(
    'click',
    () => {
      showNotice();
      options.onDismiss();
    },
    { signal },
  );
  undo.addEventListener(
    'click',
    () => {
      hideNotice();
      options.onUndo();
    },
    { signal },
  );

  return {
    setMood: render,
    setVisible(visible) {
      // The shadow host's own display is reset by WXT's isolation styles; hide what is inside instead.
      badge.hidden = !visible;
      // Shown again (Undo, or "show everywhere" in the options): the notice must not sit on top of it.
      if (visible) hideNotice();
    },
    anchorPoint() {
      const shown = notice.hidden ? badge : notice;
      const rect = shown.getBoundingClientRect();
      if (rect.width > 0) return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      // Not shown yet: where it will be, from its saved place (or the default corner) and its usual size.
      const view = doc.defaultView;
      const { right, bottom } = readPosition(badge);
      return { x: (view?.innerWidth ?? 0) - right - 40, y: (view?.innerHeight ?? 0) - bottom - 16 };
    },
  };
}

function applyPosition(element: HTMLElement, position: BadgePosition): void {
  element.style.right = `${Math.round(position.right)}px`;
  element.style.bottom = `${Math.round(position.bottom)}px`;
}

function readPosition(element: HTMLElement): BadgePosition {
  return { right: Number.parseFloat(element.style.right) || 20, bottom: Number.parseFloat(element.style.bottom) || 20 };
}

function clampPosition(element: HTMLElement, position: BadgePosition): BadgePosition {
  const view = element.ownerDocument.defaultView;
  const rect = element.getBoundingClientRect();
  const maxRight = (view?.innerWidth ?? 1000) - rect.width - 4;
  const maxBottom = (view?.innerHeight ?? 800) - rect.height - 4;
  return {
    right: Math.min(Math.max(4, position.right), Math.max(4, maxRight)),
    bottom: Math.min(Math.max(4, position.bottom), Math.max(4, maxBottom)),
  };
}
