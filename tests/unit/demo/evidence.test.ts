// @vitest-environment node
// The bundled model runs through transformers.js's Node build (onnxruntime-node), as in `npm run eval`; the demo pages
// are parsed with happy-dom's own window, so the page goes through the same reader as in the browser.
import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../lib/analysis/analyzer';
import { isFunctionWord, isWeakWord } from '../../../lib/analysis/lexicon';
import { tokenizeWords } from '../../../lib/analysis/text';
import type { ConversationMood, Evidence } from '../../../lib/analysis/types';
import { createBundledMoodModel } from '../../../lib/models/bundled-model';
import { readConversation } from '../../../lib/sites';
import type { Conversation } from '../../../lib/sites/types';
import { createDemoClock } from '../../../scripts/demo/clock';
import { type DemoConversation, demoConversations, supportMailbox } from '../../../scripts/demo/conversations';
import { renderTicketPage } from '../../../scripts/demo/pages';

/** One demo ticket as the extension sees it: the page read by the reader, and the bundled model's mood of it. */
interface Read {
  demo: DemoConversation;
  conversation: Conversation;
  mood: ConversationMood;
}

const model = createBundledMoodModel();
const reads: Read[] = [];

beforeAll(async () => {
  const analyzer = createAnalyzer(model);
  const clock = createDemoClock();
  for (const demo of demoConversations) {
    const window = new Window({ url: `http://localhost:5757/tickets/${demo.id}` });
    // The stylesheet is not needed to read the page (and happy-dom would try to load it).
    const html = renderTicketPage(demo, clock).replace(/<link[^>]*stylesheet[^>]*>/g, '');
    const page = new window.DOMParser().parseFromString(html, 'text/html');
    const conversation = readConversation(page as unknown as Document, {
      url: new URL(`http://localhost:5757/tickets/${demo.id}`),
      agent: { names: [], emails: [] },
    });
    reads.push({ demo, conversation, mood: await analyzer.analyze(conversation) });
    await window.happyDOM.close();
  }
}, 300_000);

afterAll(async () => {
  await model.dispose();
});

/** Every evidence span of every read message, with the message's text and role. */
function allEvidence() {
  return reads.flatMap(({ demo, conversation, mood }) =>
    conversation.messages.flatMap((message) =>
      (mood.messages[message.id]?.evidence ?? []).map((evidence) => ({ demo, message, evidence })),
    ),
  );
}

const phraseOf = (text: string, e: Evidence) => text.slice(e.start, e.end);

/** The parts of the names of the people in the demo ticket: the customer and the agents. */
function namePartsOf(demo: DemoConversation): Set<string> {
  const names = [demo.customer.name, ...demo.messages.map((m) => m.author.name)];
  return new Set(names.flatMap((name) => tokenizeWords(name).map((w) => w.text.toLowerCase())));
}

/**
 * Where the quoted earlier reply starts in a read customer message, when the demo quotes one: the first line of the
 * quoted agent message or of the support mailbox's header, whichever comes first after the customer's own text.
 */
function quoteStart(demo: DemoConversation, messageId: string, text: string): number {
  const index = demo.messages.findIndex((m) => m.id === messageId);
  const own = demo.messages[index];
  if (!own?.quote) return text.length;
  const quotedAgent = demo.messages.slice(0, index).findLast((m) => m.role === 'agent');
  const markers = [quotedAgent?.text.split('\n')[0] ?? '', supportMailbox[demo.language].name].filter((m) => m !== '');
  const ownEnd = Math.min(text.length, own.text.length - 20);
  const found = markers.map((m) => text.indexOf(m, Math.max(0, ownEnd))).filter((i) => i >= 0);
  return found.length > 0 ? Math.min(...found) : text.length;
}

/** Words in quotation marks (two or more words: one quoted feeling word is the customer's own emphasis). */
function inlineQuotes(text: string): { start: number; end: number }[] {
  const pattern = /"[^"\n]{1,200}"|“[^“”\n]{1,200}”|„[^„“”\n]{1,200}[“”]/g;
  return [...text.matchAll(pattern)]
    .filter((m) => tokenizeWords(m[0]).length >= 2)
    .map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

describe('evidence on the demo helpdesk, read from its pages and analysed by the bundled model', () => {
  it('reads every ticket and explains the customers’ moods with evidence', () => {
    expect(reads).toHaveLength(demoConversations.length);
    const customerSpans = allEvidence().filter(({ message }) => message.role === 'customer');
    expect(customerSpans.length).toBeGreaterThanOrEqual(30);
    const refund = reads.find((r) => r.demo.scenario === 'angry-refund');
    const phrases = refund?.conversation.messages.flatMap((m) =>
      (refund.mood.messages[m.id]?.evidence ?? []).map((e) => phraseOf(m.text, e)),
    );
    expect(phrases).toContain('ridiculous');
  });

  it('puts no evidence on agent messages', () => {
    const onAgents = allEvidence().filter(({ message }) => message.role !== 'customer');
    expect(onAgents.map(({ message, evidence }) => `${message.id}: ${phraseOf(message.text, evidence)}`)).toEqual([]);
  });

  it('never shows a quoted earlier reply or the agent’s quoted words as the customer’s evidence', () => {
    const quoted = allEvidence().filter(({ demo, message, evidence }) => {
      const inHistory = evidence.end > quoteStart(demo, message.id, message.text);
      const inQuotes = inlineQuotes(message.text).some((q) => evidence.start < q.end && q.start < evidence.end);
      return inHistory || inQuotes;
    });
    expect(quoted.map(({ message, evidence }) => `${message.id}: ${phraseOf(message.text, evidence)}`)).toEqual([]);
    // The reader cuts every quoted reply before the engine (quoted-history.test.ts); the checks above also hold
    // for text quoted inline.
    const withHistory = reads.flatMap(({ demo, conversation }) =>
      conversation.messages.filter((m) => quoteStart(demo, m.id, m.text) < m.text.length).map((m) => m.id),
    );
    expect(withHistory).toEqual([]);
  });

  it('never shows a name, a code, a number or a stop word alone, and keeps each span within a sentence', () => {
    const bad = allEvidence().flatMap(({ demo, message, evidence }) => {
      const phrase = phraseOf(message.text, evidence);
      const words = tokenizeWords(phrase);
      const names = namePartsOf(demo);
      const problems: string[] = [];
      if (words.length === 0) problems.push('empty');
      if (words.some((w) => names.has(w.text.toLowerCase()))) problems.push('name');
      // A deadline names its date ("bis spätestens 24. November"); everything else has no digit at all.
      const isUrgency = evidence.label.startsWith('urgency:');
      if (isUrgency ? words.every((w) => /\p{N}/u.test(w.text)) : /\p{N}/u.test(phrase)) problems.push('number');
      if (words.some((w) => /\p{N}/u.test(w.text) && /\p{L}/u.test(w.text)) || /#|\b\p{Lu}{2,4}\d/u.test(phrase)) {
        problems.push('code');
      }
      if (/@|https?:|www\./.test(phrase)) problems.push('address');
      if (words.every((w) => isFunctionWord(w.text) || isWeakWord(w.text)) && words.length <= 1) {
        problems.push('stop word alone');
      }
      // A German ordinal's dot ("24. November") ends no sentence.
      if (/\n|(?<!\d)[.!?](?=\s)/.test(phrase)) problems.push('two sentences');
      return problems.map((p) => `${message.id} ${evidence.label} "${phrase}": ${p}`);
    });
    expect(bad).toEqual([]);
  });

  it('shows no negator or stop word alone: "not", "nicht", "kein" come with the words they negate', () => {
    const alone = allEvidence().filter(({ message, evidence }) =>
      /^(?:not|no|nicht|kein|keine|nie|never|still|again|wieder|noch|immer|the|a|ich|und|and|so)$/i.test(
        phraseOf(message.text, evidence).trim(),
      ),
    );
    expect(alone.map(({ message, evidence }) => `${message.id}: ${phraseOf(message.text, evidence)}`)).toEqual([]);
  });
});
