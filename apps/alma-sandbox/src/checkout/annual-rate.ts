import { demoFeePlans, findPlan } from "../merchants/demo-fee-plans.ts";
import type { PaymentRecord } from "../payments/payment-record.ts";
import type { SandboxContext } from "../sandbox-context.ts";

/**
 * The payment's TAEG in basis points, from the merchant's fee plan, as the eligibility answer gives
 * it (`annual_interest_rate` = the plan's lending rate); null when the plan is gone.
 */
export function annualRateOf(ctx: SandboxContext, record: PaymentRecord): number | null {
  const { payment } = record;
  const plan = findPlan(demoFeePlans(record.internal.merchantId, ctx.limits), {
    installmentsCount: payment.installments_count,
    deferredDays: payment.deferred_days,
    deferredMonths: payment.deferred_months,
  });
  return plan ? plan.customer_lending_rate : null;
}
