import { formatDateTime, formatDay, formatMoney, formatTypedAmount } from "@alma-suite/core/money";
import { useMemo } from "react";
import { useLanguage } from "./admin-providers.tsx";

export interface Formats {
  /** Cents as the reader writes money: "120,00 €" in French, "€120.00" in English (core's one formatter). */
  money: (cents: number, currency?: string) => string;
  /** A moment from epoch ms; "–" when there is none. */
  time: (epochMs: number | null) => string;
  /** An amount for a form field's example: "450,00" / "450.00". */
  typed: (cents: number) => string;
  /** A day from epoch ms (core's formatter, which takes Alma's Unix seconds). */
  day: (epochMs: number) => string;
}

/** Money and dates in the page's language, through core's Intl module. */
export function useFormat(): Formats {
  const { language } = useLanguage();
  return useMemo(
    () => ({
      money: (cents, currency = "EUR") => formatMoney(cents, language, currency),
      typed: (cents) => formatTypedAmount(cents, language),
      time: (epochMs) => (epochMs === null ? "–" : formatDateTime(epochMs, language)),
      day: (epochMs) => formatDay(Math.floor(epochMs / 1000), language),
    }),
    [language],
  );
}
