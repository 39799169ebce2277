import { formatMoney, tryParseAmountToCents } from "@alma-suite/core/money";

export type AmountCheck = { ok: true; cents: number } | { ok: false; error: string };

/**
 * The refund field: empty means everything still refundable; otherwise an amount in euros with
 * at most two decimals, above zero and not above what is refundable. Checked before sending so
 * the merchant never confirms an amount the server would refuse.
 */
export function parseRefundAmount(text: string, refundableCents: number, currency: string): AmountCheck {
  if (refundableCents <= 0) return { ok: false, error: "Nothing is left to refund on this payment." };
  if (text.trim() === "") return { ok: true, cents: refundableCents };
  const parsed = tryParseAmountToCents(text, { typed: true });
  const cents = parsed.ok ? parsed.cents : null;
  if (cents === null) return { ok: false, error: "Enter an amount such as 12.30 (at most two decimals)." };
  if (cents === 0) return { ok: false, error: "Enter an amount above zero." };
  if (cents > refundableCents)
    return { ok: false, error: `At most ${formatMoney(refundableCents, "en", currency)} can be refunded.` };
  return { ok: true, cents };
}

/** The payment link amount: required, above zero, at most two decimals. */
export function parseAmount(text: string): AmountCheck {
  const parsed = tryParseAmountToCents(text, { typed: true });
  const cents = parsed.ok ? parsed.cents : null;
  if (cents === null) return { ok: false, error: "Enter an amount such as 149.90 (at most two decimals)." };
  if (cents === 0) return { ok: false, error: "Enter an amount above zero." };
  return { ok: true, cents };
}
