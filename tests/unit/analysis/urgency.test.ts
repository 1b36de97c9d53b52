// @vitest-environment node
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
    ['Ich hab jetzt zum dritten Mal angerufen.', 'repeated-contact', 'zum dritten Mal'],
    ['Ich habe mich schon mehrfach gemeldet.', 'repeated-contact', 'schon mehrfach'],
    ['This is the third time I am writing.', 'repeated-contact', 'third time'],
    ['Still no answer from you.', 'repeated-contact', 'Still no answer'],
    ['Das Ladegerät hat Feuer gefangen.', 'safety', 'Feuer gefangen'],
    ['The charger caught fire.', 'safety', 'caught fire'],
    ['since then there is a faint smell of gas in the hallway', 'safety', 'smell of gas'],
    ['Seit dem Einbau riecht es im Flur nach Gas.', 'safety', 'riecht es im Flur nach Gas'],
    [
      "I'm claiming the full amount back from my bank under the Direct Debit Guarantee.",
      'chargeback-threat',
      'claiming the full amount back from my bank',
    ],
    ['das geht heute noch auf Instagram und TikTok', 'public-review', 'geht heute noch auf Instagram'],
    ['I will be sharing this experience everywhere', 'public-review', 'sharing this experience everywhere'],
    ['Wir heiraten nächsten Samstag!!', 'deadline', 'heiraten nächsten'],
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

/** The reasons of one kind, as phrases. */
function phrases(text: string, kind: UrgencyReasonKind): string[] {
  return detectUrgency(text)
    .reasons.filter((r) => r.kind === kind)
    .map((r) => r.phrase);
}

describe('detectUrgency reads customers’ language (issue 18)', () => {
  it.each<[string, UrgencyReasonKind, string]>([
    // Inflections and compounds through the stemmer, typed umlauts and lower case included.
    ['Die Rechtsanwältin ist schon informiert.', 'legal-threat', 'Rechtsanwältin'],
    ['Meine Anwaltskanzlei meldet sich bei Ihnen.', 'legal-threat', 'Anwaltskanzlei'],
    ['das lass ich jetzt anwaltlich prüfen', 'legal-threat', 'anwaltlich prüfen'],
    ['Ich habe einen PayPal-Konflikt eröffnet.', 'chargeback-threat', 'PayPal-Konflikt'],
    ['Der Rückbuchungsantrag ist schon ausgefüllt.', 'chargeback-threat', 'Rückbuchungsantrag'],
    ['ich mach jetzt ne ruckbuchung', 'chargeback-threat', 'ruckbuchung'],
    ['kuendige meinen vertrag sofort!!!', 'cancellation-threat', 'kuendige'],
    ['Die Sache ist extrem dringend!', 'immediacy', 'dringend'],
    ['I need an urgently needed replacement.', 'immediacy', 'urgently'],
    // Payment disputes as customers phrase them.
    ['ich habe einen Fall bei PayPal eröffnet', 'chargeback-threat', 'bei PayPal eröffnet'],
    ['Klarna-Reklamation ist raus.', 'chargeback-threat', 'Klarna-Reklamation'],
    ["I'll open a dispute with Klarna.", 'chargeback-threat', 'dispute with Klarna'],
    ["I'll dispute it with Amex.", 'chargeback-threat', 'dispute it with Amex'],
    ['ich lasse die Lastschrift zurückgehen', 'chargeback-threat', 'Lastschrift zurückgehen'],
    ['Wenn nichts passiert, lasse ich die Lastschriften zurückbuchen.', 'chargeback-threat', 'zurückbuchen'],
    ["I'll reverse the direct debit.", 'chargeback-threat', 'reverse the direct debit'],
    // Separable verbs and verb-final order.
    [
      'Ich buche das Geld über die Kreditkarte zurück.',
      'chargeback-threat',
      'buche das Geld über die Kreditkarte zurück',
    ],
    ['Ihr habt mir dreimal das falsche geschickt, ich zeig euch an', 'legal-threat', 'zeig euch an'],
    ['Ich habe beschlossen, dass ich das Abo kündigen werde.', 'cancellation-threat', 'Abo kündigen'],
    ['Wenn das so weitergeht, dann werde ich kündigen.', 'cancellation-threat', 'kündigen'],
    // Going public.
    ["I'll tell everyone about this.", 'public-review', 'tell everyone'],
    ['I will post this on Twitter.', 'public-review', 'post this on Twitter'],
    ["I'll leave a 1-star review on Trustpilot.", 'public-review', 'leave a 1-star review on Trustpilot'],
    ['das werde ich überall erzählen', 'public-review', 'überall erzählen'],
    ['Ich werde eine entsprechende Bewertung schreiben.', 'public-review', 'entsprechende Bewertung'],
    ['Sie können sich auf eine schlechte Bewertung gefasst machen.', 'public-review', 'schlechte Bewertung'],
    ['Ich werde euch auf Trustpilot bewerten.', 'public-review', 'auf Trustpilot bewerten'],
    ['Ich werde das in Foren und sozialen Medien teilen.', 'public-review', 'in Foren und sozialen Medien teilen'],
    ['Fix it today or I will make sure everyone knows.', 'public-review', 'everyone knows'],
    // Counting one's own mails and complaints.
    ['this is my 4th email', 'repeated-contact', '4th email'],
    ['3 E-Mails, keine Antwort.', 'repeated-contact', '3 E-Mails, keine Antwort'],
    ['Das ist meine dritte Beschwerde.', 'repeated-contact', 'dritte Beschwerde'],
    ['ich schreibe jetzt zum x-ten Mal', 'repeated-contact', 'zum x-ten Mal'],
    ['Das ist jetzt das dritte Mal, dass ich schreibe!', 'repeated-contact', 'das dritte Mal'],
    ['ich hab euch jetzt 5 mails geschrieben und nix passiert', 'repeated-contact', '5 mails geschrieben'],
    ["I've emailed you 4 times already.", 'repeated-contact', 'emailed you 4 times'],
    ["It's not the first time this happens.", 'repeated-contact', 'not the first time'],
    ['Ich warte seit 3 Wochen auf eine Antwort.', 'repeated-contact', 'seit 3 Wochen auf eine Antwort'],
    // Threats to leave, with any company name.
    ["I'm done with Nordwind for good.", 'cancellation-threat', 'done with Nordwind'],
    ['Ich bin fertig mit Kaffeehaus Brema.', 'cancellation-threat', 'fertig mit Kaffeehaus'],
    ['Das war meine letzte Bestellung bei euch.', 'cancellation-threat', 'war meine letzte Bestellung'],
    ['You have lost a customer.', 'cancellation-threat', 'lost a customer'],
    ['Nie wieder! Ich bestelle nie mehr bei euch.', 'cancellation-threat', 'bestelle nie mehr'],
    // Deadlines stated as events.
    ["It's for my daughter's birthday on Saturday.", 'deadline', "for my daughter's birthday"],
    ['Ich brauche es vor Weihnachten.', 'deadline', 'vor Weihnachten'],
    ['bis zur Hochzeit muss es da sein', 'deadline', 'bis zur Hochzeit'],
    ['We need it before we leave on holiday.', 'deadline', 'before we leave on holiday'],
    ['Das ist zum Geburtstag meiner Mutter nächste Woche.', 'deadline', 'Geburtstag meiner Mutter nächste Woche'],
    ['Der Ranzen ist für die Einschulung.', 'deadline', 'für die Einschulung'],
    ['I need the book for my exam on Monday.', 'deadline', 'exam on Monday'],
    [
      'kannst du mir sagen wann es kommt es ist für die hochzeit meiner schwester am samstag',
      'deadline',
      'hochzeit meiner schwester am samstag',
    ],
  ])('%s → %s (%s)', (text, kind, phrase) => {
    const reasons = detectUrgency(text).reasons.filter((r) => r.kind === kind);
    expect(reasons.map((r) => r.phrase)).toContain(phrase);
    for (const reason of reasons) expect(text.slice(reason.start, reason.end)).toBe(reason.phrase);
  });

  it('reads a condition or an ultimatum as a threat, whatever the word order', () => {
    expect(kinds('If it’s not here by Friday, then I’ll cancel and buy elsewhere.')).toEqual([
      'deadline',
      'cancellation-threat',
    ]);
    expect(phrases("If it's not here by Friday, then I'll cancel and buy elsewhere.", 'cancellation-threat')).toEqual([
      'cancel',
      'buy elsewhere',
    ]);
    expect(
      phrases('Wenn das nicht bis Freitag da ist, dann kündige ich und bestelle woanders.', 'cancellation-threat'),
    ).toEqual(['kündige', 'bestelle woanders']);
    expect(phrases('Sollte das Paket bis Freitag nicht da sein, kündige ich.', 'cancellation-threat')).toEqual([
      'kündige',
    ]);
    expect(phrases('Ich will mein Geld, sonst storniere ich die Bestellung.', 'cancellation-threat')).toEqual([
      'storniere',
    ]);
    expect(
      phrases(
        'wenn das nicht bis morgen da ist dann storniere ich und ihr seht mich nie wieder',
        'cancellation-threat',
      ),
    ).toEqual(['storniere', 'seht mich nie wieder']);
    expect(phrases("If I don't get a refund I will cancel my order.", 'cancellation-threat')).toEqual(['cancel']);
    // A plain request to cancel an order threatens nothing.
    expect(kinds('Bitte stornieren Sie meine Bestellung.')).toEqual([]);
    expect(kinds('Please cancel my order, I ordered the wrong size.')).toEqual([]);
    expect(kinds('Wie kann ich die Bestellung stornieren?')).toEqual([]);
    expect(kinds('Können Sie mir sagen, wie ich kündigen kann? Danke.')).toEqual([]);
  });

  it.each([
    'Ich werde mein Abo nicht kündigen.',
    'No need to cancel.',
    'Kein Anwalt nötig.',
    'Mein Anwalt ist nicht nötig, wir klären das sicher.',
    "I'm not going to cancel, I just want to know.",
    'Ich möchte auf keinen Fall kündigen.',
    "I won't post anything, don't worry.",
    'Ich will keine schlechte Bewertung schreiben, aber bitte melden Sie sich.',
    'Es ist kein Notfall.',
    'Es muss nicht sofort sein.',
    'I have no intention of cancelling my subscription.',
  ])('reads the negation in "%s"', (text) => {
    expect(detectUrgency(text).reasons).toEqual([]);
  });

  it('keeps a threat after "no other choice" or "won\'t hesitate"', () => {
    expect(kinds('Ich habe keine andere Wahl, als meinen Anwalt einzuschalten.')).toEqual(['legal-threat']);
    expect(kinds('I have no choice but to take legal action.')).toEqual(['legal-threat']);
    expect(kinds("I won't hesitate to contact my lawyer.")).toEqual(['legal-threat']);
  });

  it.each([
    'After my cancellation I still got charged.',
    'Nach meiner Kündigung wurde trotzdem abgebucht.',
    'I cancelled the order yesterday, when is the refund?',
    'Die Bestellung habe ich storniert.',
    'Nachdem ich storniert habe, kam keine Erstattung.',
    'Since I cancelled, nothing happened.',
    'Ich habe gekündigt und warte auf die Bestätigung.',
    "I've cancelled my membership, please confirm.",
    'I cancelled my subscription last month, why was I charged?',
    'Meine Kündigung wurde nicht bestätigt.',
    'Regarding my cancellation: when do I get the money?',
    'Ich habe die Kündigungsbestätigung erhalten, aber das Abo läuft weiter.',
  ])('reads a cancellation already done as no threat: "%s"', (text) => {
    expect(kinds(text)).not.toContain('cancellation-threat');
  });

  it.each([
    'Bitte liefern Sie an Anwaltsgasse 3, 53111 Bonn.',
    'Meine Adresse: Klägerstraße 12, 10115 Berlin',
    'neue adresse: anwaltsgasse 3',
    'Please send it to 14 Court Road, London SW1A 1AA.',
    'please send it to 14 court road',
    "I live at Lawyer's Lane 5.",
    'Rechnung an Kanzlei Dr. Weber Rechtsanwälte, Anwaltsgasse 3, 53111 Bonn',
    'Bitte die Rechnung an die Kanzlei Dr. Weber Rechtsanwälte ausstellen, danke.',
    'Please address the invoice to Smith & Jones Solicitors LLP, 1 Court Road.',
    'Bill to: Miller Attorneys Inc., 5 Main Street',
    'Viele Grüße\nDr. Max Weber\nRechtsanwalt',
    'Mit freundlichen Grüßen\nAnna Schmidt\nWeber & Partner Rechtsanwälte mbB\nAmtsgericht Bonn HRB 1234',
    'Schreiben Sie mir an anwalt@kanzlei-weber.de, danke.',
    'Sue from your team helped me last time.',
    'Thanks for the courtesy call from your Court Street office.',
  ])('never reads an address, a name or a signature as a cue: "%s"', (text) => {
    expect(detectUrgency(text).reasons).toEqual([]);
    expect(detectUrgency(text).level).toBe('normal');
  });

  it('still reads a lawyer the customer engages, next to a firm name', () => {
    expect(kinds('Ich habe die Kanzlei Dr. Weber Rechtsanwälte beauftragt.')).toEqual(['legal-threat']);
    expect(kinds('Ich gehe jetzt zu meinem Anwalt, Kanzlei Dr. Weber.')).toEqual(['legal-threat']);
  });

  it.each([
    'Sie schrieben: „Wir werden Ihre Bestellung stornieren und den Anwalt einschalten.“',
    'You wrote "we will take legal action if you don\'t pay immediately".',
    '> Ich kündige sofort!\nDanke für die Info.',
    'Danke.\nAm 12.03.2025 schrieb Support <help@shop.de>:\nIhre Kündigung ist dringend, sonst Anwalt.',
    'Hello,\nthanks.\n\n-----Original Message-----\nFrom: Support\nSent: Monday\nWe will take legal action.',
    'Laut Ihrer Mail "wird das Geld sofort erstattet" – passiert ist nichts.',
    'Ihr Kollege sagte mir, dass das dringend bearbeitet wird.',
  ])('never reads the agent’s quoted words as the customer’s: "%s"', (text) => {
    expect(detectUrgency(text).reasons).toEqual([]);
  });

  it('reads the customer’s own words around a quote', () => {
    const text = 'You said it would be here by Friday, it’s Monday now. I’ll sue.';
    expect(kinds(text)).toEqual(['legal-threat']);
    expect(kinds('Sie schrieben, dass es bis Freitag kommt, sonst storniere ich.')).toEqual(['cancellation-threat']);
  });

  it('does not count the past or a greeting as a deadline', () => {
    expect(kinds('Ich habe es letztes Jahr zum Geburtstag bekommen.')).toEqual([]);
    expect(kinds('Thanks for the birthday wishes!')).toEqual([]);
    expect(kinds('Frohe Weihnachten und danke!')).toEqual([]);
    expect(kinds('Bis heute habe ich nichts bekommen.')).toEqual([]);
    expect(kinds("Until today I haven't received anything.")).toEqual([]);
  });

  it('does not read loyal or neutral mail as pressure', () => {
    for (const text of [
      'Ich habe schon oft bei euch bestellt und war immer zufrieden.',
      'I have ordered from you many times and I love it.',
      'Meine letzte Bestellung bei euch ist noch nicht angekommen.',
      'Ich habe per Klarna bezahlt, die Rechnung kam per Mail.',
      'Can you reverse the charge? I was billed twice.',
      'Thanks for the quick help, I’ll leave a 5-star review!',
      'Ich werde euch eine gute Bewertung geben.',
      "I'm going to leave a review, you guys were great!",
      'Ich schreibe gerne eine Bewertung.',
      'Wie kann ich eine Bewertung schreiben?',
      'I read some reviews on Trustpilot before ordering.',
      'I bought 3 tickets for the concert.',
      'Ich habe keine Vorankündigung bekommen.',
      'Die Kündigungsfrist beträgt 3 Monate.',
      'Ich will mir die Rechnung anzeigen lassen.',
    ]) {
      expect(detectUrgency(text).reasons, text).toEqual([]);
    }
  });

  it('reads a bad review as a threat even beside a negated "gut"', () => {
    expect(kinds('Ich werde eine schlechte Bewertung schreiben, das ist nicht gut.')).toEqual(['public-review']);
    expect(kinds("I'll leave a review and it won't be a good one.")).toEqual(['public-review']);
  });

  it('rates a public-review threat like a threat to leave', () => {
    expect(detectUrgency("I'll tell everyone about this.").level).toBe('high');
    expect(levelFromKinds(['public-review', 'cancellation-threat', 'deadline'])).toBe('critical');
  });

  it('stays bounded on a pasted wall of text', () => {
    const wall =
      'Hallo, ich habe am 3. März bestellt und nichts bekommen. I called three times, nobody answers! '.repeat(1100);
    expect(wall.length).toBeGreaterThan(100_000);
    const result = detectUrgency(wall);
    const perKind = new Map<string, number>();
    for (const reason of result.reasons) perKind.set(reason.kind, (perKind.get(reason.kind) ?? 0) + 1);
    for (const count of perKind.values()) expect(count).toBeLessThanOrEqual(3);
    expect(detectUrgency('a'.repeat(100_000)).reasons).toEqual([]);
  });
});

describe('counted times are repeated contact only when they count contacts', () => {
  it('a password reset for the third time is not repeated contact', () => {
    expect(detectUrgency('hab diese woche jetzt zum dritten mal das passwort zurückgesetzt').reasons).toEqual([]);
  });

  it('"Attorneys at Law" in a billing address is a firm, not a threat', () => {
    const text =
      'Please update the billing contact to:\n\nGreene & Patel, Attorneys at Law\n400 Main Street, Suite 1200';
    expect(detectUrgency(text).reasons).toEqual([]);
  });
});
