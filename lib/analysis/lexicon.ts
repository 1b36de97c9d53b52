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

function valenceOf(word: string, language: Language): number | undefined {
  englishValence ??= parseValence(englishValenceSource);
  const lower = word.toLowerCase();
  if (formulaWords.has(lower)) return undefined;
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
      const weak = weakCues.has(match[0].toLowerCase());
      hits.push({ label, start: match.index, end: match.index + match[0].length, weight: weak ? 0.3 : 0.7 });
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
