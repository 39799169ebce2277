import {
  type AlmaClient,
  type Eligibility,
  type PlanLimits,
  parsePlanKey,
  preCheckPayment,
} from "@alma-suite/core";
import type { PlanSetting } from "../tenants/shop-settings.ts";
import type { Offer, RejectionCode } from "./session-record.ts";

export type OfferDecision =
  | { kind: "offers"; offers: Offer[] }
  | { kind: "rejected"; code: RejectionCode; message: string };

/**
 * Which of the merchant's enabled plans this basket can use: local checks first (EUR, the
 * merchant's own windows, plans that can wait for a capture when Shopify asks for an
 * authorization), then Alma's eligibility, which has the last word and prices each plan.
 */
export async function chooseOffers(input: {
  alma: AlmaClient;
  plans: readonly PlanSetting[];
  amountCents: number;
  currency: string;
  kind: "sale" | "authorization";
  billingCountry: string | null;
  shippingCountry: string | null;
}): Promise<OfferDecision> {
  const enabled = input.plans.filter((p) => p.enabled && parsePlanKey(p.key));
  if (input.currency.toUpperCase() !== "EUR") {
    return {
      kind: "rejected",
      code: "INVALID_CURRENCY",
      message: `Alma only accepts EUR, not ${input.currency}`,
    };
  }
  const usable =
    input.kind === "authorization" ? enabled.filter((p) => p.triggerLimitDays !== null) : enabled;
  if (usable.length === 0) {
    const what = input.kind === "authorization" ? "that supports authorization then capture " : "";
    return {
      kind: "rejected",
      code: "PROCESSING_ERROR",
      message: `no Alma plan ${what}is enabled for this shop`,
    };
  }
  const checks = usable.map((p) => {
    const plan = parsePlanKey(p.key)!;
    return { setting: p, plan, check: preCheckPayment({ ...input, plan, plans: [limitsOf(p)] }) };
  });
  const candidates = checks.filter((c) => c.check.ok);
  if (candidates.length === 0) return amountRejection(checks.map((c) => c.check));

  const answers = await input.alma.eligibility.check({
    purchase_amount: input.amountCents,
    queries: candidates.map((c) => ({
      installments_count: c.plan.installmentsCount,
      deferred_days: c.plan.deferredDays,
      deferred_months: c.plan.deferredMonths,
    })),
    ...(input.billingCountry ? { billing_address: { country: input.billingCountry } } : {}),
    ...(input.shippingCountry ? { shipping_address: { country: input.shippingCountry } } : {}),
  });
  const offers = answers.flatMap((answer, i) => {
    const candidate = candidates[i];
    return answer.eligible && candidate ? [toOffer(candidate.setting.key, answer)] : [];
  });
  if (offers.length > 0) return { kind: "offers", offers };
  return almaRejection(answers, input.amountCents);
}

function limitsOf(p: PlanSetting): PlanLimits {
  const plan = parsePlanKey(p.key)!;
  return {
    kind: plan.kind,
    installments_count: plan.installmentsCount,
    deferred_days: plan.deferredDays,
    deferred_months: plan.deferredMonths,
    allowed: p.enabled,
    min_purchase_amount: p.minCents,
    max_purchase_amount: p.maxCents,
  };
}

function toOffer(planKey: string, answer: Extract<Eligibility, { eligible: true }>): Offer {
  const schedule = answer.payment_plan.map((line) => ({
    dueDate: line.due_date,
    totalCents: line.total_amount,
  }));
  const fees = answer.payment_plan.reduce((sum, l) => sum + l.customer_fee + l.customer_interest, 0);
  return {
    planKey,
    installmentsCount: answer.installments_count,
    deferredDays: answer.deferred_days,
    deferredMonths: answer.deferred_months,
    customerFeeCents: answer.customer_fee ?? fees,
    totalCostCents: answer.customer_total_cost_amount ?? fees,
    annualInterestRate: answer.annual_interest_rate ?? null,
    schedule,
  };
}

/** Every plan failed locally: below every window, above every window, or in a gap between them. */
function amountRejection(checks: ReturnType<typeof preCheckPayment>[]): OfferDecision {
  const reasons = new Set(checks.map((c) => (c.ok ? "ok" : c.reason)));
  if (reasons.size === 1 && reasons.has("amount_below_minimum"))
    return {
      kind: "rejected",
      code: "AMOUNT_TOO_SMALL",
      message: "the basket is below every Alma plan's minimum",
    };
  if (reasons.size === 1 && reasons.has("amount_above_maximum"))
    return {
      kind: "rejected",
      code: "AMOUNT_TOO_LARGE",
      message: "the basket is above every Alma plan's maximum",
    };
  return { kind: "rejected", code: "PROCESSING_ERROR", message: "no enabled Alma plan accepts this amount" };
}

function almaRejection(answers: Eligibility[], amountCents: number): OfferDecision {
  const windows = answers.flatMap((a) => {
    const limits = (a.eligible ? undefined : a.constraints?.purchase_amount) as
      | { minimum?: number; maximum?: number }
      | undefined;
    return limits ? [limits] : [];
  });
  if (
    windows.length === answers.length &&
    windows.every((w) => w.minimum !== undefined && amountCents < w.minimum)
  )
    return { kind: "rejected", code: "AMOUNT_TOO_SMALL", message: "Alma: the basket is below the minimum" };
  if (
    windows.length === answers.length &&
    windows.every((w) => w.maximum !== undefined && amountCents > w.maximum)
  )
    return { kind: "rejected", code: "AMOUNT_TOO_LARGE", message: "Alma: the basket is above the maximum" };
  return { kind: "rejected", code: "PROCESSING_ERROR", message: "Alma offers no plan for this basket" };
}
