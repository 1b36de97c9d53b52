/**
 * Support mail and chat written the way customers write it (issue 18): a fault and the failed attempts to get it
 * fixed, worry about money, a deadline or a gift, plain and confused questions, sarcasm after a failure, thanks — in
 * English and German (du/ihr as well as Sie), with typos, lowercase, run-ons, order numbers, quoted agent lines,
 * emoji and tweet handles. Plus German feedback about trains and shops (delays, cancellations, crowded trains,
 * friendly staff, timetable news), the register of customer feedback about a rail company.
 *
 * Every message is composed from phrase parts by a seeded PRNG, so the set is deterministic; each recipe draws one
 * part from several independent lists and a style (case, punctuation, run-on, typo), so no two messages share more
 * than a clause or two. Labels are [sentiment, emotion]. None of these texts may appear in the authored challenge
 * sets under scripts/train/eval/ (the trainer checks).
 */
import type { AuthoredExample } from './authored';
import { createRng } from './bag-model';

type Lang = 'de' | 'en';

/** One draw of the generator: parts, numbers and the message's style. */
interface Draw {
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number;
}

function createDraw(seed: number): Draw {
  const rng = createRng(seed);
  return {
    pick: <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T,
    chance: (p) => rng() < p,
    int: (lo, hi) => lo + Math.floor(rng() * (hi - lo + 1)),
  };
}

const weekdays: Record<Lang, readonly string[]> = {
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'the weekend'],
  de: ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag'],
};
const times: Record<Lang, readonly string[]> = {
  en: ['twice', 'three times', '3 times', 'four times', '5 times', 'several times'],
  de: ['zweimal', 'dreimal', '3x', 'viermal', '5 mal', 'mehrmals'],
};
const people: Record<Lang, readonly string[]> = {
  en: ['three', 'four', 'five', '3', '4'],
  de: ['drei', 'vier', 'fünf', '3', '4'],
};
const agentNames = ['Sam', 'Tom', 'Leonie', 'Jonas', 'Aisha', 'Ben', 'Marta', 'Kai', 'Nina', 'Ole'];
const cities = [
  'Köln',
  'Hamburg',
  'München',
  'Berlin',
  'Frankfurt',
  'Stuttgart',
  'Hannover',
  'Leipzig',
  'Dortmund',
  'Nürnberg',
  'Bremen',
  'Kassel',
  'Mannheim',
  'Erfurt',
  'Würzburg',
  'Dresden',
];

/** Fills `{nr}`, `{min}`, `{days}`, `{day}`, `{times}`, `{n}`, `{amount}`, `{name}`, `{city}`, `{city2}`, `{line}`. */
function fill(text: string, lang: Lang, d: Draw): string {
  const city = d.pick(cities);
  return text
    .replace(/\{nr\}/g, () => {
      const digits = d.int(4, 6);
      return String(d.int(10 ** digits, 10 ** (digits + 1) - 1));
    })
    .replace(/\{min\}/g, () => d.pick(['20', '25', '30', '35', '40', '45', '50', '55', '60', '90']))
    .replace(/\{days\}/g, () => d.pick(['3', '4', '5', '6', '8', '9', '10', '12', '14']))
    .replace(/\{day\}/g, () => d.pick(weekdays[lang]))
    .replace(/\{times\}/g, () => d.pick(times[lang]))
    .replace(/\{n\}/g, () => d.pick(people[lang]))
    .replace(/\{amount\}/g, () => d.pick(['49.99', '89', '120', '35.50', '249', '18.90', '64']))
    .replace(/\{name\}/g, () => d.pick(agentNames))
    .replace(/\{city\}/g, city)
    .replace(/\{city2\}/g, () => d.pick(cities.filter((c) => c !== city)))
    .replace(/\{line\}/g, () => d.pick(['1', '2', '5', '7', '10', '42', '70']));
}

/** `[formal|informal]` groups: one register per message (Sie or du/ihr), kept for the whole message. */
function register(text: string, formal: boolean): string {
  return text.replace(/\[([^|\]]*)\|([^\]]*)\]/g, (_, f: string, i: string) => (formal ? f : i));
}

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A typo in one longer word: two letters swapped or one dropped, as fast typing on a phone does. */
function typo(text: string, d: Draw): string {
  const words = text.split(' ');
  const candidates = words.map((w, i) => (/^[a-zäöüß]{5,}$/i.test(w) ? i : -1)).filter((i) => i >= 0);
  if (!candidates.length) return text;
  const at = d.pick(candidates);
  const w = words[at] as string;
  const k = d.int(1, w.length - 2);
  words[at] = d.chance(0.5)
    ? w.slice(0, k) + w.charAt(k + 1) + w.charAt(k) + w.slice(k + 2)
    : w.slice(0, k) + w.slice(k + 1);
  return words.join(' ');
}

interface Style {
  /** Chance the whole message is lowercase (chat and phone typing). */
  lower: number;
  /** Chance clauses run on with commas instead of sentences. */
  runOn: number;
  typo: number;
  emoji: number;
  emojis: readonly string[];
  /** Sentence ends to pick from (the last one also ends the message). */
  ends: readonly string[];
}

/**
 * Joins clauses into one message in a drawn style. Clauses are written lowercase-first without end punctuation; a
 * clause that ends in ? or ! keeps it.
 */
function compose(clauses: string[], lang: Lang, style: Style, d: Draw): string {
  const lower = d.chance(style.lower);
  const runOn = d.chance(style.runOn);
  let out = '';
  clauses.forEach((c, i) => {
    const clause = c.trim();
    if (!clause) return;
    const last = i === clauses.length - 1;
    const hasEnd = /[?!.]$/.test(clause);
    if (!out) out = lower ? clause : upperFirst(clause);
    else if (runOn && !/[?!.]$/.test(out))
      out += `${d.pick([', ', ', ', lang === 'de' ? ' und ' : ' and ', ' - ', '... '])}${clause}`;
    else out += ` ${lower ? clause : upperFirst(clause)}`;
    if (!hasEnd && (!runOn || last)) out += last ? d.pick(style.ends) : '.';
  });
  if (lower) out = out.toLowerCase();
  if (lang === 'en' && lower && d.chance(0.5)) out = out.replace(/'/g, '');
  if (d.chance(style.typo)) out = typo(out, d);
  if (lang === 'de' && d.chance(0.06)) out = out.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue');
  if (lang === 'de' && d.chance(0.1)) out = out.replace(/ß/g, 'ss');
  if (d.chance(style.emoji)) out += ` ${d.pick(style.emojis)}`;
  return out.replace(/\s+/g, ' ').trim();
}

const greetings: Record<Lang, readonly string[]> = {
  en: ['', '', '', 'hi, ', 'hello, ', 'hey ', 'hi there, ', 'good morning, ', 'dear team, ', 'hiya, '],
  de: [
    '',
    '',
    '',
    'Hallo, ',
    'Hi, ',
    'Guten Tag, ',
    'Moin, ',
    'Hallo zusammen, ',
    'Sehr geehrte Damen und Herren, ',
    'Servus, ',
  ],
};
const closings: Record<Lang, readonly string[]> = {
  en: ['', '', '', ' thanks', ' thx', ' Regards, Tom', ' - Sarah', ' cheers', ' Kind regards'],
  de: ['', '', '', ' Gruß', ' LG', ' Danke', ' MfG', ' Viele Grüße, Jan', ' VG Anna'],
};
const handles = ['@ShopCare', '@NetCoHelp', '@RailHelp', '@FlyerSupport', '@StreamHelp', '@MobileCare'];

/** Agent lines a customer's reply quotes: they carry no mood of the customer's. */
const quoted: Record<Lang, readonly string[]> = {
  en: [
    "> We're sorry for the inconvenience, your request has been forwarded to the relevant department.",
    '> Thank you for contacting us. We will get back to you within 48 hours.',
    "> Thanks for your patience, we're looking into this for you.",
    '> Could you please send us your order number so we can check?',
    '> Hi, thanks for reaching out! Please DM us your account email.',
    '> Great news, your refund has been processed and should reach you in 3-5 working days.',
    '> On 12 March, Customer Service wrote: Please restart the device and let us know.',
  ],
  de: [
    '> Vielen Dank für Ihre Nachricht. Wir melden uns innerhalb von 48 Stunden bei Ihnen.',
    '> Wir bedauern die Unannehmlichkeiten und haben Ihr Anliegen an die zuständige Abteilung gegeben.',
    '> Danke für deine Geduld, wir schauen uns das an!',
    '> Bitte senden Sie uns Ihre Bestellnummer, damit wir das prüfen können.',
    '> Am 12.03. schrieb Kundenservice: Bitte starten Sie das Gerät neu und geben Sie uns Bescheid.',
    '> Gute Nachrichten: Deine Erstattung wurde veranlasst und ist in 3-5 Werktagen auf deinem Konto.',
  ],
};

/** Wraps a body in the things around it in real mail and chat: greeting, sign-off, handle, a quoted agent line. */
function frame(body: string, lang: Lang, d: Draw, opts: { handle?: number; quote?: number } = {}): string {
  let text = body;
  const g = d.pick(greetings[lang]);
  if (g && !/^[@>]/.test(text)) {
    const lowerGreeting = text.charAt(0) === text.charAt(0).toLowerCase();
    text = `${lowerGreeting ? g.toLowerCase() : g}${text.charAt(0).toLowerCase()}${text.slice(1)}`;
  }
  text += d.pick(closings[lang]);
  if (lang === 'en' && d.chance(opts.handle ?? 0.12)) text = `${d.pick(handles)} ${text}`;
  if (d.chance(opts.quote ?? 0.07)) {
    const q = d.pick(quoted[lang]);
    text = d.chance(0.5) ? `${q} ${text}` : `${text} ${q}`;
  }
  return text;
}

// --- English parts ---------------------------------------------------------------------------------------------

const enFaults = [
  'the app closes itself as soon as I launch it',
  'the app logs me out every few minutes',
  "my parcel says delivered but it's not here",
  "order #{nr} still hasn't arrived",
  "the tracking for order #{nr} hasn't moved in {days} days",
  "I've been charged twice for one order",
  "my refund for order {nr} still hasn't come through",
  'the dishwasher stopped draining after a week',
  'my internet keeps dropping out every evening',
  'the broadband has been down since {day}',
  'the courier left the box out in the rain and everything inside is soaked',
  'I got the wrong size again',
  'half of my order is missing',
  'the screen has a dead line right across it',
  'the battery is flat after an hour',
  'my subscription renewed even though I cancelled it last month',
  "I've been billed for a month I already paid",
  'the package has been sitting at your depot for a week',
  "the phone won't charge anymore",
  'my booking has disappeared from the app',
  'my flight got moved by 6 hours and nobody told me',
  "the locker code you sent doesn't open the locker",
  'the printer shows error E-04 whatever I do',
  'the chair arrived with a broken leg',
  "the engineer didn't turn up",
  'the voucher code gets rejected at checkout',
  "my account got locked and the reset link doesn't work",
  'the replacement you sent has the exact same fault',
  'the meter reading on my bill is wrong',
  'the delivery slot was 8 to 12 and nobody came',
  'my train was cancelled and there was no bus either',
  "the item I sent back {days} days ago still isn't showing as received",
  'the direct debit was taken twice this month',
  "the sofa was due on {day} and it's still not here",
  'the headphones only work on one side',
  'my points from the last three orders never showed up',
  'the washing machine leaks all over the kitchen floor',
  "I can't get past the payment page, it just spins",
  "the tv won't turn on since the update",
  "the app won't let me add my card",
  "my bag didn't come off the plane",
  'the driver cancelled on me twice and I still got charged',
  'music keeps pausing every few seconds',
  'no signal at home since {day}',
  'my bill doubled this month for no reason',
  "the console won't update, error every time",
  'the train was {min} minutes late and the wifi was dead the whole way',
  'you sent the invoice to the wrong company',
  'my order was cancelled without any explanation',
  "the fridge isn't cooling and the food's gone off",
];
const enAttempts = [
  "I've called {times} and got cut off every time",
  'I was on hold for {min} minutes',
  'on hold {min} mins and counting',
  'emailed {times} and only got the automatic reply',
  'the chat bot keeps sending me the same FAQ link',
  'I was promised a call back on {day}, nobody called',
  'I already did the reset your colleague told me to do, no change',
  'this is my fourth message about this',
  'the hotline tells me to email and the email tells me to call the hotline',
  'I reported it on {day} and the ticket is still open',
  'your colleague said it would be fixed within 48 hours, that was last week',
  'tried the website, the app and the phone, nothing',
  "I've explained this to {n} different people now",
  'every time I call I get told someone will get back to me',
  "the engineer was booked twice and didn't show either time",
  'I filled in the online form {times} and never heard back',
  'still no reply to my email from last week',
  'the store sends me to the website and the website sends me to the store',
  'got transferred {times} and ended up back at the start',
  'nobody has even acknowledged my complaint',
  "it's been {days} days and no one has got back to me",
  'your agent hung up on me',
  'the live chat closes before anyone joins',
  'I sent the photos you asked for on {day} and heard nothing since',
];
/** Expectation against what happened: complaints that need no emotional word at all. */
const enLetdowns = [
  'I was told it would ship on {day}, it still says processing',
  "you promised the money back in 3-5 days, it's been {days}",
  'the quick repair has now taken {days} days',
  'ordered the large one and got a small one, again',
  'reinstalled, restarted, reset, same problem',
  "it worked for two days and now it's dead again",
  'same problem as last month, nothing was fixed',
  'not a word from anyone since {day}',
  "the tracking has said 'exception' for a week",
  "I pay for premium and it's slower than ever",
  'the compensation voucher expired before I could use it',
  'my order shows cancelled but the money was still taken',
  'the new router drops out just like the old one',
  'the app update wiped my saved addresses',
  "the seat I reserved didn't exist on the train",
  'I was charged the cancellation fee although you cancelled',
  'the parcel came back to you because your driver had the wrong house number',
  'I returned it {days} days ago and the refund still says pending',
  'the replacement was sent to my old address even though I changed it',
  'two of the four chairs are missing and the invoice says delivered in full',
];
const enLetdownTails = ['', '', '', 'again', 'seriously?', "what's going on?", 'come on', 'every single time', 'how?'];
const enAsks = [
  'can someone actually look at this?',
  'what now?',
  'please sort it out',
  'how long is this going to take?',
  'I just want it fixed',
  'any update??',
  'is anyone there?',
  'what am I supposed to do now?',
  'please call me back',
  'can I get a straight answer please?',
  'when will this be resolved?',
  'I need this sorted this week',
];
const enAnxiousSituations = [
  'my boy turns 8 on {day}',
  "I'm flying out on {day} morning",
  'the wedding is next weekend',
  "it's a present for my mum's 70th on {day}",
  'I need it for a job interview on {day}',
  'my rent goes out on the 1st',
  'my visa appointment is on {day}',
  'my exam is on {day} and I need the laptop for it',
  "we're moving out on {day}",
  "it's for my daughter's school trip on {day}",
  'I start my new job on {day} and need the phone',
  "it's our anniversary on {day}",
];
const enAnxiousProblems = [
  "the parcel still hasn't shipped",
  "tracking hasn't updated since {day}",
  'the order is still showing as processing',
  "you've taken the money twice so my account is nearly empty",
  "the refund of £{amount} still isn't back",
  "the courier just says 'delayed'",
  'the order was suddenly cancelled',
  "the replacement hasn't been sent yet",
];
const enWorries = [
  "I'm really worried it won't arrive in time",
  'getting nervous now',
  'is there any way to make sure it gets here?',
  'please tell me it will arrive',
  "I'm starting to panic a bit",
  "I'm really anxious about this",
  "can you guarantee it'll be here?",
  "I can't afford to lose that money",
  "what happens if it doesn't come?",
  "I'm so stressed about this",
  "I honestly don't know what I'll do if it doesn't turn up",
  'I really need it by then',
  "it's the only present I got him",
  'we have nothing else to wear',
  'I need that money back before the end of the month',
  'is it still going to make it?',
  'kind of freaking out here',
  'please, it really matters',
];
const enSecurityWorries = [
  'I got a text saying someone logged into my account from abroad, is my card safe?',
  "there's a payment of £{amount} I don't recognise, has my account been hacked?",
  'the money left my account but there is no order, did it go through or is it lost?',
  "I clicked a link in an email that looked like yours and entered my card details, I'm scared it was a scam",
  'my account shows orders I never made, please help',
  "someone changed the email on my account and I can't get in",
];
const enSecurityFollowUps = [
  "I'm really worried",
  'what do I do now?',
  'please help, I am panicking',
  "I'm scared I've lost the money",
  'can you check urgently please?',
  'this is really stressing me out',
];
const enQuestions = [
  'do you have the grey sofa in stock at the Bristol store?',
  'can I reserve a table for six on Friday at 7?',
  'is it possible to delay my delivery by a week? going on holiday',
  'how do I download my invoices from last year?',
  'can you confirm my booking reference {nr} is for two people?',
  'what is the weight limit for hand luggage?',
  'can I get the receipt sent to a different email?',
  'do I need an account to order?',
  'when will the autumn collection be online?',
  'is the router included in the monthly price?',
  'could you tell me which courier you use for Scotland?',
  'how do I turn off auto-renewal?',
  'is it still possible to send order #{nr} to a different address?',
  'do you deliver to Ireland?',
  'what are your opening hours on bank holidays?',
  'is the blue one coming back in stock soon?',
  'how do I update my card details?',
  'can I get a VAT invoice for order {nr}?',
  'is collection from the store possible?',
  'does the price include installation?',
  'how quickly do refunds go through?',
  'could you send me the manual for the X200?',
  'can I add another item to my order before it ships?',
  "what's the warranty on the coffee machine?",
  'do you price match?',
  'is there a fee for returns?',
  'can I pay with Apple Pay?',
  'when does the sale end?',
  'does this model come with 128GB?',
  'please update my email to the new one on my profile',
  'I need to cancel order {nr}, I ordered the same thing twice',
  "what's the cut-off time for next-day delivery?",
  'can I change my plan in the middle of the month?',
  'is the 8:15 from Leeds running today?',
  'do I have to print the return label or is the QR code enough?',
  'my new address is 12 Station Road, could you put it on my account?',
  'could you send the booking confirmation again?',
  'is there a number I can call instead of the chat?',
  'how do I switch to paperless billing?',
  'do you offer gift wrapping?',
  'can I transfer my contract to my partner?',
  'which charger works with the model 7?',
  'the jacket is a bit small, can I swap it for a large?',
  'unfortunately the lamp does not fit our room, how do I return it?',
  'I moved house, where do I update my address?',
  'can I book a seat for my bike on the 14:02 to York?',
  'is my return window 14 or 30 days?',
  'does the subscription renew automatically?',
  'are the trainers true to size?',
  'can I use two vouchers on one order?',
  "what's the status of ticket {nr}?",
  'has my return for order {nr} arrived yet?',
];
const enConfused = [
  "I don't understand the bill, why are there two charges of £{amount}?",
  "I'm confused, the app says delivered but the email says out for delivery",
  'not sure which cable I need, the website lists two',
  "what does 'awaiting authorisation' mean?",
  'did my payment go through or not? the page just refreshed',
  "I'm a bit lost, do I need to cancel the old plan myself?",
  'which address do I send the return to? the label and the website say different things',
  "I can't work out where to enter the voucher code",
  'sorry if this is a silly question but how do I reset the router?',
  'wait so is my order cancelled or not?',
  "I don't get why the price changed at checkout",
  'the email says my refund was issued but to which card?',
  "I'm not sure if I'm meant to wait for the engineer or book one",
  "huh, why does my account say premium? I'm on the basic plan I think",
  'which of the two tracking numbers is the right one?',
];
const enSarcasmOpeners = [
  'great,',
  'oh great,',
  'wow,',
  'brilliant,',
  'fantastic,',
  'love it,',
  'perfect,',
  'amazing,',
  'well done,',
  'nice one,',
  'oh wonderful,',
  'thanks a lot,',
  'thanks for nothing,',
  'cheers for nothing,',
  'oh lovely,',
  'just brilliant,',
  'yay,',
];
const enSarcasmFailures = [
  "the replacement doesn't work either",
  'another automated reply',
  'the parcel went back to the depot again',
  "my 'next day' delivery is on day six",
  'cut off after {min} minutes on hold',
  'charged twice again',
  'the third engineer visit and still no internet',
  'the app update deleted my saved cards',
  'the refund turned into a voucher I never asked for',
  "a 'sorry for the inconvenience' and nothing else",
  'my complaint got closed without a reply',
  'the train is late for the fifth day in a row',
  'the "fix" made it worse',
  'I get to explain everything from the start again',
];
const enSarcasmTails = [
  'just what I needed',
  'great service 👏',
  'really impressive',
  '10/10',
  'keep it up',
  "can't wait for round three",
  'you really outdid yourselves',
  'what would I do without you',
  'so glad I chose you',
  'love being your customer',
  'top work as always',
  'really making my day',
  'typical',
  'yeah, great job',
  'fantastic customer service, truly',
  'what a surprise',
  'cheers for that',
];
const enAngry = [
  'this is an absolute joke',
  "I'm furious",
  'completely unacceptable',
  'I want my money back today',
  "you're useless",
  "I'm asking my bank to reverse the payment",
  "cancel my account, I'm done",
  "worst service I've ever had",
  'ridiculous',
  "I'm sick of being lied to",
  "I'm reporting you to trading standards",
  'how is this even legal?',
  'NOBODY takes responsibility',
  'I am absolutely livid',
  'never again',
];
const enSad = [
  "I'm really disappointed",
  'so gutted, it was a present for my dad',
  "such a shame, I've been a customer for years",
  'I was really looking forward to it',
  'honestly a bit heartbroken, it was for our first Christmas in the new house',
  "it's such a letdown",
  'feeling pretty let down to be honest',
  'my little girl was in tears',
];
/**
 * A problem that has been solved, in the same words the complaints use (engineer, parcel, refund, login): the topic
 * alone must not read as frustration.
 */
const enResolved = [
  'the engineer came this morning and the internet is back',
  'the parcel turned up after all',
  'the refund is on my account now',
  'the new charger works fine',
  'I can log in again after the reset',
  'your colleague corrected the invoice',
  'the replacement arrived today and works',
  'the app runs again since the update',
  'the missing chair was delivered this afternoon',
  'the double charge has been reversed',
  'the technician sorted the router in ten minutes',
  'my booking is back in the app',
  'the train home was on time for once',
  'the tracking finally shows it at the depot near me',
];
const enResolvedTails = [
  'thank you!',
  'thanks for sorting it',
  'really appreciated',
  'great job',
  'just wanted to say thanks',
  'thanks for your patience with me',
  'all good now',
];
const enPraise = [
  "we've been using the new dashboard all week and it saves us so much time",
  'the export feature is exactly what we needed',
  'the new app design is so much clearer',
  'the support chat answered in two minutes, impressive',
  'the quality of the jacket is even better than I expected',
  'our team loves the new scheduling tool',
  'delivery was quick and the driver was lovely',
];
const enThanks = [
  'thanks so much {name}, you sorted it in minutes',
  'the refund came through so fast, much appreciated',
  'thank you for getting back to me on a Saturday',
  'cheers, that worked',
  'massive thanks to the guy on the phone, he was so patient',
  'thank you, the new one arrived today and works perfectly',
  "you're a star, thank you",
  'thanks for the update, much appreciated',
  'thank you for your help, all sorted now',
  'thanks {name}, that was really kind of you',
  'thank you for going above and beyond',
  'huge thanks for sorting the refund so fast',
  'that did the trick, thank you',
  'thanks for being so understanding',
];
const enHappy = [
  'the new sofa looks amazing, so happy with it',
  'arrived today, love it',
  'best purchase I made this year',
  'works perfectly, really pleased',
  "well made and delivered in no time, I'll be back for more",
  'loving the new update',
  'the flight was smooth and the crew were lovely',
  'everything arrived well packed and on time',
  'so pleased with the quality',
  'the train was on time and spotless today',
  'the new version is really good',
  'runs so smoothly since the update',
  'everything worked first time',
  'refund was back in two days, brilliant',
  'your chat team was really helpful',
  'keep it up',
  'it even came a day early',
  'the spare part fits perfectly',
];

// --- German parts ----------------------------------------------------------------------------------------------

const deFaults = [
  'die App schließt sich sofort nach dem Start',
  'die App meldet mich ständig ab',
  'laut Tracking wurde das Paket zugestellt, hier ist aber nichts angekommen',
  'Bestellung {nr} ist immer noch nicht da',
  'die Sendungsverfolgung bewegt sich seit {days} Tagen nicht',
  'mir wurde der Betrag zweimal abgebucht',
  'die Erstattung für Bestellung {nr} ist immer noch nicht auf meinem Konto',
  'die Spülmaschine pumpt nach einer Woche nicht mehr ab',
  'das Internet bricht jeden Abend ab',
  'das Internet ist seit {day} komplett weg',
  'der Paketbote hat den Karton im Regen stehen lassen, alles ist nass',
  'wieder eine falsche Größe im Paket',
  'die Hälfte der Bestellung fehlt',
  'auf dem Display ist ein Streifen quer durch',
  'der Akku ist nach einer Stunde leer',
  'das Abo wurde verlängert, obwohl ich letzten Monat gekündigt habe',
  'mir wurde ein Monat berechnet, den ich schon bezahlt habe',
  'das Paket liegt seit einer Woche im Verteilzentrum',
  'das Handy lädt nicht mehr',
  'meine Buchung ist aus der App verschwunden',
  'der Abholcode für die Packstation funktioniert nicht',
  'der Drucker zeigt Fehler E-04, egal was ich mache',
  'der Stuhl kam mit einem gebrochenen Bein',
  'der Monteur ist nicht gekommen',
  'der Gutscheincode wird an der Kasse nicht akzeptiert',
  'mein Konto ist gesperrt und der Link zum Zurücksetzen geht nicht',
  'das Austauschgerät hat genau den gleichen Fehler',
  'der Zählerstand auf der Rechnung stimmt nicht',
  'das Lieferfenster war 8 bis 12 Uhr und keiner kam',
  'die Lastschrift wurde diesen Monat doppelt eingezogen',
  'das Sofa sollte am {day} kommen und ist immer noch nicht da',
  'der Kopfhörer geht nur auf einer Seite',
  'die Waschmaschine läuft aus',
  'ich komme nicht über die Bezahlseite hinaus, die lädt einfach endlos',
  'der Fernseher geht seit dem Update nicht mehr an',
  'meine Retoure von vor {days} Tagen ist immer noch nicht als eingegangen verbucht',
  'die Bonuspunkte der letzten Bestellungen wurden nie gutgeschrieben',
  'beim Regal fehlt die Hälfte der Beschläge',
  'mein Tarif wurde ohne Rückfrage umgestellt',
  'die Rechnung ist doppelt so hoch wie vereinbart',
  'mein Koffer ist in {city} nicht angekommen',
  'der Fahrer hat zweimal storniert und ich musste trotzdem zahlen',
  'seit {day} kein Netz zu Hause',
  'der Kühlschrank kühlt nicht mehr, die Lebensmittel sind hinüber',
  'meine Bestellung wurde ohne Begründung storniert',
  'die Rechnung ging an die falsche Firma',
];
const deAttempts = [
  'ich habe {times} angerufen und bin jedes Mal rausgeflogen',
  'ich hing {min} Minuten in der Warteschleife',
  '{min} min Warteschleife und dann war die Leitung tot',
  'auf meine {n} Mails kam nur die automatische Antwort',
  'der Chatbot schickt mir immer nur den gleichen FAQ-Link',
  'mir wurde ein Rückruf für {day} versprochen, keiner hat sich gemeldet',
  'den Reset, den [Ihr Kollege|euer Kollege] empfohlen hat, habe ich schon gemacht, bringt nichts',
  'das ist meine vierte Nachricht dazu',
  'die Hotline sagt, ich soll mailen, und per Mail heißt es, ich soll anrufen',
  'ich habe es am {day} gemeldet und das Ticket ist immer noch offen',
  'mir wurde gesagt, in 48 Stunden ist das erledigt, das war letzte Woche',
  'Website, App, Hotline, alles probiert',
  'ich habe das jetzt {n} verschiedenen Leuten erklärt',
  'jedes Mal heißt es, man meldet sich, passiert ist nichts',
  'der Monteur war zweimal gebucht und kam beide Male nicht',
  'das Kontaktformular hab ich {times} ausgefüllt, nie eine Antwort bekommen',
  'auf meine Mail von letzter Woche hat noch niemand reagiert',
  'die Filiale schickt mich zur Hotline und die Hotline zur Filiale',
  'ich wurde {times} weiterverbunden und landete wieder am Anfang',
  'meine Reklamation wurde nicht mal bestätigt',
  'seit {days} Tagen meldet sich niemand',
  '[Ihre Mitarbeiterin|eure Mitarbeiterin] hat einfach aufgelegt',
  'der Livechat schließt, bevor jemand antwortet',
  'die Fotos hab ich am {day} geschickt, seitdem höre ich nichts',
];
/** Erwartung gegen das, was passiert ist: Beschwerden ganz ohne Gefühlswort. */
const deLetdowns = [
  "mir wurde Versand am {day} zugesagt, es steht immer noch auf 'in Bearbeitung'",
  'es hieß, das Geld ist in 3-5 Tagen zurück, jetzt sind es {days}',
  'die schnelle Reparatur dauert jetzt schon {days} Tage',
  'große Größe bestellt, kleine bekommen, schon wieder',
  'neu installiert, neu gestartet, zurückgesetzt, gleiches Problem',
  'zwei Tage lief es, jetzt ist es wieder tot',
  'gleiches Problem wie letzten Monat, nichts wurde behoben',
  'seit {day} kein Wort von niemandem',
  "die Sendungsverfolgung zeigt seit einer Woche 'Zustellproblem'",
  'ich zahle für Premium und es ist langsamer als je zuvor',
  'der Entschädigungsgutschein war abgelaufen, bevor ich ihn nutzen konnte',
  'die Bestellung steht auf storniert, das Geld wurde trotzdem abgebucht',
  'der neue Router bricht genauso ab wie der alte',
  'nach dem App-Update sind meine gespeicherten Adressen weg',
  'den reservierten Platz gab es im Zug gar nicht',
  '[mir wurde die Stornogebühr berechnet, obwohl Sie storniert haben|mir wurde die Stornogebühr berechnet, obwohl ihr storniert habt]',
  'das Paket ging zurück, weil der Fahrer die falsche Hausnummer hatte',
  'vor {days} Tagen zurückgeschickt und die Erstattung steht immer noch auf ausstehend',
  'der Ersatz ging an meine alte Adresse, obwohl ich sie geändert hatte',
  'zwei von vier Stühlen fehlen und auf der Rechnung steht vollständig geliefert',
];
const deLetdownTails = [
  '',
  '',
  '',
  'schon wieder',
  'ernsthaft?',
  'was ist da los?',
  'echt jetzt?',
  'jedes Mal',
  'wie kann das sein?',
];
const deAsks = [
  'kann sich das bitte mal jemand ansehen?',
  'und jetzt?',
  '[bitte kümmern Sie sich darum|bitte kümmert euch endlich darum]',
  'wie lange soll das noch dauern?',
  'ich will einfach, dass es funktioniert',
  'gibt es was Neues??',
  'ist da überhaupt jemand?',
  'was soll ich jetzt machen?',
  'bitte um Rückruf',
  'ich bitte um eine zeitnahe Lösung',
  'wann wird das endlich behoben?',
  '[können Sie mir bitte eine klare Antwort geben?|könnt ihr mir mal eine klare Antwort geben?]',
];
const deAnxiousSituations = [
  'am {day} ist der Geburtstag meines Sohnes',
  'ich fliege am {day} früh',
  'die Hochzeit ist nächstes Wochenende',
  'es ist ein Geschenk zum 70. meiner Mutter am {day}',
  'ich brauche es für ein Vorstellungsgespräch am {day}',
  'am Ersten geht die Miete ab',
  'der Termin beim Amt ist am {day}',
  'am {day} ist die Prüfung und ich brauche den Laptop dafür',
  'wir ziehen am {day} aus',
  'die Klassenfahrt meiner Tochter ist am {day}',
  'ich fange am {day} im neuen Job an und brauche das Handy',
  'am {day} ist unser Jahrestag',
];
const deAnxiousProblems = [
  'das Paket wurde noch nicht mal verschickt',
  'die Sendungsverfolgung steht seit {day} still',
  "die Bestellung steht immer noch auf 'in Bearbeitung'",
  '[Sie haben|ihr habt] doppelt abgebucht, mein Konto ist fast leer',
  'die {amount} € Erstattung sind immer noch nicht zurück',
  "der Paketdienst schreibt nur 'verzögert'",
  'die Bestellung wurde plötzlich storniert',
  'der Ersatz ist noch nicht mal verschickt',
];
const deWorries = [
  'ich mache mir echt Sorgen, dass es nicht rechtzeitig kommt',
  'langsam werde ich nervös',
  'gibt es irgendeine Möglichkeit, dass es noch rechtzeitig ankommt?',
  '[bitte sagen Sie mir, dass es noch kommt|bitte sagt mir, dass es noch kommt]',
  'ich bekomme langsam Panik',
  'mir ist echt mulmig dabei',
  '[können Sie garantieren, dass es ankommt?|könnt ihr garantieren, dass es ankommt?]',
  'ich kann es mir nicht leisten, das Geld zu verlieren',
  'was mache ich, wenn es nicht kommt?',
  'ich bin total gestresst deswegen',
  'ich weiß echt nicht, was ich mache, wenn das nicht klappt',
  'ich brauche es wirklich bis dahin',
  'das ist das einzige Geschenk, das ich habe',
  'ich brauche das Geld vor Monatsende zurück',
  'schafft das Paket das noch?',
  'mir wird gerade echt anders',
  'es ist wirklich wichtig für mich',
  'ich schlafe schon schlecht deswegen',
];
const deSecurityWorries = [
  'ich habe eine SMS bekommen, dass sich jemand aus dem Ausland eingeloggt hat, ist meine Karte sicher?',
  'da ist eine Abbuchung über {amount} €, die ich nicht kenne, wurde mein Konto gehackt?',
  'das Geld ist weg, aber es gibt keine Bestellung, ist das jetzt verloren?',
  'ich habe auf einen Link in einer Mail geklickt, die wie eure aussah, und meine Kartendaten eingegeben, ich habe Angst, dass das Betrug war',
  'in meinem Konto stehen Bestellungen, die ich nie gemacht habe, bitte helfen Sie mir',
  'jemand hat die E-Mail-Adresse in meinem Konto geändert und ich komme nicht mehr rein',
];
const deSecurityFollowUps = [
  'ich mache mir echt Sorgen',
  'was mache ich jetzt?',
  'bitte helfen Sie mir, ich bin total aufgelöst',
  'ich habe Angst, dass das Geld weg ist',
  '[können Sie das bitte dringend prüfen?|könnt ihr das bitte dringend prüfen?]',
  'das stresst mich gerade total',
];
const deQuestions = [
  'habt ihr das graue Sofa in der Filiale in Bremen vorrätig?',
  'kann ich die Lieferung um eine Woche verschieben? wir sind im Urlaub',
  'wie lade ich meine Rechnungen vom letzten Jahr herunter?',
  '[können Sie bestätigen|könnt ihr bestätigen], dass Buchung {nr} für zwei Personen ist?',
  'wie schwer darf das Handgepäck sein?',
  'kann die Quittung an eine andere E-Mail-Adresse gehen?',
  'brauche ich ein Kundenkonto zum Bestellen?',
  'wann ist die Herbstkollektion online?',
  'ist der Router im Monatspreis enthalten?',
  'mit welchem Paketdienst verschickt ihr nach Österreich?',
  'wie schalte ich die automatische Verlängerung ab?',
  'gibt es den Tisch auch in 1,80 m?',
  'lässt sich die Lieferadresse für Auftrag {nr} noch anpassen?',
  '[verschicken Sie|verschickt ihr] auch in die Schweiz?',
  'wie sind [Ihre|eure] Öffnungszeiten an Feiertagen?',
  'kommt die blaue Variante bald wieder rein?',
  'wie ändere ich meine Kartendaten?',
  'kann ich für Bestellung {nr} eine Rechnung mit ausgewiesener MwSt. bekommen?',
  'geht auch Abholung in der Filiale?',
  'ist die Montage im Preis drin?',
  'wie viele Tage dauert eine Rückerstattung normalerweise?',
  '[können Sie|könnt ihr] mir die Anleitung für den X200 schicken?',
  'kann ich noch einen Artikel zur Bestellung hinzufügen, bevor sie rausgeht?',
  'wie lange ist die Garantie auf die Kaffeemaschine?',
  'gibt es eine Bestpreisgarantie?',
  'kostet die Rücksendung etwas?',
  'kann ich mit Apple Pay zahlen?',
  'wann endet der Sale?',
  'gibt es das Modell auch mit 128 GB?',
  '[bitte ändern Sie|bitte ändert] meine E-Mail-Adresse auf die neue im Profil',
  'ich möchte Auftrag {nr} stornieren, habe aus Versehen doppelt bestellt',
  'bis wann muss ich bestellen, damit es morgen kommt?',
  'kann ich meinen Tarif mitten im Monat wechseln?',
  'fährt der RE um 8:15 heute?',
  'muss ich das Retourenlabel ausdrucken oder reicht der QR-Code?',
  'meine neue Adresse ist Bahnhofstraße 12, [können Sie|könnt ihr] die hinterlegen?',
  '[können Sie|könnt ihr] die Buchungsbestätigung noch mal schicken?',
  'unter welcher Nummer erreiche ich [Sie|euch]?',
  'wie stelle ich auf Online-Rechnung um?',
  '[bieten Sie|bietet ihr] auch Geschenkverpackung an?',
  'kann ich meinen Vertrag auf meine Partnerin übertragen?',
  'welches Ladegerät passt zum Modell 7?',
  'die Jacke ist etwas klein, kann ich sie gegen L tauschen?',
  'leider passt die Lampe nicht in unser Zimmer, wie schicke ich sie zurück?',
  'ich bin umgezogen, wo ändere ich die Adresse?',
  'kann ich im IC um 14:02 nach Kassel einen Fahrradplatz buchen?',
  'habe ich 14 oder 30 Tage Rückgaberecht?',
  'verlängert sich das Abo automatisch?',
  'fallen die Schuhe normal aus?',
  'kann ich zwei Gutscheine in einer Bestellung einlösen?',
  'wie ist der Stand bei Ticket {nr}?',
  'ist meine Retoure zu Bestellung {nr} schon angekommen?',
  'ich bräuchte eine Kopie meines Vertrags',
];
const deConfused = [
  'ich verstehe die Rechnung nicht, warum sind da zwei Posten über {amount} €?',
  'ich bin verwirrt, die App sagt zugestellt, die Mail sagt in Zustellung',
  'ich weiß nicht, welches Kabel ich brauche, auf der Seite stehen zwei',
  "was bedeutet 'Zahlung in Prüfung'?",
  'ist die Zahlung jetzt durch oder nicht? Die Seite hat einfach neu geladen',
  'muss ich den alten Vertrag selbst kündigen? ich blicke da nicht durch',
  'an welche Adresse geht die Retoure? Auf dem Label steht was anderes als auf der Website',
  'ich finde nicht, wo man den Gutscheincode eingibt',
  'sorry für die dumme Frage, aber wie setze ich den Router zurück?',
  'also ist meine Bestellung jetzt storniert oder nicht?',
  'versteh nicht, warum sich der Preis an der Kasse geändert hat',
  'in der Mail steht, die Erstattung ist raus, aber auf welche Karte?',
  'ich weiß nicht, ob ich auf den Techniker warten oder selbst einen Termin buchen soll',
  'hä, warum steht in meinem Konto Premium? ich hab doch Basic, glaube ich',
  'welche von den zwei Sendungsnummern ist die richtige?',
];
const deSarcasmOpeners = [
  'na super,',
  'ganz toll,',
  'klasse,',
  'wow,',
  'prima,',
  'herzlichen Glückwunsch,',
  'danke auch,',
  'super gemacht,',
  'perfekt,',
  'na wunderbar,',
  'großartig,',
  'danke für nichts,',
  'echt klasse,',
  'spitze,',
  'na toll,',
];
const deSarcasmFailures = [
  'der Ersatz funktioniert genauso wenig',
  'wieder nur eine automatische Antwort',
  'das Paket ist schon wieder zurück ins Lager',
  "meine 'Expresslieferung' ist am sechsten Tag",
  'nach {min} Minuten Warteschleife rausgeflogen',
  'schon wieder doppelt abgebucht',
  'dritter Techniktermin und immer noch kein Internet',
  'nach dem Update sind meine gespeicherten Karten weg',
  'statt Erstattung gibt es einen Gutschein, den ich nie wollte',
  "ein 'Wir bedauern die Unannehmlichkeiten' und sonst nichts",
  'meine Beschwerde wurde ohne Antwort geschlossen',
  'der Zug ist den fünften Tag in Folge zu spät',
  'die "Lösung" hat alles noch schlimmer gemacht',
  'ich darf wieder alles von vorne erklären',
];
const deSarcasmTails = [
  'genau das, was ich gebraucht habe',
  'toller Service 👏',
  'wirklich beeindruckend',
  'läuft bei euch',
  'weiter so',
  'ich freu mich schon auf Runde drei',
  'da habt ihr euch echt selbst übertroffen',
  'was würde ich nur ohne euch machen',
  '[bin so froh, Kunde bei Ihnen zu sein|bin so froh, Kunde bei euch zu sein]',
  'Service vom Feinsten 🙄',
  'Hauptsache, die Preise steigen',
  'typisch',
  'ganz großes Kino',
  'wer hätte das gedacht',
  'vielen Dank auch',
  'echt tolle Arbeit',
];
const deAngry = [
  'das ist echt das Letzte',
  'ich bin stinksauer',
  'völlig inakzeptabel',
  'ich will heute noch mein Geld zurück',
  '[Sie sind|ihr seid] echt zu nichts zu gebrauchen',
  'ich lasse die Zahlung über die Bank zurückbuchen',
  "[kündigen Sie|kündigt] meinen Vertrag, mir reicht's",
  'der schlechteste Service, den ich je erlebt habe',
  'lächerlich',
  'ich lasse mich nicht länger hinhalten',
  'ich gehe zur Verbraucherzentrale',
  'wie kann das überhaupt legal sein?',
  'NIEMAND fühlt sich zuständig',
  'ich bin so wütend',
  'nie wieder',
];
const deSad = [
  'ich bin echt enttäuscht',
  'so schade, es war ein Geschenk für meinen Vater',
  'wirklich traurig, ich bin seit Jahren Kunde',
  'ich hatte mich so darauf gefreut',
  'ehrlich gesagt bin ich ziemlich geknickt, es war für unser erstes Weihnachten im neuen Haus',
  'so eine Enttäuschung',
  'ich fühle mich ziemlich im Stich gelassen',
  'meine Kleine hat geweint',
];
/** Gelöste Probleme, mit denselben Themenwörtern wie die Beschwerden. */
const deResolved = [
  'der Techniker war heute früh da und das Internet läuft wieder',
  'das Paket ist doch noch angekommen',
  'die Erstattung ist jetzt auf meinem Konto',
  'das neue Ladegerät funktioniert einwandfrei',
  'der Login klappt nach dem Zurücksetzen wieder',
  '[Ihre Kollegin|eure Kollegin] hat die Rechnung korrigiert',
  'der Ersatz kam heute und funktioniert',
  'seit dem Update läuft die App wieder',
  'der fehlende Stuhl wurde heute Nachmittag geliefert',
  'die doppelte Abbuchung wurde zurückgebucht',
  'der Monteur hat den Router in zehn Minuten eingerichtet',
  'meine Buchung ist wieder in der App',
  'der Zug nach Hause war heute pünktlich',
  'die Sendung ist jetzt endlich im Paketshop bei mir um die Ecke',
];
const deResolvedTails = [
  '[vielen Dank!|danke euch!]',
  'danke fürs Kümmern',
  'das weiß ich echt zu schätzen',
  'super gemacht',
  'wollte mich nur kurz bedanken',
  'danke für die Geduld mit mir',
  'jetzt ist alles gut',
];
const dePraise = [
  'wir arbeiten seit einer Woche mit dem neuen Dashboard und sparen so viel Zeit',
  'die Exportfunktion ist genau das, was uns gefehlt hat',
  'das neue App-Design ist viel übersichtlicher',
  'der Support-Chat hat nach zwei Minuten geantwortet, stark',
  'die Jacke ist sogar besser verarbeitet als erwartet',
  'unser Team ist von dem neuen Planungstool total angetan',
  'schnelle Lieferung und ein total netter Fahrer',
];
const deThanks = [
  'vielen Dank, {name}, das ging ja super schnell',
  'danke für die fixe Rückerstattung, echt top',
  '[danke, dass Sie sich am Samstag gemeldet haben|danke, dass ihr euch am Samstag gemeldet habt]',
  '[danke, hat funktioniert|danke euch, hat funktioniert]',
  'großes Dankeschön an den Kollegen an der Hotline, der war so geduldig',
  'danke, das neue Gerät ist heute gekommen und läuft einwandfrei',
  '[Sie sind ein Schatz, danke|ihr seid spitze, danke]',
  'danke fürs Update, sehr nett',
  'tausend Dank für die Geduld mit mir',
  'danke {name}, das war echt nett',
  'vielen Dank, dass Sie sich so bemüht haben',
  'herzlichen Dank, jetzt ist alles geklärt',
  'danke, damit hat es geklappt',
  'danke für das Verständnis',
];
const deHappy = [
  'das neue Sofa sieht toll aus, wir sind total happy',
  'heute angekommen, einfach super',
  'bester Kauf dieses Jahr',
  'funktioniert perfekt, bin sehr zufrieden',
  'super verarbeitet und zügig geliefert, bestelle bestimmt nochmal',
  'die neue App gefällt mir richtig gut',
  'der Flug war ruhig und die Crew total nett',
  'alles gut verpackt und pünktlich angekommen',
  'bin begeistert von der Qualität',
  'die neue Version ist echt gut geworden',
  'läuft seit dem Update super flüssig',
  'hat alles auf Anhieb geklappt',
  'Rückerstattung war nach zwei Tagen da, top',
  'eure Beratung im Chat war richtig hilfreich',
  'macht weiter so',
  'die Lieferung kam sogar einen Tag früher',
  'das Ersatzteil passt perfekt',
];

// --- recipes ---------------------------------------------------------------------------------------------------

interface Parts {
  faults: readonly string[];
  attempts: readonly string[];
  asks: readonly string[];
  letdowns: readonly string[];
  letdownTails: readonly string[];
  anxiousSituations: readonly string[];
  anxiousProblems: readonly string[];
  worries: readonly string[];
  securityWorries: readonly string[];
  securityFollowUps: readonly string[];
  questions: readonly string[];
  confused: readonly string[];
  sarcasmOpeners: readonly string[];
  sarcasmFailures: readonly string[];
  sarcasmTails: readonly string[];
  angry: readonly string[];
  sad: readonly string[];
  thanks: readonly string[];
  resolved: readonly string[];
  resolvedTails: readonly string[];
  praise: readonly string[];
  happy: readonly string[];
  and: string;
  durations: readonly string[];
}

const parts: Record<Lang, Parts> = {
  en: {
    faults: enFaults,
    attempts: enAttempts,
    asks: enAsks,
    letdowns: enLetdowns,
    letdownTails: enLetdownTails,
    anxiousSituations: enAnxiousSituations,
    anxiousProblems: enAnxiousProblems,
    worries: enWorries,
    securityWorries: enSecurityWorries,
    securityFollowUps: enSecurityFollowUps,
    questions: enQuestions,
    confused: enConfused,
    sarcasmOpeners: enSarcasmOpeners,
    sarcasmFailures: enSarcasmFailures,
    sarcasmTails: enSarcasmTails,
    angry: enAngry,
    sad: enSad,
    thanks: enThanks,
    resolved: enResolved,
    resolvedTails: enResolvedTails,
    praise: enPraise,
    happy: enHappy,
    and: 'and',
    durations: ["it's been {days} days", 'this has been going on since {day}', 'two weeks now', 'still not fixed'],
  },
  de: {
    faults: deFaults,
    attempts: deAttempts,
    asks: deAsks,
    letdowns: deLetdowns,
    letdownTails: deLetdownTails,
    anxiousSituations: deAnxiousSituations,
    anxiousProblems: deAnxiousProblems,
    worries: deWorries,
    securityWorries: deSecurityWorries,
    securityFollowUps: deSecurityFollowUps,
    questions: deQuestions,
    confused: deConfused,
    sarcasmOpeners: deSarcasmOpeners,
    sarcasmFailures: deSarcasmFailures,
    sarcasmTails: deSarcasmTails,
    angry: deAngry,
    sad: deSad,
    thanks: deThanks,
    resolved: deResolved,
    resolvedTails: deResolvedTails,
    praise: dePraise,
    happy: deHappy,
    and: 'und',
    durations: [
      'das geht jetzt seit {days} Tagen so',
      'seit {day} schon',
      'jetzt schon zwei Wochen',
      'immer noch nicht behoben',
    ],
  },
};

const negativeEmojis = ['😡', '😤', '🙄', '😠', '🤬', '😒'];
const worriedEmojis = ['😟', '😰', '🙏', '😬'];
const positiveEmojis = ['🙏', '😊', '👍', '❤️', '🙌', '😀'];

const styles = {
  complaint: {
    lower: 0.3,
    runOn: 0.4,
    typo: 0.15,
    emoji: 0.1,
    emojis: negativeEmojis,
    ends: ['.', '.', '', '!', '...'],
  },
  angry: { lower: 0.2, runOn: 0.3, typo: 0.15, emoji: 0.15, emojis: negativeEmojis, ends: ['!', '!!', '!!!', '.', ''] },
  anxious: { lower: 0.3, runOn: 0.4, typo: 0.15, emoji: 0.15, emojis: worriedEmojis, ends: ['.', '...', '', '!'] },
  question: { lower: 0.3, runOn: 0.2, typo: 0.15, emoji: 0, emojis: [], ends: ['.', '', '?'] },
  positive: {
    lower: 0.3,
    runOn: 0.3,
    typo: 0.1,
    emoji: 0.25,
    emojis: positiveEmojis,
    ends: ['!', '.', '', '!!', ' :)'],
  },
} satisfies Record<string, Style>;

type Recipe = (p: Parts, lang: Lang, d: Draw) => string[];

/**
 * A recipe per label: the clauses of one message, before framing. Labels follow what a careful agent would name:
 * a fault with failed attempts is frustration; worry about money, a deadline or a gift is anxiety; sarcasm after a
 * failure is frustration (anger when it comes with an outburst); a plain question is neutral even with "thanks".
 */
const recipes: { kind: string; sentiment: string; emotion: string; style: Style; count: number; build: Recipe }[] = [
  {
    kind: 'complaint',
    sentiment: 'negative',
    emotion: 'frustrated',
    style: styles.complaint,
    count: 380,
    build: (p, _lang, d) => {
      const shape = d.pick([0, 0, 1, 1, 2, 3]);
      if (shape === 0) return [d.pick(p.faults), d.pick(p.attempts), d.chance(0.5) ? d.pick(p.asks) : ''];
      if (shape === 1) return [d.pick(p.faults), d.pick(p.durations), d.pick(p.attempts)];
      if (shape === 2) return [d.pick(p.attempts), d.pick(p.faults), d.chance(0.6) ? d.pick(p.asks) : ''];
      return [d.pick(p.faults), d.pick(p.attempts), d.pick(p.attempts)];
    },
  },
  {
    kind: 'anxious',
    sentiment: 'negative',
    emotion: 'anxious',
    style: styles.anxious,
    count: 170,
    build: (p, _lang, d) =>
      d.chance(0.25)
        ? [d.pick(p.securityWorries), d.chance(0.5) ? d.pick(p.securityFollowUps) : '']
        : [`${d.pick(p.anxiousSituations)} ${p.and} ${d.pick(p.anxiousProblems)}`, d.pick(p.worries)],
  },
  {
    kind: 'question',
    sentiment: 'neutral',
    emotion: 'neutral',
    style: styles.question,
    count: 280,
    build: (p, _lang, d) => (d.chance(0.15) ? [d.pick(p.questions), d.pick(p.questions)] : [d.pick(p.questions)]),
  },
  {
    kind: 'confused',
    sentiment: 'neutral',
    emotion: 'confused',
    style: styles.question,
    count: 80,
    build: (p, _lang, d) => [d.pick(p.confused)],
  },
  {
    kind: 'sarcasm',
    sentiment: 'negative',
    emotion: 'frustrated',
    style: styles.complaint,
    count: 170,
    build: (p, _lang, d) => {
      const shape = d.pick([0, 1, 2]);
      if (shape === 0) return [`${d.pick(p.sarcasmOpeners)} ${d.pick(p.sarcasmFailures)}`, d.pick(p.sarcasmTails)];
      if (shape === 1) return [d.pick(p.sarcasmFailures), d.pick(p.sarcasmTails)];
      return [`${d.pick(p.sarcasmOpeners)} ${d.pick(p.sarcasmFailures)}`];
    },
  },
  {
    kind: 'angry',
    sentiment: 'negative',
    emotion: 'angry',
    style: styles.angry,
    count: 180,
    build: (p, _lang, d) => {
      const shape = d.pick([0, 1, 2]);
      if (shape === 0) return [d.pick(p.faults), d.pick(p.attempts), d.pick(p.angry)];
      if (shape === 1) return [d.pick(p.angry), d.pick(p.faults)];
      return [`${d.pick(p.sarcasmOpeners)} ${d.pick(p.sarcasmFailures)}`, d.pick(p.angry)];
    },
  },
  {
    kind: 'letdown',
    sentiment: 'negative',
    emotion: 'frustrated',
    style: styles.complaint,
    count: 120,
    build: (p, _lang, d) =>
      d.chance(0.3) ? [d.pick(p.letdowns), d.pick(p.letdowns)] : [d.pick(p.letdowns), d.pick(p.letdownTails)],
  },
  {
    kind: 'sad',
    sentiment: 'negative',
    emotion: 'sad',
    style: styles.complaint,
    count: 80,
    build: (p, _lang, d) => [d.pick(p.faults), d.pick(p.sad)],
  },
  {
    kind: 'resolved',
    sentiment: 'positive',
    emotion: 'grateful',
    style: styles.positive,
    count: 130,
    build: (p, _lang, d) => [d.pick(p.resolved), d.pick(p.resolvedTails)],
  },
  {
    kind: 'praise',
    sentiment: 'positive',
    emotion: 'happy',
    style: styles.positive,
    count: 50,
    build: (p, _lang, d) => [d.pick(p.praise)],
  },
  {
    kind: 'thanks',
    sentiment: 'positive',
    emotion: 'grateful',
    style: styles.positive,
    count: 180,
    build: (p, _lang, d) => (d.chance(0.3) ? [d.pick(p.thanks), d.pick(p.happy)] : [d.pick(p.thanks)]),
  },
  {
    kind: 'happy',
    sentiment: 'positive',
    emotion: 'happy',
    style: styles.positive,
    count: 90,
    build: (p, _lang, d) => [d.pick(p.happy)],
  },
];

/** One recipe, bound to its language's parts. */
interface GeneratorRecipe {
  kind: string;
  sentiment: string;
  emotion: string;
  style: Style;
  count: number;
  build: (d: Draw) => string[];
}

function generate(
  lang: Lang,
  seed: number,
  list: GeneratorRecipe[],
  framing: { handle?: number; quote?: number },
): AuthoredExample[] {
  const d = createDraw(seed);
  const seen = new Set<string>();
  const out: AuthoredExample[] = [];
  for (const r of list) {
    let made = 0;
    // Tries are bounded: a small part list may not have `count` distinct messages.
    for (let tries = 0; made < r.count && tries < r.count * 6; tries++) {
      const formal = d.chance(0.5);
      const clauses = r.build(d).map((c) => fill(register(c, formal), lang, d));
      const text = frame(compose(clauses, lang, r.style, d), lang, d, framing);
      if (seen.has(text)) continue;
      seen.add(text);
      made++;
      out.push({ text, labels: [r.sentiment, r.emotion], lang, kind: r.kind });
    }
  }
  return out;
}

/** Support messages in customer style, English and German, labelled [sentiment, emotion]. */
export function authoredCustomerStyleExamples(): AuthoredExample[] {
  return (['en', 'de'] as const).flatMap((lang, i) =>
    generate(
      lang,
      7101 + i,
      recipes.map((r) => ({ ...r, build: (d: Draw) => r.build(parts[lang], lang, d) })),
      {},
    ),
  );
}

// --- German feedback about trains and shops --------------------------------------------------------------------

const trainSubjects = [
  'der ICE nach {city}',
  'der RE {line}',
  'die S{line}',
  'mein Zug',
  'der IC aus {city}',
  'die Regionalbahn',
  'der Anschlusszug nach {city}',
  'der Nachtzug',
  'die RB nach {city}',
  'der Sprinter von {city} nach {city2}',
];
const trainEvents = [
  'hatte {min} Minuten Verspätung',
  'ist mal wieder ausgefallen',
  'fällt heute komplett aus',
  'stand {min} Minuten vor {city2}',
  'kam mit {min} Minuten Verspätung an',
  'hielt ohne Ansage auf freier Strecke',
  'endet heute schon in {city2}',
  'fuhr einfach ohne uns ab',
  'wurde kurzfristig gestrichen',
  'fährt heute wieder mit halber Länge',
  'hat schon wieder +{min}',
];
const trainConsequences = [
  'Anschluss weg',
  'Termin verpasst',
  'komme wieder zu spät zur Arbeit',
  'musste ein Taxi nehmen',
  'Kind nicht rechtzeitig aus der Kita geholt',
  'Flug fast verpasst',
  'saß eine Stunde in {city2} fest',
  'keine Durchsage, keine Info',
  'niemand vom Personal zu sehen',
  'die nächste Verbindung erst in zwei Stunden',
  'Hotelzimmer bezahlt und nicht genutzt',
];
const trainConditions = [
  'Klimaanlage ausgefallen, gefühlt 40 Grad im Wagen',
  'kein WLAN, wie immer',
  'Toiletten im ganzen Zug verschlossen',
  'Zug total überfüllt, Leute stehen bis in den Einstieg',
  'reservierte Plätze gab es nicht, weil der Wagen fehlte',
  'Bordbistro geschlossen, nicht mal Wasser',
  'Wagenreihung verkehrt, alle rennen über den Bahnsteig',
  'Aufzug am Bahnhof seit Monaten kaputt',
  'der Fahrkartenautomat nimmt keine Karte',
  'die App zeigt was anderes als die Anzeige am Gleis',
  'der Zugbegleiter war total unfreundlich',
  'Schienenersatzverkehr ohne jede Beschilderung',
  'die Fahrgastrechte-Erstattung dauert schon Monate',
  'Ticketpreise schon wieder erhöht und der Service wird immer schlechter',
  'Heizung kaputt, alle sitzen mit Jacke im Abteil',
  'Gleiswechsel drei Minuten vor Abfahrt',
  'am Bahnhof stinkt es und die Rolltreppe steht',
  'Sitzplatz reserviert, aber die Reservierungen wurden nicht angezeigt und jemand saß drauf',
];
const trainTails = [
  'typisch Bahn',
  'jeden Tag das Gleiche',
  'danke für nichts',
  '#bahnchaos',
  'unfassbar',
  'nervt einfach nur',
  'wie immer',
  'echt ärgerlich',
  'Hauptsache die Preise steigen',
  'ich bin so bedient',
  'langsam reicht es',
  'kann man sich nicht ausdenken',
];
const shopComplaints = [
  'Paket kam {days} Tage zu spät und halb aufgerissen',
  'die Hose hatte nach der ersten Wäsche ein Loch',
  'die Farbe sieht komplett anders aus als auf dem Foto',
  'der Artikel war als lieferbar angezeigt und dann doch nicht da',
  'an der Kasse in der Filiale wurde der Online-Preis nicht akzeptiert',
  'die Verkäuferin hat mich einfach stehen lassen',
  'die Rücksendung wurde nach {days} Wochen immer noch nicht erstattet',
  'Lieferung in drei Teilen, einer davon fehlt bis heute',
  'die Beratung im Markt war eine Katastrophe',
  'Kundenhotline ist praktisch nie erreichbar',
];
const transportNeutral = [
  'ab {day} fahren zwischen {city} und {city2} Ersatzbusse',
  'neuer Fahrplan ab Dezember: stündlich von {city} nach {city2}',
  'Gewerkschaft kündigt Warnstreik an, Regionalverkehr am {day} betroffen',
  'wegen Bauarbeiten ist die Strecke {city}–{city2} bis Ende Juli gesperrt',
  'der Hauptbahnhof {city} wird ab nächstem Jahr umgebaut',
  'die Bahn sucht in diesem Jahr 500 neue Lokführer',
  'das Deutschlandticket kostet ab Januar 58 Euro',
  'der Aufsichtsrat berät heute über die Bestellung neuer Züge',
  'die S-Bahn fährt am Wochenende wegen Gleisarbeiten nur bis {city}',
  'zum Fahrplanwechsel kommen neue Sprinter-Verbindungen nach {city}',
  'Dienstreise nach {city} diesmal mit der Bahn',
  'sitze gerade im Zug nach {city}',
  'Stadionbesuch heute, Anreise mit der S{line}',
  'am Wochenende mit dem Nachtzug nach Wien',
  'nehme den RE um 7:40 nach {city}',
  'morgen geht es mit der Bahn zu meinen Eltern nach {city}',
  'weiß jemand, ob der ICE nach {city} heute fährt?',
  'gilt die Reservierung auch im nächsten Zug?',
  'kann ich mit dem Deutschlandticket im RE nach {city} fahren?',
  'wo ist am Hauptbahnhof {city} die Gepäckaufbewahrung?',
  'kann man im ICE ein Fahrrad mitnehmen?',
  'hält der IC auch in {city2}?',
  'wie komme ich vom Flughafen am besten zum Hauptbahnhof?',
  'wann fährt heute der letzte Zug nach {city}?',
  'was kostet die BahnCard 50 gerade?',
  'der ICE aus {city} fährt heute auf Gleis 7 ein',
  'die Bahn testet in {city} einen neuen Fahrkartenautomaten',
  'Paket ist heute gekommen, mal sehen, wie die Schuhe passen',
  'hab die Retoure heute bei der Packstation abgegeben',
  'den Pulli hätte ich gern in Dunkelblau, habt ihr den?',
  'die Filiale in {city} zieht im Mai in die Innenstadt',
  'bestelle meistens online und hole im Laden ab',
  'kann man im Markt auch mit Karte zahlen?',
  'der Onlineshop hat ab heute eine neue App',
  'die Bahn hat im letzten Jahr mehr Fahrgäste gezählt als je zuvor',
  'im Fernverkehr gilt ab Sonntag ein neuer Fahrplan',
];
const transportPositive = [
  'die Zugbegleiterin im ICE nach {city} war super freundlich',
  'heute alles pünktlich, sogar den Anschluss in {city2} bekommen',
  'sehr angenehme Fahrt, ruhig und sauber',
  'danke an den Lokführer für die ehrlichen Durchsagen',
  'die Fahrgastrechte-Erstattung kam nach drei Tagen, top',
  'der Schaffner hat uns beim Umsteigen mit dem Kinderwagen geholfen',
  'neuer Zug, bequeme Sitze und endlich Steckdosen am Platz',
  'entspannt mit dem Nachtzug angekommen, gerne wieder',
  'die Mitarbeiterin am Infopoint hat mir eine viel bessere Verbindung gesucht',
  'WLAN hat tatsächlich die ganze Fahrt funktioniert',
  'der Verkäufer hat sich richtig Zeit für mich genommen',
  'Umtausch in der Filiale ohne Diskussion, so muss das',
  'Bestellung am Abend, am nächsten Mittag schon da, super',
  'die Qualität ist richtig gut für den Preis',
  'freundlicher Busfahrer, hat extra auf uns gewartet',
  'im Bordbistro gab es sogar noch frischen Kaffee, sehr nett',
];

function transportRecipes(): GeneratorRecipe[] {
  const feedbackStyle: Style = {
    lower: 0.25,
    runOn: 0.5,
    typo: 0.12,
    emoji: 0.08,
    emojis: ['😤', '🙄', '😡'],
    ends: ['.', '', '!', '...'],
  };
  return [
    {
      kind: 'feedback-negative',
      sentiment: 'negative',
      emotion: 'frustrated',
      style: feedbackStyle,
      count: 330,
      build: (d) => {
        const shape = d.pick([0, 0, 1, 1, 2, 3]);
        const tail = d.chance(0.45) ? d.pick(trainTails) : '';
        if (shape === 0) return [`${d.pick(trainSubjects)} ${d.pick(trainEvents)}`, d.pick(trainConsequences), tail];
        if (shape === 1) return [d.pick(trainConditions), tail];
        if (shape === 2) return [`${d.pick(trainSubjects)} ${d.pick(trainEvents)}`, d.pick(trainConditions), tail];
        return [d.pick(shopComplaints), tail];
      },
    },
    {
      kind: 'feedback-neutral',
      sentiment: 'neutral',
      emotion: 'neutral',
      style: { ...styles.question, runOn: 0 },
      count: 260,
      build: (d) => [d.pick(transportNeutral)],
    },
    {
      kind: 'feedback-positive',
      sentiment: 'positive',
      emotion: 'happy',
      style: styles.positive,
      count: 130,
      build: (d) =>
        d.chance(0.3) ? [d.pick(transportPositive), d.pick(transportPositive)] : [d.pick(transportPositive)],
    },
  ];
}

/** German customer feedback about trains and shops, labelled [sentiment, emotion]. */
export function authoredTransportFeedbackExamples(): AuthoredExample[] {
  return generate('de', 7201, transportRecipes(), { handle: 0, quote: 0 });
}
