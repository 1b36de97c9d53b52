import { useMemo } from 'react';
import type { ConversationMood } from '../lib/analysis/types';
import { evaluateEscalation } from '../lib/escalation/rules';
import { buildHandoffSummary, maskHandoffSummary } from '../lib/escalation/summary';
import { defaultWebhookPayload, isAllowedWebhookUrl, renderWebhookPayload } from '../lib/escalation/webhook';
import { defineMessages } from '../lib/i18n';
import type { EscalationSettings } from '../lib/settings';
import type { Conversation } from '../lib/sites/types';

const messages = defineMessages({
  en: {
    title: 'Preview: what the webhook receives for an example conversation',
    masked: 'Personal data masked.',
    unmasked: 'Personal data NOT masked — emails, phone numbers, IBANs and card numbers are sent as written.',
    invalid: 'The template does not give valid JSON: {message}',
  },
  de: {
    title: 'Vorschau: was der Webhook für eine Beispiel-Unterhaltung erhält',
    masked: 'Personenbezogene Daten maskiert.',
    unmasked:
      'Personenbezogene Daten NICHT maskiert — E-Mail-Adressen, Telefonnummern, IBANs und Kartennummern gehen unverändert hinaus.',
    invalid: 'Die Vorlage ergibt kein gültiges JSON: {message}',
  },
});

const exampleText = {
  en: {
    subject: 'Refund for order #A-55812 still missing',
    customer:
      'This is ridiculous. I returned the machine two weeks ago and still no refund. Call me on +44 7700 900123 or write to derek.holloway@example.com. If the money is not back by Friday I will file a chargeback.',
    agent:
      'Hi Derek, sorry for the wait. Your return arrived on 5 November and is with our returns team for inspection.',
  },
  de: {
    subject: 'Erstattung zu Bestellung 10019877 weiterhin ausstehend',
    customer:
      'Das ist eine Frechheit. Ich warte seit zwei Wochen auf mein Geld. Rufen Sie mich unter 0171 2345678 an oder schreiben Sie an lea.brandt@example.de. Sonst lasse ich das Geld von meiner Bank zurückbuchen.',
    agent: 'Hallo Frau Brandt, es tut mir leid. Ihre Rücksendung ist angekommen und wird gerade geprüft.',
  },
} as const;

/** A fixed example: an angry customer who gave an email and a phone number, and one agent reply. */
function exampleConversation(lang: 'en' | 'de'): { conversation: Conversation; mood: ConversationMood } {
  const text = exampleText[lang];
  const customer =
    lang === 'de'
      ? { name: 'Lea Brandt', email: 'lea.brandt@example.de' }
      : { name: 'Derek Holloway', email: 'derek.holloway@example.com' };
  const conversation: Conversation = {
    site: 'generic',
    id: 'example',
    subject: text.subject,
    url: 'https://helpdesk.example.com/tickets/10481',
    customer,
    messages: [
      {
        id: 'm1',
        author: { name: 'Support' },
        role: 'agent',
        roleSource: 'page',
        text: text.agent,
        bodyLoaded: true,
        attachments: [],
      },
      {
        id: 'm2',
        author: customer,
        role: 'customer',
        roleSource: 'page',
        text: text.customer,
        bodyLoaded: true,
        attachments: [],
      },
    ],
  };
  const threat = lang === 'de' ? 'zurückbuchen' : 'file a chargeback';
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
  const t = messages(lang);
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
      note: lang === 'de' ? 'Bitte heute freigeben.' : 'Please release the refund today.',
      now: Date.UTC(2026, 10, 19, 17, 50),
    });
    const sent = maskPersonalData ? maskHandoffSummary(summary) : summary;
    try {
      const body = payloadTemplate.trim()
        ? renderWebhookPayload(payloadTemplate, sent, 'rapport-example')
        : defaultWebhookPayload(isAllowedWebhookUrl(url.trim()) ? url.trim() : 'https://example.com/hook', sent);
      return { ok: true as const, text: JSON.stringify(JSON.parse(body), null, 2) };
    } catch (error) {
      return { ok: false as const, text: error instanceof Error ? error.message : String(error) };
    }
  }, [url, payloadTemplate, maskPersonalData, settings.rules, lang]);
  return (
    <div className="payload-preview" data-testid="webhook-preview">
      <p className="small">
        <strong>{t('title')}</strong> {maskPersonalData ? t('masked') : t('unmasked')}
      </p>
      {preview.ok ? (
        <pre>{preview.text}</pre>
      ) : (
        <p className="field-error" role="alert">
          {t('invalid', { message: preview.text })}
        </p>
      )}
    </div>
  );
}
