import { cuePattern as cue } from './cue-pattern';
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

const weekdaysDe = 'montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag';
const monthsDe =
  'januar|jan|februar|feb|märz|mär|april|apr|mai|juni|juli|august|aug|september|sep|oktober|okt|november|nov|dezember|dez';
const weekdaysEn = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun';
const monthsEn =
  'january|jan|february|feb|march|mar|april|apr|may|june|jun|july|jul|august|aug|september|sept|sep|october|oct|november|nov|december|dec';

interface UrgencyCue {
  kind: UrgencyReasonKind;
  pattern: RegExp;
}

// Phrases are what German and English e-commerce customers write; both languages are checked on every text because
// customers mix them. Each `kind` keeps its German patterns first.
const cues: readonly UrgencyCue[] = [
  {
    kind: 'deadline',
    pattern: cue(
      `(?:bis|spätestens)(?: (?:zum|zur|am|ende|nächsten|nächste|kommenden|kommende|diesen|diese|heute))* ` +
        `(?:${weekdaysDe}|morgen|übermorgen|heute abend|heute|wochenende|monatsende|ende der woche|` +
        `\\d{1,2}\\.(?: ?\\d{1,2}\\.(?:\\d{2,4})?| (?:${monthsDe}))|\\d{1,2}(?::\\d{2})? uhr)`,
    ),
  },
  {
    kind: 'deadline',
    pattern: cue(
      'heute noch|noch heute|(?:innerhalb|binnen) (?:von |der nächsten )?\\d+ (?:stunden|std|tagen|werktagen|h)|' +
        'frist (?:bis|von)|letzte frist|fristsetzung|setze ihnen eine frist|deadline',
    ),
  },
  {
    kind: 'deadline',
    pattern: cue(
      `(?:by|before|until|no later than) (?:the )?(?:end of (?:the )?(?:day|week|month)|eod|cob|tomorrow|tonight|today|` +
        `(?:this |next )?(?:${weekdaysEn}|week|weekend)|\\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:${monthsEn})|` +
        `(?:${monthsEn}) \\d{1,2}(?:st|nd|rd|th)?|\\d{1,2}[./]\\d{1,2}(?:[./]\\d{2,4})?|\\d{1,2}(?::\\d{2})? ?(?:am|pm))`,
    ),
  },
  {
    kind: 'deadline',
    pattern: cue(
      'within (?:the next )?\\d+ (?:hours|hrs|h|days|business days|working days)|' +
        '(?:need|want|expect) (?:it|this|them|my order|my refund|my money|the refund) (?:today|tonight|tomorrow)',
    ),
  },
  {
    kind: 'immediacy',
    pattern: cue(
      'sofort|sofortig\\p{L}*|umgehend|unverzüglich|dringend|dringlich\\p{L}*|eilig|eilt|schnellstmöglich|' +
        'schnellstens|so schnell wie möglich|auf der stelle|notfall|ohne weitere verzögerung',
    ),
  },
  {
    kind: 'immediacy',
    pattern: cue(
      'immediately|immediate|asap|a\\.s\\.a\\.p|urgent|urgently|urgency|right away|as soon as possible|emergency|' +
        'without (?:any )?(?:further )?delay',
    ),
  },
  {
    kind: 'legal-threat',
    pattern: cue(
      '\\p{L}*anwalt\\p{L}*|\\p{L}*anwält\\p{L}*|(?:rechtliche|juristische|gerichtliche)\\p{L}* (?:schritte|konsequenzen|wege?)|' +
        'gerichtlich|vor gericht|klage|klagen|verklagen|verklage|mahnverfahren|strafanzeige|anzeige (?:erstatten|gegen)|' +
        'verbraucherzentrale|verbraucherschutz\\p{L}*|schlichtungsstelle',
    ),
  },
  {
    kind: 'legal-threat',
    pattern: cue(
      'lawyers?|attorneys?|solicitors?|legal (?:action|steps|proceedings|advice)|take (?:you|this|it) to court|' +
        'small claims|court|lawsuit|sue|suing|consumer protection|trading standards|better business bureau|' +
        'report (?:you|this|your company) to',
    ),
  },
  {
    kind: 'chargeback-threat',
    pattern: cue(
      'rückbuchung\\p{L}*|zurückbuchen|zurückbuchung|zurück ?buchen lassen|lastschrift (?:zurück\\p{L}*|widerrufen)|' +
        'chargeback|charge back|paypal ?käuferschutz|\\p{L}*käuferschutz|paypal\\p{L}* ?(?:fall|konflikt)|konflikt bei paypal|' +
        'bei paypal (?:melden|reklamieren|beschweren)|(?:meine|die) bank (?:einschalten|informieren)|' +
        'kreditkarten(?:firma|unternehmen|gesellschaft|institut)',
    ),
  },
  {
    kind: 'chargeback-threat',
    pattern: cue(
      '(?:dispute|contest)(?: the (?:charge|payment|transaction))? with (?:my|the) (?:bank|credit card(?: company)?|card issuer)|' +
        '(?:file|open|raise|start) a (?:dispute|chargeback|paypal (?:claim|dispute)|claim with paypal)|' +
        'paypal (?:dispute|claim)|reverse the (?:charge|payment|transaction)|dispute the (?:charge|payment|transaction)|' +
        '(?:contact|call) my (?:bank|credit card company)',
    ),
  },
  {
    kind: 'cancellation-threat',
    pattern: cue(
      'kündigen|kündige|kündigung|(?:abo|abonnement|vertrag|mitgliedschaft) (?:beenden|kündigen|auflösen)|' +
        '(?:konto|kundenkonto) (?:löschen|schließen|auflösen)|' +
        '(?:nie|nie mehr|nie wieder|niemals wieder) (?:\\p{L}+ ){0,3}(?:bestellen|kaufen|einkaufen|bestelle|kaufe)|' +
        'woanders (?:bestellen|kaufen|einkaufen)|zur konkurrenz|(?:meine|die) letzte bestellung bei',
    ),
  },
  {
    kind: 'cancellation-threat',
    pattern: cue(
      'cancel (?:my|our|the) (?:subscription|membership|account|contract|plan)|close my account|' +
        "take (?:my|our) business elsewhere|(?:never|not|won[’']?t|will not) (?:be )?(?:order|buy|shop|purchas)\\p{L}* " +
        '(?:from you |here |with you |from your \\p{L}+ )?again|lost (?:a|me as a|your) customer|' +
        'switch(?:ing)? to (?:a |another |your )?(?:competitor|other (?:company|shop|store|provider))|' +
        '(?:shop|order|buy)(?:ping)? elsewhere|done with (?:you|your company|this company|your shop)|former customer',
    ),
  },
  {
    kind: 'repeated-contact',
    pattern: cue(
      'zum (?:zweiten|dritten|vierten|fünften|sechsten|x-ten|zigsten|wiederholten|\\d+\\.) (?:mal|male)|' +
        '(?:schon|bereits) (?:\\p{L}+ )?(?:mehrfach|mehrmals|zweimal|dreimal|viermal|x-mal|zigmal|\\d+ mal|\\d+x|oft)|' +
        'wiederholt|zig mal|wie oft noch|' +
        '(?:immer noch|noch immer|bis heute|bisher|weiterhin) (?:\\p{L}+ )?keine? (?:antwort|rückmeldung|reaktion|lösung|nachricht|erstattung)|' +
        'keine (?:antwort|rückmeldung|reaktion) (?:bekommen|erhalten)',
    ),
  },
  {
    kind: 'repeated-contact',
    pattern: cue(
      '(?:second|third|fourth|fifth|sixth|umpteenth|\\d+(?:st|nd|rd|th)) (?:time|email|message|request)|' +
        '(?:written|wrote|emailed|e-mailed|contacted|called|messaged|asked|reached out)(?: to)? (?:you |your \\p{L}+ )?' +
        '(?:twice|three times|four times|several times|multiple times|many times|\\d+ times|repeatedly)|' +
        "still (?:no|haven[’']?t (?:got|gotten|received|heard)|not (?:received|heard)|waiting)" +
        '(?: (?:answer|response|reply|word|update|refund|news))?|how many (?:more )?times|again and again|yet again|' +
        'no (?:answer|response|reply) (?:yet|so far)',
    ),
  },
  {
    kind: 'safety',
    pattern: cue(
      'feuer gefangen|in brand geraten|explodiert|überhitzt|stromschlag|verletzung\\p{L}*|verbrennung\\p{L}*|' +
        'allergische\\p{L}* reaktion|verschluckt|erstickungsgefahr|brandgefahr|lebensgefahr|giftig|' +
        '(?:mich|sich|kind|sohn|tochter) (?:\\p{L}+ )?verletzt',
    ),
  },
  {
    kind: 'safety',
    pattern: cue(
      'caught fire|on fire|exploded|explosion|overheated|electric shock|electrocuted|injured|injury|injuries|' +
        'burn(?:ed|t) (?:me|my|his|her|our)|allergic reaction|choking hazard|swallowed|fire hazard|toxic|poisonous',
    ),
  },
];

const lowUrgencyCue = cue(
  'keine eile|kein stress|eilt nicht|hat zeit|wenn sie zeit haben|wenn ihr zeit habt|in ruhe|' +
    'no rush|no hurry|not urgent|whenever you (?:get a chance|can|have time)|when you have (?:a moment|time)',
);

const negators = new Set([
  'nicht',
  'kein',
  'keine',
  'keinen',
  'keinem',
  'keiner',
  'keinesfalls',
  'keineswegs',
  'niemals',
  'ohne',
  'not',
  'no',
  'never',
  'without',
  'dont',
  'doesnt',
  'didnt',
  'wont',
  'wouldnt',
  'isnt',
  'arent',
  'wasnt',
  'cant',
  'cannot',
  'neither',
]);
const conditionals = new Set(['wenn', 'falls', 'sofern', 'sollte', 'sollten', 'if', 'unless', 'otherwise', 'sonst']);
const clauseBreak = /[.,;:!?()\n]|\s(?:aber|but|und|and|oder|or)\s/giu;
const wordInClause = /[\p{L}’']+/gu;

function clauseBefore(text: string, index: number): string {
  const from = Math.max(0, index - 120);
  const before = text.slice(from, index);
  let cut = 0;
  for (const match of before.matchAll(clauseBreak)) cut = match.index + match[0].length;
  return before.slice(cut);
}

/**
 * True when the cue at `[start, end)` is negated ("nicht dringend", "I don't want to cancel my subscription",
 * "ich kündige nicht"), but not when the negation sits in a condition ("wenn ich nicht sofort …", "if I don't hear
 * back by Friday …": those are still threats).
 */
function isNegated(text: string, start: number, end: number): boolean {
  const clause = clauseBefore(text, start);
  const words = [...clause.matchAll(wordInClause)].map((m) => m[0].toLowerCase());
  const window = words.slice(-3);
  const negatorAt = window.findIndex(
    (w) => negators.has(w.replace(/[’']/g, '')) || w.endsWith("n't") || w.endsWith('n’t'),
  );
  if (negatorAt >= 0) {
    const beforeNegator = words.slice(0, words.length - window.length + negatorAt);
    return !beforeNegator.some((w) => conditionals.has(w));
  }
  // German puts "nicht" after a finite verb: "Ich kündige nicht", "Es eilt nicht".
  const after = /^\s+(nicht|not)(?![\p{L}])/iu.exec(text.slice(end, end + 8));
  return after !== null;
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
 * Finds urgency cues in German and English text: deadlines, immediacy, legal, chargeback and cancellation threats,
 * repeated contact, and product safety. Negated cues ("nicht dringend", "no rush") do not count; an explicit
 * "no rush" / "keine Eile" with no other cue makes the text `low`. Empty text is `low`.
 * Offsets index `text`.
 */
export function detectUrgency(text: string): UrgencyResult {
  if (text.trim() === '') return { level: 'low', reasons: [] };
  const reasons: UrgencyMatch[] = [];
  const perKind = new Map<UrgencyReasonKind, number>();
  for (const { kind, pattern } of cues) {
    pattern.lastIndex = 0;
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if ((perKind.get(kind) ?? 0) >= maxReasonsPerKind) break;
      if (reasons.some((r) => r.kind === kind && r.start < end && start < r.end)) continue;
      if (isNegated(text, start, end)) continue;
      reasons.push({ kind, phrase: match[0], start, end });
      perKind.set(kind, (perKind.get(kind) ?? 0) + 1);
    }
  }
  reasons.sort((a, b) => a.start - b.start);
  if (reasons.length === 0) {
    lowUrgencyCue.lastIndex = 0;
    return { level: lowUrgencyCue.test(text) ? 'low' : 'normal', reasons };
  }
  return { level: levelFromKinds(reasons.map((r) => r.kind)), reasons };
}
