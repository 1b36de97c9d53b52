import { getDb, type TemplateRecord } from '../../db';
import type { Intent } from '../../models/types';
import type { ClaimState } from '../claims';
import { toTemplateRecord } from './mapping';
import {
  packRecordId,
  STARTER_OWNER,
  type TemplateFormality,
  type TemplateLanguage,
  type TemplateTone,
} from './schema';

/** One starter template as written here; `version` goes up whenever its text changes so installs pick it up. */
export interface StarterTemplate {
  id: string;
  title: string;
  body: string;
  language: TemplateLanguage;
  intents: Intent[];
  tone: TemplateTone;
  formality?: TemplateFormality;
  /** States that must be true before it is sent: the state-specific variants ("Refund issued – what happens next"). */
  requires?: ClaimState[];
  /** States it promises for later. */
  promises?: ClaimState[];
  version: number;
}

/** When the starter texts last changed (shown as their last change). */
const STARTER_UPDATED_AT = Date.UTC(2026, 10, 20);
// Version 2: the first choices make no claim the conversation cannot support (issue 19).
const STARTER_VERSION = 2;

const EN_GREETING = 'Hi {{customer.firstName | "there"}},';
const EN_SIGN_OFF = 'Best regards,\n{{agent.name}}';
const DE_GREETING = 'Guten Tag {{customer.name | ""}},';
const DE_SIGN_OFF = 'Freundliche Grüße\n{{agent.name}}';
const DU_GREETING = 'Hallo {{customer.firstName | ""}},';
const DU_SIGN_OFF = 'Viele Grüße\n{{agent.name}}';

/** What a starter template states beyond its text: the preconditions of a state-specific variant, its promises. */
interface Marks {
  requires?: ClaimState[];
  promises?: ClaimState[];
}

function starter(
  base: Omit<StarterTemplate, 'version' | 'body'>,
  greeting: string,
  paragraphs: string[],
  signOff: string,
  marks: Marks,
): StarterTemplate {
  return {
    ...base,
    ...(marks.requires ? { requires: marks.requires } : {}),
    ...(marks.promises ? { promises: marks.promises } : {}),
    version: STARTER_VERSION,
    body: letter(greeting, paragraphs, signOff),
  };
}

function en(
  id: string,
  title: string,
  intents: Intent[],
  tone: TemplateTone,
  paragraphs: string[],
  marks: Marks = {},
): StarterTemplate {
  return starter({ id: `${id}-en`, title, language: 'en', intents, tone }, EN_GREETING, paragraphs, EN_SIGN_OFF, marks);
}

function sie(
  id: string,
  title: string,
  intents: Intent[],
  tone: TemplateTone,
  paragraphs: string[],
  marks: Marks = {},
): StarterTemplate {
  const base = { id: `${id}-de`, title, language: 'de' as const, formality: 'sie' as const, intents, tone };
  return starter(base, DE_GREETING, paragraphs, DE_SIGN_OFF, marks);
}

function du(
  id: string,
  title: string,
  intents: Intent[],
  tone: TemplateTone,
  paragraphs: string[],
  marks: Marks = {},
): StarterTemplate {
  const base = { id: `${id}-de-du`, title, language: 'de' as const, formality: 'du' as const, intents, tone };
  return starter(base, DU_GREETING, paragraphs, DU_SIGN_OFF, marks);
}

function letter(greeting: string, paragraphs: string[], signOff: string): string {
  return [greeting, ...paragraphs, signOff].join('\n\n');
}

/**
 * The bundled templates for the common e-commerce requests: every intent in English, German Sie and German du.
 * The first choice for each intent claims nothing the conversation has to show (it acknowledges, says the next step
 * and asks for what is missing); variants that state a done fact ("Refund issued", "Tracking number", "Order
 * cancelled") declare it in `requires`, so the ranking and Insert can check the conversation shows it.
 */
export const starterTemplates: readonly StarterTemplate[] = [
  // English
  en(
    'refund-apologetic',
    'Refund – sorry for the trouble',
    ['refund', 'complaint'],
    'apologetic',
    [
      "I'm sorry about the trouble with your refund for order {{order.number}}. I understand how frustrating it is to wait for your money, and I want to put this right quickly.",
      "I'm checking with our payments team right now where your refund stands, and I'll come back to you within 1 business day with a clear answer and the date you can expect the money.",
      'If you paid with a different card or account than the one on the order, please let me know so nothing gets held up.',
    ],
    { promises: ['refund-started'] },
  ),
  en(
    'refund-request',
    'Refund request – next steps',
    ['refund', 'return'],
    'neutral',
    [
      "Thanks for getting in touch about a refund for order {{order.number}}. I'm happy to help.",
      'Could you tell me which items you would like refunded and why? If the items need to come back to us, I will send you a free return label.',
      'As soon as everything is confirmed, we refund you within 5 business days to your original payment method.',
    ],
    { promises: ['refund-started'] },
  ),
  en(
    'refund-status',
    'Refund issued – what happens next',
    ['refund'],
    'neutral',
    [
      'Thank you for checking in. Your refund of {{amount}} for order {{order.number}} has been issued.',
      "Banks usually need 5–7 business days to show it on your statement. You don't need to do anything else.",
      "If it hasn't arrived after that, reply to this email and I'll look into it straight away.",
    ],
    { requires: ['refund-started'] },
  ),
  en(
    'return-received',
    'Return arrived – refund next',
    ['refund', 'return'],
    'neutral',
    [
      'Thank you for your patience. Your return for order {{order.number}} has arrived at our warehouse and is being checked.',
      "As soon as the check is done – usually within 5 business days – we'll refund you and confirm it by email.",
    ],
    { requires: ['return-received'], promises: ['refund-started'] },
  ),
  en('delivery-delay', 'Delivery delayed – sorry', ['delivery-delay', 'tracking'], 'apologetic', [
    "I'm really sorry that your order {{order.number}} hasn't arrived yet. I know you were counting on it, and waiting without news is annoying.",
    "I'm asking our shipping partner to look into your parcel and will get back to you with an update within 2 business days.",
    "If it still hasn't reached you by then, we'll sort out a replacement or a refund – whichever you prefer.",
  ]),
  en('tracking-check', 'Where is my order – checking', ['tracking', 'delivery-delay'], 'neutral', [
    'Thanks for asking about your order {{order.number}}.',
    "I'm checking its shipping status now. As soon as the parcel is with the carrier you get the tracking number by email, and I'll send you the latest status within 1 business day.",
  ]),
  en(
    'tracking',
    'Tracking number',
    ['tracking', 'delivery-delay'],
    'neutral',
    [
      'Thanks for your message. Your order {{order.number}} is on its way.',
      'Your tracking number is {{tracking.number}}. You can use it on the {{tracking.carrier | "carrier\'s"}} website to see exactly where your parcel is.',
      "If the tracking doesn't change for more than 3 business days, let me know and I'll contact the carrier for you.",
    ],
    { requires: ['item-shipped'] },
  ),
  en(
    'damaged-item',
    'Damaged or wrong item – sorry',
    ['damaged-or-wrong-item'],
    'apologetic',
    [
      "I'm so sorry that your order {{order.number}} didn't arrive the way it should have. That's disappointing, and it's not the experience we want for you.",
      "Could you reply with a photo of the item (and of the packaging, if you still have it)? As soon as I have it, I'll arrange a free replacement or a full refund – whichever you prefer.",
      "You won't have any costs for sending the item back.",
    ],
    { promises: ['replacement-sent'] },
  ),
  en(
    'return',
    'How to return an item',
    ['return'],
    'neutral',
    [
      'Thanks for getting in touch – of course you can return your order {{order.number}}.',
      "Here's how it works:\n1. Pack the item, ideally in its original packaging.\n2. Use the return label from your parcel, or reply to this email and I'll send you a new one.\n3. Drop the parcel off at any post office or parcel shop.",
      "As soon as the return arrives, we'll refund you within 5 business days and let you know by email.",
    ],
    { promises: ['refund-started'] },
  ),
  en(
    'cancellation-request',
    'Cancellation – checking your order',
    ['cancellation', 'order-change'],
    'neutral',
    [
      'Thanks for letting us know that you would like to cancel order {{order.number}}.',
      "I'm checking right now whether it has already left our warehouse. If it hasn't, I'll cancel it and confirm by email; if it has, simply refuse the delivery or send it back – you won't be charged for it.",
    ],
    { promises: ['cancellation-done'] },
  ),
  en(
    'cancellation',
    'Order cancelled',
    ['cancellation'],
    'neutral',
    [
      "Thanks for letting us know. I've cancelled your order {{order.number}}.",
      "If you've already paid, the money goes back to your original payment method within 5–7 business days.",
      "Should the parcel have left our warehouse already, simply refuse the delivery or send it back – you won't be charged for it.",
    ],
    { requires: ['cancellation-done'] },
  ),
  en('invoice', 'Invoice copy', ['invoice'], 'neutral', [
    'Thanks for your message. You\'ll find the invoice {{invoice.number | ""}} for your order {{order.number}} attached to this email.',
    "If you need the invoice made out to a different name or company address, just send me the details and I'll issue a corrected one.",
  ]),
  en('complaint', 'Complaint – we hear you', ['complaint'], 'apologetic', [
    "Thank you for telling us about this, and I'm sorry we let you down. Your feedback is completely fair.",
    "I'm passing your message on to the team responsible so it doesn't happen again, and I'm personally taking care of your case.",
    'To put things right for you, could you tell me what outcome would help you most? I will get back to you within 1 business day.',
  ]),
  en('payment', 'Payment problem', ['payment'], 'apologetic', [
    "I'm sorry for the confusion with your payment for order {{order.number}} – I understand that's worrying.",
    'Could you send me a screenshot of the charge (only the date, amount and last four digits are needed)? I will check it with our payments team straight away.',
    'If a payment was taken twice, we return the duplicate – I will confirm the date with you.',
  ]),
  en(
    'address-change',
    'Change of delivery address',
    ['shipping-address'],
    'neutral',
    [
      "Thanks for letting us know in time. I'm happy to help with the new delivery address for your order {{order.number}}.",
      "Could you send me the complete new address, including the postcode? If the parcel hasn't been handed to the carrier yet, it can go straight there; otherwise I'll ask the carrier to redirect it.",
      'I will confirm by email once the change has gone through.',
    ],
    { promises: ['address-changed'] },
  ),
  en('order-change', 'Change to an order', ['order-change'], 'neutral', [
    "Thanks for your message – I'd be glad to help with changes to your order {{order.number}}.",
    "Could you tell me exactly what you'd like to change (item, size, colour or quantity)? If the order hasn't left our warehouse yet, I can still adjust it and will confirm by email.",
  ]),
  en('account', 'Account and sign-in help', ['account'], 'neutral', [
    'Thanks for getting in touch about your account.',
    'You can set a new password at any time with "Forgot password?" on the sign-in page. The reset link usually reaches you within a few minutes – please check your spam folder too.',
    'If that does not work, reply with the email address you registered with (never your password) and I will look into it for you.',
  ]),
  en('contact', 'Call back or contact', ['contact'], 'neutral', [
    "Thanks for your message. I'm happy to talk it through with you.",
    'Could you send me a phone number and a time that suits you? Or simply reply here – whatever is easier for you.',
  ]),
  en('thank-you', 'Thank you for your kind words', ['thank-you'], 'warm', [
    'Thank you so much for your lovely message – it really made our day!',
    "I've shared it with the whole team. We're glad you're happy with your order, and we're here whenever you need us.",
  ]),
  en('other', 'General reply – a few details please', ['other'], 'neutral', [
    'Thanks for your message – I am happy to help.',
    'So I can sort this out quickly, could you tell me your order number and a little more about what you need?',
  ]),

  // German, Sie
  sie(
    'refund-apologetic',
    'Erstattung – Entschuldigung für den Ärger',
    ['refund', 'complaint'],
    'apologetic',
    [
      'es tut mir leid, dass es mit der Erstattung zu Ihrer Bestellung {{order.number}} Ärger gibt. Ich verstehe gut, dass Sie Ihr Geld schnell zurückhaben möchten.',
      'Ich kläre gerade mit unserer Buchhaltung, wie der Stand Ihrer Erstattung ist, und melde mich innerhalb von einem Werktag mit einer klaren Antwort und dem Datum, bis wann das Geld bei Ihnen ist.',
      'Falls Sie mit einer anderen Karte oder einem anderen Konto bezahlt haben, als in der Bestellung steht, geben Sie mir bitte kurz Bescheid.',
    ],
    { promises: ['refund-started'] },
  ),
  sie(
    'refund-request',
    'Erstattung – nächste Schritte',
    ['refund', 'return'],
    'neutral',
    [
      'vielen Dank für Ihre Nachricht zur Erstattung Ihrer Bestellung {{order.number}}. Ich helfe Ihnen gern.',
      'Können Sie mir sagen, welche Artikel Sie erstattet haben möchten und warum? Falls die Ware zu uns zurück muss, schicke ich Ihnen ein kostenloses Rücksendeetikett.',
      'Sobald alles bestätigt ist, erstatten wir den Betrag innerhalb von 5 Werktagen auf dem ursprünglichen Zahlungsweg.',
    ],
    { promises: ['refund-started'] },
  ),
  sie(
    'refund-status',
    'Erstattung veranlasst – so geht es weiter',
    ['refund'],
    'neutral',
    [
      'vielen Dank für Ihre Nachricht. Die Erstattung über {{amount}} für Ihre Bestellung {{order.number}} ist veranlasst.',
      'Banken benötigen üblicherweise 5–7 Werktage, bis der Betrag auf dem Kontoauszug erscheint. Sie müssen nichts weiter tun.',
      'Sollte der Betrag danach noch nicht da sein, antworten Sie einfach auf diese E-Mail und ich sehe sofort nach.',
    ],
    { requires: ['refund-started'] },
  ),
  sie(
    'return-received',
    'Rücksendung eingegangen – Erstattung folgt',
    ['refund', 'return'],
    'neutral',
    [
      'vielen Dank für Ihre Geduld. Ihre Rücksendung zu Bestellung {{order.number}} ist bei uns eingegangen und wird gerade geprüft.',
      'Sobald die Prüfung abgeschlossen ist – meist innerhalb von 5 Werktagen – erstatten wir den Betrag und bestätigen Ihnen das per E-Mail.',
    ],
    { requires: ['return-received'], promises: ['refund-started'] },
  ),
  sie('delivery-delay', 'Lieferverzögerung – Entschuldigung', ['delivery-delay', 'tracking'], 'apologetic', [
    'es tut mir sehr leid, dass Ihre Bestellung {{order.number}} noch nicht bei Ihnen angekommen ist. Ich kann gut verstehen, dass das Warten ohne Neuigkeiten ärgerlich ist.',
    'Ich bitte unseren Versandpartner, der Sendung nachzugehen, und melde mich innerhalb von 2 Werktagen mit einem Zwischenstand bei Ihnen.',
    'Sollte das Paket bis dahin nicht angekommen sein, finden wir gemeinsam eine Lösung – eine Ersatzlieferung oder eine Erstattung, ganz wie Sie möchten.',
  ]),
  sie('tracking-check', 'Wo ist meine Bestellung – ich sehe nach', ['tracking', 'delivery-delay'], 'neutral', [
    'vielen Dank für Ihre Nachfrage zu Ihrer Bestellung {{order.number}}.',
    'Ich prüfe gerade den Versandstatus. Sobald das Paket beim Versanddienstleister ist, erhalten Sie die Sendungsnummer per E-Mail, und ich melde mich innerhalb von einem Werktag mit dem aktuellen Stand.',
  ]),
  sie(
    'tracking',
    'Sendungsnummer',
    ['tracking', 'delivery-delay'],
    'neutral',
    [
      'vielen Dank für Ihre Nachricht. Ihre Bestellung {{order.number}} ist bereits unterwegs.',
      'Ihre Sendungsnummer lautet {{tracking.number}}. Damit können Sie auf der Website von {{tracking.carrier | "unserem Versandpartner"}} jederzeit sehen, wo sich Ihr Paket gerade befindet.',
      'Falls sich die Sendungsverfolgung länger als 3 Werktage nicht ändert, geben Sie mir bitte Bescheid – ich wende mich dann direkt an den Versanddienstleister.',
    ],
    { requires: ['item-shipped'] },
  ),
  sie(
    'damaged-item',
    'Beschädigte oder falsche Ware – Entschuldigung',
    ['damaged-or-wrong-item'],
    'apologetic',
    [
      'es tut mir wirklich leid, dass Ihre Bestellung {{order.number}} nicht so angekommen ist, wie sie sollte. Das ist ärgerlich und entspricht nicht unserem Anspruch.',
      'Könnten Sie mir ein Foto des Artikels (und, falls noch vorhanden, der Verpackung) schicken? Sobald ich es habe, veranlasse ich kostenlos eine Ersatzlieferung oder eine vollständige Erstattung – ganz wie Sie möchten.',
      'Für die Rücksendung entstehen Ihnen selbstverständlich keine Kosten.',
    ],
    { promises: ['replacement-sent'] },
  ),
  sie(
    'return',
    'Rücksendung – so funktioniert es',
    ['return'],
    'neutral',
    [
      'vielen Dank für Ihre Nachricht – selbstverständlich können Sie Ihre Bestellung {{order.number}} zurücksenden.',
      'So geht es:\n1. Verpacken Sie den Artikel, am besten in der Originalverpackung.\n2. Nutzen Sie das Rücksendeetikett aus Ihrem Paket oder antworten Sie auf diese E-Mail, dann schicke ich Ihnen ein neues.\n3. Geben Sie das Paket in einer Postfiliale oder einem Paketshop ab.',
      'Sobald die Rücksendung bei uns eingetroffen ist, erstatten wir den Betrag innerhalb von 5 Werktagen und informieren Sie per E-Mail.',
    ],
    { promises: ['refund-started'] },
  ),
  sie(
    'cancellation-request',
    'Stornierung – ich prüfe Ihre Bestellung',
    ['cancellation', 'order-change'],
    'neutral',
    [
      'vielen Dank für Ihre Nachricht – Sie möchten die Bestellung {{order.number}} stornieren.',
      'Ich prüfe gerade, ob sie unser Lager schon verlassen hat. Falls nicht, storniere ich sie und bestätige Ihnen das per E-Mail; falls doch, verweigern Sie einfach die Annahme oder senden Sie das Paket zurück – es entstehen Ihnen keine Kosten.',
    ],
    { promises: ['cancellation-done'] },
  ),
  sie(
    'cancellation',
    'Stornierung bestätigt',
    ['cancellation'],
    'neutral',
    [
      'vielen Dank für Ihre Nachricht. Ich habe Ihre Bestellung {{order.number}} storniert.',
      'Falls Sie bereits bezahlt haben, erhalten Sie den Betrag innerhalb von 5–7 Werktagen auf dem ursprünglichen Zahlungsweg zurück.',
      'Sollte das Paket unser Lager schon verlassen haben, verweigern Sie einfach die Annahme oder senden Sie es zurück – es entstehen Ihnen keine Kosten.',
    ],
    { requires: ['cancellation-done'] },
  ),
  sie('invoice', 'Rechnungskopie', ['invoice'], 'neutral', [
    'vielen Dank für Ihre Nachricht. Im Anhang finden Sie die Rechnung {{invoice.number | ""}} zu Ihrer Bestellung {{order.number}}.',
    'Falls die Rechnung auf einen anderen Namen oder eine Firmenadresse ausgestellt werden soll, schicken Sie mir einfach die Angaben – ich stelle Ihnen dann gern eine korrigierte Rechnung aus.',
  ]),
  sie('complaint', 'Beschwerde – wir nehmen das ernst', ['complaint'], 'apologetic', [
    'vielen Dank, dass Sie uns darauf aufmerksam machen, und entschuldigen Sie bitte, dass wir Sie enttäuscht haben. Ihre Kritik ist vollkommen berechtigt.',
    'Ich gebe Ihre Nachricht an das zuständige Team weiter, damit so etwas nicht wieder vorkommt, und kümmere mich persönlich um Ihr Anliegen.',
    'Was würde Ihnen jetzt am meisten helfen? Ich melde mich innerhalb von einem Werktag mit einer Lösung bei Ihnen.',
  ]),
  sie('payment', 'Problem mit der Zahlung', ['payment'], 'apologetic', [
    'entschuldigen Sie bitte die Unklarheiten bei der Zahlung Ihrer Bestellung {{order.number}} – ich verstehe, dass das beunruhigend ist.',
    'Könnten Sie mir einen Screenshot der Abbuchung schicken (Datum, Betrag und die letzten vier Ziffern genügen)? Ich kläre das dann sofort mit unserer Buchhaltung.',
    'Wurde doppelt abgebucht, erhalten Sie den doppelten Betrag zurück – das Datum bestätige ich Ihnen.',
  ]),
  sie(
    'address-change',
    'Änderung der Lieferadresse',
    ['shipping-address'],
    'neutral',
    [
      'vielen Dank, dass Sie uns rechtzeitig Bescheid geben. Ich helfe Ihnen gern mit der neuen Lieferadresse für Ihre Bestellung {{order.number}}.',
      'Könnten Sie mir die vollständige neue Adresse mit Postleitzahl schicken? Ist das Paket noch nicht beim Versanddienstleister, geht es direkt dorthin; andernfalls bitte ich um eine Umleitung.',
      'Sobald die Änderung durch ist, bestätige ich Ihnen das per E-Mail.',
    ],
    { promises: ['address-changed'] },
  ),
  sie('order-change', 'Änderung einer Bestellung', ['order-change'], 'neutral', [
    'vielen Dank für Ihre Nachricht – ich helfe Ihnen gern bei Änderungen an Ihrer Bestellung {{order.number}}.',
    'Was genau möchten Sie ändern (Artikel, Größe, Farbe oder Menge)? Solange die Bestellung unser Lager noch nicht verlassen hat, kann ich sie anpassen und bestätige Ihnen das per E-Mail.',
  ]),
  sie('account', 'Hilfe zum Kundenkonto', ['account'], 'neutral', [
    'vielen Dank für Ihre Nachricht zu Ihrem Kundenkonto.',
    'Ein neues Passwort können Sie jederzeit über „Passwort vergessen?“ auf der Anmeldeseite festlegen. Der Link kommt meist innerhalb weniger Minuten – bitte sehen Sie auch im Spam-Ordner nach.',
    'Klappt das nicht, antworten Sie mir bitte mit der E-Mail-Adresse, mit der Sie registriert sind (nie mit Ihrem Passwort), und ich sehe mir das für Sie an.',
  ]),
  sie('contact', 'Rückruf oder Kontakt', ['contact'], 'neutral', [
    'vielen Dank für Ihre Nachricht. Gern besprechen wir das auch persönlich.',
    'Schicken Sie mir einfach eine Telefonnummer und eine Uhrzeit, die Ihnen passt – oder antworten Sie direkt hier, ganz wie es Ihnen lieber ist.',
  ]),
  sie('thank-you', 'Danke für Ihr Lob', ['thank-you'], 'warm', [
    'herzlichen Dank für Ihre nette Nachricht – darüber haben wir uns sehr gefreut!',
    'Ich habe sie an das ganze Team weitergegeben. Schön, dass Sie mit Ihrer Bestellung zufrieden sind – wir sind jederzeit gern für Sie da.',
  ]),
  sie('other', 'Allgemeine Antwort – kurze Rückfrage', ['other'], 'neutral', [
    'vielen Dank für Ihre Nachricht – ich helfe Ihnen gern.',
    'Damit ich das schnell klären kann: Können Sie mir Ihre Bestellnummer nennen und kurz beschreiben, worum es geht?',
  ]),

  // German, du
  du(
    'refund-apologetic',
    'Erstattung – sorry für den Ärger (du)',
    ['refund', 'complaint'],
    'apologetic',
    [
      'es tut mir leid, dass es mit der Erstattung zu deiner Bestellung {{order.number}} Ärger gibt. Ich verstehe gut, dass du dein Geld schnell zurückhaben möchtest.',
      'Ich kläre gerade mit unserer Buchhaltung, wie der Stand deiner Erstattung ist, und melde mich innerhalb von einem Werktag mit einer klaren Antwort und dem Datum, bis wann das Geld bei dir ist.',
      'Falls du mit einer anderen Karte oder einem anderen Konto bezahlt hast, sag mir bitte kurz Bescheid.',
    ],
    { promises: ['refund-started'] },
  ),
  du(
    'refund-request',
    'Erstattung – nächste Schritte (du)',
    ['refund', 'return'],
    'neutral',
    [
      'danke für deine Nachricht zur Erstattung deiner Bestellung {{order.number}}. Ich helfe dir gern.',
      'Welche Artikel möchtest du erstattet haben, und warum? Falls die Ware zu uns zurück muss, schicke ich dir ein kostenloses Rücksendeetikett.',
      'Sobald alles bestätigt ist, erstatten wir den Betrag innerhalb von 5 Werktagen auf dem ursprünglichen Zahlungsweg.',
    ],
    { promises: ['refund-started'] },
  ),
  du(
    'refund-status',
    'Erstattung veranlasst – so geht es weiter (du)',
    ['refund'],
    'neutral',
    [
      'danke für deine Nachricht. Die Erstattung über {{amount}} für deine Bestellung {{order.number}} ist veranlasst.',
      'Banken brauchen meist 5–7 Werktage, bis der Betrag auf dem Kontoauszug erscheint. Du musst nichts weiter tun.',
      'Sollte das Geld danach noch nicht da sein, antworte einfach auf diese E-Mail und ich sehe sofort nach.',
    ],
    { requires: ['refund-started'] },
  ),
  du(
    'return-received',
    'Rücksendung eingegangen – Erstattung folgt (du)',
    ['refund', 'return'],
    'neutral',
    [
      'danke für deine Geduld. Deine Rücksendung zu Bestellung {{order.number}} ist bei uns eingegangen und wird gerade geprüft.',
      'Sobald die Prüfung abgeschlossen ist – meist innerhalb von 5 Werktagen – erstatten wir den Betrag und bestätigen dir das per E-Mail.',
    ],
    { requires: ['return-received'], promises: ['refund-started'] },
  ),
  du('delivery-delay', 'Lieferverzögerung – sorry (du)', ['delivery-delay', 'tracking'], 'apologetic', [
    'es tut mir wirklich leid, dass deine Bestellung {{order.number}} noch nicht bei dir angekommen ist. Ich kann gut verstehen, dass das Warten nervt.',
    'Ich bitte unseren Versandpartner, der Sendung nachzugehen, und melde mich innerhalb von 2 Werktagen mit einem Zwischenstand.',
    'Sollte das Paket bis dahin nicht da sein, finden wir eine Lösung – eine Ersatzlieferung oder eine Erstattung, ganz wie du möchtest.',
  ]),
  du('tracking-check', 'Wo ist meine Bestellung – ich sehe nach (du)', ['tracking', 'delivery-delay'], 'neutral', [
    'danke für deine Nachfrage zu deiner Bestellung {{order.number}}.',
    'Ich prüfe gerade den Versandstatus. Sobald das Paket beim Versanddienstleister ist, bekommst du die Sendungsnummer per E-Mail, und ich melde mich innerhalb von einem Werktag mit dem aktuellen Stand.',
  ]),
  du(
    'tracking',
    'Sendungsnummer (du)',
    ['tracking', 'delivery-delay'],
    'neutral',
    [
      'danke für deine Nachricht. Deine Bestellung {{order.number}} ist bereits unterwegs.',
      'Deine Sendungsnummer lautet {{tracking.number}}. Damit kannst du auf der Website von {{tracking.carrier | "unserem Versandpartner"}} jederzeit sehen, wo dein Paket gerade ist.',
      'Falls sich die Sendungsverfolgung länger als 3 Werktage nicht ändert, sag mir Bescheid – ich wende mich dann direkt an den Versanddienstleister.',
    ],
    { requires: ['item-shipped'] },
  ),
  du(
    'damaged-item',
    'Beschädigte oder falsche Ware – sorry (du)',
    ['damaged-or-wrong-item'],
    'apologetic',
    [
      'es tut mir echt leid, dass deine Bestellung {{order.number}} nicht so angekommen ist, wie sie sollte. Das ist ärgerlich und so soll es nicht sein.',
      'Kannst du mir ein Foto des Artikels (und, falls noch da, der Verpackung) schicken? Sobald ich es habe, schicke ich dir kostenlos Ersatz oder erstatte dir den vollen Betrag – ganz wie du möchtest.',
      'Für die Rücksendung entstehen dir natürlich keine Kosten.',
    ],
    { promises: ['replacement-sent'] },
  ),
  du(
    'return',
    'Rücksendung – so funktioniert es (du)',
    ['return'],
    'neutral',
    [
      'danke für deine Nachricht – klar kannst du deine Bestellung {{order.number}} zurücksenden.',
      'So geht es:\n1. Verpacke den Artikel, am besten in der Originalverpackung.\n2. Nutze das Rücksendeetikett aus deinem Paket oder antworte auf diese E-Mail, dann schicke ich dir ein neues.\n3. Gib das Paket in einer Postfiliale oder einem Paketshop ab.',
      'Sobald die Rücksendung bei uns eingetroffen ist, erstatten wir den Betrag innerhalb von 5 Werktagen und sagen dir per E-Mail Bescheid.',
    ],
    { promises: ['refund-started'] },
  ),
  du(
    'cancellation-request',
    'Stornierung – ich prüfe deine Bestellung (du)',
    ['cancellation', 'order-change'],
    'neutral',
    [
      'danke für deine Nachricht – du möchtest die Bestellung {{order.number}} stornieren.',
      'Ich prüfe gerade, ob sie unser Lager schon verlassen hat. Falls nicht, storniere ich sie und bestätige dir das per E-Mail; falls doch, verweigere einfach die Annahme oder schick das Paket zurück – es entstehen dir keine Kosten.',
    ],
    { promises: ['cancellation-done'] },
  ),
  du(
    'cancellation',
    'Stornierung bestätigt (du)',
    ['cancellation'],
    'neutral',
    [
      'danke für deine Nachricht. Ich habe deine Bestellung {{order.number}} storniert.',
      'Falls du schon bezahlt hast, bekommst du den Betrag innerhalb von 5–7 Werktagen auf dem ursprünglichen Zahlungsweg zurück.',
      'Sollte das Paket unser Lager schon verlassen haben, verweigere einfach die Annahme oder schick es zurück – es entstehen dir keine Kosten.',
    ],
    { requires: ['cancellation-done'] },
  ),
  du('invoice', 'Rechnungskopie (du)', ['invoice'], 'neutral', [
    'danke für deine Nachricht. Im Anhang findest du die Rechnung {{invoice.number | ""}} zu deiner Bestellung {{order.number}}.',
    'Falls die Rechnung auf einen anderen Namen oder eine Firmenadresse lauten soll, schick mir einfach die Angaben – ich stelle dir dann gern eine korrigierte Rechnung aus.',
  ]),
  du('complaint', 'Beschwerde – wir nehmen das ernst (du)', ['complaint'], 'apologetic', [
    'danke, dass du uns darauf aufmerksam machst, und entschuldige bitte, dass wir dich enttäuscht haben. Deine Kritik ist völlig berechtigt.',
    'Ich gebe deine Nachricht an das zuständige Team weiter, damit so etwas nicht wieder vorkommt, und kümmere mich persönlich um dein Anliegen.',
    'Was würde dir jetzt am meisten helfen? Ich melde mich innerhalb von einem Werktag mit einer Lösung bei dir.',
  ]),
  du('payment', 'Problem mit der Zahlung (du)', ['payment'], 'apologetic', [
    'sorry für die Unklarheiten bei der Zahlung deiner Bestellung {{order.number}} – ich verstehe, dass das beunruhigend ist.',
    'Kannst du mir einen Screenshot der Abbuchung schicken (Datum, Betrag und die letzten vier Ziffern reichen)? Ich kläre das dann sofort mit unserer Buchhaltung.',
    'Wurde doppelt abgebucht, bekommst du den doppelten Betrag zurück – das Datum bestätige ich dir.',
  ]),
  du(
    'address-change',
    'Änderung der Lieferadresse (du)',
    ['shipping-address'],
    'neutral',
    [
      'danke, dass du uns rechtzeitig Bescheid gibst. Ich helfe dir gern mit der neuen Lieferadresse für deine Bestellung {{order.number}}.',
      'Schick mir bitte die vollständige neue Adresse mit Postleitzahl. Ist das Paket noch nicht beim Versanddienstleister, geht es direkt dorthin; andernfalls bitte ich um eine Umleitung.',
      'Sobald die Änderung durch ist, bestätige ich dir das per E-Mail.',
    ],
    { promises: ['address-changed'] },
  ),
  du('order-change', 'Änderung einer Bestellung (du)', ['order-change'], 'neutral', [
    'danke für deine Nachricht – ich helfe dir gern bei Änderungen an deiner Bestellung {{order.number}}.',
    'Was genau möchtest du ändern (Artikel, Größe, Farbe oder Menge)? Solange die Bestellung unser Lager noch nicht verlassen hat, kann ich sie anpassen und bestätige dir das per E-Mail.',
  ]),
  du('account', 'Hilfe zum Kundenkonto (du)', ['account'], 'neutral', [
    'danke für deine Nachricht zu deinem Kundenkonto.',
    'Ein neues Passwort kannst du jederzeit über „Passwort vergessen?“ auf der Anmeldeseite festlegen. Der Link kommt meist innerhalb weniger Minuten – schau bitte auch im Spam-Ordner nach.',
    'Klappt das nicht, antworte mir bitte mit der E-Mail-Adresse, mit der du registriert bist (nie mit deinem Passwort), und ich sehe mir das für dich an.',
  ]),
  du('contact', 'Rückruf oder Kontakt (du)', ['contact'], 'neutral', [
    'danke für deine Nachricht. Gern besprechen wir das auch persönlich.',
    'Schick mir einfach eine Telefonnummer und eine Uhrzeit, die dir passt – oder antworte direkt hier, ganz wie es dir lieber ist.',
  ]),
  du('thank-you', 'Danke für dein Lob (du)', ['thank-you'], 'warm', [
    'vielen Dank für deine nette Nachricht – darüber haben wir uns riesig gefreut!',
    'Ich habe sie ans ganze Team weitergegeben. Schön, dass du mit deiner Bestellung zufrieden bist – wir sind jederzeit für dich da.',
  ]),
  du('other', 'Allgemeine Antwort – kurze Rückfrage (du)', ['other'], 'neutral', [
    'danke für deine Nachricht – ich helfe dir gern.',
    'Damit ich das schnell klären kann: Kannst du mir deine Bestellnummer nennen und kurz beschreiben, worum es geht?',
  ]),
];

function toRecord(template: StarterTemplate, existing: TemplateRecord | undefined): TemplateRecord {
  return toTemplateRecord(template, {
    id: packRecordId(STARTER_OWNER, template.id),
    owner: STARTER_OWNER,
    version: template.version,
    updatedAt: STARTER_UPDATED_AT,
    // The agent's usage and a "hide" (soft delete) survive updates of the starter texts.
    usageCount: existing?.usageCount ?? 0,
    ...(existing?.deletedAt !== undefined ? { deletedAt: existing.deletedAt } : {}),
  });
}

/**
 * Installs the starter pack, or brings it up to date after an extension update. Idempotent: templates already at
 * their current version are left alone (usage counts and hidden ones included), and nothing personal is touched.
 * Callers go through `ensureStarterPackOnce`; this is the installer it runs (and what tests call directly).
 */
export async function ensureStarterPack(): Promise<{ added: number; updated: number; removed: number }> {
  const db = getDb();
  return db.transaction('rw', db.templates, async () => {
    const installed = await db.templates.where('owner').equals(STARTER_OWNER).toArray();
    const byId = new Map(installed.map((record) => [record.id, record]));
    const current = new Set(starterTemplates.map((template) => packRecordId(STARTER_OWNER, template.id)));
    let added = 0;
    let updated = 0;
    const writes: TemplateRecord[] = [];
    for (const template of starterTemplates) {
      const existing = byId.get(packRecordId(STARTER_OWNER, template.id));
      if (existing && existing.version >= template.version) continue;
      writes.push(toRecord(template, existing));
      if (existing) updated++;
      else added++;
    }
    await db.templates.bulkPut(writes);
    // Templates retired from the starter pack go away; personal copies of them stay.
    const retired = installed.filter((record) => !current.has(record.id)).map((record) => record.id);
    await db.templates.bulkDelete(retired);
    return { added, updated, removed: retired.length };
  });
}

let installing: Promise<unknown> | undefined;

/**
 * The one way the extension installs the starter pack: once per context, from wherever the library is first needed.
 * The background runs it on install and update; the panel's data layer and the settings page's library run it before
 * their first read, which covers a database cleared since and a page opened before the background finished.
 */
export function ensureStarterPackOnce(): Promise<unknown> {
  installing ??= ensureStarterPack().catch((error: unknown) => {
    // Let a later call try again rather than remembering a failure for the context's lifetime.
    installing = undefined;
    throw error;
  });
  return installing;
}
