import { intlLocale } from "../i18n/language-of.ts";

/** Intl formatters are costly to make and every page writes many amounts and dates: one per kind and language. */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function formatter<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  let format = formatters.get(key) as F | undefined;
  if (!format) {
    format = make();
    formatters.set(key, format);
  }
  return format;
}

/**
 * Integer cents as a person reads them in their language: "1 234,50 €" in French, "€1,234.50" in
 * English. Every page, e-mail and message goes through here so money is written one way; the
 * division is for display only, arithmetic stays in cents.
 */
export function formatMoney(cents: number, locale?: string | null, currency = "EUR"): string {
  const tag = intlLocale(locale);
  return formatter(
    `money|${tag}|${currency}`,
    () => new Intl.NumberFormat(tag, { style: "currency", currency }),
  ).format(cents / 100);
}

/** "450,00" / "450.00": an amount as the reader would type it in a field (no currency, no grouping). */
export function formatTypedAmount(cents: number, locale?: string | null): string {
  const tag = intlLocale(locale);
  return formatter(
    `typed|${tag}`,
    () =>
      new Intl.NumberFormat(tag, { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false }),
  ).format(cents / 100);
}

/** A due date ("7 décembre 2026", "7 December 2026"), from Unix seconds as Alma sends them. */
export function formatDay(unixSeconds: number, locale?: string | null, timeZone = "Europe/Paris"): string {
  const tag = intlLocale(locale);
  return formatter(
    `day|${tag}|${timeZone}`,
    () => new Intl.DateTimeFormat(tag, { day: "numeric", month: "long", year: "numeric", timeZone }),
  ).format(new Date(unixSeconds * 1000));
}

/** "8 déc. 2026, 10:15" / "8 Dec 2026, 10:15" from epoch ms, in Paris time like Alma's dates. */
export function formatDateTime(epochMs: number, locale?: string | null, timeZone = "Europe/Paris"): string {
  const tag = intlLocale(locale);
  return formatter(
    `time|${tag}|${timeZone}`,
    () => new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeStyle: "short", timeZone }),
  ).format(new Date(epochMs));
}

/** Basis points as a rate: 1720 → "17,20 %" in French, "17.20%" in English. */
export function formatBasisPoints(bps: number, locale?: string | null): string {
  const tag = intlLocale(locale);
  return formatter(
    `percent|${tag}`,
    () =>
      new Intl.NumberFormat(tag, { style: "percent", minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  ).format(bps / 10_000);
}
