/** What kind of personal data a span of text holds; each kind has its own mask token. */
export type PersonalDataKind = 'email' | 'phone' | 'iban' | 'card';

/** A stretch of text holding personal data, `end` exclusive. IBANs and cards keep their last four characters. */
export interface PersonalDataSpan {
  start: number;
  end: number;
  kind: PersonalDataKind;
  last4?: string;
}
