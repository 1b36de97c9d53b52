/**
 * Placeholders a draft carries for facts the conversation lacks, written in the conversation's language: the agent
 * sees them in the reply box and fills them before sending ("[order number]", "[Bestellnummer]").
 */
export const en = {
  'prompt.placeholder.orderStatus': 'order status',
  'prompt.placeholder.orderNumber': 'order number',
  'prompt.placeholder.trackingNumber': 'tracking number',
  'prompt.placeholder.deliveryDate': 'delivery date',
  'prompt.placeholder.amount': 'amount',
  'prompt.placeholder.refundDecision': 'decision on refund',
  'prompt.placeholder.yourName': 'your name',
  // The labels the reply model writes its summary lines under (issue 22), in the conversation's language; the parser
  // reads them back, so they are words a model copies reliably.
  'prompt.summary.request': 'Request',
  'prompt.summary.happened': 'So far',
  'prompt.summary.open': 'Still open',
  'prompt.summary.nothing': 'nothing',
} as const satisfies Record<string, string>;

export const de: { [K in keyof typeof en]: string } = {
  'prompt.placeholder.orderStatus': 'Bestellstatus',
  'prompt.placeholder.orderNumber': 'Bestellnummer',
  'prompt.placeholder.trackingNumber': 'Sendungsnummer',
  'prompt.placeholder.deliveryDate': 'Liefertermin',
  'prompt.placeholder.amount': 'Betrag',
  'prompt.placeholder.refundDecision': 'Entscheidung zur Erstattung',
  'prompt.placeholder.yourName': 'Ihr Name',
  'prompt.summary.request': 'Anliegen',
  'prompt.summary.happened': 'Bisher',
  'prompt.summary.open': 'Noch offen',
  'prompt.summary.nothing': 'nichts',
};
