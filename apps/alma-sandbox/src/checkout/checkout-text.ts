import { createTranslator, type Translator } from "@alma-suite/core";
import en from "../locales/en.json" with { type: "json" };
import fr from "../locales/fr.json" with { type: "json" };

const CATALOGUES = { fr, en };

/** The hosted pages' messages in the payment's `locale`, as Alma's hosted page follows it (French by default). */
export function checkoutText(locale: string | null | undefined): Translator {
  return createTranslator(CATALOGUES, locale);
}
