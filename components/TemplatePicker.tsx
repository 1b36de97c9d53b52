import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { TemplateRecord } from '../lib/db';
import { filterTemplates } from '../lib/replies/templates/library';
import { useTemplateMessages } from './TemplateMessages';

/** How many matches the picker lists; typing narrows the rest down. */
const MAX_SHOWN = 50;

/**
 * A keyboard-driven picker over every template: typing filters (accent- and case-insensitive), ↑/↓ moves, Enter
 * chooses, Esc closes. Templates in the conversation's language come first.
 */
export function TemplatePicker({
  templates,
  preferredLanguage,
  onChoose,
  onClose,
}: {
  templates: readonly TemplateRecord[];
  preferredLanguage: 'en' | 'de' | null;
  onChoose: (template: TemplateRecord) => void;
  onClose: () => void;
}) {
  const { tt, languageLabel } = useTemplateMessages();
  const [search, setSearch] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);

  const matches = useMemo(() => {
    const found = filterTemplates(templates, { search });
    // filterTemplates sorts by title; a stable sort then moves the conversation's language to the front.
    if (preferredLanguage) {
      found.sort((a, b) => Number(b.language === preferredLanguage) - Number(a.language === preferredLanguage));
    }
    return found.slice(0, MAX_SHOWN);
  }, [templates, search, preferredLanguage]);

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  const current = matches[Math.min(active, matches.length - 1)];
  const optionId = (template: TemplateRecord) => `${listId}-${template.id}`;

  useEffect(() => {
    if (!current) return;
    document.getElementById(optionId(current))?.scrollIntoView({ block: 'nearest' });
  });

  return (
    <div className="tpl-picker" data-testid="template-picker">
      <div className="tpl-picker-head">
        <input
          ref={inputRef}
          type="search"
          role="combobox"
          aria-label={tt('templates.picker.label')}
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={current ? optionId(current) : undefined}
          placeholder={tt('templates.picker.label')}
          value={search}
          onChange={(event) => {
            setSearch(event.target.value);
            setActive(0);
          }}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown') {
              event.preventDefault();
              setActive((index) => Math.min(index + 1, matches.length - 1));
            } else if (event.key === 'ArrowUp') {
              event.preventDefault();
              setActive((index) => Math.max(index - 1, 0));
            } else if (event.key === 'Enter') {
              event.preventDefault();
              if (current) onChoose(current);
            } else if (event.key === 'Escape') {
              event.preventDefault();
              onClose();
            }
          }}
        />
        <button type="button" className="link small" onClick={onClose}>
          {tt('templates.picker.close')}
        </button>
      </div>
      <p className="small muted tpl-picker-hint">{tt('templates.picker.hint')}</p>
      {matches.length === 0 ? (
        <p className="small muted">{tt('templates.picker.empty', { search })}</p>
      ) : (
        <div id={listId} role="listbox" className="tpl-picker-list" aria-label={tt('templates.picker.label')}>
          {matches.map((template) => {
            const selected = template.id === current?.id;
            return (
              <div
                key={template.id}
                id={optionId(template)}
                role="option"
                // Focus stays in the search box (aria-activedescendant); options are reached with the arrow keys.
                tabIndex={-1}
                aria-selected={selected}
                className={selected ? 'active' : undefined}
                // Mouse down, not click: the input keeps the focus so the keyboard keeps working.
                onMouseDown={(event) => {
                  event.preventDefault();
                  onChoose(template);
                }}
              >
                <span className="tpl-picker-title">{template.title}</span>
                <span className="small muted">{languageLabel(template.language)}</span>
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
