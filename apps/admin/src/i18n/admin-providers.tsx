import type { Language } from "@alma-suite/core/i18n";
import { AppProvider } from "@shopify/polaris";
import polarisEn from "@shopify/polaris/locales/en.json" with { type: "json" };
import polarisFr from "@shopify/polaris/locales/fr.json" with { type: "json" };
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from "react";
import { I18nextProvider } from "react-i18next";
import { createAdminI18n } from "./admin-i18n.ts";
import { browserStorage, rememberLanguage } from "./chosen-language.ts";

// Polaris' own words (close buttons, pagination, "Toggle menu"…) in the same language as ours.
const POLARIS: Record<Language, typeof polarisEn> = { fr: polarisFr, en: polarisEn };

interface LanguageChoice {
  language: Language;
  setLanguage: (language: Language) => void;
}

const LanguageContext = createContext<LanguageChoice>({ language: "fr", setLanguage: () => {} });

/** The page's language and the way to change it (remembered in the browser). */
export function useLanguage(): LanguageChoice {
  return useContext(LanguageContext);
}

/**
 * Translations for the admin pages and for Polaris, in one language the user can change while
 * the page runs. The document's `lang` follows, so screen readers pronounce the page right.
 */
export function AdminProviders(props: { language: Language; children: ReactNode; remember?: boolean }) {
  const [language, setLanguageState] = useState<Language>(props.language);
  const i18n = useMemo(() => createAdminI18n(language), [language]);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const choice = useMemo<LanguageChoice>(
    () => ({
      language,
      setLanguage: (next) => {
        if (props.remember !== false) rememberLanguage(next, browserStorage());
        setLanguageState(next);
      },
    }),
    [language, props.remember],
  );
  return (
    <LanguageContext.Provider value={choice}>
      <I18nextProvider i18n={i18n}>
        <AppProvider i18n={POLARIS[language]}>{props.children}</AppProvider>
      </I18nextProvider>
    </LanguageContext.Provider>
  );
}
