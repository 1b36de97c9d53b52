import type { Conversation } from '../sites/types';

/**
 * A short German and English exchange analysed once at start-up, so the first real conversation does not pay for
 * cold code: ONNX Runtime's first batch of real shapes, the analysis code's first run and, in Chrome, the messaging
 * between background, offscreen document and worker. It has something to explain, so the evidence step runs too.
 */
export const warmUpConversation: Conversation = {
  site: 'generic',
  id: 'rapport-warm-up',
  subject: 'Bestellung',
  url: 'about:blank',
  customer: {},
  messages: [
    'Meine Bestellung ist immer noch nicht da. Ich warte seit zwei Wochen, das ist echt ärgerlich!',
    'Thanks for getting back to me, but this is the third time I ask. Please refund me immediately.',
    'Danke, das hat geholfen.',
  ].map((text, i) => ({
    id: `m${i}`,
    author: {},
    role: 'customer' as const,
    roleSource: 'page' as const,
    text,
    bodyLoaded: true,
    attachments: [],
  })),
};
