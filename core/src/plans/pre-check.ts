import { formatPlanKey, type PlanIdentity } from "./plan-key.ts";

/** The subset of a fee plan (Alma's or the merchant's narrower settings) that a pre-check needs. */
export interface PlanLimits {
  kind: string;
  installments_count: number;
  deferred_days: number;
  deferred_months: number;
  allowed: boolean;
  min_purchase_amount: number;
  max_purchase_amount: number;
}

export type PreCheckResult =
  | { ok: true; plan: PlanLimits }
  | { ok: false; reason: "currency_not_supported"; message: string }
  | { ok: false; reason: "plan_not_allowed"; message: string }
  | {
      ok: false;
      reason: "amount_below_minimum" | "amount_above_maximum";
      message: string;
      constraints: { minimum: number; maximum: number };
    };

/**
 * Local checks that save a round trip to Alma: EUR only, the plan exists and is allowed,
 * and the amount sits inside the plan's window. Alma still has the last word (eligibility).
 */
export function preCheckPayment(input: {
  amountCents: number;
  currency: string;
  plan: PlanIdentity;
  plans: readonly PlanLimits[];
}): PreCheckResult {
  if (input.currency.toUpperCase() !== "EUR") {
    return {
      ok: false,
      reason: "currency_not_supported",
      message: `Alma only accepts EUR, not ${input.currency}`,
    };
  }
  const key = formatPlanKey(input.plan);
  const plan = input.plans.find(
    (p) =>
      p.kind === input.plan.kind &&
      p.installments_count === input.plan.installmentsCount &&
      p.deferred_days === input.plan.deferredDays &&
      p.deferred_months === input.plan.deferredMonths,
  );
  if (!plan?.allowed) {
    return { ok: false, reason: "plan_not_allowed", message: `plan ${key} is not enabled for this merchant` };
  }
  const constraints = { minimum: plan.min_purchase_amount, maximum: plan.max_purchase_amount };
  if (input.amountCents < plan.min_purchase_amount) {
    return {
      ok: false,
      reason: "amount_below_minimum",
      message: `${key} needs at least ${plan.min_purchase_amount} cents`,
      constraints,
    };
  }
  if (input.amountCents > plan.max_purchase_amount) {
    return {
      ok: false,
      reason: "amount_above_maximum",
      message: `${key} allows at most ${plan.max_purchase_amount} cents`,
      constraints,
    };
  }
  return { ok: true, plan };
}
