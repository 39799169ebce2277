import { createTranslator, type Translator } from "@alma-suite/core/i18n";
import en from "../locales/en.json" with { type: "json" };
import fr from "../locales/fr.json" with { type: "json" };

const CATALOGUES = { fr, en };

/** The widget's own words in the shopper's language (plan names and credit terms come from core). */
export function widgetText(locale: string): Translator {
  return createTranslator(CATALOGUES, locale);
}
