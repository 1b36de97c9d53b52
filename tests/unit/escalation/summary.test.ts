// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { customerStates } from '../../../lib/analysis/types';
import { emotionOfState } from '../../../lib/analysis/verdict';
import { evaluateEscalation } from '../../../lib/escalation/rules';
import {
  buildHandoffSummary,
  condenseReply,
  findOrderNumbers,
  maskHandoffSummary,
  renderHandoffText,
} from '../../../lib/escalation/summary';
import { createTranslator } from '../../../lib/i18n';
import { defaultSettings } from '../../../lib/settings';
import { angryGermanConversation, conversation, conversationMood, message } from './fixtures';

const rules = defaultSettings.escalation.rules;

function angrySummary(lang: 'en' | 'de') {
  const { conversation: conv, mood } = angryGermanConversation();
  const { reasons } = evaluateEscalation(conv, mood, rules, { lang });
  return buildHandoffSummary({
    conversation: conv,
    mood,
    reasons,
    lang,
    intent: 'refund',
    note: 'Kundin ist Stammkundin.',
    now: Date.UTC(2025, 2, 14, 9, 30),
  });
}

describe('buildHandoffSummary', () => {
  it('gives a German team lead who, what, mood, urgency, tries, offers, orders and the last message', () => {
    const summary = angrySummary('de');
    const text = renderHandoffText(summary);
    const lines = text.split('\n');

    expect(lines[0]).toBe('Eskalation: Bestellung nicht angekommen — Anna Weber');
    expect(lines).toContain('Kunde: Anna Weber <anna.weber@example.de>');
    expect(lines).toContain('Link: https://support.example.com/tickets/angry-1');
    expect(lines).toContain('Stimmung: wütend, −0,9, verschlechtert sich (−0,2 → −0,9 über 3 Nachrichten)');
    expect(lines).toContain(
      'Dringlichkeit: kritisch — wiederholter Kontakt „das dritte Mal“; Frist „bis Freitag“; rechtliche Schritte angedroht „Anwalt“; Rückbuchung angedroht „buche über die Kreditkarte zurück“',
    );
    expect(lines).toContain('Möchte: eine Erstattung');
    expect(lines).toContain('Bestellungen: 4711-2023');
    expect(lines).toContain('- Verärgerung ist hoch: 85 % (Schwelle 60 %).');
    expect(lines).toContain('Notiz vom Agenten: Kundin ist Stammkundin.');
    // The greeting and the thank-you are skipped: what was done is what the lead needs.
    expect(lines).toContain('- Wir haben beim Versanddienstleister einen Nachforschungsauftrag gestellt.');
    expect(lines).toContain('- Wir bieten Ihnen eine Ersatzlieferung oder eine Erstattung an.');
    expect(lines).toContain('Angeboten: Erstattung, Ersatz');
    expect(lines).toContain('Letzte Kundennachricht:');
    expect(lines[lines.length - 1]).toMatch(/^„Unverschämt! Wenn das Geld nicht bis Freitag da ist/);

    expect(summary.orderNumbers).toEqual(['4711-2023']);
    expect(summary.offers.map((offer) => offer.offer)).toEqual(['refund', 'replacement']);
    expect(summary.tried.map((entry) => entry.messageId)).toEqual(['a1', 'a2']);
    expect(summary.lastCustomerMessage?.messageId).toBe('c3');
    expect(summary.createdAt).toBe('2025-03-14T09:30:00.000Z');
    // The structured object is plain data, ready for a webhook payload.
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });

  it('writes the same summary in English', () => {
    const lines = renderHandoffText(angrySummary('en')).split('\n');
    expect(lines[0]).toBe('Escalation: Bestellung nicht angekommen — Anna Weber');
    expect(lines).toContain('Customer: Anna Weber <anna.weber@example.de>');
    expect(lines).toContain('Mood: angry, −0.9, worsening (−0.2 → −0.9 over 3 messages)');
    expect(lines).toContain('Wants: a refund');
    expect(lines).toContain('Orders: 4711-2023');
    expect(lines).toContain('Offered: refund, replacement');
    expect(lines).toContain('Why escalate:');
    expect(lines).toContain('- Legal action threatened: "Anwalt".');
  });

  it('says when nothing was tried yet and trims a long last message', () => {
    const long = `My order #998877 never arrived. ${'I am waiting and waiting. '.repeat(40)}`;
    const conv = conversation('new', [message('c1', 'customer', long)]);
    const summary = buildHandoffSummary({
      conversation: conv,
      mood: conversationMood(conv, { c1: { score: -0.5 } }),
      reasons: [],
      lang: 'en',
      orderNumbers: ['#A-5'],
    });
    const text = renderHandoffText(summary);
    expect(text).toContain('Already tried: no agent reply yet');
    expect(summary.orderNumbers).toEqual(['A-5', '998877']);
    expect(summary.lastCustomerMessage?.truncated).toBe(true);
    expect(summary.lastCustomerMessage?.text.length).toBeLessThanOrEqual(400);
    expect(summary.lastCustomerMessage?.text.endsWith('…')).toBe(true);
  });
});

describe('findOrderNumbers', () => {
  it('finds order numbers in German and English phrasing, not dates or words', () => {
    expect(
      findOrderNumbers([
        'Meine Bestellnummer: A-100234 kam nicht an.',
        'Order no. #55512 and order 55512 again',
        'Auftrags-Nr. 4711-2020, Bestellung vom 12.03.',
        'the order was late, ref #20240',
      ]),
    ).toEqual(['A-100234', '55512', '4711-2020', '20240']);
  });
});

describe('condenseReply', () => {
  it('skips greetings and pleasantries', () => {
    expect(condenseReply('Hi Anna,\nThanks for reaching out! I have issued a refund of 20 €. Best, Tom')).toBe(
      'I have issued a refund of 20 €.',
    );
    expect(condenseReply('Sehr geehrte Frau Weber,\n\nwir senden Ihnen heute Ersatz.')).toBe(
      'wir senden Ihnen heute Ersatz.',
    );
  });
});

describe('maskHandoffSummary', () => {
  it('masks emails, phones and IBANs everywhere but keeps order numbers', () => {
    const masked = maskHandoffSummary(angrySummary('de'));
    const json = JSON.stringify(masked);
    expect(json).not.toContain('anna.weber@example.de');
    expect(json).not.toContain('0171 2345678');
    expect(json).not.toContain('DE89 3704');
    expect(masked.customer).toEqual({ name: 'Anna Weber', email: '[email]' });
    expect(masked.lastCustomerMessage?.text).toContain('Erreichbar unter [phone], IBAN [IBAN …3000].');
    expect(masked.orderNumbers).toEqual(['4711-2023']);
    expect(masked.tried).toEqual(angrySummary('de').tried);
  });
});

describe('the handoff note names the mood as the panel does', () => {
  const panel = createTranslator('de');

  it('calls an angry customer "wütend" in German, the panel\'s word (the note once said "verärgert")', () => {
    const summary = angrySummary('de');
    expect(summary.mood.emotion).toBe('angry');
    expect(renderHandoffText(summary).split('\n')).toContainEqual(expect.stringMatching(/^Stimmung: wütend, /u));
    expect(panel('state.angry').toLowerCase()).toBe('wütend');
  });

  it.each(customerStates)("writes the panel's German word for the state %s", (state) => {
    const { conversation: conv, mood } = angryGermanConversation();
    const summary = buildHandoffSummary({
      conversation: conv,
      mood: { ...mood, current: { ...mood.current, state } },
      reasons: [],
      lang: 'de',
      now: Date.UTC(2025, 2, 14, 9, 30),
    });
    const word = panel(`emotion.${emotionOfState(state)}`);
    expect(summary.mood.emotionLabel).toBe(word);
    expect(renderHandoffText(summary)).toContain(`Stimmung: ${word}, `);
  });
});
