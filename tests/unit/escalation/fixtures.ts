import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type {
  ConversationMood,
  Emotion,
  Evidence,
  MessageMood,
  SentimentResult,
  UrgencyLevel,
  UrgencyReason,
} from '../../../lib/analysis/types';
import { isUpsetState, stateFromEmotion } from '../../../lib/analysis/verdict';
import type { Conversation, ConversationMessage, Role, SiteId } from '../../../lib/sites/types';

/** A message as an adapter would read it. */
export function message(
  id: string,
  role: Role,
  text: string,
  author: { name?: string; email?: string } = {},
): ConversationMessage {
  return { id, author, role, roleSource: 'page', text, bodyLoaded: true, attachments: [] };
}

export interface MoodSpec {
  score: number;
  angry?: number;
  frustrated?: number;
  offensive?: boolean;
  urgency?: UrgencyReason[];
  /** Evidence as phrases of the message text. */
  evidence?: { label: string; phrase: string }[];
}

function sentimentOf(score: number): SentimentResult {
  const label = score <= -0.2 ? 'negative' : score >= 0.2 ? 'positive' : 'neutral';
  const negative = Math.max(0, -score);
  const positive = Math.max(0, score);
  return { label, score, probs: { negative, positive, neutral: Math.max(0, 1 - negative - positive) } };
}

function emotionList(spec: MoodSpec): { label: Emotion; p: number }[] {
  const list: { label: Emotion; p: number }[] = [
    { label: 'angry', p: spec.angry ?? 0.05 },
    { label: 'frustrated', p: spec.frustrated ?? 0.05 },
    { label: 'neutral', p: spec.score > -0.2 ? 0.6 : 0.1 },
  ];
  return list.sort((a, b) => b.p - a.p);
}

/** The mood the analysis layer would compute for one message. */
export function messageMood(msg: ConversationMessage, spec: MoodSpec): MessageMood {
  const evidence: Evidence[] = (spec.evidence ?? []).map(({ label, phrase }) => {
    const start = msg.text.indexOf(phrase);
    if (start < 0) throw new Error(`phrase ${phrase} not in message ${msg.id}`);
    return { label, start, end: start + phrase.length, weight: 1 };
  });
  const reasons = spec.urgency ?? [];
  const level: UrgencyLevel = reasons.length > 1 ? 'critical' : reasons.length === 1 ? 'high' : 'normal';
  return {
    messageId: msg.id,
    role: msg.role,
    language: 'de',
    sentiment: sentimentOf(spec.score),
    emotions: emotionList(spec),
    offensive: { isOffensive: spec.offensive ?? false, p: spec.offensive ? 0.9 : 0.05 },
    urgency: { level, reasons },
    evidence,
    confidence: 0.8,
    truncated: false,
    state: stateFromEmotion(emotionList(spec)[0]?.label ?? 'neutral'),
    stateSource: 'engine',
  };
}

/** A conversation mood from per-message specs: current = the latest customer message, as the engine weights it. */
export function conversationMood(
  conversation: Conversation,
  specs: Record<string, MoodSpec>,
  overrides: Partial<ConversationMood> = {},
): ConversationMood {
  const messages: Record<string, MessageMood> = {};
  const series: number[] = [];
  const reasons: UrgencyReason[] = [];
  let latest: MoodSpec = { score: 0 };
  for (const msg of conversation.messages) {
    const spec = specs[msg.id];
    if (!spec) continue;
    messages[msg.id] = messageMood(msg, spec);
    if (msg.role === 'customer') {
      series.push(spec.score);
      reasons.push(...(spec.urgency ?? []));
      latest = spec;
    }
  }
  const emotions = emotionList(latest);
  const first = series[0] ?? 0;
  const last = series[series.length - 1] ?? 0;
  return {
    current: {
      sentiment: sentimentOf(latest.score),
      dominantEmotion: emotions[0]?.label ?? 'neutral',
      emotions,
      state: stateFromEmotion(emotions[0]?.label ?? 'neutral'),
      stateSource: 'engine',
      upset: isUpsetState(stateFromEmotion(emotions[0]?.label ?? 'neutral')),
    },
    trajectory: last < first - 0.2 ? 'worsening' : last > first + 0.2 ? 'improving' : 'steady',
    series,
    confidence: 0.8,
    urgency: { level: reasons.length > 1 ? 'critical' : reasons.length === 1 ? 'high' : 'normal', reasons },
    offensive: Object.values(messages).some((mood) => mood.offensive.isOffensive),
    language: 'de',
    messages,
    ...overrides,
  };
}

export function conversation(
  id: string,
  messages: ConversationMessage[],
  site: SiteId = 'generic',
  url = `https://support.example.com/tickets/${id}`,
): Conversation {
  return {
    site,
    id,
    subject: 'Bestellung nicht angekommen',
    url,
    customer: { name: 'Anna Weber', email: 'anna.weber@example.de' },
    agent: { name: 'Jonas Berg', email: 'jonas@shop.example' },
    messages,
  };
}

const anna = { name: 'Anna Weber', email: 'anna.weber@example.de' };
const jonas = { name: 'Jonas Berg', email: 'jonas@shop.example' };

/** The demo's angry German conversation: three worsening customer messages, two agent replies, threats at the end. */
export function angryGermanConversation(id = 'angry-1', site: SiteId = 'generic', url?: string) {
  const messages = [
    message(
      'c1',
      'customer',
      'Hallo, meine Bestellung 4711-2023 ist seit zwei Wochen nicht angekommen. Wo bleibt sie?',
      anna,
    ),
    message(
      'a1',
      'agent',
      'Hallo Frau Weber,\nvielen Dank für Ihre Nachricht. Wir haben beim Versanddienstleister einen Nachforschungsauftrag gestellt. Viele Grüße, Jonas',
      jonas,
    ),
    message('c2', 'customer', 'Das ist jetzt das dritte Mal, dass ich schreibe! Ich will mein Geld zurück.', anna),
    message(
      'a2',
      'agent',
      'Hallo Frau Weber,\nes tut uns sehr leid. Wir bieten Ihnen eine Ersatzlieferung oder eine Erstattung an.',
      jonas,
    ),
    message(
      'c3',
      'customer',
      'Unverschämt! Wenn das Geld nicht bis Freitag da ist, schalte ich meinen Anwalt ein und buche über die Kreditkarte zurück. Erreichbar unter 0171 2345678, IBAN DE89 3704 0044 0532 0130 00.',
      anna,
    ),
  ];
  const conv = conversation(id, messages, site, url);
  const mood = conversationMood(conv, {
    c1: { score: -0.2, frustrated: 0.3 },
    c2: {
      score: -0.5,
      frustrated: 0.6,
      angry: 0.4,
      urgency: [{ kind: 'repeated-contact', phrase: 'das dritte Mal' }],
    },
    a1: { score: 0.3 },
    a2: { score: 0.1 },
    c3: {
      score: -0.9,
      angry: 0.85,
      frustrated: 0.75,
      urgency: [
        { kind: 'deadline', phrase: 'bis Freitag' },
        { kind: 'legal-threat', phrase: 'Anwalt' },
        { kind: 'chargeback-threat', phrase: 'buche über die Kreditkarte zurück' },
      ],
      evidence: [{ label: 'angry', phrase: 'Unverschämt!' }],
    },
  });
  return { conversation: conv, mood };
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
}

export interface TestServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** A local HTTP server on 127.0.0.1 whose handler sees each request with its body read. */
export async function startServer(
  handler: (request: RecordedRequest, response: ServerResponse) => void | Promise<void>,
): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body,
        at: Date.now(),
      };
      requests.push(recorded);
      Promise.resolve(handler(recorded, res)).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.statusCode = status;
  response.setHeader('Content-Type', 'application/json');
  response.end(JSON.stringify(body));
}
