/** The conversation summary at the top of the panel (lib/analysis/conversation-summary.ts). */
export const en = {
  'summary.title': 'In short',
  'summary.source.extractive': 'Sentences quoted from the messages',
  'summary.request': 'Wants',
  'summary.said': 'Writes',
  'summary.happened': 'So far',
  'summary.open': 'Still open',
  'summary.byCustomer': 'customer',
  'summary.byAgent': 'agent',
  'summary.show': 'Show the message this line comes from',
  'summary.status.unanswered': 'Not answered yet.',
  'summary.status.customer-waiting': 'The customer wrote again since the last answer.',
  'summary.status.waiting-on-customer': 'Answered — waiting for the customer.',
  'summary.status.empty': 'Nothing to summarise yet.',
  'summary.source.model': 'Written by the reply model {model}',
  'summary.model.demoName': '(scripted demo)',
  'summary.model.writing': 'The reply model is writing a summary…',
  'summary.model.showQuotes': 'Show the sentences quoted from the messages',
  'summary.model.rejected.claim': 'The reply model’s summary is not shown: it said {claim}, and no message shows that.',
  'summary.model.rejected.fact':
    'The reply model’s summary is not shown: it named “{value}”, which no message contains.',
  'summary.model.rejected.unreadable': 'The reply model’s summary is not shown: it did not keep to the three lines.',
  'summary.model.failed': 'The reply model could not write a summary.',
} as const satisfies Record<string, string>;

export const de: { [K in keyof typeof en]: string } = {
  'summary.title': 'Kurz gesagt',
  'summary.source.extractive': 'Sätze wörtlich zitiert',
  'summary.request': 'Anliegen',
  'summary.said': 'Schreibt',
  'summary.happened': 'Bisher',
  'summary.open': 'Noch offen',
  'summary.byCustomer': 'Kundschaft',
  'summary.byAgent': 'Support',
  'summary.show': 'Die Nachricht zeigen, aus der diese Zeile stammt',
  'summary.status.unanswered': 'Noch nicht beantwortet.',
  'summary.status.customer-waiting': 'Die Kundschaft hat seit der letzten Antwort wieder geschrieben.',
  'summary.status.waiting-on-customer': 'Beantwortet – wartet auf die Kundschaft.',
  'summary.status.empty': 'Noch nichts zusammenzufassen.',
  'summary.source.model': 'Geschrieben vom Antwortmodell {model}',
  'summary.model.demoName': '(Skript-Demo)',
  'summary.model.writing': 'Das Antwortmodell schreibt eine Zusammenfassung …',
  'summary.model.showQuotes': 'Die wörtlich zitierten Sätze zeigen',
  'summary.model.rejected.claim':
    'Die Zusammenfassung des Antwortmodells wird nicht gezeigt: Sie besagte, dass {claim} – das zeigt keine Nachricht.',
  'summary.model.rejected.fact':
    'Die Zusammenfassung des Antwortmodells wird nicht gezeigt: Sie nannte „{value}“, das in keiner Nachricht steht.',
  'summary.model.rejected.unreadable':
    'Die Zusammenfassung des Antwortmodells wird nicht gezeigt: Sie hielt sich nicht an die drei Zeilen.',
  'summary.model.failed': 'Das Antwortmodell konnte keine Zusammenfassung schreiben.',
};
