/**
 * Training examples authored for this project (no outside source, MIT like the rest of the repo), generated from
 * phrase patterns so the shipped models cover what the public data sets lack:
 * - German phrasings of the Bitext e-commerce intents (Bitext is English-only), and three intents Bitext lacks
 *   (damaged or wrong item, returns, thanks) in both languages;
 * - support-desk messages with sentiment and emotion labels in German and English (the public sentiment data is
 *   tweets, Reddit and subtitles, not customers writing to a shop);
 * - English abuse aimed at agents (GermEval covers German only) next to angry-but-civil messages labelled `other`.
 * Support mail and chat in customers' own style (typos, du/ihr, quoted history, sarcasm, worry) and German feedback
 * about trains and shops are composed in ./authored-support.ts and re-exported here.
 * Everything is deterministic: the same lists in the same order every run.
 */

export { authoredCustomerStyleExamples, authoredTransportFeedbackExamples } from './authored-support';

export interface AuthoredExample {
  text: string;
  labels: string[];
  lang: 'de' | 'en';
  /** Which recipe composed it, where a trainer treats some recipes differently (authored-support.ts). */
  kind?: string;
}

function cross(frames: string[], fills: string[]): string[] {
  const out: string[] = [];
  for (const f of frames) for (const x of fills) out.push(f.replace('{x}', x));
  return out;
}

const deGreetings = ['', 'Hallo, ', 'Guten Tag, ', 'Hallo zusammen, ', 'Sehr geehrte Damen und Herren, ', 'Hi, '];
const deClosings = ['', ' Danke.', ' Vielen Dank im Voraus.', ' Mit freundlichen Grüßen', ' Gruß', ' Danke!'];
const enGreetings = ['', 'Hello, ', 'Hi, ', 'Dear support team, ', 'Hey, '];
const enClosings = ['', ' Thanks.', ' Thank you in advance.', ' Regards', ' Cheers', ' Thanks!'];

/** German (Sie and du) phrasings per Bitext intent, plus the authored extra intents. */
const germanIntents: Record<string, string[]> = {
  cancel_order: [
    ...cross(
      [
        'Ich möchte {x} stornieren',
        'Wie kann ich {x} stornieren?',
        'Bitte stornieren Sie {x}',
        'Kann ich {x} noch stornieren?',
        'Ich will {x} widerrufen',
        'Hilfe beim Stornieren von {x}',
        'kannst du {x} stornieren?',
      ],
      [
        'meine Bestellung',
        'die Bestellung 000',
        'meine letzte Bestellung',
        'den Auftrag',
        'die Bestellung von gestern',
      ],
    ),
    'Bestellung stornieren',
    'Storno bitte',
    'Ich habe mich verklickt und möchte die Bestellung rückgängig machen',
  ],
  change_order: [
    ...cross(
      ['Ich möchte {x}', 'Kann ich {x}?', 'Wie kann ich {x}?', 'Bitte helfen Sie mir, {x}', 'geht es noch, {x}?'],
      [
        'meine Bestellung ändern',
        'einen Artikel aus meiner Bestellung entfernen',
        'noch etwas zu meiner Bestellung hinzufügen',
        'die Größe in meiner Bestellung ändern',
        'die Menge in der Bestellung anpassen',
        'die Farbe des bestellten Artikels ändern',
      ],
    ),
    'Bestellung ändern',
    'Ich habe die falsche Größe bestellt, können Sie das noch ändern?',
  ],
  change_shipping_address: [
    ...cross(
      ['Ich möchte {x}', 'Wie kann ich {x}?', 'Können Sie {x}?', 'Ich muss {x}', 'kann ich noch {x}?'],
      [
        'die Lieferadresse ändern',
        'meine Versandadresse ändern',
        'die Adresse meiner Bestellung korrigieren',
        'an eine andere Adresse liefern lassen',
        'die Hausnummer in der Lieferadresse korrigieren',
      ],
    ),
    'Ich bin umgezogen, bitte die Lieferadresse ändern',
    'Falsche Adresse angegeben, was nun?',
  ],
  check_cancellation_fee: [
    ...cross(
      [
        'Was kostet {x}?',
        'Gibt es Gebühren für {x}?',
        'Fallen Kosten an bei {x}?',
        'Wie hoch ist die Gebühr für {x}?',
        'Muss ich für {x} etwas bezahlen?',
      ],
      ['eine Stornierung', 'das Stornieren', 'eine Kündigung', 'den Rücktritt vom Vertrag', 'einen Widerruf'],
    ),
    'Stornogebühren prüfen',
    'Wie hoch sind die Stornokosten?',
  ],
  check_invoice: [
    ...cross(
      [
        'Wo finde ich {x}?',
        'Ich möchte {x} ansehen',
        'Können Sie {x} prüfen?',
        'Ich finde {x} nicht',
        'wo sehe ich {x}?',
      ],
      [
        'meine Rechnung',
        'die Rechnung zu meiner Bestellung',
        'die Rechnung vom letzten Monat',
        'meine Rechnungen im Kundenkonto',
        'den Rechnungsbetrag',
      ],
    ),
    'Die Rechnung stimmt nicht, bitte prüfen',
    'Rechnung anzeigen',
  ],
  check_payment_methods: [
    ...cross(
      ['Welche {x} gibt es?', 'Welche {x} akzeptieren Sie?', 'Ich möchte die {x} sehen', 'Was für {x} bietet ihr an?'],
      ['Zahlungsarten', 'Zahlungsmethoden', 'Zahlungsmöglichkeiten', 'Bezahlmöglichkeiten'],
    ),
    'Kann ich mit PayPal bezahlen?',
    'Kann ich auf Rechnung kaufen?',
    'Geht auch Kreditkarte oder Sofortüberweisung?',
    'Kann man per Lastschrift bezahlen?',
  ],
  check_refund_policy: [
    ...cross(
      ['Wie sind {x}?', 'Wo finde ich {x}?', 'Können Sie mir {x} erklären?', 'Ich möchte {x} lesen'],
      [
        'Ihre Erstattungsrichtlinien',
        'die Rückerstattungsbedingungen',
        'die Regeln für Rückerstattungen',
        'die Bedingungen für eine Erstattung',
      ],
    ),
    'In welchen Fällen bekomme ich mein Geld zurück?',
    'Habe ich Anspruch auf eine Erstattung?',
    'Wie lange habe ich Zeit, eine Erstattung zu beantragen?',
  ],
  complaint: [
    ...cross(
      ['Ich möchte {x}', 'Wie kann ich {x}?', 'Wo kann ich {x}?', 'Ich will {x}'],
      [
        'mich beschweren',
        'eine Beschwerde einreichen',
        'mich über Ihren Service beschweren',
        'eine Reklamation einreichen',
        'mich über einen Mitarbeiter beschweren',
      ],
    ),
    'Ich bin sehr unzufrieden und möchte mich beschweren',
    'Beschwerde über den Kundenservice',
    'Das ist inakzeptabel, ich reiche eine Beschwerde ein',
  ],
  contact_customer_service: [
    ...cross(
      [
        'Wie erreiche ich {x}?',
        'Wann ist {x} erreichbar?',
        'Ich möchte {x} kontaktieren',
        'Wie kann ich {x} anrufen?',
        'Telefonnummer von {x}?',
      ],
      ['den Kundenservice', 'den Kundendienst', 'Ihren Support', 'die Hotline'],
    ),
    'Was sind die Öffnungszeiten des Kundenservice?',
    'Gibt es eine E-Mail-Adresse für den Support?',
  ],
  contact_human_agent: [
    ...cross(
      ['Ich möchte {x}', 'Kann ich {x}?', 'Bitte {x}', 'Wie kann ich {x}?'],
      [
        'mit einem Menschen sprechen',
        'mit einem echten Mitarbeiter sprechen',
        'einen Mitarbeiter sprechen',
        'mit einer Person reden',
        'zu einem Mitarbeiter weitergeleitet werden',
      ],
    ),
    'Ich will keinen Bot, ich will einen Menschen',
    'Verbinden Sie mich mit einem Mitarbeiter',
  ],
  create_account: [
    ...cross(
      ['Ich möchte {x}', 'Wie kann ich {x}?', 'Hilfe beim {x}', 'Kann ich {x}?'],
      [
        'ein Konto erstellen',
        'ein Kundenkonto anlegen',
        'mich registrieren',
        'ein neues Benutzerkonto eröffnen',
        'ein zweites Konto anlegen',
      ],
    ),
    'Registrierung für ein neues Konto',
    'Wie werde ich Kunde bei euch?',
  ],
  delete_account: [
    ...cross(
      ['Ich möchte {x}', 'Wie kann ich {x}?', 'Bitte {x}', 'Können Sie {x}?'],
      [
        'mein Konto löschen',
        'mein Kundenkonto löschen',
        'meine Daten löschen lassen',
        'mein Benutzerkonto schließen',
        'mein Profil entfernen',
      ],
    ),
    'Konto löschen',
    'Löschen Sie bitte alle meine Daten gemäß DSGVO',
  ],
  delivery_options: [
    ...cross(
      ['Welche {x} gibt es?', 'Welche {x} bieten Sie an?', 'Ich möchte die {x} sehen', 'Informationen zu {x}'],
      ['Versandoptionen', 'Lieferoptionen', 'Versandarten', 'Liefermöglichkeiten'],
    ),
    'Gibt es Expressversand?',
    'Kann ich an eine Packstation liefern lassen?',
    'Liefert ihr auch ins Ausland?',
    'Kann ich die Ware im Laden abholen?',
  ],
  delivery_period: [
    ...cross(
      ['Wann {x}?', 'Wie lange dauert es, bis {x}?', 'Ich möchte wissen, wann {x}', 'wann genau {x}?'],
      [
        'kommt meine Bestellung an',
        'mein Paket geliefert wird',
        'die Ware ankommt',
        'meine Lieferung kommt',
        'der Artikel geliefert wird',
      ],
    ),
    'Wie lange ist die Lieferzeit?',
    'Lieferzeit nach Österreich?',
    'Meine Bestellung ist immer noch nicht da, wann kommt sie endlich?',
    'Ich warte schon seit zwei Wochen auf die Lieferung',
  ],
  edit_account: [
    ...cross(
      ['Ich möchte {x}', 'Wie kann ich {x}?', 'Bitte helfen Sie mir, {x}', 'Kann ich {x}?'],
      [
        'meine Kontodaten ändern',
        'meine E-Mail-Adresse im Konto ändern',
        'meine Telefonnummer aktualisieren',
        'mein Profil bearbeiten',
        'meinen Namen im Konto korrigieren',
      ],
    ),
    'Kontoinformationen aktualisieren',
  ],
  get_invoice: [
    ...cross(
      [
        'Ich brauche {x}',
        'Können Sie mir {x} schicken?',
        'Bitte senden Sie mir {x}',
        'Wie bekomme ich {x}?',
        'schick mir bitte {x}',
      ],
      [
        'die Rechnung',
        'eine Rechnung für meine Bestellung',
        'die Rechnung als PDF',
        'eine Kopie der Rechnung',
        'die Rechnung vom März',
      ],
    ),
    'Rechnung herunterladen',
    'Ich habe keine Rechnung erhalten',
  ],
  get_refund: [
    ...cross(
      ['Ich möchte {x}', 'Wie bekomme ich {x}?', 'Ich will {x}', 'Bitte {x}', 'Ich verlange {x}'],
      [
        'mein Geld zurück',
        'eine Rückerstattung',
        'den Kaufpreis erstattet bekommen',
        'eine Erstattung für die Bestellung',
        'das Geld zurücküberwiesen haben',
      ],
    ),
    'Geld zurück bitte',
    'Erstatten Sie mir sofort den Betrag!',
  ],
  newsletter_subscription: [
    ...cross(
      ['Ich möchte {x}', 'Wie kann ich {x}?', 'Bitte {x}'],
      [
        'den Newsletter abonnieren',
        'mich für den Newsletter anmelden',
        'mich vom Newsletter abmelden',
        'den Newsletter abbestellen',
        'keine Werbe-E-Mails mehr bekommen',
      ],
    ),
    'Newsletter abmelden',
  ],
  payment_issue: [
    ...cross(
      ['Ich habe {x}', 'Es gibt {x}', 'Hilfe, {x}', 'Ich möchte {x} melden'],
      [
        'ein Problem mit der Zahlung',
        'ein Problem beim Bezahlen',
        'eine doppelte Abbuchung',
        'Probleme mit meiner Kreditkarte',
        'einen Fehler bei der Zahlung',
      ],
    ),
    'Meine Zahlung wurde abgelehnt',
    'Mir wurde zweimal Geld abgebucht',
    'Die Zahlung mit PayPal funktioniert nicht',
  ],
  place_order: [
    ...cross(
      ['Ich möchte {x}', 'Wie kann ich {x}?', 'Kann ich {x}?', 'Hilfe beim {x}'],
      [
        'etwas bestellen',
        'eine Bestellung aufgeben',
        'mehrere Artikel kaufen',
        'online bestellen',
        'telefonisch bestellen',
      ],
    ),
    'Wie funktioniert die Bestellung?',
  ],
  recover_password: [
    ...cross(
      ['Ich habe {x}', 'Wie kann ich {x}?', 'Ich möchte {x}', 'Hilfe, {x}'],
      [
        'mein Passwort vergessen',
        'mein Passwort zurücksetzen',
        'mein Kennwort wiederherstellen',
        'keinen Zugang mehr zu meinem Konto',
      ],
    ),
    'Passwort vergessen',
    'Ich kann mich nicht mehr einloggen',
    'Der Link zum Zurücksetzen des Passworts kommt nicht an',
  ],
  registration_problems: [
    ...cross(
      ['Ich habe {x}', 'Es gibt {x}', 'Ich möchte {x} melden'],
      [
        'Probleme bei der Registrierung',
        'einen Fehler bei der Anmeldung als Neukunde',
        'ein Problem beim Registrieren',
        'Schwierigkeiten, mich zu registrieren',
      ],
    ),
    'Die Registrierung funktioniert nicht',
    'Ich bekomme keine Bestätigungsmail nach der Registrierung',
  ],
  review: [
    ...cross(
      ['Ich möchte {x}', 'Wo kann ich {x}?', 'Wie kann ich {x}?'],
      [
        'eine Bewertung schreiben',
        'Feedback geben',
        'eine Rezension abgeben',
        'den Service bewerten',
        'meine Meinung zu dem Produkt abgeben',
      ],
    ),
    'Bewertung abgeben',
  ],
  set_up_shipping_address: [
    ...cross(
      ['Ich möchte {x}', 'Wie kann ich {x}?', 'Hilfe beim {x}'],
      [
        'eine neue Lieferadresse anlegen',
        'eine zweite Versandadresse hinzufügen',
        'eine Lieferadresse hinterlegen',
        'eine Standardadresse für den Versand einrichten',
      ],
    ),
    'Neue Lieferadresse einrichten',
  ],
  switch_account: [
    ...cross(
      ['Ich möchte {x}', 'Wie kann ich {x}?', 'Kann ich {x}?'],
      [
        'das Konto wechseln',
        'zu einem anderen Konto wechseln',
        'zwischen zwei Konten wechseln',
        'mit einem anderen Benutzer anmelden',
      ],
    ),
    'Benutzer wechseln',
  ],
  track_order: [
    ...cross(
      [
        'Wo ist {x}?',
        'Ich möchte {x} verfolgen',
        'Wie kann ich {x} verfolgen?',
        'Was ist der Status von {x}?',
        'Sendungsverfolgung für {x}',
      ],
      ['meine Bestellung', 'mein Paket', 'die Bestellung 000', 'meine Sendung', 'meine Lieferung'],
    ),
    'Wo bleibt mein Paket?',
    'Ich brauche die Sendungsnummer',
    'Der Tracking-Link funktioniert nicht',
  ],
  track_refund: [
    ...cross(
      ['Wie ist der Stand {x}?', 'Wann kommt {x}?', 'Ich möchte den Status {x} prüfen', 'Wo bleibt {x}?'],
      ['meiner Rückerstattung', 'meine Erstattung', 'der Erstattung', 'mein Geld'],
    ),
    'Ich habe die Ware zurückgeschickt, aber noch kein Geld erhalten',
    'Wann wird mir der Betrag gutgeschrieben?',
  ],
  damaged_or_wrong_item: [
    ...cross(
      ['{x}', '{x}, was soll ich tun?', '{x}. Bitte um Ersatz.', 'Leider {x}'],
      [
        'Der Artikel kam beschädigt an',
        'Das Paket war kaputt',
        'Ich habe den falschen Artikel bekommen',
        'Es fehlt ein Teil in der Lieferung',
        'Die Ware ist defekt',
        'Das Produkt funktioniert nicht',
        'Sie haben mir die falsche Größe geschickt',
      ],
    ),
  ],
  return_item: [
    ...cross(
      ['Ich möchte {x}', 'Wie kann ich {x}?', 'Kann ich {x}?', 'Wie funktioniert es, {x}?'],
      [
        'den Artikel zurückschicken',
        'die Ware zurücksenden',
        'eine Retoure anmelden',
        'das Paket zurückgeben',
        'ein Rücksendeetikett bekommen',
        'die Schuhe umtauschen',
      ],
    ),
    'Rücksendung',
    'Retourenschein fehlt',
  ],
  thank_you: [
    ...cross(
      ['{x}', '{x} Schönen Tag noch!', '{x} Alles bestens.'],
      [
        'Vielen Dank für die schnelle Hilfe!',
        'Danke, das Paket ist angekommen.',
        'Super, vielen Dank!',
        'Danke für Ihre Mühe.',
        'Perfekt, hat alles geklappt. Danke!',
        'Herzlichen Dank, Problem gelöst.',
      ],
    ),
  ],
};

/**
 * English phrasings customers write in emails (Bitext's sample is short chatbot queries): a few key intents with the
 * order, parcel and money words that otherwise pull towards the wrong intent.
 */
const englishEmailIntents: Record<string, string[]> = {
  get_refund: cross(
    ['I want {x}', 'I demand {x}', 'please give me {x}', 'I would like {x}', 'when do I get {x}?'],
    [
      'a refund for my order',
      'my money back',
      'a full refund',
      'a refund for the damaged item',
      'the money back for order 000',
    ],
  ),
  track_order: cross(
    ['where is {x}?', 'I cannot find {x}', 'what is the status of {x}?', 'any update on {x}?'],
    ['my order', 'my parcel', 'my package', 'order 000', 'my delivery'],
  ),
  cancel_order: cross(
    ['I want to cancel {x}', 'please cancel {x}', 'cancel {x} immediately'],
    ['my order', 'order 000', 'the order I placed yesterday', 'my purchase'],
  ),
  delivery_period: cross(
    ['{x}', '{x}, when will it arrive?', '{x}. How long will it take?'],
    [
      'my order still has not arrived',
      'I have been waiting two weeks for my parcel',
      'the delivery is late',
      'my package is delayed',
    ],
  ),
  get_invoice: cross(
    ['please send me {x}', 'I need {x}', 'can I get {x}?'],
    ['the invoice for my order', 'an invoice for order 000', 'a copy of the invoice', 'the invoice as a PDF'],
  ),
};

/** English phrasings for the three intents Bitext lacks. */
const englishExtraIntents: Record<string, string[]> = {
  damaged_or_wrong_item: cross(
    ['{x}', '{x}, what should I do?', '{x}. I need a replacement.', 'Unfortunately {x}'],
    [
      'the item arrived damaged',
      'the package was broken',
      'I received the wrong item',
      'a part is missing from my order',
      'the product is defective',
      'the product does not work',
      'you sent me the wrong size',
      'the screen is cracked',
    ],
  ),
  return_item: [
    ...cross(
      ['I want to {x}', 'how do I {x}?', 'can I {x}?', 'I would like to {x}'],
      [
        'return the item',
        'send the product back',
        'start a return',
        'get a return label',
        'exchange these shoes',
        'return my order',
      ],
    ),
    'return label missing',
  ],
  thank_you: cross(
    ['{x}', '{x} Have a nice day!', '{x} All good now.'],
    [
      'Thank you so much for the quick help!',
      'Thanks, the parcel arrived.',
      'Great, thanks a lot!',
      'Thanks for your effort.',
      'Perfect, everything worked. Thank you!',
      'Many thanks, problem solved.',
    ],
  ),
};

function decorate(base: string[], greetings: string[], closings: string[], step: number): string[] {
  const out: string[] = [];
  base.forEach((b, i) => {
    out.push(b);
    // A greeting/closing variant for some sentences, picked by position (deterministic, no RNG needed).
    const g = greetings[(i * step) % greetings.length] ?? '';
    const c = closings[(i * (step + 1)) % closings.length] ?? '';
    if (g || c) out.push(`${g}${g ? b.charAt(0).toLowerCase() + b.slice(1) : b}${c}`);
  });
  return out;
}

/** Authored intent examples: German for every intent, English for the intents Bitext lacks. */
export function authoredIntentExamples(): AuthoredExample[] {
  const out: AuthoredExample[] = [];
  for (const [label, texts] of Object.entries(germanIntents)) {
    for (const text of decorate(texts, deGreetings, deClosings, 1)) out.push({ text, labels: [label], lang: 'de' });
  }
  for (const [label, texts] of [...Object.entries(englishExtraIntents), ...Object.entries(englishEmailIntents)]) {
    for (const text of decorate(texts, enGreetings, enClosings, 1)) out.push({ text, labels: [label], lang: 'en' });
  }
  return out;
}

/** The intents the authored data adds beyond Bitext's 27. */
export const authoredExtraIntents = Object.keys(englishExtraIntents);

/** Support-desk messages: `labels` = [sentiment, ...emotions]. */
const supportMessages: { sentiment: string; emotions: string[]; de: string[]; en: string[] }[] = [
  {
    sentiment: 'negative',
    emotions: ['angry'],
    de: [
      'Das ist eine absolute Frechheit! Ich warte seit drei Wochen auf mein Geld.',
      'Ich bin stinksauer. Zum dritten Mal schreibe ich Ihnen und niemand antwortet!',
      'Unverschämt, wie Sie mit Ihren Kunden umgehen. Ich will sofort mein Geld zurück!',
      'Was für ein Saftladen! Nie wieder bestelle ich bei Ihnen.',
      'Ich bin wütend. Sie haben mir zweimal abgebucht und reagieren nicht.',
      'Das ist Betrug! Ich schalte meinen Anwalt ein, wenn das Geld nicht bis Freitag da ist.',
      'Eine Unverschämtheit, dass ich nach vier Wochen immer noch keine Erstattung habe!',
      'Jetzt reicht es mir endgültig. Ich storniere alles und erzähle jedem davon.',
    ],
    en: [
      'This is outrageous! I have been waiting three weeks for my money.',
      'I am furious. This is the third time I am writing and nobody answers!',
      'Disgraceful how you treat your customers. I want my money back right now!',
      'What a joke of a company! Never ordering from you again.',
      'I am so angry. You charged me twice and you ignore me.',
      'This is a scam! I will contact my lawyer if the money is not back by Friday.',
      'Absolutely unacceptable that after four weeks I still have no refund!',
      'I have had enough. I am cancelling everything and telling everyone about this.',
    ],
  },
  {
    sentiment: 'negative',
    emotions: ['frustrated'],
    de: [
      'Ich habe jetzt schon dreimal angerufen und es passiert einfach nichts.',
      'Langsam nervt es wirklich. Wann kommt denn endlich mein Paket?',
      'Schon wieder eine automatische Antwort. Kann sich bitte jemand richtig darum kümmern?',
      'Die Lieferung ist wieder verspätet. Das ist echt ärgerlich.',
      'Ihr Tracking zeigt seit Tagen denselben Status. Sehr enttäuschend.',
      'Ich verstehe nicht, warum das so lange dauert. Das ist mühsam.',
      'Leider hat sich immer noch nichts getan, obwohl Sie es mir versprochen haben.',
    ],
    en: [
      'I have called three times now and nothing happens.',
      'This is getting really annoying. When will my parcel finally arrive?',
      'Another automated reply. Can someone please actually look at this?',
      'The delivery is late again. This is really irritating.',
      'Your tracking has shown the same status for days. Very disappointing.',
      'I do not understand why this takes so long. It is tiresome.',
      'Still nothing has happened even though you promised it would be sorted.',
    ],
  },
  {
    sentiment: 'negative',
    emotions: ['sad'],
    de: [
      'Ich bin sehr enttäuscht. Das Geschenk für meine Tochter kam kaputt an.',
      'Schade, ich hatte mich so auf die Bestellung gefreut und jetzt ist sie beschädigt.',
      'Leider ist das Paket nicht rechtzeitig zum Geburtstag gekommen. Sehr traurig.',
    ],
    en: [
      'I am really disappointed. The gift for my daughter arrived broken.',
      'Such a shame, I was looking forward to this order and now it is damaged.',
      'Sadly the parcel did not arrive in time for the birthday. Very sad.',
    ],
  },
  {
    sentiment: 'negative',
    emotions: ['anxious'],
    de: [
      'Ich mache mir Sorgen, weil das Geld abgebucht wurde, aber keine Bestellung angezeigt wird.',
      'Ich brauche das Kleid unbedingt bis Samstag zur Hochzeit, bitte helfen Sie mir!',
      'Ist mein Konto gehackt worden? Ich sehe Bestellungen, die ich nicht gemacht habe.',
    ],
    en: [
      'I am worried because the money was taken but no order shows up.',
      'I really need the dress by Saturday for the wedding, please help me!',
      'Has my account been hacked? I see orders I did not place.',
    ],
  },
  {
    sentiment: 'neutral',
    emotions: ['confused'],
    de: [
      'Ich verstehe die Rechnung nicht. Warum sind da zwei Beträge?',
      'Mir ist nicht klar, ob ich das Paket selbst zurückschicken muss.',
      'Wie genau funktioniert das mit dem Rücksendeetikett? Ich finde es nicht.',
    ],
    en: [
      'I do not understand the invoice. Why are there two amounts?',
      'It is not clear to me whether I have to send the parcel back myself.',
      'How exactly does the return label work? I cannot find it.',
    ],
  },
  {
    sentiment: 'neutral',
    emotions: ['neutral'],
    de: [
      'Können Sie mir sagen, wann meine Bestellung verschickt wird?',
      'Bitte senden Sie mir die Rechnung zu Bestellung 000.',
      'Ich möchte meine Lieferadresse ändern.',
      'Anbei die Fotos des Artikels wie besprochen.',
      'Meine Kundennummer ist 000.',
      'Ist der Artikel in Größe M wieder lieferbar?',
    ],
    en: [
      'Could you tell me when my order will ship?',
      'Please send me the invoice for order 000.',
      'I would like to change my delivery address.',
      'Attached are the photos of the item as discussed.',
      'My customer number is 000.',
      'Is the item available in size M again?',
    ],
  },
  {
    sentiment: 'positive',
    emotions: ['grateful'],
    de: [
      'Vielen Dank für die schnelle Hilfe, das Geld ist angekommen!',
      'Herzlichen Dank, Sie haben mir sehr geholfen.',
      'Danke für die freundliche und schnelle Antwort!',
      'Vielen Dank für Ihre Geduld und die tolle Unterstützung.',
    ],
    en: [
      'Thank you so much for the quick help, the refund has arrived!',
      'Many thanks, you have been very helpful.',
      'Thanks for the friendly and fast reply!',
      'Thank you for your patience and the great support.',
    ],
  },
  {
    sentiment: 'positive',
    emotions: ['happy'],
    de: [
      'Das Paket ist heute angekommen und alles ist perfekt. Super!',
      'Ich bin total zufrieden mit der Ware, gerne wieder.',
      'Toller Service, ich bin begeistert!',
    ],
    en: [
      'The parcel arrived today and everything is perfect. Great!',
      'I am really happy with the product, will order again.',
      'Great service, I love it!',
    ],
  },
];

/**
 * Composed support messages: a plain fact about the order ("I have been waiting three weeks for my refund.") followed
 * by what the customer feels or wants. The fact alone carries no mood; the tail decides the label — so the model
 * learns that the feeling, not the topic, makes a message negative, and that greetings and sign-offs are no signal.
 * (A fault with failed attempts to get it fixed is another matter: see authored-support.ts.)
 */
const composedParts = {
  de: {
    problems: [
      'ich warte seit drei Wochen auf meine Bestellung 000.',
      'meine Bestellung ist immer noch nicht angekommen.',
      'ich habe vor zwei Wochen eine Retoure geschickt und noch kein Geld erhalten.',
      'der Artikel kam beschädigt an.',
      'Sie haben mir den Betrag zweimal abgebucht.',
      'das Paket wurde an die falsche Adresse geliefert.',
      'ich habe die falsche Größe bekommen.',
      'ich warte immer noch auf meine Erstattung.',
    ],
    resolved: [
      'das Paket ist heute angekommen.',
      'die Erstattung ist auf meinem Konto eingegangen.',
      'das Problem mit meiner Bestellung ist gelöst.',
      'der Ersatzartikel ist da und funktioniert.',
    ],
    tails: {
      angry: [
        'Das ist eine Frechheit!',
        'Das ist absolut inakzeptabel!',
        'Ich will sofort mein Geld zurück!',
        'Ich bin stinksauer.',
        'Ich schalte jetzt meinen Anwalt ein.',
        'So geht man nicht mit Kunden um!',
      ],
      frustrated: [
        'Das nervt langsam.',
        'Ich habe schon dreimal geschrieben und nichts passiert.',
        'Das ist wirklich ärgerlich.',
        'Langsam verliere ich die Geduld.',
        'Ich bin sehr unzufrieden mit Ihrem Service.',
      ],
      sad: ['Ich bin sehr enttäuscht von Ihrem Service.', 'Schade, ich hatte mich so gefreut.'],
      anxious: ['Ich mache mir große Sorgen.', 'Ich brauche es dringend bis Freitag, bitte helfen Sie mir!'],
      confused: ['Ich verstehe nicht, was ich jetzt tun muss.', 'Können Sie mir erklären, was das bedeutet?'],
      neutral: ['Können Sie bitte nachsehen?', 'Bitte teilen Sie mir den Status mit.', 'Ich bitte um Rückmeldung.'],
      grateful: ['Vielen Dank für die schnelle Hilfe!', 'Herzlichen Dank für Ihre Unterstützung!'],
      happy: ['Ich bin total zufrieden, toller Service!', 'Super, alles perfekt!'],
    },
  },
  en: {
    problems: [
      'I have been waiting three weeks for my order 000.',
      'my order still has not arrived.',
      'I sent a return two weeks ago and have not received my money.',
      'the item arrived damaged.',
      'you charged me twice.',
      'the parcel was delivered to the wrong address.',
      'I received the wrong size.',
      'I am still waiting for my refund.',
    ],
    resolved: [
      'the parcel arrived today.',
      'the refund has reached my account.',
      'the problem with my order is solved.',
      'the replacement arrived and works.',
    ],
    tails: {
      angry: [
        'This is outrageous!',
        'This is absolutely unacceptable!',
        'I want my money back immediately!',
        'I am furious.',
        'I will contact my lawyer.',
        'This is no way to treat customers!',
      ],
      frustrated: [
        'This is getting really annoying.',
        'I have written three times and nothing happens.',
        'This is really frustrating.',
        'I am running out of patience.',
        'I am very unhappy with your service.',
      ],
      sad: ['I am very disappointed with your service.', 'Such a shame, I was really looking forward to it.'],
      anxious: ['I am really worried.', 'I urgently need it by Friday, please help me!'],
      confused: ['I do not understand what I need to do now.', 'Could you explain what this means?'],
      neutral: ['Could you please check?', 'Please let me know the status.', 'I look forward to your reply.'],
      grateful: ['Thank you so much for the quick help!', 'Many thanks for your support!'],
      happy: ['I am really happy, great service!', 'Great, everything is perfect!'],
    },
  },
} as const;

const sentimentOfEmotion: Record<string, string> = {
  angry: 'negative',
  frustrated: 'negative',
  sad: 'negative',
  anxious: 'negative',
  confused: 'neutral',
  neutral: 'neutral',
  grateful: 'positive',
  happy: 'positive',
};

function composedSupportExamples(): AuthoredExample[] {
  const out: AuthoredExample[] = [];
  for (const lang of ['de', 'en'] as const) {
    const parts = composedParts[lang];
    const greetings = lang === 'de' ? deGreetings : enGreetings;
    const closings = lang === 'de' ? deClosings : enClosings;
    let k = 0;
    for (const [emotion, tails] of Object.entries(parts.tails)) {
      const positive = emotion === 'grateful' || emotion === 'happy';
      for (const fact of positive ? parts.resolved : parts.problems) {
        for (const tail of tails) {
          k++;
          const greeting = greetings[k % greetings.length] ?? '';
          const closing = closings[(k * 3) % closings.length] ?? '';
          const body = greeting ? fact : fact.charAt(0).toUpperCase() + fact.slice(1);
          const sentiment = sentimentOfEmotion[emotion] ?? 'neutral';
          out.push({ text: `${greeting}${body} ${tail}${closing}`, labels: [sentiment, emotion], lang });
        }
      }
    }
  }
  return out;
}

/** Authored support-desk messages with sentiment and emotion labels (labels[0] is the sentiment). */
export function authoredSupportExamples(): AuthoredExample[] {
  const out: AuthoredExample[] = [];
  for (const group of supportMessages) {
    for (const text of decorate(group.de, deGreetings, deClosings, 2)) {
      out.push({ text, labels: [group.sentiment, ...group.emotions], lang: 'de' });
    }
    for (const text of decorate(group.en, enGreetings, enClosings, 2)) {
      out.push({ text, labels: [group.sentiment, ...group.emotions], lang: 'en' });
    }
  }
  out.push(...composedSupportExamples());
  return out;
}

const enInsults = [
  'idiot',
  'moron',
  'retard',
  'asshole',
  'bastard',
  'bitch',
  'loser',
  'clown',
  'scumbag',
  'dickhead',
  'imbecile',
  'piece of shit',
  'dumbass',
  'jerk',
  'cunt',
];
const enAbuseFrames = [
  'you are an {x}',
  'you stupid {x}',
  'what a useless {x} you are',
  'listen you {x}, give me my money',
  'shut up you {x}',
  'your whole team is a bunch of {x}s',
  'only an {x} would write such an answer',
  'fuck off you {x}',
  'are you a complete {x}?',
];
const enAbuseStandalone = [
  'fuck you',
  'go to hell',
  'fuck your company',
  'you people are fucking useless',
  'shut the fuck up',
  'kill yourself',
  'I hope you get fired you worthless trash',
  'stupid bitch',
  'eat shit',
  'your support is run by brainless monkeys',
  'you are all retarded',
  'screw you and your shitty shop',
];
const deAbuse = [
  'Ihr seid doch alle Vollidioten',
  'Du inkompetenter Trottel',
  'Halt die Fresse',
  'Ihr Betrüger und Verbrecher, schämt euch',
  'Was für ein Haufen Idioten',
  'Leck mich am Arsch',
  'Verpiss dich',
  'Ihr Penner kriegt nichts mehr von mir',
];

/** Offensive examples aimed at agents (mostly English; GermEval has no English) — label `offensive`. */
export function authoredAbuseExamples(): AuthoredExample[] {
  const out: AuthoredExample[] = [];
  enAbuseFrames.forEach((frame, i) => {
    enInsults.forEach((insult, j) => {
      // Every frame with a rotating subset of insults keeps the set varied without a full cross product.
      if ((i + j) % 3 !== 0) return;
      let text = frame.replace('{x}', insult);
      if (!/^[aeiou]/.test(insult)) text = text.replace(' an ', ' a ');
      out.push({ text, labels: ['offensive'], lang: 'en' });
    });
  });
  for (const t of enAbuseStandalone) out.push({ text: t, labels: ['offensive'], lang: 'en' });
  for (const t of deAbuse) out.push({ text: t, labels: ['offensive'], lang: 'de' });
  return out;
}

/**
 * Authored English seed list of insults and profanity for distant labelling: licensed English sentences (GoEmotions,
 * CC BY 4.0) that contain one of these become `offensive` examples, so English abuse is covered by real sentences
 * rather than templates alone. Matching is on word starts, lowercased.
 */
export const englishAbuseSeeds = [
  'fuck',
  'fck',
  'motherfuck',
  'shit',
  'bullshit',
  'bitch',
  'asshole',
  'bastard',
  'idiot',
  'moron',
  'retard',
  'cunt',
  'dickhead',
  'dumbass',
  'dipshit',
  'jackass',
  'douche',
  'prick',
  'twat',
  'wanker',
  'whore',
  'slut',
  'scum',
  'stfu',
  'wtf',
  'piss off',
  'shut up',
  'stupid',
  'pathetic',
  'loser',
  'imbecile',
];

const abusePattern = new RegExp(`\\b(?:${englishAbuseSeeds.map((w) => w.replace(/ /g, '\\s+')).join('|')})`, 'i');

/** True when an English sentence contains a seed-list insult or profanity. */
export function hasEnglishAbuseSeed(text: string): boolean {
  return abusePattern.test(text);
}
