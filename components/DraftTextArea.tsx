import { splitPlaceholders } from '../lib/replies/draft-session';

/**
 * An editable draft whose unfilled placeholders (`[order status]`) are highlighted: a backdrop with the same text and
 * metrics sits under a transparent textarea, and both grow with the text, so the marks stay under the words as the
 * agent edits. The backdrop renders text only (React escapes it).
 */
export function DraftTextArea({
  value,
  label,
  readOnly,
  onChange,
}: {
  value: string;
  label: string;
  readOnly: boolean;
  onChange: (value: string) => void;
}) {
  return (
    <div className="draft-text">
      <div className="draft-text-backdrop" aria-hidden="true">
        {splitPlaceholders(value).map((part, index) =>
          part.placeholder ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: parts are positional and rebuilt from the text on every render
            <mark key={index}>{part.text}</mark>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <span key={index}>{part.text}</span>
          ),
        )}
        {/* A trailing newline in a textarea takes a line; the backdrop needs a character to take it too. */}
        {'\u200b'}
      </div>
      <textarea
        aria-label={label}
        value={value}
        readOnly={readOnly}
        spellCheck={!readOnly}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
