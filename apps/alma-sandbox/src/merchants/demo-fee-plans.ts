import type { AmountLimits, FeePlan } from "./fee-plan.ts";

interface PlanSpec {
  count: number;
  days?: number;
  merchantBps: number;
  customerBps: number;
  lendingBps?: number;
  triggerDays?: number;
}

// Every fee sits inside Alma's 70–1326 bps window. Credit plans (10x, 12x) carry a lending rate
// under France's usury cap; 3x and 4x support payment upon trigger within 30 days.
const SPECS: readonly PlanSpec[] = [
  { count: 1, merchantBps: 95, customerBps: 70 },
  { count: 2, merchantBps: 225, customerBps: 100 },
  { count: 3, merchantBps: 290, customerBps: 145, triggerDays: 30 },
  { count: 4, merchantBps: 380, customerBps: 180, triggerDays: 30 },
  { count: 10, merchantBps: 490, customerBps: 70, lendingBps: 1720 },
  { count: 12, merchantBps: 540, customerBps: 70, lendingBps: 1960 },
  { count: 1, days: 15, merchantBps: 190, customerBps: 110 },
  { count: 1, days: 30, merchantBps: 250, customerBps: 150 },
];

export const DEFAULT_LIMITS: AmountLimits = { min: 5000, max: 200000 };

/** The plans every sandbox merchant has, all allowed, within the configured amount window. */
export function demoFeePlans(merchantId: string, limits: AmountLimits): FeePlan[] {
  return SPECS.map((spec) => ({
    kind: "general",
    installments_count: spec.count,
    deferred_days: spec.days ?? 0,
    deferred_months: 0,
    allowed: true,
    available_online: true,
    available_in_pos: false,
    min_purchase_amount: limits.min,
    max_purchase_amount: limits.max,
    merchant_fee_variable: spec.merchantBps,
    merchant_fee_fixed: 0,
    customer_fee_variable: spec.customerBps,
    customer_fee_fixed: 0,
    customer_lending_rate: spec.lendingBps ?? 0,
    deferred_trigger_limit_days: spec.triggerDays ?? null,
    deferred_trigger_bypass_scoring: false,
    first_installment_ratio: null,
    capped: false,
    is_under_maximum_interest_regulated_rate: true,
    payout_on_acceptance: false,
    merchant: merchantId,
  }));
}

export function findPlan(
  plans: readonly FeePlan[],
  wanted: { installmentsCount: number; deferredDays: number; deferredMonths: number },
): FeePlan | undefined {
  return plans.find(
    (p) =>
      p.installments_count === wanted.installmentsCount &&
      p.deferred_days === wanted.deferredDays &&
      p.deferred_months === wanted.deferredMonths,
  );
}
