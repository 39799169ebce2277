import { createTranslator } from "@alma-suite/core/i18n";
import { formatMoney, tryParseAmountToCents } from "@alma-suite/core/money";
import { ADMIN_CATALOGUES } from "../i18n/admin-catalogues.ts";

/**
 * Checks of amounts typed in the dashboard's forms, on core's one parser; reading and writing
 * money otherwise goes through core's Intl module (see i18n/use-format.ts).
 */
export type AmountCheck = { ok: true; cents: number } | { ok: false; error: string };

/**
 * The refund field: empty means everything still refundable; otherwise an amount in euros with
 * at most two decimals, above zero and not above what is refundable. Checked before sending so
 * the merchant never confirms an amount the server would refuse. Errors are in `language`.
 */
export function parseRefundAmount(
  text: string,
  refundableCents: number,
  currency: string,
  language = "en",
): AmountCheck {
  const { t } = createTranslator(ADMIN_CATALOGUES, language);
  if (refundableCents <= 0) return { ok: false, error: t("refunds.nothingLeft") };
  if (text.trim() === "") return { ok: true, cents: refundableCents };
  const parsed = tryParseAmountToCents(text, { typed: true });
  const cents = parsed.ok ? parsed.cents : null;
  if (cents === null) return { ok: false, error: t("amount.refundFormat") };
  if (cents === 0) return { ok: false, error: t("amount.aboveZero") };
  if (cents > refundableCents)
    return {
      ok: false,
      error: t("refunds.atMost", { amount: formatMoney(refundableCents, language, currency) }),
    };
  return { ok: true, cents };
}

/** The payment link amount: required, above zero, at most two decimals. */
export function parseAmount(text: string, language = "en"): AmountCheck {
  const { t } = createTranslator(ADMIN_CATALOGUES, language);
  const parsed = tryParseAmountToCents(text, { typed: true });
  const cents = parsed.ok ? parsed.cents : null;
  if (cents === null) return { ok: false, error: t("amount.linkFormat") };
  if (cents === 0) return { ok: false, error: t("amount.aboveZero") };
  return { ok: true, cents };
}
