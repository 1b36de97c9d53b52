// @vitest-environment node
/**
 * The panel's extractive summary (issue 22). The threads are written by hand for this test, the way customers and
 * agents write (du and Sie, typos, lowercase, quoted history, sign-offs); none is a demo conversation or training text.
 */
import { describe, expect, it } from 'vitest';
import { summarizeConversation } from '../../../lib/analysis/conversation-summary';
import { splitSentences } from '../../../lib/analysis/sentences';
import type { Conversation, ConversationMessage, Role } from '../../../lib/sites/types';

function thread(subject: string, messages: [Role, string][]): Conversation {
  return {
    site: 'generic',
    id: subject,
    subject,
    url: 'https://helpdesk.example/tickets/1',
    customer: { name: 'Kundin' },
    messages: messages.map(
      ([role, text], index): ConversationMessage => ({
        id: `m${index + 1}`,
        author: { name: role === 'customer' ? 'Kundin' : 'Agent' },
        role,
        roleSource: 'page',
        text,
        bodyLoaded: true,
        attachments: [],
      }),
    ),
  };
}

/** Every line is the words of the message it names, at the offsets it names: nothing invented. */
function expectTraceable(conversation: Conversation): void {
  const summary = summarizeConversation(conversation);
  for (const line of summary.lines) {
    const message = conversation.messages.find((candidate) => candidate.id === line.messageId);
    expect(message, `line from ${line.messageId}`).toBeDefined();
    expect(message?.text.slice(line.start, line.end)).toBe(line.text);
    expect(message?.role).toBe(line.by);
  }
}

const lineOf = (conversation: Conversation, kind: 'request' | 'happened' | 'open') =>
  summarizeConversation(conversation).lines.find((line) => line.kind === kind);

const germanRefund = thread('Rückerstattung Bestellung 4711-2020', [
  [
    'customer',
    'Hallo,\n\nich habe am 3. Dez. die Jacke zurückgeschickt, die Sendung ist laut DHL seit Montag bei euch angekommen. Wann bekomme ich mein Geld zurück? Das dauert jetzt echt schon ewig.\n\nViele Grüße\nSandra',
  ],
  [
    'agent',
    'Hallo Sandra,\n\nvielen Dank für deine Nachricht. Ich habe die Erstattung über 89,90 € heute veranlasst, sie ist in 3–5 Werktagen auf deinem Konto.\n\nViele Grüße\nTim',
  ],
  [
    'customer',
    'hi tim, danke. aber auf der rechnung steht noch die alte adresse, könnt ihr mir bitte eine korrigierte rechnung schicken?\n\n> Ich habe die Erstattung über 89,90 € heute veranlasst\n\nLG Sandra',
  ],
]);

const englishLate = thread('Where is my order #55812??', [
  [
    'customer',
    'Hi there,\nI ordered a standing desk on Nov 12 and it still hasnt arrived. tracking says "label created" for 9 days now. Can you tell me where it is? I need it for my new job on monday!!\nThanks, Derek',
  ],
]);

const englishWaiting = thread('Damaged lamp', [
  ['customer', 'Hello, the lamp I got yesterday is cracked (photo attached). I would like a replacement please.'],
  [
    'agent',
    'Hi Maria,\n\nI am so sorry about that! I have sent a replacement lamp today, you should get it by Friday. Could you confirm your phone number for the courier?\n\nBest regards,\nAlex',
  ],
]);

const germanSie = thread('Abbuchung doppelt', [
  [
    'customer',
    'Sehr geehrte Damen und Herren,\n\nbei meiner Bestellung Nr. 30551 wurde der Betrag zweimal von meinem Konto abgebucht. Ich bitte um umgehende Rückbuchung des doppelten Betrags.\n\nMit freundlichen Grüßen\nK. Wagner',
  ],
  [
    'agent',
    'Sehr geehrter Herr Wagner,\n\nvielen Dank für Ihre Nachricht. Es tut mir leid für die Unannehmlichkeiten. Die doppelte Abbuchung wurde storniert, die Gutschrift erscheint in wenigen Tagen.\n\nFreundliche Grüße\nLena',
  ],
  [
    'customer',
    'Danke, aber bis heute ist nichts zurückgebucht worden. Wann genau kommt das Geld? Ich erwarte eine verbindliche Auskunft.',
  ],
]);

const quotedHistory = thread('Re: Rücksendung', [
  [
    'customer',
    'kannst du mir ein retourenlabel schicken? der schuh ist zu klein\n\nAm 02.12.2026 um 10:14 schrieb Support <support@shop.example>:\n> Wir haben Ihnen am Freitag einen Gutschein über 50 € geschickt.\n> Viele Grüße',
  ],
]);

describe('splitSentences', () => {
  it('keeps German dates and abbreviations inside their sentence', () => {
    const text = 'Hallo, ich habe am 3. Dez. bestellt, z.B. Nr. 12345. Wo bleibt das Paket?? Danke!';
    expect(splitSentences(text, 'de').map((sentence) => sentence.text)).toEqual([
      'Hallo, ich habe am 3. Dez. bestellt, z.B. Nr. 12345.',
      'Wo bleibt das Paket??',
      'Danke!',
    ]);
  });

  it('ends a sentence at a line break and gives offsets into the text', () => {
    const text = 'Hi Tim,\n\nthe box was empty. can you check?\nBest, Jo';
    const sentences = splitSentences(text, 'en');
    expect(sentences.map((sentence) => sentence.text)).toEqual([
      'Hi Tim,',
      'the box was empty.',
      'can you check?',
      'Best, Jo',
    ]);
    for (const sentence of sentences) expect(text.slice(sentence.start, sentence.end)).toBe(sentence.text);
  });
});

describe('summarizeConversation', () => {
  it('German du thread: the request, what the agent did, and the new open question', () => {
    expect(lineOf(germanRefund, 'request')?.text).toBe('Wann bekomme ich mein Geld zurück?');
    expect(lineOf(germanRefund, 'happened')).toMatchObject({
      by: 'agent',
      text: 'Ich habe die Erstattung über 89,90 € heute veranlasst, sie ist in 3–5 Werktagen auf deinem Konto.',
    });
    expect(lineOf(germanRefund, 'open')?.text).toBe(
      'aber auf der rechnung steht noch die alte adresse, könnt ihr mir bitte eine korrigierte rechnung schicken?',
    );
    expect(summarizeConversation(germanRefund).status).toBe('customer-waiting');
    expectTraceable(germanRefund);
  });

  it('German Sie thread: the demand stays open after the agent said it was done', () => {
    expect(lineOf(germanSie, 'request')?.text).toBe('Ich bitte um umgehende Rückbuchung des doppelten Betrags.');
    expect(lineOf(germanSie, 'happened')?.text).toBe(
      'Die doppelte Abbuchung wurde storniert, die Gutschrift erscheint in wenigen Tagen.',
    );
    expect(lineOf(germanSie, 'open')?.text).toBe('Wann genau kommt das Geld?');
    expectTraceable(germanSie);
  });

  it('English first message: the question is the request, the customer’s account is what happened', () => {
    expect(lineOf(englishLate, 'request')?.text).toBe('Can you tell me where it is?');
    expect(lineOf(englishLate, 'happened')).toMatchObject({
      by: 'customer',
      text: 'I ordered a standing desk on Nov 12 and it still hasnt arrived.',
    });
    expect(lineOf(englishLate, 'open')).toBeUndefined();
    expect(summarizeConversation(englishLate).status).toBe('unanswered');
    expectTraceable(englishLate);
  });

  it('English answered thread: nothing open on the customer’s side, the agent’s action is what happened', () => {
    const summary = summarizeConversation(englishWaiting);
    expect(summary.status).toBe('waiting-on-customer');
    expect(lineOf(englishWaiting, 'request')?.text).toBe('I would like a replacement please.');
    expect(lineOf(englishWaiting, 'happened')?.text).toBe(
      'I have sent a replacement lamp today, you should get it by Friday.',
    );
    expect(lineOf(englishWaiting, 'open')).toBeUndefined();
    expectTraceable(englishWaiting);
  });

  it('never takes a line from quoted history: the voucher in the quote is not something that happened here', () => {
    const summary = summarizeConversation(quotedHistory);
    expect(lineOf(quotedHistory, 'request')?.text).toBe('kannst du mir ein retourenlabel schicken?');
    expect(summary.lines.map((line) => line.text).join(' ')).not.toContain('Gutschein');
    expectTraceable(quotedHistory);
  });

  it('greetings, sign-offs and pleasantries are never a line', () => {
    for (const conversation of [germanRefund, englishLate, englishWaiting, germanSie, quotedHistory]) {
      for (const line of summarizeConversation(conversation).lines) {
        expect(line.text).not.toMatch(
          /^(?:hallo|hi|hello|sehr geehrte|viele grüße|best regards|vielen dank für|danke,? aber$)/i,
        );
      }
    }
  });

  it.each([
    {
      name: 'a German cancellation (Sie): the wish, without the greeting in front',
      conversation: thread('Kündigung', [
        [
          'customer',
          'Guten Tag, ich möchte mein Abo zum nächsten Monat kündigen. Bitte bestätigen Sie mir die Kündigung schriftlich. Danke!',
        ],
      ]),
      expected: { request: 'ich möchte mein Abo zum nächsten Monat kündigen.' },
    },
    {
      name: 'an English slang complaint answered, then a follow-up question',
      conversation: thread('wrong size', [
        ['customer', 'yo so u sent me XL instead of M.. again. 2nd time this happens. what are u gonna do about it'],
        [
          'agent',
          'Hi Sam, sorry for the mix-up! We have created a free return label for you, it is attached. Once we scan the parcel we send the M right away.',
        ],
        ['customer', 'ok and how long does that take? i need it for saturday'],
      ]),
      expected: {
        request: 'what are u gonna do about it',
        happened: 'We have created a free return label for you, it is attached.',
        open: 'ok and how long does that take?',
      },
    },
    {
      name: 'a German invoice question answered (du)',
      conversation: thread('Frage Rechnung', [
        [
          'customer',
          'Hallo zusammen,\nkurze Frage: kann ich die Rechnung auch auf meine Firma ausstellen lassen? USt-IdNr. DE123456789.\nLG Jana',
        ],
        [
          'agent',
          'Hallo Jana,\ndas geht, ich habe die Rechnung auf die Firma umgestellt und dir neu geschickt.\nViele Grüße',
        ],
      ]),
      expected: {
        request: 'kurze Frage: kann ich die Rechnung auch auf meine Firma ausstellen lassen?',
        happened: 'das geht, ich habe die Rechnung auf die Firma umgestellt und dir neu geschickt.',
      },
    },
    {
      name: 'a German defect report: the question, and the fault as what happened',
      conversation: thread('Defekt', [
        [
          'customer',
          'Sehr geehrtes Team, der Toaster funktioniert seit gestern nicht mehr, er wird einfach nicht warm. Gekauft am 14.10. bei Ihnen. Was kann ich tun?',
        ],
      ]),
      expected: {
        request: 'Was kann ich tun?',
        happened: 'der Toaster funktioniert seit gestern nicht mehr, er wird einfach nicht warm.',
      },
    },
  ])('$name', ({ conversation, expected }) => {
    const found = Object.fromEntries(summarizeConversation(conversation).lines.map((line) => [line.kind, line.text]));
    expect(found).toEqual(expected);
    expectTraceable(conversation);
  });

  it('clips a long sentence at a word and says so, still pointing at the original words', () => {
    const long = thread('Long', [
      [
        'customer',
        `Could you please ${'check the order and the delivery and the invoice and the refund again '.repeat(5)}today?`,
      ],
    ]);
    const line = lineOf(long, 'request');
    expect(line?.clipped).toBe(true);
    expect(line?.text.length).toBeLessThanOrEqual(160);
    expectTraceable(long);
  });

  it('an empty or unread conversation has no lines and says so', () => {
    expect(summarizeConversation(thread('Empty', []))).toEqual({ lines: [], status: 'empty', source: 'extractive' });
    const collapsed = thread('Collapsed', [['customer', '']]);
    expect(summarizeConversation(collapsed).lines).toEqual([]);
  });
});
