import { DEFAULT_LANGUAGE, type Language } from "@alma-suite/core/i18n";
import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { ADMIN_CATALOGUES } from "./admin-catalogues.ts";

/**
 * An i18next instance for the dashboard and the Shopify settings page, in `language`. A key
 * missing from a language falls back to French, so a half-translated catalogue never blanks a page.
 */
export function createAdminI18n(language: Language): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    initAsync: false,
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    resources: Object.fromEntries(
      Object.entries(ADMIN_CATALOGUES).map(([lang, catalogue]) => [lang, { translation: catalogue }]),
    ),
    // Job types such as `alma:confirm` are keys: a colon must not be read as a namespace.
    nsSeparator: false,
    // React escapes what it renders.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
