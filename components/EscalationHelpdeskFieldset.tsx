import type { ReactNode } from 'react';
import type { MessageKey } from '../lib/i18n';
import { EscalationCheck, EscalationFieldset, EscalationSelectField, EscalationTextField } from './EscalationFieldset';

/**
 * What an escalation does to a helpdesk ticket — the same four settings for Zendesk and Freshdesk: the priority, a
 * group to assign, tags to add, and the handoff summary as a note. `account` holds what the helpdesk needs to be
 * reached (Freshdesk's domain and API key; Zendesk uses the agent's session and needs none).
 */
export function EscalationHelpdeskFieldset<P extends string>({
  legend,
  account,
  priority,
  groupId,
  tags,
  note,
  onChange,
}: {
  legend: MessageKey;
  account?: ReactNode;
  priority: { label: MessageKey; value: P; options: readonly { value: P; label: MessageKey }[] };
  groupId: string;
  /** The tags as the agent types them (comma-separated). */
  tags: string;
  note: { label: MessageKey; checked: boolean };
  onChange: (change: { priority?: P; groupId?: string; tags?: string; note?: boolean }) => void;
}) {
  return (
    <EscalationFieldset legend={legend}>
      <div className="grid">
        {account}
        <EscalationSelectField
          label={priority.label}
          value={priority.value}
          options={priority.options}
          onChange={(value) => onChange({ priority: value })}
        />
        <EscalationTextField
          label="escalationSettings.group"
          value={groupId}
          onChange={(value) => onChange({ groupId: value })}
        />
      </div>
      <EscalationTextField
        label="escalationSettings.tags"
        value={tags}
        onChange={(value) => onChange({ tags: value })}
      />
      <EscalationCheck label={note.label} checked={note.checked} onChange={(checked) => onChange({ note: checked })} />
    </EscalationFieldset>
  );
}
