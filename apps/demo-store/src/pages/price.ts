import { formatMoney } from "@alma-suite/core";
import type { DemoText } from "../demo-text.ts";

/** Money as the shopper reads it in their language ("120,00 €", "€120.00"). */
export function price(text: DemoText, cents: number): string {
  return formatMoney(cents, text.locale);
}
