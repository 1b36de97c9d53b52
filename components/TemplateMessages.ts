import type { Translate } from '../lib/i18n';
import type { Intent } from '../lib/models/types';
import type { AddressFormDetection } from '../lib/replies/address-form';
import type { TemplateFormality, TemplateLanguage, TemplateTone } from '../lib/replies/templates/schema';
import { useI18n } from './I18nProvider';

/** The translate function the template components use: the one catalogue's `t` (keys `templates.*`). */
export type TemplateTranslate = Translate;

/** The template feature's strings in the UI language, plus helpers for labels that come from data. */
export function useTemplateMessages() {
  const { t: tt, language } = useI18n();
  return {
    tt,
    language,
    intentLabel: (intent: Intent) => tt(`templates.intent.${intent}`),
    toneLabel: (tone: TemplateTone) => tt(`templates.tone.${tone}`),
    languageLabel: (value: TemplateLanguage) => tt(`templates.language.${value}`),
    formalityLabel: (value: TemplateFormality) => tt(`templates.formality.${value}`),
    /** Why this du/Sie: "the customer writes du (“dir”)", "Ihre frühere Antwort siezt". */
    addressReason: ({ form, reason }: AddressFormDetection): string => {
      switch (reason.code) {
        case 'team-setting':
          return tt('templates.address.team-setting');
        case 'agent-reply':
          return tt(form === 'du' ? 'templates.address.agent-reply.du' : 'templates.address.agent-reply.sie');
        case 'customer-pronoun':
          return tt(
            form === 'du' ? 'templates.address.customer-pronoun.du' : 'templates.address.customer-pronoun.sie',
            {
              cue: reason.cue,
            },
          );
        case 'customer-greeting':
          return tt('templates.address.customer-greeting', { cue: reason.cue });
        case 'no-cue':
        case 'not-german':
          return tt('templates.address.no-cue');
      }
    },
  };
}
