import type { Language } from '../lib/analysis/types';
import type { RewriteInstruction } from '../lib/replies/engine';
import type { DraftsMessageKey } from '../lib/replies/messages';

/** A compact "Rewrite…" menu: choosing an instruction starts the rewrite and the menu falls back to its label. */
export function DraftRewriteSelect({
  label,
  disabled,
  instructions,
  conversationLanguage,
  onRewrite,
  td,
}: {
  label: string;
  disabled: boolean;
  instructions: readonly RewriteInstruction[];
  conversationLanguage: Language;
  onRewrite: (instruction: RewriteInstruction) => void;
  td: (key: DraftsMessageKey, params?: Record<string, string | number>) => string;
}) {
  return (
    <select
      className="rewrite-select"
      aria-label={label}
      value=""
      disabled={disabled}
      onChange={(event) => {
        const instruction = instructions.find((item) => item === event.target.value);
        if (instruction) onRewrite(instruction);
      }}
    >
      <option value="" disabled>
        {label}
      </option>
      {instructions.map((instruction) => (
        <option key={instruction} value={instruction}>
          {instruction === 'translate'
            ? td('rewrite.translate', { language: td(`language.${conversationLanguage}`) })
            : td(`rewrite.${instruction}`)}
        </option>
      ))}
    </select>
  );
}
