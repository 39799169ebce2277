import { intlLocale } from "../i18n/language-of.ts";

const moneyFormats = new Map<string, Intl.NumberFormat>();
const dayFormats = new Map<string, Intl.DateTimeFormat>();
const percentFormats = new Map<string, Intl.NumberFormat>();

/**
 * Integer cents as a person reads them in their language: "1 234,50 €" in French, "€1,234.50" in
 * English. Every page, e-mail and message goes through here so money is written one way; the
 * division is for display only, arithmetic stays in cents.
 */
export function formatMoney(cents: number, locale?: string | null, currency = "EUR"): string {
  const tag = intlLocale(locale);
  const key = `${tag}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(tag, { style: "currency", currency });
    moneyFormats.set(key, format);
  }
  return format.format(cents / 100);
}

/** A due date ("7 décembre 2026", "7 December 2026"), from Unix seconds as Alma sends them. */
export function formatDay(unixSeconds: number, locale?: string | null, timeZone = "Europe/Paris"): string {
  const tag = intlLocale(locale);
  const key = `${tag}|${timeZone}`;
  let format = dayFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(tag, { day: "numeric", month: "long", year: "numeric", timeZone });
    dayFormats.set(key, format);
  }
  return format.format(new Date(unixSeconds * 1000));
}

/** Basis points as a rate: 1720 → "17,20 %" in French, "17.20%" in English. */
export function formatBasisPoints(bps: number, locale?: string | null): string {
  const tag = intlLocale(locale);
  let format = percentFormats.get(tag);
  if (!format) {
    format = new Intl.NumberFormat(tag, {
      style: "percent",
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    percentFormats.set(tag, format);
  }
  return format.format(bps / 10_000);
}
