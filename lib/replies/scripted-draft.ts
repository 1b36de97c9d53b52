/**
 * The scripted demo drafts (issue 19): composed from the conversation's grounding — the customer's main request,
 * their state and the facts they gave — with a few sentence templates per variant, in English, German Sie and German
 * du. They say what the agent is checking or will do next and leave a visible placeholder for what only the agent can
 * know; they never assert a refund, shipment, cancellation or any other state as done.
 */
import type { CustomerState } from '../analysis/types';
import type { Intent } from '../models/types';
import { formatSalutation, readCustomerAddress } from './address-form';
import type { DraftRequest, DraftVariant } from './engine';
import type { DraftFacts } from './facts';
import { type DraftGrounding, groundDraft } from './grounding';

/** English, German Sie or German du. */
type Voice = 'en' | 'sie' | 'du';
type Phrase = Record<Voice, string>;

/** The facts a sentence can name, already worded for the voice ("" when unknown). */
interface Slots {
  /** " for order #A-55812" / " zu Ihrer Bestellung 10019877" / " zu deiner Bestellung 10019877". */
  order: string;
  /** " of €349.00" / " über 649,00 €". */
  amount: string;
  tracking: string;
  invoice: string;
  /** Every amount the customer named, for invoice and payment questions: " (89,97 € und 94,92 €)". */
  amounts: string;
}

function slotsFor(facts: DraftFacts, voice: Voice): Slots {
  const order = facts.orderNumbers[0];
  const amount = facts.amounts[0];
  const tracking = facts.trackingNumbers[0];
  const invoice = facts.invoiceNumbers[0];
  const possessive = voice === 'du' ? 'deiner' : 'Ihrer';
  const and = voice === 'en' ? ' and ' : ' und ';
  const amounts = facts.amounts.slice(0, 2);
  return {
    order: order ? (voice === 'en' ? ` for order ${order}` : ` zu ${possessive} Bestellung ${order}`) : '',
    amount: amount ? (voice === 'en' ? ` of ${amount}` : ` über ${amount}`) : '',
    tracking: tracking ? (voice === 'en' ? ` (tracking number ${tracking})` : ` (Sendungsnummer ${tracking})`) : '',
    invoice: invoice ? ` ${invoice}` : '',
    amounts: amounts.length > 1 ? ` (${amounts.join(and)})` : '',
  };
}

/** What the agent is looking into: restates the request with the facts the customer gave. */
const askSentence: Record<Intent, (s: Slots) => Phrase> = {
  refund: (s) => ({
    en: `I am looking into your refund${s.amount}${s.order} right now to check where it stands.`,
    sie: `Ich prüfe gerade, wie der Stand Ihrer Erstattung${s.amount}${s.order} ist.`,
    du: `Ich prüfe gerade, wie der Stand deiner Erstattung${s.amount}${s.order} ist.`,
  }),
  'delivery-delay': (s) => ({
    en: `I am asking the carrier for a firm delivery date${s.order}.`,
    sie: `Ich frage beim Versanddienstleister einen verbindlichen Liefertermin${s.order} an.`,
    du: `Ich frage beim Versanddienstleister einen verbindlichen Liefertermin${s.order} an.`,
  }),
  tracking: (s) => ({
    en: `I am looking into the tracking of your parcel${s.order}${s.tracking} right now.`,
    sie: `Ich sehe mir die Sendungsverfolgung Ihres Pakets${s.order}${s.tracking} gerade genauer an.`,
    du: `Ich sehe mir die Sendungsverfolgung deines Pakets${s.order}${s.tracking} gerade genauer an.`,
  }),
  invoice: (s) => ({
    en: `I am going through your invoice${s.invoice}${s.order} line by line.`,
    sie: `Ich gehe Ihre Rechnung${s.invoice}${s.order} gerade Posten für Posten durch.`,
    du: `Ich gehe deine Rechnung${s.invoice}${s.order} gerade Posten für Posten durch.`,
  }),
  cancellation: (s) => ({
    en: `I am checking whether your order${s.order.replace(' for order', '')} can still be cancelled before it leaves our warehouse.`,
    sie: `Ich prüfe gerade, ob sich Ihre Bestellung${s.order.replace(' zu Ihrer Bestellung', '')} noch stornieren lässt, bevor sie unser Lager verlässt.`,
    du: `Ich prüfe gerade, ob sich deine Bestellung${s.order.replace(' zu deiner Bestellung', '')} noch stornieren lässt, bevor sie unser Lager verlässt.`,
  }),
  complaint: (s) => ({
    en: `I have read your message carefully and I am looking into what went wrong${s.order}.`,
    sie: `Ich habe Ihre Nachricht sorgfältig gelesen und sehe mir an, was${s.order.replace(' zu', ' bei')} schiefgelaufen ist.`,
    du: `Ich habe deine Nachricht sorgfältig gelesen und sehe mir an, was${s.order.replace(' zu', ' bei')} schiefgelaufen ist.`,
  }),
  'damaged-or-wrong-item': (s) => ({
    en: `I am looking into what went wrong with the item${s.order.replace(' for', ' from')}.`,
    sie: `Ich sehe mir an, was mit dem Artikel${s.order.replace(' zu', ' aus')} schiefgelaufen ist.`,
    du: `Ich sehe mir an, was mit dem Artikel${s.order.replace(' zu', ' aus')} schiefgelaufen ist.`,
  }),
  return: (s) => ({
    en: `I am checking the options for returning or exchanging your item${s.order.replace(' for', ' from')}.`,
    sie: `Ich prüfe die Möglichkeiten für Rückgabe oder Umtausch${s.order}.`,
    du: `Ich prüfe die Möglichkeiten für Rückgabe oder Umtausch${s.order}.`,
  }),
  payment: (s) => ({
    en: `I am checking your payment${s.amount}${s.order} right now.`,
    sie: `Ich prüfe Ihre Zahlung${s.amount}${s.order} gerade.`,
    du: `Ich prüfe deine Zahlung${s.amount}${s.order} gerade.`,
  }),
  account: () => ({
    en: 'I am looking into your customer account right now.',
    sie: 'Ich sehe mir Ihr Kundenkonto gerade an.',
    du: 'Ich sehe mir dein Kundenkonto gerade an.',
  }),
  'order-change': (s) => ({
    en: `I am checking whether your order${s.order.replace(' for order', '')} can still be changed.`,
    sie: `Ich prüfe, ob sich Ihre Bestellung${s.order.replace(' zu Ihrer Bestellung', '')} noch ändern lässt.`,
    du: `Ich prüfe, ob sich deine Bestellung${s.order.replace(' zu deiner Bestellung', '')} noch ändern lässt.`,
  }),
  'shipping-address': (s) => ({
    en: `I am checking whether the delivery address${s.order} can still be updated.`,
    sie: `Ich prüfe, ob sich die Lieferadresse${s.order} noch ändern lässt.`,
    du: `Ich prüfe, ob sich die Lieferadresse${s.order} noch ändern lässt.`,
  }),
  contact: () => ({
    en: 'Thank you for getting in touch – I am happy to help you with this.',
    sie: 'Danke, dass Sie sich gemeldet haben – ich helfe Ihnen gern weiter.',
    du: 'Danke, dass du dich gemeldet hast – ich helfe dir gern weiter.',
  }),
  'thank-you': () => ({
    en: 'Thank you so much for letting us know – I am really glad we could help.',
    sie: 'Vielen Dank, dass Sie uns Bescheid gegeben haben – es freut mich sehr, dass wir helfen konnten.',
    du: 'Vielen Dank, dass du uns Bescheid gegeben hast – es freut mich sehr, dass wir helfen konnten.',
  }),
  other: (s) => ({
    en: `I am looking into your request${s.order} right now.`,
    sie: `Ich kümmere mich gerade um Ihr Anliegen${s.order}.`,
    du: `Ich kümmere mich gerade um dein Anliegen${s.order}.`,
  }),
};

/** What happens next, with a placeholder for what only the agent can know. */
const nextSentence: Record<Intent, (s: Slots) => Phrase> = {
  refund: () => ({
    en: 'As soon as I hear back from the team responsible, I will tell you where it stands: [decision on refund].',
    sie: 'Sobald ich die Rückmeldung des zuständigen Teams habe, nenne ich Ihnen den Stand: [Entscheidung zur Erstattung].',
    du: 'Sobald ich die Rückmeldung des zuständigen Teams habe, nenne ich dir den Stand: [Entscheidung zur Erstattung].',
  }),
  'delivery-delay': () => ({
    en: 'I will send you the date as soon as I have it: [delivery date].',
    sie: 'Den Termin schicke ich Ihnen, sobald ich ihn habe: [Liefertermin].',
    du: 'Den Termin schicke ich dir, sobald ich ihn habe: [Liefertermin].',
  }),
  tracking: () => ({
    en: 'I will let you know where it is and when to expect it: [order status].',
    sie: 'Ich melde mich bei Ihnen mit dem aktuellen Stand und dem voraussichtlichen Termin: [Bestellstatus].',
    du: 'Ich melde mich bei dir mit dem aktuellen Stand und dem voraussichtlichen Termin: [Bestellstatus].',
  }),
  invoice: (s) => ({
    en: `I will explain each amount${s.amounts} and whether anything is still to come: [order status].`,
    sie: `Ich erkläre Ihnen jeden Betrag${s.amounts} und ob noch etwas nachkommt: [Bestellstatus].`,
    du: `Ich erkläre dir jeden Betrag${s.amounts} und ob noch etwas nachkommt: [Bestellstatus].`,
  }),
  cancellation: () => ({
    en: 'I will confirm the outcome to you: [order status].',
    sie: 'Das Ergebnis bestätige ich Ihnen: [Bestellstatus].',
    du: 'Das Ergebnis bestätige ich dir: [Bestellstatus].',
  }),
  complaint: () => ({
    en: 'I will come back to you with what we are doing about it: [next step].',
    sie: 'Ich melde mich bei Ihnen, sobald ich weiß, was wir tun: [nächster Schritt].',
    du: 'Ich melde mich bei dir, sobald ich weiß, was wir tun: [nächster Schritt].',
  }),
  'damaged-or-wrong-item': () => ({
    en: 'I am checking with our team how we can put this right for you and will confirm the next step: [next step].',
    sie: 'Ich kläre mit unserem Team, wie wir das für Sie in Ordnung bringen, und bestätige Ihnen den nächsten Schritt: [nächster Schritt].',
    du: 'Ich kläre mit unserem Team, wie wir das für dich in Ordnung bringen, und bestätige dir den nächsten Schritt: [nächster Schritt].',
  }),
  return: () => ({
    en: 'I will send you the next steps: [next step].',
    sie: 'Die nächsten Schritte schicke ich Ihnen: [nächster Schritt].',
    du: 'Die nächsten Schritte schicke ich dir: [nächster Schritt].',
  }),
  payment: (s) => ({
    en: `I will explain what I find${s.amounts}: [order status].`,
    sie: `Ich erkläre Ihnen, was ich finde${s.amounts}: [Bestellstatus].`,
    du: `Ich erkläre dir, was ich finde${s.amounts}: [Bestellstatus].`,
  }),
  account: () => ({
    en: 'I will get back to you with an answer: [next step].',
    sie: 'Ich melde mich mit einer Antwort bei Ihnen: [nächster Schritt].',
    du: 'Ich melde mich mit einer Antwort bei dir: [nächster Schritt].',
  }),
  'order-change': () => ({
    en: 'I will confirm what is possible: [order status].',
    sie: 'Was möglich ist, bestätige ich Ihnen: [Bestellstatus].',
    du: 'Was möglich ist, bestätige ich dir: [Bestellstatus].',
  }),
  'shipping-address': () => ({
    en: 'I will confirm what is possible: [order status].',
    sie: 'Was möglich ist, bestätige ich Ihnen: [Bestellstatus].',
    du: 'Was möglich ist, bestätige ich dir: [Bestellstatus].',
  }),
  contact: () => ({
    en: 'Here is the answer to your question: [next step].',
    sie: 'Hier die Antwort auf Ihre Frage: [nächster Schritt].',
    du: 'Hier die Antwort auf deine Frage: [nächster Schritt].',
  }),
  'thank-you': () => ({
    en: 'If anything else comes up, just reply to this email.',
    sie: 'Wenn noch etwas ist, antworten Sie einfach auf diese E-Mail.',
    du: 'Wenn noch etwas ist, antworte einfach auf diese E-Mail.',
  }),
  other: () => ({
    en: 'I will get back to you with an answer: [next step].',
    sie: 'Ich melde mich mit einer Antwort bei Ihnen: [nächster Schritt].',
    du: 'Ich melde mich mit einer Antwort bei dir: [nächster Schritt].',
  }),
};

/** One sentence that meets the customer where they are (the one verdict, not raw sentiment). */
function acknowledgement(state: CustomerState | undefined): Phrase {
  switch (state) {
    case 'angry':
    case 'frustrated':
      return {
        en: 'I understand how frustrating this is, and I am sorry it has taken so much of your time.',
        sie: 'Ich verstehe, wie ärgerlich das ist, und es tut mir leid, dass Sie so viel Zeit damit verbringen mussten.',
        du: 'Ich verstehe, wie ärgerlich das ist, und es tut mir leid, dass du so viel Zeit damit verbringen musstest.',
      };
    case 'anxious':
      return {
        en: 'I understand this is worrying, and I want to give you clarity quickly.',
        sie: 'Ich verstehe, dass Sie das beunruhigt, und möchte Ihnen schnell Klarheit geben.',
        du: 'Ich verstehe, dass dich das beunruhigt, und möchte dir schnell Klarheit geben.',
      };
    case 'sad':
      return {
        en: 'I am really sorry – I can imagine how disappointing this is.',
        sie: 'Das tut mir wirklich leid – ich kann mir vorstellen, wie enttäuschend das für Sie ist.',
        du: 'Das tut mir wirklich leid – ich kann mir vorstellen, wie enttäuschend das für dich ist.',
      };
    case 'confused':
      return {
        en: 'Thank you for asking – I am happy to explain.',
        sie: 'Danke für Ihre Frage – ich erkläre es Ihnen gern.',
        du: 'Danke für deine Frage – ich erkläre es dir gern.',
      };
    case 'grateful':
    case 'happy':
      return {
        en: 'Thank you so much for your kind message.',
        sie: 'Vielen Dank für Ihre freundliche Nachricht.',
        du: 'Vielen Dank für deine liebe Nachricht.',
      };
    default:
      return {
        en: 'Thank you for your message.',
        sie: 'Vielen Dank für Ihre Nachricht.',
        du: 'Vielen Dank für deine Nachricht.',
      };
  }
}

const ownership: Phrase = {
  en: 'I am taking care of this personally.',
  sie: 'Ich kümmere mich persönlich darum.',
  du: 'Ich kümmere mich persönlich darum.',
};

const patience: Phrase = {
  en: 'Thank you for your patience.',
  sie: 'Vielen Dank für Ihre Geduld.',
  du: 'Danke für deine Geduld.',
};

const keepPosted: Phrase = {
  en: 'I will keep you updated myself, so you do not have to chase us again.',
  sie: 'Ich halte Sie persönlich auf dem Laufenden, damit Sie nicht noch einmal nachfragen müssen.',
  du: 'Ich halte dich persönlich auf dem Laufenden, damit du nicht noch einmal nachfragen musst.',
};

function deadlineSentence(deadline: string, voice: Voice): string {
  if (voice === 'en') return `I have noted your deadline (${deadline}).`;
  return voice === 'sie' ? `Ihre Frist (${deadline}) habe ich notiert.` : `Deine Frist (${deadline}) habe ich notiert.`;
}

function signOff(request: DraftRequest, voice: Voice): string {
  const name = request.agentName.trim() || (voice === 'en' ? '[your name]' : '[Ihr Name]');
  if (voice === 'en') return `Best regards,\n${name}`;
  return voice === 'sie' ? `Freundliche Grüße\n${name}` : `Viele Grüße\n${name}`;
}

function voiceOf(grounding: DraftGrounding): Voice {
  if (grounding.language !== 'de') return 'en';
  return grounding.form === 'du' ? 'du' : 'sie';
}

/**
 * A scripted draft for one variant, fitted to the conversation: the greeting the customer's signature calls for, an
 * acknowledgement of their state, what the agent is checking about their main request (with the order number and
 * amount they gave), the deadline they set, the next step with a placeholder, and the sign-off — in the
 * conversation's language and du/Sie. Pure.
 */
export function composeScriptedDraft(request: DraftRequest, variant: DraftVariant): string {
  const grounding = groundDraft(request);
  const voice = voiceOf(grounding);
  const slots = slotsFor(grounding.facts, voice);
  const intent = grounding.main ?? 'other';
  const salutation = formatSalutation(
    readCustomerAddress(request.conversation),
    voice === 'en' ? 'en' : 'de',
    voice === 'du' ? 'du' : 'sie',
  );
  const ask = askSentence[intent](slots)[voice];
  const next = nextSentence[intent](slots)[voice];
  const deadline = grounding.facts.deadlines[0];
  const positive = grounding.state === 'grateful' || grounding.state === 'happy' || intent === 'thank-you';
  let body: string[];
  if (variant === 'short') {
    const opener = grounding.upset
      ? {
          en: 'I am sorry for the trouble.',
          sie: 'Entschuldigen Sie bitte den Ärger.',
          du: 'Entschuldige bitte den Ärger.',
        }
      : acknowledgement(positive ? 'grateful' : 'calm');
    body = intent === 'thank-you' ? [ask, next] : [opener[voice], ask, next];
  } else if (variant === 'de-escalating') {
    // Asked for without an upset customer, it stays in the customer's actual state rather than inventing anger.
    body = [
      intent === 'thank-you' && !grounding.upset ? '' : acknowledgement(grounding.state)[voice],
      ownership[voice],
      ask,
      deadline ? deadlineSentence(deadline, voice) : '',
      next,
      grounding.upset ? keepPosted[voice] : '',
    ];
  } else {
    body = [
      intent === 'thank-you' ? '' : acknowledgement(grounding.state)[voice],
      ask,
      deadline ? deadlineSentence(deadline, voice) : '',
      next,
      grounding.upset ? patience[voice] : '',
    ];
  }
  let text = body.filter((sentence) => sentence !== '').join(' ');
  // German letters go on in lower case after the greeting's comma, nouns and "Ich", "Sie", "Ihre" excepted.
  if (voice !== 'en' && /^(?:Ich|Vielen|Danke|Das|Es|Den|Die|Was|Wenn|Deine|Entschuldige)\b/u.test(text)) {
    text = text.charAt(0).toLowerCase() + text.slice(1);
  }
  return `${salutation.greeting},\n\n${text}\n\n${signOff(request, voice)}`;
}
