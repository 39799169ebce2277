import { createTranslator } from "@alma-suite/core/i18n";
import { ADMIN_CATALOGUES } from "./admin-catalogues.ts";

/**
 * A sentence in the page's current language, for code outside React (the API clients): the
 * language is the one AdminProviders wrote on the document (French before that).
 */
export function pageSentence(key: string): string {
  const lang = typeof document === "undefined" ? null : document.documentElement.lang;
  return createTranslator(ADMIN_CATALOGUES, lang).t(key);
}
