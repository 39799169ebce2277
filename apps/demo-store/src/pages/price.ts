import { formatCents } from "@alma-suite/core";

/** "120.00 EUR": the same wording as the eligibility widget's line. */
export function price(cents: number): string {
  return `${formatCents(cents)} EUR`;
}
