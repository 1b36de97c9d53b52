import { cueClasses } from './cue-classes';
import { type CueText, isInCondition, isNegated, isQuestion, readCueContext } from './cue-context';
import { type CueLanguage, SpanCollector, TokenPatternSet } from './cue-pattern';
import type { CueToken } from './cue-words';

/**
 * Cues for the customer's state that the small model cannot read from words alone (issue 18): worry about money, a
 * deadline or a gift (anxiety), praise that is meant the other way after a failure (sarcasm), counting one's failed
 * attempts (frustration), a calm acceptance ("ok, I'll wait then"), a question that shows confusion, and contempt
 * for the company or its staff ("ihr seid echt unfähig", "you lot are an absolute joke": anger, even below the
 * offensive threshold). Also thanks for something done ("herzlichen Dank für die unkomplizierte Lösung": grateful,
 * which the model barely reads in German) and a request ("Could you refund that please?"), so that a request signed
 * off with "Thanks" is not read as gratitude.
 * Offsets index `text`.
 */
export type StateCueKind =
  | 'anxiety'
  | 'sarcasm'
  | 'failed-attempts'
  | 'calm-acceptance'
  | 'confusion'
  | 'contempt'
  | 'gratitude'
  | 'request';

export interface StateCue {
  kind: StateCueKind;
  /** The phrase that triggered it. */
  phrase: string;
  start: number;
  end: number;
}

/** How a state cue must stand in its sentence to count. */
interface StateRule {
  kind: StateCueKind;
  /** Only in a question ("Kommt es noch rechtzeitig?") or never in one ("kein Problem" as a closing). */
  question?: 'only' | 'never';
  /** Not when one of these words follows within two words ("Sorgen Sie dafür, …" is "make sure"). */
  notBefore?: ReadonlySet<string>;
  /** Sarcasm: praise that needs a failure nearby or a sentence of its own (see `isSarcasticPraise`). */
  praise?: boolean;
  /** Not in a sentence about what should have been ("die Vase sollte ein Geschenk sein": sad, not anxious). */
  notUnreal?: boolean;
  /** Only in the last two sentences: a closing, not a polite opener ("Vielen Dank für Ihre Rückmeldung. Leider …"). */
  closing?: boolean;
  /** Not when one of these words stands in the match or within two words after it ("thanks in advance for"). */
  notWithin?: ReadonlySet<string>;
}

const maxCuesPerKind = 5;

type StateTable = readonly [StateRule, CueLanguage, readonly string[]][];

// "Sorgen Sie (bitte) dafür, dass …" is "make sure", not worry.
const ensureWords = new Set(['dafur', 'fur', 'sie', 'du', 'ihr']);

const inAdvance = new Set(['voraus', 'vorab', 'advance']);

const stateTable: StateTable = [
  [
    { kind: 'anxiety', notBefore: ensureWords },
    'de',
    [
      'sorge|sorgen|besorgt|beunruhigt|beunruhigend|ängstlich|nervös|befürchte|fürchte|verzweifelt|gestresst',
      'panik*',
      'angst',
      'hoffentlich ~4 rechtzeitig|pünktlich|noch|klappt|ankommt',
      'auf ~2 geld angewiesen',
      'geld ~3 dringend|unbedingt',
      'miete|rechnungen ~3 fällig|zahlen|bezahlen',
      'konto ~2 leer|überzogen',
      'knapp bei kasse',
      'schlafe|schlafen ~3 schlecht|kaum|nicht',
      'aufgelöst',
      'durch den wind',
      'am ende mit den nerven',
    ],
  ],
  [{ kind: 'anxiety', question: 'only' }, 'de', ['rechtzeitig|pünktlich']],
  [{ kind: 'anxiety', notUnreal: true }, 'de', ['ist|als|soll|wird ~2 *geschenk', '*geschenk für|zum|zur']],
  [
    { kind: 'anxiety' },
    'en',
    [
      'worried|worry|worrying|anxious|nervous|scared|afraid|panic|panicking|panicked|stressed|concerned|desperate|freaking',
      'hope|hopefully ~4 in|on time',
      'really|desperately|urgently need ~3 money|refund',
      'rent|bills|mortgage ~2 due|to',
      "can't|cannot afford",
      'overdrawn',
      "can't|cannot|couldn't sleep",
      'losing sleep',
      'beside myself',
      'in tears',
    ],
  ],
  [{ kind: 'anxiety', question: 'only' }, 'en', ['in|on time']],
  [{ kind: 'anxiety', notUnreal: true }, 'en', ["it's|is|as|be ~2 gift|present", 'gift|present for ~1 my']],
  [
    { kind: 'failed-attempts' },
    'de',
    [
      '{count}|mehrfach|mehrmals|zweimal|dreimal|viermal|xmal|zigmal|oft ~2 angerufen|versucht|probiert|telefoniert',
      'keiner|niemand ~2 geht|gehen ran|ans',
      'keiner|niemand ~2 antwortet|reagiert|meldet|abhebt|erreichbar|hebt',
      'nicht|nie|kaum erreichbar',
      'komme|kommt|kam ~2 nicht|nie durch',
      'chat ~3 bricht|schließt|beendet|hängt|stürzt|fliegt|fliege|raus',
      'alles ~2 versucht|probiert',
      'seit tagen|wochen|monaten ~3 versuche|probiere|versuchen',
      'versucht|versuche ~4 erreichen',
      'warteschleife|warteschlange',
      'vergeblich|erfolglos',
      'immer wieder ~3 angerufen|versucht|probiert',
    ],
  ],
  [
    { kind: 'failed-attempts' },
    'en',
    [
      'called|rang|phoned|tried|emailed|messaged|contacted ~3 {count} times',
      'called|rang|phoned|tried|emailed|messaged|contacted ~3 twice|repeatedly|several|multiple',
      'nobody|noone ~2 answers|answered|picks|picked|responds|responded|replies|replied|gets|calls|available',
      'no one ~2 answers|answered|picks|picked|responds|responded|replies|replied|gets|calls|available',
      "can't|cannot|couldn't|unable ~2 get through|reach|hold",
      'chat ~3 closes|closed|disconnects|disconnected|crashes|drops|ends|cut',
      'tried ~1 everything|all',
      'been trying ~3 for|since',
      'on hold',
      'hung up',
      'in vain',
      'to no avail',
      'keep|kept trying|calling',
      'tried ~2 calling|call|reach|contact|emailing',
    ],
  ],
  [
    { kind: 'calm-acceptance', question: 'never', closing: true },
    'de',
    [
      'alles klar',
      'kein problem',
      'passt schon',
      'alles gut',
      'macht nichts',
      'in ordnung',
      'geht klar',
      'gut zu wissen',
      'ok|okay|oki ~1 danke',
      'dann ~1 warte|warten ~2 ich|wir|ab',
      'ich|wir warte|warten ~1 dann|gerne|geduldig',
      'verstanden ~2 danke',
      'danke für ~1 info|information|infos|rückmeldung|auskunft|bescheid',
    ],
  ],
  [
    { kind: 'calm-acceptance', question: 'never', closing: true },
    'en',
    [
      "i'll|we'll|=will|happy|can ~1 wait",
      'no problem|worries',
      'fine ~2 thanks|thank',
      'thanks|thank ~2 for letting me know',
      'thanks|thank ~2 for the update|info|information|heads',
      "that's|thats fine|ok|okay|alright",
      'sounds good',
      'works for me',
      'understood',
      'all good',
      'got it',
      'fair enough',
      'no rush|hurry',
    ],
  ],
  [
    { kind: 'confusion' },
    'de',
    [
      'verstehe|versteh|kapiere ~3 nicht',
      'was bedeutet|heißt',
      'wie funktioniert',
      'verwirrt|verwirrend|irritiert',
      'unklar',
      'nicht ~1 klar',
      'keine ahnung',
      'weiß|weiss ~1 nicht ~1 wie|was|wo|warum|ob|wann|wieso',
      'was muss ich ~2 tun|machen',
      'ergibt|macht keinen sinn',
      'blicke ~2 nicht durch',
      // An either-or question about what to do: "Muss ich da was machen oder passiert das von allein?"
      'muss|soll ich ~4 oder',
      'was denn nun|jetzt',
      'was stimmt ~1 nun|jetzt',
      'wie jetzt',
    ],
  ],
  [
    { kind: 'confusion' },
    'en',
    [
      "don't|dont|didn't|=not understand",
      'confused|confusing',
      'what does ~3 mean',
      'what do you mean',
      'how does ~3 work',
      'makes no sense',
      "doesn't|dont|=not make ~1 sense",
      'not sure ~2 what|how|why|if|whether|where',
      'no idea ~2 what|how|why|where|if',
      'unclear',
      'explain ~2 why|what|how|this|that',
      'what am i supposed to',
      // Two messages that contradict each other: "wait so do i send the old one back first or …?"
      'wait ~1 so',
      'which is it',
      'do|should i ~5 or do|should|will you',
    ],
  ],
  [
    // Thanks in advance is politeness, not gratitude.
    { kind: 'gratitude', notWithin: inAdvance },
    'de',
    [
      'dank|danke|dankeschön ~3 für|dass',
      'bedanke|bedanken ~3 für|dass',
      'tausend|riesen dank',
      'vielen vielen dank',
      'super|klasse|toll|prima|perfekt|spitze ~2 danke|dank',
      'sehr|echt|wirklich|total|so dankbar',
      'rettet|gerettet ~2 tag',
    ],
  ],
  [
    { kind: 'gratitude', notWithin: inAdvance },
    'en',
    [
      'thanks|thank ~3 for',
      'thank you so|very much',
      'thanks so|very much',
      'thanks a lot|ton|million|bunch',
      'much appreciated',
      'really|truly|so|greatly|very much appreciate',
      'so|very|really grateful',
      'lifesaver|legend',
      'made my day',
      "you're|youre|you are ~1 awesome|amazing|brilliant|wonderful|stars|star|the best",
    ],
  ],
  [
    { kind: 'request' },
    'de',
    [
      'bitte',
      'können|könnten|kannst|könntest|könntet|würden|würdet ~1 sie|du|ihr',
      'ich hätte gern|gerne',
      'ich möchte ~3 zurück|erstattet|stornieren|wissen|bitten',
    ],
  ],
  [
    { kind: 'request' },
    'en',
    [
      'please|pls|plz',
      'could|can|would|will you',
      "i'd|=i would like",
      'i want ~2 refund|replacement|return|cancel',
      'let me know',
    ],
  ],
  [
    { kind: 'sarcasm', praise: true },
    'de',
    [
      'toll|super|klasse|prima|großartig|wunderbar|spitze|bravo|genial|grandios|fantastisch|hervorragend|glückwunsch|perfekt',
      'vielen dank ~1 auch',
    ],
  ],
  [
    { kind: 'sarcasm', praise: true },
    'en',
    [
      'great|wonderful|amazing|fantastic|brilliant|awesome|perfect|lovely|bravo|congrats|congratulations|superb|excellent',
      'well|good|nice done|job',
      'thanks|thank ~1 a lot',
      'thanks|thank ~1 so much',
    ],
  ],
  // Contempt for the company or its people: the customer has stopped expecting help.
  [
    { kind: 'contempt' },
    'de',
    [
      'unfähig|inkompetent|unverschämt|unverschämtheit|frechheit|zumutung|saftladen|drecksladen|sauladen',
      'verarschen|verarscht|verarsche|veräppeln',
      'vollpfosten|idioten|deppen|clowns|stümper|dilettanten|amateure',
      'ist|seid ~2 ein|der witz',
      'abzocke|abzocker|betrüger|betrug',
    ],
  ],
  [
    { kind: 'contempt' },
    'en',
    [
      'incompetent|useless|pathetic|disgraceful|disgrace|shambles|clowns|idiots|morons|imbeciles|amateurs|cowboys',
      'are|is ~2 a|an|absolute|complete|total ~1 joke',
      'what a joke',
      'scam|scammers|rip-off|ripoff|thieves|crooks',
      'taking ~1 the piss',
    ],
  ],
  // Thanks for nothing is sarcasm on its own.
  [{ kind: 'sarcasm' }, 'de', ['danke|dank für nichts', 'na toll|super|klasse|prima|bravo']],
  [{ kind: 'sarcasm' }, 'en', ['thanks|thank ~1 for nothing', 'oh|just great|perfect|wonderful|brilliant']],
];

const stateSet = new TokenPatternSet<StateRule>(cueClasses);
for (const [rule, language, patterns] of stateTable)
  for (const source of patterns) stateSet.add(source, language, rule);

// A failure the praise would be about: repetition, wrong or broken goods, nothing happening, long waits.
const failureWords = new Set(
  (
    'wieder falsch falsche falschen nichts kaputt defekt beschädigt beschadigt zerbrochen fehlt fehlen verspätet ' +
    'verspatet verloren nie niemand wochen monate monaten immer again still wrong nothing broken damaged missing late ' +
    'never nobody weeks months lost useless nutzlos'
  ).split(' '),
);
// What praise is about when it is meant: a fix, a refund, an arrival.
const resolutionWords = new Set(
  (
    'gelöst gelost behoben erledigt angekommen ersetzt geklappt erstattet funktioniert fixed resolved solved replaced ' +
    'arrived refunded works working sorted'
  ).split(' '),
);
const praiseLead = new Set([
  'oh',
  'na',
  'wow',
  'echt',
  'wirklich',
  'ganz',
  'just',
  'really',
  'so',
  'what',
  'how',
  'ja',
]);
const praisedThings = new Set(
  'service job work arbeit leistung kundenservice support gemacht erledigt done lieferung delivery'.split(' '),
);

function isFailure(token: CueToken): boolean {
  return !token.masked && (failureWords.has(token.fold) || failureWords.has(token.lower));
}

/**
 * Praise is sarcasm when it is an exclamation rather than a statement about the product ("Great, the wrong size
 * again.", "Super Service!", "Bravo.", "Klasse gemacht, wirklich.", "Thanks a lot.") and a failure stands within
 * two sentences of it ("again", "schon wieder", "falsch", "3 weeks and nothing"), and its own sentence does not
 * report a fix ("Great, it works now").
 */
function isSarcasticPraise(cue: CueText, failures: Uint8Array, first: number, last: number): boolean {
  const { tokens } = cue;
  const sentence = tokens[first]!.sentence;
  const own = cue.sentences[sentence]!;
  let leadOnly = true;
  for (let i = own.first; i < first && leadOnly; i++) if (!praiseLead.has(tokens[i]!.lower)) leadOnly = false;
  const next = tokens[last + 1];
  const aboutService = next !== undefined && next.sentence === sentence && praisedThings.has(next.fold);
  const exclamation = leadOnly || own.last - own.first < 4 || aboutService;
  if (!exclamation) return false;
  let ownResolution = false;
  for (let i = own.first; i <= own.last && i - own.first < 40; i++) {
    const token = tokens[i]!;
    if (resolutionWords.has(token.fold) || resolutionWords.has(token.lower)) ownResolution = true;
  }
  if (ownResolution && failures[sentence] === 0) return false;
  for (let n = Math.max(0, sentence - 2); n <= Math.min(failures.length - 1, sentence + 2); n++) {
    if (failures[n] === 1) return true;
  }
  return false;
}

const unrealWords = new Set('sollte sollten hätte wäre war was were supposed would should meant'.split(' '));

function isUnreal(cue: CueText, index: number): boolean {
  const sentence = cue.sentences[cue.tokens[index]!.sentence]!;
  for (let i = sentence.first; i <= sentence.last; i++) if (unrealWords.has(cue.tokens[i]!.lower)) return true;
  return false;
}

/** True when token `index` stands in one of the last two sentences of the customer's own words. */
function isClosing(cue: CueText, index: number): boolean {
  let lastOwn = -1;
  for (let i = cue.tokens.length - 1; i >= 0; i--) {
    if (!cue.tokens[i]!.masked) {
      lastOwn = cue.tokens[i]!.sentence;
      break;
    }
  }
  return cue.tokens[index]!.sentence >= lastOwn - 1;
}

/** True when one of `words` follows token `last` within three words of its sentence ("Sorgen Sie bitte dafür"). */
function isFollowedBy(cue: CueText, last: number, words: ReadonlySet<string>): boolean {
  for (let k = last + 1; k <= last + 3 && k < cue.tokens.length; k++) {
    const token = cue.tokens[k]!;
    if (token.sentence !== cue.tokens[last]!.sentence) return false;
    if (words.has(token.fold)) return true;
  }
  return false;
}

/** True when one of `words` stands in tokens `first`…`last` of `first`'s sentence. */
function hasWordWithin(cue: CueText, first: number, last: number, words: ReadonlySet<string>): boolean {
  const sentence = cue.tokens[first]!.sentence;
  for (let k = first; k <= last && k < cue.tokens.length; k++) {
    const token = cue.tokens[k]!;
    if (token.sentence !== sentence) return false;
    if (words.has(token.fold)) return true;
  }
  return false;
}

/** Per sentence: 1 when it names a failure ("again", "falsch", "nothing"). */
function failureSentences(cue: CueText): Uint8Array {
  const failures = new Uint8Array(cue.sentences.length);
  for (const token of cue.tokens) if (isFailure(token)) failures[token.sentence] = 1;
  return failures;
}

const positiveScareQuoted = new Set(
  (
    'fast quick schnell schnelle schnellen express reliable zuverlässig zuverlassig zuverlässige excellent great super ' +
    'toll tolle toller service kundenservice support premium guarantee garantie help hilfe priority priorität helpful ' +
    'hilfsbereit kulant kulanz free kostenlos gratis'
  ).split(' '),
);

/** Scare quotes around praise: 'your "fast" delivery', 'der „schnelle“ Versand'. */
function findScareQuotes(cue: CueText, add: (start: number, end: number) => void): void {
  const { text, tokens } = cue;
  const quote = /["„“”'‚‘’«»]([\p{L}-]{2,20}(?: [\p{L}-]{2,20})?)["“”'‘’«»]/gu;
  for (const match of text.matchAll(quote)) {
    const inner = match[1] ?? '';
    const start = match.index;
    const end = start + match[0].length;
    // An apostrophe inside a word ("don't") is no quote.
    if (/[\p{L}]/u.test(text.charAt(start - 1)) || /[\p{L}]/u.test(text.charAt(end))) continue;
    if (
      !inner
        .toLowerCase()
        .split(/[ -]/)
        .some((word) => positiveScareQuoted.has(word))
    )
      continue;
    const masked = tokens.some((token) => token.start >= start && token.end <= end && token.masked);
    if (!masked) add(start, end);
  }
}

/**
 * Finds state cues in German and English text: anxiety, sarcasm, failed attempts, calm acceptance and confusion.
 * Cues match inflections through a stemmer; negated cues ("I'm not worried", "keine Sorge") do not count, and
 * addresses, company names, signatures and the agent's quoted words never trigger one. Offsets index `text`.
 */
export function detectStateCues(text: string): StateCue[] {
  if (text.trim() === '') return [];
  const context = readCueContext(text);
  const { tokens } = context;
  const found = new SpanCollector<StateCueKind>(maxCuesPerKind);
  const add = (kind: StateCueKind, start: number, end: number): void => found.add(kind, start, end);
  let failures: Uint8Array | undefined;
  for (const match of stateSet.match(context)) {
    const rule = match.pattern.data;
    const { first, last } = match;
    if (isNegated(context, first, last)) continue;
    if (match.negatedInside && !isInCondition(context, first)) continue;
    if (rule.question === 'only' && !isQuestion(context, first)) continue;
    if (rule.question === 'never' && isQuestion(context, first)) continue;
    if (rule.notBefore && isFollowedBy(context, last, rule.notBefore)) continue;
    if (rule.notWithin && hasWordWithin(context, first, last + 2, rule.notWithin)) continue;
    if (rule.notUnreal && isUnreal(context, first)) continue;
    if (rule.closing && !isClosing(context, first)) continue;
    if (rule.praise) {
      failures ??= failureSentences(context);
      if (!isSarcasticPraise(context, failures, first, last)) continue;
    }
    add(rule.kind, tokens[match.focusFirst]!.start, tokens[match.focusLast]!.end);
  }
  findScareQuotes(context, (start, end) => add('sarcasm', start, end));
  return found.spans().map(({ kind, start, end }) => ({ kind, phrase: text.slice(start, end), start, end }));
}
