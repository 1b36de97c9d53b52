import { type CueToken, tokenizeCueWords } from './cue-words';

/**
 * The context the cue engine reads a text in (issue 18): its words, sentences and clauses, which clauses are a
 * condition ("wenn …", "if …"), a consequence ("dann …", "sonst …", "otherwise …"), about something already done
 * ("nachdem …", "after …", "habe … gekündigt") or an intent ("ich werde …", "I'll …"), and which words are not the
 * customer's own (quoted replies, addresses, company names, signatures).
 */
export interface CueText {
  text: string;
  tokens: CueToken[];
  clauses: CueClause[];
  /** Sentence `n` holds tokens `sentences[n].first`…`sentences[n].last`. */
  sentences: { first: number; last: number }[];
}

/** One clause: tokens `first`…`last` (inclusive). */
export interface CueClause {
  first: number;
  last: number;
  sentence: number;
  /** Opens with "wenn", "falls", "if", "unless", or a verb-first "Sollte …". */
  condition: boolean;
  /** The other half of a condition in its sentence, or opens with "dann", "sonst", "otherwise", "then". */
  consequence: boolean;
  /** Opens with "nachdem", "seitdem", "after", "since": about something that already happened. */
  after: boolean;
  /** Holds a future or intent marker ("werde", "will", "lasse", "I'll", "going to"). */
  intent: boolean;
  /** German perfect or passive past ("habe … gekündigt", "wurde … bestätigt") without a future or modal. */
  perfect: boolean;
  /** Its sentence ends with a question mark. */
  question: boolean;
}

// --- Word classes used to read clauses -------------------------------------------------------------------------

const clauseOpeners = new Set([
  'aber',
  'sondern',
  'denn',
  'weil',
  'dass',
  'daß',
  'ob',
  'wenn',
  'falls',
  'sofern',
  'solange',
  'sonst',
  'ansonsten',
  'andernfalls',
  'dann',
  'nachdem',
  'seitdem',
  'bevor',
  'obwohl',
  'und',
  'oder',
  'but',
  'and',
  'or',
  'because',
  'if',
  'unless',
  'otherwise',
  'then',
  'after',
  'since',
  'before',
  'although',
  'though',
  'while',
]);
const conditionOpeners = new Set(['wenn', 'falls', 'sofern', 'solange', 'if', 'unless']);
const consequenceOpeners = new Set(['dann', 'sonst', 'ansonsten', 'andernfalls', 'otherwise', 'else', 'then']);
const afterOpeners = new Set(['nachdem', 'seitdem', 'after', 'since']);
const intentWords = new Set([
  'werde',
  'werden',
  'wirst',
  'will',
  'wollen',
  'lasse',
  'lassen',
  'überlege',
  'erwäge',
  'behalte',
  'drohe',
  'gonna',
  'going',
  'shall',
  'intend',
  'plan',
  'planning',
  'considering',
  'thinking',
  'ready',
]);
const germanAuxiliaries = new Set([
  'habe',
  'hab',
  'hast',
  'hat',
  'haben',
  'habt',
  'hatte',
  'hattest',
  'hatten',
  'hattet',
  'bin',
  'bist',
  'ist',
  'sind',
  'seid',
  'war',
  'warst',
  'waren',
  'wart',
  'wurde',
  'wurdest',
  'wurden',
  'wurdet',
  'worden',
]);
const germanFutureOrModal = new Set([
  'werde',
  'wirst',
  'wird',
  'werden',
  'werdet',
  'will',
  'willst',
  'wollen',
  'möchte',
  'möchten',
  'muss',
  'müssen',
  'würde',
  'würden',
  'lasse',
  'lassen',
]);
const participle =
  /^(?:[a-zäöü]*ge[a-zäöüß]{2,}(?:t|en)|[a-zäöüß]{3,}iert|(?:be|ver|er|ent|zer|emp|miss)[a-zäöüß]{2,}t|erhalten|bekommen)$/;

const negators = new Set([
  'nicht',
  'kein',
  'keine',
  'keinen',
  'keinem',
  'keiner',
  'keines',
  'nie',
  'niemals',
  'nichts',
  'keinesfalls',
  'keineswegs',
  'ohne',
  'not',
  'no',
  'never',
  'nothing',
  'without',
  'neither',
  'nor',
  'cannot',
  'dont',
  'doesnt',
  'didnt',
  'wont',
  'wouldnt',
  'isnt',
  'arent',
  'wasnt',
  'cant',
  'havent',
  'hasnt',
  'shouldnt',
]);
// After these a negator does not negate what follows: "nicht nur", "no other choice than legal action", "I won't
// hesitate to sue", "nothing but".
const negationBreakers = new Set([
  'nur',
  'only',
  'just',
  'other',
  'andere',
  'anderen',
  'choice',
  'option',
  'wahl',
  'alternative',
  'hesitate',
  'zögern',
  'but',
  'mehr',
  'longer',
]);
const pronouns = new Set(['ich', 'wir', 'du', 'ihr', 'sie', 'es', 'er', 'man', 'mich', 'uns', 'das', 'i', 'we']);
const needWords = new Set(['nötig', 'notwendig', 'erforderlich', 'necessary', 'needed', 'required']);
const referencePrepositions = new Set([
  'nach',
  'seit',
  'wegen',
  'bezüglich',
  'bzgl',
  'betreffend',
  'trotz',
  'after',
  'since',
  'following',
  'regarding',
  're',
  'despite',
]);
const possessivesAndDeterminers = new Set(
  'der die das den dem des meiner meinem meine meinen deiner unserer ihrer eurer the my our your his her their this'.split(
    ' ',
  ),
);
const englishModals = new Set(['will', 'would', 'shall', 'going', 'gonna', 'want', 'wants', 'wanna', 'need', 'must']);

/** True when the word negates ("nicht", "kein", "never", "don't"). */
export function isNegator(lower: string): boolean {
  if (negators.has(lower)) return true;
  return lower.includes("'") && (lower.endsWith("n't") || negators.has(lower.replace(/'/g, '')));
}

// --- Sentences and clauses -------------------------------------------------------------------------------------

const abbreviations = new Set(
  (
    'dr prof str nr bzw ca usw evtl ggf inkl zzgl mr mrs ms st inc ltd co vs etc bspw z b u a hd tel abs ff jan feb ' +
    'mär apr jun jul aug sep sept okt oct nov dez dec no hr fr frau herr'
  ).split(' '),
);
const monthWords = new Set(
  (
    'januar februar märz april mai juni juli august september oktober november dezember jan feb mär mar apr jun jul ' +
    'aug sep sept okt nov dez mal male'
  ).split(' '),
);

const ordinalLeads = new Set(
  'am zum zur vom im bis ab seit der die das den dem des ihr ihre ihrem ihren sein seine seinem mein meine meinem meinen'.split(
    ' ',
  ),
);

function isSentenceBreak(
  separator: string,
  previous: CueToken | undefined,
  next: CueToken,
  beforePrevious: CueToken | undefined,
): boolean {
  if (previous === undefined) return false;
  if (separator.includes('\n') || /[!?;…]/.test(separator)) return true;
  if (!separator.includes('.')) return false;
  if (/\.{2,}/.test(separator)) return true;
  const dotOnly = /^\.\s*$/.test(separator);
  if (!dotOnly) return true;
  // "Dr. Weber", "z. B.", "J. Smith": an abbreviation or an initial, not the end of a sentence.
  if (abbreviations.has(previous.lower) || (previous.lower.length === 1 && !previous.num)) return false;
  // "15.03.2025", "zum 3. Mal", "am 3. Mai", "3. März", "zum 70. Geburtstag": a date or an ordinal.
  if (previous.num && (separator === '.' || (previous.lower.length <= 2 && (next.num || monthWords.has(next.lower)))))
    return false;
  if (previous.num && previous.lower.length <= 3 && ordinalLeads.has(beforePrevious?.lower ?? '')) return false;
  return true;
}

// Quotation marks do not end a clause: 'not "as soon as possible"' is negated.
const clausePunctuation = /[,:()[\]–—]|\s-\s/;

/**
 * "If I don't get a refund I will cancel": without a comma, a first person with a future starts the consequence of
 * the condition it follows.
 */
function opensConsequence(tokens: CueToken[], i: number, clause: CueClause | undefined): boolean {
  if (!clause?.condition || i < clause.first + 2) return false;
  const lower = tokens[i]!.lower;
  if (lower === "i'll" || lower === "we'll") return true;
  const next = tokens[i + 1]?.lower;
  return (lower === 'i' || lower === 'we') && (next === 'will' || next === 'shall');
}

function readClauses(text: string, tokens: CueToken[]): CueClause[] {
  const clauses: CueClause[] = [];
  let sentence = 0;
  let sentenceStartClause = 0;
  const closeSentence = (endSeparator: string): void => {
    const question = endSeparator.includes('?');
    let hasCondition = false;
    for (let c = sentenceStartClause; c < clauses.length; c++) if (clauses[c]!.condition) hasCondition = true;
    for (let c = sentenceStartClause; c < clauses.length; c++) {
      const clause = clauses[c]!;
      clause.question = question;
      if (hasCondition && !clause.condition && !clause.after) clause.consequence = true;
    }
    sentenceStartClause = clauses.length;
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const previous = tokens[i - 1];
    const separator = text.slice(previous ? previous.end : 0, token.start);
    // Most words are separated by one space: nothing to read.
    const plain = separator === ' ';
    const newSentence = !plain && isSentenceBreak(separator, previous, token, tokens[i - 2]);
    if (newSentence) {
      closeSentence(separator);
      sentence++;
    }
    // A hyphen joins words ("PayPal-Konflikt"); it never opens a clause.
    const newClause =
      i === 0 ||
      newSentence ||
      (!plain && clausePunctuation.test(separator)) ||
      (clauseOpeners.has(token.lower) && !token.joined) ||
      opensConsequence(tokens, i, clauses[clauses.length - 1]);
    if (newClause) {
      const first = token.lower;
      const opensSentence = i === 0 || newSentence;
      clauses.push({
        first: i,
        last: i,
        sentence,
        // "Sollte das Paket nicht kommen, …": a verb-first condition.
        condition: conditionOpeners.has(first) || ((first === 'sollte' || first === 'sollten') && opensSentence),
        consequence: consequenceOpeners.has(first),
        after: afterOpeners.has(first),
        intent: false,
        perfect: false,
        question: false,
      });
    }
    const clause = clauses[clauses.length - 1]!;
    clause.last = i;
    token.sentence = sentence;
    token.clause = clauses.length - 1;
  }
  closeSentence(tokens.length > 0 ? text.slice(tokens[tokens.length - 1]!.end) : '');
  for (const clause of clauses) {
    let hasAuxiliary = false;
    let hasParticiple = false;
    let hasFutureOrModal = false;
    for (let i = clause.first; i <= clause.last; i++) {
      const lower = tokens[i]!.lower;
      if (intentWords.has(lower) || lower.endsWith("'ll")) clause.intent = true;
      if (germanAuxiliaries.has(lower)) hasAuxiliary = true;
      else if (germanFutureOrModal.has(lower)) hasFutureOrModal = true;
      else if (participle.test(lower)) hasParticiple = true;
    }
    clause.perfect = hasAuxiliary && hasParticiple && !hasFutureOrModal;
  }
  return clauses;
}

// --- Masks: addresses, company names, signatures, quoted text --------------------------------------------------

type Range = [number, number];

const signOffPhrase =
  /^[ \t]*(?:mit freundlichen grüßen|mit freundlichem gruß|freundliche grüße|viele grüße|liebe grüße|beste grüße|herzliche grüße|schöne grüße|grüße|gruß|mfg|lg|vg|best regards|kind regards|warm regards|regards|best wishes|best|cheers|sincerely|yours sincerely|yours truly|thanks|thank you|many thanks|danke|vielen dank|ciao|tschüss)(?![\p{L}])/iu;
// After the sign-off only a name may follow, written with capitals (case matters: "Danke für nichts" is no sign-off).
const signOffName = /^[ \t,.!]*(?:\p{Lu}[\p{L}.-]*[ \t]*){0,3}$/u;

function isSignOff(line: string): boolean {
  const phrase = signOffPhrase.exec(line);
  return phrase !== null && signOffName.test(line.slice(phrase[0].length));
}
const replyHeader =
  /^[ \t>]*(?:(?:am|on)\b[^\n]{4,200}\b(?:schrieb|wrote|geschrieben)\b[^\n]{0,80}:[ \t]*$|-{2,}[ \t]*(?:original message|ursprüngliche nachricht|forwarded message|weitergeleitete nachricht)[ \t]*-{2,})/iu;
const mailHeaderStart = /^[ \t]*(?:von|from)[ \t]*:/i;
const mailHeaderNext = /^[ \t]*(?:gesendet|sent|datum|date|an|to|betreff|subject)[ \t]*:/i;
const imprintLine =
  /^[ \t]*(?:tel(?:efon)?|fax|mobil|phone|mobile|e-?mail|web|www|ust-?id\S*|steuer-?nr\S*|handelsregister|registergericht|amtsgericht|hrb|geschäftsführ\S*|sitz der gesellschaft|registered (?:office|in)|company (?:no|number)|vat(?: no| number)?)\b/iu;
const openingQuotes = '"„“«»‚‘\'';
const closingFor: Record<string, string> = {
  '"': '"',
  '„': '“”',
  '“': '”“',
  '«': '»',
  '»': '«',
  '‚': '‘’',
  '‘': '’‘',
  "'": "'",
};
const url = /(?:https?:\/\/|www\.)[^\s<>()]{1,500}/giu;

/** Mail addresses, found from their "@" (a pattern that scans every position for one would be quadratic). */
function mailAddressRanges(text: string): Range[] {
  const ranges: Range[] = [];
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && at - start < 64 && /[^\s@<>()]/.test(text.charAt(start - 1))) start--;
    let end = at + 1;
    while (end < text.length && end - at < 255 && /[^\s@<>()]/.test(text.charAt(end))) end++;
    if (start < at && end > at + 1) ranges.push([start, end]);
  }
  return ranges;
}
const postcode = /(?<![\p{L}\p{N}])(?:D-)?\d{5}[ \t]+\p{Lu}[\p{L}.-]{1,40}|\b[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}\b/gu;
const companyFormE = /(?<![\p{L}\p{N}])e\.[ \t]?V\.?(?![\p{L}\p{N}])/gu;

function lineRanges(text: string): Range[] {
  const lines: Range[] = [];
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    if (end < 0) {
      lines.push([start, text.length]);
      return lines;
    }
    lines.push([start, end]);
    start = end + 1;
  }
}

const maxHeaderLine = 300;

function isSignatureBlock(lines: Range[]): boolean {
  return lines.length <= 6 && lines.every(([start, end]) => end - start <= 80);
}

/** Character ranges that are not the customer's own words: quoted lines, reply history, signatures, imprint. */
function quotedAndSignatureRanges(text: string): Range[] {
  const ranges: Range[] = [];
  const lines = lineRanges(text);
  for (let l = 0; l < lines.length; l++) {
    const [start, end] = lines[l]!;
    const line = text.slice(start, Math.min(end, start + maxHeaderLine)).replace(/\r$/, '');
    if (/^[ \t]*>/.test(line)) {
      ranges.push([start, end]);
      continue;
    }
    const isShort = end - start <= maxHeaderLine;
    const isHistory =
      isShort &&
      (replyHeader.test(line) ||
        (mailHeaderStart.test(line) &&
          lines.slice(l + 1, l + 4).some(([s, e]) => mailHeaderNext.test(text.slice(s, e)))));
    // Everything from a sign-off or a reply header on is a signature or earlier mail, not what the customer says now.
    // A sign-off on the first line only counts when what follows looks like a signature (a few short lines).
    const signsOff = isShort && (isSignOff(line) || /^[ \t]*--[ \t]*$/.test(line));
    if (isHistory || (signsOff && (l > 0 || isSignatureBlock(lines.slice(1))))) {
      ranges.push([start, text.length]);
      break;
    }
    if (isShort && imprintLine.test(line)) ranges.push([start, end]);
  }
  return ranges;
}

const attributionVerbs = new Set(
  (
    'wrote written said says say told promised replied answered claimed stated assured schrieben schreiben schrieb ' +
    'schreibt schriebst geschrieben sagten sagte sagt gesagt meinten meinte versprachen versprach versprochen ' +
    'antworteten antwortete behaupteten behauptet lautete hieß hiess'
  ).split(' '),
);
const agentSubjects = new Set(['you', 'u', 'ya', 'he', 'she', 'they', 'sie', 'du', 'ihr', 'es', 'man']);
const agentNouns = new Set(
  (
    'colleague agent team support rep representative email e-mail mail message reply answer website site ad ' +
    'kollegin kollege kollegen antwort nachricht mitarbeiter mitarbeiterin hotline webseite kundenservice ' +
    'kundendienst chat aussage'
  ).split(' '),
);
const attributionFillers = new Set(
  'hat haben hast habt have has had mir me uns us doch ja selbst mal also even clearly explicitly ausdrücklich extra noch'.split(
    ' ',
  ),
);
const possessiveAgents = new Set(['ihrer', 'eurer', 'deiner', 'ihrem', 'eurem', 'deinem', 'your']);

/** The offset where an attribution to the agent ends, when token `i` closes one ("Sie schrieben", "you said"). */
function attributionEnd(tokens: CueToken[], i: number): number {
  const token = tokens[i]!;
  if (attributionVerbs.has(token.lower)) {
    for (let k = i - 1; k >= Math.max(0, i - 4); k--) {
      const before = tokens[k]!;
      if (before.sentence !== token.sentence || attributionFillers.has(before.lower)) continue;
      if (agentSubjects.has(before.lower) || agentNouns.has(before.lower)) return token.end;
      break;
    }
    // Verb-second German: "Am Montag schrieben Sie: …", "sagte Ihr Kollege …".
    const next = tokens[i + 1];
    if (next && next.sentence === token.sentence) {
      if (/^(?:sie|du|ihr)$/.test(next.lower)) return next.end;
      const noun = tokens[i + 2];
      if (/^(?:ihr|ihre|euer|eure|dein|deine)$/.test(next.lower) && noun && agentNouns.has(noun.lower)) return noun.end;
    }
    return -1;
  }
  // "laut Ihrer Mail", "according to your email", "Zitat:".
  const next = tokens[i + 1];
  const noun = tokens[i + 2];
  if (token.lower === 'laut' && next && possessiveAgents.has(next.lower) && noun && agentNouns.has(noun.lower))
    return noun.end;
  if (token.lower === 'according' && next?.lower === 'to' && noun) {
    if (noun.lower === 'you') return noun.end;
    const after = tokens[i + 3];
    if (noun.lower === 'your' && after && agentNouns.has(after.lower)) return after.end;
  }
  if (token.lower === 'zitat' || token.lower === 'quote') return token.end;
  return -1;
}

/** Text the customer attributes to the agent: `you wrote "…"`, `Sie schrieben: „…“`, `laut Ihrer Mail …`. */
function attributedQuoteRanges(text: string, tokens: CueToken[]): Range[] {
  const ranges: Range[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const after = attributionEnd(tokens, i);
    if (after < 0) continue;
    const lookahead = text.slice(after, after + 30);
    const newline = text.indexOf('\n', after);
    const lineEnd = newline < 0 ? text.length : newline;
    let opened = -1;
    for (let k = 0; k < lookahead.length; k++) {
      const ch = lookahead.charAt(k);
      if (ch === '\n') break;
      if (openingQuotes.includes(ch)) {
        opened = after + k;
        break;
      }
    }
    if (opened >= 0) {
      const closers = closingFor[text.charAt(opened)] ?? '"';
      let close = -1;
      for (let k = opened + 1; k < Math.min(text.length, opened + 600); k++) {
        if (closers.includes(text.charAt(k))) {
          close = k;
          break;
        }
      }
      ranges.push([opened, close < 0 ? lineEnd : close + 1]);
      continue;
    }
    // Reported speech: "Sie schrieben: Die Bestellung wird storniert." (the sentence), "you said it would arrive by
    // Friday, …" and "Sie haben versprochen, dass es bis Freitag kommt, …" (the clause).
    const lead = /^[ \t]*(?:(?:mir|me|uns|us)[ \t]*)?(:|,)?[ \t]*(?:(?:dass|daß|that)(?![\p{L}\p{N}]))?/iu.exec(
      lookahead,
    );
    const from = after + (lead?.[0].length ?? 0);
    const rest = text.slice(from, Math.min(lineEnd, from + 400));
    const stop = (lead?.[1] === ':' ? /[.!?](?:\s|$)/ : /[,;.!?–—](?:\s|$)/).exec(rest);
    ranges.push([from, stop ? from + stop.index : from + rest.length]);
  }
  return ranges;
}

const determinersAndPronouns = new Set(
  (
    'der die das den dem des ein eine einen einem einer eines mein meine meinen meinem meiner dein deine deinen ' +
    'unser unsere unseren euer eure euren ihr ihre ihren sein seine seinen kein keine keinen zum zur zu dann sonst ' +
    'ich wir sie es er du the a an my our your his her their this that to then and or i we you'
  ).split(' '),
);
const possessivesAndArticles = new Set(
  'mein meine meinen meinem meiner dein deine unser unsere euer eure ein eine einen einem einer my our your a an'.split(
    ' ',
  ),
);
const firmDeterminers = new Set([...possessivesAndArticles, ...'die der den dem zur zum bei the'.split(' ')]);
const nameConnectors = new Set(['und', 'and', 'dr', 'prof', 'von', 'van', 'de', 'partner', 'co', 'mbb']);
const legalForms = new Set([
  'GmbH',
  'gGmbH',
  'AG',
  'KG',
  'OHG',
  'UG',
  'eG',
  'mbH',
  'GbR',
  'KGaA',
  'SE',
  'PartG',
  'PartGmbB',
  'LLP',
  'LLC',
  'Ltd',
  'Limited',
  'Inc',
  'Corp',
  'Corporation',
  'plc',
  'PLC',
]);
const legalFormsLower = new Set([...legalForms].map((form) => form.toLowerCase()));
const firmWords = new Set([
  'rechtsanwalte',
  'anwalte',
  'rechtsanwaltskanzlei',
  'anwaltskanzlei',
  'rechtsanwaltsgesellschaft',
  'anwaltsburo',
  'rechtsanwaltsburo',
  'solicitors',
  'attorneys',
  'lawyers',
]);
const firmOpeners = new Set(['kanzlei', 'anwaltskanzlei', 'rechtsanwaltskanzlei']);
// Words after which a name is an addressee, not the customer's words: "Rechnung an …", "Rechnungsadresse: …", "bill
// to …". Each entry: the marker's words (lower case).
const addresseeMarkers: readonly (readonly string[])[] = [
  ['rechnung', 'an'],
  ['rechnung', 'für'],
  ['rechnungsadresse'],
  ['rechnungsanschrift'],
  ['rechnungsempfänger'],
  ['lieferadresse'],
  ['lieferanschrift'],
  ['versandadresse'],
  ['anschrift'],
  ['adresse'],
  ['firma'],
  ['firmenname'],
  ['z', 'hd'],
  ['zu', 'händen'],
  ['c', 'o'],
  ['invoice', 'to'],
  ['invoice', 'address'],
  ['bill', 'to'],
  ['billing', 'address'],
  ['shipping', 'address'],
  ['delivery', 'address'],
  ['deliver', 'to'],
  ['delivered', 'to'],
  ['ship', 'to'],
  ['addressed', 'to'],
  ['company', 'name'],
];
const germanStreetSuffix = /(?:strasse|str|weg|gasse|allee|platz|ring|damm|ufer|chaussee|pfad|steig|stieg|markt)$/;
const unambiguousGermanStreets = new Set(['strasse', 'gasse', 'allee', 'chaussee']);
const englishStreetTypes = new Set([
  'road',
  'rd',
  'street',
  'lane',
  'ln',
  'avenue',
  'ave',
  'boulevard',
  'blvd',
  'crescent',
  'terrace',
  'mews',
  'parkway',
]);
const weakEnglishStreetTypes = new Set([
  'drive',
  'close',
  'way',
  'place',
  'square',
  'gardens',
  'row',
  'court',
  'walk',
  'grove',
  'hill',
]);
const houseNumber = /^\d{1,4}[a-z]?$/;

/** True when only spaces, "&", "+" or an abbreviation dot stand between two words of one name. */
function isNameGap(text: string, left: CueToken, right: CueToken): boolean {
  return /^[ \t]*(?:[&+.][ \t]*)?$|^\.[ \t]*&?[ \t]*$/.test(text.slice(left.end, right.start));
}

function isNameWord(token: CueToken): boolean {
  if (determinersAndPronouns.has(token.lower)) return false;
  return token.cap || nameConnectors.has(token.lower);
}

function maskTokens(tokens: CueToken[], from: number, to: number): void {
  for (let i = Math.max(0, from); i <= Math.min(tokens.length - 1, to); i++) tokens[i]!.masked = true;
}

/** The first token of the name that ends at `end`, walking back over at most `max` name words. */
function nameStartBefore(text: string, tokens: CueToken[], end: number, max: number): number {
  let first = end;
  for (let k = end - 1; k >= 0 && end - k <= max; k--) {
    const token = tokens[k]!;
    if (!isNameWord(token) || !isNameGap(text, token, tokens[k + 1]!)) break;
    first = k;
  }
  return first;
}

/** The last token of the name that starts after `start`, walking on over at most `max` name words. */
function nameEndAfter(text: string, tokens: CueToken[], start: number, max: number, allowArticles: boolean): number {
  let last = start;
  for (let k = start + 1; k < tokens.length && k - start <= max; k++) {
    const token = tokens[k]!;
    const article = allowArticles && /^(?:die|der|den|the)$/.test(token.lower);
    if (!(article || isNameWord(token)) || !isNameGap(text, tokens[k - 1]!, token)) break;
    last = k;
  }
  return last;
}

function maskStreetsAndCompanies(text: string, tokens: CueToken[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    const numberFollows = next !== undefined && houseNumber.test(next.lower) && next.sentence === token.sentence;
    // German street names: "Klägerstraße 5", "Anwaltsgasse 3", "Hauptstr. 12", "Berliner Allee".
    const suffix = germanStreetSuffix.exec(token.fold)?.[0];
    if (suffix !== undefined && (token.cap || token.fold.length >= suffix.length + 3)) {
      const abbreviated = suffix === 'str' && text.charAt(token.end) === '.';
      if (numberFollows || abbreviated || unambiguousGermanStreets.has(suffix)) {
        const first = token.fold === suffix ? nameStartBefore(text, tokens, i, 3) : i;
        maskTokens(tokens, first, numberFollows ? i + 1 : i);
        continue;
      }
    }
    // English street names: "Court Road", "Lawyer's Lane", "12 Court Road"; weak types need a house number.
    const strong = englishStreetTypes.has(token.fold);
    if (strong || weakEnglishStreetTypes.has(token.fold)) {
      let first = nameStartBefore(text, tokens, i, 3);
      // "12 court road" written in lower case: the house number shows where the name starts.
      if (first === i) {
        for (let k = i - 2; k >= Math.max(0, i - 3); k--) if (houseNumber.test(tokens[k]!.lower)) first = k + 1;
      }
      const before = tokens[first - 1];
      const numbered = before !== undefined && houseNumber.test(before.lower) && before.sentence === token.sentence;
      if (first < i && ((strong && (token.cap || numbered)) || numbered || numberFollows)) {
        maskTokens(tokens, numbered ? first - 1 : first, numberFollows ? i + 1 : i);
        continue;
      }
    }
    // Legal forms end a company name: "Smith & Jones Solicitors LLP", "Weber Rechtsanwälte GmbH".
    if (legalFormsLower.has(token.lower) && legalForms.has(text.slice(token.start, token.end))) {
      maskTokens(tokens, nameStartBefore(text, tokens, i, 6), i);
      continue;
    }
    // "Kanzlei Dr. Weber Rechtsanwälte" as a name, unless the customer says which ("meine Kanzlei", "die Kanzlei …
    // beauftragt"); an addressee ("Rechnung an die Kanzlei …") is masked with its marker.
    if (firmOpeners.has(token.fold) && !firmDeterminers.has(tokens[i - 1]?.lower ?? '')) {
      const last = nameEndAfter(text, tokens, i, 6, false);
      if (last > i) maskTokens(tokens, i, last);
      continue;
    }
    // "Weber Rechtsanwälte", "Smith & Jones Solicitors": a firm named after its partners.
    if (firmWords.has(token.fold)) {
      // "Greene & Patel, Attorneys at Law": the American firm suffix names a firm, whoever precedes the comma.
      if (tokens[i + 1]?.lower === 'at' && tokens[i + 2]?.lower === 'law') {
        maskTokens(tokens, nameStartBefore(text, tokens, i, 5), i + 2);
        continue;
      }
      const first = nameStartBefore(text, tokens, i, 5);
      const engaged = firmOpeners.has(tokens[first]!.fold) && firmDeterminers.has(tokens[first - 1]?.lower ?? '');
      if (first < i && !engaged) maskTokens(tokens, first, i);
    }
  }
}

function maskAddressees(text: string, tokens: CueToken[]): void {
  for (let i = 0; i < tokens.length; i++) {
    for (const marker of addresseeMarkers) {
      if (tokens[i]!.lower !== marker[0]) continue;
      let matched = true;
      for (let k = 1; k < marker.length; k++) if (tokens[i + k]?.lower !== marker[k]) matched = false;
      if (!matched) continue;
      const next = i + marker.length;
      const first = tokens[next];
      if (!first || first.sentence !== tokens[i]!.sentence || possessivesAndArticles.has(first.lower)) continue;
      if (!(isNameWord(first) || /^(?:die|der|the)$/.test(first.lower))) continue;
      maskTokens(tokens, next, nameEndAfter(text, tokens, next, 8, true));
    }
  }
}

/** Index of the first token that starts at or after `offset` (−1 when none). */
function firstTokenFrom(tokens: CueToken[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo < tokens.length ? lo : -1;
}

function maskRanges(tokens: CueToken[], ranges: Range[]): void {
  for (const [start, end] of ranges) {
    for (let i = firstTokenFrom(tokens, start); i >= 0 && i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.start >= end) break;
      token.masked = true;
    }
  }
}

function rangesOf(text: string, pattern: RegExp): Range[] {
  const ranges: Range[] = [];
  for (const match of text.matchAll(pattern)) ranges.push([match.index, match.index + match[0].length]);
  return ranges;
}

function readCueText(text: string): CueText {
  const tokens = tokenizeCueWords(text);
  const clauses = readClauses(text, tokens);
  if (tokens.length > 0) {
    maskRanges(tokens, quotedAndSignatureRanges(text));
    maskRanges(tokens, attributedQuoteRanges(text, tokens));
    maskRanges(tokens, mailAddressRanges(text));
    maskRanges(tokens, rangesOf(text, url));
    maskRanges(tokens, rangesOf(text, postcode));
    maskRanges(tokens, rangesOf(text, companyFormE));
    maskStreetsAndCompanies(text, tokens);
    maskAddressees(text, tokens);
  }
  const sentences: CueText['sentences'] = [];
  for (let i = 0; i < tokens.length; i++) {
    const n = tokens[i]!.sentence;
    const known = sentences[n];
    if (known) known.last = i;
    else sentences[n] = { first: i, last: i };
  }
  return { text, tokens, clauses, sentences };
}

// Urgency and state cues read the same message one after the other; the second read is free.
const recent: CueText[] = [];

/** The cue context of `text` (the last two texts are remembered). */
export function readCueContext(text: string): CueText {
  for (const known of recent) if (known.text === text) return known;
  const read = readCueText(text);
  recent.unshift(read);
  if (recent.length > 2) recent.pop();
  return read;
}

/** Index of the token that holds or follows character `offset` (−1 when none). */
export function tokenIndexAt(cue: CueText, offset: number): number {
  return firstTokenFrom(cue.tokens, offset);
}

// --- Readings of one match -------------------------------------------------------------------------------------

/**
 * True when the words `first`…`last` are negated: a negator up to four words before them in their clause
 * ("ich will nicht kündigen", "no need to cancel", "kein Anwalt"), "nicht" right after a verb ("Ich kündige (ich)
 * nicht", "es eilt nicht"), or "… ist nicht nötig". A negation inside a condition does not count ("wenn ich nicht
 * sofort …", "if you don't refund me immediately …": the threat stands).
 */
export function isNegated(cue: CueText, first: number, last: number): boolean {
  const { tokens } = cue;
  const clause = cue.clauses[tokens[first]!.clause]!;
  if (clause.condition) return false;
  for (let k = first - 1; k >= Math.max(clause.first, first - 4); k--) {
    if (!isNegator(tokens[k]!.lower)) continue;
    const following = tokens[k + 1]!;
    if (k + 1 < first && negationBreakers.has(following.lower)) continue;
    if (k + 1 === first && (following.lower === 'mehr' || following.lower === 'longer')) continue;
    return true;
  }
  const end = tokens[last]!.clause === tokens[first]!.clause ? clause.last : last;
  for (let k = last + 1; k <= Math.min(end, last + 3); k++) {
    const lower = tokens[k]!.lower;
    if (lower === 'nicht' || lower === 'not') {
      const next = tokens[k + 1];
      if (next && next.clause === tokens[k]!.clause && negationBreakers.has(next.lower) && next.lower !== 'mehr')
        return false;
      if (k === last + 1 || pronouns.has(tokens[k - 1]!.lower)) return true;
      if (next && needWords.has(next.lower)) return true;
      return false;
    }
    if (!pronouns.has(lower) && !germanAuxiliaries.has(lower)) break;
  }
  return false;
}

/**
 * True when the words describe something already done, not a threat: an "after"/"since" clause ("nachdem ich
 * storniert habe", "since I cancelled"), a preposition of reference ("nach meiner Kündigung", "after my
 * cancellation", "regarding my cancellation"), a German perfect or passive past ("habe die Kündigung geschickt",
 * "meine Kündigung wurde nicht bestätigt") or an English past form without a modal ("I cancelled my subscription").
 */
export function isCompleted(cue: CueText, first: number, last: number): boolean {
  const { tokens } = cue;
  const clause = cue.clauses[tokens[first]!.clause]!;
  if (clause.after) return true;
  // "nach meiner Kündigung", "after my cancellation", "regarding cancellation" (not "nach all dem kündige ich").
  const before = tokens[first - 1];
  const twoBefore = tokens[first - 2];
  if (before && before.clause === tokens[first]!.clause) {
    if (referencePrepositions.has(before.lower)) return true;
    if (possessivesAndDeterminers.has(before.lower) && twoBefore && referencePrepositions.has(twoBefore.lower))
      return true;
  }
  if (before?.lower === 'zu' || before?.lower === 'to') return false;
  if (clause.perfect) return true;
  for (let i = first; i <= last; i++) {
    const lower = tokens[i]!.lower;
    if (lower.length > 4 && lower.endsWith('ed')) {
      for (let k = clause.first; k < i; k++) {
        const before = tokens[k]!.lower;
        if (englishModals.has(before) || before.endsWith("'ll") || before.endsWith("'d")) return false;
      }
      return true;
    }
  }
  return false;
}

/** True when the clause of token `index` states an intent or a consequence ("ich werde …", "I'll …", "sonst …"). */
export function isIntended(cue: CueText, index: number): boolean {
  const clause = cue.clauses[cue.tokens[index]!.clause]!;
  if (clause.consequence) return true;
  return clause.intent && !clause.question && !clause.condition;
}

/** True when the clause of token `index` is the consequence of a condition or an ultimatum ("…, sonst …"). */
export function isConsequence(cue: CueText, index: number): boolean {
  const clause = cue.clauses[cue.tokens[index]!.clause]!;
  if (clause.consequence) return true;
  // "Dann kündige ich eben." answers the sentence before.
  const first = cue.tokens[clause.first]!;
  return consequenceOpeners.has(first.lower);
}

/** True when token `index` stands in a condition ("wenn …", "if …"). */
export function isInCondition(cue: CueText, index: number): boolean {
  return cue.clauses[cue.tokens[index]!.clause]!.condition;
}

/** True when the sentence of token `index` is a question. */
export function isQuestion(cue: CueText, index: number): boolean {
  return cue.clauses[cue.tokens[index]!.clause]!.question;
}
