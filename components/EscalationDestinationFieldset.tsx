import { useId } from 'react';
import { webhookPlaceholders } from '../lib/escalation/webhook';
import type { EscalationSettings } from '../lib/settings';
import { EscalationCheck, EscalationField, EscalationFieldset } from './EscalationFieldset';
import { EscalationPayloadPreview } from './EscalationPayloadPreview';
import { useI18n } from './I18nProvider';

/** Settings fields this fieldset edits that the administrator's policy can lock. */
export type DestinationLock = 'teamLeadEmail' | 'webhook.url' | 'webhook.payloadTemplate' | 'webhook.maskPersonalData';

/**
 * Where an escalation goes on every site: the team lead's email draft, the webhook (URL, payload template with its
 * placeholders and a live preview, masking of personal data) and the clipboard.
 */
export function EscalationDestinationFieldset({
  escalation,
  isLocked,
  isHighlighted,
  emailError,
  webhookError,
  permissionNote,
  onChange,
}: {
  escalation: EscalationSettings;
  isLocked: (field: DestinationLock) => boolean;
  isHighlighted: (field: 'teamLeadEmail' | 'webhook.url') => boolean;
  emailError: string;
  webhookError: string;
  permissionNote: string;
  onChange: (change: (current: EscalationSettings) => EscalationSettings) => void;
}) {
  const { t, language } = useI18n();
  const emailErrorId = useId();
  const webhookErrorId = useId();
  const permissionId = useId();
  const setWebhook = (patch: Partial<EscalationSettings['webhook']>) =>
    onChange((current) => ({ ...current, webhook: { ...current.webhook, ...patch } }));
  return (
    <EscalationFieldset legend="escalationSettings.destinations">
      <EscalationField
        label="escalationSettings.teamLeadEmail"
        locked={isLocked('teamLeadEmail')}
        highlight={isHighlighted('teamLeadEmail')}
        error={emailError}
        errorId={emailErrorId}
      >
        <input
          type="email"
          data-testid="team-lead-email"
          value={escalation.teamLeadEmail}
          disabled={isLocked('teamLeadEmail')}
          aria-invalid={emailError !== ''}
          aria-describedby={emailError ? emailErrorId : undefined}
          onChange={(event) => {
            const teamLeadEmail = event.target.value;
            onChange((current) => ({ ...current, teamLeadEmail }));
          }}
        />
      </EscalationField>
      <EscalationField
        label="escalationSettings.webhookUrl"
        locked={isLocked('webhook.url')}
        highlight={isHighlighted('webhook.url')}
        error={webhookError}
        errorId={webhookErrorId}
      >
        <input
          type="url"
          data-testid="webhook-url"
          placeholder="https://hooks.slack.com/services/…"
          value={escalation.webhook.url}
          disabled={isLocked('webhook.url')}
          aria-invalid={webhookError !== ''}
          aria-describedby={
            [webhookError ? webhookErrorId : '', permissionNote ? permissionId : ''].filter(Boolean).join(' ') ||
            undefined
          }
          onChange={(event) => setWebhook({ url: event.target.value })}
        />
        {permissionNote ? (
          <span className="field-error" id={permissionId}>
            {permissionNote}
          </span>
        ) : null}
      </EscalationField>
      <EscalationField label="escalationSettings.webhookTemplate" locked={isLocked('webhook.payloadTemplate')}>
        <textarea
          rows={4}
          data-testid="webhook-template"
          spellCheck={false}
          value={escalation.webhook.payloadTemplate}
          disabled={isLocked('webhook.payloadTemplate')}
          placeholder={'{"text": "{{title}}\\n{{reasons}}\\n{{link}}"}'}
          onChange={(event) => setWebhook({ payloadTemplate: event.target.value })}
        />
      </EscalationField>
      <p className="small muted placeholders">
        {t('escalationSettings.placeholders')}{' '}
        {webhookPlaceholders.map((name) => (
          <code key={name}>{`{{${name}}}`}</code>
        ))}
      </p>
      <EscalationCheck
        label="escalationSettings.mask"
        testId="mask-personal-data"
        checked={escalation.webhook.maskPersonalData}
        locked={isLocked('webhook.maskPersonalData')}
        onChange={(maskPersonalData) => setWebhook({ maskPersonalData })}
      />
      <EscalationPayloadPreview settings={escalation} lang={language} />
      <EscalationCheck
        label="escalationSettings.clipboard"
        checked={escalation.copyToClipboard}
        onChange={(copyToClipboard) => onChange((current) => ({ ...current, copyToClipboard }))}
      />
    </EscalationFieldset>
  );
}
