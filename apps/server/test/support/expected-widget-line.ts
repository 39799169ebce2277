import { formatMoney } from "@alma-suite/core";

/** "€41.74": the demo and widget wording in English. */
export const euros = (cents: number) => formatMoney(cents, "en");

/**
 * The widget's line for a price split evenly, from the sandbox's documented fee table
 * (apps/alma-sandbox/README.md): the customer fee is charged with the first instalment.
 */
export function expectedLine(priceCents: number, count: number, customerFeeBps: number): string {
  if (priceCents % count !== 0) throw new Error("pick a price that splits evenly");
  const fee = Math.round((priceCents * customerFeeBps) / 10_000);
  const share = priceCents / count;
  return `${euros(share + fee)} then ${count - 1} x ${euros(share)} (fees: ${euros(fee)})`;
}
