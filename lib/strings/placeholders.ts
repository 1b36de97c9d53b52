/**
 * What the fill-in form, the editor's "insert placeholder" menu and the preview call each placeholder Rapport fills
 * itself (`placeholderCatalog` in lib/replies/templates/placeholders.ts); the key after `placeholders.` is the
 * placeholder's own. A custom field is called by its name, made readable, in both languages.
 */
export const en = {
  'placeholders.customer.firstName': "Customer's first name",
  'placeholders.customer.lastName': "Customer's last name",
  'placeholders.customer.name': "Customer's full name",
  'placeholders.customer.salutation': 'Greeting with title and name',
  'placeholders.customer.addressName': 'Customer as addressed (title, name)',
  'placeholders.customer.email': "Customer's email",
  'placeholders.agent.name': 'Your name',
  'placeholders.agent.firstName': 'Your first name',
  'placeholders.order.number': 'Order number',
  'placeholders.order.date': 'Order date',
  'placeholders.amount': 'Amount',
  'placeholders.invoice.number': 'Invoice number',
  'placeholders.tracking.number': 'Tracking number',
  'placeholders.tracking.carrier': 'Carrier',
  'placeholders.ticket.id': 'Ticket number',
  'placeholders.subject': 'Subject',
  'placeholders.today': "Today's date",
} as const satisfies Record<string, string>;

export const de: { [K in keyof typeof en]: string } = {
  'placeholders.customer.firstName': 'Vorname der Kundin/des Kunden',
  'placeholders.customer.lastName': 'Nachname der Kundin/des Kunden',
  'placeholders.customer.name': 'Name der Kundin/des Kunden',
  'placeholders.customer.salutation': 'Anrede mit Titel und Name',
  'placeholders.customer.addressName': 'Kundin/Kunde mit Anrede und Titel',
  'placeholders.customer.email': 'E-Mail der Kundin/des Kunden',
  'placeholders.agent.name': 'Ihr Name',
  'placeholders.agent.firstName': 'Ihr Vorname',
  'placeholders.order.number': 'Bestellnummer',
  'placeholders.order.date': 'Bestelldatum',
  'placeholders.amount': 'Betrag',
  'placeholders.invoice.number': 'Rechnungsnummer',
  'placeholders.tracking.number': 'Sendungsnummer',
  'placeholders.tracking.carrier': 'Versanddienstleister',
  'placeholders.ticket.id': 'Ticketnummer',
  'placeholders.subject': 'Betreff',
  'placeholders.today': 'Heutiges Datum',
};
