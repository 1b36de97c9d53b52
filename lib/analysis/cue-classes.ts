import type { WordClass } from './cue-pattern';
import { type CueToken, normaliseWord } from './cue-words';

/** German and English stems of a list of words, for classes that accept any inflection. */
function stemSet(words: string): { de: Set<string>; en: Set<string>; fold: Set<string> } {
  const de = new Set<string>();
  const en = new Set<string>();
  const fold = new Set<string>();
  for (const word of words.split(' ')) {
    const forms = normaliseWord(word);
    de.add(forms.de);
    en.add(forms.en);
    fold.add(forms.fold);
  }
  return { de, en, fold };
}

function inStems(set: ReturnType<typeof stemSet>): WordClass {
  return (token) => set.fold.has(token.fold) || set.de.has(token.de) || set.en.has(token.en);
}

const numberWords = new Set(
  (
    'zwei drei vier fünf funf sechs sieben acht neun zehn elf zwölf zwolf zwanzig mehrere etliche zig unzählige ' +
    'unzahlige diverse einige viele two three four five six seven eight nine ten eleven twelve twenty several ' +
    'multiple many countless numerous dozens'
  ).split(' '),
);

/** A count of two or more: "3", "3x", "drei", "mehrere", "several". */
const count: WordClass = (token) => {
  if (token.num) return Number(token.lower) >= 2 && Number(token.lower) < 1000;
  // "2x", "3x angerufen".
  const times = /^(\d{1,3})x$/.exec(token.lower);
  if (times) return Number(times[1]) >= 2;
  return numberWords.has(token.fold);
};

const germanOrdinal =
  /^(?:zweit|dritt|viert|funft|sechst|siebt|neunt|zehnt|elft|zwolft|zwanzigst|zigst|xt|nt|hundertst|wiederholt)(?:e|en|er|es|em)?$/;
const englishOrdinal = /^(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|umpteenth|nth|xth)$/;

/** An ordinal of two or more: "dritte", "x-ten", "third", "4th". */
const ordinal: WordClass = (token) => {
  if (germanOrdinal.test(token.fold) || englishOrdinal.test(token.fold)) return true;
  // Bare digits are counts ("3 tickets"), not ordinals; "zum 3. Mal" has its own patterns.
  const numbered = /^(\d{1,3})(?:st|nd|rd|th|te|ten|ter)$/.exec(token.fold);
  return numbered !== null && Number(numbered[1]) >= 2;
};

const contactWords = stemSet(
  'mail mails email emails e-mail e-mails nachricht nachrichten anfrage anfragen ticket tickets beschwerde ' +
    'beschwerden reklamation reklamationen anruf anrufe versuch versuche schreiben message messages request requests ' +
    'complaint complaints call calls attempt attempts letter letters chat chats',
);

const weekdays = new Set(
  (
    'montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag monday tuesday wednesday thursday friday ' +
    'saturday sunday'
  ).split(' '),
);
const soonWords = new Set(
  'morgen übermorgen heute tomorrow tonight today nächste nächsten nächster kommende kommenden next this diesen dieses diese'.split(
    ' ',
  ),
);

/** A day or a near time: "Samstag", "morgen", "next", "nächste". */
const soon: WordClass = (token) => weekdays.has(token.lower) || soonWords.has(token.lower);

// Events customers need a parcel for; a compound ending in one counts ("Kindergeburtstag", "Weihnachtsfeier").
const germanEvents = stemSet(
  'geburtstag weihnachten hochzeit einschulung urlaub reise abreise umzug taufe konfirmation kommunion jubiläum feier ' +
    'party ostern silvester prüfung klausur abflug flug beerdigung jugendweihe muttertag vatertag valentinstag ' +
    'nikolaus abiball examen hochzeitstag schulanfang schulstart einweihung',
).de;
const englishEvents = stemSet(
  'birthday christmas xmas wedding holiday holidays vacation trip flight exam exams anniversary graduation funeral ' +
    'baptism christening easter thanksgiving interview honeymoon conference hanukkah diwali',
).en;

const longestGermanEvent = Math.max(...[...germanEvents].map((stem) => stem.length));

const event: WordClass = (token) => {
  if (germanEvents.has(token.de)) return true;
  if (englishEvents.has(token.en) && /^[a-z']+$/.test(token.lower)) return true;
  const stem = token.de;
  if (!token.cap || stem.length < 8) return false;
  for (let cut = Math.max(3, stem.length - longestGermanEvent); cut <= stem.length - 4; cut++) {
    if (germanEvents.has(stem.slice(cut))) return true;
  }
  return false;
};

const providers = new Set(
  (
    'paypal klarna amex visa mastercard bank banken sparkasse volksbank kreditkarte kreditkarten kreditkartenfirma ' +
    'kreditkartenunternehmen kreditkartengesellschaft kartenanbieter afterpay affirm stripe giropay ratepay ' +
    'creditcard issuer'
  ).split(' '),
);

/** A payment provider or the customer's bank: "PayPal", "Klarna", "Amex", "meine Bank", "Kreditkarte". */
const provider: WordClass = (token) => providers.has(token.fold) || token.fold.startsWith('kreditkart');

const platforms = new Set(
  (
    'trustpilot google amazon ebay yelp facebook instagram twitter tiktok reddit youtube linkedin threads mastodon ' +
    'bluesky idealo check24 kununu foren forum forums social sozialen soziale netz netzwerke internet online whatsapp ' +
    'medien media kanälen kanalen kanal kanäle channels'
  ).split(' '),
);

/** A review platform or a public place online: "Trustpilot", "Google", "Foren", "social media", "im Netz". */
const platform: WordClass = (token) => platforms.has(token.fold);

const lowStars = new Set(['0', '1', 'null', 'ein', 'einen', 'einem', 'eins', 'one', 'zero', '1star', '0star']);

/** A one- or zero-star rating word: "1-star", "one", "einem". */
const lowStar: WordClass = (token) => lowStars.has(token.fold);

// Getting in touch in the present ("ich schreibe Ihnen zum dritten Mal", "melde mich", "rufe an"): a counted time
// is repeated contact only beside such a verb or a contact noun — "zum dritten Mal das Passwort zurückgesetzt" is not.
const contactingWords = stemSet(
  'schreibe schreiben schreibt melde melden meldet frage fragen rufe rufen anrufen anrufe wende wenden kontaktiere ' +
    'kontaktieren reklamiere reklamieren beschwere beschweren maile mailen bitte bitten probiere versuche',
);

const contactedWords = stemSet(
  'geschrieben angerufen gemeldet nachgefragt kontaktiert angefragt reklamiert gebeten versucht beschwert gemailt ' +
    'probiert telefoniert',
);

/** Named word classes the cue patterns use as `{name}`. */
export const cueClasses: Record<string, WordClass> = {
  num: (token: CueToken) => token.num,
  count,
  ordinal,
  contact: inStems(contactWords),
  /** A past participle of getting in touch: "geschrieben", "angerufen", "nachgefragt". */
  contacted: inStems(contactedWords),
  /** A present form of getting in touch: "schreibe", "melde", "rufe". */
  contacting: inStems(contactingWords),
  soon,
  event,
  provider,
  platform,
  lowstar: lowStar,
  name: (token: CueToken) => token.cap,
};
