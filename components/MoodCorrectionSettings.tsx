import './mood-correction.css';
import { useState } from 'react';
import { describeError } from '../lib/errors';
import {
  useDeleteMoodCorrections,
  useExportMoodCorrections,
  useMoodCorrectionCount,
} from '../lib/panel/mood-correction-hooks';
import { useI18n } from './I18nProvider';

/** Saves text as a file the browser downloads (UTF-8, the agent's downloads folder). */
function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/tab-separated-values;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The download has started from the click; the URL is only needed until then.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The agent's "Mood wrong?" corrections in the settings: how many, export as the TSV `npm run eval -- --task state`
 * reads (the first half of the team's feedback loop), and delete all. Says that the file holds customer text.
 */
export function MoodCorrectionSettings() {
  const { t, language } = useI18n();
  const count = useMoodCorrectionCount();
  const exporter = useExportMoodCorrections();
  const remover = useDeleteMoodCorrections();
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const stored = count.data ?? 0;
  const number = (value: number) => new Intl.NumberFormat(language).format(value);

  const exportFile = () => {
    setNote(null);
    exporter.mutate(undefined, {
      onSuccess: (file) => {
        if (!file) {
          setNote(t('options.correctionsNone'));
          return;
        }
        download(file.fileName, file.text);
        setNote(t('options.correctionsExported', { file: file.fileName }));
      },
      onError: (error) => setNote(t('options.correctionsFailed', { message: describeError(error, t) })),
    });
  };

  const deleteAll = () => {
    setConfirming(false);
    remover.mutate(undefined, {
      onSuccess: ({ deleted }) => setNote(t('options.correctionsDeleted', { count: number(deleted) })),
      onError: (error) => setNote(t('options.correctionsFailed', { message: describeError(error, t) })),
    });
  };

  return (
    <section className="card" aria-labelledby="mood-corrections" data-testid="mood-corrections">
      <h2 id="mood-corrections">{t('options.corrections')}</h2>
      <p className="help">{t('options.correctionsHelp')}</p>
      <p className="help">{t('options.correctionsPrivacy')}</p>
      <p className="small" data-testid="mood-corrections-count">
        {count.isSuccess
          ? stored > 0
            ? t('options.correctionsCount', { count: number(stored) })
            : t('options.correctionsNone')
          : t('common.loading')}
      </p>
      <div className="recovery">
        <button type="button" className="primary" onClick={exportFile} disabled={exporter.isPending}>
          {t('options.correctionsExport')}
        </button>
        <button
          type="button"
          onClick={() => setConfirming(true)}
          disabled={stored === 0 || remover.isPending}
          aria-expanded={confirming}
        >
          {t('options.correctionsDelete')}
        </button>
      </div>
      {confirming ? (
        <fieldset className="mood-corrections-confirm">
          <legend>{t('options.correctionsDeleteConfirm', { count: number(stored) })}</legend>
          <div className="recovery">
            <button type="button" className="danger" onClick={deleteAll} data-testid="mood-corrections-delete-yes">
              {t('options.correctionsDeleteYes')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </fieldset>
      ) : null}
      {note ? (
        <p className="small" role="status" data-testid="mood-corrections-note">
          {note}
        </p>
      ) : null}
    </section>
  );
}
