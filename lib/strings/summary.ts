/** The conversation summary at the top of the panel (lib/analysis/conversation-summary.ts). */
export const en = {
  'summary.title': 'In short',
  'summary.source.extractive': 'Sentences quoted from the messages',
  'summary.request': 'Wants',
  'summary.happened': 'So far',
  'summary.open': 'Still open',
  'summary.byCustomer': 'customer',
  'summary.byAgent': 'agent',
  'summary.show': 'Show the message this line comes from',
  'summary.status.unanswered': 'Not answered yet.',
  'summary.status.customer-waiting': 'The customer wrote again since the last answer.',
  'summary.status.waiting-on-customer': 'Answered — waiting for the customer.',
  'summary.status.empty': 'Nothing to summarise yet.',
} as const satisfies Record<string, string>;

export const de: { [K in keyof typeof en]: string } = {
  'summary.title': 'Kurz gesagt',
  'summary.source.extractive': 'Sätze wörtlich aus den Nachrichten',
  'summary.request': 'Anliegen',
  'summary.happened': 'Bisher',
  'summary.open': 'Noch offen',
  'summary.byCustomer': 'Kundschaft',
  'summary.byAgent': 'Support',
  'summary.show': 'Die Nachricht zeigen, aus der diese Zeile stammt',
  'summary.status.unanswered': 'Noch nicht beantwortet.',
  'summary.status.customer-waiting': 'Die Kundschaft hat seit der letzten Antwort wieder geschrieben.',
  'summary.status.waiting-on-customer': 'Beantwortet – wartet auf die Kundschaft.',
  'summary.status.empty': 'Noch nichts zusammenzufassen.',
};
