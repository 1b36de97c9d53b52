import { describe, expect, it } from 'vitest';
import type { UrgencyReasonKind } from '../../../lib/analysis/types';
import { compareUrgency, detectUrgency, levelFromKinds } from '../../../lib/analysis/urgency';

function kinds(text: string): UrgencyReasonKind[] {
  return [...new Set(detectUrgency(text).reasons.map((r) => r.kind))];
}

describe('detectUrgency', () => {
  it.each<[string, UrgencyReasonKind, string]>([
    ['Ich brauche das Paket bis Freitag.', 'deadline', 'bis Freitag'],
    ['Bitte bis Montag zurückmelden.', 'deadline', 'bis Montag'],
    ['Das muss heute noch raus!', 'deadline', 'heute noch'],
    ['Spätestens zum 15.03.2025 erwarte ich das Geld.', 'deadline', 'Spätestens zum 15.03.2025'],
    ['Ich setze Ihnen eine Frist bis zum 3. Mai.', 'deadline', 'bis zum 3. Mai'],
    ['I need the replacement by Friday.', 'deadline', 'by Friday'],
    ['Please refund me by the end of the week.', 'deadline', 'by the end of the week'],
    ['Respond within 48 hours.', 'deadline', 'within 48 hours'],
    ['Bitte sofort erstatten.', 'immediacy', 'sofort'],
    ['Bitte umgehend melden, es ist dringend.', 'immediacy', 'umgehend'],
    ['Refund me immediately.', 'immediacy', 'immediately'],
    ['I need this ASAP', 'immediacy', 'ASAP'],
    ['This is urgent.', 'immediacy', 'urgent'],
    ['Dann schalte ich meinen Anwalt ein.', 'legal-threat', 'Anwalt'],
    ['Ich werde rechtliche Schritte einleiten.', 'legal-threat', 'rechtliche Schritte'],
    ['Ich wende mich an die Verbraucherzentrale.', 'legal-threat', 'Verbraucherzentrale'],
    ['My lawyer will hear about this.', 'legal-threat', 'lawyer'],
    ['I will take legal action.', 'legal-threat', 'legal action'],
    ["I'll sue you.", 'legal-threat', 'sue'],
    ['Dann mache ich eine Rückbuchung.', 'chargeback-threat', 'Rückbuchung'],
    ['Ich beantrage den PayPal-Käuferschutz.', 'chargeback-threat', 'PayPal-Käuferschutz'],
    ['I will file a chargeback.', 'chargeback-threat', 'chargeback'],
    ['I will dispute with my bank.', 'chargeback-threat', 'dispute with my bank'],
    ['Ich werde mein Abo kündigen.', 'cancellation-threat', 'Abo kündigen'],
    ['Dann kündige ich eben.', 'cancellation-threat', 'kündige'],
    ['Ich werde nie wieder bei euch bestellen.', 'cancellation-threat', 'nie wieder bei euch bestellen'],
    ['I want to cancel my subscription.', 'cancellation-threat', 'cancel my subscription'],
    ['I will take my business elsewhere.', 'cancellation-threat', 'take my business elsewhere'],
    ['Ich schreibe Ihnen zum dritten Mal.', 'repeated-contact', 'zum dritten Mal'],
    ['Ich habe mich schon mehrfach gemeldet.', 'repeated-contact', 'schon mehrfach'],
    ['This is the third time I am writing.', 'repeated-contact', 'third time'],
    ['Still no answer from you.', 'repeated-contact', 'Still no answer'],
    ['Das Ladegerät hat Feuer gefangen.', 'safety', 'Feuer gefangen'],
    ['The charger caught fire.', 'safety', 'caught fire'],
  ])('%s → %s (%s)', (text, kind, phrase) => {
    const result = detectUrgency(text);
    const reason = result.reasons.find((r) => r.kind === kind && r.phrase === phrase);
    expect(result.reasons.filter((r) => r.kind === kind).map((r) => r.phrase)).toContain(phrase);
    // The phrase carries offsets into the analysed text.
    expect(reason && text.slice(reason.start, reason.end)).toBe(phrase);
    expect(compareUrgency(result.level, 'high')).toBeGreaterThanOrEqual(0);
  });

  it('rates legal threats, safety and stacked pressure critical, single pressure high', () => {
    expect(detectUrgency('Ich schalte meinen Anwalt ein.').level).toBe('critical');
    expect(detectUrgency('The kettle exploded.').level).toBe('critical');
    expect(detectUrgency('Rückbuchung, und zwar sofort!').level).toBe('critical');
    expect(detectUrgency('Bitte sofort antworten.').level).toBe('high');
    expect(detectUrgency('Zum dritten Mal: bitte sofort erstatten, bis Freitag!').level).toBe('critical');
  });

  it('is normal without cues and low when the customer says there is no rush', () => {
    expect(detectUrgency('Wo ist mein Paket?').level).toBe('normal');
    expect(detectUrgency('Keine Eile, melden Sie sich einfach.').level).toBe('low');
    expect(detectUrgency('No rush, whenever you get a chance.').level).toBe('low');
    expect(detectUrgency('').level).toBe('low');
    expect(detectUrgency('😡😡').level).toBe('normal');
  });

  it.each([
    'Es ist nicht dringend.',
    'This is not urgent.',
    "I don't want to cancel my subscription.",
    'Ich möchte nicht kündigen.',
    'Ich kündige nicht, keine Sorge.',
    'Ich brauche keinen Anwalt.',
    'There is no deadline.',
  ])('ignores the negated cue in "%s"', (text) => {
    expect(detectUrgency(text).reasons).toEqual([]);
  });

  it('keeps cues whose negation sits in a condition', () => {
    expect(kinds('Wenn ich nicht sofort mein Geld bekomme, schalte ich einen Anwalt ein.')).toEqual([
      'immediacy',
      'legal-threat',
    ]);
    expect(kinds("If you don't refund me immediately I will file a chargeback.")).toEqual([
      'immediacy',
      'chargeback-threat',
    ]);
  });

  it.each([
    'Ich habe per Sofortüberweisung bezahlt.',
    'There is an issue with my order.',
    'Thanks for the courtesy call.',
    'I love these suede shoes.',
    'Die Anklagebank im Film war spannend.',
    'Ich habe die Kündigungsbestätigung erhalten.',
  ])('respects word boundaries in "%s"', (text) => {
    expect(detectUrgency(text).reasons).toEqual([]);
  });

  it('finds several reasons in mixed German and English with their offsets', () => {
    const text = 'Hallo, this is the third time! Ich will mein Geld sofort, sonst Rückbuchung via PayPal.';
    const result = detectUrgency(text);
    expect(result.reasons.map((r) => r.kind)).toEqual(['repeated-contact', 'immediacy', 'chargeback-threat']);
    for (const reason of result.reasons) expect(text.slice(reason.start, reason.end)).toBe(reason.phrase);
    expect(result.level).toBe('critical');
  });

  it('stays fast and bounded on long repetitive text', () => {
    const result = detectUrgency('sofort '.repeat(10_000));
    expect(result.reasons.length).toBeLessThanOrEqual(3);
  });
});

describe('levelFromKinds', () => {
  it('adds pressure up', () => {
    expect(levelFromKinds([])).toBe('normal');
    expect(levelFromKinds(['deadline'])).toBe('high');
    expect(levelFromKinds(['deadline', 'immediacy'])).toBe('high');
    expect(levelFromKinds(['deadline', 'immediacy', 'repeated-contact'])).toBe('critical');
    expect(levelFromKinds(['chargeback-threat'])).toBe('high');
    expect(levelFromKinds(['chargeback-threat', 'deadline'])).toBe('critical');
  });
});
