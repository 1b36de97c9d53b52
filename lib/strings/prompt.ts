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
} as const satisfies Record<string, string>;

export const de: { [K in keyof typeof en]: string } = {
  'prompt.placeholder.orderStatus': 'Bestellstatus',
  'prompt.placeholder.orderNumber': 'Bestellnummer',
  'prompt.placeholder.trackingNumber': 'Sendungsnummer',
  'prompt.placeholder.deliveryDate': 'Liefertermin',
  'prompt.placeholder.amount': 'Betrag',
  'prompt.placeholder.refundDecision': 'Entscheidung zur Erstattung',
  'prompt.placeholder.yourName': 'Ihr Name',
};
