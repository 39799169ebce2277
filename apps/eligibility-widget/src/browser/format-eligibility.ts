import { type Language, languageOf } from "@alma-suite/core/i18n";
import { formatDay, formatMoney } from "@alma-suite/core/money";
import { type CreditTerms, creditTerms, planShortName } from "@alma-suite/core/plans";
import { widgetText } from "./widget-text.ts";

/**
 * The widget's pure half: reading its settings and turning Alma's eligibility answer into the line
 * a shopper reads. No DOM here, so it is tested in Node and bundled into the browser script as is.
 */

/** The parts of one `POST /v2/payments/eligibility` item the line needs (Alma's field names). */
export interface EligibilityItem {
  eligible: boolean;
  installments_count: number;
  deferred_days?: number;
  deferred_months?: number;
  purchase_amount?: number;
  payment_plan?: { total_amount: number; due_date?: number }[];
  customer_fee?: number;
  customer_interest?: number;
  customer_total_cost_amount?: number;
  /** Basis points: the TAEG a credit plan must show. */
  annual_interest_rate?: number | null;
}

/** One plan asked of Alma: "3" is 3 instalments, "30d" pay in 30 days, "1m" pay in 1 month. */
export interface PlanQuery {
  installments_count: number;
  deferred_days: number;
  deferred_months: number;
}

/** The languages the widget speaks (core's catalogue languages; French by default). */
export type WidgetLocale = Language;

export interface WidgetSettings {
  merchantId: string;
  /** Cents. */
  amount: number;
  /** Alma's API origin (or the sandbox's), without a trailing slash. */
  api: string;
  /** The plans the merchant enabled, in the order to show them. */
  plans: PlanQuery[];
  locale: WidgetLocale;
}

export type SettingsResult = { ok: true; settings: WidgetSettings } | { ok: false; error: string };

export const DEFAULT_API = "https://api.getalma.eu";
const MERCHANT_ID = /^merchant_[A-Za-z0-9]+$/;

/**
 * `data-*` attributes of the element, falling back to the script tag's (one script, many products).
 * The language is `data-locale` when it is one the widget speaks, else the page's own
 * (`<html lang>`), else French.
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
  const plans = uniquePlans(
    (pick("plans") ?? "3")
      .split(",")
      .map((part) => planQueryOf(part.trim()))
      .filter((plan): plan is PlanQuery => plan !== null),
  );
  if (plans.length === 0) return { ok: false, error: "data-plans must list plans, e.g. 3,4,10,30d" };
  const api = (pick("api")?.trim() || DEFAULT_API).replace(/\/+$/, "");
  // A data-locale the widget does not speak leaves the choice to the page.
  const asked = pick("locale")?.trim() ?? "";
  const locale = localeOf(/^(?:fr|en)(?:[-_]|$)/i.test(asked) ? asked : pageLang);
  return { ok: true, settings: { merchantId, amount, api, plans, locale } };
}

/** "3" (instalments, 1–12), "30d" (pay in 30 days), "1m" (pay in 1 month); null otherwise. */
function planQueryOf(token: string): PlanQuery | null {
  const match = /^(\d{1,2})([dm]?)$/i.exec(token);
  if (!match) return null;
  const n = Number(match[1]);
  const unit = (match[2] ?? "").toLowerCase();
  if (unit === "d")
    return n >= 1 && n <= 90 ? { installments_count: 1, deferred_days: n, deferred_months: 0 } : null;
  if (unit === "m")
    return n >= 1 && n <= 12 ? { installments_count: 1, deferred_days: 0, deferred_months: n } : null;
  return n >= 1 && n <= 12 ? { installments_count: n, deferred_days: 0, deferred_months: 0 } : null;
}

function uniquePlans(plans: PlanQuery[]): PlanQuery[] {
  const seen = new Set<string>();
  return plans.filter((plan) => {
    const key = `${plan.installments_count}_${plan.deferred_days}_${plan.deferred_months}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** "fr", "fr-FR", "fr_BE" → French, "en-GB" → English; anything else → French, Alma's home market. */
export function localeOf(tag: string): WidgetLocale {
  return languageOf(tag);
}

/** The widget's heading in the shopper's language. */
export function widgetTitle(locale: WidgetLocale): string {
  return widgetText(locale).t("title");
}

/** The body of Alma's public eligibility call for these settings. */
export function eligibilityRequest(settings: WidgetSettings): object {
  return {
    purchase_amount: settings.amount,
    queries: settings.plans.map((plan) => ({ ...plan })),
  };
}

/**
 * "3 x €33.33" when every instalment is the same; "€34.78 then 2 x €33.33" when the first
 * differs (Alma puts the customer fee and the rounding cent on it); what the customer pays on top
 * in brackets. Null for a plan that is not eligible or has no schedule.
 */
export function describePlan(item: EligibilityItem, locale: WidgetLocale = "en"): string | null {
  const { t } = widgetText(locale);
  const euros = (cents: number) => formatMoney(cents, locale);
  const amounts = (item.payment_plan ?? []).map((line) => line.total_amount);
  const [first, ...rest] = amounts;
  if (!item.eligible || first === undefined) return null;
  const times = (count: number, cents: number) => (count === 1 ? "" : `${count} x `) + euros(cents);
  let schedule: string;
  if (amounts.every((amount) => amount === first)) schedule = times(amounts.length, first);
  else if (rest.every((amount) => amount === rest[0]))
    schedule = `${euros(first)} ${t("afterFirst")} ${times(rest.length, rest[0] ?? 0)}`;
  else schedule = amounts.map(euros).join(" + ");
  const cost = item.customer_total_cost_amount ?? (item.customer_fee ?? 0) + (item.customer_interest ?? 0);
  return cost > 0 ? `${schedule} (${t("fees", { amount: euros(cost) })})` : schedule;
}

/** One line per eligible plan, in the order asked; an answer of another shape is a fault. */
export function describeAnswer(answer: unknown, locale: WidgetLocale = "en"): string[] {
  if (!Array.isArray(answer)) throw new Error("eligibility answer is not a list");
  return answer
    .map((item) => describePlan(item as EligibilityItem, locale))
    .filter((line): line is string => line !== null);
}

/** A plan as the widget shows it: its tab, the line, each due date and the terms to disclose. */
export interface WidgetPlan {
  /** "3x", "10x", "Payer dans 30 jours". */
  label: string;
  summary: string;
  schedule: { when: string; amount: string }[];
  terms: CreditTerms;
}

const DAY_MS = 86_400_000;

/**
 * The plans to offer, in the order asked: only those Alma says are eligible for this amount (the
 * asked ones being the merchant's enabled plans). Each carries its schedule and, for credit, the
 * TAEG from Alma's `annual_interest_rate` with the cost, total due and legal warning.
 */
export function widgetPlans(answer: unknown, locale: WidgetLocale, nowMs = Date.now()): WidgetPlan[] {
  if (!Array.isArray(answer)) throw new Error("eligibility answer is not a list");
  const { t } = widgetText(locale);
  const plans: WidgetPlan[] = [];
  for (const raw of answer as EligibilityItem[]) {
    const summary = describePlan(raw, locale);
    if (summary === null) continue;
    const identity = {
      kind: "general" as const,
      installmentsCount: raw.installments_count,
      deferredDays: raw.deferred_days ?? 0,
      deferredMonths: raw.deferred_months ?? 0,
    };
    const lines = raw.payment_plan ?? [];
    const purchase = raw.purchase_amount ?? lines.reduce((sum, line) => sum + line.total_amount, 0);
    plans.push({
      label: planShortName(identity, locale),
      summary,
      schedule: lines.map((line) => ({
        when:
          line.due_date === undefined || line.due_date * 1000 < nowMs + DAY_MS
            ? t("today")
            : formatDay(line.due_date, locale),
        amount: formatMoney(line.total_amount, locale),
      })),
      terms: creditTerms(
        {
          installmentsCount: raw.installments_count,
          purchaseAmount: purchase,
          customerFee: raw.customer_fee ?? 0,
          customerInterest: raw.customer_interest ?? 0,
          annualInterestRate: raw.annual_interest_rate ?? null,
        },
        locale,
      ),
    });
  }
  return plans;
}
