import { intlLocale } from "@alma-suite/core/i18n";

const plainAmounts = new Map<string, Intl.NumberFormat>();

/** "450,00" / "450.00": an amount as the reader would type it in a field (no currency, no grouping). */
export function formatTypedAmount(cents: number, locale: string): string {
  const tag = intlLocale(locale);
  let format = plainAmounts.get(tag);
  if (!format) {
    format = new Intl.NumberFormat(tag, {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
      useGrouping: false,
    });
    plainAmounts.set(tag, format);
  }
  return format.format(cents / 100);
}
