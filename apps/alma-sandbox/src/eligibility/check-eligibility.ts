import { findPlan } from "../merchants/demo-fee-plans.ts";
import type { FeePlan } from "../merchants/fee-plan.ts";
import { pricePlan } from "../payments/price-plan.ts";

export interface EligibilityQuery {
  installments_count: number;
  deferred_days: number;
  deferred_months: number;
}

export type EligibilityItem = Record<string, unknown> & { eligible: boolean; installments_count: number };

/**
 * One answer per query, priced exactly as payment creation would price it. Not eligible is an
 * answer too: `reasons` say which field failed and `constraints` give the allowed window.
 */
export function checkEligibility(
  plans: readonly FeePlan[],
  purchaseAmount: number,
  query: EligibilityQuery,
  now: Date,
): EligibilityItem {
  const base = {
    purchase_amount: purchaseAmount,
    installments_count: query.installments_count,
    deferred_days: query.deferred_days,
    deferred_months: query.deferred_months,
  };
  const plan = findPlan(plans, {
    installmentsCount: query.installments_count,
    deferredDays: query.deferred_days,
    deferredMonths: query.deferred_months,
  });
  if (!plan?.allowed) {
    return { eligible: false, ...base, reasons: { installments_count: "invalid_value" }, constraints: {} };
  }
  if (purchaseAmount < plan.min_purchase_amount || purchaseAmount > plan.max_purchase_amount) {
    return {
      eligible: false,
      ...base,
      reasons: { purchase_amount: "invalid_value" },
      constraints: {
        purchase_amount: { minimum: plan.min_purchase_amount, maximum: plan.max_purchase_amount },
      },
    };
  }
  const price = pricePlan(plan, purchaseAmount, now);
  return {
    eligible: true,
    ...base,
    payment_plan: price.schedule.map((line) => ({
      due_date: line.dueDate,
      purchase_amount: line.purchaseAmount,
      customer_fee: line.customerFee,
      customer_interest: line.customerInterest,
      total_amount: line.totalAmount,
      refunded_interest: 0,
    })),
    customer_fee: price.customerFee,
    customer_interest: price.customerInterest,
    customer_total_cost_amount: price.customerTotalCost,
    customer_total_cost_bps: price.customerTotalCostBps,
    annual_interest_rate: price.annualInterestRate,
  };
}
