import type { TemplateRecord } from '../db';
import type { Conversation } from '../sites/types';

/**
 * States of an order a reply can assert as done. A small closed set: each one is something an agent can only say
 * once it has really happened, and each one a customer is hurt by when it is said too early (issue 19).
 */
export const claimStates = [
  'refund-started',
  'item-shipped',
  'item-delivered',
  'cancellation-done',
  'replacement-sent',
  'return-received',
  'voucher-issued',
  'address-changed',
] as const;

export type ClaimState = (typeof claimStates)[number];

/** One assertion found in a text: the state and the words that assert it. */
export interface ClaimMatch {
  state: ClaimState;
  phrase: string;
}

/** An assertion the conversation does not back up; `declared` when the template's `requires` names it. */
export interface UnsupportedClaim {
  state: ClaimState;
  phrase?: string;
  declared?: boolean;
}

type ClaimLanguage = 'en' | 'de';

/** True for the states templates can declare (records and packs store them as plain strings). */
export function isClaimState(value: string): value is ClaimState {
  return (claimStates as readonly string[]).includes(value);
}

interface StatePattern {
  /** Words that assert the state, aux and participle together (the match ends where the assertion is complete). */
  assert: RegExp[];
  /** The clause must name what the state is about ("refund", "Paket") unless the match itself does. */
  topic?: RegExp;
  /** A clause about something else ("the return label has been sent") is no claim of this state. */
  unless?: RegExp;
}

// Verbs that, with a future ("we will start your refund", "wird veranlasst"), promise the state for later.
const promiseVerbs: Record<ClaimState, RegExp> = {
  'refund-started':
    /\b(start|initiate|issue|process|release|refund|reimburse|send|transfer|erstatt\w*|zurückerstatt\w*|veranlass\w*|überweis\w*|zurückbuch\w*|auszahl\w*)\b/iu,
  'item-shipped': /\b(ship|dispatch|send|post|versend\w*|versand\w*|verschick\w*|abschick\w*)\b/iu,
  'item-delivered': /\b(deliver|arrive|zustell\w*|ankommen|geliefert|eintreffen)\b/iu,
  'cancellation-done': /\b(cancel|storn\w*|kündig\w*)\b/iu,
  'replacement-sent': /\b(send|ship|dispatch|arrange|versend\w*|verschick\w*|schick\w*)\b/iu,
  'return-received': /\b(receive|arrive|eingehen|eintreffen|ankommen)\b/iu,
  'voucher-issued': /\b(issue|send|create|add|ausstell\w*|schick\w*|erstell\w*)\b/iu,
  'address-changed': /\b(update|change|correct|amend|änder\w*|aktualisier\w*|anpass\w*|korrigier\w*)\b/iu,
};

// English perfect or simple past before a participle: "I've started", "has been issued", "was shipped", "we refunded".
const enAux = String.raw`(?:\b(?:have|has|had|was|were)\b|['’](?:ve|s\s+been)\b|\b(?:I|we)\b)(?:\s+[\w'’-]+){0,4}?\s+`;
const en = (participles: string) => new RegExp(String.raw`${enAux}(?:${participles})\b`, 'iu');
// German: an auxiliary somewhere in the clause and the participle (verb-second and verb-final orders alike).
const deAux = String.raw`\b(?:wurde|wurden|ist|sind|habe|haben|hat|hast|habt|war|waren)\b`;
const de = (participles: string) =>
  new RegExp(String.raw`${deAux}.*?\b(?:${participles})\b|\b(?:${participles})\b(?:\s+\S+){0,2}?\s*${deAux}`, 'iu');

const refundTopic =
  /\b(refund\w*|reimburs\w*|money|the amount|full amount|payment back|(?:rück)?erstattung\w*|geld\w*|betrag|gutschrift|rückzahlung)\b/iu;
const parcelTopic =
  /\b(tracking number|sendungsnummer|trackingnummer|order|parcel|package|item|items|shipment|delivery|goods|product|it|they|bestellung|paket|päckchen|sendung|lieferung|artikel|ware|es)\b/iu;
const returnTopic = /\b(returns?|returned item|retoure|rücksendung|rückversand|zurückgesendet|zurückgeschickt)\b/iu;
const replacementTopic = /\b(replacement|new one|exchange|ersatz\w*|austausch\w*|umtausch\w*)\b/iu;

const patterns: Record<ClaimState, Record<ClaimLanguage, StatePattern>> = {
  'refund-started': {
    en: {
      assert: [
        en('started|initiated|issued|processed|released|approved|sent|transferred|credited|put through|paid out'),
        /\b(refunded|reimbursed)\b/iu,
        /\b(?:refund|money|amount)\b(?:\s+[\w'’-]+){0,3}?\s+(?:arrived|came through|has come through|landed|showed up|went through|is (?:now )?(?:on (?:its|the) way|back on my card))\b/iu,
        /\b(?:received|got)\b(?:\s+[\w'’-]+){0,3}?\s+(?:refund|money back|reimbursement)\b/iu,
      ],
      topic: refundTopic,
      unless: /\b(request|form|label|policy|question)\b/iu,
    },
    de: {
      assert: [
        de(
          'veranlasst|eingeleitet|angewiesen|überwiesen|ausgezahlt|freigegeben|gutgeschrieben|angestoßen|gestartet|erstattet|zurückerstattet|rückerstattet|zurückgebucht|zurücküberwiesen|zurückgezahlt|eingegangen|angekommen|erhalten|bekommen',
        ),
        /\b(?:erstattung|geld|betrag)\b(?:\s+\S+){0,2}?\s+(?:ist|sind)\s+(?:\S+\s+){0,2}?unterwegs\b/iu,
      ],
      topic: /\b((?:rück|zurück)?erstatt\w*|geld\w*|betrag|gutschrift|rückzahlung|zurückgebucht|zurücküberwiesen)\b/iu,
      unless: /\b(anfrage|antrag|formular|etikett|frage)\b/iu,
    },
  },
  'item-shipped': {
    en: {
      assert: [
        en('shipped|dispatched|sent out|sent|posted|handed (?:over )?to the carrier|left our warehouse'),
        /\bis\s+(?:now\s+|already\s+)?(?:on (?:its|the) way|in transit|out for delivery)\b/iu,
        /\b(?:your|the) tracking number is\b/iu,
        /\bhere is (?:your|the) tracking\b/iu,
      ],
      topic: parcelTopic,
      unless:
        /\b(refund\w*|money|replacement|return\w*|label|e-?mail|message|link|invoice|photo|code|voucher|reply|update)\b/iu,
    },
    de: {
      assert: [
        de('versandt|versendet|verschickt|abgeschickt|losgeschickt|übergeben|rausgegangen'),
        /\b(?:ist|sind)\s+(?:\S+\s+){0,2}?(?:unterwegs|in (?:der )?zustellung)\b/iu,
        /\b(?:sendungsnummer|trackingnummer|sendungsverfolgungsnummer)\s+lautet\b/iu,
        /\bhat\s+(?:unser|das)\s+lager\s+verlassen\b/iu,
      ],
      topic: parcelTopic,
      unless:
        /\b((?:rück|zurück)?erstatt\w*|geld|betrag|ersatz\w*|rücksendung|retoure|etikett|e-?mail|nachricht|link|rechnung|foto|code|gutschein\w*)\b/iu,
    },
  },
  'item-delivered': {
    en: {
      assert: [
        en('delivered|arrived|received'),
        /\b(?:order|parcel|package|item|it|they|delivery|shipment|box|\w+)\s+(?:arrived|came|got here)\b/iu,
      ],
      // "my bedding set arrived today": customers name the product itself.
      topic: /\b(order|parcel|package|item|items|it|they|delivery|shipment|goods|product|box|my\s+\w+)\b/iu,
      unless:
        /\b(warehouse|returns?|returned|back to you|refund\w*|money|e-?mail|message|reply|answer|invoice|voucher|update|request)\b/iu,
    },
    de: {
      assert: [de('angekommen|eingetroffen|zugestellt|geliefert|gekommen|erhalten|bekommen'), /\bkam\b.*\ban\b/iu],
      topic: /\b(bestellung|paket|päckchen|sendung|lieferung|artikel|ware|es|produkt)\b/iu,
      unless:
        /\b(lager|rücksendung|retoure|zurück\w*|(?:rück)?erstatt\w*|geld|betrag|e-?mail|nachricht|antwort|rechnung|gutschein\w*)\b/iu,
    },
  },
  'cancellation-done': {
    en: {
      assert: [
        en('cancell?ed|voided|terminated'),
        /\bis\s+(?:now\s+)?cancell?ed\b/iu,
        /\bcancellation\s+(?:is|has been|was)\s+(?:confirmed|processed|done|complete)\b/iu,
      ],
    },
    de: {
      assert: [
        de('storniert|annulliert|gekündigt'),
        /\bstornierung\s+(?:ist|wurde)\s+(?:\S+\s+)?(?:bestätigt|durchgeführt)\b/iu,
      ],
    },
  },
  'replacement-sent': {
    en: {
      assert: [
        en('sent|shipped|dispatched|posted|arranged|organi[sz]ed|received|got'),
        /\bis\s+(?:now\s+|already\s+)?(?:on (?:its|the) way|in transit)\b/iu,
      ],
      topic: replacementTopic,
    },
    de: {
      assert: [
        de('versandt|versendet|verschickt|losgeschickt|veranlasst|angekommen|erhalten|bekommen'),
        /\b(?:ist|sind)\s+(?:\S+\s+){0,2}?unterwegs\b/iu,
        /\bauf den weg gebracht\b/iu,
      ],
      topic: replacementTopic,
    },
  },
  'return-received': {
    en: {
      assert: [
        en('received|arrived|got|checked in'),
        /\breturns?\b(?:\s+[\w'’-]+){0,3}?\s+(?:arrived|came back)\b/iu,
        /\barrived\s+(?:back\s+)?at\s+(?:our|your)\s+warehouse\b/iu,
      ],
      topic: /\b(returns?|returned item|item back|parcel back|warehouse)\b/iu,
      unless: /\b(request|label|form|instructions|policy|refund)\b/iu,
    },
    de: {
      assert: [de('eingegangen|eingetroffen|angekommen|erhalten|bekommen')],
      topic: returnTopic,
      unless: /\b(anfrage|antrag|etikett|formular|(?:rück)?erstattung)\b/iu,
    },
  },
  'voucher-issued': {
    en: {
      assert: [
        en('sent|issued|added|created|applied|credited|emailed'),
        /\bhere is (?:your|the) (?:voucher|coupon|gift card|code)\b/iu,
      ],
      topic: /\b(voucher|coupon|gift ?card|store credit|credit note|discount code)\b/iu,
    },
    de: {
      assert: [de('ausgestellt|geschickt|gesendet|verschickt|hinterlegt|erstellt|gutgeschrieben|angelegt|zugeschickt')],
      topic: /\b(gutschein\w*|rabattcode|gutscheincode)\b/iu,
    },
  },
  'address-changed': {
    en: {
      assert: [en('updated|changed|corrected|amended|edited')],
      topic: /\baddress\b/iu,
      unless: /\b(e-?mail address)\b/iu,
    },
    de: {
      assert: [de('geändert|aktualisiert|angepasst|korrigiert|umgestellt')],
      topic: /\b(adresse|anschrift|lieferadresse)\b/iu,
      unless: /\be-?mail-?adresse\b/iu,
    },
  },
};

// Before the assertion: words that make it a denial, a condition, a question or a future (a promise, not a claim).
const negation: Record<ClaimLanguage, RegExp> = {
  en: /\b(not|never|no longer|yet to|unable|cannot)\b|n['’]t\b/iu,
  de: /\b(nicht|kein\w*|nie|niemals|noch aus)\b/iu,
};
const condition: Record<ClaimLanguage, RegExp> = {
  en: /\b(if|once|as soon as|when|whenever|until|unless|whether|in case|after|before)\b/iu,
  de: /\b(falls|sobald|wenn|nachdem|bevor|bis|sollte|sollten|ob)\b/iu,
};
const future: Record<ClaimLanguage, RegExp> = {
  en: /\b(will|shall|would|going to|about to|plan to|want to|let me|need to|should)\b|['’]ll\b/iu,
  de: /\b(wird|werden|werde|wirst|würde\w*|möchte\w*|soll\w*|muss|müssen)\b/iu,
};

/** Sentences, then clauses: a condition before a comma ("Once it arrives, …") stays in its own clause. */
function sentencesOf(text: string): string[] {
  return text
    .replace(/\{\{[^}]*\}\}/gu, 'X')
    .split(/(?<=[.!?])\s+|\n+/u)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence !== '');
}

/**
 * Clauses of a sentence: split at commas, semicolons, colons, dashes and brackets — but not at a comma or colon between
 * digits ("89,90 €", "1,000", "14:30"), which would cut "Ich habe die Erstattung über 89,90 € veranlasst" in two.
 */
function clausesOf(sentence: string): string[] {
  return sentence
    .split(/\s*(?:(?<!\d)[,:]|[,:](?!\d)|[;–—()])\s*|\s+-\s+/u)
    .map((clause) => clause.trim())
    .filter((clause) => clause !== '');
}

type Assertion = { state: ClaimState; phrase: string; kind: 'claim' | 'promise' };

function findAssertions(text: string, language: ClaimLanguage): Assertion[] {
  const found: Assertion[] = [];
  for (const sentence of sentencesOf(text)) {
    const question = /\?\s*$/u.test(sentence);
    for (const clause of clausesOf(sentence)) {
      for (const state of claimStates) {
        const pattern = patterns[state][language];
        if (pattern.unless?.test(clause)) continue;
        if (pattern.topic && !pattern.topic.test(clause)) continue;
        const match = pattern.assert.map((assertion) => assertion.exec(clause)).find((m) => m !== null);
        const promised = match ? null : future[language].exec(clause);
        const verb = promised ? promiseVerbs[state].exec(clause.slice(promised.index)) : null;
        const end = match
          ? match.index + match[0].length
          : promised && verb
            ? promised.index + verb.index + verb[0].length
            : -1;
        if (end < 0) continue;
        const before = clause.slice(0, end);
        if (question || negation[language].test(before) || condition[language].test(before)) continue;
        const phrase = match ? match[0].trim() : clause.slice(promised?.index ?? 0, end).trim();
        found.push({ state, phrase, kind: match && !future[language].test(before) ? 'claim' : 'promise' });
      }
    }
  }
  return found;
}

function languagesFor(language: string): ClaimLanguage[] {
  if (language === 'en' || language === 'de') return [language];
  return ['en', 'de'];
}

function firstPerState(assertions: Assertion[], kind: Assertion['kind']): ClaimMatch[] {
  const byState = new Map<ClaimState, ClaimMatch>();
  for (const assertion of assertions) {
    if (assertion.kind !== kind || byState.has(assertion.state)) continue;
    byState.set(assertion.state, { state: assertion.state, phrase: assertion.phrase });
  }
  return claimStates.flatMap((state) => {
    const match = byState.get(state);
    return match ? [match] : [];
  });
}

/**
 * States a text asserts as already true ("I've started your refund", "Die Erstattung wurde veranlasst", "has been
 * issued", "ist unterwegs"), one match per state in `claimStates` order. Denials ("not yet started"), conditions
 * ("once the return arrives"), questions and futures ("we will start the refund", a promise) are no claims.
 * `language` picks the patterns; anything but 'en' or 'de' tries both.
 */
export function detectClaims(text: string, language: string): ClaimMatch[] {
  return firstPerState(
    languagesFor(language).flatMap((lang) => findAssertions(text, lang)),
    'claim',
  );
}

/** States a text promises for later ("we will refund you", "wird erstattet"), one match per state. */
export function detectPromises(text: string, language: string): ClaimMatch[] {
  return firstPerState(
    languagesFor(language).flatMap((lang) => findAssertions(text, lang)),
    'promise',
  );
}

// A customer can witness what reaches them ("the refund arrived", "the parcel came broken"), not what happens in the
// shop's systems ("I cancelled it" is a request, not a done cancellation).
const customerWitnessable: ReadonlySet<ClaimState> = new Set([
  'refund-started',
  'item-shipped',
  'item-delivered',
  'replacement-sent',
  'voucher-issued',
]);

// What one state being true makes true as well.
const implied: Partial<Record<ClaimState, ClaimState[]>> = {
  'item-delivered': ['item-shipped'],
};

/**
 * States the conversation shows as true: what an agent message, internal note or system line asserts ("I've issued
 * the refund", "Ihre Rücksendung ist eingegangen"), and what the customer says reached them ("the refund arrived",
 * "the parcel came broken"). Both languages are tried on every message: threads switch language.
 */
export function conversationFacts(conversation: Pick<Conversation, 'messages'>): Set<ClaimState> {
  const facts = new Set<ClaimState>();
  for (const message of conversation.messages) {
    if (!message.bodyLoaded || message.text.trim() === '') continue;
    const fromCustomer = message.role === 'customer';
    for (const { state } of detectClaims(message.text, 'other')) {
      if (fromCustomer && !customerWitnessable.has(state)) continue;
      facts.add(state);
      for (const also of implied[state] ?? []) facts.add(also);
    }
  }
  return facts;
}

/** A template as far as its claims go: what it declares it needs, and its text. */
export type ClaimSubject = Pick<TemplateRecord, 'body' | 'language'> & { requires?: readonly string[] };

/** Every state a template claims: what its `requires` declares and what its text asserts, in `claimStates` order. */
export function claimedStates(subject: ClaimSubject): ClaimState[] {
  const declared = new Set((subject.requires ?? []).filter(isClaimState));
  for (const { state } of detectClaims(subject.body, subject.language)) declared.add(state);
  return claimStates.filter((state) => declared.has(state));
}

/**
 * Claims of a text or template that the facts do not back: the template's declared `requires` first, then what
 * its text (or the plain text, in `language`) asserts. Empty when everything it says is shown by the conversation.
 */
export function unsupportedClaims(
  subject: string | ClaimSubject,
  facts: ReadonlySet<ClaimState>,
  language = 'other',
): UnsupportedClaim[] {
  const text = typeof subject === 'string' ? subject : subject.body;
  const lang = typeof subject === 'string' ? language : subject.language;
  const found = new Map<ClaimState, UnsupportedClaim>();
  if (typeof subject !== 'string') {
    for (const state of subject.requires ?? []) {
      if (isClaimState(state) && !facts.has(state)) found.set(state, { state, declared: true });
    }
  }
  for (const { state, phrase } of detectClaims(text, lang)) {
    if (facts.has(state)) continue;
    const declared = found.get(state);
    found.set(state, declared ? { ...declared, phrase } : { state, phrase });
  }
  return claimStates.flatMap((state) => {
    const claim = found.get(state);
    return claim ? [claim] : [];
  });
}
