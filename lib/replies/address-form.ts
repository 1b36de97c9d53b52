/**
 * The right form of address for a reply: du or Sie from the conversation (issue 19), and a salutation with the
 * customer's titles and name as they sign. Pure: a conversation in, codes and parameters out; the UI words them.
 */
import type { GermanFormality, ReplySettings } from '../settings';
import type { Conversation, ConversationMessage } from '../sites/types';
import { type ParsedName, parseCustomerName } from './templates/extract';

/** Why a form of address was chosen, for the chip ("du — the customer writes du"). */
export type AddressFormReason =
  /** The team fixed the form in settings. */
  | { code: 'team-setting' }
  /** The team's own earlier reply in this conversation used this form (`cue` is the word that shows it). */
  | { code: 'agent-reply'; messageId: string; cue: string }
  /** The customer addresses the team in this form ("dir", "euch", a capitalised "Ihnen" mid-sentence). */
  | { code: 'customer-pronoun'; messageId: string; cue: string }
  /** Only the customer's greeting or sign-off shows it ("Hi", "LG", "Sehr geehrte Damen und Herren"). */
  | { code: 'customer-greeting'; messageId: string; cue: string }
  /** Nothing in the conversation shows a form: the team's default applies. */
  | { code: 'no-cue' }
  /** The conversation is not German: du/Sie does not apply. */
  | { code: 'not-german' };

export interface AddressFormDetection {
  /** null when the conversation is not German. */
  form: GermanFormality | null;
  reason: AddressFormReason;
}

/** What the team set: follow the conversation (with `germanFormality` when it shows nothing), or always one form. */
export type AddressFormSetting = Pick<ReplySettings, 'germanFormality'> & {
  germanFormalityMode?: ReplySettings['germanFormalityMode'];
};

interface Cue {
  form: GermanFormality;
  cue: string;
  strong: boolean;
}

// Where a reply starts quoting earlier mail: the quoted words are someone else's form of address.
const QUOTE_START =
  /^(?:>|-{2,}\s*(?:ursprüngliche nachricht|original message|forwarded message|weitergeleitete nachricht)|(?:am|on)\s.{3,160}(?:schrieb|wrote)\b.*:?\s*$|(?:von|from):\s)/iu;

/** The writer's own words: quoted history ("> …", "Am … schrieb …:", "-----Original Message-----") cut off. */
export function stripQuotedHistory(text: string): string {
  const lines = text.split('\n');
  const kept: string[] = [];
  for (const line of lines) {
    if (QUOTE_START.test(line.trim())) break;
    kept.push(line);
  }
  return kept.join('\n');
}

const DU_WORDS =
  /(?<![\p{L}\d])(du|dich|dir|dein|deine|deinem|deinen|deiner|deines|euch|euer|eure|eurem|euren|eurer|eures)(?![\p{L}\d])/giu;
// "ihr" is also "her"/"their" ("ihr Paket"): only a verb right before ("könnt ihr") or after ("ihr habt") makes it
// the plural du, and "ihr Lieben" is the informal greeting.
const IHR_AFTER_VERB =
  /(?<![\p{L}\d])(?:habt|seid|könnt|wollt|müsst|sollt|dürft|werdet|würdet|hättet|wärt|wäret|solltet|könntet|müsstet|macht|schickt|gebt)\s+ihr(?![\p{L}\d])/giu;
// Case-sensitive on purpose: a lowercase word after "ihr" is a verb ("ihr habt"), a capitalised one a noun ("ihr Paket").
const IHR_BEFORE_VERB = /(?<![\p{L}\d])[Ii]hr\s+(?:(?!und(?!\p{L}))\p{Ll}+(?:t|et|d)|[Ll]ieben)(?![\p{L}\d])/gu;
// Capitalised "Sie"/"Ihnen"/"Ihr…" only address someone mid-sentence: at a sentence start they may mean "they"/"her".
const SIE_WORDS = /(?<![\p{L}\d])(Sie|Ihnen|Ihr|Ihre|Ihrem|Ihren|Ihrer|Ihres)(?![\p{L}\d])/gu;

const DU_GREETINGS =
  /^(?:hi|hey|huhu|moin|servus|hallöchen|hallo ihr|liebe grüße|lieben gruß|liebe grüsse|lg|danke dir|bis bald|ciao|tschüss)(?![\p{L}])/iu;
const SIE_GREETINGS =
  /^(?:sehr geehrte|mit freundlichen grüßen|mit freundlichen grüssen|mfg|hochachtungsvoll|freundliche grüße)(?![\p{L}])/iu;

function isSentenceStart(text: string, index: number): boolean {
  const before = text.slice(0, index);
  const gap = /[\s"„“”'‚‘’(«»–-]*$/u.exec(before)?.[0] ?? '';
  const rest = before.slice(0, before.length - gap.length);
  return rest === '' || gap.includes('\n') || /[.!?:;…]$/u.test(rest);
}

function pronounCues(text: string): Cue[] {
  const cues: (Cue & { index: number })[] = [];
  for (const match of text.matchAll(DU_WORDS)) {
    cues.push({ form: 'du', cue: match[1] ?? match[0], strong: true, index: match.index ?? 0 });
  }
  for (const match of [...text.matchAll(IHR_AFTER_VERB), ...text.matchAll(IHR_BEFORE_VERB)]) {
    cues.push({ form: 'du', cue: match[0], strong: true, index: match.index ?? 0 });
  }
  for (const match of text.matchAll(SIE_WORDS)) {
    const index = match.index ?? 0;
    if (isSentenceStart(text, index)) continue;
    cues.push({ form: 'sie', cue: match[1] ?? match[0], strong: true, index });
  }
  return cues.sort((a, b) => a.index - b.index).map(({ index: _index, ...cue }) => cue);
}

function greetingCues(text: string): Cue[] {
  const cues: Cue[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const du = DU_GREETINGS.exec(line);
    if (du) cues.push({ form: 'du', cue: du[0], strong: false });
    const sie = SIE_GREETINGS.exec(line);
    if (sie) cues.push({ form: 'sie', cue: sie[0], strong: false });
  }
  return cues;
}

/** The form one message shows: its pronouns' majority, else its greeting's; null when it shows none or a tie. */
function formOfMessage(message: ConversationMessage): Cue | null {
  const text = stripQuotedHistory(message.text);
  const pick = (cues: Cue[]): Cue | null => {
    const du = cues.filter((cue) => cue.form === 'du');
    const sie = cues.filter((cue) => cue.form === 'sie');
    if (du.length === sie.length) return null;
    return (du.length > sie.length ? du[0] : sie[0]) ?? null;
  };
  return pick(pronounCues(text)) ?? pick(greetingCues(text));
}

/**
 * Du or Sie for a reply in this conversation. A form the team fixed in settings wins; else the team's own latest
 * reply that shows a form (what the customer was already told sets the tone); else the customer's latest message
 * that shows one by its pronouns, then by its greeting or sign-off; else the team's default. Quoted history is
 * ignored, internal notes too. Not German: `form` is null.
 */
export function detectAddressForm(
  conversation: Conversation | null,
  language: 'de' | 'en' | 'other',
  setting: AddressFormSetting,
): AddressFormDetection {
  if (language !== 'de') return { form: null, reason: { code: 'not-german' } };
  if (setting.germanFormalityMode === 'fixed')
    return { form: setting.germanFormality, reason: { code: 'team-setting' } };
  const messages = (conversation?.messages ?? []).filter((message) => message.bodyLoaded).reverse();

  for (const message of messages) {
    if (message.role !== 'agent') continue;
    const found = formOfMessage(message);
    if (found) return { form: found.form, reason: { code: 'agent-reply', messageId: message.id, cue: found.cue } };
  }
  const customerMessages = messages.filter((message) => message.role === 'customer');
  for (const message of customerMessages) {
    const cues = pronounCues(stripQuotedHistory(message.text));
    const du = cues.filter((cue) => cue.form === 'du');
    const sie = cues.filter((cue) => cue.form === 'sie');
    if (du.length === sie.length) continue;
    const winner = du.length > sie.length ? du[0] : sie[0];
    if (winner) {
      return { form: winner.form, reason: { code: 'customer-pronoun', messageId: message.id, cue: winner.cue } };
    }
  }
  for (const message of customerMessages) {
    const found = formOfMessage(message);
    if (found && !found.strong) {
      return { form: found.form, reason: { code: 'customer-greeting', messageId: message.id, cue: found.cue } };
    }
  }
  return { form: setting.germanFormality, reason: { code: 'no-cue' } };
}

// ---------------------------------------------------------------------------------------------------------------
// Names and salutations

/** How to address the customer: names and titles as they sign or as the helpdesk's requester field gives them. */
export interface CustomerAddress {
  firstName?: string;
  lastName?: string;
  /** Only when the customer gives it (Herr/Frau, Mr/Ms in their signature or the requester field); never guessed. */
  gender?: 'female' | 'male';
  /** The English courtesy title as written ("Ms", "Mrs.", "Mr"), for "Dear Ms Chen". */
  courtesy?: string;
  /** The highest academic title for a salutation: "Prof." or "Dr." ("Prof. Dr." greets as "Prof."). */
  academic?: 'Prof.' | 'Dr.';
}

const CLOSING_WORDS = new Set([
  'mit',
  'freundlichen',
  'freundliche',
  'freundlichem',
  'besten',
  'beste',
  'bestem',
  'viele',
  'vielen',
  'liebe',
  'lieben',
  'liebsten',
  'herzliche',
  'herzlichen',
  'herzlichst',
  'schöne',
  'schönen',
  'sonnige',
  'sonnigen',
  'grüße',
  'grüßen',
  'gruß',
  'grüsse',
  'grüssen',
  'gruss',
  'und',
  'danke',
  'dank',
  'dir',
  'euch',
  'ihnen',
  'schön',
  'lg',
  'vg',
  'mfg',
  'bg',
  'hochachtungsvoll',
  'ciao',
  'tschüss',
  'best',
  'kind',
  'kindest',
  'warm',
  'warmest',
  'regards',
  'wishes',
  'cheers',
  'thanks',
  'thank',
  'you',
  'many',
  'and',
  'sincerely',
  'yours',
  'faithfully',
  'truly',
  'all',
  'the',
  'thx',
]);
const CLOSING_KEYWORDS =
  /^(?:grüße|grüßen|gruß|grüsse|grüssen|gruss|danke|dank|lg|vg|mfg|bg|hochachtungsvoll|ciao|tschüss|regards|wishes|cheers|thanks|thank|sincerely|faithfully|thx|herzlichst|best)$/u;
const NAME_TOKEN = /^(?:\p{Lu}[\p{L}'’-]*\.?|\p{Lu}\.)$/u;
const TITLE_TOKEN =
  /^(?:herr|frau|hr\.|fr\.|mr\.?|mrs\.?|ms\.?|miss|mx\.?|dr\.?|prof\.?|dipl\.-[\p{L}]+\.?|med\.?|rer\.?|nat\.?)$/iu;
const LOWER_PARTICLES = /^(?:von|van|de|der|den|du|zu|vom|zum|zur|da|di|del|la|le|ten|ter)$/u;
const NOT_A_SIGNATURE = /(?:team|kundenservice|support|service|gmbh|shop|iphone|android|gesendet|sent from|outlook)/iu;

function looksLikeName(candidate: string): boolean {
  const text = candidate.trim().replace(/[,.!]+$/u, (end) => (end === '.' ? end : ''));
  if (!text || text.length > 60 || /\d|@/.test(text) || NOT_A_SIGNATURE.test(text)) return false;
  const tokens = text.split(/\s+/);
  if (tokens.length > 5) return false;
  const names = tokens.filter((token) => !TITLE_TOKEN.test(token));
  return (
    names.length > 0 &&
    names.every((token) => NAME_TOKEN.test(token) || LOWER_PARTICLES.test(token)) &&
    names.some((token) => NAME_TOKEN.test(token) && token.replace(/\.$/, '').length > 1)
  );
}

/** A closing line ("Mit freundlichen Grüßen", "LG Lea", "Thanks, Priya"): the name on it, "" for none, null if no closing. */
function readClosing(line: string): string | null {
  const tokens = line.trim().split(/\s+/);
  let consumed = 0;
  let hasKeyword = false;
  for (const token of tokens) {
    const word = token.toLowerCase().replace(/[,.!:;]+$/u, '');
    if (!CLOSING_WORDS.has(word)) break;
    if (CLOSING_KEYWORDS.test(word)) hasKeyword = true;
    consumed++;
  }
  if (!hasKeyword || consumed === 0) return null;
  const rest = tokens
    .slice(consumed)
    .join(' ')
    .replace(/^[,\s]+/, '');
  if (!rest) return '';
  return looksLikeName(rest) ? rest : null;
}

/**
 * The name a customer signs a message with: the line after (or on) the last closing ("Mit freundlichen Grüßen\nDr.
 * Klaus Bergmann", "LG Lea", "Thanks, Priya"). Undefined when the message has no recognisable signature.
 */
export function readSignedName(text: string): string | undefined {
  const lines = stripQuotedHistory(text)
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  // Signatures sit at the end: the closing within the last few lines, the name right after it.
  for (let i = lines.length - 1; i >= Math.max(0, lines.length - 5); i--) {
    const closing = readClosing(lines[i] ?? '');
    if (closing === null) continue;
    if (closing) return closing.replace(/,$/, '');
    const next = lines[i + 1];
    return next && looksLikeName(next) ? next.replace(/,$/, '') : undefined;
  }
  return undefined;
}

function sameName(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLocaleLowerCase('de') === b.toLocaleLowerCase('de');
}

function titleParts(title: string | undefined): Pick<CustomerAddress, 'gender' | 'courtesy' | 'academic'> {
  const parts: Pick<CustomerAddress, 'gender' | 'courtesy' | 'academic'> = {};
  for (const token of (title ?? '').split(/\s+/)) {
    const word = token.toLowerCase().replace(/\.$/, '');
    if (word === 'herr' || word === 'hr') parts.gender = 'male';
    else if (word === 'frau' || word === 'fr') parts.gender = 'female';
    else if (word === 'mr') {
      parts.gender = 'male';
      parts.courtesy = token;
    } else if (word === 'mrs' || word === 'ms' || word === 'miss') {
      parts.gender = 'female';
      parts.courtesy = token;
    } else if (word === 'mx') parts.courtesy = token;
    else if (word === 'prof') parts.academic = 'Prof.';
    else if (word === 'dr' && parts.academic !== 'Prof.') parts.academic = 'Dr.';
  }
  return parts;
}

/**
 * How to address the customer, from the helpdesk's requester field and the name they sign with (newest message
 * first). Titles from both are combined when the names agree ("Dr. Klaus Bergmann" as requester, "Klaus Bergmann"
 * signed → Dr.); a different signed name (someone writing on another's behalf) wins with its own titles only.
 */
export function readCustomerAddress(conversation: Conversation): CustomerAddress {
  const customerMessages = conversation.messages.filter((m) => m.role === 'customer' && m.bodyLoaded).reverse();
  let requester: ParsedName = parseCustomerName(conversation.customer);
  if (!requester.fullName) {
    const author = customerMessages.find((m) => m.author.name || m.author.email)?.author;
    if (author) requester = parseCustomerName(author);
  }
  let signedText: string | undefined;
  for (const message of customerMessages) {
    signedText = readSignedName(message.text);
    if (signedText) break;
  }
  let signed: ParsedName = signedText ? parseCustomerName({ name: signedText }) : {};
  // A lone word is read as a first name; if it is the requester's family name, it is one ("Bergmann").
  if (!signed.title && !signed.lastName && sameName(signed.firstName, requester.lastName)) {
    signed = { lastName: requester.lastName, fullName: requester.lastName };
  }
  const agrees =
    !signed.fullName ||
    sameName(signed.lastName, requester.lastName) ||
    (!signed.lastName && (!requester.firstName || !signed.firstName || Boolean(requester.lastName)));

  const name: ParsedName = agrees
    ? {
        ...((signed.firstName ?? requester.firstName) ? { firstName: signed.firstName ?? requester.firstName } : {}),
        ...((signed.lastName ?? requester.lastName) ? { lastName: signed.lastName ?? requester.lastName } : {}),
      }
    : signed;
  const titles = agrees ? [requester.title, signed.title] : [signed.title];
  const parts = titleParts(titles.filter(Boolean).join(' '));
  return {
    ...(name.firstName ? { firstName: name.firstName } : {}),
    ...(name.lastName ? { lastName: name.lastName } : {}),
    ...parts,
  };
}

/** A greeting for the reply's first line, without punctuation. */
export interface Salutation {
  /** "Sehr geehrter Herr Dr. Bergmann", "Guten Tag Dr. Bergmann", "Hallo Laura", "Dear Dr. Chen", "Hi Priya". */
  greeting: string;
  /** How the customer is named in it ("Herr Dr. Bergmann", "Dr. Bergmann", "Laura"); absent when no name is known. */
  name?: string;
  /** True when a title or the customer's own Herr/Frau is used: better than a bare name. */
  titled: boolean;
}

/**
 * The greeting for a reply in `language` (and German `form`). German Sie: "Sehr geehrte Frau Yılmaz" when the
 * customer gave Herr/Frau, "Guten Tag Dr. Bergmann" with a title only, "Guten Tag Klaus Bergmann" with a name only,
 * never a guessed gender; du: "Hallo Laura". English: "Dear Dr. Chen" / "Dear Ms Chen" with a title, else "Hi Priya".
 */
export function formatSalutation(
  address: CustomerAddress,
  language: 'de' | 'en',
  form: GermanFormality = 'sie',
): Salutation {
  const { firstName, lastName, gender, academic, courtesy } = address;
  if (language === 'en') {
    const englishTitle = academic ?? courtesy ?? (gender === 'male' ? 'Mr' : gender === 'female' ? 'Ms' : undefined);
    if (englishTitle && lastName) {
      const name = `${englishTitle} ${lastName}`;
      return { greeting: `Dear ${name}`, name, titled: true };
    }
    return firstName
      ? { greeting: `Hi ${firstName}`, name: firstName, titled: false }
      : { greeting: 'Hello', titled: false };
  }
  if (form === 'du') {
    return firstName
      ? { greeting: `Hallo ${firstName}`, name: firstName, titled: false }
      : { greeting: 'Hallo', titled: false };
  }
  if (lastName && gender) {
    const name = [gender === 'male' ? 'Herr' : 'Frau', academic, lastName].filter(Boolean).join(' ');
    return { greeting: `Sehr geehrte${gender === 'male' ? 'r' : ''} ${name}`, name, titled: true };
  }
  if (lastName && academic) {
    const name = `${academic} ${lastName}`;
    return { greeting: `Guten Tag ${name}`, name, titled: true };
  }
  if (lastName && firstName) {
    const name = `${firstName} ${lastName}`;
    return { greeting: `Guten Tag ${name}`, name, titled: false };
  }
  return { greeting: 'Guten Tag', titled: false };
}
