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

export interface WidgetSettings {
  merchantId: string;
  /** Cents. */
  amount: number;
  /** Alma's API origin (or the sandbox's), without a trailing slash. */
  api: string;
  /** Instalment counts to ask about, e.g. [3, 4]. */
  plans: number[];
}

export type SettingsResult = { ok: true; settings: WidgetSettings } | { ok: false; error: string };

export const DEFAULT_API = "https://api.getalma.eu";
const MERCHANT_ID = /^merchant_[A-Za-z0-9]+$/;

/** `data-*` attributes of the element, falling back to the script tag's (one script, many products). */
export function readSettings(
  own: Record<string, string | undefined>,
  defaults: Record<string, string | undefined> = {},
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
  return { ok: true, settings: { merchantId, amount, api, plans: [...new Set(plans)] } };
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

/** 3333 → "33.33 EUR": integer arithmetic, never a float rounding surprise. */
export function formatEuros(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")} EUR`;
}

/**
 * "3 x 33.33 EUR" when every instalment is the same; "34.78 EUR then 2 x 33.33 EUR" when the first
 * differs (Alma puts the customer fee and the rounding cent on it); what the customer pays on top
 * in brackets. Null for a plan that is not eligible or has no schedule.
 */
export function describePlan(item: EligibilityItem): string | null {
  const amounts = (item.payment_plan ?? []).map((line) => line.total_amount);
  const [first, ...rest] = amounts;
  if (!item.eligible || first === undefined) return null;
  const times = (count: number, cents: number) => (count === 1 ? "" : `${count} x `) + formatEuros(cents);
  let schedule: string;
  if (amounts.every((amount) => amount === first)) schedule = times(amounts.length, first);
  else if (rest.every((amount) => amount === rest[0]))
    schedule = `${formatEuros(first)} then ${times(rest.length, rest[0] ?? 0)}`;
  else schedule = amounts.map(formatEuros).join(" + ");
  const cost = item.customer_total_cost_amount ?? (item.customer_fee ?? 0) + (item.customer_interest ?? 0);
  return cost > 0 ? `${schedule} (fees: ${formatEuros(cost)})` : schedule;
}

/** One line per eligible plan, in the order asked; an answer of another shape is a fault. */
export function describeAnswer(answer: unknown): string[] {
  if (!Array.isArray(answer)) throw new Error("eligibility answer is not a list");
  return answer
    .map((item) => describePlan(item as EligibilityItem))
    .filter((line): line is string => line !== null);
}
