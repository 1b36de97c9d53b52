// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  aggregateConversation,
  computeTrajectory,
  countUnansweredCustomerMessages,
} from '../../../lib/analysis/conversation-mood';
import { detectLanguage } from '../../../lib/analysis/language';
import { buildMessageMood } from '../../../lib/analysis/message-mood';
import { prepareText } from '../../../lib/analysis/text';
import { emotions, type MessageMood } from '../../../lib/analysis/types';
import { detectUrgency } from '../../../lib/analysis/urgency';
import type { RawMood } from '../../../lib/models/types';
import type { ConversationMessage } from '../../../lib/sites/types';
import { message } from './conversation-fixtures';
import { fakeMood } from './fake-mood-model';

/** Each message's mood, from the fake model or from the raw results given in message order. */
function moodsOf(messages: ConversationMessage[], raws?: readonly RawMood[]): Record<string, MessageMood> {
  const out: Record<string, MessageMood> = {};
  for (const [i, m] of messages.entries()) {
    const prepared = prepareText(m.text);
    out[m.id] = buildMessageMood({
      messageId: m.id,
      role: m.role,
      prepared,
      raw: raws?.[i] ?? fakeMood(prepared.text),
      language: detectLanguage(prepared.text).language,
      urgency: detectUrgency(prepared.text),
      evidence: [],
    });
  }
  return out;
}

function aggregate(messages: ConversationMessage[]) {
  return aggregateConversation(messages, moodsOf(messages));
}

describe('computeTrajectory', () => {
  it('a long thread that sits at the bottom for the whole window is still worse than where it started', () => {
    expect(computeTrajectory([0.1, 0, -0.1, -0.6, -0.65, -0.6, -0.7, -0.6])).toBe('worsening');
    // …but a thread that was unhappy from its first message stays steady.
    expect(computeTrajectory([-0.6, -0.6, -0.7, -0.6, -0.65, -0.6, -0.7, -0.6])).toBe('steady');
  });

  it('reads a falling series as worsening and a rising one as improving', () => {
    expect(computeTrajectory([0.4, 0, -0.5, -0.8])).toBe('worsening');
    expect(computeTrajectory([-0.8, -0.3, 0.2, 0.7])).toBe('improving');
    expect(computeTrajectory([0.1, 0, 0.1, 0])).toBe('steady');
    expect(computeTrajectory([-0.9])).toBe('steady');
    expect(computeTrajectory([])).toBe('steady');
  });

  it('reads a thankful last message after complaints as improving, and a furious one after calm ones as worsening', () => {
    expect(computeTrajectory([0.5, 0.39, -0.99, 1])).toBe('improving');
    expect(computeTrajectory([0.3, 0.3, 0.3, 0.3, -0.9])).toBe('worsening');
  });

  it('is not flipped by one outlier', () => {
    expect(computeTrajectory([0.3, 0.3, -0.9, 0.3, 0.3])).toBe('steady');
    expect(computeTrajectory([-0.5, -0.6, 0.9, -0.7, -0.8])).toBe('steady');
    expect(computeTrajectory([0.6, 0.3, 0.9, -0.2, -0.5])).toBe('worsening');
  });
});

describe('aggregateConversation', () => {
  it('follows a polite thread that turns angry: negative now, worsening', () => {
    const messages = [
      message('customer', 'Hallo, vielen Dank für die schnelle Bestellung, super Shop! Wann kommt mein Paket?'),
      message('agent', 'Danke, es ist unterwegs.'),
      message('customer', 'Ich warte immer noch, das Paket ist nicht da.'),
      message('agent', 'Wir prüfen das.'),
      message('customer', 'Das ist unverschämt! Eine Frechheit, wirklich unverschämt.'),
    ];
    const mood = aggregate(messages);
    expect(mood.series).toHaveLength(3);
    expect(mood.series[0]).toBeGreaterThan(0);
    expect(mood.series[2]).toBeLessThan(-0.5);
    expect(mood.trajectory).toBe('worsening');
    expect(mood.current.sentiment.label).toBe('negative');
    expect(mood.current.dominantEmotion).toBe('angry');
    expect(mood.language).toBe('de');
  });

  it('weighs the latest customer message most', () => {
    const angryThenThanks = aggregate([
      message('customer', 'Das ist unverschämt, unverschämt, eine Frechheit!'),
      message('customer', 'Danke, jetzt ist alles da, super und perfekt.'),
    ]);
    const thanksThenAngry = aggregate([
      message('customer', 'Danke, jetzt ist alles da, super und perfekt.'),
      message('customer', 'Das ist unverschämt, unverschämt, eine Frechheit!'),
    ]);
    expect(angryThenThanks.current.sentiment.label).toBe('positive');
    expect(thanksThenAngry.current.sentiment.label).toBe('negative');
    expect(angryThenThanks.trajectory).toBe('improving');
  });

  it('names the emotion behind a clearly negative mood instead of "neutral"', () => {
    // A calm first message, then an abusive one: "neutral" leads the weighted emotions, frustration is close behind.
    const emotionsOf = (e: Partial<RawMood['emotions']>): RawMood['emotions'] => ({
      ...(Object.fromEntries(emotions.map((label) => [label, 0])) as RawMood['emotions']),
      ...e,
    });
    const raws: RawMood[] = [
      {
        sentiment: { negative: 0.1, neutral: 0.8, positive: 0.1 },
        emotions: emotionsOf({ neutral: 0.97 }),
        offensive: 0,
      },
      {
        sentiment: { negative: 0.85, neutral: 0.1, positive: 0.05 },
        emotions: emotionsOf({ neutral: 0.55, frustrated: 0.5, angry: 0.45 }),
        offensive: 0.2,
      },
    ];
    const msgs = [
      message('customer', 'Hello, I ordered the blue jacket in size M last week. Could you check where it is?'),
      message('customer', 'Are you people completely brain dead?? You sent the wrong jacket twice now.'),
    ];
    const mood = aggregateConversation(msgs, moodsOf(msgs, raws));
    expect(mood.current.sentiment.label).toBe('negative');
    expect(mood.current.emotions[0]?.label).toBe('neutral');
    expect(mood.current.dominantEmotion).toBe('frustrated');
  });

  it("ignores the agent's messages for the customer's mood", () => {
    const withAngryAgent = aggregate([
      message('customer', 'Danke, super Service, alles perfekt angekommen!'),
      message('agent', 'Das ist unverschämt, unverschämt, unverschämt.'),
    ]);
    expect(withAngryAgent.current.sentiment.label).toBe('positive');
    expect(withAngryAgent.series).toHaveLength(1);
    expect(Object.keys(withAngryAgent.messages)).toHaveLength(2);
  });

  it('takes the highest recent urgency with its reasons and adds repeated contact from the structure', () => {
    const messages = [
      message('customer', 'Wo ist meine Bestellung?'),
      message('agent', 'Wir schauen nach.'),
      message('customer', 'Hallo?'),
      message('customer', 'Ich brauche das bis Freitag.'),
      message('internal-note', 'Kunde ist ungeduldig'),
      message('customer', 'Bitte melden Sie sich.'),
    ];
    expect(countUnansweredCustomerMessages(messages)).toBe(3);
    const mood = aggregate(messages);
    const kinds = mood.urgency.reasons.map((r) => r.kind);
    expect(kinds).toContain('deadline');
    expect(kinds).toContain('repeated-contact');
    expect(mood.urgency.level).toBe('critical');
    const deadline = mood.urgency.reasons.find((r) => r.kind === 'deadline');
    expect(deadline).toMatchObject({ phrase: 'bis Freitag', messageId: messages[3]?.id });
  });

  it('is offensive when a recent customer message is', () => {
    expect(aggregate([message('customer', 'Ihr Idioten!'), message('customer', 'Wo ist mein Paket?')]).offensive).toBe(
      true,
    );
    expect(aggregate([message('agent', 'Idiot'), message('customer', 'Wo ist mein Paket?')]).offensive).toBe(false);
  });

  it('gives a defined, unsure result when no customer message has text', () => {
    const mood = aggregate([message('customer', ''), message('customer', '\u200b \n'), message('agent', 'Hallo')]);
    expect(mood.current.sentiment.label).toBe('neutral');
    expect(mood.current.dominantEmotion).toBe('neutral');
    expect(mood.series).toEqual([]);
    expect(mood.confidence).toBe(0);
    expect(mood.trajectory).toBe('steady');
    expect(mood.language).toBe('other');
  });

  it('holds confidence back for short messages', () => {
    const short = aggregate([message('customer', 'Unverschämt!')]);
    const long = aggregate([
      message(
        'customer',
        'Das ist wirklich unverschämt, ich habe vor drei Wochen bestellt und bis heute nichts bekommen, unverschämt.',
      ),
    ]);
    expect(short.confidence).toBeLessThan(0.5);
    expect(long.confidence).toBeGreaterThan(short.confidence);
  });
});

describe('the trajectory agrees with the verdict', () => {
  const furious: RawMood = {
    sentiment: { negative: 0.95, neutral: 0.04, positive: 0.01 },
    emotions: {
      ...Object.fromEntries(emotions.map((e) => [e, 0.02])),
      angry: 0.9,
      frustrated: 0.5,
    } as RawMood['emotions'],
    offensive: 0.1,
  };
  const stillUpset: RawMood = {
    sentiment: { negative: 0.55, neutral: 0.4, positive: 0.05 },
    emotions: {
      ...Object.fromEntries(emotions.map((e) => [e, 0.02])),
      frustrated: 0.7,
      neutral: 0.2,
    } as RawMood['emotions'],
    offensive: 0,
  };

  it('a customer who is still upset is not "improving" because the wording softened', () => {
    const messages = [
      message('customer', 'This is the worst service I have ever had.', 'c1'),
      message('agent', 'I am sorry, I am checking.', 'a1'),
      message('customer', 'It still has not arrived and nobody tells me anything.', 'c2'),
    ];
    const mood = aggregateConversation(messages, moodsOf(messages, [furious, fakeMood(''), stillUpset]));
    expect(mood.current.state).toBe('frustrated');
    expect(mood.trajectory).toBe('steady');
  });
});
