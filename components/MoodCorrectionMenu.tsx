import './mood-correction.css';
import { type KeyboardEvent, type RefObject, useEffect, useId, useRef, useState } from 'react';
import { type CustomerState, customerStates, type StateSource } from '../lib/analysis/types';
import { describeError, serializeError } from '../lib/errors';
import { useI18n } from './I18nProvider';

/** The menu's items in order (the states, then "back to Rapport's reading"). */
function menuItems(menu: HTMLElement | null): HTMLButtonElement[] {
  return [...(menu?.querySelectorAll<HTMLButtonElement>('[role^="menuitem"]') ?? [])];
}

/**
 * "Mood wrong?" (issue 18): a menu button that opens the eight customer states as a radio menu; picking one applies it
 * at once. Keyboard: arrows, Home and End move, Enter or Space picks, Escape or Tab closes; focus returns to the button.
 * When the state is the agent's, the menu also offers the engine's reading back.
 */
export function MoodCorrectionMenu({
  state,
  source,
  label,
  testId,
  buttonRef: outerButtonRef,
  onPick,
  onReset,
}: {
  state: CustomerState;
  source: StateSource;
  /** The button's accessible name (says what is corrected and the state now). */
  label: string;
  testId: string;
  /** The menu button, for a caller that moves focus back to it (after an "Undo" beside it). */
  buttonRef?: RefObject<HTMLButtonElement | null>;
  /** Applies the agent's state; a rejection is shown under the button. */
  onPick: (state: CustomerState) => Promise<unknown>;
  onReset: () => Promise<unknown>;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  // What failed, described at render time in the language shown then.
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  const menuId = useId();
  const ownButtonRef = useRef<HTMLButtonElement>(null);
  const buttonRef = outerButtonRef ?? ownButtonRef;
  const menuRef = useRef<HTMLDivElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    // Start on the state shown now, as a radio group would.
    const all = menuItems(menuRef.current);
    (all.find((item) => item.getAttribute('aria-checked') === 'true') ?? all[0])?.focus();
    const closeOutside = (event: PointerEvent) => {
      if (event.target instanceof Node && !rootRef.current?.contains(event.target)) setOpen(false);
    };
    document.addEventListener('pointerdown', closeOutside);
    return () => document.removeEventListener('pointerdown', closeOutside);
  }, [open]);

  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  };

  const choose = (action: () => Promise<unknown>) => {
    setFailure(null);
    close(true);
    action().catch((error: unknown) => setFailure({ error }));
  };

  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const all = menuItems(menuRef.current);
    const active = document.activeElement;
    const index = active instanceof HTMLButtonElement ? all.indexOf(active) : -1;
    const move = (to: number) => all[(to + all.length) % all.length]?.focus();
    if (event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowUp') move(index - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(all.length - 1);
    else if (event.key === 'Escape') close(true);
    else if (event.key === 'Tab') {
      // Tab leaves the menu as it would leave any popup: closed, and focus moves on from the button.
      close(false);
      return;
    } else return;
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div className="mood-correction" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="link mood-wrong"
        data-testid={testId}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={label}
        onClick={() => setOpen((was) => !was)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        {t('panel.moodWrong')}
      </button>
      {open ? (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label={t('panel.moodPick')}
          className="mood-correction-menu"
          data-testid="mood-correction-menu"
          onKeyDown={onMenuKey}
        >
          {customerStates.map((item) => (
            <button
              key={item}
              type="button"
              role="menuitemradio"
              aria-checked={item === state}
              tabIndex={-1}
              className={`mood-correction-item state-${item}`}
              data-state={item}
              onClick={() => choose(() => onPick(item))}
            >
              <span className="mood-correction-check" aria-hidden="true">
                {item === state ? '●' : ''}
              </span>
              {t(`state.${item}`)}
            </button>
          ))}
          {source === 'agent' ? (
            <>
              <hr className="mood-correction-separator" />
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                className="mood-correction-item mood-correction-reset"
                data-testid="mood-reset"
                onClick={() => choose(onReset)}
              >
                <span className="mood-correction-check" aria-hidden="true">
                  ↺
                </span>
                {t('panel.moodReset')}
              </button>
            </>
          ) : null}
        </div>
      ) : null}
      {failure ? (
        <p className="mood-correction-failure small" role="alert" data-detail={serializeError(failure.error).message}>
          {t('panel.moodCorrectionFailed', { message: describeError(failure.error, t) })}
        </p>
      ) : null}
    </div>
  );
}
