// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { evaluateEscalation, matchVip } from '../../../lib/escalation/rules';
import { defaultSettings } from '../../../lib/settings';
import { angryGermanConversation, conversation, conversationMood, message } from './fixtures';

const rules = defaultSettings.escalation.rules;

describe('evaluateEscalation', () => {
  it('recommends escalating the angry German conversation, with German reasons and their evidence', () => {
    const { conversation: conv, mood } = angryGermanConversation();
    const advice = evaluateEscalation(conv, mood, rules, { lang: 'de' });

    expect(advice.recommend).toBe(true);
    // One verdict: the customer reads angry, so the anger reason stands and frustration (also high) is not repeated.
    expect(advice.reasons.map((reason) => reason.kind)).toEqual([
      'anger',
      'worsening',
      'legal-threat',
      'chargeback-threat',
      'critical-urgency',
      'repeated-contact',
    ]);
    const byKind = new Map(advice.reasons.map((reason) => [reason.kind, reason]));
    expect(byKind.get('anger')?.text).toBe('Verärgerung ist hoch: 85 % (Schwelle 60 %).');
    expect(byKind.get('anger')?.evidence).toEqual([{ messageId: 'c3', phrase: 'Unverschämt!' }]);
    expect(byKind.get('frustration')).toBeUndefined();
    expect(byKind.get('worsening')?.text).toBe(
      'Die Stimmung hat sich über die letzten 3 Kundennachrichten verschlechtert (−0,2 → −0,9).',
    );
    expect(byKind.get('worsening')?.evidence.map((entry) => entry.messageId)).toEqual(['c1', 'c2', 'c3']);
    expect(byKind.get('legal-threat')?.text).toBe('Rechtliche Schritte angedroht: „Anwalt“.');
    expect(byKind.get('legal-threat')?.evidence).toEqual([{ messageId: 'c3', phrase: 'Anwalt' }]);
    expect(byKind.get('chargeback-threat')?.evidence).toEqual([
      { messageId: 'c3', phrase: 'buche über die Kreditkarte zurück' },
    ]);
    expect(byKind.get('critical-urgency')?.text).toBe(
      'Die Dringlichkeit ist kritisch (wiederholter Kontakt, Frist, rechtliche Schritte angedroht, Rückbuchung angedroht).',
    );
    // Answered in between, so not a run of unanswered messages — but the customer says they wrote three times.
    expect(byKind.get('repeated-contact')?.text).toBe('Der Kunde hat sich schon mehrfach gemeldet: „das dritte Mal“.');
    expect(byKind.get('repeated-contact')?.evidence).toEqual([{ messageId: 'c2', phrase: 'das dritte Mal' }]);
  });

  it('writes the same reasons in English', () => {
    const { conversation: conv, mood } = angryGermanConversation();
    const texts = evaluateEscalation(conv, mood, rules, { lang: 'en' }).reasons.map((reason) => reason.text);
    expect(texts).toContain('Anger is high: 85% (threshold 60%).');
    expect(texts).toContain('The mood worsened over the last 3 customer messages (−0.2 → −0.9).');
    expect(texts).toContain('Legal action threatened: "Anwalt".');
    expect(texts).toContain('Chargeback threatened: "buche über die Kreditkarte zurück".');
  });

  it('says when the anger is the latest message’s and not yet the whole conversation’s', () => {
    const conv = conversation('turning', [
      message('c1', 'customer', 'Where is my refund?'),
      message('c2', 'customer', 'This is ridiculous, I will file a chargeback.'),
    ]);
    const specs = { c1: { score: 0 }, c2: { score: -0.6, angry: 0.65 } };
    const lagging = conversationMood(conv, specs, {
      current: { ...conversationMood(conv, specs).current, emotions: [{ label: 'angry', p: 0.5 }] },
    });
    const texts = (lang: 'en' | 'de') => evaluateEscalation(conv, lagging, rules, { lang }).reasons.map((r) => r.text);
    expect(texts('en')).toContain('Anger is high in the latest message: 65% (threshold 60%).');
    expect(texts('de')).toContain('Verärgerung ist hoch in der letzten Nachricht: 65 % (Schwelle 60 %).');
    expect(evaluateEscalation(conv, conversationMood(conv, specs), rules).reasons[0]?.text).toBe(
      'Anger is high: 65% (threshold 60%).',
    );
  });

  it('does not recommend escalating a calm conversation', () => {
    const conv = conversation('calm', [
      message('c1', 'customer', 'Hi, could you send me the invoice for order 12345?'),
      message('a1', 'agent', 'Of course, it is attached.'),
      message('c2', 'customer', 'Thanks a lot!'),
    ]);
    const mood = conversationMood(conv, { c1: { score: 0 }, a1: { score: 0.3 }, c2: { score: 0.8 } });
    expect(evaluateEscalation(conv, mood, rules)).toEqual({ recommend: false, reasons: [] });
  });

  it('applies the team lead thresholds and switches', () => {
    const { conversation: conv, mood } = angryGermanConversation();
    const strict = evaluateEscalation(conv, mood, {
      ...rules,
      angerThreshold: 0.9,
      frustrationThreshold: 0,
      worseningWindow: 0,
      legalThreats: false,
      chargebackThreats: false,
      criticalUrgency: false,
      repeatedContactCount: 0,
    });
    expect(strict).toEqual({ recommend: false, reasons: [] });
    const atThreshold = evaluateEscalation(conv, mood, { ...rules, angerThreshold: 0.85 });
    expect(atThreshold.reasons.some((reason) => reason.kind === 'anger')).toBe(true);
  });

  it('fires on a worsening run only when it spans the window and does not recover', () => {
    const build = (scores: number[]) => {
      const conv = conversation(
        'run',
        scores.map((_, index) => message(`c${index}`, 'customer', `Nachricht ${index}`)),
      );
      const specs = Object.fromEntries(scores.map((score, index) => [`c${index}`, { score }]));
      return { conv, mood: conversationMood(conv, specs) };
    };
    const kinds = (scores: number[], window: number) => {
      const { conv, mood } = build(scores);
      return evaluateEscalation(conv, mood, { ...rules, worseningWindow: window, repeatedContactCount: 0 }).reasons.map(
        (reason) => reason.kind,
      );
    };
    expect(kinds([-0.1, -0.4, -0.7], 3)).toEqual(['worsening']);
    expect(kinds([-0.1, -0.4, -0.7], 4)).toEqual([]);
    expect(kinds([-0.1, 0.3, -0.5], 3)).toEqual([]);
    expect(kinds([0.5, 0.2, 0.1], 3)).toEqual([]);
    // Only the last N count: an early calm message does not hide a recent slide.
    expect(kinds([0.6, 0.9, 0.1, -0.3], 2)).toEqual(['worsening']);
  });

  it('reports abusive language with the phrase that carried it', () => {
    const conv = conversation('abuse', [message('c1', 'customer', 'Ihr seid doch alle Idioten, echt jetzt.')]);
    const mood = conversationMood(conv, {
      c1: { score: -0.6, offensive: true, evidence: [{ label: 'offensive', phrase: 'alle Idioten' }] },
    });
    const advice = evaluateEscalation(conv, mood, rules, { lang: 'de' });
    expect(advice.reasons).toEqual([
      {
        kind: 'abusive',
        text: 'Beleidigende Sprache: „alle Idioten“.',
        evidence: [{ messageId: 'c1', phrase: 'alle Idioten' }],
      },
    ]);
    expect(evaluateEscalation(conv, mood, { ...rules, abusive: false }).recommend).toBe(false);
  });

  it('reports a threat to go public under the cancellation switch', () => {
    const conv = conversation('review', [
      message('c1', 'customer', 'If this is not sorted by Friday I will leave a one-star review on Trustpilot.'),
    ]);
    const mood = conversationMood(conv, {
      c1: { score: -0.5, urgency: [{ kind: 'public-review', phrase: 'leave a one-star review on Trustpilot' }] },
    });
    const advice = evaluateEscalation(conv, mood, rules, { lang: 'en' });
    expect(advice.reasons.map((reason) => reason.text)).toContain(
      'Public review or social media post threatened: "leave a one-star review on Trustpilot".',
    );
    expect(
      evaluateEscalation(conv, mood, { ...rules, cancellationThreats: false }).reasons.map((reason) => reason.kind),
    ).not.toContain('public-review');
  });

  it('counts customer messages without an agent answer in between as repeated contact', () => {
    const conv = conversation('repeat', [
      message('c1', 'customer', 'Where is my parcel?'),
      message('a1', 'agent', 'We are checking.'),
      message('c2', 'customer', 'Any news?'),
      message('n1', 'internal-note', 'Carrier contacted.'),
      message('c3', 'customer', 'Hello??'),
      message('c4', 'customer', 'Still nothing.'),
    ]);
    const mood = conversationMood(conv, {});
    const advice = evaluateEscalation(conv, mood, rules);
    expect(advice.reasons).toEqual([
      {
        kind: 'repeated-contact',
        text: '3 customer messages in a row without an answer.',
        evidence: [{ messageId: 'c2' }, { messageId: 'c3' }, { messageId: 'c4' }],
      },
    ]);
    const answered = { ...conv, messages: [...conv.messages, message('a2', 'agent', 'Sorry, here it is.')] };
    expect(evaluateEscalation(answered, mood, rules).recommend).toBe(false);
  });

  it('flags an unhappy VIP customer but not a happy one', () => {
    const conv = conversation('vip', [message('c1', 'customer', 'The delivery is late again.')]);
    const unhappy = conversationMood(conv, { c1: { score: -0.4 } });
    const happy = conversationMood(conv, { c1: { score: 0.6 } });
    const vipRules = { ...rules, vipCustomers: ['example.de'] };
    expect(evaluateEscalation(conv, unhappy, vipRules, { lang: 'de' }).reasons).toEqual([
      { kind: 'vip', text: 'VIP-Kunde (example.de) mit negativer Stimmung.', evidence: [] },
    ]);
    expect(evaluateEscalation(conv, happy, vipRules).recommend).toBe(false);
    expect(evaluateEscalation(conv, unhappy, rules).recommend).toBe(false);
    expect(evaluateEscalation(conv, unhappy, rules, { isVip: true }).reasons[0]?.text).toBe(
      'VIP customer (anna.weber@example.de) with a negative mood.',
    );
  });
});

describe('matchVip', () => {
  it('matches exact addresses, domains and their subdomains, nothing else', () => {
    expect(matchVip('Boss@Acme.com', ['boss@acme.com'])).toBe('boss@acme.com');
    expect(matchVip('someone@acme.com', ['@acme.com'])).toBe('@acme.com');
    expect(matchVip('someone@eu.acme.com', ['acme.com'])).toBe('acme.com');
    expect(matchVip('someone@notacme.com', ['acme.com'])).toBeUndefined();
    expect(matchVip('other@acme.com', ['boss@acme.com'])).toBeUndefined();
    expect(matchVip(undefined, ['acme.com'])).toBeUndefined();
  });
});
