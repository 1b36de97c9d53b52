// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  detectAddressForm,
  formatSalutation,
  readCustomerAddress,
  readSignedName,
  stripQuotedHistory,
} from '../../../lib/replies/address-form';
import type { Person, Role } from '../../../lib/sites/types';
import { makeConversation } from './templates/conversation';

const follow = { germanFormality: 'sie', germanFormalityMode: 'conversation' } as const;

function thread(messages: { role?: Role; text: string }[], customer: Person = { name: 'Anna Müller' }) {
  return makeConversation(messages, { customer });
}

describe('detectAddressForm', () => {
  it('reads du from the customer’s pronouns', () => {
    const detection = detectAddressForm(
      thread([{ text: 'Hallo,\nkannst du mir sagen, wo mein Paket ist? Danke dir!' }]),
      'de',
      follow,
    );
    expect(detection).toEqual({ form: 'du', reason: { code: 'customer-pronoun', messageId: 'm1', cue: 'du' } });
  });

  it('reads the plural du ("könnt ihr", "eure") and not the possessive "ihr Paket"', () => {
    expect(detectAddressForm(thread([{ text: 'Könnt ihr mir das kurz erklären?' }]), 'de', follow).form).toBe('du');
    expect(detectAddressForm(thread([{ text: 'Laut eurer E-Mail gilt der Code noch.' }]), 'de', follow).form).toBe(
      'du',
    );
    const possessive = detectAddressForm(
      thread([{ text: 'Meine Nachbarin sagt, ihr Paket kam auch nicht an.' }]),
      'de',
      follow,
    );
    expect(possessive.reason.code).toBe('no-cue');
  });

  it('reads Sie from capitalised Sie/Ihnen/Ihr mid-sentence, not at a sentence start', () => {
    const sie = detectAddressForm(thread([{ text: 'Guten Tag,\nkönnen Sie mir bitte helfen?' }]), 'de', follow);
    expect(sie).toEqual({ form: 'sie', reason: { code: 'customer-pronoun', messageId: 'm1', cue: 'Sie' } });
    // "Sie" opening a sentence may be "they"; with "Lieber Support, hi" nothing else says Sie.
    const they = detectAddressForm(
      thread([{ text: 'Hi,\nmeine Eltern haben bestellt. Sie warten seit Tagen.' }]),
      'de',
      follow,
    );
    expect(they).toMatchObject({ form: 'du', reason: { code: 'customer-greeting', cue: 'Hi' } });
  });

  it('takes the majority in a mixed message and the latest message that shows a form', () => {
    const mixed = detectAddressForm(
      thread([{ text: 'Können Sie mir sagen, ob Ihr Lager das hat? Ihr Kollege meinte, ihr habt es.' }]),
      'de',
      follow,
    );
    expect(mixed.form).toBe('sie');
    const switched = detectAddressForm(
      thread([{ text: 'Können Sie mir helfen?' }, { text: 'Super, danke dir! Kannst du es gleich schicken?' }]),
      'de',
      follow,
    );
    expect(switched).toMatchObject({ form: 'du', reason: { code: 'customer-pronoun', messageId: 'm2' } });
  });

  it('ignores quoted history', () => {
    const text =
      'Danke, passt so.\n\nAm 3. März 2026 um 10:12 schrieb Kundenservice:\n> Können Sie uns Ihre Adresse senden?';
    expect(stripQuotedHistory(text)).toBe('Danke, passt so.\n');
    const detection = detectAddressForm(thread([{ text }]), 'de', {
      germanFormality: 'du',
      germanFormalityMode: 'conversation',
    });
    expect(detection).toEqual({ form: 'du', reason: { code: 'no-cue' } });
  });

  it('reads a form from only a greeting or sign-off', () => {
    expect(
      detectAddressForm(thread([{ text: 'Hallo ihr Lieben,\nwo bleibt mein Paket?' }]), 'de', follow),
    ).toMatchObject({
      form: 'du',
    });
    expect(
      detectAddressForm(thread([{ text: 'Sehr geehrte Damen und Herren,\nwo bleibt mein Paket?' }]), 'de', follow),
    ).toMatchObject({ form: 'sie', reason: { code: 'customer-greeting', cue: 'Sehr geehrte' } });
    expect(detectAddressForm(thread([{ text: 'Hi,\nwo bleibt mein Paket?\nLG Lea' }]), 'de', follow).form).toBe('du');
  });

  it('lets the team’s earlier reply win over the customer’s form', () => {
    const detection = detectAddressForm(
      thread([
        { text: 'Hi, wo ist mein Paket? Kannst du nachsehen?' },
        { role: 'agent', text: 'Guten Tag Frau Müller,\ngerne sehe ich für Sie nach.' },
        { text: 'Und? Hast du was gefunden?' },
      ]),
      'de',
      follow,
    );
    expect(detection).toEqual({ form: 'sie', reason: { code: 'agent-reply', messageId: 'm2', cue: 'Sie' } });
  });

  it('ignores internal notes', () => {
    const detection = detectAddressForm(
      thread([{ text: 'Können Sie mir helfen?' }, { role: 'internal-note', text: 'Kannst du das übernehmen?' }]),
      'de',
      follow,
    );
    expect(detection.reason.code).toBe('customer-pronoun');
    expect(detection.form).toBe('sie');
  });

  it('uses the team setting when the team fixed the form', () => {
    const detection = detectAddressForm(thread([{ text: 'Kannst du mir helfen?' }]), 'de', {
      germanFormality: 'sie',
      germanFormalityMode: 'fixed',
    });
    expect(detection).toEqual({ form: 'sie', reason: { code: 'team-setting' } });
  });

  it('reads stored settings without a mode as "like the conversation"', () => {
    expect(detectAddressForm(thread([{ text: 'Kannst du mir helfen?' }]), 'de', { germanFormality: 'sie' }).form).toBe(
      'du',
    );
  });

  it('says n/a for an English conversation', () => {
    expect(detectAddressForm(thread([{ text: 'Can you help me?' }]), 'en', follow)).toEqual({
      form: null,
      reason: { code: 'not-german' },
    });
    expect(detectAddressForm(null, 'other', follow).form).toBeNull();
  });
});

describe('readSignedName', () => {
  it.each([
    ['Mit freundlichen Grüßen\nDr. Klaus Bergmann', 'Dr. Klaus Bergmann'],
    ['Danke und Gruß\nJonas Richter', 'Jonas Richter'],
    ['Danke dir und liebe Grüße\nLea', 'Lea'],
    ['Wo bleibt es?\nLG Lea', 'Lea'],
    ['Any news?\n\nThanks, Priya', 'Priya'],
    [
      'Best regards,\nProf. Dr. Anna-Lena Müller-Lüdenscheidt\nMusterweg 1\n12345 Stadt',
      'Prof. Dr. Anna-Lena Müller-Lüdenscheidt',
    ],
    ['Vielen Dank\nMehmet Yılmaz', 'Mehmet Yılmaz'],
  ])('reads %j', (text, expected) => {
    expect(readSignedName(`Hallo,\nein Satz.\n\n${text}`)).toBe(expected);
  });

  it('does not read sentences, teams or device lines as names', () => {
    expect(readSignedName('Vielen Dank für Ihre schnelle Hilfe.')).toBeUndefined();
    expect(readSignedName('Viele Grüße\nIhr Nordwind-Team')).toBeUndefined();
    expect(readSignedName('Viele Grüße\nVon meinem iPhone gesendet')).toBeUndefined();
    expect(readSignedName('Wo ist mein Paket?')).toBeUndefined();
  });
});

describe('readCustomerAddress', () => {
  it('combines a requester title with the name the customer signs', () => {
    const address = readCustomerAddress(
      thread(
        [{ text: 'Sehr geehrte Damen und Herren,\nbitte erstatten.\n\nMit freundlichen Grüßen\nKlaus Bergmann' }],
        {
          name: 'Dr. Klaus Bergmann',
        },
      ),
    );
    expect(address).toEqual({ firstName: 'Klaus', lastName: 'Bergmann', academic: 'Dr.' });
  });

  it('takes the title from the signature when the requester field has none', () => {
    const address = readCustomerAddress(
      thread([{ text: 'Bitte erstatten.\n\nMit freundlichen Grüßen\nDr. Klaus Bergmann' }], {
        email: 'k.bergmann@example.com',
      }),
    );
    expect(address).toMatchObject({ firstName: 'Klaus', lastName: 'Bergmann', academic: 'Dr.' });
  });

  it('reads Herr/Frau only where the customer gives it', () => {
    expect(readCustomerAddress(thread([{ text: 'Hallo' }], { name: 'Frau Yılmaz' }))).toEqual({
      lastName: 'Yılmaz',
      gender: 'female',
    });
    expect(
      readCustomerAddress(thread([{ text: 'Grüße\nHerr Prof. Dr. Hans-Peter Müller-Lüdenscheidt' }], { name: '' })),
    ).toEqual({ firstName: 'Hans-Peter', lastName: 'Müller-Lüdenscheidt', gender: 'male', academic: 'Prof.' });
    expect(readCustomerAddress(thread([{ text: 'Hallo' }], { name: 'Mehmet Yılmaz' }))).toEqual({
      firstName: 'Mehmet',
      lastName: 'Yılmaz',
    });
  });

  it('keeps double first names and the first name a customer signs with', () => {
    expect(readCustomerAddress(thread([{ text: 'Danke!' }], { name: 'Anna Lena Schmidt' }))).toEqual({
      firstName: 'Anna Lena',
      lastName: 'Schmidt',
    });
    expect(readCustomerAddress(thread([{ text: 'Hi!\nLG Lea' }], { name: 'Schäfer, Lea-Marie' }))).toEqual({
      firstName: 'Lea',
      lastName: 'Schäfer',
    });
  });
});

describe('formatSalutation', () => {
  const bergmann = { firstName: 'Klaus', lastName: 'Bergmann', academic: 'Dr.' } as const;
  it.each([
    [{ ...bergmann, gender: 'male' as const }, 'de', 'sie', 'Sehr geehrter Herr Dr. Bergmann'],
    [bergmann, 'de', 'sie', 'Guten Tag Dr. Bergmann'],
    [{ lastName: 'Yılmaz', gender: 'female' as const }, 'de', 'sie', 'Sehr geehrte Frau Yılmaz'],
    [{ firstName: 'Klaus', lastName: 'Bergmann' }, 'de', 'sie', 'Guten Tag Klaus Bergmann'],
    [{ lastName: 'Bergmann' }, 'de', 'sie', 'Guten Tag'],
    [{ firstName: 'Laura', lastName: 'Becker' }, 'de', 'du', 'Hallo Laura'],
    [bergmann, 'de', 'du', 'Hallo Klaus'],
    [{ firstName: 'Sarah', lastName: 'Chen', academic: 'Dr.' as const }, 'en', 'sie', 'Dear Dr. Chen'],
    [{ lastName: 'Chen', gender: 'female' as const, courtesy: 'Ms' }, 'en', 'sie', 'Dear Ms Chen'],
    [{ firstName: 'Priya', lastName: 'Raman' }, 'en', 'sie', 'Hi Priya'],
    [{}, 'en', 'sie', 'Hello'],
    [{}, 'de', 'du', 'Hallo'],
  ] as const)('%j in %s/%s → %s', (address, language, form, greeting) => {
    expect(formatSalutation(address, language, form).greeting).toBe(greeting);
  });
});
