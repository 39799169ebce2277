import { tryParseAmountToCents } from "@alma-suite/core";

/**
 * WooCommerce money is decimal text ("450.00", refunds "-10.00"). Parsed digit by digit into
 * integer cents by core, never through floats; null when the store sent something unusable.
 * Cents go back to WooCommerce as core's `formatCents` text.
 */
export function wooCents(value: string): number | null {
  const parsed = tryParseAmountToCents(value, { allowNegative: true });
  return parsed.ok ? Math.abs(parsed.cents) : null;
}
