import { getDb, type TemplateRecord } from '../../db';
import type { Intent } from '../../models/types';
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
  version: number;
}

/** When the starter texts last changed (shown as their last change). */
const STARTER_UPDATED_AT = Date.UTC(2025, 0, 15);

const EN_GREETING = 'Hi {{customer.firstName | "there"}},';
const EN_SIGN_OFF = 'Best regards,\n{{agent.name}}';
const DE_GREETING = 'Guten Tag {{customer.name | ""}},';
const DE_SIGN_OFF = 'Freundliche Grüße\n{{agent.name}}';
const DU_GREETING = 'Hallo {{customer.firstName | ""}},';
const DU_SIGN_OFF = 'Viele Grüße\n{{agent.name}}';

function en(id: string, title: string, intents: Intent[], tone: TemplateTone, paragraphs: string[]): StarterTemplate {
  return {
    id: `${id}-en`,
    title,
    language: 'en',
    intents,
    tone,
    version: 1,
    body: letter(EN_GREETING, paragraphs, EN_SIGN_OFF),
  };
}

function sie(id: string, title: string, intents: Intent[], tone: TemplateTone, paragraphs: string[]): StarterTemplate {
  return {
    id: `${id}-de`,
    title,
    language: 'de',
    formality: 'sie',
    intents,
    tone,
    version: 1,
    body: letter(DE_GREETING, paragraphs, DE_SIGN_OFF),
  };
}

function du(id: string, title: string, intents: Intent[], tone: TemplateTone, paragraphs: string[]): StarterTemplate {
  return {
    id: `${id}-de-du`,
    title,
    language: 'de',
    formality: 'du',
    intents,
    tone,
    version: 1,
    body: letter(DU_GREETING, paragraphs, DU_SIGN_OFF),
  };
}

function letter(greeting: string, paragraphs: string[], signOff: string): string {
  return [greeting, ...paragraphs, signOff].join('\n\n');
}

/**
 * The bundled templates for the common e-commerce requests, in English and German (Sie, and du for the most common
 * cases). Each one acknowledges how the customer feels, apologises where something went wrong on our side, gives a
 * concrete next step and never puts the blame on the customer.
 */
export const starterTemplates: readonly StarterTemplate[] = [
  en('refund-apologetic', 'Refund – sorry for the trouble', ['refund', 'complaint'], 'apologetic', [
    "I'm sorry about the trouble with your order {{order.number}}. I understand how frustrating it is to wait for your money, and I want to put this right quickly.",
    "I've started your refund. It goes back to the card or account you paid with and usually shows up within 5–7 business days.",
    "If you can't see it by then, just reply to this email and I'll follow it up with our payments team personally.",
  ]),
  en('refund-status', 'Refund issued – what happens next', ['refund'], 'neutral', [
    'Thank you for checking in. Your refund of {{amount}} for order {{order.number}} has been issued.',
    "Banks usually need 5–7 business days to show it on your statement. You don't need to do anything else.",
    "If it hasn't arrived after that, reply to this email and I'll look into it straight away.",
  ]),
  en('delivery-delay', 'Delivery delayed – sorry', ['delivery-delay', 'tracking'], 'apologetic', [
    "I'm really sorry that your order {{order.number}} hasn't arrived yet. I know you were counting on it, and waiting without news is annoying.",
    "I've asked our shipping partner to look into your parcel and will get back to you with an update within 2 business days.",
    "If it still hasn't reached you by then, we'll sort out a replacement or a refund – whichever you prefer.",
  ]),
  en('tracking', 'Tracking number', ['tracking', 'delivery-delay'], 'neutral', [
    'Thanks for your message. Your order {{order.number}} is on its way.',
    'Your tracking number is {{tracking.number}}. You can use it on the {{tracking.carrier | "carrier\'s"}} website to see exactly where your parcel is.',
    "If the tracking doesn't change for more than 3 business days, let me know and I'll contact the carrier for you.",
  ]),
  en('damaged-item', 'Damaged or wrong item – sorry', ['damaged-or-wrong-item', 'return', 'complaint'], 'apologetic', [
    "I'm so sorry that your order {{order.number}} didn't arrive the way it should have. That's disappointing, and it's not the experience we want for you.",
    "Could you reply with a photo of the item (and of the packaging, if you still have it)? As soon as I have it, I'll arrange a free replacement or a full refund – whichever you prefer.",
    "You won't have any costs for sending the item back.",
  ]),
  en('return', 'How to return an item', ['return', 'refund'], 'neutral', [
    'Thanks for getting in touch – of course you can return your order {{order.number}}.',
    "Here's how it works:\n1. Pack the item, ideally in its original packaging.\n2. Use the return label from your parcel, or reply to this email and I'll send you a new one.\n3. Drop the parcel off at any post office or parcel shop.",
    "As soon as the return arrives, we'll refund you within 5 business days and let you know by email.",
  ]),
  en('cancellation', 'Order cancelled', ['cancellation', 'order-change'], 'neutral', [
    "Thanks for letting us know. I've cancelled your order {{order.number}}.",
    "If you've already paid, the money goes back to your original payment method within 5–7 business days.",
    "Should the parcel have left our warehouse already, simply refuse the delivery or send it back – you won't be charged for it.",
  ]),
  en('invoice', 'Invoice copy', ['invoice'], 'neutral', [
    'Thanks for your message. I\'ve attached the invoice {{invoice.number | ""}} for your order {{order.number}} to this email.',
    "If you need the invoice made out to a different name or company address, just send me the details and I'll issue a corrected one.",
  ]),
  en('complaint', 'Complaint – we hear you', ['complaint'], 'apologetic', [
    "Thank you for telling us about this, and I'm sorry we let you down. Your feedback is completely fair.",
    "I've passed your message on to the team responsible so it doesn't happen again, and I'm personally taking care of your case.",
    "To put things right for you, could you tell me what outcome would help you most? I'll get back to you within 1 business day.",
  ]),
  en('payment', 'Payment problem', ['payment'], 'apologetic', [
    "I'm sorry for the confusion with your payment for order {{order.number}} – I understand that's worrying.",
    "I've checked your order and will make sure you are only charged once. If a payment was taken twice, the duplicate will be returned automatically within 5–7 business days.",
    'If you still see a problem after that, reply with a screenshot of the charge and I will sort it out with our payments team.',
  ]),
  en('address-change', 'Change of delivery address', ['shipping-address', 'order-change'], 'neutral', [
    "Thanks for letting us know in time. I'm happy to help with the new delivery address for your order {{order.number}}.",
    "I've passed the new address on to our warehouse. If the parcel hasn't been handed to the carrier yet, it will go straight to the new address; otherwise I'll ask the carrier to redirect it.",
    "I'll confirm by email once the change has gone through.",
  ]),
  en('thank-you', 'Thank you for your kind words', ['thank-you'], 'warm', [
    'Thank you so much for your lovely message – it really made our day!',
    "I've shared it with the whole team. We're glad you're happy with your order, and we're here whenever you need us.",
  ]),

  sie('refund-apologetic', 'Erstattung – Entschuldigung für den Ärger', ['refund', 'complaint'], 'apologetic', [
    'es tut mir leid, dass es mit Ihrer Bestellung {{order.number}} Ärger gegeben hat. Ich verstehe gut, dass Sie Ihr Geld schnell zurückhaben möchten, und kümmere mich sofort darum.',
    'Ich habe die Erstattung soeben veranlasst. Der Betrag wird auf die Karte bzw. das Konto zurückgebucht, mit der bzw. dem Sie bezahlt haben, und ist in der Regel innerhalb von 5–7 Werktagen sichtbar.',
    'Sollte er bis dahin nicht eingegangen sein, antworten Sie einfach auf diese E-Mail – ich kläre das dann persönlich mit unserer Buchhaltung.',
  ]),
  sie('refund-status', 'Erstattung veranlasst – so geht es weiter', ['refund'], 'neutral', [
    'vielen Dank für Ihre Nachricht. Die Erstattung über {{amount}} für Ihre Bestellung {{order.number}} ist veranlasst.',
    'Banken benötigen üblicherweise 5–7 Werktage, bis der Betrag auf dem Kontoauszug erscheint. Sie müssen nichts weiter tun.',
    'Sollte der Betrag danach noch nicht da sein, antworten Sie einfach auf diese E-Mail und ich sehe sofort nach.',
  ]),
  sie('delivery-delay', 'Lieferverzögerung – Entschuldigung', ['delivery-delay', 'tracking'], 'apologetic', [
    'es tut mir sehr leid, dass Ihre Bestellung {{order.number}} noch nicht bei Ihnen angekommen ist. Ich kann gut verstehen, dass das Warten ohne Neuigkeiten ärgerlich ist.',
    'Ich habe unseren Versandpartner gebeten, der Sendung nachzugehen, und melde mich innerhalb von 2 Werktagen mit einem Zwischenstand bei Ihnen.',
    'Sollte das Paket bis dahin nicht angekommen sein, finden wir gemeinsam eine Lösung – eine Ersatzlieferung oder eine Erstattung, ganz wie Sie möchten.',
  ]),
  sie('tracking', 'Sendungsnummer', ['tracking', 'delivery-delay'], 'neutral', [
    'vielen Dank für Ihre Nachricht. Ihre Bestellung {{order.number}} ist bereits unterwegs.',
    'Ihre Sendungsnummer lautet {{tracking.number}}. Damit können Sie auf der Website von {{tracking.carrier | "unserem Versandpartner"}} jederzeit sehen, wo sich Ihr Paket gerade befindet.',
    'Falls sich die Sendungsverfolgung länger als 3 Werktage nicht ändert, geben Sie mir bitte Bescheid – ich wende mich dann direkt an den Versanddienstleister.',
  ]),
  sie(
    'damaged-item',
    'Beschädigte oder falsche Ware – Entschuldigung',
    ['damaged-or-wrong-item', 'return', 'complaint'],
    'apologetic',
    [
      'es tut mir wirklich leid, dass Ihre Bestellung {{order.number}} nicht so angekommen ist, wie sie sollte. Das ist ärgerlich und entspricht nicht unserem Anspruch.',
      'Könnten Sie mir ein Foto des Artikels (und, falls noch vorhanden, der Verpackung) schicken? Sobald ich es habe, veranlasse ich kostenlos eine Ersatzlieferung oder eine vollständige Erstattung – ganz wie Sie möchten.',
      'Für die Rücksendung entstehen Ihnen selbstverständlich keine Kosten.',
    ],
  ),
  sie('return', 'Rücksendung – so funktioniert es', ['return', 'refund'], 'neutral', [
    'vielen Dank für Ihre Nachricht – selbstverständlich können Sie Ihre Bestellung {{order.number}} zurücksenden.',
    'So geht es:\n1. Verpacken Sie den Artikel, am besten in der Originalverpackung.\n2. Nutzen Sie das Rücksendeetikett aus Ihrem Paket oder antworten Sie auf diese E-Mail, dann schicke ich Ihnen ein neues.\n3. Geben Sie das Paket in einer Postfiliale oder einem Paketshop ab.',
    'Sobald die Rücksendung bei uns eingetroffen ist, erstatten wir den Betrag innerhalb von 5 Werktagen und informieren Sie per E-Mail.',
  ]),
  sie('cancellation', 'Stornierung bestätigt', ['cancellation', 'order-change'], 'neutral', [
    'vielen Dank für Ihre Nachricht. Ich habe Ihre Bestellung {{order.number}} storniert.',
    'Falls Sie bereits bezahlt haben, erhalten Sie den Betrag innerhalb von 5–7 Werktagen auf dem ursprünglichen Zahlungsweg zurück.',
    'Sollte das Paket unser Lager schon verlassen haben, verweigern Sie einfach die Annahme oder senden Sie es zurück – es entstehen Ihnen keine Kosten.',
  ]),
  sie('invoice', 'Rechnungskopie', ['invoice'], 'neutral', [
    'vielen Dank für Ihre Nachricht. Im Anhang finden Sie die Rechnung {{invoice.number | ""}} zu Ihrer Bestellung {{order.number}}.',
    'Falls die Rechnung auf einen anderen Namen oder eine Firmenadresse ausgestellt werden soll, schicken Sie mir einfach die Angaben – ich stelle Ihnen dann gern eine korrigierte Rechnung aus.',
  ]),
  sie('complaint', 'Beschwerde – wir nehmen das ernst', ['complaint'], 'apologetic', [
    'vielen Dank, dass Sie uns darauf aufmerksam machen, und entschuldigen Sie bitte, dass wir Sie enttäuscht haben. Ihre Kritik ist vollkommen berechtigt.',
    'Ich habe Ihre Nachricht an das zuständige Team weitergegeben, damit so etwas nicht wieder vorkommt, und kümmere mich persönlich um Ihr Anliegen.',
    'Was würde Ihnen jetzt am meisten helfen? Ich melde mich innerhalb von einem Werktag mit einer Lösung bei Ihnen.',
  ]),
  sie('payment', 'Problem mit der Zahlung', ['payment'], 'apologetic', [
    'entschuldigen Sie bitte die Unklarheiten bei der Zahlung Ihrer Bestellung {{order.number}} – ich verstehe, dass das beunruhigend ist.',
    'Ich habe Ihre Bestellung geprüft und sorge dafür, dass Ihnen der Betrag nur einmal berechnet wird. Eine doppelt abgebuchte Zahlung wird innerhalb von 5–7 Werktagen automatisch zurückerstattet.',
    'Sollten Sie danach noch ein Problem sehen, schicken Sie mir bitte einen Screenshot der Abbuchung – ich kläre das dann mit unserer Buchhaltung.',
  ]),
  sie('address-change', 'Änderung der Lieferadresse', ['shipping-address', 'order-change'], 'neutral', [
    'vielen Dank, dass Sie uns rechtzeitig Bescheid geben. Ich helfe Ihnen gern mit der neuen Lieferadresse für Ihre Bestellung {{order.number}}.',
    'Ich habe die neue Adresse an unser Lager weitergegeben. Wurde das Paket noch nicht an den Versanddienstleister übergeben, geht es direkt an die neue Adresse; andernfalls bitte ich den Versanddienstleister um eine Umleitung.',
    'Sobald die Änderung durch ist, bestätige ich Ihnen das per E-Mail.',
  ]),
  sie('thank-you', 'Danke für Ihr Lob', ['thank-you'], 'warm', [
    'herzlichen Dank für Ihre nette Nachricht – darüber haben wir uns sehr gefreut!',
    'Ich habe sie an das ganze Team weitergegeben. Schön, dass Sie mit Ihrer Bestellung zufrieden sind – wir sind jederzeit gern für Sie da.',
  ]),

  du('refund-apologetic', 'Erstattung – sorry für den Ärger (du)', ['refund', 'complaint'], 'apologetic', [
    'es tut mir leid, dass es mit deiner Bestellung {{order.number}} Ärger gegeben hat. Ich verstehe gut, dass du dein Geld schnell zurückhaben möchtest, und kümmere mich sofort darum.',
    'Ich habe die Erstattung gerade veranlasst. Das Geld geht auf die Karte bzw. das Konto zurück, mit der bzw. dem du bezahlt hast, und ist meist innerhalb von 5–7 Werktagen sichtbar.',
    'Falls es bis dahin nicht angekommen ist, antworte einfach auf diese E-Mail – ich kläre das dann persönlich.',
  ]),
  du('delivery-delay', 'Lieferverzögerung – sorry (du)', ['delivery-delay', 'tracking'], 'apologetic', [
    'es tut mir wirklich leid, dass deine Bestellung {{order.number}} noch nicht bei dir angekommen ist. Ich kann gut verstehen, dass das Warten nervt.',
    'Ich habe unseren Versandpartner gebeten, der Sendung nachzugehen, und melde mich innerhalb von 2 Werktagen mit einem Zwischenstand.',
    'Sollte das Paket bis dahin nicht da sein, finden wir eine Lösung – eine Ersatzlieferung oder eine Erstattung, ganz wie du möchtest.',
  ]),
  du(
    'damaged-item',
    'Beschädigte oder falsche Ware – sorry (du)',
    ['damaged-or-wrong-item', 'return', 'complaint'],
    'apologetic',
    [
      'es tut mir echt leid, dass deine Bestellung {{order.number}} nicht so angekommen ist, wie sie sollte. Das ist ärgerlich und so soll es nicht sein.',
      'Kannst du mir ein Foto des Artikels (und, falls noch da, der Verpackung) schicken? Sobald ich es habe, schicke ich dir kostenlos Ersatz oder erstatte dir den vollen Betrag – ganz wie du möchtest.',
      'Für die Rücksendung entstehen dir natürlich keine Kosten.',
    ],
  ),
  du('thank-you', 'Danke für dein Lob (du)', ['thank-you'], 'warm', [
    'vielen Dank für deine nette Nachricht – darüber haben wir uns riesig gefreut!',
    'Ich habe sie ans ganze Team weitergegeben. Schön, dass du mit deiner Bestellung zufrieden bist – wir sind jederzeit für dich da.',
  ]),
];

function toRecord(template: StarterTemplate, existing: TemplateRecord | undefined): TemplateRecord {
  return {
    id: packRecordId(STARTER_OWNER, template.id),
    title: template.title,
    body: template.body,
    language: template.language,
    intents: template.intents,
    tone: template.tone,
    ...(template.formality ? { formality: template.formality } : {}),
    owner: STARTER_OWNER,
    version: template.version,
    updatedAt: STARTER_UPDATED_AT,
    // The agent's usage and a "hide" (soft delete) survive updates of the starter texts.
    usageCount: existing?.usageCount ?? 0,
    ...(existing?.deletedAt !== undefined ? { deletedAt: existing.deletedAt } : {}),
  };
}

/**
 * Installs the starter pack, or brings it up to date after an extension update. Idempotent: templates already at
 * their current version are left alone (usage counts and hidden ones included), and nothing personal is touched.
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
