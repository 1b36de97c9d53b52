/** Why a reading looks wrong (one code per check of the reading health). */
export const en = {
  'health.no-customer-message': 'No message was read as the customer’s.',
  'health.no-loaded-customer-message':
    'The customer’s messages are collapsed on the page, so none of their text was read.',
  'health.placeholder-author': 'An author is “{name}”, a placeholder rather than a person.',
  'health.form-like-message': 'Message {index} looks like form labels or buttons, not something a person wrote.',
  'health.one-author':
    'All {count} messages are by one person — replies are missing or were given to the wrong author.',
  'health.everyone-customer':
    '{authors} different people were all read as the customer — agent replies may have been taken for the customer’s.',
  'health.no-subject': 'No subject was found.',
} as const satisfies Record<string, string>;

export const de: { [K in keyof typeof en]: string } = {
  'health.no-customer-message': 'Keine Nachricht wurde der Kundschaft zugeordnet.',
  'health.no-loaded-customer-message':
    'Die Nachrichten der Kundschaft sind auf der Seite eingeklappt; von ihrem Text wurde nichts gelesen.',
  'health.placeholder-author': 'Ein Absender heißt „{name}“ – ein Platzhalter, keine Person.',
  'health.form-like-message':
    'Nachricht {index} sieht nach Formularfeldern oder Schaltflächen aus, nicht nach Geschriebenem.',
  'health.one-author':
    'Alle {count} Nachrichten stammen von einer Person – Antworten fehlen oder wurden der falschen Person zugeordnet.',
  'health.everyone-customer':
    '{authors} verschiedene Personen wurden alle als Kundschaft gelesen – Antworten des Teams wurden womöglich der Kundschaft zugeordnet.',
  'health.no-subject': 'Kein Betreff gefunden.',
};
