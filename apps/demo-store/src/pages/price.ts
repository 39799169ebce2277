import { formatMoney } from "@alma-suite/core";

/** The demo's pages are written in English: money as an English reader writes it ("€120.00"). */
export const DEMO_LOCALE = "en";

export function price(cents: number): string {
  return formatMoney(cents, DEMO_LOCALE);
}
