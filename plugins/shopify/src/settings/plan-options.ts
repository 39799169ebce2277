import { describePlan, type FeePlan, formatPlanKey, parsePlanKey } from "@alma-suite/core";
import type { PlanSetting } from "../tenants/shop-settings.ts";
import type { PlanOption, SubmittedPlan } from "./settings-api-schemas.ts";

export type { PlanOption, SubmittedPlan };

export function planOptions(feePlans: readonly FeePlan[]): PlanOption[] {
  return feePlans
    .filter((p) => p.allowed && p.kind === "general" && p.available_online !== false)
    .map((p) => {
      const key = formatPlanKey({
        kind: p.kind,
        installmentsCount: p.installments_count,
        deferredDays: p.deferred_days,
        deferredMonths: p.deferred_months,
      });
      return {
        key,
        label: describePlan(parsePlanKey(key)!, "en"),
        almaMinCents: p.min_purchase_amount,
        almaMaxCents: p.max_purchase_amount,
        triggerLimitDays: p.deferred_trigger_limit_days ?? null,
        merchantFeeBps: p.merchant_fee_variable ?? null,
        customerFeeBps: p.customer_fee_variable ?? null,
        customerLendingRateBps: p.customer_lending_rate ?? null,
      };
    })
    .filter((o) => parsePlanKey(o.key) !== undefined);
}

export type PlanValidation =
  | { ok: true; plans: PlanSetting[] }
  | { ok: false; errors: { key: string; message: string }[] };

/**
 * The merchant may only narrow Alma's window for a plan (as Alma's WooCommerce plugin does), never
 * widen it, and must leave at least one plan on. Plans Alma no longer offers are dropped.
 */
export function validatePlans(
  submitted: readonly SubmittedPlan[],
  options: readonly PlanOption[],
): PlanValidation {
  const errors: { key: string; message: string }[] = [];
  const plans: PlanSetting[] = [];
  for (const plan of submitted) {
    const option = options.find((o) => o.key === plan.key);
    if (!option) {
      errors.push({ key: plan.key, message: "Alma does not offer this plan to your account" });
      continue;
    }
    if (
      plan.minCents < option.almaMinCents ||
      plan.maxCents > option.almaMaxCents ||
      plan.minCents > plan.maxCents
    ) {
      errors.push({
        key: plan.key,
        message: `amounts must stay within Alma's limits (${option.almaMinCents}–${option.almaMaxCents} cents), minimum below maximum`,
      });
      continue;
    }
    plans.push({
      key: plan.key,
      enabled: plan.enabled,
      minCents: plan.minCents,
      maxCents: plan.maxCents,
      almaMinCents: option.almaMinCents,
      almaMaxCents: option.almaMaxCents,
      triggerLimitDays: option.triggerLimitDays,
    });
  }
  if (errors.length === 0 && !plans.some((p) => p.enabled))
    errors.push({ key: "*", message: "enable at least one plan" });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, plans };
}
