import { cueClasses } from './cue-classes';
import {
  type CueText,
  isCompleted,
  isConsequence,
  isInCondition,
  isIntended,
  isNegated,
  isNegator,
  isQuestion,
  readCueContext,
  tokenIndexAt,
} from './cue-context';
import { type CueLanguage, cuePattern as cue, SpanCollector, type TokenMatch, TokenPatternSet } from './cue-pattern';
import type { UrgencyLevel, UrgencyReason, UrgencyReasonKind } from './types';

/** An urgency reason with the span of the analysed text that triggered it. */
export interface UrgencyMatch extends UrgencyReason {
  start: number;
  end: number;
}

/** The urgency of one text. */
export interface UrgencyResult {
  level: UrgencyLevel;
  reasons: UrgencyMatch[];
}

const urgencyOrder: readonly UrgencyLevel[] = ['low', 'normal', 'high', 'critical'];

/** Orders urgency levels: negative when `a` is less urgent than `b`. */
export function compareUrgency(a: UrgencyLevel, b: UrgencyLevel): number {
  return urgencyOrder.indexOf(a) - urgencyOrder.indexOf(b);
}

/** The more urgent of two levels. */
export function maxUrgency(a: UrgencyLevel, b: UrgencyLevel): UrgencyLevel {
  return compareUrgency(a, b) >= 0 ? a : b;
}

/** How a cue must stand in its sentence to count. */
interface CueRule {
  kind: UrgencyReasonKind;
  /**
   * `condition`: only as the consequence of a condition or an ultimatum ("…, sonst storniere ich", "if …, I'll
   * cancel"); `intent`: also with a stated intent ("ich werde … bewerten", "I'll post this on Twitter").
   */
  needs?: 'condition' | 'intent';
  /** A deed already done is no threat ("habe gekündigt", "after my cancellation", "I cancelled the order"). */
  completable?: boolean;
  /** Not with a good rating ("a 5-star review", "eine gute Bewertung"). */
  notPositive?: boolean;
  /** Not about the past ("letztes Jahr zum Geburtstag bekommen") or a greeting ("thanks for the birthday wishes"). */
  notPast?: boolean;
}

type CueTable = readonly [CueRule, CueLanguage, readonly string[]][];

// Cues as German and English customers write them; both languages are read in every text because customers mix
// them. Plain words match every inflection through the stemmer; `*word` also matches compounds (see cue-pattern.ts).
const cueTable: CueTable = [
  // Deadlines (dates are read by the patterns below the table) and events a parcel is needed for.
  [
    { kind: 'deadline' },
    'de',
    [
      'heute noch',
      'noch heute',
      'innerhalb|binnen ~3 {num} stunden|std|stunde|tage|tagen|werktage|werktagen|h',
      '=frist bis|von',
      'letzte frist',
      'fristsetzung',
      'setze|setzen ~3 frist',
      'deadline',
    ],
  ],
  [
    { kind: 'deadline', notPast: true },
    'de',
    [
      'vor|bis|zu|zum|zur|für|rechtzeitig|pünktlich ~3 {event}',
      '{event} ~3 {soon} woche|wochenende|monat?',
      // The event as a verb: "wir heiraten nächsten Samstag", "wir ziehen am Freitag um".
      'heiraten|heirate|verreisen|fliegen|ziehen ~3 {soon}',
    ],
  ],
  [
    { kind: 'deadline' },
    'en',
    [
      'deadline',
      'within ~2 {num} hours|hrs|h|days',
      'within ~2 {num} business|working days',
      'need|want|expect ~2 today|tonight|tomorrow',
    ],
  ],
  [
    { kind: 'deadline', notPast: true },
    'en',
    [
      'for|before|by|until|till ~3 {event}',
      '{event} ~3 {soon} week|weekend|month?',
      'getting|get married|moving|flying|leaving ~3 {soon}',
    ],
  ],
  // Immediacy.
  [
    { kind: 'immediacy' },
    'de',
    [
      'sofort',
      'umgehend',
      'unverzüglich',
      'dringend',
      'dringlich*',
      'eilig',
      '=eilt',
      'schnellstmöglich',
      'schnellstens',
      'so schnell wie möglich',
      'auf der stelle',
      'notfall',
      'ohne weitere verzögerung',
    ],
  ],
  [
    { kind: 'immediacy' },
    'en',
    [
      'immediately|immediate',
      'asap',
      '=a =s =a =p',
      'urgent|urgently|urgency',
      'right away',
      'as soon as possible',
      'emergency',
      'without ~2 delay',
    ],
  ],
  // Legal threats.
  [
    { kind: 'legal-threat' },
    'de',
    [
      '*anwalt*',
      '*anwältin*',
      'kanzlei|anwaltskanzlei|rechtsanwaltskanzlei',
      'rechtliche|juristische|gerichtliche ~1 schritte|konsequenzen|wege|weg|mittel',
      'gerichtlich',
      'rechtlich|juristisch|anwaltlich ~1 prüfen',
      'vor|zum|ans|zu gericht',
      'verklagen',
      'klage ~2 einreichen|erheben|einleiten',
      'sammelklage',
      'mahnverfahren|mahnbescheid',
      'strafanzeige',
      'anzeige erstatten|gegen',
      '=zeige|=zeig euch|sie|dich|ihn ~2 an',
      'verbraucherzentrale*',
      'verbraucherschutz*',
      'schlichtungsstelle*',
      'rechtsweg',
      'rechtsschutz*',
      'bundesnetzagentur',
    ],
  ],
  [{ kind: 'legal-threat', needs: 'intent' }, 'de', ['klagen', 'polizei', 'sie|euch|dich ~2 anzeigen']],
  [
    { kind: 'legal-threat' },
    'en',
    [
      'lawyer|lawyers|attorney|attorneys|solicitor|solicitors|barrister',
      'legal ~1 action|steps|proceedings|advice|route',
      'to|in ~1 court',
      'small claims',
      'lawsuit',
      'class action',
      'suing',
      'consumer protection|rights',
      'trading standards',
      'better business bureau',
      'ombudsman',
      'report ~2 to ~1 authorities|bbb|regulator',
    ],
  ],
  [
    { kind: 'legal-threat' },
    'en',
    ["will|to|gonna|i|we|would|might|could|can|shall|then|and|or|=i'll|=we'll|=i'd [ sue ]"],
  ],
  [{ kind: 'legal-threat', needs: 'intent' }, 'en', ['police', 'report ~1 you|this|your']],
  // Chargebacks and payment disputes.
  [
    { kind: 'chargeback-threat' },
    'de',
    [
      '*rückbuchung*',
      'zurückbuchen',
      'buche|buchen ~6 zurück',
      'rücklastschrift',
      '*käuferschutz',
      '{provider} *käuferschutz',
      '{provider} fall|konflikt|reklamation|beschwerde|streitfall|klärungsfall|antrag|dispute|claim',
      'fall|konflikt|reklamation|streitfall|beschwerde|antrag ~1 bei|über ~1 {provider}',
      'melde|reklamiere|beanstande ~4 bei|über ~1 {provider}',
      'bei|über ~1 {provider} ~3 melden|reklamieren|beanstanden|beschweren|eröffnen|eröffnet|einreichen|zurückholen|zurückfordern|zurück',
    ],
  ],
  [
    { kind: 'chargeback-threat', needs: 'intent' },
    'de',
    [
      'lastschrift|lastschriften|abbuchung|abbuchungen ~3 zurückgehen|zurückgeben|zurückrufen|zurückholen|widerrufen|widersprechen|platzen|stornieren',
      'zahlung ~2 widerrufen|zurückholen|zurückfordern|zurückziehen',
      'widerspruch ~3 lastschrift|{provider}',
      '{provider} ~3 einschalten|informieren|kontaktieren|anrufen|einbeziehen',
    ],
  ],
  [
    { kind: 'chargeback-threat' },
    'en',
    [
      'chargeback|chargebacks',
      'charge back',
      'dispute ~3 charge|charges|payment|transaction',
      'dispute ~1 with ~1 {provider}',
      'open|file|raise|start|lodge|opened|filed|raised ~1 [ dispute|chargeback ]',
      'claim|case ~2 with|at|on|through {provider}',
      '{provider} dispute|claim|case|chargeback',
      '{provider} ~1 buyer protection',
      'buyer protection',
    ],
  ],
  [
    { kind: 'chargeback-threat', needs: 'intent' },
    'en',
    [
      'reverse ~2 debit|charge|charges|payment|transaction',
      'recall|reclaim|cancel ~2 direct debit',
      'contact|call|ask|tell|get ~1 my bank|card',
      'claim|claiming|reclaim|reclaiming|get|getting ~5 back ~2 from ~1 my bank',
      'direct debit guarantee',
      'indemnity claim',
      'contact|call|ask|tell|get ~1 my credit card',
      'charge ~1 back',
    ],
  ],
  // Threats to leave.
  [
    { kind: 'cancellation-threat', completable: true },
    'de',
    [
      'kündigen',
      'abo|abonnement|vertrag|mitgliedschaft|konto|kundenkonto|account ~2 beenden|kündigen|auflösen|löschen|schließen',
      'nie|niemals wieder|mehr ~4 bestellen|kaufen|einkaufen',
      'nie|niemals ~4 wieder|mehr bestellen|kaufen|einkaufen',
      '=bestelle|=kaufe ~3 nicht|nie|nirgends mehr|wieder',
      'woanders|anderswo ~2 bestellen|kaufen|einkaufen',
      '=bestelle|=kaufe|=bestellen|=kaufen ~2 woanders|anderswo',
      'zur konkurrenz',
      'bei|von der konkurrenz',
      'war|ist|bleibt ~2 letzte bestellung',
      'ehemaliger|ehemalige kunde|kundin',
      'längste zeit ~3 kunde|kundin',
      'fertig|durch mit euch|ihnen|dir|{name}',
      'mit euch|ihnen|dir ~2 fertig|durch',
      'seht|sehen|siehst ~2 mich ~1 nie|niemals wieder|mehr',
    ],
  ],
  [
    { kind: 'cancellation-threat', completable: true, needs: 'intent' },
    'de',
    ['nicht|keinesfalls mehr ~4 bestellen|kaufen|einkaufen'],
  ],
  [
    { kind: 'cancellation-threat', completable: true, needs: 'condition' },
    'de',
    ['stornieren|storno|stornierung', 'storniere', 'widerrufen|widerrufe|rücktritt|zurücktreten'],
  ],
  [
    { kind: 'cancellation-threat', completable: true },
    'en',
    [
      'cancel|terminate|end|close ~1 my|our|the subscription|membership|account|contract|plan|service',
      'take ~1 my|our business elsewhere|somewhere',
      'never ~1 order|buy|shop|purchase ~4 again|anymore',
      "won't|wont ~1 order|buy|shop|purchase ~4 again|anymore",
      '=will =not ~1 order|buy|shop|purchase ~4 again|anymore',
      'lost ~1 a|me ~2 customer',
      'switch|switching|move|moving ~2 to ~2 competitor|competition|competitors',
      'switch|switching|move|moving ~2 to another|a ~1 shop|store|provider|company|supplier|brand',
      'shop|order|buy|go elsewhere',
      'shop|order|buy|go somewhere else',
      "done|finished|through with you|=y'all|{name}",
      'done|finished|through with ~1 your|this company|shop|store|service|brand',
      'former customer',
      'thinking|considering ~2 cancelling|canceling|leaving|switching',
      'this|that|be ~2 last order',
      'never again',
      'never ~1 see ~2 me ~1 again',
    ],
  ],
  [{ kind: 'cancellation-threat', completable: true, needs: 'intent' }, 'en', ['cancel', 'cancelling|canceling']],
  // Counting one's own unanswered mails and calls.
  [
    { kind: 'repeated-contact' },
    'de',
    [
      '[ zum|das|zur {ordinal} mal|male ] ~6 {contacted}|{contacting}|{contact}',
      '{contacted}|{contacting}|{contact} ~6 [ zum|das|zur {ordinal} mal|male ]',
      '[ zum|das {num} mal|male ] ~6 {contacted}|{contacting}|{contact}',
      '{contacted}|{contacting}|{contact} ~6 [ zum|das {num} mal|male ]',
      'zum letzten mal',
      '{ordinal} {contact}',
      '[ schon|bereits ~1 mehrfach|mehrmals|zweimal|dreimal|viermal|fünfmal|xmal|zigmal|oft|öfter|öfters|etliche|unzählige ] ~4 {contacted}',
      '[ {count} mal|male ] ~4 {contacted}',
      '{count} {contacted}',
      'wiederholt ~3 geschrieben|angerufen|nachgefragt|gemeldet|kontaktiert|angefragt|reklamiert|gebeten',
      '[ zig mal|male ] ~4 {contacted}',
      'wie oft ~1 noch',
      'immer|noch noch|immer ~1 keine|keinerlei antwort|rückmeldung|reaktion|lösung|nachricht|erstattung',
      'bis heute ~1 keine|keinerlei antwort|rückmeldung|reaktion|lösung|nachricht|erstattung',
      'bisher|weiterhin ~1 keine|keinerlei antwort|rückmeldung|reaktion|lösung|nachricht|erstattung',
      'keine|keinerlei antwort|rückmeldung|reaktion ~2 bekommen|erhalten|gekriegt',
      'nicht das erste mal',
      '{count} {contact} ~3 keine|ohne antwort|rückmeldung|reaktion',
      '{count} {contact} ~2 geschrieben|geschickt|gesendet|verschickt|unbeantwortet|ignoriert',
      '{count} unbeantwortete {contact}',
      'schon|bereits {count} {contact}',
      'immer wieder ~3 geschrieben|angerufen|nachgefragt|gemeldet',
      'schon|bereits {contacted}',
      'seit ~2 tagen|wochen|monaten ~4 auf ~2 antwort|rückmeldung|reaktion|rückruf',
    ],
  ],
  [
    { kind: 'repeated-contact' },
    'en',
    [
      '{ordinal} time|email|message|request|complaint|call|attempt|ticket|letter|chat',
      'write|wrote|written|email|emailed|contact|contacted|call|called|message|messaged|ask|asked|chase|chased|reach|reached|tried ~3 twice|repeatedly',
      'write|wrote|written|email|emailed|contact|contacted|call|called|message|messaged|ask|asked|chase|chased|reach|reached|tried ~3 {count} times',
      'still no|not ~1 answer|response|reply|word|update|refund|news',
      "still haven't|havent|hasn't|hasnt ~2 heard|received|got|gotten",
      'still =have|=has =not ~2 heard|received|got|gotten',
      'still waiting',
      'how many ~1 times',
      'again and again',
      'over and over',
      'yet again',
      'no answer|response|reply ~1 yet|so',
      'not the first time',
      '{count} {contact} ~3 no|without answer|reply|response|responses|answers',
      '{count} unanswered {contact}',
      'sent|written|made ~2 {count} {contact}',
      'keep|kept ~1 calling|writing|emailing|asking|chasing',
      'already ~2 wrote|written|emailed|called|contacted|asked|messaged|reported|complained',
      'waiting ~4 for ~2 reply|answer|response|callback',
    ],
  ],
  // Promises to go public: review sites, social media, telling everyone.
  [
    { kind: 'public-review', needs: 'intent', notPositive: true },
    'de',
    [
      'überall|allen|jedem|jeder ~2 erzählen|berichten|weitererzählen|rumerzählen|verbreiten|sagen|warnen',
      'bewertung|bewertungen|rezension|rezensionen|review|kritik ~3 schreiben|abgeben|hinterlassen|verfassen|posten|veröffentlichen|geben',
      'schreibe|poste|hinterlasse|gebe|verfasse|veröffentliche ~4 bewertung|bewertungen|rezension|rezensionen|review',
      'in|auf|im|bei ~2 {platform} ~3 posten|teilen|veröffentlichen|stellen|verbreiten|schreiben|erzählen|berichten|bewerten|melden|machen',
      'poste|teile|veröffentliche|stelle|verbreite|schreibe|erzähle|berichte|bewerte ~4 in|auf|im|bei ~2 {platform}',
      'öffentlich|publik machen',
      'andere|alle ~1 kunden? warnen',
      'meine erfahrung|erfahrungen ~3 teilen|posten|veröffentlichen|berichten',
    ],
  ],
  [
    { kind: 'public-review', notPositive: true },
    'de',
    [
      'schlechte|negative|miese|vernichtende|entsprechende ~1 bewertung|bewertungen|rezension|rezensionen|kritik|review',
      '{lowstar} stern|sterne|sternen|star',
      'bewertungsportal*',
      '{platform} ~1 bewertung|bewertungen|rezension|review ~2 kommt|folgt|ist',
      'geht|kommt|landet ~4 auf|in|bei ~1 {platform}',
    ],
  ],
  [
    { kind: 'public-review', needs: 'intent', notPositive: true },
    'en',
    [
      'tell|telling|warn|warning ~2 everyone|everybody|others|people|friends|world|anyone|family',
      'post|posting|share|sharing|put|write|writing|tweet|tweeting ~4 on|to|across|all ~1 {platform}',
      'leave|leaving|write|writing|post|posting|give|giving ~3 review|reviews|rating|ratings on|at? {platform}?',
      'review ~1 on|at {platform}',
      'go|going public',
      'spread ~1 the word',
      'share|sharing ~3 experience|story ~2 everywhere|online|publicly',
      'expose ~1 you|your',
      'everyone|everybody ~1 know|knows|hear|hears',
    ],
  ],
  [
    { kind: 'public-review', notPositive: true },
    'en',
    [
      '{lowstar} star|stars|review|reviews|rating',
      'bad|negative|terrible|scathing|honest ~1 review|reviews|rating',
      'social media ~3 post|posting|share|sharing|shitstorm',
    ],
  ],
  // Product safety.
  [
    { kind: 'safety' },
    'de',
    [
      'feuer gefangen',
      'in brand geraten',
      'brand|feuer ~2 geraten|gefangen',
      'explodiert',
      'überhitzt',
      'stromschlag',
      '*verletzung',
      '*verbrennung',
      'allergische reaktion',
      'verschluckt',
      'erstickungsgefahr',
      'brandgefahr',
      'lebensgefahr*',
      'giftig',
      'kurzschluss',
      'schmorgeruch|brandgeruch|gasgeruch',
      'riecht|riechen|stinkt|stinken ~5 gas|verbrannt|verschmort',
      'geruch ~2 gas',
      'gasleck|gasaustritt',
      'rauchentwicklung',
      'funken|funkt|funkenflug',
      'qualmt',
      'mich|sich|kind|sohn|tochter|mann|frau|hund|katze ~2 verletzt|verbrannt',
    ],
  ],
  [
    { kind: 'safety' },
    'en',
    [
      'caught fire',
      'on fire',
      'burst into flames',
      'exploded|explosion',
      'overheated|overheating|overheats',
      'electric shock',
      'electrocuted',
      'injured|injury|injuries',
      'burned|burnt me|my|his|her|our|myself',
      'allergic reaction',
      'choking hazard',
      'swallowed',
      'fire hazard',
      'toxic|poisonous',
      'sparked|sparking|sparks',
      'smell|smells|smelling ~3 gas|burning',
      'gas leak|leaking',
      'smoke ~3 coming|came|pouring',
    ],
  ],
];

const cueSet = new TokenPatternSet<CueRule>(cueClasses);
for (const [rule, language, patterns] of cueTable) for (const source of patterns) cueSet.add(source, language, rule);

const weekdaysDe = 'montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag';
const monthsDe =
  'januar|jan|februar|feb|märz|mär|april|apr|mai|juni|juli|august|aug|september|sep|oktober|okt|november|nov|dezember|dez';
const weekdaysEn = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun';
const monthsEn =
  'january|jan|february|feb|march|mar|april|apr|may|june|jun|july|jul|august|aug|september|sept|sep|october|oct|november|nov|december|dec';

// Dates and times are numbers and names, not inflected words: patterns read them best.
const datePatterns: readonly RegExp[] = [
  cue(
    `(?:bis|spätestens)(?: (?:zum|zur|am|ende|nächsten|nächste|kommenden|kommende|diesen|diese|heute))* ` +
      `(?:${weekdaysDe}|morgen|übermorgen|heute abend|heute|wochenende|monatsende|ende der woche|` +
      `\\d{1,2}\\.(?: ?\\d{1,2}\\.(?:\\d{2,4})?| (?:${monthsDe}))|\\d{1,2}(?::\\d{2})? uhr)`,
  ),
  cue(
    `(?:by|before|until|no later than) (?:the )?(?:end of (?:the )?(?:day|week|month)|eod|cob|tomorrow|tonight|today|` +
      `(?:this |next )?(?:${weekdaysEn}|week|weekend)|\\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:${monthsEn})|` +
      `(?:${monthsEn}) \\d{1,2}(?:st|nd|rd|th)?|\\d{1,2}[./]\\d{1,2}(?:[./]\\d{2,4})?|\\d{1,2}(?::\\d{2})? ?(?:am|pm))`,
  ),
];
// "bis heute nichts bekommen", "until today I haven't heard": a time so far, not a deadline.
const sinceUntilNow = /(?:heute|today)$/i;

const lowUrgencyCue = cue(
  'keine eile|kein stress|eilt nicht|hat zeit|wenn sie zeit haben|wenn ihr zeit habt|in ruhe|' +
    'no rush|no hurry|not urgent|whenever you (?:get a chance|can|have time)|when you have (?:a moment|time)',
);

// A good rating anywhere in the sentence ("gerne", "5 Sterne"); praise only near the review ("a great review", "eine
// gute Bewertung", "leave a review, you were great") so that "nicht gut, schlechte Bewertung" still counts.
const goodRatings = new Set('5 5star fünf funf five fivestar gerne gern glowing'.split(' '));
const praiseWords = new Set(
  '4 4star vier four gute guten gut positive positiv great good super tolle toll excellent hervorragende top'.split(
    ' ',
  ),
);

/** True when the review is a good one. */
function isPositiveNear(cue: CueText, first: number, last: number): boolean {
  const { tokens } = cue;
  const sentence = cue.sentences[tokens[first]!.sentence]!;
  for (let i = sentence.first; i <= sentence.last; i++) {
    const fold = tokens[i]!.fold;
    if (goodRatings.has(fold)) return true;
    if (i >= first - 3 && i <= last + 5 && praiseWords.has(fold) && !isNegator(tokens[i - 1]?.lower ?? '')) return true;
  }
  return false;
}

const pastWords = new Set(
  'letztes letzten letzte vorigen voriges vergangenen vergangenes damals last ago bekommen erhalten geschenkt got received gave given'.split(
    ' ',
  ),
);
const greetingWords = new Set(
  'wishes wünsche wunsche glückwünsche gluckwunsche grüße grusse greetings card karte'.split(' '),
);

function isPastOrGreeting(cue: CueText, first: number, last: number): boolean {
  const { tokens } = cue;
  const clause = cue.clauses[tokens[first]!.clause]!;
  for (let i = clause.first; i <= Math.max(clause.last, last); i++) {
    if (pastWords.has(tokens[i]!.lower)) return true;
  }
  const next = tokens[last + 1];
  return next !== undefined && greetingWords.has(next.lower);
}

/** "ich poste das", "teile ich", "I'm posting this": the customer's own present-tense action. */
function isFirstPersonAction(cue: CueText, first: number, last: number): boolean {
  const { tokens } = cue;
  for (let i = first; i <= last; i++) {
    const lower = tokens[i]!.lower;
    const before = tokens[i - 1]?.lower;
    const after = tokens[i + 1]?.lower;
    if (lower.endsWith('e') && (before === 'ich' || after === 'ich')) return true;
    if (lower.endsWith('ing') && (before === "i'm" || before === 'im' || before === "we're" || before === 'am'))
      return true;
  }
  return false;
}

function isAccepted(cue: CueText, match: TokenMatch<CueRule>): boolean {
  const { first, last } = match;
  const rule = match.pattern.data;
  if (isNegated(cue, first, last)) return false;
  if (match.negatedInside && !isInCondition(cue, first)) return false;
  if (rule.notPast && isPastOrGreeting(cue, first, last)) return false;
  // "Wie kann ich kündigen?" asks how; it threatens nothing.
  if (rule.completable && isQuestion(cue, first) && !isConsequence(cue, first)) return false;
  if (rule.completable && isCompleted(cue, first, last)) return false;
  if (rule.notPositive && isPositiveNear(cue, first, last)) return false;
  if (rule.needs === 'condition' && !isConsequence(cue, first)) return false;
  if (rule.needs === 'intent' && !isIntended(cue, first) && !isFirstPersonAction(cue, first, last)) return false;
  return true;
}

function findDates(cue: CueText, add: (kind: UrgencyReasonKind, start: number, end: number) => void): void {
  const { text, tokens } = cue;
  for (const pattern of datePatterns) {
    pattern.lastIndex = 0;
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      const first = tokenIndexAt(cue, start);
      let last = first;
      while (last + 1 < tokens.length && tokens[last + 1]!.start < end) last++;
      if (first < 0) continue;
      let masked = false;
      for (let i = first; i <= last; i++) if (tokens[i]!.masked) masked = true;
      if (masked || isNegated(cue, first, last)) continue;
      if (sinceUntilNow.test(match[0])) {
        const next = tokens[last + 1];
        if (next !== undefined && next.clause === tokens[last]!.clause) continue;
      }
      add('deadline', start, end);
    }
  }
}

const kindWeights: Record<UrgencyReasonKind, number> = {
  deadline: 2,
  immediacy: 2,
  'repeated-contact': 2,
  'cancellation-threat': 2,
  'public-review': 2,
  'chargeback-threat': 3,
  'legal-threat': 4,
  safety: 4,
};

/**
 * The urgency level a set of reason kinds adds up to: legal threats and safety issues are critical, a chargeback
 * threat with any other pressure is critical, three kinds of pressure together are critical, any reason is high.
 */
export function levelFromKinds(kinds: Iterable<UrgencyReasonKind>): UrgencyLevel {
  const distinct = new Set(kinds);
  if (distinct.size === 0) return 'normal';
  if (distinct.has('legal-threat') || distinct.has('safety')) return 'critical';
  if (distinct.has('chargeback-threat') && distinct.size > 1) return 'critical';
  let points = 0;
  for (const kind of distinct) points += kindWeights[kind];
  return points >= 6 ? 'critical' : 'high';
}

const maxReasonsPerKind = 3;

/**
 * Finds urgency cues in German and English text: deadlines (dates and events: "bis Freitag", "zum Geburtstag meiner
 * Mutter"), immediacy, legal, chargeback and cancellation threats, promises of a public review, repeated contact,
 * and product safety. Cues match inflections and compounds through a stemmer and are read in their sentence:
 * negated cues ("ich will nicht kündigen", "no need to cancel") and deeds already done ("nach meiner Kündigung",
 * "I cancelled the order") do not count, conditions and ultimatums do ("sonst storniere ich", "if …, I'll cancel"),
 * and addresses, company names, signatures and the agent's quoted words never do. An explicit "no rush" / "keine
 * Eile" with no other cue makes the text `low`. Empty text is `low`. Offsets index `text`.
 */
export function detectUrgency(text: string): UrgencyResult {
  if (text.trim() === '') return { level: 'low', reasons: [] };
  const context = readCueContext(text);
  const found = new SpanCollector<UrgencyReasonKind>(maxReasonsPerKind);
  const { tokens } = context;
  for (const match of cueSet.match(context)) {
    if (!isAccepted(context, match)) continue;
    found.add(match.pattern.data.kind, tokens[match.focusFirst]!.start, tokens[match.focusLast]!.end);
  }
  findDates(context, (kind, start, end) => found.add(kind, start, end));
  const reasons: UrgencyMatch[] = found
    .spans()
    .map(({ kind, start, end }) => ({ kind, phrase: text.slice(start, end), start, end }));
  if (reasons.length === 0) {
    lowUrgencyCue.lastIndex = 0;
    return { level: lowUrgencyCue.test(text) ? 'low' : 'normal', reasons };
  }
  return { level: levelFromKinds(reasons.map((r) => r.kind)), reasons };
}
