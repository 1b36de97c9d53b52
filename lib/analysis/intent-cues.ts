import type { Intent } from '../models/types';

/**
 * Phrases that say what a customer wants, German and English. The bundled intent model is trained on short
 * one-line requests; real support mails bury the request among facts and greetings, so the model's scores are
 * blended with these cues (the model still decides among intents no cue names).
 */
const cues: Record<Exclude<Intent, 'other'>, RegExp[]> = {
  refund: [
    /\b(refund|money back|reimburse\w*|pay(?:ment)? back)\b/i,
    /\b(rückerstattung|erstattung|erstatten|geld zurück|gutschrift|zurücküberweis\w*)\b/i,
    /\bwant my (?:€|\$|£)?\s?\d[\d.,]*\s?(?:€|eur|euro)? back\b/i,
  ],
  'delivery-delay': [
    /\b(still (?:not|hasn'?t) (?:arrived|come|been delivered)|hasn'?t arrived|not arrived|late delivery|delayed|delay|overdue|still waiting for (?:my|the) (?:order|parcel|package))\b/i,
    /\b(noch nicht (?:angekommen|da|geliefert|eingetroffen)|verspät\w*|lieferverzug|verzögert|warte (?:immer )?noch auf (?:meine|das|mein) (?:bestellung|paket|lieferung))\b/i,
  ],
  tracking: [
    /\b(tracking(?: number| link)?|track (?:my|the) (?:order|parcel|package)|where is my (?:order|parcel|package))\b/i,
    /\b(sendungs(?:verfolgung|nummer)|trackingnummer|wo ist (?:meine|mein) (?:bestellung|paket|sendung))\b/i,
  ],
  invoice: [/\b(invoice|receipt|billing|vat)\b/i, /\b(rechnung\w*|beleg|quittung|mehrwertsteuer|mwst|ust)\b/i],
  cancellation: [
    /\b(cancel(?:l?ation|l?ed|l?ing)?|terminate my (?:subscription|account|contract))\b/i,
    /\b(storn\w*|kündig\w*|widerruf\w*)\b/i,
  ],
  complaint: [
    /\b(complain\w*|unacceptable|disgrace\w*|worst service|speak to (?:a|your) manager)\b/i,
    /\b(beschwerde|beschweren|unverschämt|frechheit|inakzeptabel|vorgesetzte\w*)\b/i,
  ],
  'damaged-or-wrong-item': [
    /\b(damaged|broken|defective|cracked|dented|faulty|wrong (?:item|size|colou?r|product)|not what I ordered)\b/i,
    /\b(beschädigt|kaputt|defekt|zerbrochen|gebrochen|falsche[nrs]? (?:artikel|größe|farbe|ware)|nicht das,? was ich bestellt)\b/i,
  ],
  return: [
    /\b(return(?:ed|ing)?|send (?:it|them) back|exchange|swap)\b/i,
    /\b(zurücksend\w*|rücksend\w*|retoure|umtausch\w*|zurückgeschickt|zurückschicken)\b/i,
  ],
  payment: [
    /\b(charged twice|double charge\w*|payment (?:failed|declined)|paypal|credit card|chargeback)\b/i,
    /\b(zahlung|doppelt (?:abgebucht|belastet)|abbuchung|lastschrift|kreditkarte)\b/i,
  ],
  account: [
    /\b(password|log ?in|sign ?in|my account|email address)\b/i,
    /\b(passwort|anmeld\w*|einlogg\w*|kundenkonto|mein konto)\b/i,
  ],
  'order-change': [
    /\b(change (?:my|the) order|add (?:an? )?item|modify (?:my|the) order)\b/i,
    /\b(bestellung ändern|artikel hinzufügen|bestellung anpassen)\b/i,
  ],
  'shipping-address': [
    /\b(shipping address|delivery address|change (?:my|the) address|wrong address)\b/i,
    /\b(lieferadresse|versandadresse|adresse ändern|falsche adresse)\b/i,
  ],
  contact: [/\b(call me|phone number|speak to (?:a|someone))\b/i, /\b(rufen sie mich an|telefonnummer|rückruf)\b/i],
  'thank-you': [
    /\b(thanks? (?:so much|a lot|again)|thank you (?:so much|very much|again)|great (?:service|help)|you'?re (?:the best|amazing))\b/i,
    /\b(vielen dank|herzlichen dank|danke (?:schön|sehr|nochmals)|super service|toller service)\b/i,
  ],
};

/** Intents whose cues appear in `text`, with the number of distinct cue matches. */
export function findIntentCues(text: string): Map<Intent, number> {
  const found = new Map<Intent, number>();
  for (const [intent, patterns] of Object.entries(cues) as [Exclude<Intent, 'other'>, RegExp[]][]) {
    const hits = patterns.filter((pattern) => pattern.test(text)).length;
    if (hits > 0) found.set(intent, hits);
  }
  return found;
}

/**
 * Blends the intent model's scores with the cues in the customer's text: each intent's score is
 * `modelWeight · model + (1 − modelWeight) · cueShare`, normalised, highest first. Without cues the model decides.
 */
export function blendIntents(
  model: readonly { intent: Intent; p: number }[],
  text: string,
  modelWeight = 0.4,
): { intent: Intent; p: number }[] {
  const found = findIntentCues(text);
  if (found.size === 0) return [...model];
  // Thanks inside a complaint ("thanks for nothing") is not what the customer wants when anything else is asked.
  if (found.size > 1) found.delete('thank-you');
  const cueTotal = [...found.values()].reduce((a, b) => a + b, 0);
  const scores = new Map<Intent, number>();
  for (const { intent, p } of model) scores.set(intent, modelWeight * p);
  for (const [intent, hits] of found)
    scores.set(intent, (scores.get(intent) ?? 0) + (1 - modelWeight) * (hits / cueTotal));
  const total = [...scores.values()].reduce((a, b) => a + b, 0) || 1;
  return [...scores.entries()].map(([intent, p]) => ({ intent, p: p / total })).sort((a, b) => b.p - a.p);
}
