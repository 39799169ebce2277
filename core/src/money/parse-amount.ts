/**
 * Platform amounts arrive as decimal strings ("123.45" in most platforms' documents) or,
 * occasionally, JS numbers. We never multiply a float by 100: `19.99 * 100` is 1998.9999…
 * Instead the decimal text is split into whole and fractional digits and combined as integers.
 */
export type AmountParseResult = { ok: true; cents: number } | { ok: false; error: string };

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

export interface AmountParseOptions {
  allowNegative?: boolean;
  /**
   * Text a person typed ("1 234,50 €", "12.3"): spaces and the euro sign are ignored and a comma
   * is read as the decimal point, as French speakers write it. Off for platform values.
   */
  typed?: boolean;
}

export function tryParseAmountToCents(value: unknown, options: AmountParseOptions = {}): AmountParseResult {
  let text: string;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return { ok: false, error: "amount must be a finite number" };
    // toFixed(2) on a number that already has at most 2 decimals is exact; anything finer is refused below.
    text = Number.isInteger(value)
      ? String(value)
      : value.toPrecision(15).replace(/0+$/, "").replace(/\.$/, "");
  } else if (typeof value === "string") {
    text = options.typed ? value.replace(/[\s\u00a0\u202f€]/g, "").replace(/,(?=\d*$)/, ".") : value.trim();
  } else {
    return { ok: false, error: "amount must be a decimal string or a number" };
  }
  const match = DECIMAL.exec(text);
  if (!match) return { ok: false, error: `amount "${String(value)}" is not a decimal number` };
  const [, sign, whole = "0", fraction = ""] = match;
  const significantFraction = fraction.replace(/0+$/, "");
  if (significantFraction.length > 2) {
    return { ok: false, error: `amount "${String(value)}" has more than 2 decimal places` };
  }
  const cents = Number(whole) * 100 + Number(significantFraction.padEnd(2, "0"));
  if (!Number.isSafeInteger(cents)) return { ok: false, error: `amount "${String(value)}" is too large` };
  const signed = sign ? -cents : cents;
  if (signed < 0 && !options.allowNegative) return { ok: false, error: "amount must not be negative" };
  return { ok: true, cents: signed === 0 ? 0 : signed };
}

export class InvalidAmountError extends Error {
  override name = "InvalidAmountError";
}

export function parseAmountToCents(value: unknown, options: AmountParseOptions = {}): number {
  const result = tryParseAmountToCents(value, options);
  if (!result.ok) throw new InvalidAmountError(result.error);
  return result.cents;
}

/** Cents to the plain decimal text platforms expect ("1234.50"). */
export function formatCents(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new InvalidAmountError(`cents must be an integer, got ${cents}`);
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
