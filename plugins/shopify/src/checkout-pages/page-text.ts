import { createTranslator, type Translator } from "@alma-suite/core";
import en from "../locales/en.json" with { type: "json" };
import fr from "../locales/fr.json" with { type: "json" };
import type { SessionRecord } from "../payment-session/session-record.ts";

const CATALOGUES = { fr, en };

/** The buyer pages' messages in `locale`'s language (French when none or one we do not speak). */
export function pageText(locale: string | null | undefined): Translator {
  return createTranslator(CATALOGUES, locale);
}

/**
 * The language a buyer reads: the customer's locale from Shopify's payment session (kept after the
 * customer's details are dropped), else the shop's `merchant_locale`, else French (Alma's
 * customers are French first).
 */
export function buyerLocale(
  session: Pick<SessionRecord, "customer" | "merchantLocale"> & { buyerLocale?: string | null },
): string | null {
  return session.buyerLocale || session.customer?.locale || session.merchantLocale || null;
}
