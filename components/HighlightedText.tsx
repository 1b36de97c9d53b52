import type { Evidence } from '../lib/analysis/types';
import { evidenceLabel } from './evidence-label';
import { useI18n } from './I18nProvider';

/**
 * Message text with the phrases that drove a label marked. Text only: nothing from the page or a model is ever
 * rendered as HTML.
 */
export function HighlightedText({ text, evidence }: { text: string; evidence: Evidence[] }) {
  const { t } = useI18n();
  const spans = [...evidence]
    .filter((item) => item.end > item.start && item.start >= 0 && item.end <= text.length)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const parts: { text: string; evidence?: Evidence }[] = [];
  let cursor = 0;
  for (const span of spans) {
    if (span.start < cursor) continue;
    if (span.start > cursor) parts.push({ text: text.slice(cursor, span.start) });
    parts.push({ text: text.slice(span.start, span.end), evidence: span });
    cursor = span.end;
  }
  if (cursor < text.length) parts.push({ text: text.slice(cursor) });
  return (
    <>
      {parts.map((part, index) =>
        part.evidence ? (
          <mark
            // biome-ignore lint/suspicious/noArrayIndexKey: parts are positional slices of one immutable text
            key={index}
            className={`evidence evidence-${part.evidence.label}`}
            title={evidenceLabel(part.evidence.label, t)}
          >
            {part.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts are positional slices of one immutable text
          <span key={index}>{part.text}</span>
        ),
      )}
    </>
  );
}
