import { cuePattern } from './cue-pattern';
import { englishValenceSource, germanValenceSource } from './lexicon-data';
import { foldGerman, tokenizeWords, type WordToken } from './text';
import type { Emotion, Language } from './types';

/** What a cue phrase speaks for: an emotion, a sentiment pole, or offensive language. */
export type CueLabel = Exclude<Emotion, 'neutral'> | 'negative' | 'positive' | 'offensive';

/** A phrase in a text that is a known cue for `label`; offsets index the text searched. */
export interface CueHit {
  label: CueLabel;
  start: number;
  end: number;
  /** 0…1: how strongly the phrase speaks for the label. */
  weight: number;
  /**
   * A weak cue ("still", "again", "leider", "immer noch"): it explains a label only as part of the phrase around it,
   * never as a highlight of its own.
   */
  weak?: boolean;
}

// Hand-written cues of German and English support mail (our own list, no third-party licence). They only ever
// explain a label the model chose; they never set one.
const emotionCueSources: Record<Exclude<CueLabel, 'negative' | 'positive'>, string> = {
  angry:
    'unverschämt\\p{L}*|frechheit|sauerei|skandal\\p{L}*|lächerlich|betrug|betrüger\\p{L}*|betrogen|abzocke|abgezockt|' +
    'wütend|stinksauer|sauer|verarsch\\p{L}*|das reicht|mir reicht\\p{L}*|zumutung|inakzeptabel|unfassbar|empörend|' +
    'unacceptable|ridiculous|outrageous|disgusting|disgrace\\p{L}*|scam|scammed|fraud|furious|angry|pissed(?: off)?|' +
    'fed up|sick of|pathetic|incompetent|inkompetent|what the hell|wtf|absurd|unbelievable|😡|🤬|😠',
  frustrated:
    'genervt|nervig|nervt|ärgerlich|ärgert mich|frustrierend|frustriert|immer noch|noch immer|schon wieder|' +
    'wieder nicht|keine antwort|niemand|funktioniert nicht|geht nicht|nutzlos|umständlich|hin und her|' +
    'warte(?:n)? (?:\\p{L}+ )?seit|annoying|annoyed|frustrating|frustrated|nobody|no one|still waiting|still|' +
    "doesn[’']?t work|not working|useless|hassle|irritat\\p{L}*|seriously|again|🙄|😤",
  sad:
    'enttäuscht|enttäuschend|enttäuschung|traurig|schade|leider|bedauerlich|im stich gelassen|ruiniert|' +
    'disappointed|disappointing|disappointment|sad|unfortunately|heartbroken|ruined|a shame|upset|let down|😢|😞|😭',
  anxious:
    'sorge|sorgen|besorgt|angst|ängstlich|nervös|beunruhigt|beunruhigend|hoffentlich|befürchte|' +
    'worried|worry|worrying|concerned|anxious|nervous|afraid|scared|fear|hopefully|stressed|panic\\p{L}*|😟|😰',
  confused:
    'verstehe (?:das |ich )?nicht|nicht verstanden|verwirrt|verwirrend|unklar|was bedeutet|was heißt|keine ahnung|' +
    "confused|confusing|don[’']?t understand|do not understand|unclear|not sure|no idea|makes no sense|🤔|😕",
  grateful:
    'danke\\p{L}*|vielen dank|herzlichen dank|dankbar|bedanke|thank you|thanks|thx|grateful|appreciate\\p{L}*|' +
    'much appreciated|🙏',
  happy:
    'super|toll|klasse|prima|freue\\p{L}*|freut|glücklich|zufrieden|perfekt|wunderbar|großartig|begeistert|' +
    'great|awesome|love|loved|happy|glad|perfect|excellent|wonderful|amazing|fantastic|pleased|delighted|' +
    '😊|🙂|😍|👍|😀|😃|❤',
  offensive:
    'idiot\\p{L}*|vollidiot\\p{L}*|arschl\\p{L}*|\\p{L}*scheiß\\p{L}*|scheiße|verdammt\\p{L}*|wichser|penner|' +
    'halt die fresse|fresse|drecks\\p{L}*|hurensohn|spast\\p{L}*|missgeburt|idiots?|stupid|morons?|shit\\p{L}*|' +
    'fuck\\p{L}*|damn\\p{L}*|crap|assholes?|bastards?|dumb|retard\\p{L}*|bitch\\p{L}*|dickhead|🖕',
};

// Weak cues say little on their own ("still", "again", "leider"); they explain a label but rank below strong ones.
const weakCues = new Set(['still', 'again', 'leider', 'immer noch', 'noch immer', 'niemand', 'nobody', 'no one']);

const emotionCues = Object.entries(emotionCueSources).map(([label, source]) => ({
  label: label as Exclude<CueLabel, 'negative' | 'positive'>,
  pattern: cuePattern(source),
}));

function parseValence(source: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const entry of source.split(' ')) {
    const colon = entry.lastIndexOf(':');
    const value = Number(entry.slice(colon + 1));
    if (colon > 0 && Number.isFinite(value)) map.set(entry.slice(0, colon), value);
  }
  return map;
}

let englishValence: Map<string, number> | undefined;
let germanValence: Map<string, number> | undefined;

// German inflection endings a senticon stem may carry ("enttäusch" + "end", "schlecht" + "er").
const germanEndings = new Set([
  '',
  'e',
  'en',
  'er',
  'es',
  'em',
  'n',
  's',
  't',
  'et',
  'st',
  'te',
  'ten',
  'end',
  'ung',
  'ungen',
  'lich',
  'ig',
  'heit',
  'keit',
]);
// Sign-off and greeting words that carry valence in the lexicons but no mood in mail.
const formulaWords = new Set([
  'guten',
  'gute',
  'freundlichen',
  'freundliche',
  'liebe',
  'lieber',
  'liebes',
  'herzliche',
  'herzlichen',
  'beste',
  'besten',
]);
const valenceNegators = new Set(['nicht', 'kein', 'keine', 'keinen', 'nie', 'not', 'no', 'never', 'hardly', 'kaum']);
// Lexicon words that name the business of a support mail, not a feeling: a return ("Rücksendung", "tauschen"), an
// attempt ("versuche"), a gift, the customer support itself. The general-purpose lexicons give them valence (senticon
// stems also catch look-alikes: "heißt" as "heiß", "schicken" as "schick", "Größe" as "groß"), so highlighted they
// would explain a mood with a parcel.
const neutralInSupportMail = new Set([
  'approval',
  'cheers',
  'gift',
  'gifts',
  'honestly',
  'promise',
  'promised',
  'support',
  'supported',
  'treat',
  'einmal',
  'einmalig',
  'einmalige',
  'erfolgt',
  'erfolgte',
  'geschenk',
  'geschenke',
  'gross',
  'grosse',
  'grossen',
  'grosser',
  'grosses',
  'heisst',
  'heiss',
  'sucht',
  'wichtig',
  'wichtige',
  'wichtigen',
  'sicher',
  'sichere',
  'kurz',
  'kurze',
  'kurzen',
  'gang',
  'umstande',
  'umstanden',
  'schlicht',
  'pflicht',
  'gering',
  'geringe',
  'niedrig',
  'niedrige',
]);
// Stems of the same kind, with all their inflections and compounds: exchanging, sending, returning, cancelling,
// trying, deleting are what a customer asks for, not how they feel.
const neutralSupportStems =
  /^(?:um|aus|ein|zuruck|ruck|weg|zu|nach|ver|ab)?(?:ge)?(?:tausch|schick|sendung|kundig|versuch|losch|storn)/;

function germanValenceOf(word: string): number | undefined {
  germanValence ??= parseValence(germanValenceSource);
  const folded = foldGerman(word);
  for (let cut = folded.length; cut >= 4; cut--) {
    if (!germanEndings.has(folded.slice(cut))) continue;
    const value = germanValence.get(folded.slice(0, cut));
    if (value !== undefined) return value;
  }
  return undefined;
}

/** True for a lexicon word that means no feeling in a support mail (see `neutralInSupportMail`). */
function isNeutralInSupportMail(lower: string): boolean {
  // "getäuscht" (deceived) keeps its valence; "getauscht" (exchanged) folds to the same stem.
  if (/täusch/.test(lower)) return false;
  const folded = foldGerman(lower);
  return neutralInSupportMail.has(folded) || neutralSupportStems.test(folded);
}

function valenceOf(word: string, language: Language): number | undefined {
  englishValence ??= parseValence(englishValenceSource);
  const lower = word.toLowerCase();
  if (formulaWords.has(lower) || isNeutralInSupportMail(lower)) return undefined;
  // German and English share spellings with different meanings ("die", "Gift", "Mist", "fast"); a known language
  // picks its own lexicon, and only unknown text asks both.
  if (language === 'de') return germanValenceOf(lower);
  if (language === 'en') return englishValence.get(lower);
  return englishValence.get(lower) ?? germanValenceOf(lower);
}

/** True when one of the two words before `start` (same clause) negates what follows ("nicht zufrieden", "not happy"). */
function negatorBefore(
  text: string,
  tokens: readonly WordToken[],
  index: number,
  start: number,
): WordToken | undefined {
  for (let back = 1; back <= 2; back++) {
    const previous = tokens[index - back];
    if (previous === undefined || /[.!?,;\n]/.test(text.slice(previous.end, start))) return undefined;
    if (valenceNegators.has(previous.text.toLowerCase()) || /n[’']t$/i.test(previous.text)) return previous;
  }
  return undefined;
}

/**
 * Finds cue phrases in `text`: hand-written German/English emotion and abuse cues, plus valence words (VADER for
 * English, NLP.js senticon for German, both for `other`) as `negative`/`positive`. A negator right before a valence
 * word flips it ("nicht zufrieden", "not happy" → negative) and is included in the span; a negated emotion cue is
 * dropped. Pure and fast (regexes and map look-ups).
 */
export function findCues(text: string, language: Language = 'other'): CueHit[] {
  const hits: CueHit[] = [];
  const tokens = tokenizeWords(text);
  const tokenAt = (offset: number): number => {
    let low = 0;
    let high = tokens.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((tokens[mid]?.start ?? 0) < offset) low = mid + 1;
      else high = mid;
    }
    return low;
  };
  for (const { label, pattern } of emotionCues) {
    pattern.lastIndex = 0;
    for (const match of text.matchAll(pattern)) {
      // "nicht zufrieden" is no evidence of happiness (the valence pass below reads it as negative instead).
      if (negatorBefore(text, tokens, tokenAt(match.index), match.index) !== undefined) continue;
      const weak = weakCues.has(match[0].toLowerCase().replace(/\s+/g, ' '));
      hits.push({
        label,
        start: match.index,
        end: match.index + match[0].length,
        weight: weak ? 0.3 : 0.7,
        ...(weak ? { weak } : {}),
      });
    }
  }
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === undefined || token.text.length < 2) continue;
    const value = valenceOf(token.text, language);
    if (value === undefined || value === 0) continue;
    const negator = negatorBefore(text, tokens, i, token.start);
    const start = negator?.start ?? token.start;
    const signed = negator ? -value : value;
    hits.push({
      label: signed < 0 ? 'negative' : 'positive',
      start,
      end: token.end,
      weight: Math.min(1, Math.abs(signed)),
    });
  }
  return hits.sort((a, b) => a.start - b.start || b.end - a.end);
}

// Function words of German and English support mail: articles, pronouns, prepositions, conjunctions, auxiliaries and
// modals, greetings and request words. A short list kept here rather than an npm stop-word list: those lists are
// uneven (one package's English list has ~110 words without "not", its German one ~620 with "gut", "nichts",
// "niemand" and "endlich"), and the words that carry a customer's mood in support mail ("not", "still", "again",
// "immer noch") need a class of their own anyway (`isWeakWord`).
const functionWordList =
  // English
  'a an the and or but nor if then than because as at by for from in into of off on onto out over to up with ' +
  'about above after against along among around before behind below between during except inside near since ' +
  'through till toward towards under until upon within without via per i me my mine myself you your yours ' +
  'yourself he him his himself she her hers herself it its itself we us our ours ourselves they them their theirs ' +
  'themselves another this that these those who whom whose which what when where why how there here am is are ' +
  'was were be been being have has had having do does did doing will would shall should can could may might must let ' +
  "let's it's i'm i've i'll i'd you're you've you'll you'd he's she's we're we've we'll they're they've that's " +
  "there's here's what's who's also some any each every all both other such own same one else either whether " +
  'anything something everything anyone someone everyone anybody somebody everybody ' +
  'hi hello hey dear please kindly ok okay well oh like get got gets getting just about regarding re ' +
  // German
  'der die das den dem des ein eine einen einem einer eines und oder aber denn sondern doch ich du er sie es wir ' +
  'ihr mich mir dich dir uns euch ihnen ihn ihm sich mein meine meinen meinem meiner meines dein deine deinen ' +
  'deinem deiner sein seine seinen seinem seiner ihre ihren ihrem ihrer unser unsere unseren unserem unserer euer ' +
  'eure euren eurem eurer ist sind war waren bin bist sei seid wäre wären habe hast hat haben hatte hatten hätte ' +
  'hätten wird wirst werden wurde wurden würde würden werde kann kannst können konnte konnten könnte ' +
  'könnten muss musst müssen musste mussten müsste soll sollte sollen sollten will willst wollen wollte wollten darf dürfen ' +
  'möchte möchten mag mit von zu zum zur bei beim nach aus für auf im in ins an am vom um über unter vor hinter ' +
  'neben zwischen durch gegen ohne bis seit während wegen trotz so da dass ob wenn als wie was wer wo wann warum ' +
  'welche welcher welches welchen dies diese dieser dieses diesem diesen man etwas alles alle hier dort dann also ' +
  'auch ja mal eben halt eigentlich bitte hallo moin servus gerne gern dabei dafür damit darauf daran davon dazu ' +
  'darum darüber hierzu hierfür deshalb deswegen daher sowie bzw usw etc gesagt gestanden';
const functionWords = new Set(functionWordList.split(' '));

// Words that carry meaning only in the phrase around them: negators ("not" → "not working", "nicht" →
// "funktioniert nicht"), persistence and repetition ("still", "again", "immer noch").
const weakWordList =
  "not no never nothing nobody none nowhere neither nor cannot can't don't doesn't didn't won't wouldn't isn't " +
  "aren't wasn't weren't haven't hasn't hadn't shouldn't couldn't mustn't needn't ain't dont doesnt didnt cant " +
  'wont isnt still again yet anymore already ever only finally ' +
  'nicht nichts nie niemals niemand nirgends kein keine keinen keinem keiner keines noch immer wieder schon ' +
  'bereits erst nur ständig dauernd endlich mehr trotzdem';
const weakWords = new Set(weakWordList.split(' '));
// Intensifiers and hedges: part of a phrase with a feeling word ("really frustrating", "wirklich traurig"), noise at
// its edge otherwise ("So the repair …").
const intensifierList =
  'so very really too quite totally completely absolutely honestly literally even extremely ' +
  'sehr wirklich echt total völlig absolut gar überhaupt ganz ehrlich äußerst extrem';
const intensifiers = new Set(intensifierList.split(' '));

function normalizeWord(word: string): string {
  return word.toLowerCase().replace(/’/g, "'");
}

/** True for an intensifier or hedge ("really", "so", "sehr", "wirklich", "ganz"). */
export function isIntensifier(word: string): boolean {
  return intensifiers.has(normalizeWord(word));
}

/** True for a German or English function word (article, pronoun, preposition, auxiliary, greeting, "bitte"). */
export function isFunctionWord(word: string): boolean {
  return functionWords.has(normalizeWord(word));
}

/**
 * True for a word that carries meaning only with the words around it: negators ("not", "nicht", "kein") and
 * persistence and repetition ("still", "again", "noch", "wieder").
 */
export function isWeakWord(word: string): boolean {
  return weakWords.has(normalizeWord(word));
}

/**
 * True when `word` on its own is a feeling word: a strong emotion or abuse cue, or a valence word of the language's
 * lexicon (VADER, senticon) that means something in support mail. Weak cues ("still", "leider") are not.
 */
export function isFeelingWord(word: string, language: Language = 'other'): boolean {
  if (word.length < 2) return false;
  const key = `${language}:${word}`;
  const known = feelingWordCache.get(key);
  if (known !== undefined) return known;
  // Names and capitalised words are asked about once per message each; the cue patterns are long alternations.
  if (feelingWordCache.size >= 5000) feelingWordCache.clear();
  const result = valenceOf(word, language) !== undefined || isEmotionCueWord(word);
  feelingWordCache.set(key, result);
  return result;
}

const feelingWordCache = new Map<string, boolean>();

function isEmotionCueWord(word: string): boolean {
  for (const { pattern } of emotionCues) {
    pattern.lastIndex = 0;
    const match = pattern.exec(word);
    if (match !== null && match.index === 0 && match[0].length === word.length) {
      return !weakCues.has(match[0].toLowerCase());
    }
  }
  return false;
}
