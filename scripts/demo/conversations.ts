import type { Emotion, SentimentLabel, Trajectory, UrgencyLevel } from '../../lib/analysis/types';
import type { Intent } from '../../lib/models/types';
import type { Role } from '../../lib/sites/types';

/**
 * The demo helpdesk's conversations: a dozen English and German e-commerce tickets, each with the mood a person
 * reading it would give it, so end-to-end tests can check what Rapport shows against it.
 *
 * Times are those of one fixed week (the data's "now" is `demoNow`); the server moves them forward by whole weeks
 * so the demo looks current and weekdays in the text ("birthday on Saturday") stay right.
 */

export type DemoRole = Extract<Role, 'customer' | 'agent' | 'internal-note'>;

export interface DemoPerson {
  name: string;
  email: string;
}

export interface DemoAttachment {
  name: string;
  /** As the helpdesk shows it, e.g. "2.4 MB". */
  size: string;
}

/**
 * How a customer's mail client quoted the message it replies to. The quoted message is the latest earlier public
 * reply from the support team.
 */
export type QuoteStyle = 'gmail-en' | 'gmail-de' | 'outlook-en' | 'outlook-de' | 'plain-de';

export interface DemoMessage {
  /** Unique across the demo; the page uses it as the message element's id. */
  id: string;
  role: DemoRole;
  author: DemoPerson;
  /** ISO 8601 with the Berlin offset of the data's week. */
  time: string;
  /** What the author wrote, greeting and sign-off included: the text an adapter should read once it strips quotes and signatures. */
  text: string;
  /** A block under the text (address, phone, "Sent from my iPhone") that an adapter should strip. */
  signature?: string;
  quote?: QuoteStyle;
  attachments: DemoAttachment[];
}

/** The mood a careful person gives the conversation, judged on the customer's messages. */
export interface ExpectedMood {
  sentiment: SentimentLabel;
  /** The dominant emotion of the latest customer messages. */
  emotion: Emotion;
  trajectory: Trajectory;
  /** Set where the conversation clearly has (true) or clearly lacks (false) insults. */
  offensive?: boolean;
  /** Set where the urgency is clear from the text (a deadline, a chargeback or legal threat). */
  urgency?: UrgencyLevel;
}

/**
 * What the customer asks for, as a careful team lead labels it (issue 19): the main request the top suggestion must
 * fit, and the other intents a suggestion in the top three may serve without being off topic.
 */
export interface ExpectedIntents {
  main: Intent;
  also: Intent[];
}

export type DemoScenario =
  | 'angry-refund'
  | 'late-delivery'
  | 'invoice-question-de'
  | 'grateful-follow-up'
  | 'abusive'
  | 'polite-then-worse'
  | 'formal-complaint-de'
  | 'long-thread'
  | 'damaged-item-de'
  | 'cancellation'
  | 'wrong-size-return'
  | 'tracking-question-de'
  | 'voucher-de';

export type TicketStatus = 'new' | 'open' | 'pending' | 'solved';
export type TicketPriority = 'low' | 'normal' | 'high' | 'urgent';

export interface DemoOrder {
  number: string;
  placed: string;
  items: string[];
  total: string;
  status: string;
}

export interface DemoCustomer extends DemoPerson {
  location: string;
  customerSince: string;
  orders: number;
}

export interface DemoConversation {
  /** Ticket number; the page lives at `/tickets/<id>`. */
  id: string;
  scenario: DemoScenario;
  language: 'de' | 'en';
  subject: string;
  customer: DemoCustomer;
  assignee: DemoPerson;
  status: TicketStatus;
  priority: TicketPriority;
  tags: string[];
  channel: 'email' | 'web form';
  unread: boolean;
  order?: DemoOrder;
  messages: DemoMessage[];
  expected: ExpectedMood;
  expectedIntents?: ExpectedIntents;
}

/** The address customers write to; quoted replies name it. */
export const supportMailbox = {
  en: { name: 'Nordwind Shop Support', email: 'support@nordwind-shop.example' },
  de: { name: 'Nordwind Shop Kundenservice', email: 'kundenservice@nordwind-shop.example' },
} as const satisfies Record<'de' | 'en', DemoPerson>;

/** The support team. Lena is the agent signed in to the demo. */
export const demoAgents = {
  lena: { name: 'Lena Vogt', email: 'lena.vogt@nordwind-shop.example' },
  tom: { name: 'Tom Becker', email: 'tom.becker@nordwind-shop.example' },
  aylin: { name: 'Aylin Demir', email: 'aylin.demir@nordwind-shop.example' },
} as const satisfies Record<string, DemoPerson>;

/** The agent signed in to the demo helpdesk. */
export const signedInAgent: DemoPerson = demoAgents.lena;

/** The data's "now": the latest message is a little before it. */
export const demoNow = '2026-11-20T17:00:00+01:00';

/** Berlin switched from summer to winter time on 25 Oct 2026 at 01:00 UTC. */
const winterTimeFrom = Date.parse('2026-10-25T01:00:00Z');

/** `'2026-11-16 09:14'` Berlin wall time → ISO 8601 with the right offset. */
function berlin(local: string): string {
  const [date, clock] = local.split(' ');
  const asWinter = `${date}T${clock}:00+01:00`;
  return Date.parse(asWinter) >= winterTimeFrom ? asWinter : `${date}T${clock}:00+02:00`;
}

/** Paragraphs joined by a blank line, as mail is written. */
function para(...paragraphs: string[]): string {
  return paragraphs.join('\n\n');
}

interface MessageDraft {
  by: DemoRole;
  author?: DemoPerson;
  at: string;
  text: string;
  signature?: string;
  quote?: QuoteStyle;
  attachments?: DemoAttachment[];
}

type ConversationDraft = Omit<DemoConversation, 'messages'> & { messages: MessageDraft[] };

function defineConversation(draft: ConversationDraft): DemoConversation {
  return {
    ...draft,
    messages: draft.messages.map((message, index) => ({
      id: `c${draft.id}-${index + 1}`,
      role: message.by,
      author: message.author ?? (message.by === 'customer' ? draft.customer : draft.assignee),
      time: berlin(message.at),
      text: message.text,
      signature: message.signature,
      quote: message.quote,
      attachments: message.attachments ?? [],
    })),
  };
}

const { lena, tom, aylin } = demoAgents;

const angryRefund = defineConversation({
  id: '10481',
  scenario: 'angry-refund',
  language: 'en',
  subject: 'Refund for order #A-55812 still missing',
  customer: {
    name: 'Derek Holloway',
    email: 'derek.holloway@example.com',
    location: 'Manchester, UK',
    customerSince: 'March 2023',
    orders: 7,
  },
  assignee: lena,
  status: 'open',
  priority: 'urgent',
  tags: ['refund', 'chargeback-risk'],
  channel: 'email',
  unread: true,
  order: {
    number: '#A-55812',
    placed: '24 Oct 2026',
    items: ['Brema Pro espresso machine, steel'],
    total: '€349.00',
    status: 'Returned · refund pending',
  },
  messages: [
    {
      by: 'customer',
      at: '2026-11-16 09:14',
      text: para(
        'Hello,',
        'I returned the espresso machine from order #A-55812 on 2 November. Your own tracking shows it arrived at your warehouse on 5 November. It is now the 16th and I still have not seen the refund of €349.00.',
        'Please let me know when the money will be back on my card.',
        'Derek',
      ),
    },
    {
      by: 'agent',
      at: '2026-11-16 11:02',
      text: para(
        'Hi Derek,',
        'Thank you for getting in touch, and sorry for the wait. I can see your return arrived on 5 November. It is currently with our returns team for inspection, which usually takes 5–7 working days. I have asked them to prioritise it and will update you as soon as the refund is issued.',
        'Best regards,\nLena\nNordwind Shop Support',
      ),
    },
    {
      by: 'internal-note',
      at: '2026-11-16 11:05',
      text: 'Returns team says the unit is still in the inspection queue, no damage noted at intake. Asked Marco to release the refund today if he can.',
    },
    {
      by: 'customer',
      at: '2026-11-19 17:48',
      text: para(
        'This is ridiculous. Three days ago you promised me an update and I have heard NOTHING. "5–7 working days for inspection" is a joke – you have had my machine for two weeks.',
        'I want my €349 back today. Not next week, not "as soon as possible". If the refund is not on my card by Friday I will file a chargeback with my bank and leave a review everywhere I can telling people exactly how you treat your customers.',
        'I am done being polite.',
        'Derek Holloway',
      ),
      signature: 'Sent from my iPhone',
      quote: 'gmail-en',
    },
  ],
  expectedIntents: { main: 'refund', also: ['complaint'] },
  expected: { sentiment: 'negative', emotion: 'angry', trajectory: 'worsening', offensive: false, urgency: 'high' },
});

const lateDelivery = defineConversation({
  id: '10482',
  scenario: 'late-delivery',
  language: 'en',
  subject: 'Where is my order? I need it by Saturday',
  customer: {
    name: 'Priya Raman',
    email: 'priya.raman@example.org',
    location: 'Leeds, UK',
    customerSince: 'November 2026',
    orders: 1,
  },
  assignee: tom,
  status: 'open',
  priority: 'high',
  tags: ['delivery', 'ups'],
  channel: 'web form',
  unread: true,
  order: {
    number: '#A-56107',
    placed: '9 Nov 2026',
    items: ['Little Chef wooden play kitchen'],
    total: '€129.95',
    status: 'Shipped · UPS 1Z999AA10123456784',
  },
  messages: [
    {
      by: 'customer',
      at: '2026-11-17 19:21',
      text: para(
        'Hi there,',
        'I ordered the wooden play kitchen (order #A-56107) on 9 November with standard delivery, which said 3–5 working days. The UPS tracking number 1Z999AA10123456784 hasn\'t updated since Thursday – it still says "label created".',
        'Could you check where it is?',
        'Thanks,\nPriya',
      ),
    },
    {
      by: 'agent',
      at: '2026-11-18 09:40',
      text: para(
        'Hi Priya,',
        "Thanks for your message. I've contacted UPS and opened a trace for your parcel. They've told us it should be handed over for delivery within the next 48 hours. I'll keep an eye on it.",
        'Kind regards,\nTom\nNordwind Shop Support',
      ),
    },
    {
      by: 'customer',
      at: '2026-11-18 21:57',
      text: para(
        'Hi Tom,',
        "thanks, but I'm really worried now. The tracking still says \"label created\" and it's my daughter's 4th birthday on Saturday. The play kitchen is her main present and I don't have anything else. If it doesn't arrive in time I honestly don't know what I'll do. 😟",
        "Is there any way you could send a replacement by express, or at least tell me for sure that it will arrive by Friday? I'm so nervous about this.",
        'Priya',
      ),
      quote: 'gmail-en',
    },
  ],
  expectedIntents: { main: 'delivery-delay', also: ['tracking'] },
  expected: { sentiment: 'negative', emotion: 'anxious', trajectory: 'worsening', offensive: false, urgency: 'high' },
});

const invoiceQuestion = defineConversation({
  id: '10483',
  scenario: 'invoice-question-de',
  language: 'de',
  subject: 'Frage zur Rechnung RE-2026-004512',
  customer: {
    name: 'Jonas Richter',
    email: 'jonas.richter@example.net',
    location: 'Leipzig',
    customerSince: 'Januar 2025',
    orders: 4,
  },
  assignee: aylin,
  status: 'new',
  priority: 'normal',
  tags: ['rechnung'],
  channel: 'email',
  unread: true,
  order: {
    number: '10023456',
    placed: '12 Nov 2026',
    items: [
      'Leinen-Tischdecke „Sylt“, 140 × 240',
      'Servietten „Sylt“, 4er-Set',
      'Kerzenständer „Fjell“ (Teillieferung 2/2)',
    ],
    total: '94,92 €',
    status: 'Teilweise versandt',
  },
  messages: [
    {
      by: 'customer',
      at: '2026-11-19 10:03',
      text: para(
        'Hallo,',
        'ich blicke bei meiner Rechnung RE-2026-004512 (Bestellung 10023456) nicht ganz durch. Auf der Rechnung steht ein Betrag von 89,97 €, abgebucht wurden aber 94,92 €. Sind das Versandkosten? Bei der Bestellung stand doch „versandkostenfrei ab 50 €“.',
        'Und was bedeutet „Teillieferung 1/2“? Kommt da noch etwas, und bekomme ich dafür eine zweite Rechnung?',
        'Ich verstehe es ehrlich gesagt nicht ganz. Könnt ihr mir das kurz erklären?',
        'Danke und Gruß\nJonas Richter',
      ),
      attachments: [{ name: 'RE-2026-004512.pdf', size: '86 KB' }],
    },
  ],
  expectedIntents: { main: 'invoice', also: ['payment'] },
  expected: { sentiment: 'neutral', emotion: 'confused', trajectory: 'steady', offensive: false },
});

const gratefulFollowUp = defineConversation({
  id: '10484',
  scenario: 'grateful-follow-up',
  language: 'en',
  subject: 'Missing pillow cases in order #A-54930',
  customer: {
    name: 'Emily Carter',
    email: 'emily.carter@example.com',
    location: 'Bristol, UK',
    customerSince: 'June 2024',
    orders: 5,
  },
  assignee: aylin,
  status: 'pending',
  priority: 'low',
  tags: ['missing-item', 'praise'],
  channel: 'email',
  unread: false,
  order: {
    number: '#A-54930',
    placed: '11 Nov 2026',
    items: ['Bedding set "Nordlicht", 135 × 200 (duvet cover + 2 pillow cases)'],
    total: '€79.90',
    status: 'Delivered',
  },
  messages: [
    {
      by: 'customer',
      at: '2026-11-16 13:12',
      text: para(
        'Hello,',
        'my bedding set arrived today, but the two pillow cases are missing from the package. The duvet cover is there. Could you send them separately?',
        'Thanks,\nEmily',
      ),
    },
    {
      by: 'agent',
      at: '2026-11-16 15:30',
      text: para(
        'Hi Emily,',
        "I'm sorry the pillow cases were missing! I've sent them out separately today with DHL, tracking number 00340434161094022115. They should be with you in 1–2 working days.",
        'Best wishes,\nAylin\nNordwind Shop Support',
      ),
    },
    {
      by: 'customer',
      at: '2026-11-18 18:44',
      text: para(
        'Hi Aylin,',
        "the pillow cases arrived this morning – thank you so much for sorting this out so quickly! Honestly the best customer service I've had in ages. The bedding looks lovely and I'm really happy with it. 🙏",
        'Have a great week,\nEmily',
      ),
      quote: 'gmail-en',
    },
  ],
  expectedIntents: { main: 'thank-you', also: [] },
  expected: { sentiment: 'positive', emotion: 'grateful', trajectory: 'improving', offensive: false, urgency: 'low' },
});

const abusive = defineConversation({
  id: '10485',
  scenario: 'abusive',
  language: 'en',
  subject: 'Wrong jacket AGAIN',
  customer: {
    name: 'Gary Mitchell',
    email: 'gary.mitchell@example.net',
    location: 'Cardiff, UK',
    customerSince: 'September 2025',
    orders: 2,
  },
  assignee: tom,
  status: 'open',
  priority: 'high',
  tags: ['exchange', 'wrong-item'],
  channel: 'email',
  unread: true,
  order: {
    number: '#A-56011',
    placed: '6 Nov 2026',
    items: ['Skagen rain jacket, navy, M'],
    total: '€159.00',
    status: 'Exchange shipped',
  },
  messages: [
    {
      by: 'customer',
      at: '2026-11-17 08:31',
      text: para(
        'Hi,',
        'I ordered the Skagen rain jacket in navy, size M (order #A-56011). The parcel contained a black one in size L. Please send the right one.',
        'Gary',
      ),
    },
    {
      by: 'agent',
      at: '2026-11-17 10:15',
      text: para(
        'Hi Gary,',
        "I'm sorry about the mix-up. I've sent the navy jacket in size M today by express and attached a free return label for the black one.",
        'Kind regards,\nTom\nNordwind Shop Support',
      ),
      attachments: [{ name: 'Return-label-A-56011.pdf', size: '112 KB' }],
    },
    {
      by: 'customer',
      at: '2026-11-20 07:52',
      text: para(
        'Are you people completely brain dead?? You sent the wrong jacket AGAIN. Black, size L, exactly the same rubbish as last time.',
        'What kind of idiots work there? You are a bunch of incompetent clowns and every one of you should be fired. Fix it today or I will make sure everyone knows what a pathetic scam of a shop this is.',
        "And don't send me another one of your stupid copy-paste apologies.",
      ),
      quote: 'outlook-en',
    },
  ],
  expectedIntents: { main: 'damaged-or-wrong-item', also: ['complaint', 'return'] },
  expected: { sentiment: 'negative', emotion: 'angry', trajectory: 'worsening', offensive: true },
});

const politeThenWorse = defineConversation({
  id: '10486',
  scenario: 'polite-then-worse',
  language: 'en',
  subject: 'Delivery date for my sofa (order #A-53322)',
  customer: {
    name: 'Oliver Bennett',
    email: 'o.bennett@example.org',
    location: 'Edinburgh, UK',
    customerSince: 'October 2026',
    orders: 1,
  },
  assignee: tom,
  status: 'open',
  priority: 'high',
  tags: ['delivery', 'freight'],
  channel: 'email',
  unread: true,
  order: {
    number: '#A-53322',
    placed: '28 Oct 2026',
    items: ['Fjord 3-seater sofa, sand'],
    total: '€1,299.00',
    status: 'Handed to freight carrier',
  },
  messages: [
    {
      by: 'customer',
      at: '2026-11-16 09:30',
      text: para(
        'Good morning,',
        "I hope you're well. I ordered the Fjord 3-seater sofa (order #A-53322) three weeks ago, and the confirmation said delivery in week 47. Could you let me know which day the freight company will come, so I can arrange to be at home?",
        'Many thanks in advance,\nOliver Bennett',
      ),
    },
    {
      by: 'agent',
      at: '2026-11-16 14:10',
      text: para(
        'Hi Oliver,',
        'thank you for your patience. The freight company will contact you directly to arrange a delivery slot.',
        'Kind regards,\nTom',
      ),
    },
    {
      by: 'customer',
      at: '2026-11-18 10:02',
      text: para(
        'Hi Tom,',
        "thanks, but nobody has contacted me yet, and week 47 ends on Friday. Could you please check with the freight company? I've already rearranged my work schedule once.",
        'Regards,\nOliver',
      ),
      quote: 'gmail-en',
    },
    {
      by: 'agent',
      at: '2026-11-18 16:45',
      text: para(
        'Hi Oliver,',
        "I've asked the freight company for an update and will get back to you as soon as I hear from them.",
        'Kind regards,\nTom',
      ),
    },
    {
      by: 'customer',
      at: '2026-11-20 09:15',
      text: para(
        'Tom,',
        'it is now Friday and I still have no delivery date, no call, nothing. I took Wednesday off work for nothing. This is really frustrating. I paid €1,299 up front and all I get are copy-and-paste replies.',
        'I expect a concrete delivery date today.',
        'Oliver',
      ),
      quote: 'gmail-en',
    },
    {
      by: 'customer',
      at: '2026-11-20 16:20',
      text: para(
        'Still no answer. Frankly, this is unacceptable and I am fed up with being ignored.',
        "I'm starting to regret ordering from you at all. If I don't hear anything by Monday, cancel the order and give me my money back.",
      ),
    },
  ],
  expectedIntents: { main: 'delivery-delay', also: ['tracking', 'complaint', 'cancellation', 'refund'] },
  expected: {
    sentiment: 'negative',
    emotion: 'frustrated',
    trajectory: 'worsening',
    offensive: false,
    urgency: 'high',
  },
});

const formalComplaint = defineConversation({
  id: '10487',
  scenario: 'formal-complaint-de',
  language: 'de',
  subject: 'Beschwerde: Erstattung zu Bestellung 10019877 weiterhin ausstehend',
  customer: {
    name: 'Dr. Klaus Bergmann',
    email: 'k.bergmann@example.com',
    location: 'München',
    customerSince: 'Mai 2021',
    orders: 23,
  },
  assignee: aylin,
  status: 'open',
  priority: 'high',
  tags: ['erstattung', 'beschwerde'],
  channel: 'email',
  unread: false,
  order: {
    number: '10019877',
    placed: '14 Oct 2026',
    items: ['Kaffeevollautomat „Brema“, Edelstahl'],
    total: '649,00 €',
    status: 'Retoure eingegangen',
  },
  messages: [
    {
      by: 'customer',
      at: '2026-11-17 08:47',
      text: para(
        'Sehr geehrte Damen und Herren,',
        'am 28. Oktober habe ich die Rücksendung zu meiner Bestellung 10019877 (Kaffeevollautomat „Brema“, 649,00 €) ordnungsgemäß an Sie zurückgeschickt. Laut Sendungsverfolgung (DHL 00340434161094011223) ist das Paket am 30. Oktober bei Ihnen eingegangen.',
        'Bis heute ist keine Erstattung erfolgt, und auf meine E-Mail vom 6. November habe ich keine Antwort erhalten. Ich muss Ihnen offen sagen, dass ich von Ihrem Umgang mit Kunden sehr enttäuscht bin.',
        'Ich fordere Sie hiermit auf, den Betrag von 649,00 € bis spätestens 24. November auf mein Konto zu erstatten. Andernfalls sehe ich mich gezwungen, die Verbraucherzentrale einzuschalten.',
        'Mit freundlichen Grüßen\nDr. Klaus Bergmann',
      ),
      signature: 'Dr. Klaus Bergmann\nLindenstraße 14\n80331 München\nTel. 089 1234567',
      attachments: [{ name: 'Einlieferungsbeleg_DHL.pdf', size: '214 KB' }],
    },
    {
      by: 'agent',
      at: '2026-11-17 13:20',
      text: para(
        'Sehr geehrter Herr Dr. Bergmann,',
        'vielen Dank für Ihre Nachricht, und bitte entschuldigen Sie, dass Ihre E-Mail vom 6. November unbeantwortet geblieben ist. Ich habe Ihre Rücksendung geprüft: Das Gerät ist bei uns eingegangen und wird derzeit von unserer Retourenabteilung bearbeitet. Ich habe die Erstattung als dringend markiert.',
        'Mit freundlichen Grüßen\nAylin Demir\nNordwind Shop Kundenservice',
      ),
    },
    {
      by: 'customer',
      at: '2026-11-19 18:12',
      text: para(
        'Sehr geehrte Frau Demir,',
        'vielen Dank für Ihre Rückmeldung. Leider ist bis heute weiterhin keine Erstattung auf meinem Konto eingegangen. „Als dringend markiert“ hilft mir offen gestanden wenig, wenn sich seit drei Wochen nichts bewegt.',
        'Ich erwarte eine verbindliche Aussage, wann die 649,00 € erstattet werden. Meine Frist bis zum 24. November bleibt bestehen.',
        'Mit freundlichen Grüßen\nKlaus Bergmann',
      ),
      signature: 'Dr. Klaus Bergmann\nLindenstraße 14\n80331 München\nTel. 089 1234567',
      quote: 'outlook-de',
    },
  ],
  expectedIntents: { main: 'refund', also: ['complaint'] },
  expected: { sentiment: 'negative', emotion: 'frustrated', trajectory: 'steady', offensive: false, urgency: 'high' },
});

const longThread = defineConversation({
  id: '10488',
  scenario: 'long-thread',
  language: 'en',
  subject: 'Warranty repair: Kessel 5 stand mixer stopped working',
  customer: {
    name: 'Rachel Nguyen',
    email: 'rachel.nguyen@example.com',
    location: 'London, UK',
    customerSince: 'February 2022',
    orders: 12,
  },
  assignee: lena,
  status: 'open',
  priority: 'urgent',
  tags: ['warranty', 'repair', 'escalated'],
  channel: 'email',
  unread: true,
  order: {
    number: '#A-49877',
    placed: '18 Aug 2026',
    items: ['Kessel 5 stand mixer, cream'],
    total: '€429.00',
    status: 'Delivered · warranty case',
  },
  messages: [
    {
      by: 'customer',
      at: '2026-10-12 10:14',
      text: para(
        'Hello,',
        "the Kessel 5 stand mixer I bought in August (order #A-49877) stopped working yesterday. The motor hums for a second and then cuts out. I've tried different speeds and a different socket. Is this covered by the warranty?",
        'Best,\nRachel Nguyen',
      ),
    },
    {
      by: 'agent',
      at: '2026-10-12 14:02',
      text: para(
        'Hi Rachel,',
        "sorry to hear your mixer has stopped working. Yes, it's covered by the 2-year warranty. Could you send me a short video of what happens when you switch it on, and the serial number from the label underneath?",
        'Best regards,\nLena',
      ),
    },
    {
      by: 'customer',
      at: '2026-10-12 19:30',
      text: 'Hi Lena, sure – video attached. The serial number is KP5-2208-113947.\n\nRachel',
      attachments: [{ name: 'mixer.mp4', size: '14.2 MB' }],
    },
    {
      by: 'agent',
      at: '2026-10-13 09:15',
      text: "Thanks, Rachel. I've forwarded this to our technical team. They'll decide whether it's a repair or a replacement, and I'll be in touch within 2–3 working days.\n\nLena",
    },
    {
      by: 'internal-note',
      at: '2026-10-13 09:16',
      text: 'Video shows the motor cutting out with no load – most likely the speed controller board. Asked Marco (tech) for a decision.',
    },
    { by: 'customer', at: '2026-10-16 11:02', text: 'Hi, just checking in – any news from the technical team?' },
    {
      by: 'agent',
      author: tom,
      at: '2026-10-16 15:40',
      text: para(
        'Hi Rachel, Tom here, covering for Lena today.',
        "The technical team recommends a repair. I've booked a courier to collect the mixer on Tuesday, 20 October, between 8:00 and 18:00. Please pack it in its original box if you still have it.",
        'Kind regards,\nTom',
      ),
    },
    {
      by: 'customer',
      at: '2026-10-16 16:05',
      text: 'OK, thanks. I do have the box. Will the courier bring a label, or do I need to print something?',
    },
    {
      by: 'agent',
      author: tom,
      at: '2026-10-17 09:20',
      text: "The courier brings the label – you don't need to print anything.\n\nTom",
    },
    {
      by: 'customer',
      at: '2026-10-20 18:47',
      text: "The courier didn't come today. I stayed at home all day for it. Can you check what happened?",
    },
    {
      by: 'agent',
      author: aylin,
      at: '2026-10-21 10:12',
      text: para(
        'Hi Rachel,',
        "I'm sorry about that. The courier company says the address was incomplete – the flat number was missing. I've corrected it and rebooked the collection for Thursday, 22 October.",
        'Aylin',
      ),
    },
    {
      by: 'customer',
      at: '2026-10-21 10:40',
      text: "The flat number is in my account and on the original order, so I'm not sure how that happened. But OK, Thursday works.",
    },
    { by: 'customer', at: '2026-10-22 17:55', text: 'Collected today, finally.' },
    {
      by: 'agent',
      author: aylin,
      at: '2026-10-23 08:30',
      text: "Great, thanks for letting us know! Repairs usually take 7–10 working days. We'll email you as soon as it's on its way back.\n\nAylin",
    },
    {
      by: 'internal-note',
      author: aylin,
      at: '2026-10-23 08:31',
      text: 'Courier booking failed because the flat number was dropped in the carrier export. Reported to IT as IT-2291.',
    },
    {
      by: 'customer',
      at: '2026-10-30 12:10',
      text: "Hi, could you tell me how far along the repair is? It's been a week.",
    },
    {
      by: 'agent',
      at: '2026-10-30 15:22',
      text: "Hi Rachel, the mixer arrived at the service centre on 26 October and is in the queue. I'll ask them for an estimate.\n\nLena",
    },
    {
      by: 'customer',
      at: '2026-11-02 09:05',
      text: "Any update? I've got a lot of baking planned for the weekend after next and was hoping to have it back by then.",
    },
    {
      by: 'agent',
      at: '2026-11-02 13:48',
      text: 'The service centre says they need a spare part (the speed controller board), which is on order. They expect it by the end of this week.\n\nLena',
    },
    {
      by: 'customer',
      at: '2026-11-02 14:02',
      text: "So the repair hasn't even started yet? That's disappointing. Can't you just send me a replacement instead?",
      quote: 'gmail-en',
    },
    {
      by: 'agent',
      at: '2026-11-02 16:30',
      text: "I understand. A replacement is normally only possible if a repair isn't feasible, but I've asked my team lead whether we can make an exception for you.\n\nLena",
    },
    {
      by: 'internal-note',
      at: '2026-11-02 16:31',
      text: '@Sabine customer has been waiting 3+ weeks and the part is on backorder. Replacement as goodwill? Kessel 5 cream is in stock (38 units).',
    },
    { by: 'customer', at: '2026-11-05 10:20', text: 'Did your team lead say anything?' },
    {
      by: 'agent',
      author: tom,
      at: '2026-11-05 11:45',
      text: "Hi Rachel, I'm afraid we haven't heard back yet. I've reminded her and will let you know by Monday at the latest.\n\nTom",
    },
    {
      by: 'customer',
      at: '2026-11-09 17:30',
      text: "It's Monday evening. Nobody has let me know anything.",
    },
    {
      by: 'agent',
      at: '2026-11-10 09:10',
      text: para(
        "Hi Rachel, I'm sorry for the silence.",
        "The exception wasn't approved because the part has now arrived at the service centre. The repair should be done within 3 working days.",
        'Lena',
      ),
    },
    {
      by: 'customer',
      at: '2026-11-10 09:35',
      text: "Well, at least there's movement. Please make sure it's sent back to the right address this time.",
      quote: 'gmail-en',
    },
    {
      by: 'agent',
      at: '2026-11-10 10:02',
      text: "I've double-checked the address, flat number included. It's all correct.\n\nLena",
    },
    {
      by: 'customer',
      at: '2026-11-13 15:15',
      text: "Has it been repaired? I haven't received any email.",
    },
    {
      by: 'agent',
      author: aylin,
      at: '2026-11-13 16:40',
      text: 'Hi Rachel, the service centre says the repair is complete and the mixer is being tested. It should ship on Monday.\n\nAylin',
    },
    { by: 'customer', at: '2026-11-16 18:00', text: 'Monday has come and gone. No shipping email.' },
    {
      by: 'agent',
      author: tom,
      at: '2026-11-17 09:30',
      text: 'Hi Rachel, it shipped this morning with DHL, tracking number 00340434161094035518. Delivery is expected on Wednesday.\n\nTom',
    },
    { by: 'customer', at: '2026-11-17 09:52', text: 'Thank you. Fingers crossed.' },
    {
      by: 'customer',
      at: '2026-11-18 19:20',
      text: "It arrived. I've just tested it and it does exactly the same thing as before: it hums, then cuts out. Five weeks, and nothing has changed.",
      attachments: [{ name: 'still-broken.mp4', size: '9.8 MB' }],
    },
    {
      by: 'agent',
      at: '2026-11-19 08:45',
      text: "Rachel, I'm really sorry – that should not have happened. I've escalated this to my team lead so we can arrange a replacement straight away.\n\nLena",
    },
    {
      by: 'internal-note',
      at: '2026-11-19 08:47',
      text: 'Repair failed – same fault after return. Escalated to Sabine: please approve a replacement plus a goodwill voucher.',
    },
    {
      by: 'customer',
      at: '2026-11-19 09:10',
      text: 'I don\'t want another round of couriers and "within 3 working days". Send me a new mixer or refund me. I\'ve been patient for five weeks.',
      quote: 'gmail-en',
    },
    {
      by: 'agent',
      author: tom,
      at: '2026-11-19 14:25',
      text: "Hi Rachel, I completely understand. I'm waiting for the final approval for a replacement and will get back to you tomorrow.\n\nTom",
    },
    {
      by: 'customer',
      at: '2026-11-19 20:12',
      text: 'You\'ve said "tomorrow" and "by Monday at the latest" before. I honestly don\'t believe it any more.',
    },
    {
      by: 'customer',
      at: '2026-11-20 11:30',
      text: "It's 11:30 and still nothing. Every single step of this has been a struggle: the courier, the part, the failed repair, the silence. I've wasted hours on this.",
    },
    {
      by: 'agent',
      at: '2026-11-20 12:05',
      text: "Rachel, I hear you and I'm sorry. I'm chasing the approval right now and will call you today.\n\nLena",
    },
    {
      by: 'customer',
      at: '2026-11-20 15:48',
      text: para(
        'Nobody called. This is getting ridiculous and I am fed up with being fobbed off.',
        "If I don't have a confirmed replacement or a full refund by Monday, I'm done with Nordwind for good.",
        'Rachel Nguyen',
      ),
      quote: 'gmail-en',
    },
  ],
  expectedIntents: { main: 'damaged-or-wrong-item', also: ['refund', 'complaint'] },
  expected: {
    sentiment: 'negative',
    emotion: 'frustrated',
    trajectory: 'worsening',
    offensive: false,
    urgency: 'high',
  },
});

const damagedItem = defineConversation({
  id: '10489',
  scenario: 'damaged-item-de',
  language: 'de',
  subject: 'Vase zerbrochen angekommen – Bestellung 10024581',
  customer: {
    name: 'Anna Lehmann',
    email: 'anna.lehmann@example.net',
    location: 'Hamburg',
    customerSince: 'April 2024',
    orders: 6,
  },
  assignee: lena,
  status: 'new',
  priority: 'normal',
  tags: ['beschädigt', 'ersatz'],
  channel: 'email',
  unread: true,
  order: {
    number: '10024581',
    placed: '16 Nov 2026',
    items: ['Glasvase „Malmö“, rauchblau, 32 cm'],
    total: '59,00 €',
    status: 'Zugestellt',
  },
  messages: [
    {
      by: 'customer',
      at: '2026-11-19 20:31',
      text: para(
        'Hallo,',
        'heute kam meine Bestellung 10024581 an, aber leider ist die Glasvase „Malmö“ völlig zerbrochen. Der Karton war an einer Ecke eingedrückt, und innen war kaum Polstermaterial. Ich habe Fotos gemacht (siehe Anhang).',
        'Das ist wirklich traurig, die Vase sollte ein Geschenk für meine Mutter zum 70. Geburtstag sein, und ich hatte mich so darauf gefreut. Jetzt stehe ich mit leeren Händen da. 😞',
        'Können Sie mir bitte Ersatz schicken?',
        'Viele Grüße\nAnna Lehmann',
      ),
      signature: 'Von meinem iPhone gesendet',
      attachments: [
        { name: 'IMG_4821.jpg', size: '2.4 MB' },
        { name: 'IMG_4822.jpg', size: '2.1 MB' },
      ],
    },
  ],
  expectedIntents: { main: 'damaged-or-wrong-item', also: ['return', 'complaint'] },
  expected: { sentiment: 'negative', emotion: 'sad', trajectory: 'steady', offensive: false },
});

const cancellation = defineConversation({
  id: '10490',
  scenario: 'cancellation',
  language: 'en',
  subject: 'Please cancel order #A-56230 (duplicate)',
  customer: {
    name: 'Tomás García',
    email: 'tomas.garcia@example.com',
    location: 'Dublin, IE',
    customerSince: 'July 2025',
    orders: 3,
  },
  assignee: lena,
  status: 'new',
  priority: 'normal',
  tags: ['cancellation'],
  channel: 'web form',
  unread: true,
  order: {
    number: '#A-56230',
    placed: '19 Nov 2026',
    items: ['Höhe standing desk, oak, 160 × 80'],
    total: '€589.00',
    status: 'Awaiting dispatch',
  },
  messages: [
    {
      by: 'customer',
      at: '2026-11-20 08:12',
      text: para(
        'Hi,',
        'I placed order #A-56230 last night by mistake – I ordered the standing desk twice. Could you please cancel the second order (#A-56230) before it ships? The first one (#A-56229) is correct and should go ahead as planned.',
        'Thanks a lot,\nTomás',
      ),
    },
  ],
  expectedIntents: { main: 'cancellation', also: ['order-change'] },
  expected: { sentiment: 'neutral', emotion: 'neutral', trajectory: 'steady', offensive: false },
});

const wrongSizeReturn = defineConversation({
  id: '10491',
  scenario: 'wrong-size-return',
  language: 'en',
  subject: 'Exchange hiking boots for a bigger size',
  customer: {
    name: "Megan O'Brien",
    email: 'megan.obrien@example.org',
    location: 'Cork, IE',
    customerSince: 'August 2023',
    orders: 9,
  },
  assignee: lena,
  status: 'solved',
  priority: 'low',
  tags: ['exchange', 'size'],
  channel: 'email',
  unread: false,
  order: {
    number: '#A-55990',
    placed: '10 Nov 2026',
    items: ['Trailhead hiking boots, women’s, size 39'],
    total: '€139.00',
    status: 'Exchange requested',
  },
  messages: [
    {
      by: 'customer',
      at: '2026-11-18 12:20',
      text: para(
        'Hi,',
        "the Trailhead hiking boots from order #A-55990 are lovely but a bit too small (I ordered a 39). Could I exchange them for a 40, or do I need to return them and order again? I've kept the box, and they've only been tried on indoors.",
        'Cheers,\nMegan',
      ),
    },
    {
      by: 'agent',
      at: '2026-11-18 15:05',
      text: para(
        'Hi Megan,',
        "no problem at all – you can exchange them free of charge. I've attached a prepaid return label. As soon as you drop the parcel off, we'll send the size 40 (we have it in stock).",
        'Best regards,\nLena\nNordwind Shop Support',
      ),
      attachments: [{ name: 'Return-label-A-55990.pdf', size: '108 KB' }],
    },
    {
      by: 'customer',
      at: '2026-11-18 19:02',
      text: "Perfect, thank you so much Lena! That's really helpful. I'll drop them off tomorrow.\n\nMegan",
      signature: '-- \nMegan O’Brien\nTrail runner & weekend hiker',
      quote: 'gmail-en',
    },
  ],
  expectedIntents: { main: 'thank-you', also: ['return'] },
  expected: { sentiment: 'positive', emotion: 'grateful', trajectory: 'improving', offensive: false, urgency: 'low' },
});

const trackingQuestion = defineConversation({
  id: '10492',
  scenario: 'tracking-question-de',
  language: 'de',
  subject: 'Sendungsverfolgung zeigt keinen Fortschritt',
  customer: {
    name: 'Mehmet Yılmaz',
    email: 'mehmet.yilmaz@example.com',
    location: 'Köln',
    customerSince: 'Februar 2026',
    orders: 2,
  },
  assignee: aylin,
  status: 'new',
  priority: 'normal',
  tags: ['versand', 'dpd'],
  channel: 'web form',
  unread: false,
  order: {
    number: '10024102',
    placed: '16 Nov 2026',
    items: ['Bettwäsche-Set „Nordlicht“, 155 × 220'],
    total: '69,90 €',
    status: 'Versandt · DPD 01505009876543',
  },
  messages: [
    {
      by: 'customer',
      at: '2026-11-20 11:47',
      text: para(
        'Guten Tag,',
        'ich habe am Montag die Bestellung 10024102 aufgegeben (Bettwäsche-Set „Nordlicht“). Die Versandbestätigung kam am Mittwoch mit der DPD-Paketnummer 01505009876543, aber die Sendungsverfolgung zeigt seit zwei Tagen nur „Daten übermittelt“.',
        'Können Sie mir sagen, wann das Paket ungefähr ankommt?',
        'Vielen Dank\nMehmet Yılmaz',
      ),
    },
  ],
  expectedIntents: { main: 'tracking', also: ['delivery-delay'] },
  expected: { sentiment: 'neutral', emotion: 'neutral', trajectory: 'steady', offensive: false },
});

const voucher = defineConversation({
  id: '10493',
  scenario: 'voucher-de',
  language: 'de',
  subject: 'Gutscheincode HAPPY15 funktioniert nicht',
  customer: {
    name: 'Lea Schäfer',
    email: 'lea.schaefer@example.org',
    location: 'Freiburg',
    customerSince: 'November 2020',
    orders: 31,
  },
  assignee: tom,
  status: 'solved',
  priority: 'low',
  tags: ['gutschein'],
  channel: 'email',
  unread: false,
  messages: [
    {
      by: 'customer',
      at: '2026-11-19 14:05',
      text: para(
        'Hallo liebes Nordwind-Team,',
        'ich wollte gerade meinen Geburtstagsgutschein HAPPY15 einlösen, aber im Warenkorb steht immer „Code ungültig“. Laut eurer E-Mail gilt er bis Ende November. Mache ich etwas falsch?',
        'LG Lea',
      ),
    },
    {
      by: 'agent',
      at: '2026-11-19 15:22',
      text: para(
        'Hallo Lea,',
        'danke für deine Nachricht! Der Gutschein gilt ab einem Bestellwert von 40 €, in deinem Warenkorb waren 36,90 €. Ich habe den Code für dich einmalig ohne Mindestbestellwert freigeschaltet – jetzt sollte es klappen.',
        'Viele Grüße\nTom\nNordwind Shop Kundenservice',
      ),
    },
    {
      by: 'customer',
      at: '2026-11-19 15:40',
      text: para(
        'Juhu, hat geklappt! 😊 Das ist ja super, ich freu mich riesig auf die neuen Kissen – die passen perfekt zu unserem Sofa!',
        'Danke dir und liebe Grüße\nLea',
      ),
      quote: 'plain-de',
    },
  ],
  expectedIntents: { main: 'thank-you', also: [] },
  expected: { sentiment: 'positive', emotion: 'happy', trajectory: 'improving', offensive: false, urgency: 'low' },
});

/** Every demo ticket, newest activity first as the inbox lists them. */
export const demoConversations: readonly DemoConversation[] = [
  politeThenWorse,
  longThread,
  abusive,
  angryRefund,
  trackingQuestion,
  cancellation,
  formalComplaint,
  damagedItem,
  voucher,
  invoiceQuestion,
  lateDelivery,
  wrongSizeReturn,
  gratefulFollowUp,
].sort((a, b) => Date.parse(lastMessage(b).time) - Date.parse(lastMessage(a).time));

/** The latest message of a conversation (every demo conversation has at least one). */
export function lastMessage(conversation: DemoConversation): DemoMessage {
  const last = conversation.messages.at(-1);
  if (!last) throw new Error(`Demo ticket ${conversation.id} has no messages`);
  return last;
}

/** The ticket with number `id`, if the demo has it. */
export function findDemoConversation(id: string): DemoConversation | undefined {
  return demoConversations.find((conversation) => conversation.id === id);
}

/** The ticket that plays `scenario` (tests address tickets by scenario, not by number). */
export function getDemoConversation(scenario: DemoScenario): DemoConversation {
  const found = demoConversations.find((conversation) => conversation.scenario === scenario);
  if (!found) throw new Error(`No demo ticket plays the scenario "${scenario}"`);
  return found;
}
