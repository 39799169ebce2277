import { formatPlanKey } from "@alma-suite/core";
import { demoFeePlans } from "./demo-fee-plans.ts";
import type { AmountLimits, FeePlan } from "./fee-plan.ts";
import type { MerchantRecord } from "./merchant-record.ts";

/**
 * The merchant's fee plans: every plan the sandbox offers, `allowed` only for the ones enabled
 * on its account, each within the account's amount window (or the sandbox's default one).
 */
export function merchantFeePlans(merchant: MerchantRecord, defaultLimits: AmountLimits): FeePlan[] {
  const enabled = merchant.plans ? new Set(merchant.plans) : undefined;
  return demoFeePlans(merchant.id, merchant.limits ?? defaultLimits).map((plan) => ({
    ...plan,
    allowed: enabled === undefined || enabled.has(planKeyOf(plan)),
  }));
}

export function planKeyOf(plan: FeePlan): string {
  return formatPlanKey({
    kind: plan.kind,
    installmentsCount: plan.installments_count,
    deferredDays: plan.deferred_days,
    deferredMonths: plan.deferred_months,
  });
}
