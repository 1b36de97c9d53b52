import type { FilledSegment } from '../lib/replies/templates/placeholders';
import { useI18n } from './I18nProvider';

/**
 * A filled template as text: values from the conversation marked, values nothing could fill highlighted with their
 * label. Every piece is rendered as a text node (template and page text is never HTML).
 */
export function TemplatePreview({
  segments,
  className,
  testId,
}: {
  segments: readonly FilledSegment[];
  className?: string;
  testId?: string;
}) {
  const { language } = useI18n();
  return (
    <div className={`tpl-preview${className ? ` ${className}` : ''}`} data-testid={testId}>
      {segments.map((segment, index) => {
        // Segments have no identity of their own; their order is fixed for a given body.
        const key = `${index}:${segment.type}`;
        if (segment.type === 'text') return <span key={key}>{segment.text}</span>;
        if (segment.type === 'value') {
          return (
            <span key={key} className="tpl-value" title={segment.spec.label[language]}>
              {segment.text}
            </span>
          );
        }
        return (
          <mark key={key} className="tpl-missing" data-placeholder={segment.spec.key}>
            {segment.spec.label[language]}
          </mark>
        );
      })}
    </div>
  );
}
