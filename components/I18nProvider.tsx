import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { createTranslator, resolveLanguage, type Translate } from '../lib/i18n';
import type { UiLanguage } from '../lib/settings';

interface I18n {
  t: Translate;
  language: 'en' | 'de';
}

const I18nContext = createContext<I18n>({ t: createTranslator('en'), language: 'en' });

/** Provides the UI language: the agent's choice in settings, else the browser's. */
export function I18nProvider({ setting, children }: { setting: UiLanguage; children: ReactNode }) {
  const value = useMemo(() => {
    const language = resolveLanguage(setting, navigator.language);
    return { t: createTranslator(language), language };
  }, [setting]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The translate function and language of the surrounding `I18nProvider`. */
export function useI18n(): I18n {
  return useContext(I18nContext);
}
