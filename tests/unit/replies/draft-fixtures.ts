import type { ConversationMood, Emotion, SentimentLabel } from '../../../lib/analysis/types';
import { isUpsetState, stateFromEmotion } from '../../../lib/analysis/verdict';
import type { TemplateRecord } from '../../../lib/db';
import type { DraftRequest } from '../../../lib/replies/engine';
import type { Conversation, ConversationMessage } from '../../../lib/sites/types';

export function message(
  id: string,
  role: ConversationMessage['role'],
  text: string,
  extra: Partial<ConversationMessage> = {},
): ConversationMessage {
  return {
    id,
    author: { name: role === 'customer' ? 'Anna Schmidt' : 'Max Weber' },
    role,
    roleSource: 'page',
    text,
    bodyLoaded: true,
    attachments: [],
    ...extra,
  };
}

export function mood(
  label: SentimentLabel,
  dominant: Emotion,
  extra: Partial<ConversationMood> = {},
): ConversationMood {
  const score = label === 'negative' ? -0.72 : label === 'positive' ? 0.6 : 0;
  const probs = {
    negative: label === 'negative' ? 0.8 : 0.1,
    neutral: label === 'neutral' ? 0.8 : 0.1,
    positive: label === 'positive' ? 0.8 : 0.1,
  };
  const ranked: { label: Emotion; p: number }[] = [
    { label: dominant, p: 0.81 },
    { label: 'frustrated', p: dominant === 'frustrated' ? 0.81 : 0.34 },
    { label: 'neutral', p: 0.1 },
  ];
  return {
    current: {
      sentiment: { label, probs, score },
      dominantEmotion: dominant,
      state: stateFromEmotion(dominant),
      stateSource: 'engine',
      upset: isUpsetState(stateFromEmotion(dominant)),
      emotions: ranked.filter((e, i, all) => all.findIndex((x) => x.label === e.label) === i),
    },
    trajectory: label === 'negative' ? 'worsening' : 'steady',
    series: [score],
    confidence: 0.82,
    urgency: { level: 'normal', reasons: [] },
    offensive: false,
    language: 'en',
    messages: {},
    ...extra,
  };
}

export function template(id: string, extra: Partial<TemplateRecord> = {}): TemplateRecord {
  return {
    id,
    title: `Template ${id}`,
    body: `Hello {{customer.name}}, template ${id} body.`,
    language: 'en',
    intents: ['delivery-delay'],
    tone: 'neutral',
    owner: 'personal',
    version: 1,
    updatedAt: 0,
    usageCount: 0,
    ...extra,
  };
}

export const germanConversation: Conversation = {
  site: 'zendesk',
  id: '4711',
  subject: 'Bestellung 100234 immer noch nicht da',
  url: 'https://shop.zendesk.com/agent/tickets/4711',
  customer: { name: 'Anna Schmidt', email: 'anna@example.de' },
  agent: { name: 'Max Weber' },
  messages: [
    message('m1', 'customer', 'Hallo, ich habe am 2. März bestellt (Bestellung 100234) und warte immer noch.', {
      time: '2024-03-09T10:00:00Z',
    }),
    message('m2', 'agent', 'Guten Tag Frau Schmidt, wir prüfen das und melden uns.', { time: '2024-03-09T12:00:00Z' }),
    message(
      'n1',
      'internal-note',
      'Lager sagt: Paket verloren, Ersatz erst nächste Woche. NICHT an Kundin weitergeben.',
    ),
    message(
      'm3',
      'customer',
      'Das ist jetzt schon das dritte Mal, dass ich schreibe! Ich brauche das Paket bis Freitag, sonst storniere ich.',
      { time: '2024-03-12T08:30:00Z' },
    ),
  ],
};

export const englishConversation: Conversation = {
  site: 'gmail',
  id: 'thread-9',
  subject: 'Damaged blender',
  url: 'https://mail.google.com/mail/u/0/#inbox/thread-9',
  customer: { name: 'John Miller', email: 'john@example.com' },
  messages: [
    message('e1', 'customer', 'Hi, my blender arrived with a cracked jar. Order 55512. Can you send a new one?', {
      author: { name: 'John Miller' },
      timeText: 'Mon 9:12',
    }),
  ],
};

export function germanRequest(extra: Partial<DraftRequest> = {}): DraftRequest {
  return {
    conversation: germanConversation,
    mood: mood('negative', 'angry', {
      language: 'de',
      urgency: { level: 'high', reasons: [{ kind: 'deadline', phrase: 'bis Freitag' }] },
    }),
    intent: { intent: 'delivery-delay', p: 0.74 },
    templates: [
      template('t-de-1', {
        title: 'Lieferverzögerung',
        language: 'de',
        formality: 'sie',
        tone: 'apologetic',
        body: 'Guten Tag {{customer.name}},\n\nes tut uns leid, dass Ihre Bestellung noch nicht angekommen ist. Der aktuelle Status: {{order.status | "[Bestellstatus]"}}.\n\nViele Grüße\n{{agent.name}}',
      }),
    ],
    replies: {
      brandVoice: 'Herzlich, klar, ohne Floskeln.',
      policyText: 'Bei Lieferverzögerungen über 7 Tage dürfen Gutscheine bis 10 € angeboten werden.',
      germanFormality: 'sie',
    },
    agentName: 'Max Weber',
    ...extra,
  };
}

export function englishRequest(extra: Partial<DraftRequest> = {}): DraftRequest {
  return {
    conversation: englishConversation,
    mood: mood('negative', 'frustrated'),
    intent: { intent: 'damaged-or-wrong-item', p: 0.88 },
    templates: [
      template('t-en-1', {
        title: 'Damaged item',
        tone: 'apologetic',
        body: "Hi {{customer.name}},\n\nI'm sorry your item arrived damaged. Please send us a photo and we'll arrange a replacement.\n\nBest,\n{{agent.name}}",
      }),
      template('t-en-2', {
        title: 'Replacement shipped',
        tone: 'warm',
        body: 'Good news: your replacement is on its way.',
      }),
    ],
    replies: { brandVoice: '', policyText: '', germanFormality: 'sie' },
    agentName: 'Sam',
    language: 'en',
    ...extra,
  };
}
