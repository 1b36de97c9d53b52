import { useMemo } from 'react';
import type { ConversationMood } from '../lib/analysis/types';
import { describeError, toAppError } from '../lib/errors';
import { evaluateEscalation } from '../lib/escalation/rules';
import { buildHandoffSummary, maskHandoffSummary } from '../lib/escalation/summary';
import { defaultWebhookPayload, isAllowedWebhookUrl, renderWebhookPayload } from '../lib/escalation/webhook';
import { createTranslator, type Language } from '../lib/i18n';
import type { EscalationSettings } from '../lib/settings';
import type { Conversation } from '../lib/sites/types';

/** A fixed example: an angry customer who gave an email and a phone number, and one agent reply. */
function exampleConversation(lang: Language): { conversation: Conversation; mood: ConversationMood } {
  // The example is written in the preview's language, as a customer would write, so it comes from that language's catalogue.
  const text = createTranslator(lang);
  const customer = {
    name: text('escalation.preview.example.customerName'),
    email: text('escalation.preview.example.customerEmail'),
  };
  const conversation: Conversation = {
    site: 'generic',
    id: 'example',
    subject: text('escalation.preview.example.subject'),
    url: 'https://helpdesk.example.com/tickets/10481',
    customer,
    messages: [
      {
        id: 'm1',
        author: { name: 'Support' },
        role: 'agent',
        roleSource: 'page',
        text: text('escalation.preview.example.agent'),
        bodyLoaded: true,
        attachments: [],
      },
      {
        id: 'm2',
        author: customer,
        role: 'customer',
        roleSource: 'page',
        text: text('escalation.preview.example.customer'),
        bodyLoaded: true,
        attachments: [],
      },
    ],
  };
  const threat = text('escalation.preview.example.threat');
  const mood: ConversationMood = {
    current: {
      sentiment: { label: 'negative', probs: { negative: 0.9, neutral: 0.08, positive: 0.02 }, score: -0.8 },
      dominantEmotion: 'angry',
      state: 'angry',
      stateSource: 'engine',
      upset: true,
      emotions: [
        { label: 'angry', p: 0.82 },
        { label: 'frustrated', p: 0.6 },
      ],
    },
    trajectory: 'worsening',
    series: [-0.2, -0.8],
    confidence: 0.8,
    urgency: { level: 'high', reasons: [{ kind: 'chargeback-threat', phrase: threat }] },
    offensive: false,
    language: lang,
    messages: {},
  };
  return { conversation, mood };
}

/**
 * The webhook payload the current settings would send for an example conversation, masked as configured, so a team
 * lead sees what leaves the browser before saving.
 */
export function EscalationPayloadPreview({
  settings,
  lang,
}: {
  settings: Pick<EscalationSettings, 'rules' | 'webhook'>;
  lang: 'en' | 'de';
}) {
  const t = createTranslator(lang);
  const { url, payloadTemplate, maskPersonalData } = settings.webhook;
  const preview = useMemo(() => {
    const { conversation, mood } = exampleConversation(lang);
    const advice = evaluateEscalation(conversation, mood, settings.rules, { lang });
    const summary = buildHandoffSummary({
      conversation,
      mood,
      reasons: advice.reasons,
      lang,
      intent: 'refund',
      note: createTranslator(lang)('escalation.preview.example.note'),
      now: Date.UTC(2026, 10, 19, 17, 50),
    });
    const sent = maskPersonalData ? maskHandoffSummary(summary) : summary;
    try {
      const body = payloadTemplate.trim()
        ? renderWebhookPayload(payloadTemplate, sent, 'rapport-example')
        : defaultWebhookPayload(isAllowedWebhookUrl(url.trim()) ? url.trim() : 'https://example.com/hook', sent);
      return { ok: true as const, text: JSON.stringify(JSON.parse(body), null, 2) };
    } catch (error) {
      // JSON.parse's SyntaxError is the browser's English; it stays as the detail (where the JSON breaks).
      return { ok: false as const, error: toAppError(error, 'escalation/payload-invalid') };
    }
  }, [url, payloadTemplate, maskPersonalData, settings.rules, lang]);
  return (
    <div className="payload-preview" data-testid="webhook-preview">
      <p className="small">
        <strong>{t('escalation.preview.title')}</strong>{' '}
        {maskPersonalData ? t('escalation.preview.masked') : t('escalation.preview.unmasked')}
      </p>
      {preview.ok ? (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: it scrolls when long; the keyboard must reach it to scroll (WCAG 2.1.1, axe scrollable-region-focusable)
        <section className="payload-scroll" tabIndex={0} aria-label={t('escalation.preview.title')}>
          <pre>{preview.text}</pre>
        </section>
      ) : (
        <p className="field-error" role="alert" title={preview.error.message} data-detail={preview.error.message}>
          {t('escalation.preview.invalid', { message: describeError(preview.error, t) })}
        </p>
      )}
    </div>
  );
}
