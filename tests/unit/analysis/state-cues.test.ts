// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { detectStateCues, type StateCueKind } from '../../../lib/analysis/state-cues';

function kinds(text: string): StateCueKind[] {
  return [...new Set(detectStateCues(text).map((cue) => cue.kind))];
}

function phrases(text: string, kind: StateCueKind): string[] {
  return detectStateCues(text)
    .filter((cue) => cue.kind === kind)
    .map((cue) => cue.phrase);
}

describe('detectStateCues', () => {
  it.each<[string, StateCueKind, string]>([
    // Anxiety: worry, a deadline or a gift, money.
    ["I'm worried it won't arrive.", 'anxiety', 'worried'],
    ['ich mache mir Sorgen', 'anxiety', 'Sorgen'],
    ['Machst du dir auch solche Sorgen wie ich?', 'anxiety', 'Sorgen'],
    ['Ich bin echt besorgt.', 'anxiety', 'besorgt'],
    ['hoffentlich kommt es noch rechtzeitig', 'anxiety', 'hoffentlich kommt es noch'],
    ['es ist ein Geschenk', 'anxiety', 'ist ein Geschenk'],
    ['Das Geburtstagsgeschenk für meinen Sohn fehlt noch.', 'anxiety', 'Geburtstagsgeschenk für'],
    ["it's a birthday present", 'anxiety', "it's a birthday present"],
    ['I really need this money back, rent is due', 'anxiety', 'rent is due'],
    ['ich bin auf das Geld angewiesen', 'anxiety', 'auf das Geld angewiesen'],
    ['Ich habe Angst, dass das Paket verloren ist.', 'anxiety', 'Angst'],
    ['Ich bin echt nervös.', 'anxiety', 'nervös'],
    ["I'm panicking!", 'anxiety', 'panicking'],
    ['Will it arrive in time?', 'anxiety', 'in time'],
    ['Kommt das noch pünktlich an?', 'anxiety', 'pünktlich'],
    ['Ich schlafe schon ganz schlecht deswegen', 'anxiety', 'schlafe schon ganz schlecht'],
    ['Sie ist ganz aufgelöst.', 'anxiety', 'aufgelöst'],
    // Contempt for the company or its staff: anger.
    ['Ihr seid echt unfähig.', 'contempt', 'unfähig'],
    ['Wollt ihr mich eigentlich verarschen??', 'contempt', 'verarschen'],
    ['You lot are an absolute joke.', 'contempt', 'are an absolute joke'],
    ['your customer service clowns', 'contempt', 'clowns'],
    // Sarcasm: praise after a failure, thanks for nothing, scare quotes.
    ['Great, the wrong size again. Thanks a lot.', 'sarcasm', 'Great'],
    ['Great, the wrong size again. Thanks a lot.', 'sarcasm', 'Thanks a lot'],
    ['Toll, schon wieder falsch geliefert. Super Service!', 'sarcasm', 'Toll'],
    ['Toll, schon wieder falsch geliefert. Super Service!', 'sarcasm', 'Super'],
    ['wow, what amazing service, 3 weeks and nothing', 'sarcasm', 'amazing'],
    ['Danke für nichts', 'sarcasm', 'Danke für nichts'],
    ['thanks for nothing', 'sarcasm', 'thanks for nothing'],
    ['Das Paket ist wieder nicht da. Klasse gemacht, wirklich.', 'sarcasm', 'Klasse'],
    ['Wieder kaputt angekommen. Bravo.', 'sarcasm', 'Bravo'],
    ['Super Service, wirklich, 3 Wochen warten und dann das falsche Teil.', 'sarcasm', 'Super'],
    ['Thanks for your "fast" delivery.', 'sarcasm', '"fast"'],
    ['Der „schnelle“ Versand hat 3 Wochen gedauert.', 'sarcasm', '„schnelle“'],
    // Failed attempts to reach someone or fix it.
    ["I've called three times", 'failed-attempts', 'called three times'],
    ['nobody answers the hotline', 'failed-attempts', 'nobody answers'],
    ['ich habe schon zweimal angerufen und keiner geht ran', 'failed-attempts', 'keiner geht ran'],
    ['hey ich hab 2x angerufen keiner geht ran und im chat fliegt man raus', 'failed-attempts', '2x angerufen'],
    ['the chat just closes', 'failed-attempts', 'chat just closes'],
    ['I tried everything.', 'failed-attempts', 'tried everything'],
    ['seit Wochen versuche ich, jemanden zu erreichen', 'failed-attempts', 'versuche ich, jemanden zu erreichen'],
    ['Ihre Hotline ist nie erreichbar.', 'failed-attempts', 'nie erreichbar'],
    ["I can't get through to anyone.", 'failed-attempts', "can't get through"],
    // Calm acceptance.
    ["ok, I'll wait then", 'calm-acceptance', "I'll wait"],
    ['alles klar, dann warte ich', 'calm-acceptance', 'dann warte ich'],
    ['no problem, thanks', 'calm-acceptance', 'no problem'],
    ['fine, thanks for letting me know', 'calm-acceptance', 'thanks for letting me know'],
    ['kein Problem', 'calm-acceptance', 'kein Problem'],
    ['Okay, danke. Dann warte ich noch bis Montag.', 'calm-acceptance', 'Okay, danke'],
    // Confusion.
    ["I don't understand why I was charged twice", 'confusion', "don't understand"],
    ['ich verstehe nicht, warum das so lange dauert', 'confusion', 'verstehe nicht'],
    ['Die Rechnung verstehe ich nicht.', 'confusion', 'verstehe ich nicht'],
    ['what does this mean?', 'confusion', 'what does this mean'],
    ['was bedeutet das?', 'confusion', 'was bedeutet'],
    ["I'm confused.", 'confusion', 'confused'],
    ['bin verwirrt', 'confusion', 'verwirrt'],
    ['wie funktioniert das?', 'confusion', 'wie funktioniert'],
    ['Ich weiß nicht, wie ich das Formular ausfüllen soll.', 'confusion', 'weiß nicht, wie'],
  ])('%s → %s (%s)', (text, kind, phrase) => {
    const cues = detectStateCues(text);
    expect(cues.filter((cue) => cue.kind === kind).map((cue) => cue.phrase)).toContain(phrase);
    for (const cue of cues) expect(text.slice(cue.start, cue.end)).toBe(cue.phrase);
  });

  it.each([
    "I'm not worried.",
    'Keine Sorge, das hat Zeit.',
    "Don't worry about it.",
    'Machen Sie sich keine Sorgen.',
    'Sorgen Sie bitte dafür, dass es ankommt.',
    'Ich habe keine Angst.',
  ])('reads no anxiety in "%s"', (text) => {
    expect(kinds(text)).not.toContain('anxiety');
  });

  it('reads no anxiety in a gift that should have been (sad, not anxious)', () => {
    const vase =
      'Das ist wirklich traurig, die Vase sollte ein Geschenk für meine Mutter zum 70. Geburtstag sein. Jetzt stehe ich mit leeren Händen da.';
    expect(kinds(vase)).not.toContain('anxiety');
  });

  it.each([
    'Thanks a lot for your help!',
    'Super, danke, das Paket ist angekommen.',
    'Vielen Dank für die schnelle Hilfe, super Service!',
    'Great, it works now. Thanks!',
    'The product is great, but delivery took two weeks.',
    'Toll, dass es so schnell geklappt hat.',
    'Das ist nicht toll, schon wieder falsch.',
  ])('reads plain praise and plain complaints as no sarcasm: "%s"', (text) => {
    expect(kinds(text)).not.toContain('sarcasm');
  });

  it('needs the failure in the same message for sarcastic praise', () => {
    expect(kinds('Klasse gemacht, wirklich.')).toEqual([]);
    expect(kinds('Bravo.')).toEqual([]);
  });

  it.each(["I haven't tried calling yet.", 'Ich habe noch nicht angerufen.'])(
    'reads no failed attempt in "%s"',
    (text) => {
      expect(kinds(text)).not.toContain('failed-attempts');
    },
  );

  it('reads a calm closing only as a closing, never in a question or negated', () => {
    expect(
      kinds('Vielen Dank für Ihre Rückmeldung. Leider ist bis heute keine Erstattung da. Ich erwarte eine Antwort.'),
    ).not.toContain('calm-acceptance');
    expect(kinds('Das ist doch kein Problem für euch, oder?')).not.toContain('calm-acceptance');
    expect(kinds("That's not fine at all.")).not.toContain('calm-acceptance');
    expect(kinds("I can't wait any longer.")).not.toContain('calm-acceptance');
    expect(kinds('I will not wait any longer.')).not.toContain('calm-acceptance');
  });

  it('reads thanks for something done, not thanks in advance or a sign-off', () => {
    expect(kinds('herzlichen Dank für die unkomplizierte Kulanzlösung, damit hatte ich nicht gerechnet.')).toContain(
      'gratitude',
    );
    expect(kinds('Super, danke euch! Hat alles geklappt.')).toContain('gratitude');
    expect(kinds('Thank you so much, the replacement arrived today.')).toContain('gratitude');
    expect(kinds('Thanks for sorting this out so quickly!')).toContain('gratitude');
    expect(kinds('Vielen Dank im Voraus.')).not.toContain('gratitude');
    expect(kinds('Thanks in advance for your help.')).not.toContain('gratitude');
    expect(kinds('Could you refund that please? Thanks, Natalie')).not.toContain('gratitude');
  });

  it('reads a request, so that a request signed off with thanks is not gratitude', () => {
    expect(kinds('Could you refund that please? Thanks, Natalie')).toContain('request');
    expect(kinds('Können Sie mir bitte das Geld zurücküberweisen?')).toContain('request');
    expect(kinds('Everything arrived, all good.')).not.toContain('request');
  });

  it('reads an either-or question about contradicting instructions as confusion', () => {
    expect(kinds('wait so do i send the old phone back first or do you send the new one first?')).toContain(
      'confusion',
    );
    expect(kinds('Muss ich da jetzt was machen oder passiert das von allein?')).toContain('confusion');
    expect(kinds('Ja was denn nun, kommt das Paket oder nicht?')).toContain('confusion');
  });

  it('reads no confusion where the customer understands', () => {
    expect(kinds('I understand, thanks.')).not.toContain('confusion');
    expect(kinds("I'm not confused, I just want my money.")).not.toContain('confusion');
  });

  it('never reads the agent’s quoted words, an address or a signature', () => {
    expect(detectStateCues('Sie schrieben: „Keine Sorge, das Paket kommt rechtzeitig zum Geburtstag.“')).toEqual([]);
    expect(detectStateCues('> Are you worried about the delivery?\nNo.')).toEqual([]);
    expect(detectStateCues('Lieferadresse: Sorgenweg 3, 12345 Angstdorf')).toEqual([]);
    expect(detectStateCues('Wo ist mein Paket?\nViele Grüße\nAnna Sorge')).toEqual([]);
    expect(
      detectStateCues(
        'Hallo,\nwo bleibt es?\n\nAm 3. März schrieb Support <a@b.de>:\n> Kein Problem, alles klar, danke.',
      ),
    ).toEqual([]);
  });

  it('reads several cues of one message with their offsets', () => {
    const text =
      "Hi, I'm really worried now: it's my daughter's birthday on Saturday and it's a present. I've called three times and nobody answers. Great, just great.";
    expect(kinds(text)).toEqual(['anxiety', 'failed-attempts', 'sarcasm']);
    expect(phrases(text, 'anxiety')).toEqual(['worried', "it's a present"]);
    for (const cue of detectStateCues(text)) expect(text.slice(cue.start, cue.end)).toBe(cue.phrase);
  });

  it('is empty for empty text and bounded for a wall of text', () => {
    expect(detectStateCues('')).toEqual([]);
    expect(detectStateCues('   ')).toEqual([]);
    const wall = 'Ich mache mir Sorgen. Toll, schon wieder falsch. Keiner geht ran! '.repeat(2000);
    const cues = detectStateCues(wall);
    for (const kind of ['anxiety', 'sarcasm', 'failed-attempts'] as const) {
      expect(cues.filter((cue) => cue.kind === kind).length).toBeLessThanOrEqual(5);
    }
  });
});
