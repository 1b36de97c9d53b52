import { tokenizeWords } from './text';
import type { Language } from './types';

/** The detected language with how sure the detector is (0…1) and the raw cue scores behind it. */
export interface LanguageGuess {
  language: Language;
  confidence: number;
  scores: { de: number; en: number; other: number };
}

// Function words and support-desk words; short lists on purpose: they decide most messages in a few tokens.
const germanWords = new Set(
  (
    'der die das den dem des ein eine einen einem einer eines und oder aber nicht kein keine keinen ich du er sie es ' +
    'wir ihr mich mir dich dir uns euch mein meine meinen meinem meiner ihre ihren ist sind war waren bin bist habe ' +
    'hat haben hatte wird werden wurde würde kann können könnte muss müssen soll sollte will möchte mit von zu zum ' +
    'zur bei nach aus für über unter auf im ins vom auch noch schon nur sehr wie was wer wo warum wann weil dass ob ' +
    'wenn dann doch mal bitte danke hallo guten tag morgen heute gestern leider bestellung lieferung paket ware ' +
    'rechnung geld zurück rücksendung kundenservice grüße gruß freundlichen sehr geehrte geehrter damen herren ' +
    'immer wieder jetzt endlich seit diese dieser dieses hier gibt geht gar sofort bis'
  ).split(' '),
);
const englishWords = new Set(
  (
    'the a an and or but not no i you he she it we they me my mine your our their is are was were am be been have ' +
    'has had will would can could should must do does did with from to of for on at by in into about this that ' +
    'these those there here what who where why when because if then just very also still already please thanks ' +
    'thank hello hi dear order delivery package parcel refund money back customer service regards kind best ' +
    'again now yet any some get got how dont don’t didnt didn’t im i’m i’ve ive its it’s'
  ).split(' '),
);
// A few words that mark the neighbouring languages, so French or Dutch mail is not forced into German or English.
const otherWords = new Set(
  (
    'le la les un une des et est je tu vous nous pas pour avec dans sur merci bonjour ' +
    'el los las una y es por para con pero gracias hola que ' +
    'het een ik jij wij niet voor met maar bedankt hallo ook zijn ' +
    'il di che non per sono grazie ciao'
  ).split(' '),
);
// Words the lists share (e.g. "die" is German and English); they count for neither.
const shared = new Set(['hallo', 'also', 'will', 'war', 'an', 'in', 'so', 'bin', 'hat', 'was', 'man', 'am']);

const germanChars = /[äöüß]/gi;
const germanBigrams = /sch|ich|cht|ung|eit|ei|ie|ck|tz/g;
const englishBigrams = /th|wh|ing\b|ght|ou|ea|ly\b/g;
const latinLetter = /\p{Script=Latin}/u;
const anyLetter = /\p{L}/u;

function countMatches(text: string, pattern: RegExp): number {
  pattern.lastIndex = 0;
  let n = 0;
  while (pattern.exec(text) !== null) n++;
  return n;
}

/**
 * Detects German, English or other from stopwords, umlauts/ß and character cues. Fast (one pass over at most the
 * first 2,000 characters) and meant for short and mixed messages: a mixed German/English message gets the language
 * of most of its words. Text without letters (empty, emoji only, numbers) is `other` with confidence 0.
 */
export function detectLanguage(text: string): LanguageGuess {
  const sample = text.length > 2000 ? text.slice(0, 2000) : text;
  const words = tokenizeWords(sample).filter((w) => anyLetter.test(w.text));
  const none: LanguageGuess = { language: 'other', confidence: 0, scores: { de: 0, en: 0, other: 0 } };
  if (words.length === 0) return none;
  if (!words.some((w) => latinLetter.test(w.text)))
    return { ...none, confidence: 0.9, scores: { de: 0, en: 0, other: 1 } };

  let de = 0;
  let en = 0;
  let other = 0;
  for (const word of words) {
    const lower = word.text.toLowerCase().replace(/'/g, '’');
    const plain = lower.replace(/’/g, '');
    if (shared.has(lower)) continue;
    if (germanWords.has(lower)) de += 1;
    if (englishWords.has(lower) || englishWords.has(plain)) en += 1;
    if (otherWords.has(lower)) other += 1;
  }
  const lowerSample = sample.toLowerCase();
  // Umlauts and ß are strong: few English words have them.
  de += Math.min(3, countMatches(lowerSample, germanChars) * 0.75);
  // Character cues decide messages made of content words only ("Paket beschädigt", "Package damaged").
  const letters = Math.max(1, lowerSample.replace(/[^a-zäöüß]/g, '').length);
  de += (countMatches(lowerSample, germanBigrams) / letters) * 4;
  en += (countMatches(lowerSample, englishBigrams) / letters) * 4;

  const total = de + en + other;
  const coverage = (de + en + other) / words.length;
  if (total < 0.3 || (other > de && other > en) || (words.length >= 6 && coverage < 0.12)) {
    return { language: 'other', confidence: Math.min(0.9, 0.4 + other / words.length), scores: { de, en, other } };
  }
  const language: Language = de >= en ? 'de' : 'en';
  const top = Math.max(de, en);
  const margin = (top - Math.min(de, en)) / (total || 1);
  // Longer texts with a clear margin are sure; two-word texts are not.
  const lengthFactor = Math.min(1, 0.4 + words.length / 10);
  return { language, confidence: Math.max(0.05, Math.min(1, margin * lengthFactor + 0.1)), scores: { de, en, other } };
}
