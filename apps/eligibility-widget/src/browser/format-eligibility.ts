import { formatMoney } from "@alma-suite/core/money";

/**
 * The widget's pure half: reading its settings and turning Alma's eligibility answer into the line
 * a shopper reads. No DOM here, so it is tested in Node and bundled into the browser script as is.
 */

/** The parts of one `POST /v2/payments/eligibility` item the line needs (Alma's field names). */
export interface EligibilityItem {
  eligible: boolean;
  installments_count: number;
  payment_plan?: { total_amount: number }[];
  customer_fee?: number;
  customer_interest?: number;
  customer_total_cost_amount?: number;
}

/** The languages the shopper's line is written in: Alma's home market, and English for the rest. */
export type WidgetLocale = "en" | "fr";

export interface WidgetSettings {
  merchantId: string;
  /** Cents. */
  amount: number;
  /** Alma's API origin (or the sandbox's), without a trailing slash. */
  api: string;
  /** Instalment counts to ask about, e.g. [3, 4]. */
  plans: number[];
  locale: WidgetLocale;
}

export type SettingsResult = { ok: true; settings: WidgetSettings } | { ok: false; error: string };

export const DEFAULT_API = "https://api.getalma.eu";
const MERCHANT_ID = /^merchant_[A-Za-z0-9]+$/;

/**
 * `data-*` attributes of the element, falling back to the script tag's (one script, many products).
 * The language is `data-locale` when it is one the widget speaks, else the page's own
 * (`<html lang>`), else English.
 */
export function readSettings(
  own: Record<string, string | undefined>,
  defaults: Record<string, string | undefined> = {},
  pageLang = "",
): SettingsResult {
  const pick = (name: string) => own[name] ?? defaults[name];
  const merchantId = pick("merchantId")?.trim() ?? "";
  if (!MERCHANT_ID.test(merchantId)) return { ok: false, error: "data-merchant-id must be merchant_…" };
  const amountText = pick("amount")?.trim() ?? "";
  const amount = Number(amountText);
  if (!/^\d+$/.test(amountText) || !Number.isSafeInteger(amount) || amount <= 0)
    return { ok: false, error: "data-amount must be a positive whole number of cents" };
  const plans = (pick("plans") ?? "3")
    .split(",")
    .map((part) => Number(part.trim()))
    .filter((count) => Number.isInteger(count) && count >= 1 && count <= 12);
  if (plans.length === 0) return { ok: false, error: "data-plans must list instalment counts, e.g. 3,4" };
  const api = (pick("api")?.trim() || DEFAULT_API).replace(/\/+$/, "");
  // A data-locale the widget does not speak leaves the choice to the page.
  const asked = pick("locale")?.trim() ?? "";
  const locale = localeOf(/^(?:fr|en)(?:[-_]|$)/i.test(asked) ? asked : pageLang);
  return { ok: true, settings: { merchantId, amount, api, plans: [...new Set(plans)], locale } };
}

/** "fr", "fr-FR", "fr_BE" → French; anything else → English. */
export function localeOf(tag: string): WidgetLocale {
  return /^fr(?:[-_]|$)/i.test(tag.trim()) ? "fr" : "en";
}

const MESSAGES = {
  en: { title: "Pay in instalments with Alma", afterFirst: "then", fees: "fees: " },
  // French typography: a no-break space before the colon.
  fr: { title: "Payez en plusieurs fois avec Alma", afterFirst: "puis", fees: "frais\u00a0: " },
} satisfies Record<WidgetLocale, { title: string; afterFirst: string; fees: string }>;

/** The widget's heading in the shopper's language. */
export function widgetTitle(locale: WidgetLocale): string {
  return MESSAGES[locale].title;
}

/** The body of Alma's public eligibility call for these settings. */
export function eligibilityRequest(settings: WidgetSettings): object {
  return {
    purchase_amount: settings.amount,
    queries: settings.plans.map((count) => ({
      installments_count: count,
      deferred_days: 0,
      deferred_months: 0,
    })),
  };
}

/**
 * "3 x €33.33" when every instalment is the same; "€34.78 then 2 x €33.33" when the first
 * differs (Alma puts the customer fee and the rounding cent on it); what the customer pays on top
 * in brackets. Null for a plan that is not eligible or has no schedule.
 */
export function describePlan(item: EligibilityItem, locale: WidgetLocale = "en"): string | null {
  const words = MESSAGES[locale];
  const euros = (cents: number) => formatMoney(cents, locale);
  const amounts = (item.payment_plan ?? []).map((line) => line.total_amount);
  const [first, ...rest] = amounts;
  if (!item.eligible || first === undefined) return null;
  const times = (count: number, cents: number) => (count === 1 ? "" : `${count} x `) + euros(cents);
  let schedule: string;
  if (amounts.every((amount) => amount === first)) schedule = times(amounts.length, first);
  else if (rest.every((amount) => amount === rest[0]))
    schedule = `${euros(first)} ${words.afterFirst} ${times(rest.length, rest[0] ?? 0)}`;
  else schedule = amounts.map(euros).join(" + ");
  const cost = item.customer_total_cost_amount ?? (item.customer_fee ?? 0) + (item.customer_interest ?? 0);
  return cost > 0 ? `${schedule} (${words.fees}${euros(cost)})` : schedule;
}

/** One line per eligible plan, in the order asked; an answer of another shape is a fault. */
export function describeAnswer(answer: unknown, locale: WidgetLocale = "en"): string[] {
  if (!Array.isArray(answer)) throw new Error("eligibility answer is not a list");
  return answer
    .map((item) => describePlan(item as EligibilityItem, locale))
    .filter((line): line is string => line !== null);
}
