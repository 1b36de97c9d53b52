import { useEffect } from 'react';
import { useI18n } from './I18nProvider';

/**
 * Asks before the page is left or reloaded while `dirty`: the browser shows its own "Leave site?" prompt (its text
 * cannot be set). Each form registers its own listener, so the prompt shows while any one of them has edits.
 */
export function useLeaveGuard(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const ask = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Chrome before 119 and older Firefox prompt only when `returnValue` is set as well.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [dirty]);
}

/** "Unsaved changes" beside a form's Save button while it has edits not saved yet; also guards leaving the page. */
export function UnsavedMarker({ dirty }: { dirty: boolean }) {
  const { t } = useI18n();
  useLeaveGuard(dirty);
  return dirty ? (
    <span className="unsaved small" data-testid="unsaved">
      {t('forms.unsaved')}
    </span>
  ) : null;
}
